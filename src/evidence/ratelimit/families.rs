//! The de-facto `X-RateLimit-*` families and their vendor variants: GitHub, Twitter/X,
//! Discord, Kong (window in the header name), `OpenAI` (per-resource suffixes) and Anthropic
//! (per-bucket names).
//!
//! Separate from the drafts because each family is a limit/remaining/reset triple found by
//! header name, with vendor extras (`used`, `reset-after`, bucket names).

use std::time::{Duration, SystemTime};

use super::number::{parse_count, parse_decimal, parse_u64};
use super::quota::ResetKind;
use super::reset::classify_reset;
use super::state::{Ctx, Headers, LimitParts, limit_with_reset};

/// The window Kong's rate-limiting plugin encodes in the header name
/// (`X-RateLimit-Limit-Minute`). Calendar months and years vary; 30 and 365 days are close
/// enough to tell a quota from a burst limit.
fn kong_window(suffix: &str) -> Option<Duration> {
    let secs = match suffix {
        "second" => 1,
        "minute" => 60,
        "hour" => 3_600,
        "day" => 86_400,
        "month" => 30 * 86_400,
        "year" => 365 * 86_400,
        _ => return None,
    };
    Some(Duration::from_secs(secs))
}

/// One header family of the `X-RateLimit-*` kind: a limit, remaining and reset header, with
/// optional extras.
#[derive(Debug)]
pub(super) struct Family {
    limit: String,
    remaining: String,
    reset: String,
    /// Discord's skew-free `X-RateLimit-Reset-After`, preferred over `reset`.
    reset_after: Option<&'static str>,
    /// GitHub's `x-ratelimit-used`, to fill in a missing limit or remaining.
    used: Option<&'static str>,
    /// Headers naming the limit (GitHub resource, Discord bucket) when `policy` is not fixed.
    name_headers: &'static [&'static str],
    policy: Option<String>,
    window: Option<Duration>,
    source: String,
}

impl Family {
    fn new(limit: String, remaining: String, reset: String, source: String) -> Self {
        Family {
            limit,
            remaining,
            reset,
            reset_after: None,
            used: None,
            name_headers: &[],
            policy: None,
            window: None,
            source,
        }
    }

    /// `{prefix}limit`, `{prefix}remaining`, `{prefix}reset`.
    fn prefixed(prefix: &str) -> Self {
        Family::new(
            format!("{prefix}limit"),
            format!("{prefix}remaining"),
            format!("{prefix}reset"),
            format!("{prefix}*"),
        )
    }
}

/// Every `X-RateLimit-*`-style family present: the unsuffixed one (GitHub, Discord, Azure,
/// generic), Twitter's `x-rate-limit-*` and 24-hour limits, the per-suffix ones (Kong windows,
/// `OpenAI` `requests`/`tokens`) and Anthropic's per-bucket ones.
pub(super) fn families(headers: &Headers<'_>) -> Vec<Family> {
    let mut families = vec![Family {
        reset_after: Some("x-ratelimit-reset-after"),
        used: Some("x-ratelimit-used"),
        name_headers: &["x-ratelimit-resource", "x-ratelimit-bucket"],
        ..Family::prefixed("x-ratelimit-")
    }];
    families.push(Family::prefixed("x-rate-limit-"));
    for (who, prefix) in [("user", "x-user-limit-24hour-"), ("app", "x-app-limit-24hour-")] {
        families.push(Family {
            policy: Some(format!("{who}-24hour")),
            window: Some(Duration::from_secs(86_400)),
            ..Family::prefixed(prefix)
        });
    }
    for suffix in suffixes(headers) {
        families.push(Family {
            policy: Some(suffix.clone()),
            window: kong_window(&suffix),
            ..Family::new(
                format!("x-ratelimit-limit-{suffix}"),
                format!("x-ratelimit-remaining-{suffix}"),
                format!("x-ratelimit-reset-{suffix}"),
                format!("x-ratelimit-*-{suffix}"),
            )
        });
    }
    for bucket in anthropic_buckets(headers) {
        families.push(Family {
            policy: Some(bucket.clone()),
            ..Family::new(
                format!("anthropic-ratelimit-{bucket}-limit"),
                format!("anthropic-ratelimit-{bucket}-remaining"),
                format!("anthropic-ratelimit-{bucket}-reset"),
                format!("anthropic-ratelimit-{bucket}-*"),
            )
        });
    }
    families
}

