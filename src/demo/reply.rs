//! How the demo API answers: a status, headers and a body of a media type, the JSON and
//! problem+json (RFC 9457) forms most routes use.

use axum::body::Body;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

/// A response with a status, headers and a body of the given media type.
pub(super) fn reply(
    status: u16,
    content_type: &str,
    headers: &[(&str, String)],
    body: impl Into<Body>,
) -> Response {
    let mut builder = Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header("Content-Type", content_type);
    for (name, value) in headers {
        builder = builder.header(*name, value.as_str());
    }
    builder.body(body.into()).expect("demo responses are well-formed")
}

pub(super) fn json_reply(status: u16, headers: &[(&str, String)], body: &Value) -> Response {
    reply(status, "application/json", headers, body.to_string())
}

pub(super) fn problem(status: u16, headers: &[(&str, String)], body: &Value) -> Response {
    reply(status, "application/problem+json", headers, body.to_string())
}
