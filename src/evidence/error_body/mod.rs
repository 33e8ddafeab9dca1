//! Error bodies: which format the server used, and what it says, in one normalised summary.
//!
//! APIs explain failures in a dozen shapes (RFC 9457 problem details, Stripe, GitHub, Google,
//! JSON:API, Microsoft, DRF, Rails, …). The checklist needs the same few facts from all of them:
//! a headline, a machine code, a documentation link, a request id to quote to support, a retry
//! hint and, above all, the fields the server complains about — so that the cross-reference
//! (`crossref`) can hold each one against what was sent.
//!
//! Detection follows docs/diagnosis.md §Error bodies: the `application/problem+json` media type
//! first, then JSON shapes most specific first, then XML, HTML and plain text. Parsing is
//! bounded (bodies over 1 MiB are never parsed as JSON, walks are depth- and count-limited) and
//! never panics.
//!
//! This file holds the entry point. The summary types live in `summary`, the stages beside
//! them: `json`
//! (the JSON pipeline), `sniff` (which format it is), one extractor module per family of
//! formats (`problem`, `google`, `microsoft`, `vendors`, `frameworks`, `generic`), `walk` (the
//! shared error-tree walk), `access` (member lookups) and `text` (XML, HTML, plain text).

mod access;
mod deep;
mod frameworks;
mod generic;
mod google;
mod json;
mod microsoft;
mod problem;
mod reported;
mod sniff;
mod summary;
mod text;
mod vendors;
mod walk;
mod xml;

#[cfg(test)]
mod tests;

use serde_json::Value;

use self::json::from_json;
pub use self::summary::{BodyFormat, ErrorSummary, FieldIssue, Location, clean, informative};
use self::text::from_text;

pub use frameworks::throttle_wait;
pub use google::proto_duration;
pub use reported::{Reported, reported_by_headers, reported_failure};

/// Bodies larger than this are not parsed as JSON, so a huge body cannot make diagnosis slow.
const JSON_LIMIT: usize = 1 << 20;
/// How much of a non-JSON body is read for a headline (title, first line, XML elements).
const TEXT_PREFIX: usize = 64 * 1024;
/// Never panics; tolerates any bytes. `content_type` is the response Content-Type header value if any.
pub fn parse_error_body(content_type: Option<&str>, body: &[u8]) -> ErrorSummary {
    parse_error_body_parsed(content_type, body, body_json(content_type, body).as_ref())
}

/// The body as JSON, read the way [`parse_error_body`] reads it: without a byte-order mark, up
/// to 1 MiB, when the type says JSON or the body starts like JSON.
pub fn body_json(content_type: Option<&str>, body: &[u8]) -> Option<Value> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    (body.len() <= JSON_LIMIT && looks_like_json(&media_type(content_type), body))
        .then(|| serde_json::from_slice(body).ok())
        .flatten()
}

/// [`parse_error_body`] of a body the caller already parsed with [`body_json`].
pub fn parse_error_body_parsed(
    content_type: Option<&str>,
    body: &[u8],
    json: Option<&Value>,
) -> ErrorSummary {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if body.iter().all(u8::is_ascii_whitespace) {
        return ErrorSummary {
            format: Some(BodyFormat::Empty),
            ..ErrorSummary::default()
        };
    }
    let media = media_type(content_type);
    if let Some(value) = json {
        return finish(from_json(&media, value));
    }
    let prefix = body.get(..TEXT_PREFIX).unwrap_or(body);
    if looks_binary(prefix) {
        return ErrorSummary::default();
    }
    if let Some(lines) = json_lines(body) {
        return finish(from_json_lines(&media, &lines));
    }
    finish(from_text(&media, &String::from_utf8_lossy(prefix)))
}

/// The values of a newline-delimited JSON body (NDJSON, JSON Lines), when every non-empty
/// line of the first 64 KiB is one JSON value and there are at least two; `None` otherwise.
pub fn json_lines(body: &[u8]) -> Option<Vec<Value>> {
    let prefix = body.get(..TEXT_PREFIX.min(body.len()))?;
    // A cut at the prefix's end leaves a partial last line: read only whole lines then.
    let whole = if prefix.len() < body.len() {
        &prefix[..prefix.iter().rposition(|b| *b == b'\n')?]
    } else {
        prefix
    };
    let values: Vec<Value> = whole
        .split(|b| *b == b'\n')
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .map(|line| serde_json::from_slice(line).ok())
        .collect::<Option<_>>()?;
    (values.len() >= 2 && values.iter().any(|v| v.is_object() || v.is_array())).then_some(values)
}

/// The first line that says something, read as JSON.
fn from_json_lines(media: &str, lines: &[Value]) -> ErrorSummary {
    let mut summary = lines
        .iter()
        .map(|line| from_json(media, line))
        .find(|s| s.headline.is_some() || !s.issues.is_empty())
        .unwrap_or_default();
    summary.format = Some(BodyFormat::Ndjson);
    summary
}

/// Fills the headline from the first issue when the format had none.
fn finish(mut summary: ErrorSummary) -> ErrorSummary {
    if summary.headline.is_none() {
        summary.headline = summary.issues.iter().find_map(issue_headline);
    }
    summary
}

fn issue_headline(issue: &FieldIssue) -> Option<String> {
    let message = issue.message.as_deref()?;
    let path = issue.display_path();
    if path.is_empty() {
        clean(message)
    } else {
        clean(&format!("{path}: {message}"))
    }
}

/// The media type without parameters, lower case: `application/problem+json`.
fn media_type(content_type: Option<&str>) -> String {
    content_type.map(crate::media_type::essence).unwrap_or_default()
}

fn looks_like_json(media: &str, body: &[u8]) -> bool {
    media.contains("json")
        || body
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| matches!(b, b'{' | b'[' | b'"'))
}

/// Binary data has NUL bytes or many undecodable/control characters; text with a few stray
/// bytes is still read.
fn looks_binary(sample: &[u8]) -> bool {
    if sample.contains(&0) {
        return true;
    }
    let text = String::from_utf8_lossy(sample);
    let (mut total, mut bad) = (0_usize, 0_usize);
    for c in text.chars() {
        total += 1;
        if c == char::REPLACEMENT_CHARACTER || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        {
            bad += 1;
        }
    }
    bad * 10 > total
}
