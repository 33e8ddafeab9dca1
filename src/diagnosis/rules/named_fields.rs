//! The fields an error body names, each held against the request as sent and worded for
//! evidence: asked by `C.body-field-refs`, `400.named-fields` and `422.fields`.

use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::evidence::crossref::{Presence, expected_type, locate};
use crate::evidence::error_body::FieldIssue;
use crate::evidence::field_path::display;

/// One line per field the server names, with what the request had there.
pub fn field_report(issue: &FieldIssue, presence: &Presence) -> (bool, String) {
    let path = if issue.path.is_empty() {
        issue.raw_path.clone()
    } else {
        display(&issue.path)
    };
    let path = if path.is_empty() {
        "(whole body)".to_owned()
    } else {
        path
    };
    let said = issue.message.as_deref().unwrap_or("was rejected");
    // The issue's own code says what kind of problem it is (`already_exists`, `missing_field`).
    let message = match issue.code.as_deref() {
        Some(code) if !said.to_lowercase().contains(&code.to_lowercase()) => {
            format!("{} ({code})", said.trim_end_matches('.'))
        }
        _ => said.to_owned(),
    };
    match presence {
        Presence::Present { value, json_type } => {
            // The message says what type it wanted: a string where a number belongs, an
            // object where a list belongs.
            let wanted = issue
                .message
                .as_deref()
                .and_then(expected_type)
                .filter(|w| w != json_type);
            let said_lower = issue.message.as_deref().unwrap_or_default().to_lowercase();
            // "cannot be blank", "is required" about a value that was sent: the server did
            // not read what was sent (a JSON body to a form API, or the other way round).
            let unread = [
                "blank",
                "required",
                "missing",
                "not present",
                "must be present",
                "is empty",
                "not provided",
            ]
            .iter()
            .any(|w| said_lower.contains(w));
            // "must be an integer" about 499.5.
            let fraction = (said_lower.contains("integer") || said_lower.contains("whole number"))
                && value.as_f64().is_some_and(|n| n.fract() != 0.0);
            if unread {
                return (
                    true,
                    format!(
                        "Server: \"{path}\" {message}. You sent {} ({json_type}) — the server did not read it: is the body in the format it reads?",
                        quote::text(&value.to_string())
                    ),
                );
            }
            if fraction {
                return (
                    true,
                    format!(
                        "Server: \"{path}\" {message}. You sent {} — a number with a fraction, where it expects an integer.",
                        quote::text(&value.to_string())
                    ),
                );
            }
            match wanted {
                Some(wanted) => (
                    true,
                    format!(
                        "Server: \"{path}\" {message}. You sent {} — {} {json_type}, where it expects {} {wanted}.",
                        quote::text(&value.to_string()),
                        article(json_type),
                        article(wanted)
                    ),
                ),
                None => (
                    false,
                    format!(
                        "Server: \"{path}\" {message}. You sent {} ({json_type}).",
                        quote::text(&value.to_string())
                    ),
                ),
            }
        }
        Presence::Empty { value } => (
            true,
            format!(
                "Server: \"{path}\" {message}. You sent {} (empty).",
                quote::text(&value.to_string())
            ),
        ),
        Presence::Missing {
            near: Some((near, why)),
        } => (
            true,
            format!(
                "Server: \"{path}\" {message}. Your request has no \"{path}\" — closest match \"{near}\" ({why})."
            ),
        ),
        Presence::Missing { near: None } => (
            true,
            format!("Server: \"{path}\" {message}. Your request has no \"{path}\"."),
        ),
        Presence::ElsewhereInBody { actual } => (
            true,
            format!("Server: \"{path}\" {message}. Your body has it at {actual} — expected at {path}."),
        ),
        Presence::CannotTell => (false, format!("Server: \"{path}\" {message}.")),
    }
}

/// `a string`, `an object`.
fn article(json_type: &str) -> &'static str {
    if json_type.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Cross-references every field issue; `(any problem, evidence lines)`.
pub fn field_issues(f: &Facts<'_>) -> Option<(bool, Vec<String>)> {
    let issues = &f.error_body.issues;
    if issues.is_empty() {
        return None;
    }
    let sent = f.sent_data();
    let mut any = false;
    let lines = issues
        .iter()
        .map(|issue| {
            let (problem, line) = field_report(issue, &locate(issue, &sent));
            any |= problem;
            line
        })
        .collect();
    Some((any, lines))
}
