//! `Retry-After` and the server clock (docs/diagnosis.md §Retry-After and the server clock).
//!
//! `Retry-After` is either `delay-seconds` or an HTTP-date [RFC 9110 §10.2.3]. The date form is
//! written with the *server's* clock, so comparing it with the local clock folds any clock skew
//! into the wait. When the response carries a `Date` header the wait is computed server-side
//! (`Retry-After − Date`) and then added to the local receive time, which is skew-free.
//!
//! Everything here is pure: the receive time and the server `Date` come in as arguments, so the
//! same response always gives the same answer and tests can use fixed instants.

use std::time::{Duration, SystemTime};

/// The largest `delay-seconds` kept: 2^31 s (about 68 years). Larger values are clamped to it,
/// following the overflow rule RFC 9111 §1.2.2 gives for `delta-seconds`, so adding the delay to a
/// receive time can never overflow.
pub const MAX_DELAY_SECS: u64 = 1 << 31;

/// Waits above this are shown but flagged "unusually long": the `RateLimit` draft warns that very large
/// values can be accidental or hostile and suggests client-side thresholds [RL-11 §Security: Denial of
/// Service]. The default is one hour (docs/diagnosis.md §Retry-After and the server clock).
pub const UNUSUALLY_LONG_WAIT: Duration = Duration::from_secs(3600);

/// Clock skew is reported when it exceeds this many seconds (docs/diagnosis.md §Retry-After and
/// the server clock): HTTP dates have one-second resolution and requests take time, so a few
/// seconds are noise.
pub const NOTABLE_SKEW_SECS: u64 = 30;

/// A parsed `Retry-After` value [RFC 9110 §10.2.3].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// `delay-seconds`: a wait counted from when the response was received.
    Delay(Duration),
    /// A delay written with a decimal fraction (`2.0`, `1.5`): not RFC 9110's whole seconds,
    /// but what the server means is plain, so it is read leniently — and evidence says so.
    FractionalDelay(Duration),
    /// An HTTP-date on the server's clock.
    Date(SystemTime),
}

/// Parses a `Retry-After` field value: `delay-seconds` (digits only) or an HTTP-date in any of
/// the three RFC 9110 §5.6.7 forms (IMF-fixdate, RFC 850, asctime).
///
/// A non-negative decimal (`1.5`, `2.0`) is read leniently as a [`RetryAfter::FractionalDelay`].
/// Negative, empty or other text is an error whose message is a short reason for the
/// "malformed Retry-After" evidence line; the caller then falls back to other signals.
/// Surrounding whitespace is ignored, as field parsing strips it [RFC 9110 §5.5].
pub fn parse_retry_after(value: &str) -> Result<RetryAfter, String> {
    let value = value.trim_matches([' ', '\t']);
    if value.is_empty() {
        return Err("empty value".to_owned());
    }
    if is_digits(value) {
        return Ok(RetryAfter::Delay(Duration::from_secs(delay_seconds(value))));
    }
    if let Some(date) = parse_http_date(value) {
        return Ok(RetryAfter::Date(date));
    }
    if let Some((whole, fraction)) = value.split_once('.')
        && is_digits(whole)
        && is_digits(fraction)
    {
        let millis: u64 = fraction
            .chars()
            .chain("000".chars())
            .take(3)
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        let delay = Duration::from_secs(delay_seconds(whole)) + Duration::from_millis(millis);
        return Ok(RetryAfter::FractionalDelay(delay));
    }
    Err(reason_for_bad_value(value).to_owned())
}

/// Parses an HTTP-date in any of the three forms RFC 9110 §5.6.7 requires recipients to accept:
/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
///
/// Two-digit RFC 850 years are read as 1970–2069 (the `httpdate` crate's rule).
pub fn parse_http_date(value: &str) -> Option<SystemTime> {
    httpdate::parse_http_date(value.trim_matches([' ', '\t'])).ok()
}

