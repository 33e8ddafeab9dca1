//! JSON that no known format claims (docs/diagnosis.md §Error bodies, last step), and the
//! request-id and documentation-link lookups applied after every format.
//!
//! Separate because it guesses from common member names instead of reading a documented shape.

use serde_json::{Map, Value};

use super::access::{arr_at, code_at, first_text, is_http_url, obj_at, push_issue, str_at, text_at};
use super::summary::{ErrorSummary, FieldIssue, Location};
use crate::evidence::field_path;

pub(super) const GENERIC_MESSAGE_KEYS: &[&str] = &[
    "message",
    "error_description",
    "detail",
    "msg",
    "title",
    "errorMessage",
    "error_message",
    "Message",
    "description",
];

/// Whatever looks like a message and a code (docs/diagnosis.md §Error bodies, last step), plus
/// `errors[]` items that name a field.
pub(super) fn generic(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let nested = obj_at(object, "error");
    summary.headline = first_text(object, GENERIC_MESSAGE_KEYS)
        .or_else(|| nested.and_then(|e| first_text(e, GENERIC_MESSAGE_KEYS)))
        .or_else(|| text_at(object, "error"))
        .or_else(|| {
            let items = arr_at(object, "errors")?;
            items
                .iter()
                .filter_map(Value::as_object)
                .find_map(|e| first_text(e, GENERIC_MESSAGE_KEYS))
        });
    summary.code = ["code", "errorCode", "error_code"]
        .iter()
        .find_map(|key| code_at(object, key))
        .or_else(|| nested.and_then(|e| code_at(e, "code").or_else(|| code_at(e, "type"))))
        .or_else(|| {
            summary
                .headline
                .is_some()
                .then(|| text_at(object, "error"))
                .flatten()
        })
        .filter(|code| Some(code) != summary.headline.as_ref());
    for item in arr_at(object, "errors")
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let Some(field) = ["field", "param", "parameter", "name", "path"]
            .iter()
            .find_map(|k| str_at(item, k))
        else {
            continue;
        };
        let issue = FieldIssue {
            location: Location::Unknown,
            path: field_path::from_any(field),
            raw_path: field.to_owned(),
            message: first_text(item, GENERIC_MESSAGE_KEYS),
            code: code_at(item, "code"),
        };
        push_issue(summary, issue);
    }
}

/// Request ids and documentation links under the names APIs commonly use, wherever the format
/// itself did not provide one.
pub(super) fn common_fallbacks(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    const ID_KEYS: &[&str] = &[
        "request_id",
        "requestId",
        "RequestId",
        "error_id",
        "errorId",
        "traceId",
        "trace_id",
        "correlation_id",
        "correlationId",
    ];
    const DOC_KEYS: &[&str] = &[
        "doc_url",
        "documentation_url",
        "error_uri",
        "more_info",
        "help_url",
    ];
    let scopes: Vec<&Map<String, Value>> = [Some(object), obj_at(object, "error"), obj_at(object, "meta")]
        .into_iter()
        .flatten()
        .collect();
    if summary.request_id.is_none() {
        summary.request_id = scopes
            .iter()
            .find_map(|scope| ID_KEYS.iter().find_map(|key| code_at(scope, key)));
    }
    if summary.doc_url.is_none() {
        summary.doc_url = scopes
            .iter()
            .find_map(|scope| DOC_KEYS.iter().find_map(|key| text_at(scope, key)))
            .filter(|url| is_http_url(url));
    }
}
