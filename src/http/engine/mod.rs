//! Sending a [`ResolvedRequest`] and recording everything that went over the wire.
//!
//! ```text
//! ResolvedRequest ─► wire headers (host, user-agent, accept, accept-encoding, content-length)
//!        │
//!        ▼            ┌──────────── 3xx + Location, follow_redirects ◄───┐
//!   execute (reqwest, no automatic redirects, timeout = what is left) ──┘
//!        │ headers
//!        ▼
//!   read body: decode gzip/br/deflate as it streams, stop at max_body
//!        │
//!        ▼
//!   Outcome::Response(Exchange) | Outcome::Failure(Failure{kind, phase, chain})
//! ```
//!
//! Redirects are followed here rather than by reqwest so every hop, method rewrite and
//! stripped credential is on record. The engine is cancel-safe: dropping the future
//! abandons the request.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant, SystemTime};

use bytes::{Bytes, BytesMut};
use futures_util::TryStreamExt;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use tokio::io::AsyncReadExt;
use url::Url;

use super::classify::{Classified, classify};
use super::exchange::{
    Exchange, Failure, FailureKind, Hop, Outcome, Phase, Response, ResponseHead, SentRequest, Timing,
};
use super::proxy::{ProxyUse, proxy_for};
use super::request::{ResolvedRequest, TransportOptions};

/// The User-Agent sent unless the request sets one. Some APIs (GitHub) reject requests
/// without any.
pub const USER_AGENT: &str = concat!("apibench/", env!("CARGO_PKG_VERSION"));

/// Encodings we can decode, offered on every request that does not choose its own.
const ACCEPT_ENCODING: &str = "gzip, deflate, br";

/// Sends requests. Cheap to clone; clones share connection pools.
#[derive(Debug, Clone, Default)]
pub struct Engine {
    clients: Arc<Mutex<HashMap<ClientKey, reqwest::Client>>>,
}

/// reqwest fixes TLS verification and the connect timeout per client, so requests with
/// different settings get different clients.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ClientKey {
    insecure_tls: bool,
    connect_timeout: Duration,
    /// The proxy URL (with credentials), or none for a direct connection.
    proxy: Option<String>,
}

/// One attempt's wire request before it is handed to reqwest.
struct Attempt {
    sent: SentRequest,
    url: Url,
}