/// When the client may retry, on the local clock.
///
/// - `Delay` counts from the local receive time.
/// - `Date` is converted skew-free (docs/diagnosis.md §Retry-After and the server clock): with
///   a server `Date` header the wait is `date − server_date`, added to the receive time;
///   without one the date is taken as is.
///
/// The result is never earlier than `received_at`: a date in the past means "now".
pub fn retry_at(
    retry_after: RetryAfter,
    received_at: SystemTime,
    server_date: Option<SystemTime>,
) -> SystemTime {
    let at = match retry_after {
        RetryAfter::Delay(delay) | RetryAfter::FractionalDelay(delay) => {
            received_at.checked_add(delay).unwrap_or(received_at)
        }
        RetryAfter::Date(date) => to_local_clock(date, received_at, server_date),
    };
    at.max(received_at)
}

/// How long to wait after receiving the response (zero when the time has already passed).
pub fn wait(retry_after: RetryAfter, received_at: SystemTime, server_date: Option<SystemTime>) -> Duration {
    retry_at(retry_after, received_at, server_date)
        .duration_since(received_at)
        .unwrap_or(Duration::ZERO)
}

/// Whether a wait deserves the "unusually long" flag (docs/diagnosis.md §Retry-After and the
/// server clock).
pub fn is_unusually_long(wait: Duration, threshold: Duration) -> bool {
    wait > threshold
}

/// Converts an instant written on the server's clock (an HTTP-date, an epoch reset) to the local
/// clock: `received_at + (instant − server_date)`. Without a server `Date` the instant is
/// returned unchanged, since there is nothing to correct against. Unlike [`retry_at`] the result
/// is not clamped, so a reset that already happened stays in the past.
pub fn to_local_clock(
    instant: SystemTime,
    received_at: SystemTime,
    server_date: Option<SystemTime>,
) -> SystemTime {
    let Some(server_date) = server_date else {
        return instant;
    };
    let local = match instant.duration_since(server_date) {
        Ok(ahead) => received_at.checked_add(ahead),
        Err(behind) => received_at.checked_sub(behind.duration()),
    };
    local.unwrap_or(instant)
}

/// Clock skew, server − local, in whole seconds truncated toward zero: positive when the server
/// clock is ahead (docs/diagnosis.md §Retry-After and the server clock). Saturates at
/// `i64::MAX` / `-i64::MAX` on absurd inputs.
pub fn clock_skew_secs(server_date: SystemTime, received_at: SystemTime) -> i64 {
    match server_date.duration_since(received_at) {
        Ok(ahead) => secs_as_i64(ahead),
        Err(behind) => -secs_as_i64(behind.duration()),
    }
}

/// Whether a skew is large enough to report (|skew| > 30 s, docs/diagnosis.md §Retry-After and
/// the server clock).
pub fn is_notable_skew(skew_secs: i64) -> bool {
    skew_secs.unsigned_abs() > NOTABLE_SKEW_SECS
}

