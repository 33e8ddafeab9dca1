//! Sending a [`ResolvedRequest`] and recording everything that went over the wire.
//!
//! ```text
//! ResolvedRequest ─► wire headers (host, user-agent, accept, accept-encoding, content-length)
//!        │
//!        ▼            ┌──────────── 3xx + Location, follow_redirects ◄───┐
//!   execute (reqwest, no automatic redirects, timeout = what is left) ──┘
//!        │ headers
//!        ▼
//!   read body: decode gzip/br/deflate as it streams, stop at max_body, spill past SPILL_AT to a file
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
mod refusal;
mod response_body;
mod stopped;
mod wire;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use url::Url;

use super::classify::{classify, classify_via};
use super::cookies::CookieJar;
use super::exchange::{Exchange, FailureKind, Hop, Outcome, Phase, Response};
use super::proxy::{ProxyRefusal, ProxyUse, from_env, proxy_setting};
use super::request::{ResolvedRequest, TransportOptions};
pub use redirect::is_downgrade;
use redirect::{make_hop, redirect_loop_message, redirect_target};
pub use refusal::Refusal;
use response_body::{BodyError, read_body};
use stopped::{Progress, Stopwatch, failed, stopped, timed_out};
pub use wire::{ACCEPT_ENCODING, USER_AGENT, as_sent};
use wire::{WireRequest, build_attempt, response_head, to_reqwest};

/// Sends requests. Cheap to clone; clones share connection pools.
#[derive(Debug, Clone, Default)]
pub struct Engine {
    clients: Arc<Mutex<HashMap<ClientKey, reqwest::Client>>>,
    /// Proxy settings (`HTTP_PROXY`, `NO_PROXY`, …) by name, when they are not the process
    /// environment's.
    proxy_vars: Option<Arc<HashMap<String, String>>>,
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

    /// An engine that reads proxy settings from `vars` instead of the process environment,
    /// so tests can set them without touching the process.
    pub fn with_proxy_vars<K: Into<String>, V: Into<String>>(vars: impl IntoIterator<Item = (K, V)>) -> Self {
        Self {
            proxy_vars: Some(Arc::new(
                vars.into_iter().map(|(k, v)| (k.into(), v.into())).collect(),
            )),
            ..Self::default()
        }
    }

    fn proxy(&self, url: &Url) -> Result<Option<ProxyUse>, ProxyRefusal> {
        match &self.proxy_vars {
            Some(vars) => proxy_setting(url, &|name| vars.get(name).cloned()),
            None => proxy_setting(url, &from_env),
        }
    }

    /// Sends `request`, following redirects if asked, and returns the exchange or the
    /// classified failure. Never panics on bad input.
    pub async fn send(&self, request: &ResolvedRequest) -> Outcome {
        self.send_with_cookies(request, None).await
    }

    /// [`Engine::send`] with a cookie jar: each hop carries the cookies the jar holds for
    /// its URL (after any `Cookie` header written on the request), and every response's
    /// `Set-Cookie`, redirects' included, goes into the jar.
    pub async fn send_with_cookies(&self, request: &ResolvedRequest, jar: Option<&CookieJar>) -> Outcome {
        let clock = Stopwatch::start();
        let options = request.options;
        let deadline = clock.deadline(options.timeout);
        let mut hops: Vec<Hop> = Vec::new();
        let mut next = WireRequest {
            method: request.method.clone(),
            url: request.url.clone(),
            headers: request.headers.clone(),
            body: request.body.clone(),
        };
        loop {
            let progress = |request, hops| Progress {
                request,
                hops,
                head: None,
            };
            let with_cookies = jar.and_then(|jar| with_jar_cookies(&next, jar));
            let mut attempt = match build_attempt(with_cookies.as_ref().unwrap_or(&next)) {
                Ok(a) => a,
                Err((refusal, sent)) => {
                    let failure = stopped(
                        refusal.kind(),
                        Phase::Build,
                        refusal.to_string(),
                        progress(sent, hops),
                        &clock,
                    );
                    return Outcome::Failure(failure);
                }
            };
            let built = self
                .proxy(&attempt.url)
                .map_err(Refusal::from)
                .and_then(|proxy| {
                    attempt.sent.proxy = proxy;
                    self.client(options, attempt.sent.proxy.as_ref())
                })
                .and_then(|client| {
                    let request = to_reqwest(&client, &attempt)?;
                    Ok((client, request))
                });
            let (client, reqwest_request) = match built {
                Ok(built) => built,
                Err(refusal) => {
                    let failure = stopped(
                        refusal.kind(),
                        Phase::Build,
                        refusal.to_string(),
                        progress(Some(attempt.sent), hops),
                        &clock,
                    );
                    return Outcome::Failure(failure);
                }
            };
            let request_started = Instant::now();
            let response =
                match tokio::time::timeout_at(deadline.into(), client.execute(reqwest_request)).await {
                    Err(_elapsed) => {
                        let progress = progress(Some(attempt.sent), hops);
                        return timed_out(Phase::WaitingForResponse, options.timeout, progress, &clock);
                    }
                    Ok(Err(error)) => {
                        let (classified, blamed) = classify_via(
                            &error,
                            Phase::WaitingForResponse,
                            &attempt.url,
                            attempt.sent.proxy.as_ref(),
                        );
                        let progress = progress(Some(attempt.sent), hops);
                        return failed(classified, &blamed, progress, &clock, options).await;
                    }
                    Ok(Ok(response)) => response,
                };
            let headers_after = request_started.elapsed();
            let head = response_head(&response);
            if let Some(jar) = jar {
                jar.receive(&attempt.url, &head.headers);
            }

            if let Some(location) = redirect_target(&head, &attempt.url, options) {
                let hop = make_hop(
                    attempt.sent,
                    &attempt.url,
                    head,
                    &location,
                    &mut next,
                    &request.credential_headers,
                );
                hops.push(hop);
                if hops.len() > options.max_redirects {
                    let message = redirect_loop_message(&hops, options.max_redirects);
                    let last = hops.last().map(|h| h.request.clone());
                    let failure = stopped(
                        FailureKind::RedirectLoop,
                        Phase::WaitingForResponse,
                        message,
                        progress(last, hops),
                        &clock,
                    );
                    return Outcome::Failure(failure);
                }
                continue;
            }

            let read = read_body(
                response,
                &head,
                options.max_body,
                super::exchange::SPILL_AT,
                deadline,
            );
            let read = match read.await {
                Ok(read) => read,
                Err(error) => {
                    let progress = Progress {
                        request: Some(attempt.sent),
                        hops,
                        head: Some((head, headers_after)),
                    };
                    return body_failed(error, &attempt.url, progress, &clock, options).await;
                }
            };
            return Outcome::Response(std::sync::Arc::new(Exchange {
                request: attempt.sent,
                hops,
                response: Response {
                    head,
                    body: read.body,
                    wire_bytes: read.wire_bytes,
                    spilled: read.spilled,
                },
                timing: clock.timing(Some(headers_after)),
            }));
        }
    }

