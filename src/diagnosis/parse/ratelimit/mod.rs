//! The rate-limit header family, every generation of it (catalogue §1.3).
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

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sfv::{BareItem, Dictionary, FieldType, List, ListEntry, Parameters, Parser};

use super::retry_after::{parse_http_date, to_local_clock};

/// A reset number at or above this (in the number's own unit) is read as Unix epoch
/// milliseconds: 1e12 ms is 2001-09-09, while 1e12 seconds is 31,000 years (catalogue §1.3).
const EPOCH_MILLIS_FROM: u64 = 1_000_000_000_000;
/// A reset number at or above this is read as Unix epoch seconds: 1e9 s is 2001-09-09, and no
/// real delay is 31 years long (catalogue §1.3).
const EPOCH_SECONDS_FROM: u64 = 1_000_000_000;
/// An epoch reading further ahead of the server's clock than this is implausible.
const ONE_YEAR: Duration = Duration::from_secs(365 * 86_400);
/// How far in the past an epoch reset may be and still read as one (it just passed).
const ONE_DAY: Duration = Duration::from_secs(86_400);
/// A delta this many times longer than the policy window is suspicious; it is re-read as
/// milliseconds (catalogue §1.3).
const WINDOW_FACTOR: u32 = 10;
/// Header sources, as shown in evidence.
const SOURCE_RATELIMIT: &str = "RateLimit";
const SOURCE_POLICY: &str = "RateLimit-Policy";
const SOURCE_SPLIT_DRAFT: &str = "RateLimit-*";

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

/// Parses every generation of rate-limit header in `headers` (names case-insensitive).
///
/// A list field split across several field lines is combined, as RFC 9651 §4.2 prescribes.
/// Malformed values are ignored and recorded in [`RateLimits::malformed`], never a panic.
/// Absolute resets (epoch, dates) are moved to the local clock with the server `Date`, like
/// `Retry-After` dates (catalogue §1.1).
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
    ctx.out
}

/// Reads a reset value, returning the absolute reset time (local clock) and how it was read.
///
/// Catalogue §1.3, in order:
/// 1. HTTP-date or RFC 3339 → [`ResetKind::Date`];
/// 2. a Go-style duration (`1h2m3.5s`, `6m0s`, `12ms`) → [`ResetKind::Duration`];
/// 3. a non-negative number `v` (fraction allowed): `v ≥ 1e12` → epoch milliseconds,
///    `1e9 ≤ v < 1e12` → epoch seconds, else delta seconds.
///
/// Cross-checks: an epoch reading before the server `Date` (or the receive time without one),
/// or more than a year after it, is dropped in favour of delta seconds; a delta more than 10×
/// the window is re-read as milliseconds when that reading fits within 10× the window.
/// Epoch and date readings are on the server's clock and are corrected with `server_date`.
pub fn classify_reset(
    raw: &str,
    received_at: SystemTime,
    server_date: Option<SystemTime>,
    window: Option<Duration>,
) -> Option<(SystemTime, ResetKind)> {
    let raw = raw.trim_matches([' ', '\t']);
    if let Some(instant) = parse_date(raw) {
        return Some((to_local_clock(instant, received_at, server_date), ResetKind::Date));
    }
    if let Some(duration) = parse_go_duration(raw) {
        return Some((received_at.checked_add(duration)?, ResetKind::Duration));
    }
    let number = parse_decimal(raw)?;
    let reference = server_date.unwrap_or(received_at);
    match epoch_reading(number, reference) {
        Some((instant, kind)) => Some((to_local_clock(instant, received_at, server_date), kind)),
        // A "delta" of thirty-odd years is never meant: an epoch value far off the server's
        // clock is still an epoch value (a stale cache, a wrong clock), so report it as one.
        None if number.as_secs() >= EPOCH_SECONDS_FROM => {
            let (instant, kind) = epoch_instant(number)?;
            Some((to_local_clock(instant, received_at, server_date), kind))
        }
        None => delta_reading(number, received_at, window),
    }
}

/// A number read as Unix epoch seconds or milliseconds, by magnitude alone.
fn epoch_instant(number: Duration) -> Option<(SystemTime, ResetKind)> {
    if number.as_secs() >= EPOCH_MILLIS_FROM {
        Some((UNIX_EPOCH.checked_add(number / 1000)?, ResetKind::EpochMillis))
    } else {
        Some((UNIX_EPOCH.checked_add(number)?, ResetKind::EpochSeconds))
    }
}

/// The epoch interpretation of a number, if its magnitude says epoch and the result is
/// plausible: at most a day before `reference` (a reset that just passed) and at most a
/// year after it.
fn epoch_reading(number: Duration, reference: SystemTime) -> Option<(SystemTime, ResetKind)> {
    if number.as_secs() < EPOCH_SECONDS_FROM {
        return None;
    }
    let (instant, kind) = epoch_instant(number)?;
    let earliest = reference.checked_sub(ONE_DAY)?;
    let latest = reference.checked_add(ONE_YEAR)?;
    (instant >= earliest && instant <= latest).then_some((instant, kind))
}

/// The delta interpretation: seconds, unless that overshoots the window tenfold and the
/// millisecond reading does not.
fn delta_reading(
    number: Duration,
    received_at: SystemTime,
    window: Option<Duration>,
) -> Option<(SystemTime, ResetKind)> {
    let bound = window.and_then(|w| w.checked_mul(WINDOW_FACTOR));
    if let Some(bound) = bound
        && number > bound
        && number / 1000 <= bound
    {
        return Some((received_at.checked_add(number / 1000)?, ResetKind::Duration));
    }
    Some((received_at.checked_add(number)?, ResetKind::DeltaSeconds))
}

/// HTTP-date (all three forms) or RFC 3339 (as Anthropic sends).
fn parse_date(raw: &str) -> Option<SystemTime> {
    parse_http_date(raw).or_else(|| parse_rfc3339(raw))
}

fn parse_rfc3339(raw: &str) -> Option<SystemTime> {
    let since_epoch = raw.parse::<jiff::Timestamp>().ok()?.as_duration();
    if since_epoch.is_negative() {
        UNIX_EPOCH.checked_sub(since_epoch.unsigned_abs())
    } else {
        UNIX_EPOCH.checked_add(since_epoch.unsigned_abs())
    }
}

/// A number as digits with an optional fraction: whole part, fraction digits as an integer
/// (first 18 kept), and how many fraction digits were kept.
#[derive(Debug, Clone, Copy)]
struct Number {
    whole: u64,
    fraction: u128,
    fraction_digits: u32,
}

impl Number {
    /// `self × unit_nanos`, in nanoseconds.
    fn scaled_nanos(self, unit_nanos: u128) -> Option<u128> {
        let whole = u128::from(self.whole).checked_mul(unit_nanos)?;
        let fraction = self.fraction.checked_mul(unit_nanos)? / 10u128.checked_pow(self.fraction_digits)?;
        whole.checked_add(fraction)
    }
}

