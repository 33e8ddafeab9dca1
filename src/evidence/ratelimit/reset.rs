//! Reading a reset value: a date, a Go-style duration, or a number that may be delta seconds
//! or a Unix epoch in seconds or milliseconds, told apart by magnitude and cross-checked
//! against the server clock and the policy window (docs/diagnosis.md §Rate-limit headers).
//!
//! Separate because every header generation resets the same way, and the heuristics are the
//! part most worth reading on their own.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::number::{parse_decimal, parse_go_duration};
use super::quota::ResetKind;
use crate::evidence::retry_after::{parse_http_date, to_local_clock};

/// A reset number at or above this (in the number's own unit) is read as Unix epoch milliseconds: 1e12 ms is
/// 2001-09-09, while 1e12 seconds is 31,000 years (docs/diagnosis.md §Rate-limit headers).
const EPOCH_MILLIS_FROM: u64 = 1_000_000_000_000;
/// A reset number at or above this is read as Unix epoch seconds: 1e9 s is 2001-09-09, and no
/// real delay is 31 years long (docs/diagnosis.md §Rate-limit headers).
const EPOCH_SECONDS_FROM: u64 = 1_000_000_000;
/// An epoch reading further ahead of the server's clock than this is implausible.
const ONE_YEAR: Duration = Duration::from_secs(365 * 86_400);
/// How far in the past an epoch reset may be and still read as one (it just passed).
const ONE_DAY: Duration = Duration::from_secs(86_400);
/// A delta this many times longer than the policy window is suspicious; it is re-read as
/// milliseconds (docs/diagnosis.md §Rate-limit headers).
const WINDOW_FACTOR: u32 = 10;

/// Reads a reset value, returning the absolute reset time (local clock) and how it was read.
///
/// docs/diagnosis.md §Rate-limit headers, in order:
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
pub(super) fn parse_date(raw: &str) -> Option<SystemTime> {
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
