//! The recursive walk over `{field: [messages]}` error trees (docs/diagnosis.md §Error bodies):
//! object keys and array indices become path segments, each string one field issue.
//!
//! Separate because DRF, Rails, Laravel and ASP.NET Core all report errors this way, and the
//! walk's depth and issue limits belong in one place.

use serde_json::{Map, Value};

use super::access::push_issue;
use super::summary::{ErrorSummary, FieldIssue, Location, MAX_DEPTH, MAX_ISSUES, clean};
use crate::evidence::field_path::{self, PathSeg};

/// `{field: [messages]}` where field names are dotted paths (Rails, Laravel, ASP.NET).
pub(super) fn object_of_arrays(
    errors: &Map<String, Value>,
    location: fn(&str) -> Location,
    summary: &mut ErrorSummary,
) {
    for (key, value) in errors {
        let mut path = field_path::from_any(key);
        walk(value, &mut path, key, location(key), summary, 0);
    }
}

/// The DRF recursive walk (docs/diagnosis.md §Error bodies): object key → key segment, array
/// index → index segment, each string → one issue at the current path; `non_field_errors` stays
/// at the parent's path.
pub(super) fn walk(
    value: &Value,
    path: &mut Vec<PathSeg>,
    raw: &str,
    location: Location,
    summary: &mut ErrorSummary,
    depth: usize,
) {
    if depth > MAX_DEPTH || summary.issues.len() >= MAX_ISSUES {
        return;
    }
    match value {
        Value::String(message) => push_issue(
            summary,
            FieldIssue {
                location,
                path: path.clone(),
                raw_path: raw.to_owned(),
                message: clean(message),
                code: None,
            },
        ),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                if item.is_string() {
                    walk(item, path, raw, location, summary, depth + 1);
                } else {
                    path.push(PathSeg::Index(index));
                    walk(
                        item,
                        path,
                        &format!("{raw}[{index}]"),
                        location,
                        summary,
                        depth + 1,
                    );
                    path.pop();
                }
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                let child_raw = if raw.is_empty() {
                    key.clone()
                } else {
                    format!("{raw}.{key}")
                };
                if key == "non_field_errors" {
                    walk(member, path, &child_raw, location, summary, depth + 1);
                } else {
                    path.push(PathSeg::Key(key.clone()));
                    walk(member, path, &child_raw, location, summary, depth + 1);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}
