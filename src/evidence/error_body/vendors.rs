//! Single-API and protocol formats: Stripe, GitHub, the OAuth 2.0 token error, GraphQL
//! `errors`, AWS JSON and the Slack-style `"ok": false`.
//!
//! Separate from the frameworks because each of these belongs to one API or protocol and is
//! read by a short, self-contained extractor.

use serde_json::{Map, Value};

use super::access::{arr_at, code_at, first_text, obj_at, push_issue, str_at, text_at};
use super::summary::{ErrorSummary, FieldIssue, Location, clean};
use crate::evidence::field_path::{self, PathSeg};

pub(super) fn stripe(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let Some(error) = obj_at(object, "error") else {
        return;
    };
    summary.headline = text_at(error, "message");
    summary.code = text_at(error, "code").or_else(|| text_at(error, "type"));
    summary.doc_url = text_at(error, "doc_url");
    summary.request_id = text_at(error, "request_log_url");
    if let Some(param) = str_at(error, "param") {
        let issue = FieldIssue {
            location: Location::Body,
            path: field_path::from_dotted(param),
            raw_path: param.to_owned(),
            message: summary.headline.clone(),
            code: summary.code.clone(),
        };
        push_issue(summary, issue);
    }
}

pub(super) fn github(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    summary.headline = text_at(object, "message");
    summary.doc_url = text_at(object, "documentation_url");
    for item in arr_at(object, "errors").into_iter().flatten() {
        let issue = match item {
            Value::String(message) => FieldIssue {
                location: Location::Body,
                path: Vec::new(),
                raw_path: String::new(),
                message: clean(message),
                code: None,
            },
            Value::Object(error) => {
                let field = str_at(error, "field").unwrap_or("");
                let code = text_at(error, "code");
                let mut path: Vec<PathSeg> = error
                    .get("index")
                    .and_then(Value::as_u64)
                    .and_then(|i| usize::try_from(i).ok())
                    .map(PathSeg::Index)
                    .into_iter()
                    .collect();
                path.extend(field_path::from_dotted(field));
                FieldIssue {
                    location: Location::Body,
                    path,
                    raw_path: field.to_owned(),
                    message: text_at(error, "message").or_else(|| code.as_deref().map(github_code_text)),
                    code,
                }
            }
            _ => continue,
        };
        push_issue(summary, issue);
    }
}

/// GitHub's documented error codes in words, for items that carry no message.
fn github_code_text(code: &str) -> String {
    match code {
        "missing" => "resource does not exist".to_owned(),
        "missing_field" => "is required but was not sent".to_owned(),
        "invalid" => "is not formatted correctly".to_owned(),
        "already_exists" => "already exists".to_owned(),
        "unprocessable" => "could not be processed".to_owned(),
        other => other.replace('_', " "),
    }
}

pub(super) fn oauth(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    summary.code = text_at(object, "error");
    summary.headline = first_text(object, &["error_description", "error"]);
    summary.doc_url = text_at(object, "error_uri");
}

/// GraphQL `path` is a path in the *response*, not in what was sent, so it yields no issues.
pub(super) fn graphql(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let items = arr_at(object, "errors").map_or(&[][..], Vec::as_slice);
    summary.graphql_errors = items.len();
    let errors = || items.iter().filter_map(Value::as_object);
    summary.headline = errors().find_map(|e| text_at(e, "message"));
    summary.code = errors().find_map(|e| obj_at(e, "extensions").and_then(|x| code_at(x, "code")));
}

pub(super) fn aws_json(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    summary.code = str_at(object, "__type")
        .map(|kind| {
            let after_hash = kind.rsplit('#').next().unwrap_or(kind);
            after_hash.split(':').next().unwrap_or(after_hash)
        })
        .and_then(clean)
        .or_else(|| first_text(object, &["code", "Code"]));
    summary.headline = first_text(object, &["message", "Message", "errorMessage"]);
}

pub(super) fn slack(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    summary.slack_ok_false = true;
    summary.code = text_at(object, "error");
    summary.headline = summary.code.clone();
}
