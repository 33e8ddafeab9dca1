//! Server frameworks' validation errors: `FastAPI`/Pydantic, Laravel, Rails, Django REST
//! framework (with its throttling message) and Spring Boot.
//!
//! Separate from the single-API formats (`vendors`) because these shapes come from frameworks
//! that many APIs share, and most of them report fields through the common tree walk.

use std::time::Duration;

use serde_json::{Map, Value};

use super::access::{arr_at, first_text, obj_at, push_issue, str_at, text_at};
use super::summary::{ErrorSummary, FieldIssue, Location, clean};
use super::walk::{object_of_arrays, walk};
use crate::evidence::field_path::{self, PathSeg};

pub(super) fn fastapi(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    for item in arr_at(object, "detail")
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let loc = arr_at(item, "loc").map_or(&[][..], Vec::as_slice);
        let prefix = loc.first().and_then(Value::as_str).and_then(|first| match first {
            "body" => Some(Location::Body),
            "query" => Some(Location::Query),
            "path" => Some(Location::Path),
            "header" => Some(Location::Header),
            "cookie" => Some(Location::Cookie),
            _ => None,
        });
        let (location, rest) = match prefix {
            Some(location) => (location, loc.get(1..).unwrap_or(&[])),
            None => (Location::Unknown, loc),
        };
        let issue = FieldIssue {
            location,
            path: field_path::from_loc(rest),
            raw_path: Value::Array(loc.to_vec()).to_string(),
            message: text_at(item, "msg"),
            code: text_at(item, "type"),
        };
        push_issue(summary, issue);
    }
}

pub(super) fn laravel(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    summary.headline = text_at(object, "message");
    if let Some(errors) = obj_at(object, "errors") {
        object_of_arrays(errors, |_| Location::Unknown, summary);
    }
}

pub(super) fn rails(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    match object.get("errors") {
        Some(Value::Object(errors)) => object_of_arrays(errors, |_| Location::Unknown, summary),
        Some(errors @ Value::Array(_)) => walk(errors, &mut Vec::new(), "", Location::Unknown, summary, 0),
        _ => object_of_arrays(object, |_| Location::Unknown, summary),
    }
}

pub(super) fn drf(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    if let Some(detail) = str_at(object, "detail") {
        summary.headline = clean(detail);
        summary.retry_hint = throttle_wait(detail);
    }
    for (key, value) in object {
        if key == "detail" && value.is_string() {
            continue;
        }
        let mut path = if key == "non_field_errors" {
            Vec::new()
        } else {
            vec![PathSeg::Key(key.clone())]
        };
        walk(value, &mut path, key, Location::Unknown, summary, 0);
    }
}

/// DRF throttling: "Request was throttled. Expected available in 17 seconds."
pub fn throttle_wait(text: &str) -> Option<Duration> {
    const MARKER: &str = "expected available in ";
    let lower = text.to_ascii_lowercase();
    let start = lower.find(MARKER)? + MARKER.len();
    let rest = lower.get(start..)?;
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let after = rest.get(number.len()..)?.trim_start();
    if !after.starts_with("second") {
        return None;
    }
    Duration::try_from_secs_f64(number.parse().ok()?).ok()
}

pub(super) fn spring(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    summary.headline = text_at(object, "message")
        .filter(|m| m != "No message available")
        .or_else(|| text_at(object, "error"));
    for item in arr_at(object, "errors")
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let Some(field) = str_at(item, "field") else {
            continue;
        };
        let issue = FieldIssue {
            location: Location::Unknown,
            path: field_path::from_dotted(field),
            raw_path: field.to_owned(),
            message: first_text(item, &["defaultMessage", "message"]),
            code: text_at(item, "code"),
        };
        push_issue(summary, issue);
    }
}
