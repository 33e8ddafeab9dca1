//! Turning reqwest's "error sending request" into a failure class people can act on.
//!
//! The top-level error rarely says what happened; the `source()` chain does. The chain is
//! walked once and the first matching rule wins (docs/diagnosis.md §Network failures).

use std::error::Error as StdError;
use std::io;

use url::Url;

use super::exchange::{FailureKind, Phase};
use super::proxy::ProxyUse;

/// How a failed lookup shows in the chain: hyper-util's connector says "dns error", reqwest's
/// resolver wrapper "error resolving DNS"; the resolver's own words sit below either.
const DNS_MARKERS: [&str; 2] = ["dns error", "error resolving DNS"];

/// A classified transport error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    pub kind: FailureKind,
    pub phase: Phase,
    pub message: String,
    pub chain: Vec<String>,
    pub io_kind: Option<io::ErrorKind>,
}

/// Classifies an error from sending a request or reading its body to `url`. `phase` is where
/// the caller was: waiting for headers or reading the body.
pub fn classify(error: &reqwest::Error, phase: Phase, url: &Url) -> Classified {
    let name = url.host_str().unwrap_or_default();
    // Messages name the port too: "connection refused by localhost:8080" says which service.
    let host = &match url.port_or_known_default() {
        Some(port) => format!("{name}:{port}"),
        None => name.to_owned(),
    };
    let chain = chain_of(error);
    let io_kind = find_io_kind(error);
    let deepest = chain.last().cloned().unwrap_or_default();
    let (kind, phase, message) = if error.is_builder() {
        (
            FailureKind::InvalidUrl,
            Phase::Build,
            format!("the request could not be built: {deepest}"),
        )
    } else if let Some(tls) = find::<rustls::Error>(error) {
        (
            FailureKind::Tls,
            Phase::Connect,
            format!("TLS handshake with {host} failed: {tls}"),
        )
    } else if chain.iter().any(|c| DNS_MARKERS.contains(&c.as_str())) {
        // The resolver's own words ("Name or service not known") are the deepest error.
        let detail = chain
            .last()
            .filter(|c| !DNS_MARKERS.contains(&c.as_str()))
            .map_or("the name did not resolve", String::as_str);
        (
            FailureKind::Dns,
            Phase::Connect,
            format!("could not resolve {name}: {detail}"),
        )
    } else if error.is_timeout() || io_kind == Some(io::ErrorKind::TimedOut) {
        let phase = phase_after_connect(error, phase);
        (
            FailureKind::Timeout,
            phase,
            format!("timed out while {}", phase.as_str()),
        )
    } else if let Some(kind) = io_kind.filter(|k| is_reset(*k)) {
        (
            FailureKind::Reset,
            phase_after_connect(error, phase),
            reset_message(kind, host),
        )
    } else if error.is_connect() {
        let message = match io_kind {
            Some(io::ErrorKind::ConnectionRefused) => format!("connection refused by {host}"),
            Some(io::ErrorKind::NetworkUnreachable | io::ErrorKind::HostUnreachable) => {
                format!("{host} is unreachable: {deepest}")
            }
            _ => format!("could not connect to {host}: {deepest}"),
        };
        (FailureKind::Connect, Phase::Connect, message)
    } else if chain
        .iter()
        .any(|c| c.contains("connection closed before message completed"))
    {
        (
            FailureKind::Reset,
            phase,
            format!("{host} closed the connection before the response was complete"),
        )
    } else {
        (FailureKind::Other, phase, deepest.clone())
    };
    Classified {
        kind,
        phase,
        message,
        chain,
        io_kind,
    }
}

/// [`classify`] for a request that went through `proxy`: the client connects to the proxy,
/// so a lookup or connection that failed failed to the proxy, and the message names it (its
/// password masked) and the variable it came from, instead of blaming the target. Returns
/// the classification and the URL it blames.
pub fn classify_via(
    error: &reqwest::Error,
    phase: Phase,
    url: &Url,
    proxy: Option<&ProxyUse>,
) -> (Classified, Url) {
    let direct = classify(error, phase, url);
    let proxy_url = proxy
        .filter(|_| matches!(direct.kind, FailureKind::Dns | FailureKind::Connect))
        .and_then(|p| Some((p, Url::parse(&p.url).ok()?)));
    let Some((proxy, proxy_url)) = proxy_url else {
        return (direct, url.clone());
    };
    let mut via = classify(error, phase, &proxy_url);
    via.message = format!(
        "{} — the proxy set by {}; the request never reached {}",
        via.message,
        proxy.source,
        url.host_str().unwrap_or_default()
    );
    (via, proxy_url)
}

fn phase_after_connect(error: &reqwest::Error, phase: Phase) -> Phase {
    if error.is_connect() { Phase::Connect } else { phase }
}

fn is_reset(kind: io::ErrorKind) -> bool {
    matches!(
        kind,
        io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe
            | io::ErrorKind::UnexpectedEof
    )
}

fn reset_message(kind: io::ErrorKind, host: &str) -> String {
    match kind {
        io::ErrorKind::ConnectionReset => format!("connection reset by {host}"),
        io::ErrorKind::BrokenPipe => {
            format!("{host} closed the connection while the request was being written")
        }
        io::ErrorKind::UnexpectedEof => format!("{host} closed the connection unexpectedly"),
        _ => format!("connection to {host} aborted"),
    }
}

/// Every error's message, outermost first, with repeats removed (wrappers often repeat
/// their source's text).
pub fn chain_of(error: &(dyn StdError + 'static)) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(e) = current {
        let text = e.to_string();
        if out.last() != Some(&text) {
            out.push(text);
        }
        current = e.source();
    }
    out
}

fn find<'a, T: StdError + 'static>(error: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut current: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        // rustls errors reach us wrapped in an io::Error; look inside it too.
        if let Some(io) = e.downcast_ref::<io::Error>()
            && let Some(inner) = io.get_ref()
            && let Some(found) = find::<T>(inner)
        {
            return Some(found);
        }
        current = e.source();
    }
    None
}

fn find_io_kind(error: &(dyn StdError + 'static)) -> Option<io::ErrorKind> {
    find::<io::Error>(error).map(io::Error::kind)
}
