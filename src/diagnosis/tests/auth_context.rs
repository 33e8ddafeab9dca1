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

/// A credential written by hand — an API-key header, a secret in the body — gets the same
/// provenance chain as the auth helper's when its variable is empty.
#[test]
fn a_hand_written_credential_that_rendered_empty_names_its_chain() {
    let yaml = "variables: { api_key: \"{{ env.ITEMS_KEY }}\" }\nrequests:\n  - name: Items\n    url: https://api.example.com/items\n    headers: { X-API-Key: \"{{ api_key }}\" }\n  - name: Token\n    method: POST\n    url: https://auth.example.com/token\n    body:\n      form: { client_id: app, client_secret: \"{{ env.CLIENT_SECRET }}\" }\n";
    let ex = Ex::get("https://api.example.com/items")
        .header("X-API-Key", "")
        .status(401);
    let list = diag_written(&ex, yaml, "Items", None);
    let first = list.first_failure().unwrap();
    assert_eq!(first.id(), "401.creds-sent");
    assert!(
        first.evidence.contains(
            "header `X-API-Key` is empty: {{ api_key }} (the collection's variables) ← {{ env.ITEMS_KEY }}"
        ),
        "{}",
        first.evidence
    );
    let ex = Ex::new("POST", "https://auth.example.com/token")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("client_id=app&client_secret=")
        .status(400);
    let list = diag_written(&ex, yaml, "Token", None);
    let c = check(&list, "R.auth-var-empty");
    assert_eq!(c.verdict, Fail);
    assert!(
        c.evidence
            .starts_with("body field `client_secret` is empty: {{ env.CLIENT_SECRET }}"),
        "{}",
        c.evidence
    );
}

/// Every empty variable of the auth helper is named, not only the first.
#[test]
fn every_empty_auth_variable_is_named() {
    let yaml = "requests:\n  - name: Db\n    url: http://localhost:7474/db/neo4j/tx\n    auth: { basic: { username: \"{{ env.NEO4J_USER }}\", password: \"{{ env.NEO4J_PASSWORD }}\" } }\n";
    let ex = Ex::get("http://localhost:7474/db/neo4j/tx").status(401);
    let list = diag_written(&ex, yaml, "Db", None);
    let first = list.first_failure().unwrap();
    assert!(
        first.evidence.contains("NEO4J_USER") && first.evidence.contains("NEO4J_PASSWORD"),
        "{}",
        first.evidence
    );
}

/// The key an `api_key` helper put under a name of the API's own (`appid`) was sent.
#[test]
fn a_key_under_an_unusual_name_counts_as_sent() {
    let yaml = "requests:\n  - name: Weather\n    url: https://api.example.com/data/3.0/onecall\n    auth: { api_key: { in: query, name: appid, value: e885b691e4c826 } }\n";
    let ex = Ex::get("https://api.example.com/data/3.0/onecall?appid=e885b691e4c826").status(401);
    let list = diag_written(&ex, yaml, "Weather", None);
    assert_eq!(check(&list, "401.creds-sent").verdict, Pass);
}

/// A token read from another request's response — one kept from an earlier session above
/// all — is named with where and when it came from, in the evidence that it was sent.
#[test]
fn a_chained_token_says_which_response_it_came_from_and_when() {
    struct KeptLogin;
    impl crate::template::ResponseLookup for KeptLogin {
        fn latest(&self, request: &str) -> Option<crate::template::ResponseView<'_>> {
            (request == "Auth/Log in").then(|| crate::template::ResponseView {
                headers: &[],
                body: br#"{"token":"tok-from-yesterday"}"#,
                too_large: None,
                kept: Some("2026-12-04 09:12:07 (21 h ago)".into()),
            })
        }
    }
    let yaml = "requests:\n  - name: Me\n    url: https://api.example.com/me\n    auth: { bearer: \"{{ response.Auth/Log in.body.$.token }}\" }\n";
    let collection = crate::collection::parse_collection(yaml, std::path::Path::new("c.yaml")).unwrap();
    let path = crate::collection::RequestPath::parse("Me");
    let empty = crate::collection::Variables::new();
    let ctx = crate::request::Context {
        collection: &collection,
        environment: None,
        overrides: &empty,
        captured: &empty,
        env: &super::NoEnv,
        responses: &KeptLogin,
    };
    let written = crate::request::prepare(&ctx, &path, collection.find(&path).unwrap())
        .unwrap()
        .written;
    let ex = Ex::get("https://api.example.com/me")
        .header("Authorization", "Bearer tok-from-yesterday")
        .status(401);
    let list = super::diag_full(
        &ex,
        Some(&written),
        Some(&collection),
        &[],
        super::at(super::T0 + 1),
    );
    let sent = check(&list, "401.creds-sent");
    assert_eq!(sent.verdict, Pass);
    assert!(
        sent.evidence.ends_with(
            "was sent, read from the response of \"Auth/Log in\" received at 2026-12-04 09:12:07 (21 h ago) in an earlier session"
        ),
        "{}",
        sent.evidence
    );
    // A token written in the file says nothing of the kind.
    let plain = "requests:\n  - name: Me\n    url: https://api.example.com/me\n    auth: { bearer: tok-from-yesterday }\n";
    let list = diag_written(&ex, plain, "Me", None);
    assert!(check(&list, "401.creds-sent").evidence.ends_with("was sent"));
}

/// With a cookie jar, a 401, 403 or 419 says which cookie for the URL had expired (so was
/// not sent); without a jar, or on another status, the check is not asked.
#[test]
fn a_session_refused_after_its_cookie_expired_says_so() {
    use crate::http::cookies::ExpiredCookie;
    let diag = |status: u16, expired: Option<&[ExpiredCookie]>| {
        let outcome = Ex::get("https://app.example.com/account")
            .status(status)
            .outcome();
        crate::diagnosis::diagnose(
            &crate::diagnosis::Input {
                written: None,
                outcome: Ok(&outcome),
                collection: None,
                history: &[],
                expired_cookies: expired,
                api: None,
            },
            &crate::diagnosis::Clock::utc(super::at(super::T0 + 1)),
        )
    };
    let expired = [ExpiredCookie {
        name: "session".into(),
        expired_at: super::at(super::T0 - 600),
    }];
    for status in [401, 403, 419] {
        let list = diag(status, Some(&expired));
        let c = check(&list, "C.cookie-expired");
        assert_eq!(c.verdict, crate::diagnosis::Verdict::Fail, "{status}");
        assert!(
            c.evidence.starts_with("Cookie session expired at ")
                && c.evidence.contains("(10 min ago), so it was not sent"),
            "{}",
            c.evidence
        );
    }
    assert_eq!(check(&diag(401, Some(&[])), "C.cookie-expired").verdict, Pass);
    let asked = |list: &crate::diagnosis::Checklist| list.checks.iter().any(|c| c.id() == "C.cookie-expired");
    assert!(!asked(&diag(401, None)), "no jar, no question");
    assert!(
        !asked(&diag(404, Some(&expired))),
        "a 404 is not a session ending"
    );
}
