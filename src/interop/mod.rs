//! Requests in the formats other tools read and write. Today: the request as a `curl`
//! command and as an HTTP message, exactly what apibench sends, with credentials masked
//! unless asked.

pub mod body;
pub mod bruno;
pub mod curl;
pub mod har;
pub mod http_file;
mod imported;
pub mod insomnia;
mod masked;
pub mod openapi;
pub mod posting;
pub mod postman;
pub mod slumber;

pub use imported::{Imported, Placed, Variables};
pub use masked::{credentials_of, masked, secrets_of};

use std::fmt::Write as _;

use crate::http::ResolvedRequest;

/// The request as an HTTP/1.1 message, as the engine puts it on the wire: the request
/// line, every header (those the client adds included), a blank line and the body (as
/// text; a body that is not UTF-8 is described, not printed).
pub fn http_message(request: &ResolvedRequest) -> String {
    let headers = crate::http::as_sent(request).map_or_else(
        |(_, sent)| sent.map_or_else(|| request.headers.clone(), |s| s.headers),
        |sent| sent.headers,
    );
    let mut out = format!("{} {} HTTP/1.1\n", request.method, request.url);
    for (name, value) in &headers {
        let _ = writeln!(out, "{name}: {value}");
    }
    if !request.body.is_empty() {
        out.push('\n');
        match std::str::from_utf8(&request.body) {
            Ok(text) => out.push_str(text),
            Err(_) => {
                let _ = write!(
                    out,
                    "({} of binary data)",
                    crate::format::bytes(request.body.len() as u64)
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_http_message_has_the_headers_the_client_adds() {
        let mut request = ResolvedRequest::get("https://api.example.com/v1/items?page=2");
        request.method = "POST".into();
        request.headers = vec![("content-type".into(), "application/json".into())];
        request.body = r#"{"a":1}"#.into();
        let text = http_message(&request);
        assert!(
            text.starts_with("POST https://api.example.com/v1/items?page=2 HTTP/1.1\n"),
            "{text}"
        );
        assert!(text.contains("\ncontent-type: application/json\n"), "{text}");
        assert!(text.contains("\nhost: api.example.com\n"), "{text}");
        assert!(text.contains("\nuser-agent: apibench/"), "{text}");
        assert!(text.ends_with("\n\n{\"a\":1}"), "{text}");
        request.body = vec![0xff, 0x00, 0x01].into();
        assert!(http_message(&request).ends_with("\n\n(3 B of binary data)"));
    }
}
