//! `classify_reset`: dates, Go durations, number magnitudes, and the clock and window
//! cross-checks.

use super::*;

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
