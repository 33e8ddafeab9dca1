//! Does the declared Content-Type fit the body: the request lint `R.ct-mismatch`, and
//! `400.content-type` asking the same with the 400 in hand — one check under the id the
//! caller names.

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::{CheckSpec, request};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::sent::body::{body_contradiction, is_json_lines_type, sniff};
use crate::evidence::error_body::json_lines;
use crate::evidence::negotiation::{essence, is_utf8, media_param};
use crate::media_type::is_json_type;

/// Fails when the declared type contradicts the body, a multipart type lacks its boundary,
/// or JSON declares a charset other than UTF-8; passes otherwise. Whatever the id, the check
/// reads as the lint does ("Content-Type matches the body").
pub fn fits_body(f: &Facts<'_>, spec: &'static CheckSpec) -> Option<Check> {
    let sent = f.sent?;
    let declared = sent.header("content-type")?;
    if sent.body.is_empty() {
        return None;
    }
    let sniffed = sniff(&sent.body);
    let mismatch = missing_boundary(declared)
        .or_else(|| body_contradiction(declared, sniffed))
        .or_else(|| json_charset(declared))
        .or_else(|| json_lines_as_json(declared, &sent.body));
    let check = match mismatch {
        Some(text) => Check::fail(spec, text),
        None => Check::pass(
            spec,
            format!(
                "Content-Type {} fits a body that looks like {sniffed}",
                essence(declared)
            ),
        ),
    };
    Some(check.labelled(request::CT_MISMATCH.title))
}

/// A `multipart/*` type without its `boundary` parameter, which the recipient needs to split
/// the parts (RFC 2046 §5.1.1).
fn missing_boundary(declared: &str) -> Option<String> {
    let essence = essence(declared);
    (essence.starts_with("multipart/") && media_param(declared, "boundary").is_none_or(|b| b.is_empty()))
        .then(|| format!("Content-Type {essence} has no boundary parameter (header set by hand?)"))
}

/// Valid NDJSON declared as one JSON document: each line parses, so the body is what was
/// meant and its type is what is wrong (bulk and event-intake APIs read
/// `application/x-ndjson`).
fn json_lines_as_json(declared: &str, body: &[u8]) -> Option<String> {
    if !is_json_type(declared) || is_json_lines_type(&essence(declared)) {
        return None;
    }
    let lines = json_lines(body)?;
    Some(format!(
        "Body is NDJSON ({} JSON values, one per line) but Content-Type says {} — a JSON parser reads one value; send application/x-ndjson",
        lines.len(),
        essence(declared)
    ))
}

/// JSON is UTF-8 (RFC 8259 §8.1); another declared charset makes servers misread it.
fn json_charset(declared: &str) -> Option<String> {
    let charset = media_param(declared, "charset")?;
    (is_json_type(declared) && !is_utf8(&charset))
        .then(|| format!("Content-Type {declared} declares a charset other than UTF-8 for JSON"))
}
