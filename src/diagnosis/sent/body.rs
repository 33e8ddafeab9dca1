//! The request body as data (JSON, or form pairs) and what it looks like by its first bytes,
//! against the Content-Type it declares.

use serde_json::Value;

use crate::evidence::error_body::json_lines;
use crate::evidence::negotiation::essence;
use crate::http::SentRequest;
use crate::media_type::is_json_type;

/// Bodies larger than this are not parsed (request or response): error bodies are small,
/// and a 50 MB body must not make diagnosis slow.
pub const PARSE_LIMIT: usize = 1024 * 1024;

/// The request body as data: JSON (or why it is not) unless it is form-encoded, then pairs.
#[derive(Default)]
pub struct SentBody {
    pub json: Option<Value>,
    /// Why the body did not parse as JSON, when it was read as JSON (not a form).
    pub json_error: Option<serde_json::Error>,
    pub form: Vec<(String, String)>,
}

/// Reads the body as data: form pairs for a form-encoded body, JSON for any other.
pub fn as_data(sent: &SentRequest) -> SentBody {
    if sent.body.is_empty() || sent.body.len() > PARSE_LIMIT {
        return SentBody::default();
    }
    let content_type = essence(sent.header("content-type").unwrap_or_default());
    if content_type == "application/x-www-form-urlencoded" {
        return SentBody {
            form: url::form_urlencoded::parse(&sent.body).into_owned().collect(),
            ..SentBody::default()
        };
    }
    // Line-delimited JSON (a bulk API's NDJSON) is not broken JSON: it is read as no JSON at
    // all, neither a document nor an error.
    if is_json_lines_type(&content_type) || json_lines(&sent.body).is_some() {
        return SentBody::default();
    }
    match serde_json::from_slice(&sent.body) {
        Ok(json) => SentBody {
            json: Some(json),
            ..SentBody::default()
        },
        Err(error) => SentBody {
            json_error: Some(error),
            ..SentBody::default()
        },
    }
}

/// NDJSON, JSON Lines and JSON text sequences: one JSON value per line or record.
pub fn is_json_lines_type(essence: &str) -> bool {
    matches!(
        essence,
        "application/x-ndjson"
            | "application/ndjson"
            | "application/jsonl"
            | "application/x-jsonlines"
            | "application/jsonlines"
            | "application/json-seq"
    )
}

/// The body as text, if it is small UTF-8.
pub fn as_text(sent: &SentRequest) -> Option<&str> {
    if sent.body.is_empty() || sent.body.len() > PARSE_LIMIT {
        return None;
    }
    std::str::from_utf8(&sent.body).ok()
}

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
    if (trimmed.starts_with('{') || trimmed.starts_with('[')) && json_lines(body).is_some() {
        "NDJSON"
    } else if trimmed.starts_with('{') || trimmed.starts_with('[') {
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

fn looks_like_form(text: &str) -> bool {
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

/// The declared type says one format and the body looks like another.
pub fn body_contradiction(declared: &str, sniffed: &str) -> Option<String> {
    let essence = essence(declared);
    if essence == "application/x-www-form-urlencoded" && sniffed == "JSON" {
        Some("Content-Type is application/x-www-form-urlencoded but the body is JSON".to_owned())
    } else if is_json_type(declared) && matches!(sniffed, "form data" | "XML" | "HTML" | "multipart data") {
        Some(format!(
            "Content-Type is {essence} but the body looks like {sniffed}"
        ))
    } else if binary_type(&essence) && matches!(sniffed, "JSON" | "NDJSON" | "form data" | "XML" | "HTML") {
        // `audio/wav` over `{"url": …}`: a type copied from the upload example.
        Some(format!(
            "Content-Type is {essence} but the body is {sniffed} text — the server will try to read it as {essence}"
        ))
    } else {
        None
    }
}

/// Media types of binary content: audio, images, video, archives. Not raw bytes
/// (`application/octet-stream` carries any file, a JSON one too), nor the text formats among
/// them (`image/svg+xml`).
fn binary_type(essence: &str) -> bool {
    let text_based = essence.ends_with("+xml") || essence.ends_with("+json");
    !text_based
        && (["audio/", "image/", "video/", "font/"]
            .iter()
            .any(|p| essence.starts_with(p))
            || matches!(
                essence,
                "application/pdf" | "application/zip" | "application/gzip"
            ))
}

/// serde's message with a hint for the usual culprits.
pub fn json_error(error: &serde_json::Error, text: &str) -> String {
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
