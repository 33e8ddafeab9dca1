//! Auth checks that read the request as written: a key's mode against the environment, and
//! auth variables that rendered empty.

use super::{Ex, check, diag_written, prepared, with_facts};
use crate::diagnosis::Verdict::{Fail, Pass};

#[test]
fn key_mode_against_the_environment() {
    let yaml = "environments: { staging: {}, production: {} }\nrequests:\n  - { name: Charge, url: \"https://api.example.com/v1/charges\" }\n";
    let cases = [
        (
            "sk_live_abc",
            "staging",
            Fail,
            "Key prefix \"sk_live_\" looks like a Stripe live-mode key; environment is \"staging\"",
        ),
        (
            "sk_test_abc",
            "production",
            Fail,
            "looks like a Stripe test-mode key; environment is \"production\"",
        ),
        (
            "sk_live_abc",
            "production",
            Pass,
            "is a Stripe live-mode key; environment is \"production\"",
        ),
    ];
    for (key, env, verdict, evidence) in cases {
        let ex = Ex::get("https://api.example.com/v1/charges")
            .status(403)
            .header("Authorization", &format!("Bearer {key}"));
        let list = diag_written(&ex, yaml, "Charge", Some(env));
        let c = check(&list, "403.audience");
        assert_eq!(
            (c.verdict, c.evidence.contains(evidence)),
            (verdict, true),
            "{key} in {env}: {}",
            c.evidence
        );
    }
}

/// The bearer token of `Me` is `{{ token }}`, defined as `value`.
fn me(value: &str) -> String {
    format!(
        "variables: {{ token: \"{value}\" }}\nrequests:\n  - {{ name: Me, url: \"https://api.example.com/v1/me\", auth: {{ bearer: \"{{{{ token }}}}\" }} }}\n  - {{ name: Open, url: \"https://api.example.com/v1/open\" }}\n"
    )
}

/// Every request lint, passes included, for `ex` sent from request `name`.
fn lints(yaml: &str, name: &str, ex: &Ex) -> Vec<crate::diagnosis::Check> {
    let (_, written) = prepared(yaml, name, None);
    with_facts(ex, Some(&written), crate::diagnosis::rules::request::lints)
}

#[test]
fn auth_variables_that_rendered_empty() {
    let ex = Ex::get("https://api.example.com/v1/me").status(403);
    let list = diag_written(&ex, &me(""), "Me", None);
    let c = check(&list, "R.auth-var-empty");
    assert_eq!(c.verdict, Fail);
    assert!(
        c.evidence.contains("auth is bearer but {{ token }} is empty"),
        "{}",
        c.evidence
    );
    let unauthorized = diag_written(&ex.clone().status(401), &me(""), "Me", None);
    assert!(
        super::absent(&unauthorized, "R.auth-var-empty"),
        "401.creds-sent asks the same on a 401: {:?}",
        unauthorized.checks
    );

    let with_token = ex.clone().header("Authorization", "Bearer abc");
    let passed: Vec<_> = lints(&me("abc"), "Me", &with_token)
        .into_iter()
        .filter(|c| c.id() == "R.auth-var-empty")
        .map(|c| (c.verdict, c.evidence))
        .collect();
    assert_eq!(
        passed,
        [(
            Pass,
            "Every variable used by the auth helper has a value".to_owned()
        )]
    );
    assert!(
        lints(&me("abc"), "Open", &ex)
            .iter()
            .all(|c| c.id() != "R.auth-var-empty"),
        "a request without auth has no auth variables"
    );
}
