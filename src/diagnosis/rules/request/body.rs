//! The body: does it parse, is it labelled right, does the method allow one, do its numbers
//! survive (`R.json-parse`, `R.ct-missing`, `R.ct-mismatch`, `R.body-on-bodyless-method`,
//! `R.number-precision`).

use serde_json::Value;

use super::super::evidence;
use crate::diagnosis::Check;
use crate::diagnosis::catalogue::request;
use crate::diagnosis::facts::Facts;
use crate::evidence::negotiation::{essence, is_utf8, media_param};

/// What a body looks like, by its first bytes.
pub fn sniff(body: &[u8]) -> &'static str {
    let text = match std::str::from_utf8(&body[..body.len().min(4096)]) {
        Ok(t) => t,
        Err(e) if e.valid_up_to() > 0 && e.error_len().is_none() => {
            std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return "binary data",
    };
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        "JSON"
    } else if trimmed.starts_with("<!DOCTYPE html") || trimmed.to_ascii_lowercase().starts_with("<html") {
        "HTML"
    } else if trimmed.starts_with('<') {
        "XML"
    } else if trimmed.starts_with("--") && trimmed.contains("Content-Disposition") {
        "multipart data"
    } else if looks_like_form(trimmed) {
        "form data"
    } else {
        "text"
    }
}

pub(super) fn looks_like_form(text: &str) -> bool {
    !text.is_empty()
        && !text.contains(char::is_whitespace)
        && text.split('&').all(|pair| {
            pair.split_once('=').is_some_and(|(k, _)| {
                !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_-.[]%".contains(c))
            })
        })
}

pub use crate::media_type::is_json_type;

/// The sent body as text, if it is small UTF-8.
pub(super) fn body_text<'a>(f: &Facts<'a>) -> Option<&'a str> {
    let sent = f.sent?;
    if sent.body.is_empty() || sent.body.len() > crate::diagnosis::facts::PARSE_LIMIT {
        return None;
    }
    std::str::from_utf8(&sent.body).ok()
}

/// A JSON body that does not parse: the error with its line and column.
pub fn json_parse(f: &Facts<'_>) -> Option<Check> {
    let text = body_text(f)?;
    let declared = f.sent_header("content-type");
    let claims_json = declared.is_some_and(is_json_type);
    if !claims_json && sniff(text.as_bytes()) != "JSON" {
        return None;
    }
    if text.starts_with('\u{feff}') {
        return Some(Check::fail(
            request::JSON_PARSE,
            "Body starts with a UTF-8 byte-order mark; many JSON parsers reject it",
        ));
    }
    // Facts parsed the body once; only a JSON body sent as a form was read as form pairs.
    let unparsed;
    let parsed = match (&f.sent_json, &f.sent_json_error) {
        (Some(_), _) => Ok(()),
        (None, Some(error)) => Err(error),
        (None, None) => {
            unparsed = serde_json::from_str::<Value>(text).err();
            unparsed.as_ref().map_or(Ok(()), Err)
        }
    };
    Some(match parsed {
        Ok(()) => Check::pass(
            request::JSON_PARSE,
            format!("Body is valid JSON ({})", evidence::size(text.len())),
        ),
        Err(e) => Check::fail(
            request::JSON_PARSE,
            format!("Body is not valid JSON: {}", json_error(e, text)),
        ),
    })
}

/// serde's message with a hint for the usual culprits.
pub(super) fn json_error(error: &serde_json::Error, text: &str) -> String {
    let line = text
        .lines()
        .nth(error.line().saturating_sub(1))
        .unwrap_or_default();
    let mut message = error.to_string();
    if line.contains('\'') && !line.contains('"') {
        message.push_str(" (single quotes are not JSON; use double quotes)");
    } else if line.trim_start().starts_with("//") || line.contains(" //") || line.contains("/*") {
        message.push_str(" (JSON has no comments)");
    }
    message
}

pub(super) fn content_type_missing(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    if sent.body.is_empty() {
        return None;
    }
    Some(match sent.header("content-type") {
        None => Check::fail(
            request::CT_MISSING,
            format!(
                "Body ({}, looks like {}) sent without Content-Type — recipients may assume application/octet-stream",
                evidence::size(sent.body.len()),
                sniff(&sent.body)
            ),
        )
        .cite("RFC 9110 §8.3"),
        Some(ct) => Check::pass(request::CT_MISSING, format!("Content-Type: {}", evidence::quote(ct))),
    })
}

