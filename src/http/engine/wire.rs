//! The request as it goes on the wire and the response head as it comes back: the headers
//! the client adds (host, user-agent, accept, accept-encoding, content-length) computed up
//! front so the record matches the wire, the hand-over to reqwest, and the head recorded.

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use url::Url;

use super::super::exchange::{ResponseHead, SentRequest};
use super::refusal::Refusal;

/// The User-Agent sent unless the request sets one. Some APIs (GitHub) reject requests
/// without any.
pub const USER_AGENT: &str = concat!("apibench/", env!("CARGO_PKG_VERSION"));

/// Encodings we can decode, offered on every request that does not choose its own.
pub const ACCEPT_ENCODING: &str = "gzip, deflate, br";

/// One attempt's wire request before it is handed to reqwest.
pub(super) struct Attempt {
    pub(super) sent: SentRequest,
    pub(super) url: Url,
}

/// A request about to go out on one hop.
#[derive(Clone)]
pub(super) struct WireRequest {
    pub(super) method: String,
    pub(super) url: String,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Bytes,
}

/// The request as it would go on the wire: the headers the client adds, computed as a send
/// computes them (for records of exchanges that did not happen here, such as a corpus). A
/// refusal comes with as much of the request as was built, as a send records it.
pub fn as_sent(
    request: &crate::http::ResolvedRequest,
) -> Result<SentRequest, (Refusal, Option<SentRequest>)> {
    let attempt = build_attempt(&WireRequest {
        method: request.method.clone(),
        url: request.url.clone(),
        headers: request.headers.clone(),
        body: request.body.clone(),
    })?;
    match method_and_headers(&attempt) {
        Ok(_) => Ok(attempt.sent),
        Err(refusal) => Err((refusal, Some(attempt.sent))),
    }
}

/// Validates the URL and headers and computes the headers the client will add, so the
/// record matches the wire.
pub(super) fn build_attempt(request: &WireRequest) -> Result<Attempt, (Refusal, Option<SentRequest>)> {
    let unsent = || SentRequest {
        method: request.method.clone(),
        url: request.url.clone(),
        headers: request.headers.clone(),
        body: request.body.clone(),
        proxy: None,
    };
    let url = Url::parse(&request.url).map_err(|e| {
        (
            Refusal::InvalidUrl {
                url: request.url.clone(),
                reason: e.to_string(),
            },
            Some(unsent()),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err((
            Refusal::UnsupportedScheme {
                url: request.url.clone(),
                scheme: url.scheme().to_owned(),
            },
            Some(unsent()),
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err((Refusal::NoHost(request.url.clone()), Some(unsent())));
    }
    let has = |name: &str| request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
    let mut headers = Vec::with_capacity(request.headers.len() + 5);
    if !has("host") {
        headers.push(("host".to_owned(), host_header(&url)));
    }
    headers.extend(request.headers.iter().cloned());
    if !has("user-agent") {
        headers.push(("user-agent".to_owned(), USER_AGENT.to_owned()));
    }
    if !has("accept") {
        headers.push(("accept".to_owned(), "*/*".to_owned()));
    }
    if !has("accept-encoding") {
        headers.push(("accept-encoding".to_owned(), ACCEPT_ENCODING.to_owned()));
    }
    let sends_length =
        !request.body.is_empty() || matches!(request.method.as_str(), "POST" | "PUT" | "PATCH");
    if sends_length && !has("content-length") && !has("transfer-encoding") {
        headers.push(("content-length".to_owned(), request.body.len().to_string()));
    }
    Ok(Attempt {
        sent: SentRequest {
            method: request.method.clone(),
            url: url.to_string(),
            headers,
            body: request.body.clone(),
            // Decided by the engine, which may refuse the proxy setting.
            proxy: None,
        },
        url,
    })
}

pub(super) fn to_reqwest(client: &reqwest::Client, attempt: &Attempt) -> Result<reqwest::Request, Refusal> {
    let (method, headers) = method_and_headers(attempt)?;
    client
        .request(method, attempt.url.clone())
        .headers(headers)
        .body(attempt.sent.body.clone())
        .build()
        .map_err(|e| Refusal::Unbuildable(e.to_string()))
}

/// The method and headers as the HTTP library takes them: the last refusals before sending
/// (a method that is no token, a header name with a space, a value with a line break).
fn method_and_headers(attempt: &Attempt) -> Result<(reqwest::Method, HeaderMap), Refusal> {
    let method = reqwest::Method::from_bytes(attempt.sent.method.as_bytes())
        .map_err(|_| Refusal::InvalidMethod(attempt.sent.method.clone()))?;
    let mut headers = HeaderMap::with_capacity(attempt.sent.headers.len());
    for (name, value) in &attempt.sent.headers {
        // hyper writes host and (for known-length bodies) content-length itself.
        if name.eq_ignore_ascii_case("host") && value == &host_header(&attempt.url) {
            continue;
        }
        let header_name =
            HeaderName::from_bytes(name.as_bytes()).map_err(|_| Refusal::InvalidHeaderName(name.clone()))?;
        let header_value = HeaderValue::from_str(value).map_err(|_| Refusal::ControlInHeaderValue {
            name: name.clone(),
            // A tab is allowed in a value, so it is not the character to point at.
            position: value.find(|c: char| c.is_control() && c != '\t').unwrap_or(0),
        })?;
        headers.append(header_name, header_value);
    }
    Ok((method, headers))
}

pub(super) fn response_head(response: &reqwest::Response) -> ResponseHead {
    let status = response.status();
    ResponseHead {
        status: status.as_u16(),
        reason: response
            .extensions()
            .get::<hyper::ext::ReasonPhrase>()
            .map(|r| String::from_utf8_lossy(r.as_bytes()).into_owned())
            .or_else(|| status.canonical_reason().map(str::to_owned))
            .unwrap_or_default(),
        version: format!("{:?}", response.version()),
        headers: response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        remote_addr: response.remote_addr(),
    }
}

fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}
