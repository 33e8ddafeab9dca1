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
    ctx.out
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