/// Splits a leading `digits[.digits]` off `text`.
fn split_number(text: &str) -> Option<(Number, &str)> {
    let whole_len = text.bytes().take_while(u8::is_ascii_digit).count();
    let (whole, rest) = text.split_at_checked(whole_len)?;
    let whole = whole.parse::<u64>().ok()?;
    let Some(after_dot) = rest.strip_prefix('.') else {
        return Some((
            Number {
                whole,
                fraction: 0,
                fraction_digits: 0,
            },
            rest,
        ));
    };
    let fraction_len = after_dot.bytes().take_while(u8::is_ascii_digit).count();
    let (fraction, rest) = after_dot.split_at_checked(fraction_len)?;
    if fraction.is_empty() {
        return None;
    }
    let kept = fraction.get(..18).unwrap_or(fraction);
    let number = Number {
        whole,
        fraction: kept.parse().ok()?,
        fraction_digits: u32::try_from(kept.len()).ok()?,
    };
    Some((number, rest))
}

/// A whole non-negative number of seconds, fraction allowed (`30`, `64.57`).
fn parse_decimal(text: &str) -> Option<Duration> {
    let (number, rest) = split_number(text)?;
    if !rest.is_empty() {
        return None;
    }
    nanos_to_duration(number.scaled_nanos(1_000_000_000)?)
}

fn nanos_to_duration(nanos: u128) -> Option<Duration> {
    let secs = u64::try_from(nanos / 1_000_000_000).ok()?;
    let sub = u64::try_from(nanos % 1_000_000_000).ok()?;
    Duration::from_secs(secs).checked_add(Duration::from_nanos(sub))
}

/// Go's `time.Duration` text (`1h2m3.5s`, `6m0s`, `12ms`), as OpenAI-style APIs send resets:
/// one or more `number unit` pairs, units in decreasing size, each at most once. This is the
/// catalogue's `^(\d+h)?(\d+m)?(\d+(\.\d+)?s)?(\d+ms)?$` widened to Go's full syntax (fractions
/// on any unit, `us`/`µs`/`ns`). A bare number is not a duration.
fn parse_go_duration(text: &str) -> Option<Duration> {
    let mut rest = text;
    let mut total: u128 = 0;
    let mut previous_rank = None;
    while !rest.is_empty() {
        let (number, after) = split_number(rest)?;
        let unit_len = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, tail) = after.split_at_checked(unit_len)?;
        let (rank, unit_nanos) = go_unit(unit)?;
        if previous_rank.is_some_and(|previous| rank <= previous) {
            return None;
        }
        previous_rank = Some(rank);
        total = total.checked_add(number.scaled_nanos(unit_nanos)?)?;
        rest = tail;
    }
    previous_rank.and_then(|_| nanos_to_duration(total))
}

/// A Go duration unit's rank (larger units first) and length in nanoseconds.
fn go_unit(unit: &str) -> Option<(u8, u128)> {
    Some(match unit {
        "h" => (0, 3_600_000_000_000),
        "m" => (1, 60_000_000_000),
        "s" => (2, 1_000_000_000),
        "ms" => (3, 1_000_000),
        "us" | "µs" | "μs" => (4, 1_000),
        "ns" => (5, 1),
        _ => return None,
    })
}

/// A count header value: a non-negative integer, optionally followed by draft-style
/// parameters (`100;w=60`, `100;window=60`) and further list members (`10, 10;w=1`), of which
/// only the first is the count. Returns the count and the window if one was attached.
fn parse_count(value: &str) -> Option<(u64, Option<Duration>)> {
    let first = value.split(',').next().unwrap_or(value);
    let mut parts = first.split(';').map(|part| part.trim_matches([' ', '\t']));
    let count = parse_u64(parts.next()?)?;
    let window = parts
        .filter_map(|param| param.split_once('='))
        .find(|(key, _)| matches!(key.trim(), "w" | "window"))
        .and_then(|(_, seconds)| parse_u64(seconds.trim()))
        .map(Duration::from_secs);
    Some((count, window))
}

fn parse_u64(text: &str) -> Option<u64> {
    let text = text.trim_matches([' ', '\t']);
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

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

/// The header lines, with lower-cased names for matching and the original names for evidence.
struct Headers<'a> {
    lines: Vec<(String, &'a str, &'a str)>,
}

impl<'a> Headers<'a> {
    fn new(headers: &'a [(String, String)]) -> Self {
        let lines = headers
            .iter()
            .map(|(name, value)| (name.to_ascii_lowercase(), name.as_str(), value.as_str()))
            .collect();
        Headers { lines }
    }

    /// `(original name, value)` of every line named `lower`, in order.
    fn get(&self, lower: &str) -> Vec<(&'a str, &'a str)> {
        self.lines
            .iter()
            .filter(|(name, _, _)| name == lower)
            .map(|&(_, name, value)| (name, value))
            .collect()
    }

    fn lower_names(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(|(name, _, _)| name.as_str())
    }
}

