//! The `X-RateLimit-*` families: GitHub, Twitter/X, Discord, Kong, `OpenAI` and Anthropic.

use super::*;

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

/// Headers of no known family are read by the words in their names; a reset named in
/// milliseconds is milliseconds.
#[test]
fn unknown_families_are_read_by_the_words_in_their_names() {
    let limits = parse(&[
        ("X-Rate-Limit-Requests-Left", "0"),
        ("X-Rate-Limit-Requests-Quota", "150"),
        ("X-Rate-Limit-Time-Reset-Ms", "4250"),
        ("X-Rate-Limit-Time-Window-Ms", "30000"),
    ]);
    let limit = &limits.limits[0];
    assert_eq!((limit.remaining, limit.quota), (Some(0), Some(150)));
    assert_eq!(limit.window, Some(Duration::from_secs(30)));
    assert_eq!(limit.reset_at, Some(at(NOW) + Duration::from_millis(4250)));
    assert_eq!(
        limit.source,
        "X-Rate-Limit-Requests-Left / X-Rate-Limit-Time-Reset-Ms"
    );
    // Without a remaining count, nothing is guessed.
    assert!(parse(&[("X-Rate-Limit-Requests-Quota", "150")]).limits.is_empty());
}