impl Engine {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends `request`, following redirects if asked, and returns the exchange or the
    /// classified failure. Never panics on bad input.
    pub async fn send(&self, request: &ResolvedRequest) -> Outcome {
        let started = Instant::now();
        let started_at = SystemTime::now();
        let options = request.options;
        let deadline = started + options.timeout;
        let mut hops: Vec<Hop> = Vec::new();
        let mut next = WireRequest {
            method: request.method.clone(),
            url: request.url.clone(),
            headers: request.headers.clone(),
            body: request.body.clone(),
        };
        loop {
            let failure = |kind, phase, message: String, sent: Option<SentRequest>, hops: Vec<Hop>| {
                Outcome::Failure(Box::new(Failure {
                    kind,
                    phase,
                    message,
                    chain: Vec::new(),
                    io_kind: None,
                    request: sent,
                    hops,
                    response: None,
                    resolved: Vec::new(),
                    limit: None,
                    timing: timing(started_at, started, None),
                }))
            };
            let attempt = match build_attempt(&next) {
                Ok(a) => a,
                Err((message, sent)) => {
                    return failure(FailureKind::InvalidUrl, Phase::Build, message, sent, hops);
                }
            };
            let client = match self.client(options, attempt.sent.proxy.as_ref()) {
                Ok(c) => c,
                Err(message) => {
                    return failure(
                        FailureKind::Other,
                        Phase::Build,
                        message,
                        Some(attempt.sent),
                        hops,
                    );
                }
            };
            let host = host_port(&attempt.url);
            let request_started = Instant::now();
            let reqwest_request = match to_reqwest(&client, &attempt) {
                Ok(r) => r,
                Err(message) => {
                    return failure(
                        FailureKind::InvalidUrl,
                        Phase::Build,
                        message,
                        Some(attempt.sent),
                        hops,
                    );
                }
            };
            let response =
                match tokio::time::timeout_at(deadline.into(), client.execute(reqwest_request)).await {
                    Err(_elapsed) => {
                        return timed_out(
                            Phase::WaitingForResponse,
                            options.timeout,
                            attempt.sent,
                            hops,
                            None,
                            started_at,
                            started,
                        );
                    }
                    Ok(Err(error)) => {
                        let classified = classify(&error, Phase::WaitingForResponse, &host);
                        return failed(classified, &attempt, hops, None, started_at, started, options).await;
                    }
                    Ok(Ok(response)) => response,
                };
            let headers_after = request_started.elapsed();
            let head = response_head(&response);

            if let Some(location) = redirect_target(&head, &attempt.url, options) {
                let hop = make_hop(attempt.sent, head, &location, &mut next);
                hops.push(hop);
                if hops.len() > options.max_redirects {
                    let message = redirect_loop_message(&hops, options.max_redirects);
                    let last = hops.last().map(|h| h.request.clone());
                    return failure(
                        FailureKind::RedirectLoop,
                        Phase::WaitingForResponse,
                        message,
                        last,
                        hops,
                    );
                }
                continue;
            }

            return match read_body(response, &head, options.max_body, deadline).await {
                Ok((body, wire_bytes)) => Outcome::Response(Box::new(Exchange {
                    request: attempt.sent,
                    hops,
                    response: Response {
                        head,
                        body,
                        wire_bytes,
                    },
                    timing: timing(started_at, started, Some(headers_after)),
                })),
                Err(BodyError::TooLarge) => Outcome::Failure(Box::new(Failure {
                    kind: FailureKind::BodyTooLarge,
                    phase: Phase::ReadingBody,
                    message: format!(
                        "the response body is larger than the {} limit (max_body)",
                        crate::format::bytes(options.max_body)
                    ),
                    chain: Vec::new(),
                    io_kind: None,
                    request: Some(attempt.sent),
                    hops,
                    response: Some(head),
                    resolved: Vec::new(),
                    limit: None,
                    timing: timing(started_at, started, Some(headers_after)),
                })),
                Err(BodyError::TimedOut) => timed_out(
                    Phase::ReadingBody,
                    options.timeout,
                    attempt.sent,
                    hops,
                    Some(head),
                    started_at,
                    started,
                ),
                Err(BodyError::Transport(error)) => {
                    let classified = classify(&error, Phase::ReadingBody, &host);
                    failed(
                        classified,
                        &attempt,
                        hops,
                        Some(head),
                        started_at,
                        started,
                        options,
                    )
                    .await
                }
                Err(BodyError::Decode(message)) => Outcome::Failure(Box::new(Failure {
                    kind: FailureKind::Other,
                    phase: Phase::ReadingBody,
                    message,
                    chain: Vec::new(),
                    io_kind: None,
                    request: Some(attempt.sent),
                    hops,
                    response: Some(head),
                    resolved: Vec::new(),
                    limit: None,
                    timing: timing(started_at, started, Some(headers_after)),
                })),
            };
        }
    }

    fn client(&self, options: TransportOptions, proxy: Option<&ProxyUse>) -> Result<reqwest::Client, String> {
        install_crypto_provider();
        let key = ClientKey {
            insecure_tls: options.insecure_tls,
            connect_timeout: options.connect_timeout,
            proxy: proxy.map(|p| p.raw.clone()),
        };
        let mut clients = self
            .clients
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(client) = clients.get(&key) {
            return Ok(client.clone());
        }
        // The proxy is decided in `proxy::proxy_for` and recorded; reqwest must not pick its own.
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(key.connect_timeout)
            .tls_danger_accept_invalid_certs(key.insecure_tls)
            .no_proxy();
        if let Some(url) = &key.proxy {
            let proxy =
                reqwest::Proxy::all(url).map_err(|e| format!("the proxy {url} is not usable: {e}"))?;
            builder = builder.proxy(proxy);
        }
        let client = builder
            .build()
            .map_err(|e| format!("could not set up the HTTP client: {e}"))?;
        clients.insert(key, client.clone());
        Ok(client)
    }
}

fn timed_out(
    phase: Phase,
    limit: Duration,
    sent: SentRequest,
    hops: Vec<Hop>,
    response: Option<ResponseHead>,
    started_at: SystemTime,
    started: Instant,
) -> Outcome {
    Outcome::Failure(Box::new(Failure {
        kind: FailureKind::Timeout,
        phase,
        message: format!(
            "no complete response within the {} timeout (timed out while {})",
            crate::format::duration(limit),
            phase.as_str()
        ),
        chain: Vec::new(),
        io_kind: None,
        request: Some(sent),
        hops,
        response,
        resolved: Vec::new(),
        limit: Some(limit),
        timing: timing(started_at, started, None),
    }))
}