/// The declared type contradicts the body, a multipart type lacks its boundary, or JSON
/// declares a charset other than UTF-8 (catalogue §5, `R.ct-mismatch`).
pub fn content_type_mismatch(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let declared = sent.header("content-type")?;
    if sent.body.is_empty() {
        return None;
    }
    let sniffed = sniff(&sent.body);
    let mismatch = missing_boundary(declared)
        .or_else(|| body_contradiction(declared, sniffed))
        .or_else(|| json_charset(declared));
    Some(match mismatch {
        Some(text) => Check::fail(request::CT_MISMATCH, text),
        None => Check::pass(
            request::CT_MISMATCH,
            format!(
                "Content-Type {} fits a body that looks like {sniffed}",
                essence(declared)
            ),
        ),
    })
}

/// A `multipart/*` type without its `boundary` parameter, which the recipient needs to split
/// the parts (RFC 2046 §5.1.1).
fn missing_boundary(declared: &str) -> Option<String> {
    let essence = essence(declared);
    (essence.starts_with("multipart/") && media_param(declared, "boundary").is_none_or(|b| b.is_empty()))
        .then(|| format!("Content-Type {essence} has no boundary parameter (header set by hand?)"))
}

/// The declared type says one format and the body looks like another.
pub fn body_contradiction(declared: &str, sniffed: &str) -> Option<String> {
    let essence = essence(declared);
    if essence == "application/x-www-form-urlencoded" && sniffed == "JSON" {
        Some("Content-Type is application/x-www-form-urlencoded but the body is JSON".to_owned())
    } else if is_json_type(declared) && matches!(sniffed, "form data" | "XML" | "HTML" | "multipart data") {
        Some(format!(
            "Content-Type is {essence} but the body looks like {sniffed}"
        ))
    } else {
        None
    }
}

/// JSON is UTF-8 (RFC 8259 §8.1); another declared charset makes servers misread it.
fn json_charset(declared: &str) -> Option<String> {
    let charset = media_param(declared, "charset")?;
    (is_json_type(declared) && !is_utf8(&charset))
        .then(|| format!("Content-Type {declared} declares a charset other than UTF-8 for JSON"))
}

pub(super) fn body_on_bodyless_method(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let method = sent.method.as_str();
    if sent.body.is_empty() || !matches!(method, "GET" | "HEAD" | "DELETE" | "TRACE") {
        return None;
    }
    let text = format!(
        "{method} request carries a {} body; content in {method} has no defined meaning and intermediaries may drop or reject it",
        evidence::size(sent.body.len())
    );
    let label = format!("{method} carries no body");
    Some(if method == "TRACE" {
        Check::fail(request::BODY_ON_BODYLESS_METHOD, text)
            .labelled(label)
            .cite("RFC 9110 §9.3.8")
    } else {
        Check::possible(request::BODY_ON_BODYLESS_METHOD, text)
            .labelled(label)
            .cite("RFC 9110 §9.3.1")
    })
}

pub(super) fn number_precision(f: &Facts<'_>) -> Option<Check> {
    let json = f.sent_json.as_ref()?;
    let (path, n) = find_in_json(json, &big_number)?;
    Some(Check::possible(
        request::NUMBER_PRECISION,
        format!(
            "{path}: {n} exceeds 2^53; JavaScript-based servers will round it — send it as a string if the API allows"
        ),
    ))
}

/// The first thing `look` finds in a JSON body, depth first in document order. `look` sees
/// every value with its path: `items[0].id`, or `(root)` for the whole body.
pub fn find_in_json<T>(json: &Value, look: &dyn Fn(&str, &Value) -> Option<T>) -> Option<T> {
    fn walk<T>(value: &Value, at: &str, look: &dyn Fn(&str, &Value) -> Option<T>) -> Option<T> {
        if let Some(found) = look(if at.is_empty() { "(root)" } else { at }, value) {
            return Some(found);
        }
        match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, v)| walk(v, &format!("{at}[{i}]"), look)),
            Value::Object(map) => map.iter().find_map(|(k, v)| {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                walk(v, &path, look)
            }),
            _ => None,
        }
    }
    walk(json, "", look)
}

/// A number JavaScript cannot hold exactly, with its path.
fn big_number(path: &str, value: &Value) -> Option<(String, String)> {
    const LIMIT: u64 = 1 << 53;
    let n = value.as_number()?;
    let big = n.as_u64().is_some_and(|v| v > LIMIT) || n.as_i64().is_some_and(|v| v.unsigned_abs() > LIMIT);
    big.then(|| (path.to_owned(), n.to_string()))
}
