//! A checklist read later: `diagnose(input, then).as_of(later)` is exactly
//! `diagnose(input, later)` — waits flip, the order follows, and every "in 24 s" or
//! "14 min ago" reads for the later moment — for every exchange whose checklist depends on
//! the time, whatever the two moments and the time zone.

use std::time::{Duration, SystemTime};

use jiff::tz::TimeZone;
use proptest::prelude::*;

use super::{Ex, HistoryEntry, T0, at, check, past};
use crate::diagnosis::Verdict::{Fail, Pass};
use crate::diagnosis::{Check, Checklist, Clock, Input, diagnose};
use crate::http::{FailureKind, Phase};

const URL: &str = "https://api.example.com/v1/orders";

/// `at(T0 + secs)` as an HTTP date.
fn http_date(secs: u64) -> String {
    httpdate::fmt_http_date(at(T0 + secs))
}

/// Every exchange whose checklist reads differently as time passes, with the session before it.
fn time_based() -> Vec<(&'static str, Ex, Vec<HistoryEntry>)> {
    let limited = |status: u16| {
        Ex::get(URL)
            .status(status)
            .res("x-ratelimit-limit", "60")
            .res("x-ratelimit-remaining", "0")
            .res("x-ratelimit-reset", &(T0 + 300).to_string())
    };
    vec![
        (
            "429, Retry-After in seconds",
            Ex::get(URL).status(429).res("retry-after", "30"),
            vec![],
        ),
        (
            "429, Retry-After as a date, with the server's Date",
            Ex::get(URL)
                .status(429)
                .res("date", &http_date(5))
                .res("retry-after", &http_date(125)),
            vec![],
        ),
        (
            "429, Retry-After as a date, without Date",
            Ex::get(URL).status(429).res("retry-after", &http_date(90)),
            vec![],
        ),
        (
            "429, an unusually long Retry-After",
            Ex::get(URL).status(429).res("retry-after", "7200"),
            vec![],
        ),
        (
            "429, Retry-After before the quota's reset, and recent requests",
            limited(429).res("retry-after", "10"),
            vec![
                past(&Ex::get(URL).status(200), 20),
                past(&Ex::get(URL).status(200), 5),
            ],
        ),
        (
            "429, a Retry-After already over while the quota is still empty",
            limited(429).res("retry-after", "0"),
            vec![],
        ),
        (
            "429, the IETF RateLimit fields",
            Ex::get(URL)
                .status(429)
                .res("ratelimit-policy", "\"burst\";q=3;w=10")
                .res("ratelimit", "\"burst\";r=0;t=10"),
            vec![],
        ),
        (
            "429, a reset as a duration",
            Ex::get(URL)
                .status(429)
                .res("x-ratelimit-limit-requests", "100")
                .res("x-ratelimit-remaining-requests", "0")
                .res("x-ratelimit-reset-requests", "6m0s"),
            vec![],
        ),
        (
            "503, Retry-After and maintenance",
            Ex::get(URL)
                .status(503)
                .res("retry-after", "120")
                .res_body("Down for scheduled maintenance"),
            vec![],
        ),
        ("503, an exhausted quota", limited(503), vec![]),
        ("403, a rate limit in disguise", limited(403), vec![]),
        (
            "200, the quota running low",
            Ex::get(URL)
                .status(200)
                .res("x-ratelimit-limit", "60")
                .res("x-ratelimit-remaining", "2")
                .res("x-ratelimit-reset", &(T0 + 900).to_string()),
            vec![],
        ),
        (
            "200, a sunset ahead",
            Ex::get(URL)
                .status(200)
                .res("deprecation", "@1688169599")
                .res("sunset", &http_date(3 * 3600)),
            vec![],
        ),
        (
            "410, a sunset passed",
            Ex::get(URL).status(410).res("sunset", &http_date(0)),
            vec![],
        ),
        (
            "409, the same request succeeded a moment ago",
            Ex::post_json(URL, r#"{"sku":"a"}"#).status(409),
            vec![past(&Ex::post_json(URL, r#"{"sku":"a"}"#).status(201), 20)],
        ),
        (
            "404, a record created a moment ago",
            Ex::get(&format!("{URL}/7")).status(404),
            vec![past(
                &Ex::post_json(URL, "{}")
                    .status(201)
                    .res("location", "/v1/orders/7"),
                2,
            )],
        ),
        (
            "connection refused by a service that answered before",
            Ex::get("http://localhost:8787/v1").fail(FailureKind::Connect, Phase::Connect, "refused"),
            vec![past(&Ex::get("http://localhost:8787/v1").status(200), 120)],
        ),
    ]
}

fn diagnosed(ex: &Ex, history: &[HistoryEntry], clock: &Clock) -> Checklist {
    let outcome = ex.outcome();
    diagnose(
        &Input {
            history,
            ..super::input(&outcome)
        },
        clock,
    )
}

fn zone() -> impl Strategy<Value = TimeZone> {
    prop_oneof![
        Just(TimeZone::UTC),
        Just(TimeZone::fixed(jiff::tz::offset(-7))),
        Just(TimeZone::fixed(jiff::tz::offset(13))),
    ]
}

/// A span in milliseconds, as often seconds as minutes as hours, so the waits of the
/// fixtures (seconds to hours) are both crossed and not.
fn span() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..60_000, 0u64..900_000, 0u64..30 * 3600 * 1000]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn a_checklist_read_later_is_the_checklist_diagnosed_later(
        fixture in 0..time_based().len(),
        then_ms in span(),
        wait_ms in span(),
        tz in zone(),
    ) {
        let (name, ex, history) = &time_based()[fixture];
        let then = at(T0) + Duration::from_millis(then_ms);
        let clock_then = Clock { now: then, tz };
        let clock_later = clock_then.at(then + Duration::from_millis(wait_ms));
        let read_later = diagnosed(ex, history, &clock_then).as_of(&clock_later);
        let diagnosed_later = diagnosed(ex, history, &clock_later);
        prop_assert_eq!(read_later, diagnosed_later, "{}", name);
    }
}

/// Each fixture does depend on the time: its checklist an hour on reads differently.
#[test]
fn every_time_based_fixture_changes_with_time() {
    for (name, ex, history) in time_based() {
        let soon = diagnosed(&ex, &history, &Clock::utc(at(T0 + 1)));
        let later = diagnosed(&ex, &history, &Clock::utc(at(T0 + 3601)));
        assert_ne!(
            soon, later,
            "{name}: nothing in its checklist depends on the time"
        );
    }
}

#[test]
fn a_wait_flips_and_the_checklist_reorders_without_a_rule_running() {
    let ex = Ex::get(URL)
        .status(429)
        .res("retry-after", "10")
        .res("x-ratelimit-remaining", "5");
    let early = diagnosed(&ex, &[], &Clock::utc(at(T0 + 1)));
    assert_eq!(early.first_failure().map(Check::id), Some("429.retry-after"));
    assert_eq!(
        check(&early, "429.retry-after").evidence,
        "Retry-After: 10 → retry at 12:00:10 (in 9 s)"
    );
    let when: SystemTime = early.next_change().expect("the wait flips");
    let ticking = early.as_of(&Clock::utc(at(T0 + 4)));
    assert_eq!(
        check(&ticking, "429.retry-after").evidence,
        "Retry-After: 10 → retry at 12:00:10 (in 6 s)"
    );
    assert_eq!(ticking.next_change(), Some(when));
    let over = early.as_of(&Clock::utc(when));
    let flipped = check(&over, "429.retry-after");
    assert_eq!(flipped.verdict, Pass);
    assert_eq!(flipped.changes_at, None);
    assert!(
        flipped.evidence.ends_with("you may retry now"),
        "{}",
        flipped.evidence
    );
    assert_eq!(over.next_change(), None);
    // Passes follow the fails, in rule order: 429.retry-after now comes after 429.reset's
    // fellow passes exactly where a fresh diagnosis puts it.
    assert!(
        over.checks
            .iter()
            .all(|c| c.verdict != Fail || c.id() != "429.retry-after")
    );
    assert_eq!(over, diagnosed(&ex, &[], &Clock::utc(when)));
}

/// A UI reading the checklist later waits for the next flip after its moment, not for one
/// already past; a retry waits for the server's wait, not for the client's rate window.
#[test]
fn the_next_change_after_a_moment_skips_flips_already_past() {
    let ex = Ex::get("http://127.0.0.1:8787/v1/limited")
        .status(429)
        .res("retry-after", "3")
        .res("ratelimit-policy", "\"burst\";q=3;w=10")
        .res("ratelimit", "\"burst\";r=0;t=3");
    let history: Vec<_> = (1..=3)
        .map(|i| super::past(&Ex::get("http://127.0.0.1:8787/v1/limited").status(200), i))
        .collect();
    let list = super::diag_history(&ex, &history);
    let first = list.next_change().unwrap();
    let later = list.next_change_after(first).expect("the rate window ages later");
    assert!(later > first);
    assert_eq!(list.next_change_after(later), None);
    assert_eq!(
        list.wait_over_at(),
        Some(first),
        "the server's wait, not the rate window"
    );
}

/// A spent limit is why the request was refused even after its window resets: the check
/// stays failed and only its advice changes.
#[test]
fn a_spent_limit_stays_the_reason_after_its_window_resets() {
    let ex = Ex::get(URL)
        .status(429)
        .res("x-ratelimit-limit", "30")
        .res("x-ratelimit-remaining", "0")
        .res("x-ratelimit-reset", "2");
    let early = diagnosed(&ex, &[], &Clock::utc(at(T0)));
    assert_eq!(check(&early, "429.reset").verdict, Fail);
    let later = early.as_of(&Clock::utc(at(T0 + 5)));
    let reset = check(&later, "429.reset");
    assert_eq!(reset.verdict, Fail, "a 429 never reads as no problems");
    assert!(
        reset.evidence.starts_with("x-ratelimit-remaining: 0 of 30 left"),
        "{}",
        reset.evidence
    );
    assert!(
        reset.evidence.ends_with("you may send again"),
        "{}",
        reset.evidence
    );
}
