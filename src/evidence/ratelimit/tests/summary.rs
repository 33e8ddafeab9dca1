//! `RateLimits` as a whole: header names in any case, emptiness, and the binding exhausted
//! limit.

use super::*;

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
