//! The numbers in rate-limit header values: counts (with draft-style parameters), decimal
//! seconds and Go-style durations, in exact integer arithmetic.
//!
//! Separate because these readers are pure text-to-number functions, shared by every header
//! generation and by the reset classifier.

use std::time::Duration;

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
pub(super) fn parse_decimal(text: &str) -> Option<Duration> {
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
pub(super) fn parse_go_duration(text: &str) -> Option<Duration> {
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
pub(super) fn parse_count(value: &str) -> Option<(u64, Option<Duration>)> {
    let first = value.split(',').next().unwrap_or(value);
    let mut parts = first.split(';').map(|part| part.trim_matches([' ', '\t']));
    // Reddit writes counts as decimals (`0.0`, `598.0`): the whole part is the count.
    let count = parts.next().and_then(|text| {
        parse_u64(text).or_else(|| {
            let (whole, fraction) = text.split_once('.')?;
            fraction
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| parse_u64(whole))
                .flatten()
        })
    })?;
    let window = parts
        .filter_map(|param| param.split_once('='))
        .find(|(key, _)| matches!(key.trim(), "w" | "window"))
        .and_then(|(_, seconds)| parse_u64(seconds.trim()))
        .map(Duration::from_secs);
    Some((count, window))
}

pub(super) fn parse_u64(text: &str) -> Option<u64> {
    let text = text.trim_matches([' ', '\t']);
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}
