//! Checks attached to every error, the 2xx checklist, ordering and titles.

use super::{Ex, case, check, diag, run};
use crate::diagnosis::Verdict::{Fail, Pass, Unknown};
use crate::diagnosis::{Severity, Verdict};

const URL: &str = "https://api.example.com/v1/items";

#[test]
fn common_checks() {
    run(vec![
        // A 400 (on a 403, 403.edge-block names who answered instead).
        case(
            "cloudfront page",
            Ex::get(URL)
                .status(400)
                .res("x-cache", "Error from cloudfront")
                .res("via", "1.1 abc.cloudfront.net (CloudFront)")
                .res("content-type", "text/html")
                .res_body("<html><title>403 ERROR</title></html>"),
            "C.generator",
            Fail,
            "CloudFront",
        ),
        case(
            "app json",
            Ex::get(URL).status(404).json(r#"{"error":"not_found"}"#),
            "C.generator",
            Pass,
            "The body is the API's own (application/json)",
        ),
        case(
            "cached",
            Ex::get(URL).status(404).res("age", "120").res("x-cache", "HIT"),
            "C.from-cache",
            Fail,
            "Age: 120s and x-cache: HIT → this 404 may be a cached copy up to 2 min old",
        ),
        case(
            "fresh",
            Ex::get(URL).status(404),
            "C.from-cache",
            Pass,
            "No Age or cache-hit headers",
        ),
        case(
            "no redirects",
            Ex::get(URL).status(404),
            "C.redirected",
            Pass,
            "No redirects",
        ),
        case(
            "json label on html",
            Ex::get(URL)
                .status(500)
                .res("content-type", "application/json")
                .res_body("<html><body>Oops</body></html>"),
            "C.response-type",
            Fail,
            "likely an error page",
        ),
        case(
            "empty json",
            Ex::get(URL).status(500).res("content-type", "application/json"),
            "C.response-type",
            Fail,
            "the body is empty",
        ),
        case(
            "field refs on a 409",
            Ex::post_json(URL, r#"{"slug":"a"}"#)
                .status(409)
                .json(r#"{"errors":{"slug":["has already been taken"]}}"#),
            "C.body-field-refs",
            Pass,
            "You sent \"a\" (string)",
        ),
        case(
            "placeholders on 401",
            Ex::get("https://api.example.com/v1/users/%7Bid%7D").status(401),
            "C.placeholder",
            Fail,
            "{id}",
        ),
        case(
            "html without signature",
            Ex::get(URL)
                .status(500)
                .res("content-type", "text/html")
                .res_body("<html><body>Oops</body></html>"),
            "C.generator",
            Unknown,
            "without a recognisable gateway signature",
        ),
    ]);
}

#[test]
fn redirect_that_stripped_credentials_fails_the_common_check() {
    let mut h = super::hop(
        "GET",
        "https://api.example.com/a",
        302,
        "https://cdn.example.net/a",
    );
    h.stripped_headers = vec!["authorization".into()];
    let list = diag(&Ex::get("https://cdn.example.net/a").status(403).hop(h));
    assert_eq!(
        check(&list, "C.redirected").evidence,
        "authorization removed at hop 1 (api.example.com → cdn.example.net)"
    );
}

#[test]
fn healthy_responses() {
    run(vec![
        case("created", Ex::post_json(URL, "{}").status(201).res("location", "/v1/items/7"), "ok.status", Pass, "201 Created; Location: /v1/items/7"),
        case("quota left", Ex::get(URL).status(200).res("ratelimit-policy", "\"default\";q=100;w=60").res("ratelimit", "\"default\";r=97;t=60"), "ok.quota", Pass, "policy \"default\": 97 of 100 requests left"),
        case("quota low", Ex::get(URL).status(200).res("x-ratelimit-limit", "5000").res("x-ratelimit-remaining", "12"), "ok.quota", Fail, "slow down"),
        case("deprecated", Ex::get(URL).status(200).res("deprecation", "@1688169599").res("sunset", "Sun, 30 Jun 2030 23:59:59 GMT"), "ok.deprecation", Fail, "Sunset: Sun, 30 Jun 2030 23:59:59 GMT"),
        case("graphql errors", Ex::post_json(URL, "{}").status(200).json(r#"{"data":null,"errors":[{"message":"Field 'x' doesn't exist","locations":[{"line":1,"column":2}]}]}"#), "ok.graphql-errors", Fail, "1 GraphQL error"),
        case("slack style", Ex::get(URL).status(200).json(r#"{"ok":false,"error":"invalid_auth"}"#), "ok.error-in-body", Fail, "\"invalid_auth\""),
        case("html as json", Ex::get(URL).status(200).res("content-type", "application/json").res_body("<!DOCTYPE html><html></html>"), "ok.response-type", Fail, "login or error page"),
    ]);
}

#[test]
fn fails_come_first_likely_before_possible_then_unknown_then_pass() {
    let list = diag(&Ex::new("DELETE", URL).status(405).res("allow", "GET, POST"));
    let order: Vec<(Verdict, Option<Severity>)> =
        list.checks.iter().map(|c| (c.verdict, c.severity)).collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|(v, s)| (*v, s.unwrap_or(Severity::Possible)));
    assert_eq!(order, sorted);
    assert_eq!(list.checks[0].id(), "405.allow");
    assert_eq!(list.checks[0].severity, Some(Severity::Likely));
}

#[test]
fn titles_summaries_and_tips() {
    let list = diag(&Ex::get(URL).status(429));
    assert_eq!(list.title, "429 Too Many Requests");
    assert_eq!(
        list.summary,
        "You sent too many requests; the server wants you to slow down."
    );
    assert!(list.tips.iter().any(|t| t.contains("exponential backoff")));
    let list = diag(&Ex::get(URL).status(500).res("x-request-id", "req-42"));
    assert_eq!(
        list.tips[0],
        "Quote this in support requests: x-request-id: req-42"
    );
}

#[test]
fn every_fail_quotes_evidence() {
    let exchanges = [
        Ex::get(URL).status(401),
        Ex::new("DELETE", URL).status(405).res("allow", "GET"),
        Ex::get(URL).status(429).res("retry-after", "30"),
        Ex::get(URL).status(502).res("via", "1.1 gw"),
    ];
    for ex in &exchanges {
        for c in diag(ex).checks {
            assert!(!c.evidence.trim().is_empty(), "{} has no evidence", c.id());
            assert!(!c.label.trim().is_empty(), "{} has no label", c.id());
        }
    }
}
