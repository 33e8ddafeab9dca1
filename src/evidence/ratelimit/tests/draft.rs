//! The IETF draft fields: named policies (-08+), draft-07's Dictionary, the early drafts'
//! separate fields, and GitLab's use of them.

use super::*;

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