fn secs_as_i64(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Reads all-digit text, clamping at [`MAX_DELAY_SECS`] (a digit string only fails to parse as
/// `u64` when it overflows, which clamps too).
fn delay_seconds(digits: &str) -> u64 {
    digits.parse::<u64>().unwrap_or(u64::MAX).min(MAX_DELAY_SECS)
}

/// Names what is wrong with a value that is neither `delay-seconds` nor an HTTP-date, so the
/// evidence can say more than "invalid".
fn reason_for_bad_value(value: &str) -> &'static str {
    let unsigned = value.strip_prefix('-');
    let number = unsigned.unwrap_or(value);
    let is_number = match number.split_once('.') {
        Some((whole, fraction)) => is_digits(whole) && is_digits(fraction),
        None => is_digits(number),
    };
    if is_number && unsigned.is_some() {
        "negative delay-seconds (must be a non-negative whole number)"
    } else if is_number {
        "fractional delay-seconds (must be a whole number of seconds)"
    } else {
        "neither delay-seconds nor an HTTP-date"
    }
}

#[cfg(test)]
mod tests {
    use std::time::UNIX_EPOCH;

    use super::*;

    /// Sun, 06 Nov 1994 08:49:37 GMT, the RFC 9110 §5.6.7 example instant.
    const RFC_EXAMPLE_SECS: u64 = 784_111_777;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn delay_seconds_is_a_duration() {
        assert_eq!(
            parse_retry_after("120"),
            Ok(RetryAfter::Delay(Duration::from_secs(120)))
        );
        assert_eq!(parse_retry_after("0"), Ok(RetryAfter::Delay(Duration::ZERO)));
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        assert_eq!(
            parse_retry_after(" \t30 "),
            Ok(RetryAfter::Delay(Duration::from_secs(30)))
        );
    }

    #[test]
    fn huge_delay_is_clamped_to_two_to_the_31() {
        let huge = "99999999999999999999999999";
        assert_eq!(
            parse_retry_after(huge),
            Ok(RetryAfter::Delay(Duration::from_secs(MAX_DELAY_SECS)))
        );
        assert_eq!(
            parse_retry_after("4294967296"),
            Ok(RetryAfter::Delay(Duration::from_secs(MAX_DELAY_SECS)))
        );
        assert_eq!(
            parse_retry_after("2147483647"),
            Ok(RetryAfter::Delay(Duration::from_secs(2_147_483_647)))
        );
    }

    #[test]
    fn imf_fixdate_is_parsed() {
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Ok(RetryAfter::Date(at(RFC_EXAMPLE_SECS)))
        );
    }

    #[test]
    fn obsolete_rfc850_date_is_parsed() {
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT"),
            Ok(RetryAfter::Date(at(RFC_EXAMPLE_SECS)))
        );
    }

    #[test]
    fn obsolete_asctime_date_is_parsed() {
        assert_eq!(
            parse_retry_after("Sun Nov  6 08:49:37 1994"),
            Ok(RetryAfter::Date(at(RFC_EXAMPLE_SECS)))
        );
    }

    #[test]
    fn parse_http_date_accepts_all_three_forms_and_rejects_others() {
        for form in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(parse_http_date(form), Some(at(RFC_EXAMPLE_SECS)), "{form}");
        }
        assert_eq!(parse_http_date("1994-11-06T08:49:37Z"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 CET"), None);
        assert_eq!(parse_http_date(""), None);
    }

    #[test]
    fn a_fractional_delay_is_read_leniently() {
        assert_eq!(
            parse_retry_after("1.5"),
            Ok(RetryAfter::FractionalDelay(Duration::from_millis(1500)))
        );
        assert_eq!(
            parse_retry_after("2.0"),
            Ok(RetryAfter::FractionalDelay(Duration::from_secs(2)))
        );
        assert_eq!(
            parse_retry_after("-1.5"),
            Err("negative delay-seconds (must be a non-negative whole number)".to_owned())
        );
    }

    #[test]
    fn negative_delay_is_rejected_with_reason() {
        assert_eq!(
            parse_retry_after("-5"),
            Err("negative delay-seconds (must be a non-negative whole number)".to_owned())
        );
        assert_eq!(
            parse_retry_after("-0.5"),
            Err("negative delay-seconds (must be a non-negative whole number)".to_owned())
        );
    }

    #[test]
    fn empty_value_is_rejected_with_reason() {
        assert_eq!(parse_retry_after(""), Err("empty value".to_owned()));
        assert_eq!(parse_retry_after("  "), Err("empty value".to_owned()));
    }

    #[test]
    fn garbage_is_rejected_with_reason() {
        for garbage in ["soon", "+5", "5s", "1e3", "30 seconds", "Sun, 06 Nov 1994", "١٢٣"] {
            assert_eq!(
                parse_retry_after(garbage),
                Err("neither delay-seconds nor an HTTP-date".to_owned()),
                "{garbage}"
            );
        }
    }

    #[test]
    fn delay_counts_from_receive_time() {
        let ra = RetryAfter::Delay(Duration::from_secs(30));
        assert_eq!(retry_at(ra, at(1_000), Some(at(5_000))), at(1_030));
        assert_eq!(wait(ra, at(1_000), None), Duration::from_secs(30));
    }

    #[test]
    fn date_without_server_date_is_used_as_is() {
        let ra = RetryAfter::Date(at(1_100));
        assert_eq!(retry_at(ra, at(1_000), None), at(1_100));
    }

    #[test]
    fn date_is_corrected_for_skew_with_server_date() {
        // Server clock 300 s ahead: the date says "100 s after the server's now".
        let ra = RetryAfter::Date(at(1_400));
        assert_eq!(retry_at(ra, at(1_000), Some(at(1_300))), at(1_100));
        // Server clock 300 s behind.
        let ra = RetryAfter::Date(at(800));
        assert_eq!(retry_at(ra, at(1_000), Some(at(700))), at(1_100));
        assert_eq!(wait(ra, at(1_000), Some(at(700))), Duration::from_secs(100));
    }

    #[test]
    fn date_before_receive_time_clamps_to_receive_time() {
        let ra = RetryAfter::Date(at(900));
        assert_eq!(retry_at(ra, at(1_000), None), at(1_000));
        // Before the server's own Date: negative delta clamps to zero.
        assert_eq!(retry_at(ra, at(1_000), Some(at(950))), at(1_000));
        assert_eq!(wait(ra, at(1_000), Some(at(950))), Duration::ZERO);
    }

    #[test]
    fn to_local_clock_keeps_past_instants() {
        assert_eq!(to_local_clock(at(950), at(1_000), Some(at(1_000))), at(950));
        assert_eq!(to_local_clock(at(950), at(1_000), Some(at(900))), at(1_050));
        assert_eq!(to_local_clock(at(950), at(1_000), None), at(950));
    }

    #[test]
    fn skew_is_server_minus_local() {
        assert_eq!(clock_skew_secs(at(1_045), at(1_000)), 45);
        assert_eq!(clock_skew_secs(at(1_000), at(1_045)), -45);
        assert_eq!(clock_skew_secs(at(1_000), at(1_000)), 0);
    }

    #[test]
    fn skew_truncates_sub_second_parts_toward_zero() {
        let local = at(1_000) + Duration::from_millis(900);
        assert_eq!(clock_skew_secs(at(1_000), local), 0);
        assert_eq!(clock_skew_secs(at(1_002), local), 1);
    }

    #[test]
    fn skew_over_thirty_seconds_is_notable() {
        assert!(!is_notable_skew(30));
        assert!(!is_notable_skew(-30));
        assert!(is_notable_skew(31));
        assert!(is_notable_skew(-31));
        assert!(is_notable_skew(i64::MIN));
    }

    #[test]
    fn waits_over_an_hour_are_unusually_long() {
        assert!(!is_unusually_long(Duration::from_secs(3600), UNUSUALLY_LONG_WAIT));
        assert!(is_unusually_long(Duration::from_secs(3601), UNUSUALLY_LONG_WAIT));
    }

    /// A tiny deterministic generator (xorshift64) so the garbage below is the same on every run.
    fn pseudo_random_strings(count: usize) -> Vec<String> {
        const ALPHABET: &[char] = &[
            '0', '1', '9', '-', '.', ' ', ',', ':', 'G', 'M', 'T', 'S', 'u', 'n', '\t', 'é', '\u{0}', '"',
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let len = usize::try_from(next() % 32).unwrap_or(0);
                (0..len)
                    .map(|_| ALPHABET[usize::try_from(next() % ALPHABET.len() as u64).unwrap_or(0)])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn pseudo_random_values_never_panic_and_never_retry_early() {
        let received = at(1_000_000);
        for value in pseudo_random_strings(500) {
            let Ok(parsed) = parse_retry_after(&value) else {
                continue;
            };
            assert!(
                retry_at(parsed, received, Some(at(999_000))) >= received,
                "{value:?}"
            );
        }
        // Prefixed with a letter no form can start with: always an error.
        for value in pseudo_random_strings(200) {
            assert!(parse_retry_after(&format!("~{value}")).is_err(), "{value:?}");
        }
    }
}