    fn client(
        &self,
        options: TransportOptions,
        proxy: Option<&ProxyUse>,
    ) -> Result<reqwest::Client, Refusal> {
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
        // The proxy is decided in `proxy::proxy_setting` and recorded; reqwest must not pick its own.
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(key.connect_timeout)
            .tls_danger_accept_invalid_certs(key.insecure_tls)
            .no_proxy();
        if let Some(proxy) = proxy {
            // The message shows the masked URL: the raw one carries the password.
            let usable = reqwest::Proxy::all(&proxy.raw).map_err(|e| ProxyRefusal::Unusable {
                url: proxy.url.clone(),
                variable: proxy.source.clone(),
                reason: e.to_string(),
            })?;
            builder = builder.proxy(usable);
        }
        let client = builder.build().map_err(|e| Refusal::Client(e.to_string()))?;
        clients.insert(key, client.clone());
        Ok(client)
    }
}

/// rustls needs one process-wide crypto provider; we use ring (pure Rust + asm, no cmake).
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Another part of the process may have installed one first; either is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The head arrived but the body did not, whole.
/// `request` with the jar's cookies for its URL added: to the `Cookie` header written on it
/// (cookies it names already keep the written value), or as one. `None` when the jar has none.
fn with_jar_cookies(request: &WireRequest, jar: &CookieJar) -> Option<WireRequest> {
    let header = jar.header_for(&Url::parse(&request.url).ok()?)?;
    let mut with = request.clone();
    match with
        .headers
        .iter_mut()
        .find(|(n, _)| n.eq_ignore_ascii_case("cookie"))
    {
        Some((_, written)) => {
            let named: Vec<String> = written
                .split(';')
                .filter_map(|pair| Some(pair.split_once('=')?.0.trim().to_owned()))
                .collect();
            let more: Vec<&str> = header
                .split("; ")
                .filter(|pair| {
                    pair.split_once('=')
                        .is_none_or(|(n, _)| !named.iter().any(|w| w == n))
                })
                .collect();
            if more.is_empty() {
                return None;
            }
            *written = format!("{written}; {}", more.join("; "));
        }
        None => with.headers.push(("cookie".to_owned(), header)),
    }
    Some(with)
}

async fn body_failed(
    error: BodyError,
    url: &Url,
    progress: Progress,
    clock: &Stopwatch,
    options: TransportOptions,
) -> Outcome {
    let phase = Phase::ReadingBody;
    match error {
        BodyError::TooLarge => {
            let message = format!(
                "the response body is larger than the {} limit (max_body)",
                crate::format::size_setting(options.max_body)
            );
            Outcome::Failure(stopped(
                FailureKind::BodyTooLarge,
                phase,
                message,
                progress,
                clock,
            ))
        }
        BodyError::TimedOut => timed_out(phase, options.timeout, progress, clock),
        BodyError::Transport(error) => {
            failed(classify(&error, phase, url), url, progress, clock, options).await
        }
        BodyError::Decode(message) => {
            Outcome::Failure(stopped(FailureKind::Other, phase, message, progress, clock))
        }
        BodyError::Spill(why) => {
            let message = format!(
                "the response body is larger than {} and goes to a temporary file, which could not be written: {why} (TMPDIR says where)",
                crate::format::bytes(super::exchange::SPILL_AT)
            );
            Outcome::Failure(stopped(FailureKind::Other, phase, message, progress, clock))
        }
    }
}
