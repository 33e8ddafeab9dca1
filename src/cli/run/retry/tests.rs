//! When `--retry` sends again, how long it waits, and when it refuses.

use std::time::{Duration, SystemTime};

use super::{Attempted, Decision, backoff, decide};
use crate::http::testing::{answered, failed};
use crate::http::{FailureKind, Outcome, Phase};

const NOW: SystemTime = SystemTime::UNIX_EPOCH;

fn attempt(outcome: &Outcome) -> Attempted<'_> {
    Attempted {
        outcome,
        declared_idempotent: false,
        met: false,
        server_wait_over: None,
        attempt: 1,
    }
}

#[test]
fn a_503_with_retry_after_waits_as_the_server_asked() {
    let outcome = answered("GET", &[], 503, &[("Retry-After", "2")], "");
    let a = Attempted {
        server_wait_over: Some(NOW + Duration::from_secs(2)),
        ..attempt(&outcome)
    };
    assert_eq!(
        decide(&a, 3, NOW, 0.5),
        Decision::Retry {
            wait: Duration::from_secs(2),
            why: "503, waiting as the server asked (Retry-After: 2)".into()
        }
    );
}

#[test]
fn without_a_server_wait_the_backoff_doubles_with_jitter_and_is_capped() {
    let outcome = answered("GET", &[], 429, &[], "");
    let Decision::Retry { wait, why } = decide(&attempt(&outcome), 3, NOW, 0.0) else {
        panic!("retried")
    };
    assert_eq!(wait, Duration::from_millis(250));
    assert!(why.contains("backing off"));
    assert_eq!(backoff(1, 1.0), Duration::from_millis(500));
    assert_eq!(backoff(3, 0.0), Duration::from_secs(1));
    assert_eq!(backoff(30, 1.0), Duration::from_secs(30));
}

#[test]
fn a_post_that_reached_the_server_is_not_resent_unless_it_is_idempotent() {
    let outcome = answered("POST", &[], 503, &[], "");
    let Decision::Refuse(why) = decide(&attempt(&outcome), 3, NOW, 0.5) else {
        panic!("refused")
    };
    assert!(why.contains("Idempotency-Key"), "{why}");
    let keyed = answered("POST", &[("Idempotency-Key", "k1")], 503, &[], "");
    assert!(matches!(
        decide(&attempt(&keyed), 3, NOW, 0.5),
        Decision::Retry { .. }
    ));
    let declared = Attempted {
        declared_idempotent: true,
        ..attempt(&outcome)
    };
    assert!(matches!(decide(&declared, 3, NOW, 0.5), Decision::Retry { .. }));
}

#[test]
fn a_post_that_never_connected_is_resent() {
    let outcome = failed("POST", FailureKind::Connect, Phase::Connect);
    assert!(matches!(
        decide(&attempt(&outcome), 1, NOW, 0.5),
        Decision::Retry { .. }
    ));
    let timed_out = failed("POST", FailureKind::Timeout, Phase::WaitingForResponse);
    assert!(matches!(
        decide(&attempt(&timed_out), 1, NOW, 0.5),
        Decision::Refuse(_)
    ));
}

#[test]
fn met_other_statuses_and_spent_retries_are_kept() {
    let unavailable = answered("GET", &[], 503, &[], "");
    let met = Attempted {
        met: true,
        ..attempt(&unavailable)
    };
    assert_eq!(decide(&met, 3, NOW, 0.5), Decision::Keep);
    let spent = Attempted {
        attempt: 4,
        ..attempt(&unavailable)
    };
    assert_eq!(decide(&spent, 3, NOW, 0.5), Decision::Keep);
    let not_found = answered("GET", &[], 404, &[], "");
    assert_eq!(decide(&attempt(&not_found), 3, NOW, 0.5), Decision::Keep);
    assert_eq!(decide(&attempt(&unavailable), 0, NOW, 0.5), Decision::Keep);
}

#[test]
fn a_server_wait_longer_than_five_minutes_is_refused() {
    let outcome = answered("GET", &[], 429, &[("Retry-After", "3600")], "");
    let a = Attempted {
        server_wait_over: Some(NOW + Duration::from_secs(3600)),
        ..attempt(&outcome)
    };
    let Decision::Refuse(why) = decide(&a, 3, NOW, 0.5) else {
        panic!("refused")
    };
    assert!(why.contains("asks to wait"), "{why}");
}
