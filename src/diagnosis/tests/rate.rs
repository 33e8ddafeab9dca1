//! 429 and 503: waits, quotas, and verdicts that flip when the wait is over.

use std::time::Duration;

use super::{Check, Ex, T0, at, case, check, diag, diag_at, diag_history, past, run, run_absent};
use crate::diagnosis::Verdict::{Fail, Pass, Unknown};
use crate::diagnosis::{Clock, HistoryEntry};

const URL: &str = "http://127.0.0.1:8787/v1/limited";

/// The demo's 429: 3 per 10 s, exhausted.
fn limited() -> Ex {
    Ex::get(URL)
        .status(429)
        .res("retry-after", "10")
        .res("ratelimit-policy", "\"burst\";q=3;w=10")
        .res("ratelimit", "\"burst\";r=0;t=10")
        .res("x-ratelimit-limit", "3")
        .res("x-ratelimit-remaining", "0")
        .res("x-ratelimit-reset", &(T0 + 10).to_string())
        .problem(r#"{"type":"https://iana.org/assignments/http-problem-types#quota-exceeded","title":"Too many requests","status":429,"violated-policies":["burst"]}"#)
}

#[test]
fn retry_after_counts_down_and_flips() {
    let ex = limited();
    let early = diag_at(&ex, at(T0 + 1));
    let c = check(&early, "429.retry-after");
    assert_eq!(c.verdict, Fail);
    assert_eq!(c.evidence, "Retry-After: 10 → retry at 12:00:10 (in 9 s)");
    // Received 40 ms after T0 (the factory's elapsed time): the wait counts from then.
    assert_eq!(c.changes_at, Some(at(T0 + 10) + Duration::from_millis(40)));
    assert_eq!(early.first_failure().map(Check::id), Some("429.retry-after"));
    let later = diag_at(&ex, at(T0 + 11));
    let c = check(&later, "429.retry-after");
    assert_eq!(c.verdict, Pass);
    assert!(c.evidence.ends_with("you may retry now"), "{}", c.evidence);
}

#[test]
fn retry_after_forms() {
    run(vec![
        case(
            "http date with server date",
            Ex::get(URL)
                .status(503)
                .res("date", "Wed, 25 Nov 2026 12:00:00 GMT")
                .res("retry-after", "Wed, 25 Nov 2026 12:02:00 GMT"),
            "503.retry-after",
            Fail,
            "(HTTP-date; server Date Wed, 25 Nov 2026 12:00:00 GMT) → retry at 12:02:00 (in 1 min 59 s)",
        ),
        case(
            "fractional, read leniently",
            Ex::get(URL).status(429).res("retry-after", "30.5"),
            "429.retry-after",
            Fail,
            "Retry-After: 30.5 (read leniently: RFC 9110 §10.2.3 wants whole seconds) → retry at",
        ),
        case(
            "malformed",
            Ex::get(URL).status(429).res("retry-after", "soon"),
            "429.retry-after",
            Unknown,
            "is not a number of seconds or an HTTP-date",
        ),
        case(
            "absent",
            Ex::get(URL).status(429),
            "429.retry-after",
            Unknown,
            "No Retry-After header",
        ),
        case(
            "already elapsed",
            Ex::get(URL).status(429).res("retry-after", "0"),
            "429.retry-after",
            Pass,
            "you may retry now",
        ),
        case(
            "unusually long",
            Ex::get(URL).status(429).res("retry-after", "86400"),
            "429.retry-after",
            Fail,
            "unusually long",
        ),
    ]);
}

#[test]
fn reset_and_policies() {
    run(vec![
        case(
            "draft-11 exhausted",
            limited(),
            "429.reset",
            Fail,
            "policy \"burst\": 0 of 3 left",
        ),
        case(
            "github epoch",
            Ex::get("https://api.github.com/x")
                .status(429)
                .res("x-ratelimit-limit", "60")
                .res("x-ratelimit-remaining", "0")
                .res("x-ratelimit-reset", &(T0 + 240).to_string()),
            "429.reset",
            Fail,
            "(read as Unix epoch seconds) → 12:04:00 (in 3 min 59 s)",
        ),
        case(
            "quota left",
            Ex::get(URL).status(429).res("x-ratelimit-remaining", "5"),
            "429.reset",
            Pass,
            "5 left",
        ),
        case(
            "no headers",
            Ex::get(URL).status(429),
            "429.reset",
            Unknown,
            "No rate-limit headers",
        ),
    ]);
}

#[test]
fn quota_versus_burst() {
    run(vec![
        case(
            "short window",
            limited(),
            "429.quota-vs-rate",
            Pass,
            "a short burst limit",
        ),
        case(
            "daily window",
            Ex::get(URL)
                .status(429)
                .res("ratelimit-policy", "\"daily\";q=1000;w=86400")
                .res("ratelimit", "\"daily\";r=0;t=3600"),
            "429.quota-vs-rate",
            Fail,
            "this is a quota, not a burst limit",
        ),
        case(
            "billing text",
            Ex::get(URL)
                .status(429)
                .json(r#"{"error":{"code":"insufficient_quota"}}"#),
            "429.quota-vs-rate",
            Fail,
            "insufficient_quota",
        ),
    ]);
}

#[test]
fn abnormal_identity_and_consistency() {
    run(vec![
        case(
            "abnormal usage",
            Ex::get(URL).status(429).problem(r#"{"type":"https://iana.org/assignments/http-problem-types#abnormal-usage-detected","violated-policies":["burst"]}"#),
            "429.abnormal",
            Fail,
            "abnormal usage (burst)",
        ),
        case("anonymous on github", Ex::get("https://api.github.com/user").status(429), "429.identity", Fail, "60/h vs 5,000/h"),
        case(
            "retry-after earlier than reset",
            Ex::get(URL).status(429).res("retry-after", "5").res("ratelimit-policy", "\"burst\";q=3;w=60").res("ratelimit", "\"burst\";r=0;t=60"),
            "429.header-consistency",
            Fail,
            "is earlier than the policy \"burst\" reset",
        ),
        case(
            "consistent",
            limited(),
            "429.header-consistency",
            Pass,
            "Retry-After and the policy \"burst\" reset agree",
        ),
    ]);
    // Both on the host where the anonymous case above fails, so only the credential differs.
    let github = || Ex::get("https://api.github.com/user").status(429);
    run_absent(vec![
        (
            "bearer token",
            github().header("Authorization", "Bearer ghp_abcdefghijklmnop"),
            "429.identity",
        ),
        (
            "api key header",
            github().header("X-API-Key", "k"),
            "429.identity",
        ),
        (
            "anonymous on a host with no known anonymous quota",
            Ex::get(URL).status(429),
            "429.identity",
        ),
    ]);
}

#[test]
fn client_rate_counts_recent_requests_to_the_host() {
    let history: Vec<_> = (1..=3).map(|i| past(&Ex::get(URL).status(200), i)).collect();
    let list = diag_history(&limited(), &history);
    let c = check(&list, "429.client-rate");
    assert_eq!(c.verdict, Fail);
    assert!(
        c.evidence
            .starts_with("You sent 4 requests to 127.0.0.1 in the 10 s up to "),
        "{}",
        c.evidence
    );
    assert!(
        c.evidence.ends_with("; the policy allows 3 per 10 s"),
        "{}",
        c.evidence
    );
}

#[test]
fn client_rate_counts_this_exchange_once_when_the_history_already_holds_it() {
    let ex = limited();
    let mut history: Vec<_> = (1..=3).map(|i| past(&Ex::get(URL).status(200), i)).collect();
    history.push(HistoryEntry::of(&ex.outcome(), None).unwrap());
    let list = diag_history(&ex, &history);
    let c = check(&list, "429.client-rate");
    assert!(c.evidence.starts_with("You sent 4 requests"), "{}", c.evidence);
}

#[test]
fn client_rate_passes_once_the_window_has_moved_on() {
    let history: Vec<_> = (1..=3).map(|i| past(&Ex::get(URL).status(200), i)).collect();
    let list = diag_history(&limited(), &history);
    assert_eq!(check(&list, "429.client-rate").verdict, Fail);
    // The second-oldest send leaves the 10 s window about 8 s after this one started.
    let later = list.as_of(&Clock::utc(at(T0 + 9)));
    let c = check(&later, "429.client-rate");
    assert_eq!(c.verdict, Pass, "{}", c.evidence);
    assert!(c.evidence.contains("the window has moved on"), "{}", c.evidence);
}

#[test]
fn service_unavailable() {
    run(vec![
        case(
            "maintenance text",
            Ex::get(URL)
                .status(503)
                .json(r#"{"error":"maintenance","message":"Scheduled maintenance: back soon."}"#),
            "503.maintenance",
            Fail,
            "Scheduled maintenance",
        ),
        case(
            "envoy",
            Ex::get(URL)
                .status(503)
                .res("server", "envoy")
                .res_body("no healthy upstream"),
            "503.no-upstream",
            Fail,
            "no healthy backend",
        ),
        case(
            "reduced capacity",
            Ex::get(URL).status(503).problem(
                r#"{"type":"https://iana.org/assignments/http-problem-types#temporary-reduced-capacity"}"#,
            ),
            "503.throttle",
            Fail,
            "reduced capacity",
        ),
    ]);
    run_absent(vec![("plain 503", Ex::get(URL).status(503), "503.maintenance")]);
}

#[test]
fn the_demo_maintenance_leads_with_its_retry_time() {
    let ex = Ex::get("http://127.0.0.1:8787/v1/maintenance")
        .status(503)
        .res("date", "Wed, 25 Nov 2026 12:00:00 GMT")
        .res("retry-after", "Wed, 25 Nov 2026 12:02:00 GMT")
        .json(r#"{"error":"maintenance","message":"Scheduled maintenance: back in about two minutes."}"#);
    assert_eq!(diag(&ex).first_failure().map(Check::id), Some("503.retry-after"));
}

/// Counts written as decimals (Reddit's `0.0`) are counts, and a 429 whose limit has a reset
/// but no remaining count is that limit spent.
#[test]
fn decimal_counts_and_a_missing_remaining_still_name_the_reset() {
    let reddit = Ex::get(URL)
        .status(429)
        .res("x-ratelimit-used", "100")
        .res("x-ratelimit-remaining", "0.0")
        .res("x-ratelimit-reset", "212");
    let list = diag(&reddit);
    let c = check(&list, "429.reset");
    assert_eq!(c.verdict, Fail);
    assert!(
        c.evidence.starts_with("x-ratelimit-remaining: 0"),
        "{}",
        c.evidence
    );
    let mapbox = Ex::get(URL)
        .status(429)
        .res("x-rate-limit-limit", "600")
        .res("x-rate-limit-interval", "60")
        .res("x-rate-limit-reset", &(T0 + 37).to_string());
    let list = diag(&mapbox);
    let c = check(&list, "429.reset");
    assert_eq!(c.verdict, Fail);
    assert!(c.evidence.contains("x-rate-limit-reset: "), "{}", c.evidence);
}
