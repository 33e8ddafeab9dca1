//! JSON access helpers shared by the sniffers and the per-format extractors: typed member
//! lookups that clean text as they read it, and the capped list of field issues.
//!
//! Separate because every format module reads members the same way; keeping the helpers in
//! one place leaves each extractor about its format alone.

use serde_json::{Map, Value};

use super::summary::{ErrorSummary, FieldIssue, MAX_ISSUES, clean};

pub(super) fn str_at<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

pub(super) fn obj_at<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Map<String, Value>> {
    object.get(key).and_then(Value::as_object)
}

pub(super) fn arr_at<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Vec<Value>> {
    object.get(key).and_then(Value::as_array)
}

/// A cleaned string member.
pub(super) fn text_at(object: &Map<String, Value>, key: &str) -> Option<String> {
    str_at(object, key).and_then(clean)
}

/// A cleaned string or number member (codes are sometimes numbers).
pub(super) fn code_at(object: &Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key)? {
        Value::String(text) => clean(text),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The first of several members that holds text.
pub(super) fn first_text(object: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| text_at(object, key))
}

pub(super) fn is_http_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

pub(super) fn push_issue(summary: &mut ErrorSummary, issue: FieldIssue) {
    if summary.issues.len() < MAX_ISSUES {
        summary.issues.push(issue);
    }
}
