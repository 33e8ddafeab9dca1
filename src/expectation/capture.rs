//! `capture:` — the values a response gives the requests sent after it in the same run: the
//! first value a JSONPath selects in the JSON body, or a header. A string is captured as its
//! text, anything else as JSON (`42`, `{"id":1}`).

use serde_json::Value;

use crate::collection::{Capture, CaptureSource};
use crate::http::Exchange;

/// One capture, taken or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    pub variable: String,
    /// Where it was read: `$.token`, `header X-Request-Id`.
    pub from: String,
    /// The value, or why there is none ("nothing at that path").
    pub value: Result<String, String>,
}

/// What `captures` read from `exchange`.
pub fn capture(captures: &[Capture], exchange: &Exchange) -> Vec<Captured> {
    if captures.is_empty() {
        return Vec::new();
    }
    let needs_json = captures
        .iter()
        .any(|c| matches!(c.from, CaptureSource::Body { .. }));
    let json: Option<Value> = needs_json
        .then(|| serde_json::from_slice(&exchange.response.body).ok())
        .flatten();
    captures
        .iter()
        .map(|capture| {
            let value = match &capture.from {
                CaptureSource::Header(name) => exchange
                    .response
                    .header(name)
                    .map(str::to_owned)
                    .ok_or_else(|| "no such header".to_owned()),
                CaptureSource::Body { query, .. } => match &json {
                    None => Err("the body is not JSON".to_owned()),
                    Some(json) => match query.query(json).first() {
                        Some(Value::String(text)) => Ok(text.clone()),
                        Some(other) => Ok(other.to_string()),
                        None => Err("nothing at that path".to_owned()),
                    },
                },
            };
            Captured {
                variable: capture.variable.clone(),
                from: capture.from.to_string(),
                value,
            }
        })
        .collect()
}
