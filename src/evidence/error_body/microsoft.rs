//! Microsoft REST errors (Azure, Microsoft Graph): the `innererror` code chain and the
//! recursive `details` targets.
//!
//! Separate because it is the one format with two nested structures to walk.

use serde_json::{Map, Value};

use super::access::{arr_at, first_text, obj_at, push_issue, str_at, text_at};
use super::summary::{ErrorSummary, FieldIssue, Location, MAX_DEPTH};
use crate::evidence::field_path;

pub(super) fn microsoft(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let Some(error) = obj_at(object, "error") else {
        return;
    };
    summary.headline = text_at(error, "message");
    let mut chain = Vec::new();
    let mut inner = inner_error(error);
    let mut depth = 0;
    while let Some(current) = inner {
        depth += 1;
        if depth > MAX_DEPTH {
            break;
        }
        if let Some(code) = text_at(current, "code") {
            chain.push(code);
        }
        if summary.request_id.is_none() {
            summary.request_id = first_text(current, &["request-id", "client-request-id"]);
        }
        inner = inner_error(current);
    }
    summary.code = if chain.is_empty() {
        text_at(error, "code")
    } else {
        Some(chain.join(" › "))
    };
    let has_details = arr_at(error, "details").is_some_and(|d| !d.is_empty());
    if has_details {
        microsoft_details(error, summary, 0);
    } else if let Some(target) = str_at(error, "target") {
        push_issue(summary, microsoft_issue(target, error));
    }
}

fn inner_error(error: &Map<String, Value>) -> Option<&Map<String, Value>> {
    obj_at(error, "innererror").or_else(|| obj_at(error, "innerError"))
}

fn microsoft_details(error: &Map<String, Value>, summary: &mut ErrorSummary, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for detail in arr_at(error, "details")
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        if let Some(target) = str_at(detail, "target") {
            push_issue(summary, microsoft_issue(target, detail));
        }
        microsoft_details(detail, summary, depth + 1);
    }
}

fn microsoft_issue(target: &str, error: &Map<String, Value>) -> FieldIssue {
    FieldIssue {
        location: Location::Unknown,
        path: field_path::from_any(target),
        raw_path: target.to_owned(),
        message: text_at(error, "message"),
        code: text_at(error, "code"),
    }
}