/// Suffixes of `x-ratelimit-{limit,remaining,reset}-{suffix}`, in order of first appearance;
/// Discord's `x-ratelimit-reset-after` is not a suffix.
fn suffixes(headers: &Headers<'_>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for name in headers.lower_names() {
        let suffix = [
            "x-ratelimit-limit-",
            "x-ratelimit-remaining-",
            "x-ratelimit-reset-",
        ]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .filter(|suffix| !suffix.is_empty() && name != "x-ratelimit-reset-after");
        if let Some(suffix) = suffix
            && !found.iter().any(|known| known == suffix)
        {
            found.push(suffix.to_owned());
        }
    }
    found
}

/// Buckets of `anthropic-ratelimit-{bucket}-{limit,remaining,reset}`, in order of appearance.
fn anthropic_buckets(headers: &Headers<'_>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for name in headers.lower_names() {
        let bucket = name.strip_prefix("anthropic-ratelimit-").and_then(|rest| {
            ["-limit", "-remaining", "-reset"]
                .iter()
                .find_map(|field| rest.strip_suffix(field))
        });
        if let Some(bucket) = bucket.filter(|bucket| !bucket.is_empty())
            && !found.iter().any(|known| known == bucket)
        {
            found.push(bucket.to_owned());
        }
    }
    found
}

impl Ctx<'_> {
    /// One `X-RateLimit-*`-style family. A missing limit or remaining is derived from GitHub's
    /// `used` when possible; Discord's `Reset-After` (delta, skew-free) wins over `Reset`.
    pub(super) fn parse_family(&mut self, family: &Family) {
        let mut quota = self
            .first_valid(&family.limit, parse_count)
            .map(|((count, _), _)| count);
        let mut remaining = self
            .first_valid(&family.remaining, parse_count)
            .map(|((count, _), _)| count);
        let used = family
            .used
            .and_then(|header| self.first_valid(header, parse_u64))
            .map(|(used, _)| used);
        if let Some(used) = used {
            quota = quota.or_else(|| remaining.map(|left| left.saturating_add(used)));
            remaining = remaining.or_else(|| quota.map(|limit| limit.saturating_sub(used)));
        }
        let reset = self.family_reset(family);
        if quota.is_none() && remaining.is_none() && reset.is_none() {
            return;
        }
        let policy = family
            .policy
            .clone()
            .or_else(|| self.first_name(family.name_headers));
        let parts = LimitParts {
            policy,
            quota,
            remaining,
            window: family.window,
            source: family.source.clone(),
        };
        self.out.limits.push(limit_with_reset(parts, reset));
    }

    fn family_reset(&mut self, family: &Family) -> Option<((SystemTime, ResetKind), String)> {
        let (received_at, server_date, window) = (self.received_at, self.server_date, family.window);
        let after = family.reset_after.and_then(|header| {
            self.first_valid(header, |value| {
                let delay = parse_decimal(value.trim_matches([' ', '\t']))?;
                Some((received_at.checked_add(delay)?, ResetKind::DeltaSeconds))
            })
        });
        after.or_else(|| {
            self.first_valid(&family.reset, |value| {
                classify_reset(value, received_at, server_date, window)
            })
        })
    }

    /// The first non-empty value of any of `headers` (a resource or bucket name).
    fn first_name(&self, headers: &[&str]) -> Option<String> {
        headers
            .iter()
            .flat_map(|header| self.headers.get(header))
            .find_map(|(_, value)| {
                let value = value.trim_matches([' ', '\t']);
                (!value.is_empty()).then(|| value.to_owned())
            })
    }
}