/// rustls needs one process-wide crypto provider; we use ring (pure Rust + asm, no cmake).
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Another part of the process may have installed one first; either is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// A request about to go out on one hop.
struct WireRequest {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Bytes,
}

/// Validates the URL and headers and computes the headers the client will add, so the
/// record matches the wire.
fn build_attempt(request: &WireRequest) -> Result<Attempt, (String, Option<SentRequest>)> {
    let unsent = || SentRequest {
        method: request.method.clone(),
        url: request.url.clone(),
        headers: request.headers.clone(),
        body: request.body.clone(),
        proxy: None,
    };
    let url = Url::parse(&request.url).map_err(|e| {
        (
            format!("`{}` is not a valid URL: {e}", request.url),
            Some(unsent()),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err((
            format!(
                "`{}` uses the scheme `{}:`; only http and https are supported",
                request.url,
                url.scheme()
            ),
            Some(unsent()),
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err((format!("`{}` has no host", request.url), Some(unsent())));
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
            proxy: proxy_for(&url, &super::proxy::from_env),
        },
        url,
    })
}

fn to_reqwest(client: &reqwest::Client, attempt: &Attempt) -> Result<reqwest::Request, String> {
    let method = reqwest::Method::from_bytes(attempt.sent.method.as_bytes())
        .map_err(|_| format!("`{}` is not a valid HTTP method", attempt.sent.method))?;
    let mut headers = HeaderMap::with_capacity(attempt.sent.headers.len());
    for (name, value) in &attempt.sent.headers {
        // hyper writes host and (for known-length bodies) content-length itself.
        if name.eq_ignore_ascii_case("host") && value == &host_header(&attempt.url) {
            continue;
        }
        let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            format!("header name `{name}` is not valid (letters, digits and -!#$%&'*+.^_`|~ only)")
        })?;
        let header_value = HeaderValue::from_str(value).map_err(|_| {
            let position = value.find(|c: char| c.is_control()).unwrap_or(0);
            format!("the value of header `{name}` contains a control character (line break?) at position {position}")
        })?;
        headers.append(header_name, header_value);
    }
    client
        .request(method, attempt.url.clone())
        .headers(headers)
        .body(attempt.sent.body.clone())
        .build()
        .map_err(|e| e.to_string())
}

