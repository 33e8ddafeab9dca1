//! Google API errors: `google.rpc.Status` with its typed `details` (AIP-193), and the older
//! `error.errors[]` form with `location`/`locationType`.
//!
//! Separate because the `details` messages (`BadRequest`, `ErrorInfo`, `RetryInfo`,
//! `QuotaFailure`, `Help`, …) are a small format of their own.

use std::time::Duration;

use serde_json::{Map, Value};

use super::access::{arr_at, obj_at, push_issue, str_at, text_at};
use super::summary::{ErrorSummary, FieldIssue, Location};
use crate::evidence::field_path::{self, PathSeg};

pub(super) fn google(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let Some(error) = obj_at(object, "error") else {
        return;
    };
    summary.headline = text_at(error, "message");
    summary.code = text_at(error, "status");
    for detail in arr_at(error, "details")
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let kind = str_at(detail, "@type")
            .and_then(|t| t.rsplit(['.', '/']).next())
            .unwrap_or("");
        google_detail(kind, detail, summary);
    }
    google_legacy_issues(error, summary);
}

/// One `google.rpc` detail message, by the last segment of its `@type`.
fn google_detail(kind: &str, detail: &Map<String, Value>, summary: &mut ErrorSummary) {
    match kind {
        "BadRequest" => {
            for violation in arr_at(detail, "fieldViolations")
                .into_iter()
                .flatten()
                .filter_map(Value::as_object)
            {
                let Some(field) = str_at(violation, "field") else {
                    continue;
                };
                let localized = obj_at(violation, "localizedMessage").and_then(|m| text_at(m, "message"));
                let issue = FieldIssue {
                    location: Location::Unknown,
                    path: field_path::from_dotted(field),
                    raw_path: field.to_owned(),
                    message: localized.or_else(|| text_at(violation, "description")),
                    code: text_at(violation, "reason"),
                };
                push_issue(summary, issue);
            }
        }
        "ErrorInfo" => {
            if let Some(reason) = text_at(detail, "reason") {
                summary.code = Some(reason);
            }
        }
        "RetryInfo" => summary.retry_hint = detail.get("retryDelay").and_then(proto_duration),
        "QuotaFailure" => {
            let violations = arr_at(detail, "violations")
                .into_iter()
                .flatten()
                .filter_map(Value::as_object);
            summary.quota_violations.extend(violations.filter_map(|v| {
                match (text_at(v, "subject"), text_at(v, "description")) {
                    (Some(subject), Some(description)) => Some(format!("{subject}: {description}")),
                    (subject, description) => subject.or(description),
                }
            }));
        }
        "Help" => {
            let link = arr_at(detail, "links")
                .into_iter()
                .flatten()
                .filter_map(Value::as_object)
                .find_map(|l| text_at(l, "url"));
            summary.doc_url = summary.doc_url.take().or(link);
        }
        "LocalizedMessage" => {
            if let Some(message) = text_at(detail, "message") {
                summary.headline = Some(message);
            }
        }
        "RequestInfo" => {
            summary.request_id = summary.request_id.take().or_else(|| text_at(detail, "requestId"));
        }
        _ => {}
    }
}

/// A protobuf `Duration` in JSON: `"30s"`, `"1.5s"`, or `{"seconds": 30, "nanos": 0}`.
pub fn proto_duration(value: &Value) -> Option<Duration> {
    let seconds = match value {
        Value::String(text) => text.trim().strip_suffix('s')?.parse::<f64>().ok()?,
        Value::Object(parts) => {
            let whole = parts
                .get("seconds")
                .and_then(|s| s.as_f64().or_else(|| s.as_str()?.parse().ok()))?;
            whole + parts.get("nanos").and_then(Value::as_f64).unwrap_or(0.0) / 1e9
        }
        _ => return None,
    };
    Duration::try_from_secs_f64(seconds).ok()
}

pub(super) fn google_legacy(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let Some(error) = obj_at(object, "error") else {
        return;
    };
    summary.headline = text_at(error, "message");
    let items = || {
        arr_at(error, "errors")
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
    };
    summary.code = items().find_map(|item| text_at(item, "reason"));
    summary.doc_url = items().find_map(|item| text_at(item, "extendedHelp"));
    google_legacy_issues(error, summary);
}

/// Legacy `error.errors[]` items that name a `location`; `locationType` says where.
fn google_legacy_issues(error: &Map<String, Value>, summary: &mut ErrorSummary) {
    for item in arr_at(error, "errors")
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let Some(location) = str_at(item, "location") else {
            continue;
        };
        let (kind, path) = match str_at(item, "locationType") {
            Some("header") => (Location::Header, vec![PathSeg::Key(location.to_owned())]),
            Some("parameter") => (Location::Query, field_path::from_dotted(location)),
            _ => (Location::Unknown, field_path::from_dotted(location)),
        };
        let issue = FieldIssue {
            location: kind,
            path,
            raw_path: location.to_owned(),
            message: text_at(item, "message"),
            code: text_at(item, "reason"),
        };
        push_issue(summary, issue);
    }
}