/// One header family of the `X-RateLimit-*` kind: a limit, remaining and reset header, with
/// optional extras.
#[derive(Debug)]
struct Family {
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
fn families(headers: &Headers<'_>) -> Vec<Family> {
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

/// A parameter had the wrong type or a negative value: the member is malformed.
#[derive(Debug)]
struct BadParam;

fn non_negative(integer: sfv::Integer) -> Option<u64> {
    u64::try_from(i64::from(integer)).ok()
}

fn param_u64(params: &Parameters, key: &str) -> Result<Option<u64>, BadParam> {
    params
        .get(key)
        .map(|value| value.as_integer().and_then(non_negative).ok_or(BadParam))
        .transpose()
}

fn param_string(params: &Parameters, key: &str) -> Result<Option<String>, BadParam> {
    params
        .get(key)
        .map(|value| value.as_string().map(|s| s.as_str().to_owned()).ok_or(BadParam))
        .transpose()
}

/// The partition key, re-serialised as an RFC 9651 byte sequence so evidence shows it the way a
/// header would.
fn param_bytes(params: &Parameters, key: &str) -> Result<Option<String>, BadParam> {
    match params.get(key) {
        None => Ok(None),
        Some(value @ BareItem::ByteSequence(_)) => {
            Ok(Some(sfv::ItemSerializer::new().bare_item(value).finish()))
        }
        Some(_) => Err(BadParam),
    }
}

/// The window parameter: `w` (drafts -03 and later) or `window` (drafts -00 … -02).
fn param_window(params: &Parameters) -> Result<Option<Duration>, BadParam> {
    let seconds = match param_u64(params, "w")? {
        Some(seconds) => Some(seconds),
        None => param_u64(params, "window")?,
    };
    Ok(seconds.map(Duration::from_secs))
}

/// One `RateLimit-Policy` member: a named draft-08+ policy (`"burst";q=100;w=60`) or an
/// unnamed older-draft one (`100;w=10`).
fn policy_from_entry(entry: &ListEntry, source: &str) -> Option<Policy> {
    let ListEntry::Item(item) = entry else {
        return None;
    };
    let (name, quota) = match &item.bare_item {
        BareItem::String(name) => (
            Some(name.as_str().to_owned()),
            param_u64(&item.params, "q").ok()??,
        ),
        BareItem::Integer(quota) => (None, non_negative(*quota)?),
        _ => return None,
    };
    Some(Policy {
        name,
        quota,
        window: param_window(&item.params).ok()?,
        unit: param_string(&item.params, "qu").ok()?,
        partition: param_bytes(&item.params, "pk").ok()?,
        source: source.to_owned(),
    })
}

/// A member that is a plain non-negative Integer item (draft-07 `limit=100`).
fn entry_u64(entry: &ListEntry) -> Option<u64> {
    match entry {
        ListEntry::Item(item) => item.bare_item.as_integer().and_then(non_negative),
        ListEntry::InnerList(_) => None,
    }
}

/// A list member as text, for the malformed record.
fn serialize_entry(entry: &ListEntry) -> String {
    let list: List = vec![entry.clone()];
    list.serialize().unwrap_or_default()
}

/// Parses a structured field split over several lines as one: RFC 9651 §4.2 combines field
/// lines with commas, which is what parsing each line into the same container does. Any bad
/// line fails the whole field.
fn parse_list(lines: &[(&str, &str)]) -> Option<List> {
    let mut list = List::new();
    for (_, value) in lines {
        Parser::new(value).parse_list_with_visitor(&mut list).ok()?;
    }
    Some(list)
}

fn parse_dictionary(lines: &[(&str, &str)]) -> Option<Dictionary> {
    let mut dictionary = Dictionary::new();
    for (_, value) in lines {
        Parser::new(value)
            .parse_dictionary_with_visitor(&mut dictionary)
            .ok()?;
    }
    Some(dictionary)
}

/// Parsing state: the headers, the clock, and what was found so far.
struct Ctx<'a> {
    headers: Headers<'a>,
    received_at: SystemTime,
    server_date: Option<SystemTime>,
    out: RateLimits,
}

impl Ctx<'_> {
    fn malformed(&mut self, header: &str, value: impl Into<String>) {
        self.out.malformed.push((header.to_owned(), value.into()));
    }

    fn malformed_lines(&mut self, lines: &[(&str, &str)]) {
        for (name, value) in lines {
            self.malformed(name, *value);
        }
    }

    /// The first line of `lower` that `parse` accepts, with its raw value; lines before it that
    /// fail are recorded as malformed.
    fn first_valid<T>(&mut self, lower: &str, parse: impl Fn(&str) -> Option<T>) -> Option<(T, String)> {
        for (name, value) in self.headers.get(lower) {
            match parse(value) {
                Some(parsed) => return Some((parsed, value.to_owned())),
                None => self.malformed(name, value),
            }
        }
        None
    }

    /// `RateLimit-Policy`, in any draft's syntax: a List of named (draft-08+) or integer
    /// (older) policy items.
    fn parse_policy_field(&mut self) {
        let lines = self.headers.get("ratelimit-policy");
        let Some(&(header, _)) = lines.first() else {
            return;
        };
        let Some(list) = parse_list(&lines) else {
            self.malformed_lines(&lines);
            return;
        };
        for entry in &list {
            match policy_from_entry(entry, SOURCE_POLICY) {
                Some(policy) => self.out.policies.push(policy),
                None => self.malformed(header, serialize_entry(entry)),
            }
        }
    }

    /// `RateLimit`: draft-07's Dictionary (`limit=…, remaining=…, reset=…`) or draft-08+'s List
    /// (`"name";r=…;t=…`). The two syntaxes cannot both parse with those keys, so trying the
    /// Dictionary first is unambiguous.
    fn parse_ratelimit_field(&mut self) {
        let lines = self.headers.get("ratelimit");
        let Some(&(header, _)) = lines.first() else {
            return;
        };
        if let Some(dictionary) = parse_dictionary(&lines)
            && ["limit", "remaining", "reset"]
                .iter()
                .any(|key| dictionary.contains_key(*key))
        {
            self.parse_draft07(header, &dictionary);
            return;
        }
        let Some(list) = parse_list(&lines) else {
            self.malformed_lines(&lines);
            return;
        };
        for entry in &list {
            match self.limit_from_entry(entry) {
                Some(limit) => self.out.limits.push(limit),
                None => self.malformed(header, serialize_entry(entry)),
            }
        }
    }

    /// A draft-08+ `RateLimit` member: the policy name with `r` (required) and `t` (optional
    /// delay-seconds, never an epoch, so no classification) [RL-11 §Reset Parameter].
    fn limit_from_entry(&self, entry: &ListEntry) -> Option<Limit> {
        let ListEntry::Item(item) = entry else {
            return None;
        };
        let name = item.bare_item.as_string()?.as_str().to_owned();
        let remaining = param_u64(&item.params, "r").ok()??;
        let reset = param_u64(&item.params, "t").ok()?;
        let policy = self
            .out
            .policies
            .iter()
            .find(|p| p.name.as_deref() == Some(name.as_str()));
        let reset_at = match reset {
            Some(secs) => Some(self.received_at.checked_add(Duration::from_secs(secs))?),
            None => None,
        };
        Some(Limit {
            policy: Some(name),
            quota: policy.map(|p| p.quota),
            remaining: Some(remaining),
            window: policy.and_then(|p| p.window),
            reset_at,
            reset_raw: reset.map(|secs| secs.to_string()),
            reset_kind: reset.map(|_| ResetKind::DeltaSeconds),
            source: SOURCE_RATELIMIT.to_owned(),
        })
    }

    /// Draft-07: `RateLimit: limit=100, remaining=50, reset=5`, reset in delta seconds; the
    /// window comes from the unnamed `RateLimit-Policy` item with the same quota.
    fn parse_draft07(&mut self, header: &str, dictionary: &Dictionary) {
        let mut member = |key: &str| {
            let entry = dictionary.get(key)?;
            let value = entry_u64(entry);
            if value.is_none() {
                self.out
                    .malformed
                    .push((header.to_owned(), format!("{key}={}", serialize_entry(entry))));
            }
            value
        };
        let (quota, remaining, reset) = (member("limit"), member("remaining"), member("reset"));
        if quota.is_none() && remaining.is_none() && reset.is_none() {
            return;
        }
        let reset_at = reset.and_then(|secs| self.received_at.checked_add(Duration::from_secs(secs)));
        let limit = Limit {
            policy: None,
            quota,
            remaining,
            window: self.unnamed_policy_window(quota),
            reset_at,
            reset_raw: reset.filter(|_| reset_at.is_some()).map(|secs| secs.to_string()),
            reset_kind: reset_at.map(|_| ResetKind::DeltaSeconds),
            source: SOURCE_RATELIMIT.to_owned(),
        };
        self.out.limits.push(limit);
    }

