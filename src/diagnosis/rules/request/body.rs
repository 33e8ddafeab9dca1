//! The body: is it labelled at all, does the method allow one, do its numbers survive
//! (`R.ct-missing`, `R.body-on-bodyless-method`, `R.number-precision`). Whether it parses and
//! fits its Content-Type are asked in `json_body` and `content_type`, which 400 shares.

use serde_json::Value;

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::request;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::diagnosis::sent::body::{find_in_json, sniff};

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
                quote::size(sent.body.len()),
                sniff(&sent.body)
            ),
        )
        .cite("RFC 9110 §8.3"),
        Some(ct) => Check::pass(request::CT_MISSING, format!("Content-Type: {}", quote::text(ct))),
    })
}

pub(super) fn body_on_bodyless_method(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let method = sent.method.as_str();
    if sent.body.is_empty() || !matches!(method, "GET" | "HEAD" | "DELETE" | "TRACE") {
        return None;
    }
    let text = format!(
        "{method} request carries a {} body; content in {method} has no defined meaning and intermediaries may drop or reject it",
        quote::size(sent.body.len())
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

/// A number JavaScript cannot hold exactly, with its path.
fn big_number(path: &str, value: &Value) -> Option<(String, String)> {
    const LIMIT: u64 = 1 << 53;
    let n = value.as_number()?;
    let big = n.as_u64().is_some_and(|v| v > LIMIT) || n.as_i64().is_some_and(|v| v.unsigned_abs() > LIMIT);
    big.then(|| (path.to_owned(), n.to_string()))
}
