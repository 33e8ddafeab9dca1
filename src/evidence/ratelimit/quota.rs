//! What rate-limit headers say once normalised, whichever generation they were: the policies
//! a server announced, where the client stands against each (with when it resets and how the
//! reset value was read), and what was malformed.

use std::time::{Duration, SystemTime};

/// A quota policy the server announced: "`quota` units per `window`".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The policy name (draft-08+); older drafts' policies are unnamed.
    pub name: Option<String>,
    /// Quota units allowed per window (`q`).
    pub quota: u64,
    /// The window (`w`), when stated.
    pub window: Option<Duration>,
    /// The quota unit (`qu`) as sent; `None` means the draft's default, see
    /// [`Policy::unit_or_default`].
    pub unit: Option<String>,
    /// The partition key (`pk`), re-serialised as an RFC 9651 byte sequence (`:base64:`).
    pub partition: Option<String>,
    /// The header the policy came from.
    pub source: String,
}

impl Policy {
    /// The quota unit, applying the draft's default of `"requests"` [RL-11 §Quota Unit Parameter].
    pub fn unit_or_default(&self) -> &str {
        self.unit.as_deref().unwrap_or("requests")
    }
}

/// How a reset value was read, for the evidence line ("read as Unix epoch seconds").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetKind {
    /// Seconds from when the response was received (possibly fractional, as Discord sends).
    DeltaSeconds,
    /// Unix epoch seconds on the server's clock.
    EpochSeconds,
    /// Unix epoch milliseconds on the server's clock.
    EpochMillis,
    /// A relative duration that is not plain delta-seconds: a Go-style string (`6m0s`, `12ms`),
    /// or a bare number the window cross-check re-read as milliseconds.
    Duration,
    /// An absolute date: HTTP-date or RFC 3339.
    Date,
}

impl ResetKind {
    /// Words for the evidence template's "(read as …)".
    pub fn describe(self) -> &'static str {
        match self {
            ResetKind::DeltaSeconds => "seconds from now",
            ResetKind::EpochSeconds => "Unix epoch seconds",
            ResetKind::EpochMillis => "Unix epoch milliseconds",
            ResetKind::Duration => "a duration",
            ResetKind::Date => "a date",
        }
    }
}

/// Where the client stands against one limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    /// The policy name (draft-08+), or a resource/bucket name (GitHub `x-ratelimit-resource`,
    /// Discord bucket, `OpenAI` `requests`/`tokens`, Kong `minute`).
    pub policy: Option<String>,
    /// Units allowed per window, when known.
    pub quota: Option<u64>,
    /// Units left in the current window.
    pub remaining: Option<u64>,
    /// The window, when known.
    pub window: Option<Duration>,
    /// When more quota becomes available, on the local clock.
    pub reset_at: Option<SystemTime>,
    /// The reset value as received, for evidence.
    pub reset_raw: Option<String>,
    /// How the reset value was read.
    pub reset_kind: Option<ResetKind>,
    /// The header name(s) the values came from, e.g. `x-ratelimit-*` or `RateLimit`.
    pub source: String,
}

/// Everything the rate-limit headers of one response said.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RateLimits {
    pub policies: Vec<Policy>,
    pub limits: Vec<Limit>,
    /// `(header, value)` pairs ignored as malformed; for a bad member of a structured list the
    /// value is that member alone, re-serialised.
    pub malformed: Vec<(String, String)>,
}

impl RateLimits {
    /// True when no rate-limit header was seen at all, not even a malformed one.
    pub fn is_empty(&self) -> bool {
        self.policies.is_empty() && self.limits.is_empty() && self.malformed.is_empty()
    }

    /// The exhausted limit (remaining 0) that binds longest: the one whose reset is latest in the
    /// future. A limit whose reset already passed is not exhausted any more. An exhausted limit
    /// with no known reset is returned only when no exhausted limit has a future reset, so the
    /// caller can still say "0 left, reset unknown". Ties go to the first listed.
    pub fn exhausted(&self, now: SystemTime) -> Option<&Limit> {
        self.limits
            .iter()
            .rev()
            .filter(|limit| limit.remaining == Some(0))
            .filter(|limit| limit.reset_at.is_none_or(|reset| reset > now))
            .max_by_key(|limit| limit.reset_at)
    }

    /// The policy a limit refers to, matched by name. Unnamed limits (draft-07 and earlier)
    /// match the first unnamed policy with the same quota, which is how those drafts tie a
    /// limit to its policy.
    pub fn policy_for(&self, limit: &Limit) -> Option<&Policy> {
        match &limit.policy {
            Some(name) => self
                .policies
                .iter()
                .find(|p| p.name.as_deref() == Some(name.as_str())),
            None => self
                .policies
                .iter()
                .find(|p| p.name.is_none() && Some(p.quota) == limit.quota),
        }
    }
}