    fn unnamed_policy_window(&self, quota: Option<u64>) -> Option<Duration> {
        let quota = quota?;
        self.out
            .policies
            .iter()
            .find(|p| p.name.is_none() && p.quota == quota)
            .and_then(|p| p.window)
    }

    /// Drafts -00 … -06: `RateLimit-Limit` / `-Remaining` / `-Reset`, as also sent by Kong and
    /// GitLab. `Reset` is delta seconds in the drafts but a Unix epoch at GitLab, so it is
    /// classified by magnitude; GitLab's `RateLimit-ResetTime` (HTTP-date) is the fallback.
    /// Drafts -00 … -02 may list quota policies after the limit (`10, 10;w=1, 1000;w=3600`).
    fn parse_split_draft(&mut self) {
        let limit = self.first_valid("ratelimit-limit", parse_count);
        self.inline_policies();
        let remaining = self
            .first_valid("ratelimit-remaining", parse_count)
            .map(|((count, _), _)| count);
        let quota = limit.as_ref().map(|((count, _), _)| *count);
        let window = limit
            .and_then(|((_, window), _)| window)
            .or_else(|| self.unnamed_policy_window(quota));
        let (received_at, server_date) = (self.received_at, self.server_date);
        let reset = self
            .first_valid("ratelimit-reset", |value| {
                classify_reset(value, received_at, server_date, window)
            })
            .or_else(|| {
                self.first_valid("ratelimit-resettime", |value| {
                    parse_date(value)
                        .map(|instant| (to_local_clock(instant, received_at, server_date), ResetKind::Date))
                })
            });
        if quota.is_none() && remaining.is_none() && reset.is_none() {
            return;
        }
        self.out.limits.push(limit_with_reset(
            LimitParts {
                policy: None,
                quota,
                remaining,
                window,
                source: SOURCE_SPLIT_DRAFT.to_owned(),
            },
            reset,
        ));
    }

    /// Quota policies listed after the limit in drafts -00 … -02's `RateLimit-Limit`.
    fn inline_policies(&mut self) {
        let lines = self.headers.get("ratelimit-limit");
        let Some(list) = parse_list(&lines) else {
            return;
        };
        let policies = list
            .iter()
            .skip(1)
            .filter_map(|entry| policy_from_entry(entry, "RateLimit-Limit"));
        self.out.policies.extend(policies.filter(|p| p.window.is_some()));
    }

