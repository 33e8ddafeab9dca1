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
//!
//! This module holds the client pool, the send loop and the failures it reports; `wire`
//! builds and records the request and response head, `redirect` records hops and rewrites
//! the next request, `response_body` reads and decodes the body.

mod redirect;
mod response_body;
mod wire;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant, SystemTime};

use url::Url;

use super::classify::{Classified, classify};
use super::exchange::{
    Exchange, Failure, FailureKind, Hop, Outcome, Phase, Response, ResponseHead, SentRequest, Timing,
};
use super::proxy::ProxyUse;
use super::request::{ResolvedRequest, TransportOptions};
use redirect::{make_hop, redirect_loop_message, redirect_target};
use response_body::{BodyError, read_body};
pub use wire::USER_AGENT;
use wire::{Attempt, WireRequest, build_attempt, response_head, to_reqwest};

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
                        let classified = classify(&error, Phase::WaitingForResponse, &attempt.url);
                        return failed(classified, &attempt, hops, None, started_at, started, options).await;
                    }
                    Ok(Ok(response)) => response,
                };
            let headers_after = request_started.elapsed();
            let head = response_head(&response);

            if let Some(location) = redirect_target(&head, &attempt.url, options) {
                let hop = make_hop(attempt.sent, &attempt.url, head, &location, &mut next);
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
                    let classified = classify(&error, Phase::ReadingBody, &attempt.url);
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
