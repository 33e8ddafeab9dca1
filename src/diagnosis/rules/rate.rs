//! 429 and 503: when to come back. Retry-After wins over every other signal
//! (draft-ietf-httpapi-ratelimit-headers, "Client Behavior"); then rate-limit resets. Verdicts
//! that depend on time flip when the wait elapses, so the UI can count them down.

use std::time::{Duration, SystemTime};

use super::incident;
use crate::diagnosis::Check;
use crate::diagnosis::catalogue::CheckSpec;
use crate::diagnosis::catalogue::{service_unavailable, too_many_requests};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::phrase::Phrase;
use crate::diagnosis::quote;
use crate::evidence::ratelimit::{Limit, ResetKind};
use crate::evidence::retry_after::{RetryAfter, retry_at};

/// Waits longer than this are shown but flagged (docs/diagnosis.md §Retry-After and the server
/// clock).
const UNUSUALLY_LONG: Duration = Duration::from_secs(3600);

pub fn too_many_requests(f: &Facts<'_>) -> Vec<Check> {
    [
        retry_after(f, too_many_requests::RETRY_AFTER),
        reset(f),
        quota_vs_rate(f),
        abnormal(f),
        client_rate(f),
        identity(f),
        header_consistency(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn service_unavailable(f: &Facts<'_>) -> Vec<Check> {
    [
        retry_after(f, service_unavailable::RETRY_AFTER),
        maintenance(f),
        no_upstream(f),
        throttle(f),
        incident::host_wide(f, service_unavailable::HOST_WIDE, 503),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// When Retry-After says the client may come back, if it says anything usable.
pub fn retry_time(f: &Facts<'_>) -> Option<Result<(SystemTime, String), String>> {
    let raw = f.header("retry-after")?;
    Some(match f.retry_after.as_ref()? {
        Ok(ra) => {
            let ra = *ra;
            let at = retry_at(ra, f.received_at, f.server_date);
            let form = match (ra, f.header("date")) {
                (RetryAfter::Date(_), Some(date)) => format!(" (HTTP-date; server Date {date})"),
                (RetryAfter::Date(_), None) => " (HTTP-date)".to_owned(),
                (RetryAfter::Delay(_), _) => String::new(),
                (RetryAfter::FractionalDelay(_), _) => {
                    " (read leniently: RFC 9110 §10.2.3 wants whole seconds)".to_owned()
                }
            };
            Ok((at, format!("Retry-After: {}{form}", quote::text(raw))))
        }
        Err(reason) => Err(format!(
            "Retry-After value \"{}\" is not a number of seconds or an HTTP-date ({reason}) — ignored",
            quote::text(raw)
        )),
    })
}

/// Fails until the moment Retry-After names, then passes: the check carries both, and the
/// checklist reads the one that holds when it is read.
fn retry_after(f: &Facts<'_>, spec: &'static CheckSpec) -> Option<Check> {
    let Some(parsed) = retry_time(f) else {
        return Some(Check::unknown(
            spec,
            "No Retry-After header; see the rate-limit headers and back off",
        ));
    };
    let (at, quoted) = match parsed {
        Ok(v) => v,
        Err(malformed) => return Some(Check::unknown(spec, malformed)),
    };
    let long = if at.duration_since(f.received_at).unwrap_or_default() > UNUSUALLY_LONG {
        " — unusually long; check it is not a mistake before waiting"
    } else {
        ""
    };
    let waiting = Check::fail(
        spec,
        Phrase::from(format!("{quoted} → retry at ")).when(at).text(long),
    )
    .cite("RFC 9110 §10.2.3");
    let elapsed = Check::pass(
        spec,
        format!("{quoted} elapsed at {} — you may retry now", f.clock.local(at)),
    );
    Some(waiting.until(at, elapsed))
}

fn describe_reset(limit: &Limit) -> Phrase {
    let raw = limit.reset_raw.as_deref().unwrap_or("?");
    let read_as = match limit.reset_kind {
        Some(ResetKind::EpochSeconds) => " (read as Unix epoch seconds)",
        Some(ResetKind::EpochMillis) => " (read as Unix epoch milliseconds)",
        Some(ResetKind::DeltaSeconds) => " (read as seconds from now)",
        Some(ResetKind::Duration) => " (a duration)",
        Some(ResetKind::Date) => " (a date)",
        None => "",
    };
    // `x-ratelimit-*` families name their reset header; the drafts' fields say `reset`.
    let name = limit
        .source
        .strip_suffix('*')
        .map_or_else(|| "reset ".to_owned(), |prefix| format!("{prefix}reset: "));
    match limit.reset_at {
        Some(at) => Phrase::from(format!("{name}{raw}{read_as} → ")).when(at),
        None => Phrase::from(format!("{name}{raw}")),
    }
}

/// A spent limit. It stays the reason this request was refused after the window resets;
/// only the advice changes, from "wait" to "you may send again".
fn spent_until_reset(limit: &Limit, text: Phrase) -> Check {
    let waiting = Check::fail(too_many_requests::RESET, text.clone());
    match limit.reset_at {
        Some(at) => waiting.until(
            at,
            Check::fail(
                too_many_requests::RESET,
                text.text(" — the window has passed; you may send again"),
            ),
        ),
        None => waiting,
    }
}

fn policy_name(limit: &Limit) -> String {
    limit
        .policy
        .as_ref()
        .map_or_else(|| limit.source.clone(), |p| format!("policy \"{p}\""))
}

fn reset(f: &Facts<'_>) -> Option<Check> {
    let limits = &f.rate_limits;
    if limits.is_empty() {
        return Some(Check::unknown(
            too_many_requests::RESET,
            "No rate-limit headers in the response",
        ));
    }
    if let Some(limit) = limits.exhausted(f.received_at) {
        let quota = limit.quota.map_or(String::new(), |q| format!(" of {q}"));
        // A family of headers is named by its remaining header: `x-ratelimit-remaining: 0`.
        let counted = match (&limit.policy, limit.source.strip_suffix('*')) {
            (None, Some(prefix)) => format!("{prefix}remaining"),
            _ => policy_name(limit),
        };
        let text = Phrase::from(format!("{counted}: 0{quota} left, ")).then(describe_reset(limit));
        return Some(spent_until_reset(limit, text));
    }
    // Nothing at zero, but a limit nearly spent: a request costing more than what is left
    // (tokens, points, weight) is refused while the count still shows some.
    let nearly = limits
        .limits
        .iter()
        .filter_map(|l| Some((l, l.remaining?, l.quota?)))
        .filter(|(_, remaining, quota)| *quota > 0 && remaining * 50 < *quota)
        .min_by_key(|(_, remaining, quota)| remaining * 10_000 / quota);
    if let Some((limit, remaining, quota)) = nearly {
        let text = Phrase::from(format!(
            "{}: {remaining} of {quota} left — nearly spent, so a request that costs more is refused; ",
            policy_name(limit)
        ))
        .then(describe_reset(limit));
        return Some(spent_until_reset(limit, text));
    }
    // A 429 with a limit and its reset but no remaining count: that window is the one spent.
    if let Some(limit) = limits
        .limits
        .iter()
        .find(|l| l.remaining.is_none() && l.reset_at.is_some_and(|at| at > f.received_at))
    {
        let quota = limit.quota.map_or(String::new(), |q| format!(" (limit {q})"));
        let text = Phrase::from(format!(
            "{}{quota}: no remaining count, but the 429 says it is spent; ",
            policy_name(limit)
        ))
        .then(describe_reset(limit));
        return Some(spent_until_reset(limit, text));
    }
    let left: Vec<String> = limits
        .limits
        .iter()
        .filter_map(|l| l.remaining.map(|r| format!("{}: {r} left", policy_name(l))))
        .collect();
    if left.is_empty() {
        return Some(Check::unknown(
            too_many_requests::RESET,
            "Rate-limit headers carry no remaining count",
        ));
    }
    Some(Check::pass(
        too_many_requests::RESET,
        format!(
            "{} — the limit that fired may be elsewhere (per endpoint or per account)",
            quote::list(&left)
        ),
    ))
}

fn quota_vs_rate(f: &Facts<'_>) -> Option<Check> {
    let text = f.body_lower.as_str();
    let billing = [
        "insufficient_quota",
        "billing",
        "upgrade your plan",
        "daily limit",
        "monthly limit",
        "quota exceeded for the day",
        "per month",
        "/ month",
        "a month",
        "per day",
        "/ day",
        "requests per day",
        "trial key",
        "free tier",
        "free plan",
        "premium plan",
        "upgrade to",
    ]
    .into_iter()
    .find(|k| text.contains(k));
    if let Some(keyword) = billing {
        return Some(Check::fail(
            too_many_requests::QUOTA_VS_RATE,
            format!(
                "The body mentions \"{keyword}\" — this is a quota or plan limit; waiting seconds will not help"
            ),
        ));
    }
    let limit = f.rate_limits.exhausted(f.received_at)?;
    let window = limit
        .window
        .or_else(|| f.rate_limits.policy_for(limit).and_then(|p| p.window))?;
    let human = crate::format::duration(window);
    Some(if window >= Duration::from_secs(86_400) {
        Check::fail(
            too_many_requests::QUOTA_VS_RATE,
            format!(
                "Violated {} (window {human}) — this is a quota, not a burst limit",
                policy_name(limit)
            ),
        )
    } else {
        Check::pass(
            too_many_requests::QUOTA_VS_RATE,
            format!(
                "Violated {} with a {human} window — a short burst limit",
                policy_name(limit)
            ),
        )
    })
}

fn abnormal(f: &Facts<'_>) -> Option<Check> {
    let flagged = f
        .error_body
        .problem_type
        .as_deref()
        .is_some_and(|t| t.ends_with("#abnormal-usage-detected"))
        || f.body_lower.as_str().contains("secondary rate limit");
    flagged.then(|| {
        let violated = if f.error_body.violated_policies.is_empty() {
            String::new()
        } else {
            format!(" ({})", f.error_body.violated_policies.join(", "))
        };
        Check::fail(
            too_many_requests::ABNORMAL,
            format!(
                "Server flagged abnormal usage{violated}; wait at least a minute and send requests one at a time"
            ),
        )
    })
}

/// Counts the sends to this host in the policy's window — this one once, whatever the
/// history holds — and ages the window with the clock: the check fails while the window holds
/// the quota's worth of sends and passes from the moment enough of them are older than it.
fn client_rate(f: &Facts<'_>) -> Option<Check> {
    let host = f.url.as_ref()?.host_str()?.to_owned();
    let limit = f
        .rate_limits
        .exhausted(f.received_at)
        .or_else(|| f.rate_limits.limits.first())?;
    let policy = f.rate_limits.policy_for(limit);
    let quota = limit.quota.or(policy.map(|p| p.quota))?;
    let window = limit.window.or(policy.and_then(|p| p.window))?;
    let started = f.exchange.map_or(f.received_at, |e| e.timing.started_at);
    let since = started.checked_sub(window)?;
    // When each send started, oldest first; this exchange is counted once, even when the
    // history already holds it.
    let mut starts: Vec<SystemTime> = f
        .history
        .iter()
        .filter(|h| h.host().as_deref() == Some(host.as_str()))
        .map(|h| h.at.checked_sub(h.elapsed).unwrap_or(h.at))
        .filter(|t| *t > since && *t < started)
        .collect();
    starts.push(started);
    starts.sort();
    let sent = starts.len();
    let per = crate::format::duration(window);
    let text = format!(
        "You sent {} to {host} in the {per} up to {}; the policy allows {quota} per {per}",
        crate::format::count(sent, "request", "requests"),
        f.clock.local(started)
    );
    let quota_count = usize::try_from(quota).unwrap_or(usize::MAX);
    if sent < quota_count {
        return Some(Check::pass(
            too_many_requests::CLIENT_RATE,
            format!("{text} — others may share your quota"),
        ));
    }
    // The window holds fewer than `quota` sends once the oldest `sent - quota + 1` are older
    // than it.
    let frees_at = starts[sent - quota_count] + window;
    let aged = Check::pass(
        too_many_requests::CLIENT_RATE,
        format!("{text} — the window has moved on since, and fewer are in it now"),
    );
    Some(Check::fail(too_many_requests::CLIENT_RATE, text).until(frees_at, aged))
}

/// An anonymous request where credentials were meant to go, or to an API known to give
/// anonymous clients a smaller quota, may be hitting the anonymous limit.
fn identity(f: &Facts<'_>) -> Option<Check> {
    if !f.credentials.is_empty() {
        return None;
    }
    let meant_auth = f.written.is_some_and(|w| w.auth.is_some() && !w.auth_applied);
    let host = f.host();
    let known = ["api.github.com", "gitlab.com", "api.twitter.com", "api.x.com"]
        .iter()
        .any(|h| host == *h);
    if !meant_auth && !known {
        return None;
    }
    let why = if meant_auth {
        "its auth helper sent nothing (empty credential)".to_owned()
    } else {
        format!("{host} gives anonymous clients a much smaller quota (GitHub: 60/h vs 5,000/h)")
    };
    Some(Check::possible(
        too_many_requests::IDENTITY,
        format!("The request was unauthenticated; {why}"),
    ))
}

fn header_consistency(f: &Facts<'_>) -> Option<Check> {
    let (retry, _) = retry_time(f)?.ok()?;
    let limit = f.rate_limits.exhausted(f.received_at)?;
    let reset = limit.reset_at?;
    Some(if retry + Duration::from_secs(1) < reset {
        Check::possible(
            too_many_requests::HEADER_CONSISTENCY,
            format!(
                "Retry-After ({}) is earlier than the {} reset ({}); apibench follows Retry-After but the quota may still be empty then",
                f.clock.local(retry),
                policy_name(limit),
                f.clock.local(reset)
            ),
        )
    } else {
        Check::pass(
            too_many_requests::HEADER_CONSISTENCY,
            format!("Retry-After and the {} reset agree", policy_name(limit)),
        )
    })
}

fn maintenance(f: &Facts<'_>) -> Option<Check> {
    let lower = &f.body_lower;
    let keyword = ["maintenance", "scheduled", "status page", "statuspage"]
        .into_iter()
        .find(|k| lower.contains(k))?;
    let snippet = f
        .error_body
        .headline
        .clone()
        .unwrap_or_else(|| keyword.to_owned());
    Some(Check::fail(
        service_unavailable::MAINTENANCE,
        format!("Server reports maintenance: \"{}\"", quote::text(&snippet)),
    ))
}

fn no_upstream(f: &Facts<'_>) -> Option<Check> {
    let lower = &f.body_lower;
    let marker = [
        "no healthy upstream",
        "no available server",
        "no server is available",
        "default backend",
        "no healthy hosts",
        "no healthy backend",
        "back-end server is at capacity",
        "no endpoints available",
        "upstream connect error",
        // Varnish's built-in synthetic page when the backend does not answer.
        "backend fetch failed",
    ]
    .into_iter()
    .find(|m| lower.contains(m));
    let awselb = f
        .header("server")
        .is_some_and(|s| s.to_ascii_lowercase().starts_with("awselb"));
    if marker.is_none() && !awselb {
        return None;
    }
    let who = f
        .generator
        .as_ref()
        .and_then(|g| g.who.clone())
        .unwrap_or_else(|| "The gateway".to_owned());
    Some(Check::fail(
        service_unavailable::NO_UPSTREAM,
        format!(
            "{who} has no healthy backend ({})",
            marker.map_or("Server: awselb".to_owned(), |m| format!("\"{m}\""))
        ),
    ))
}

fn throttle(f: &Facts<'_>) -> Option<Check> {
    let reduced = f
        .error_body
        .problem_type
        .as_deref()
        .is_some_and(|t| t.ends_with("#temporary-reduced-capacity"));
    let exhausted = f.rate_limits.exhausted(f.received_at);
    if !reduced && exhausted.is_none() {
        return None;
    }
    let text = match exhausted {
        Some(limit) => Phrase::from(format!("Capacity reduced: {} has 0 left, ", policy_name(limit)))
            .then(describe_reset(limit)),
        None => {
            "Server reports temporarily reduced capacity (problem type temporary-reduced-capacity)".into()
        }
    };
    Some(Check::fail(service_unavailable::THROTTLE, text))
}
