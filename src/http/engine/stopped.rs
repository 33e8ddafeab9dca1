//! Recording a send that stopped before a complete response: what was sent, the hops so
//! far, the head if it had arrived (and when), and the time it took. Every failure the
//! engine reports is built here, so they all carry the same facts.

use std::net::SocketAddr;
use std::time::{Duration, Instant, SystemTime};

use url::Url;

use super::super::classify::Classified;
use super::super::exchange::{Failure, FailureKind, Hop, Outcome, Phase, ResponseHead, SentRequest, Timing};
use super::super::request::TransportOptions;

/// When a send began; every timing is measured from here.
#[derive(Debug, Clone, Copy)]
pub(super) struct Stopwatch {
    started_at: SystemTime,
    started: Instant,
}

impl Stopwatch {
    pub(super) fn start() -> Self {
        Self {
            started_at: SystemTime::now(),
            started: Instant::now(),
        }
    }

    /// When the whole exchange must be over.
    pub(super) fn deadline(&self, timeout: Duration) -> Instant {
        self.started + timeout
    }

    pub(super) fn timing(&self, headers_after: Option<Duration>) -> Timing {
        Timing {
            started_at: self.started_at,
            headers_after,
            total: self.started.elapsed(),
        }
    }
}

/// How far a send got before it stopped.
#[derive(Debug)]
pub(super) struct Progress {
    pub(super) request: Option<SentRequest>,
    pub(super) hops: Vec<Hop>,
    /// The response head, with how long after the request it arrived.
    pub(super) head: Option<(ResponseHead, Duration)>,
}

/// A failure with no error chain (there was no error to walk), resolved addresses or limit;
/// callers fill those in.
pub(super) fn stopped(
    kind: FailureKind,
    phase: Phase,
    message: String,
    progress: Progress,
    clock: &Stopwatch,
) -> Box<Failure> {
    let (response, headers_after) = progress.head.map_or((None, None), |(h, t)| (Some(h), Some(t)));
    Box::new(Failure {
        kind,
        phase,
        chain: Vec::new(),
        // Error texts quote the URL they failed on, password and keys included: masked here,
        // once, so no screen, report or history row ever holds them.
        message: if message.contains("://") {
            crate::secrets::mask_urls_in(&message)
        } else {
            message
        },
        io_kind: None,
        request: progress.request,
        hops: progress.hops,
        response,
        resolved: Vec::new(),
        limit: None,
        timing: clock.timing(headers_after),
    })
}

/// The whole-exchange timeout fired while in `phase`.
pub(super) fn timed_out(phase: Phase, limit: Duration, progress: Progress, clock: &Stopwatch) -> Outcome {
    let message = format!(
        "no complete response within the {} timeout (timed out while {})",
        crate::format::duration(limit),
        phase.as_str()
    );
    let mut failure = stopped(FailureKind::Timeout, phase, message, progress, clock);
    failure.limit = Some(limit);
    Outcome::Failure(failure)
}

/// A failure from a classified transport error; after a connect failure, looks the host up
/// again so the evidence can say which addresses were tried.
pub(super) async fn failed(
    classified: Classified,
    url: &Url,
    progress: Progress,
    clock: &Stopwatch,
    options: TransportOptions,
) -> Outcome {
    let Classified {
        kind,
        phase,
        message,
        chain,
        io_kind,
    } = classified;
    // Timed before the evidence lookup below: the total is when the send failed.
    let mut failure = stopped(kind, phase, message, progress, clock);
    failure.chain = chain.iter().map(|c| crate::secrets::mask_urls_in(c)).collect();
    failure.io_kind = io_kind;
    if phase == Phase::Connect && matches!(kind, FailureKind::Connect | FailureKind::Timeout) {
        failure.resolved = resolve(url).await;
    }
    if kind == FailureKind::Timeout {
        failure.limit = Some(if phase == Phase::Connect {
            options.connect_timeout
        } else {
            options.timeout
        });
    }
    Outcome::Failure(failure)
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
