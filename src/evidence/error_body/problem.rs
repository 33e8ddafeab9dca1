//! RFC 9457 problem details (ASP.NET Core's `ValidationProblemDetails` included) and JSON:API:
//! the formats that name fields by JSON pointer, `source` object or named-item list.
//!
//! Separate because both read the same pointer/parameter/header items, which no other format
//! uses.

use serde_json::{Map, Value};

use super::access::{arr_at, code_at, first_text, is_http_url, obj_at, push_issue, str_at, text_at};
use super::summary::{ErrorSummary, FieldIssue, Location, clean};
use super::walk::object_of_arrays;
use crate::evidence::field_path::{self, PathSeg};

/// RFC 9457 members plus the known extension shapes (docs/diagnosis.md §Error bodies), ASP.NET
/// included.
pub(super) fn problem(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    if let Some(kind) = str_at(object, "type") {
        summary.problem_type = Some(kind.to_owned());
        if kind != "about:blank" {
            summary.code = clean(kind);
            if is_http_url(kind) {
                summary.doc_url = clean(kind);
            }
        }
    }
    summary.headline = first_text(object, &["detail", "title"]);
    summary.request_id = text_at(object, "instance");
    summary.violated_policies = ["violated-policies", "violated_policies"]
        .iter()
        .filter_map(|key| arr_at(object, key))
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(clean)
        .collect();
    match object.get("errors") {
        Some(Value::Array(items)) => pointer_items(items, summary),
        Some(Value::Object(errors)) => object_of_arrays(errors, aspnet_location, summary),
        _ => {}
    }
    for key in ["invalid-params", "invalid_params"] {
        named_items(
            arr_at(object, key),
            &["name"],
            &["reason", "detail", "message"],
            summary,
        );
    }
    // Symfony writes `propertyPath` and `title`; others `field` and `message`.
    named_items(
        arr_at(object, "violations"),
        &["field", "propertyPath", "property_path", "property", "path"],
        &["message", "detail", "title"],
        summary,
    );
    if summary.code.is_none() {
        summary.code = code_at(object, "code").or_else(|| text_at(object, "error"));
    }
}

/// ASP.NET keys: `$.a.b` paths and `""` (body missing) are about the body; model names may
/// come from anywhere the binder looked.
fn aspnet_location(key: &str) -> Location {
    if key.is_empty() || key.starts_with('$') {
        Location::Body
    } else {
        Location::Unknown
    }
}

/// Items naming their field with `pointer`/`parameter`/`header`, directly or under `source`
/// (RFC 9457 `errors[]`, JSON:API).
fn pointer_items(items: &[Value], summary: &mut ErrorSummary) {
    for item in items.iter().filter_map(Value::as_object) {
        let source = obj_at(item, "source");
        let member = |key: &str| str_at(item, key).or_else(|| source.and_then(|s| str_at(s, key)));
        let (location, path, raw) = if let Some(pointer) = member("pointer") {
            (Location::Body, field_path::from_json_pointer(pointer), pointer)
        } else if let Some(parameter) = member("parameter") {
            (Location::Query, field_path::from_dotted(parameter), parameter)
        } else if let Some(header) = member("header") {
            (Location::Header, vec![PathSeg::Key(header.to_owned())], header)
        } else if let Some(field) = member("field").or_else(|| member("name")) {
            (Location::Unknown, field_path::from_any(field), field)
        } else {
            continue;
        };
        let issue = FieldIssue {
            location,
            path,
            raw_path: raw.to_owned(),
            message: first_text(item, &["detail", "message", "title", "reason"]),
            code: code_at(item, "code"),
        };
        push_issue(summary, issue);
    }
}

/// `[{name: …, reason: …}]`-style lists (`invalid-params`, `violations`).
fn named_items(
    items: Option<&Vec<Value>>,
    name_keys: &[&str],
    message_keys: &[&str],
    summary: &mut ErrorSummary,
) {
    for item in items.into_iter().flatten().filter_map(Value::as_object) {
        let Some(name) = name_keys.iter().find_map(|key| str_at(item, key)) else {
            continue;
        };
        let issue = FieldIssue {
            location: Location::Unknown,
            path: field_path::from_any(name),
            raw_path: name.to_owned(),
            message: first_text(item, message_keys),
            code: code_at(item, "code"),
        };
        push_issue(summary, issue);
    }
}

pub(super) fn json_api(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let items = arr_at(object, "errors").map_or(&[][..], Vec::as_slice);
    if let Some(first) = items.iter().find_map(Value::as_object) {
        summary.headline = first_text(first, &["detail", "title"]);
        summary.code = code_at(first, "code");
        summary.request_id = code_at(first, "id");
        summary.doc_url = obj_at(first, "links").and_then(|links| match links.get("about") {
            Some(Value::String(url)) => clean(url),
            Some(Value::Object(link)) => text_at(link, "href"),
            _ => None,
        });
    }
    pointer_items(items, summary);
}
