//! Does the JSON body parse: the request lint `R.json-parse`, and `400.body-parses` asking the
//! same with the 400 in hand — one check under the id the caller names.

use serde_json::Value;

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::CheckSpec;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::diagnosis::sent::body::{as_text, json_error, sniff};
use crate::evidence::error_body::json_lines;
use crate::media_type::is_json_type;

/// For a body declared or sniffed as JSON: passes when it parses, fails with the error's line
/// and column (or on a byte-order mark).
pub fn parses(f: &Facts<'_>, spec: &'static CheckSpec) -> Option<Check> {
    let text = as_text(f.sent?)?;
    let declared = f.sent_header("content-type");
    let claims_json = declared.is_some_and(is_json_type);
    if !claims_json && !matches!(sniff(text.as_bytes()), "JSON" | "NDJSON") {
        return None;
    }
    // Every line parses: whether its type says so is the Content-Type check's question.
    if let Some(lines) = json_lines(text.as_bytes()) {
        return Some(Check::pass(
            spec,
            format!("Body is NDJSON: {} lines, each valid JSON", lines.len()),
        ));
    }
    if text.starts_with('\u{feff}') {
        return Some(Check::fail(
            spec,
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
        Ok(()) => Check::pass(spec, format!("Body is valid JSON ({})", quote::size(text.len()))),
        Err(e) => Check::fail(spec, format!("Body is not valid JSON: {}", json_error(e, text))),
    })
}