    /// One `X-RateLimit-*`-style family. A missing limit or remaining is derived from GitHub's
    /// `used` when possible; Discord's `Reset-After` (delta, skew-free) wins over `Reset`.
    fn parse_family(&mut self, family: &Family) {
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

/// The fields of a [`Limit`] other than its reset.
struct LimitParts {
    policy: Option<String>,
    quota: Option<u64>,
    remaining: Option<u64>,
    window: Option<Duration>,
    source: String,
}

fn limit_with_reset(parts: LimitParts, reset: Option<((SystemTime, ResetKind), String)>) -> Limit {
    let (reset_at, reset_kind, reset_raw) = match reset {
        Some(((at, kind), raw)) => (Some(at), Some(kind), Some(raw)),
        None => (None, None, None),
    };
    Limit {
        policy: parts.policy,
        quota: parts.quota,
        remaining: parts.remaining,
        window: parts.window,
        reset_at,
        reset_raw,
        reset_kind,
        source: parts.source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect()
    }

    /// The receive time used throughout: 2023-11-14T22:13:20Z.
    const NOW: u64 = 1_700_000_000;

    fn parse(pairs: &[(&str, &str)]) -> RateLimits {
        parse_rate_limits(&headers(pairs), at(NOW), None)
    }

    fn policy(name: Option<&str>, quota: u64, window: Option<u64>, source: &str) -> Policy {
        Policy {
            name: name.map(str::to_owned),
            quota,
            window: window.map(secs),
            unit: None,
            partition: None,
            source: source.to_owned(),
        }
    }

    #[test]
    fn draft_policy_example_with_two_named_policies() {
        let parsed = parse(&[("RateLimit-Policy", r#""burst";q=100;w=60,"daily";q=1000;w=86400"#)]);
        assert_eq!(
            parsed.policies,
            vec![
                policy(Some("burst"), 100, Some(60), "RateLimit-Policy"),
                policy(Some("daily"), 1000, Some(86_400), "RateLimit-Policy"),
            ]
        );
        assert!(parsed.limits.is_empty());
        assert!(parsed.malformed.is_empty());
    }

    #[test]
    fn draft_ratelimit_example_gives_remaining_and_delta_reset() {
        let parsed = parse(&[("RateLimit", r#""default";r=50;t=30"#)]);
        assert_eq!(
            parsed.limits,
            vec![Limit {
                policy: Some("default".to_owned()),
                quota: None,
                remaining: Some(50),
                window: None,
                reset_at: Some(at(NOW + 30)),
                reset_raw: Some("30".to_owned()),
                reset_kind: Some(ResetKind::DeltaSeconds),
                source: "RateLimit".to_owned(),
            }]
        );
        assert!(parsed.malformed.is_empty());
    }

    #[test]
    fn draft_policy_example_with_quota_unit_and_partition_key() {
        let parsed = parse(&[(
            "RateLimit-Policy",
            r#""peruser";q=65535;qu="content-bytes";w=10;pk=:sdfjLJUOUH==:"#,
        )]);
        let expected = Policy {
            name: Some("peruser".to_owned()),
            quota: 65_535,
            window: Some(secs(10)),
            unit: Some("content-bytes".to_owned()),
            // The same bytes; RFC 9651 serialisation zeroes the unused trailing bits.
            partition: Some(":sdfjLJUOUA==:".to_owned()),
            source: "RateLimit-Policy".to_owned(),
        };
        assert_eq!(parsed.policies, vec![expected]);
        assert_eq!(parsed.policies[0].unit_or_default(), "content-bytes");
        assert!(parsed.malformed.is_empty());
    }

    #[test]
    fn named_limit_takes_quota_and_window_from_its_policy() {
        let parsed = parse(&[
            ("RateLimit-Policy", r#""burst";q=100;w=60,"daily";q=1000;w=86400"#),
            ("RateLimit", r#""daily";r=0;t=7200"#),
        ]);
        let limit = &parsed.limits[0];
        assert_eq!(limit.quota, Some(1000));
        assert_eq!(limit.window, Some(secs(86_400)));
        assert_eq!(parsed.policy_for(limit), Some(&parsed.policies[1]));
        assert_eq!(parsed.exhausted(at(NOW)), Some(limit));
        assert_eq!(parsed.policies[0].unit_or_default(), "requests");
    }

    #[test]
    fn list_split_across_two_field_lines_is_combined() {
        let parsed = parse(&[
            ("RateLimit-Policy", r#""burst";q=100;w=60"#),
            ("ratelimit-policy", r#""daily";q=1000;w=86400"#),
            ("RateLimit", r#""burst";r=3;t=5"#),
            ("RATELIMIT", r#""daily";r=900;t=40000"#),
        ]);
        let names: Vec<_> = parsed.policies.iter().map(|p| p.name.as_deref()).collect();
        assert_eq!(names, vec![Some("burst"), Some("daily")]);
        let remaining: Vec<_> = parsed
            .limits
            .iter()
            .map(|l| (l.policy.as_deref(), l.remaining))
            .collect();
        assert_eq!(
            remaining,
            vec![(Some("burst"), Some(3)), (Some("daily"), Some(900))]
        );
    }

    #[test]
    fn one_bad_field_line_makes_the_whole_list_field_malformed() {
        let parsed = parse(&[
            ("RateLimit-Policy", r#""burst";q=100"#),
            ("RateLimit-Policy", "\"daily;q=1"),
        ]);
        assert!(parsed.policies.is_empty());
        assert_eq!(
            parsed.malformed,
            vec![
                ("RateLimit-Policy".to_owned(), r#""burst";q=100"#.to_owned()),
                ("RateLimit-Policy".to_owned(), "\"daily;q=1".to_owned()),
            ]
        );
    }

    #[test]
    fn bad_members_are_dropped_and_recorded_good_ones_kept() {
        let parsed = parse(&[
            (
                "RateLimit-Policy",
                r#""nq";w=60, "neg";q=-1, "ok";q=5, "badw";q=5;w="x", tok;q=1"#,
            ),
            ("RateLimit", r#""nr";t=5, "ok";r=1, "badt";r=1;t=-3, (1 2)"#),
        ]);
        assert_eq!(
            parsed.policies,
            vec![policy(Some("ok"), 5, None, "RateLimit-Policy")]
        );
        assert_eq!(parsed.limits.len(), 1);
        assert_eq!(parsed.limits[0].remaining, Some(1));
        assert_eq!(parsed.limits[0].reset_at, None);
        let malformed: Vec<_> = parsed
            .malformed
            .iter()
            .map(|(h, v)| format!("{h}: {v}"))
            .collect();
        assert_eq!(
            malformed,
            vec![
                r#"RateLimit-Policy: "nq";w=60"#,
                r#"RateLimit-Policy: "neg";q=-1"#,
                r#"RateLimit-Policy: "badw";q=5;w="x""#,
                "RateLimit-Policy: tok;q=1",
                r#"RateLimit: "nr";t=5"#,
                r#"RateLimit: "badt";r=1;t=-3"#,
                "RateLimit: (1 2)",
            ]
        );
    }

    #[test]
    fn draft07_dictionary_with_policy_window() {
        let parsed = parse(&[
            ("RateLimit", "limit=100, remaining=50, reset=5"),
            ("RateLimit-Policy", "100;w=10"),
        ]);
        assert_eq!(
            parsed.policies,
            vec![policy(None, 100, Some(10), "RateLimit-Policy")]
        );
        assert_eq!(
            parsed.limits,
            vec![Limit {
                policy: None,
                quota: Some(100),
                remaining: Some(50),
                window: Some(secs(10)),
                reset_at: Some(at(NOW + 5)),
                reset_raw: Some("5".to_owned()),
                reset_kind: Some(ResetKind::DeltaSeconds),
                source: "RateLimit".to_owned(),
            }]
        );
        assert_eq!(parsed.policy_for(&parsed.limits[0]), Some(&parsed.policies[0]));
        assert!(parsed.malformed.is_empty());
    }

    #[test]
    fn draft07_bad_member_is_recorded_and_others_kept() {
        let parsed = parse(&[("RateLimit", r#"limit=100, remaining="many", reset=5"#)]);
        assert_eq!(parsed.limits[0].quota, Some(100));
        assert_eq!(parsed.limits[0].remaining, None);
        assert_eq!(
            parsed.malformed,
            vec![("RateLimit".to_owned(), r#"remaining="many""#.to_owned())]
        );
    }

    #[test]
    fn early_drafts_separate_fields_with_policy_list() {
        let parsed = parse(&[
            ("RateLimit-Limit", "100"),
            ("RateLimit-Remaining", "50"),
            ("RateLimit-Reset", "50"),
            ("RateLimit-Policy", "10;w=1, 1000;w=3600"),
        ]);
        assert_eq!(
            parsed.policies,
            vec![
                policy(None, 10, Some(1), "RateLimit-Policy"),
                policy(None, 1000, Some(3600), "RateLimit-Policy")
            ]
        );
        assert_eq!(
            parsed.limits,
            vec![Limit {
                policy: None,
                quota: Some(100),
                remaining: Some(50),
                window: None,
                reset_at: Some(at(NOW + 50)),
                reset_raw: Some("50".to_owned()),
                reset_kind: Some(ResetKind::DeltaSeconds),
                source: "RateLimit-*".to_owned(),
            }]
        );
        assert_eq!(parsed.exhausted(at(NOW)), None);
        assert_eq!(parsed.policy_for(&parsed.limits[0]), None);
    }

    #[test]
    fn earliest_drafts_list_policies_inside_the_limit_field() {
        let parsed = parse(&[
            ("RateLimit-Limit", "10, 10;window=1, 1000;window=3600"),
            ("RateLimit-Remaining", "9"),
        ]);
        assert_eq!(
            parsed.policies,
            vec![
                policy(None, 10, Some(1), "RateLimit-Limit"),
                policy(None, 1000, Some(3600), "RateLimit-Limit")
            ]
        );
        assert_eq!(parsed.limits[0].quota, Some(10));
        assert_eq!(parsed.limits[0].window, Some(secs(1)));
    }

    #[test]
    fn gitlab_epoch_reset_is_told_apart_by_magnitude() {
        let parsed = parse_rate_limits(
            &headers(&[
                ("RateLimit-Limit", "60"),
                ("RateLimit-Observed", "67"),
                ("RateLimit-Remaining", "0"),
                ("RateLimit-Reset", "1700000042"),
                ("RateLimit-ResetTime", "Tue, 14 Nov 2023 22:14:02 GMT"),
            ]),
            at(NOW),
            Some(at(NOW)),
        );
        let limit = &parsed.limits[0];
        assert_eq!(limit.reset_at, Some(at(NOW + 42)));
        assert_eq!(limit.reset_kind, Some(ResetKind::EpochSeconds));
        assert_eq!(limit.reset_raw.as_deref(), Some("1700000042"));
        assert_eq!((limit.quota, limit.remaining), (Some(60), Some(0)));
    }

    #[test]
    fn gitlab_reset_time_date_is_the_fallback() {
        let parsed = parse(&[
            ("RateLimit-Remaining", "0"),
            ("RateLimit-Reset", "soon"),
            ("RateLimit-ResetTime", "Tue, 14 Nov 2023 22:14:02 GMT"),
        ]);
        let limit = &parsed.limits[0];
        assert_eq!(limit.reset_at, Some(at(NOW + 42)));
        assert_eq!(limit.reset_kind, Some(ResetKind::Date));
        assert_eq!(limit.reset_raw.as_deref(), Some("Tue, 14 Nov 2023 22:14:02 GMT"));
        assert_eq!(
            parsed.malformed,
            vec![("RateLimit-Reset".to_owned(), "soon".to_owned())]
        );
    }

    #[test]
    fn github_epoch_reset_with_used_and_resource() {
        // Server clock 10 s ahead of ours: the epoch is corrected by the skew.
        let parsed = parse_rate_limits(
            &headers(&[
                ("x-ratelimit-limit", "5000"),
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", "1700000096"),
                ("x-ratelimit-used", "5000"),
                ("x-ratelimit-resource", "core"),
            ]),
            at(NOW),
            Some(at(NOW + 10)),
        );
        assert_eq!(
            parsed.limits,
            vec![Limit {
                policy: Some("core".to_owned()),
                quota: Some(5000),
                remaining: Some(0),
                window: None,
                reset_at: Some(at(NOW + 86)),
                reset_raw: Some("1700000096".to_owned()),
                reset_kind: Some(ResetKind::EpochSeconds),
                source: "x-ratelimit-*".to_owned(),
            }]
        );
        assert_eq!(parsed.exhausted(at(NOW)), Some(&parsed.limits[0]));
        assert_eq!(parsed.exhausted(at(NOW + 86)), None);
    }

    #[test]
    fn github_used_fills_in_a_missing_limit_or_remaining() {
        let parsed = parse(&[("X-RateLimit-Remaining", "4990"), ("X-RateLimit-Used", "10")]);
        assert_eq!(
            (parsed.limits[0].quota, parsed.limits[0].remaining),
            (Some(5000), Some(4990))
        );
        let parsed = parse(&[("X-RateLimit-Limit", "60"), ("X-RateLimit-Used", "60")]);
        assert_eq!(
            (parsed.limits[0].quota, parsed.limits[0].remaining),
            (Some(60), Some(0))
        );
    }

    #[test]
    fn twitter_epoch_reset() {
        let parsed = parse(&[
            ("x-rate-limit-limit", "900"),
            ("x-rate-limit-remaining", "847"),
            ("x-rate-limit-reset", "1700000900"),
        ]);
        assert_eq!(
            parsed.limits,
            vec![Limit {
                policy: None,
                quota: Some(900),
                remaining: Some(847),
                window: None,
                reset_at: Some(at(NOW + 900)),
                reset_raw: Some("1700000900".to_owned()),
                reset_kind: Some(ResetKind::EpochSeconds),
                source: "x-rate-limit-*".to_owned(),
            }]
        );
    }

    #[test]
    fn twitter_user_24_hour_limit() {
        let parsed = parse(&[
            ("x-user-limit-24hour-limit", "17"),
            ("x-user-limit-24hour-remaining", "0"),
            ("x-user-limit-24hour-reset", "1700050000"),
        ]);
        let limit = &parsed.limits[0];
        assert_eq!(limit.policy.as_deref(), Some("user-24hour"));
        assert_eq!(limit.window, Some(secs(86_400)));
        assert_eq!(limit.reset_at, Some(at(1_700_050_000)));
        assert_eq!(limit.source, "x-user-limit-24hour-*");
    }

    #[test]
    fn discord_reset_after_wins_and_bucket_names_the_limit() {
        let parsed = parse(&[
            ("X-RateLimit-Limit", "5"),
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", "1700000064.570"),
            ("X-RateLimit-Reset-After", "64.57"),
            ("X-RateLimit-Bucket", "abcd1234"),
        ]);
        assert_eq!(
            parsed.limits,
            vec![Limit {
                policy: Some("abcd1234".to_owned()),
                quota: Some(5),
                remaining: Some(0),
                window: None,
                reset_at: Some(at(NOW + 64) + Duration::from_millis(570)),
                reset_raw: Some("64.57".to_owned()),
                reset_kind: Some(ResetKind::DeltaSeconds),
                source: "x-ratelimit-*".to_owned(),
            }]
        );
    }

    #[test]
    fn discord_fractional_epoch_reset_without_reset_after() {
        let parsed = parse(&[
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", "1700000064.570"),
        ]);
        assert_eq!(
            parsed.limits[0].reset_at,
            Some(at(NOW + 64) + Duration::from_millis(570))
        );
        assert_eq!(parsed.limits[0].reset_kind, Some(ResetKind::EpochSeconds));
    }

    #[test]
    fn kong_window_comes_from_the_header_name() {
        let parsed = parse(&[
            ("X-RateLimit-Limit-Minute", "5"),
            ("X-RateLimit-Remaining-Minute", "0"),
            ("X-RateLimit-Limit-Month", "10000"),
            ("X-RateLimit-Remaining-Month", "9000"),
            ("RateLimit-Limit", "5"),
            ("RateLimit-Remaining", "0"),
            ("RateLimit-Reset", "47"),
        ]);
        let summary: Vec<_> = parsed
            .limits
            .iter()
            .map(|l| {
                (
                    l.source.as_str(),
                    l.policy.as_deref(),
                    l.quota,
                    l.remaining,
                    l.window,
                    l.reset_at,
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("RateLimit-*", None, Some(5), Some(0), None, Some(at(NOW + 47))),
                (
                    "x-ratelimit-*-minute",
                    Some("minute"),
                    Some(5),
                    Some(0),
                    Some(secs(60)),
                    None
                ),
                (
                    "x-ratelimit-*-month",
                    Some("month"),
                    Some(10_000),
                    Some(9000),
                    Some(secs(2_592_000)),
                    None
                ),
            ]
        );
        // The limit with a known future reset binds over the one whose reset is unknown.
        assert_eq!(
            parsed.exhausted(at(NOW)).map(|l| l.source.as_str()),
            Some("RateLimit-*")
        );
    }

    #[test]
    fn openai_go_duration_resets() {
        let parsed = parse(&[
            ("x-ratelimit-limit-requests", "60"),
            ("x-ratelimit-limit-tokens", "150000"),
            ("x-ratelimit-remaining-requests", "59"),
            ("x-ratelimit-remaining-tokens", "0"),
            ("x-ratelimit-reset-requests", "1s"),
            ("x-ratelimit-reset-tokens", "6m0s"),
        ]);
        assert_eq!(
            parsed.limits,
            vec![
                Limit {
                    policy: Some("requests".to_owned()),
                    quota: Some(60),
                    remaining: Some(59),
                    window: None,
                    reset_at: Some(at(NOW + 1)),
                    reset_raw: Some("1s".to_owned()),
                    reset_kind: Some(ResetKind::Duration),
                    source: "x-ratelimit-*-requests".to_owned(),
                },
                Limit {
                    policy: Some("tokens".to_owned()),
                    quota: Some(150_000),
                    remaining: Some(0),
                    window: None,
                    reset_at: Some(at(NOW + 360)),
                    reset_raw: Some("6m0s".to_owned()),
                    reset_kind: Some(ResetKind::Duration),
                    source: "x-ratelimit-*-tokens".to_owned(),
                },
            ]
        );
        assert_eq!(
            parsed.exhausted(at(NOW)).and_then(|l| l.policy.as_deref()),
            Some("tokens")
        );
    }

    #[test]
    fn anthropic_rfc3339_resets() {
        let parsed = parse(&[
            ("anthropic-ratelimit-requests-limit", "50"),
            ("anthropic-ratelimit-requests-remaining", "0"),
            ("anthropic-ratelimit-requests-reset", "2023-11-14T22:14:20Z"),
        ]);
        let limit = &parsed.limits[0];
        assert_eq!(limit.policy.as_deref(), Some("requests"));
        assert_eq!(limit.reset_at, Some(at(NOW + 60)));
        assert_eq!(limit.reset_kind, Some(ResetKind::Date));
        assert_eq!(limit.source, "anthropic-ratelimit-requests-*");
    }

    #[test]
    fn header_names_are_case_insensitive() {
        let lower = parse(&[("x-ratelimit-limit", "10"), ("x-ratelimit-remaining", "3")]);
        let mixed = parse(&[("X-RATELIMIT-LIMIT", "10"), ("X-RateLimit-Remaining", "3")]);
        assert_eq!(lower, mixed);
        assert_eq!(lower.limits[0].remaining, Some(3));
    }

    #[test]
    fn no_rate_limit_headers_is_empty() {
        let parsed = parse(&[("Content-Type", "application/json"), ("X-Request-Id", "42")]);
        assert!(parsed.is_empty());
        assert_eq!(parsed.exhausted(at(NOW)), None);
        assert!(!parse(&[("RateLimit", "@@")]).is_empty());
    }

    #[test]
    fn malformed_counts_are_recorded_and_ignored() {
        let parsed = parse(&[
            ("X-RateLimit-Limit", "lots"),
            ("X-RateLimit-Remaining", "-1"),
            ("X-RateLimit-Remaining", "7"),
            ("X-RateLimit-Reset", "tomorrow"),
        ]);
        assert_eq!(parsed.limits.len(), 1);
        assert_eq!(
            (parsed.limits[0].quota, parsed.limits[0].remaining),
            (None, Some(7))
        );
        assert_eq!(parsed.limits[0].reset_at, None);
        assert_eq!(
            parsed.malformed,
            vec![
                ("X-RateLimit-Limit".to_owned(), "lots".to_owned()),
                ("X-RateLimit-Remaining".to_owned(), "-1".to_owned()),
                ("X-RateLimit-Reset".to_owned(), "tomorrow".to_owned()),
            ]
        );
    }

    #[test]
    fn exhausted_prefers_the_latest_future_reset_and_skips_elapsed_ones() {
        let limit = |remaining, reset: Option<u64>, source: &str| Limit {
            policy: None,
            quota: Some(10),
            remaining: Some(remaining),
            window: None,
            reset_at: reset.map(at),
            reset_raw: None,
            reset_kind: None,
            source: source.to_owned(),
        };
        let limits = RateLimits {
            limits: vec![
                limit(0, Some(NOW - 5), "elapsed"),
                limit(0, Some(NOW + 10), "soon"),
                limit(3, Some(NOW + 500), "not-exhausted"),
                limit(0, Some(NOW + 60), "later"),
                limit(0, None, "unknown"),
            ],
            ..RateLimits::default()
        };
        assert_eq!(
            limits.exhausted(at(NOW)).map(|l| l.source.as_str()),
            Some("later")
        );
        assert_eq!(
            limits.exhausted(at(NOW + 60)).map(|l| l.source.as_str()),
            Some("unknown")
        );
        let only_elapsed = RateLimits {
            limits: vec![limit(0, Some(NOW - 5), "elapsed")],
            ..RateLimits::default()
        };
        assert_eq!(only_elapsed.exhausted(at(NOW)), None);
    }

    #[test]
    fn reset_http_date_and_rfc3339_are_dates_corrected_for_skew() {
        let imf = classify_reset("Tue, 14 Nov 2023 22:14:20 GMT", at(NOW), Some(at(NOW + 20)), None);
        assert_eq!(imf, Some((at(NOW + 40), ResetKind::Date)));
        let rfc3339 = classify_reset("2023-11-14T23:14:20+01:00", at(NOW), None, None);
        assert_eq!(rfc3339, Some((at(NOW + 60), ResetKind::Date)));
        let past = classify_reset("Tue, 14 Nov 2023 22:13:00 GMT", at(NOW), None, None);
        assert_eq!(past, Some((at(NOW - 20), ResetKind::Date)));
    }

    #[test]
    fn reset_go_durations() {
        let cases = [
            ("6m0s", secs(360)),
            ("12ms", Duration::from_millis(12)),
            ("1s", secs(1)),
            ("1h2m3.5s", Duration::from_millis(3_723_500)),
            ("2h", secs(7200)),
            ("1.5m", secs(90)),
            ("250us", Duration::from_micros(250)),
        ];
        for (raw, after) in cases {
            assert_eq!(
                classify_reset(raw, at(NOW), None, None),
                Some((at(NOW) + after, ResetKind::Duration)),
                "{raw}"
            );
        }
        for bad in ["1s2m", "1m1m", "5x", "s", "1.s", "ms5", "1h 2m"] {
            assert_eq!(classify_reset(bad, at(NOW), None, None), None, "{bad}");
        }
    }

    #[test]
    fn reset_number_magnitudes() {
        assert_eq!(
            classify_reset("30", at(NOW), None, None),
            Some((at(NOW + 30), ResetKind::DeltaSeconds))
        );
        assert_eq!(
            classify_reset("0", at(NOW), None, None),
            Some((at(NOW), ResetKind::DeltaSeconds))
        );
        assert_eq!(
            classify_reset("1.25", at(NOW), None, None),
            Some((at(NOW + 1) + Duration::from_millis(250), ResetKind::DeltaSeconds))
        );
        assert_eq!(
            classify_reset("1700000096", at(NOW), None, None),
            Some((at(NOW + 96), ResetKind::EpochSeconds))
        );
        assert_eq!(
            classify_reset("1700000096500", at(NOW), None, None),
            Some((at(NOW + 96) + Duration::from_millis(500), ResetKind::EpochMillis))
        );
    }

    #[test]
    fn an_epoch_that_just_passed_stays_an_epoch() {
        // One second before the server's clock: the window reset a moment ago.
        assert_eq!(
            classify_reset("1699999999", at(NOW), None, None),
            Some((at(NOW - 1), ResetKind::EpochSeconds))
        );
    }

    #[test]
    fn an_epoch_far_from_the_server_date_is_still_an_epoch() {
        // 2020, and two years ahead: implausible resets, but a delta of decades is never
        // meant, so they are reported as the epoch times they are.
        assert_eq!(
            classify_reset("1600000000", at(NOW), Some(at(NOW)), None),
            Some((at(1_600_000_000), ResetKind::EpochSeconds))
        );
        let two_years = NOW + 2 * 365 * 86_400;
        assert_eq!(
            classify_reset(&two_years.to_string(), at(NOW), Some(at(NOW)), None),
            Some((at(two_years), ResetKind::EpochSeconds))
        );
        let just_under = NOW + 365 * 86_400;
        assert_eq!(
            classify_reset(&just_under.to_string(), at(NOW), Some(at(NOW)), None),
            Some((at(just_under), ResetKind::EpochSeconds))
        );
    }

    #[test]
    fn epoch_is_checked_against_the_server_clock_not_ours() {
        // Our clock is an hour ahead of the server's; the reset is 30 s after the server's Date.
        let server = NOW - 3600;
        assert_eq!(
            classify_reset(&(server + 30).to_string(), at(NOW), Some(at(server)), None),
            Some((at(NOW + 30), ResetKind::EpochSeconds))
        );
    }

    #[test]
    fn delta_far_beyond_the_window_is_read_as_milliseconds() {
        assert_eq!(
            classify_reset("30000", at(NOW), None, Some(secs(60))),
            Some((at(NOW + 30), ResetKind::Duration))
        );
        // Within 10× the window: plain seconds.
        assert_eq!(
            classify_reset("600", at(NOW), None, Some(secs(60))),
            Some((at(NOW + 600), ResetKind::DeltaSeconds))
        );
        // Even as milliseconds it overshoots: keep seconds.
        assert_eq!(
            classify_reset("5000000", at(NOW), None, Some(secs(60))),
            Some((at(NOW + 5_000_000), ResetKind::DeltaSeconds))
        );
    }

    #[test]
    fn window_cross_check_applies_to_header_resets() {
        let parsed = parse(&[
            ("X-RateLimit-Remaining-Minute", "0"),
            ("X-RateLimit-Reset-Minute", "45000"),
        ]);
        assert_eq!(parsed.limits[0].reset_at, Some(at(NOW + 45)));
        assert_eq!(parsed.limits[0].reset_kind, Some(ResetKind::Duration));
    }

    #[test]
    fn unreadable_resets_are_none() {
        for bad in [
            "",
            "-5",
            "soon",
            "1e9",
            "0x10",
            ".5",
            "5.",
            "99999999999999999999999",
            "١٢",
        ] {
            assert_eq!(classify_reset(bad, at(NOW), None, None), None, "{bad:?}");
        }
    }

    #[test]
    fn reset_kinds_describe_themselves() {
        assert_eq!(ResetKind::EpochSeconds.describe(), "Unix epoch seconds");
        assert_eq!(ResetKind::DeltaSeconds.describe(), "seconds from now");
        assert_eq!(ResetKind::EpochMillis.describe(), "Unix epoch milliseconds");
        assert_eq!(ResetKind::Duration.describe(), "a duration");
        assert_eq!(ResetKind::Date.describe(), "a date");
    }

    /// A tiny deterministic generator (xorshift64) so the garbage is the same on every run.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            usize::try_from(self.next() % u64::try_from(n).unwrap_or(1)).unwrap_or(0)
        }

        fn string(&mut self) -> String {
            const ALPHABET: &[char] = &[
                '"', ';', '=', ',', ' ', ':', '(', ')', '?', '*', '@', '%', '.', '-', 'q', 'r', 't', 'w',
                'm', 's', 'h', '0', '1', '9', 'é', '\u{7f}', '\\',
            ];
            let len = self.below(24);
            (0..len).map(|_| ALPHABET[self.below(ALPHABET.len())]).collect()
        }
    }

    const FUZZED_HEADERS: &[&str] = &[
        "RateLimit",
        "RateLimit-Policy",
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
        "RateLimit-ResetTime",
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
        "X-RateLimit-Reset-After",
        "X-RateLimit-Used",
        "X-Rate-Limit-Reset",
        "X-RateLimit-Limit-Minute",
        "x-ratelimit-reset-tokens",
        "anthropic-ratelimit-tokens-reset",
    ];

    #[test]
    fn pseudo_random_values_never_panic_and_limits_stay_consistent() {
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        for _ in 0..300 {
            let pairs: Vec<(String, String)> = (0..4)
                .map(|_| {
                    (
                        FUZZED_HEADERS[rng.below(FUZZED_HEADERS.len())].to_owned(),
                        rng.string(),
                    )
                })
                .collect();
            let parsed = parse_rate_limits(&pairs, at(NOW), Some(at(NOW + 3)));
            for limit in &parsed.limits {
                assert_eq!(limit.reset_at.is_some(), limit.reset_kind.is_some(), "{pairs:?}");
                assert_eq!(limit.reset_at.is_some(), limit.reset_raw.is_some(), "{pairs:?}");
            }
            for (header, _) in &parsed.malformed {
                assert!(
                    pairs.iter().any(|(name, _)| name == header),
                    "{header} not in {pairs:?}"
                );
            }
            let _ = parsed.exhausted(at(NOW));
            let _ = classify_reset(&rng.string(), at(NOW), None, Some(secs(1)));
        }
    }

    #[test]
    fn pseudo_random_values_behind_an_invalid_first_character_are_all_malformed() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..100 {
            let pairs: Vec<(String, String)> = FUZZED_HEADERS
                .iter()
                .map(|name| ((*name).to_owned(), format!("~{}", rng.string())))
                .collect();
            let parsed = parse_rate_limits(&pairs, at(NOW), None);
            assert!(
                parsed.policies.is_empty() && parsed.limits.is_empty(),
                "{pairs:?}"
            );
            // Every line is recorded exactly once (in parsing order, hence the sort).
            let mut malformed = parsed.malformed.clone();
            malformed.sort();
            let mut expected = pairs.clone();
            expected.sort();
            assert_eq!(malformed, expected, "{pairs:?}");
        }
    }
}
