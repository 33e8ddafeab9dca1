//! Time ran out (`Timeout` failures): in which phase, a stuck IPv6 route, the limit against
//! this endpoint's usual times, and whether a non-idempotent request may have been applied
//! (`timeout.*`).

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::timeout;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::sent::urls::{endpoint, is_loopback};
use crate::http::{Failure, Phase};

pub(super) fn timeout_phase(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let limit = failure
        .limit
        .map_or_else(|| "the limit".to_owned(), crate::format::duration);
    let (spec, text) = match failure.phase {
        Phase::Connect => (
            timeout::CONNECT,
            format!(
                "No answer from {} within {limit} (packets dropped, not refused): a firewall, a wrong address or a VPN you are not on",
                reached(f, failure)
            ),
        ),
        Phase::WaitingForResponse => (
            timeout::TTFB,
            format!(
                "Connected and sent the request, but {} sent no response headers within {limit}",
                f.host()
            ),
        ),
        Phase::ReadingBody => (
            timeout::BODY,
            format!("Headers arrived but the body was still streaming when {limit} ran out"),
        ),
        Phase::Build => return None,
    };
    Some(Check::fail(spec, text))
}

/// What was dialled: the authority as written and the address it resolved to
/// (`pingfed.corp.example:9031 (10.12.4.21)`), or either alone.
fn reached(f: &Facts<'_>, failure: &Failure) -> String {
    match failure.resolved.first() {
        Some(address) if f.host() != address.ip().to_string() => {
            format!("{} ({})", f.authority(), address.ip())
        }
        Some(address) => address.to_string(),
        None => f.authority(),
    }
}

pub(super) fn timeout_ipv6(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    if failure.phase != Phase::Connect {
        return None;
    }
    let first = failure.resolved.first()?;
    let v4 = failure.resolved.iter().find(|a| a.is_ipv4())?;
    first
        .is_ipv6()
        .then(|| {
            Check::possible(
                timeout::IPV6,
                format!(
                    "Stuck on IPv6 {}; IPv4 {} was not reached before the timeout",
                    first.ip(),
                    v4.ip()
                ),
            )
        })
        .filter(|_| !is_loopback(&f.host()))
}

pub(super) fn timeout_setting(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let limit = failure.limit?;
    let sent = f.sent?;
    let base = endpoint(&sent.url);
    let mut times: Vec<std::time::Duration> = f
        .history
        .iter()
        .filter(|h| h.status.is_some() && endpoint(&h.sent.url) == base)
        .map(|h| h.elapsed)
        .collect();
    if times.is_empty() {
        return Some(Check::unknown(
            timeout::SETTING,
            format!(
                "The limit was {}; no earlier answer from this endpoint to compare with",
                crate::format::duration(limit)
            ),
        ));
    }
    times.sort();
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    Some(if limit < p95 {
        Check::possible(
            timeout::SETTING,
            format!(
                "Your timeout ({}) is below this endpoint's usual {}",
                crate::format::duration(limit),
                crate::format::elapsed(p95)
            ),
        )
    } else {
        Check::pass(
            timeout::SETTING,
            format!(
                "This endpoint usually answers within {}; the {} limit is above that, so the server is slower than usual",
                crate::format::elapsed(p95),
                crate::format::duration(limit)
            ),
        )
    })
}

pub(super) fn timeout_maybe_processed(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    if f.idempotent() || !failure.phase.request_may_have_arrived() {
        return None;
    }
    Some(Check::possible(
        timeout::MAYBE_PROCESSED,
        format!(
            "The server may still have processed this {} — check the state before retrying",
            f.method()
        ),
    ))
}