fn response_head(response: &reqwest::Response) -> ResponseHead {
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

/// The absolute URL to follow, when this response is a redirect we should follow.
fn redirect_target(head: &ResponseHead, base: &Url, options: TransportOptions) -> Option<Url> {
    if !options.follow_redirects || !matches!(head.status, 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    base.join(head.header("location")?.trim()).ok()
}

/// Records a hop and rewrites `next` for the following request as browsers and curl do:
/// 303 (and 301/302 after a POST) become GET without a body; credentials are not carried
/// to another origin.
fn make_hop(sent: SentRequest, response: ResponseHead, location: &Url, next: &mut WireRequest) -> Hop {
    let from = Url::parse(&sent.url).ok();
    let to_get = match response.status {
        303 => sent.method != "HEAD",
        301 | 302 => sent.method == "POST",
        _ => false,
    };
    let method_changed = to_get && sent.method != "GET";
    let body_dropped = to_get && !sent.body.is_empty();
    if to_get {
        "GET".clone_into(&mut next.method);
        next.body = Bytes::new();
        next.headers.retain(|(n, _)| {
            ![
                "content-type",
                "content-length",
                "content-encoding",
                "transfer-encoding",
            ]
            .iter()
            .any(|h| n.eq_ignore_ascii_case(h))
        });
    }
    let same_origin = from.as_ref().is_some_and(|f| f.origin() == location.origin());
    let mut stripped_headers = Vec::new();
    if !same_origin {
        next.headers.retain(|(n, _)| {
            let sensitive = ["authorization", "cookie", "proxy-authorization"]
                .iter()
                .any(|h| n.eq_ignore_ascii_case(h));
            if sensitive {
                stripped_headers.push(n.clone());
            }
            !sensitive
        });
    }
    // The host header belongs to the old URL.
    next.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("host"));
    next.url = location.to_string();
    Hop {
        request: sent,
        response,
        location: location.to_string(),
        method_changed,
        body_dropped,
        stripped_headers,
    }
}

fn redirect_loop_message(hops: &[Hop], max: usize) -> String {
    let last = hops.last().map_or("", |h| h.location.as_str());
    let repeated = hops.iter().filter(|h| h.request.url == last).count();
    if repeated > 0 {
        format!(
            "redirect loop: {last} redirects back to a URL already visited (stopped after {max} redirects)"
        )
    } else {
        format!("too many redirects: stopped after {max}")
    }
}

enum BodyError {
    TooLarge,
    TimedOut,
    Transport(reqwest::Error),
    Decode(String),
}

/// Reads and decodes the body, stopping as soon as the decoded size passes `max`.
async fn read_body(
    response: reqwest::Response,
    head: &ResponseHead,
    max: u64,
    deadline: Instant,
) -> Result<(Bytes, u64), BodyError> {
    let wire = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = Arc::clone(&wire);
    // Transport errors are smuggled through the io::Error the reader needs, then unwrapped.
    let stream = response
        .bytes_stream()
        .inspect_ok(move |chunk| {
            counter.fetch_add(chunk.len() as u64, std::sync::atomic::Ordering::Relaxed);
        })
        .map_err(std::io::Error::other);
    let reader = tokio_util::io::StreamReader::new(stream);
    let encoding = head
        .header("content-encoding")
        .map(|e| e.trim().to_ascii_lowercase());
    let mut decoded: Box<dyn tokio::io::AsyncRead + Unpin + Send> = match encoding.as_deref() {
        Some("gzip" | "x-gzip") => Box::new(async_compression::tokio::bufread::GzipDecoder::new(reader)),
        Some("br") => Box::new(async_compression::tokio::bufread::BrotliDecoder::new(reader)),
        Some("deflate") => Box::new(async_compression::tokio::bufread::ZlibDecoder::new(reader)),
        _ => Box::new(reader),
    };
    let mut body = BytesMut::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let read = tokio::time::timeout_at(deadline.into(), decoded.read(&mut chunk))
            .await
            .map_err(|_| BodyError::TimedOut)?;
        let n = match read {
            Ok(n) => n,
            Err(e) => return Err(body_io_error(e, encoding.as_deref())),
        };
        if n == 0 {
            break;
        }
        if body.len() as u64 + n as u64 > max {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok((body.freeze(), wire.load(std::sync::atomic::Ordering::Relaxed)))
}

fn body_io_error(error: std::io::Error, encoding: Option<&str>) -> BodyError {
    let is_transport = error
        .get_ref()
        .is_some_and(<dyn std::error::Error + Send + Sync>::is::<reqwest::Error>);
    if is_transport
        && let Ok(inner) = error
            .into_inner()
            .expect("checked above")
            .downcast::<reqwest::Error>()
    {
        return BodyError::Transport(*inner);
    }
    BodyError::Decode(format!(
        "the body could not be decoded as {}",
        encoding.unwrap_or("sent")
    ))
}

/// Builds a failure from a classified error; after a connect failure, looks the host up
/// again so the evidence can say which addresses were tried.
async fn failed(
    classified: Classified,
    attempt: &Attempt,
    hops: Vec<Hop>,
    response: Option<ResponseHead>,
    started_at: SystemTime,
    started: Instant,
    options: TransportOptions,
) -> Outcome {
    let resolved = if matches!(classified.kind, FailureKind::Connect | FailureKind::Timeout)
        && classified.phase == Phase::Connect
    {
        resolve(&attempt.url).await
    } else {
        Vec::new()
    };
    let limit = (classified.kind == FailureKind::Timeout).then(|| {
        if classified.phase == Phase::Connect {
            options.connect_timeout
        } else {
            options.timeout
        }
    });
    Outcome::Failure(Box::new(Failure {
        kind: classified.kind,
        phase: classified.phase,
        message: classified.message,
        chain: classified.chain,
        io_kind: classified.io_kind,
        request: Some(attempt.sent.clone()),
        hops,
        response,
        resolved,
        limit,
        timing: timing(started_at, started, None),
    }))
}

async fn resolve(url: &Url) -> Vec<SocketAddr> {
    let (Some(host), Some(port)) = (url.host_str(), url.port_or_known_default()) else {
        return Vec::new();
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let lookup = tokio::net::lookup_host((host, port));
    match tokio::time::timeout(Duration::from_secs(2), lookup).await {
        Ok(Ok(addrs)) => addrs.collect(),
        _ => Vec::new(),
    }
}

fn timing(started_at: SystemTime, started: Instant, headers_after: Option<Duration>) -> Timing {
    Timing {
        started_at,
        headers_after,
        total: started.elapsed(),
    }
}

fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

fn host_port(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port_or_known_default() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}
