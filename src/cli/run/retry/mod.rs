//! `run --retry N`: when to send a request again, and how long to wait first — as the server
//! asks. A 429, a 503 or a connection failure is retried; the wait is the server's
//! (Retry-After, else the reset of the rate limit it reported, both read by the checklist),
//! else exponential backoff with jitter. A request that changes something (POST, PATCH, …)
//! is resent only when that cannot do it twice: it never reached the server, it carries an
//! Idempotency-Key, or the collection says `idempotent: true`.

use std::time::{Duration, SystemTime};

use crate::http::{FailureKind, Outcome, SentRequest};

/// The first backoff wait; each retry doubles it, up to [`BACKOFF_MAX`].
const BACKOFF_FIRST: Duration = Duration::from_millis(500);
const BACKOFF_MAX: Duration = Duration::from_secs(30);
/// A server that asks for a longer wait than this is not waited for: a CI job would rather
/// fail now and say why.
pub(super) const LONGEST_WAIT: Duration = Duration::from_secs(300);

/// What to do after an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Decision {
    /// Keep this result.
    Keep,
    /// Send again after `wait`, for the reason given (`Retry-After: 2`).
    Retry { wait: Duration, why: String },
    /// It could be retried but will not be, and the output says why.
    Refuse(String),
}

/// Everything the decision reads about one attempt.
#[derive(Debug)]
pub(super) struct Attempted<'a> {
    pub outcome: &'a Outcome,
    /// The collection says sending it twice does no more than once (`idempotent: true` on
    /// the request or in `defaults`).
    pub declared_idempotent: bool,
    /// Whether the result already meets the expectation (an expected 503 is not retried).
    pub met: bool,
    /// When the server's wait is over, as the checklist read it.
    pub server_wait_over: Option<SystemTime>,
    /// 1 for the first send.
    pub attempt: u32,
}

/// Whether and when to send again, given `retries` allowed in all and `jitter` in [0, 1).
pub(super) fn decide(a: &Attempted<'_>, retries: u32, now: SystemTime, jitter: f64) -> Decision {
    if a.met || a.attempt > retries {
        return Decision::Keep;
    }
    let (what, reached_server, sent) = match a.outcome {
        // The request judged is the first one sent: after a redirect, the last hop may be a
        // GET that a POST turned into, and resending means sending the POST.
        Outcome::Response(exchange) if matches!(exchange.response.status(), 429 | 503) => (
            exchange.response.status().to_string(),
            true,
            Some(
                exchange
                    .hops
                    .first()
                    .map_or(&exchange.request, |hop| &hop.request),
            ),
        ),
        Outcome::Failure(f)
            if matches!(
                f.kind,
                FailureKind::Connect | FailureKind::Reset | FailureKind::Timeout
            ) =>
        {
            (
                format!("no response ({})", f.kind.as_str()),
                f.phase.request_may_have_arrived() || !f.hops.is_empty(),
                f.hops.first().map(|hop| &hop.request).or(f.request.as_ref()),
            )
        }
        _ => return Decision::Keep,
    };
    if reached_server && !may_resend(sent, a.declared_idempotent) {
        let method = sent.map_or("this method", |s| s.method.as_str());
        return Decision::Refuse(format!(
            "{what}: not retried, since a {method} sent twice may do its work twice \
             (send an Idempotency-Key header, or write `idempotent: true` on the request)"
        ));
    }
    let server = a
        .server_wait_over
        .map(|at| at.duration_since(now).unwrap_or_default());
    match server {
        Some(wait) if wait > LONGEST_WAIT => Decision::Refuse(format!(
            "{what}: not retried, since the server asks to wait {} (longer than {})",
            crate::format::elapsed(wait),
            crate::format::elapsed(LONGEST_WAIT)
        )),
        Some(wait) => {
            let header = retry_after_header(a.outcome);
            Decision::Retry {
                wait,
                why: format!(
                    "{what}, waiting as the server asked ({})",
                    header.map_or_else(
                        || "its rate-limit reset".to_owned(),
                        |v| format!("Retry-After: {v}")
                    )
                ),
            }
        }
        None => {
            let wait = backoff(a.attempt, jitter);
            Decision::Retry {
                wait,
                why: format!("{what}, backing off (the server named no wait)"),
            }
        }
    }
}

/// Whether sending `sent` again cannot do its work twice.
fn may_resend(sent: Option<&SentRequest>, declared_idempotent: bool) -> bool {
    if declared_idempotent {
        return true;
    }
    let Some(sent) = sent else { return false };
    // RFC 9110 §9.2.2: these methods are idempotent.
    matches!(
        sent.method.to_ascii_uppercase().as_str(),
        "GET" | "HEAD" | "OPTIONS" | "TRACE" | "PUT" | "DELETE"
    ) || sent.header("idempotency-key").is_some()
}

fn retry_after_header(outcome: &Outcome) -> Option<&str> {
    match outcome {
        Outcome::Response(exchange) => exchange.response.header("retry-after"),
        Outcome::Failure(_) => None,
    }
}

/// Exponential backoff with "equal jitter": half the doubled wait, plus a random part of the
/// other half, so clients that failed together do not come back together.
fn backoff(attempt: u32, jitter: f64) -> Duration {
    let doubled = BACKOFF_FIRST.saturating_mul(1 << attempt.saturating_sub(1).min(16));
    let full = doubled.min(BACKOFF_MAX);
    full / 2 + full.mul_f64(jitter.clamp(0.0, 1.0) / 2.0)
}

#[cfg(test)]
mod tests;
