//! The rate-limit header family, every generation of it (docs/diagnosis.md §Rate-limit
//! headers).
//!
//! Servers announce quotas in at least three incompatible ways, often several at once:
//!
//! - (a) the IETF draft (draft-ietf-httpapi-ratelimit-headers -08 … -11): `RateLimit-Policy` and
//!   `RateLimit` are Structured-Field Lists (RFC 9651) of named policies with parameters;
//! - (b) older drafts still deployed: draft-07's Dictionary `RateLimit: limit=…, remaining=…,
//!   reset=…`, drafts -00 … -06's separate `RateLimit-Limit` / `-Remaining` / `-Reset` (which
//!   GitLab reuses with an epoch `Reset` plus an HTTP-date `RateLimit-ResetTime`);
//! - (c) de-facto `X-RateLimit-*` and vendor variants (GitHub, Twitter/X, Discord, Kong, `OpenAI`,
//!   Anthropic).
//!
//! All of them are normalised to [`Policy`] (what the server allows) and [`Limit`] (where the
//! client stands now). The draft says malformed fields MUST be ignored [RL-11 §Client Behavior],
//! so a bad value is never an error or a panic: it is left out and recorded in
//! [`RateLimits::malformed`] so the checklist can quote it.
//!
//! Pure: the receive time and the server `Date` come in as arguments.
//!
//! This file holds the entry point. Beside it: `quota` holds the result types, `draft` reads
//! (a) and (b),
//! `families` reads (c), `reset` classifies reset values, `number` parses the numbers and
//! durations in header values, `structured` is the RFC 9651 plumbing and `state` the parsing
//! state they share.

mod draft;
mod families;
mod number;
mod quota;
mod reset;
mod state;
mod structured;

#[cfg(test)]
mod tests;

use std::time::SystemTime;

use self::families::families;
pub use self::quota::{Limit, Policy, RateLimits, ResetKind};
use self::state::{Ctx, Headers};

pub use reset::classify_reset;

/// Parses every generation of rate-limit header in `headers` (names case-insensitive).
///
/// A list field split across several field lines is combined, as RFC 9651 §4.2 prescribes.
/// Malformed values are ignored and recorded in [`RateLimits::malformed`], never a panic.
/// Absolute resets (epoch, dates) are moved to the local clock with the server `Date`, like
/// `Retry-After` dates (docs/diagnosis.md §Retry-After and the server clock).
pub fn parse_rate_limits(
    headers: &[(String, String)],
    received_at: SystemTime,
    server_date: Option<SystemTime>,
) -> RateLimits {
    let mut ctx = Ctx {
        headers: Headers::new(headers),
        received_at,
        server_date,
        out: RateLimits::default(),
    };
    // Policies first: limits look up their quota and window by policy.
    ctx.parse_policy_field();
    ctx.parse_ratelimit_field();
    ctx.parse_split_draft();
    for family in families(&ctx.headers) {
        ctx.parse_family(&family);
    }
    ctx.out.limits.extend(used_of_max(headers));
    if ctx.out.limits.is_empty() {
        ctx.out.limits.extend(by_words(headers, received_at, server_date));
    }
    ctx.out
}

/// Rate-limit headers of no known family, read by the words in their names
/// (`X-Rate-Limit-Requests-Left`, `X-Rate-Limit-Requests-Quota`,
/// `X-Rate-Limit-Time-Reset-Ms`): a remaining count (`remaining`, `left`), a quota (`limit`,
/// `quota`), a reset (`reset`, in milliseconds when the name says `ms`) and a window. Only
/// when no known family matched, and only with a remaining count.
fn by_words(
    headers: &[(String, String)],
    received_at: std::time::SystemTime,
    server_date: Option<std::time::SystemTime>,
) -> Option<Limit> {
    let about_limits = |name: &str| name.contains("rate") || name.contains("limit") || name.contains("quota");
    let named: Vec<(String, &str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), n.as_str(), v.as_str()))
        .filter(|(lower, _, _)| about_limits(lower))
        .collect();
    let find = |test: &dyn Fn(&str) -> bool| named.iter().find(|(lower, _, _)| test(lower));
    let (_, remaining_name, remaining) =
        find(&|n| n.contains("remaining") || n.ends_with("-left") || n.contains("-left-"))?;
    let remaining: u64 = number::parse_u64(remaining)?;
    let millis = |n: &str| n.ends_with("-ms") || n.contains("-ms-") || n.ends_with("millis");
    let quota = find(&|n| {
        (n.contains("limit") || n.contains("quota"))
            && !["remaining", "left", "reset", "window", "interval", "used"]
                .iter()
                .any(|w| n.contains(w))
            && n.ends_with(|c: char| c.is_alphabetic())
    })
    .and_then(|(_, _, v)| number::parse_u64(v))
    .filter(|q| *q >= remaining);
    let window = find(&|n| n.contains("window") || n.contains("interval")).and_then(|(lower, _, v)| {
        let n = number::parse_u64(v)?;
        Some(if millis(lower) {
            std::time::Duration::from_millis(n)
        } else {
            std::time::Duration::from_secs(n)
        })
    });
    let reset = find(&|n| n.contains("reset"));
    let (reset_at, reset_raw, reset_kind) = match reset {
        Some((lower, _, v)) if millis(lower) => {
            let ms = number::parse_u64(v)?;
            (
                received_at.checked_add(std::time::Duration::from_millis(ms)),
                Some((*v).to_owned()),
                Some(ResetKind::Duration),
            )
        }
        Some((_, _, v)) => match reset::classify_reset(v, received_at, server_date, window) {
            Some((at, kind)) => (Some(at), Some((*v).to_owned()), Some(kind)),
            None => (None, Some((*v).to_owned()), None),
        },
        None => (None, None, None),
    };
    // Named by the headers themselves, since no family name fits them.
    let source = match reset {
        Some((_, name, _)) => format!("{remaining_name} / {name}"),
        None => (*remaining_name).to_owned(),
    };
    Some(Limit {
        policy: None,
        quota,
        remaining: Some(remaining),
        window,
        reset_at,
        reset_raw,
        reset_kind,
        source,
    })
}

/// Call-limit headers of the `used/max` kind (`X-Shopify-Shop-Api-Call-Limit: 40/40`,
/// `X-App-Usage`-style counters): a header whose name says limit or usage and whose value is
/// two whole numbers around a slash. Remaining is what is left of the maximum.
fn used_of_max(headers: &[(String, String)]) -> Vec<Limit> {
    headers
        .iter()
        .filter(|(name, _)| {
            let name = name.to_ascii_lowercase();
            (name.contains("limit") || name.contains("usage")) && !name.starts_with("ratelimit")
        })
        .filter_map(|(name, value)| {
            let (used, max) = value.trim().split_once('/')?;
            let used: u64 = used.trim().parse().ok()?;
            let max: u64 = max.trim().parse().ok()?;
            (max > 0).then(|| Limit {
                policy: None,
                quota: Some(max),
                remaining: Some(max.saturating_sub(used)),
                window: None,
                reset_at: None,
                reset_raw: None,
                reset_kind: None,
                source: format!("{name}: {used}/{max} (used/max)"),
            })
        })
        .collect()
}
