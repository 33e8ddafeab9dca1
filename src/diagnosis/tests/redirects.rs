//! Where redirects took the request (`R.redirect-downgrade`, `R.redirect-body-origin`): a
//! refused downgrade or a body resent to another origin fails even when the final answer
//! looks like success; ordinary redirects say nothing.

use super::{Ex, absent, check, diag, hop};
use crate::diagnosis::Verdict::Fail;

#[test]
fn a_redirect_from_https_to_http_is_the_answer_and_the_checklist_says_why() {
    let ex = Ex::get("https://api.example.com/v1/me")
        .status(301)
        .res("Location", "http://api.example.com/v1/me?api_key=k-12345678");
    let checklist = diag(&ex);
    let lint = check(&checklist, "R.redirect-downgrade");
    assert_eq!(lint.verdict, Fail);
    assert!(
        lint.evidence.contains("downgrade from https to plain http"),
        "{}",
        lint.evidence
    );
    assert!(
        lint.evidence.contains("api_key=****"),
        "the Location's key is masked: {}",
        lint.evidence
    );
    assert!(!lint.evidence.contains("k-12345678"));
}

#[test]
fn a_redirect_to_a_file_url_is_the_server_s_doing_not_the_request_s() {
    let ex = Ex::get("http://localhost:8080/download")
        .status(302)
        .res("Location", "file:///etc/passwd");
    let lint = check(&diag(&ex), "R.redirect-downgrade").clone();
    assert_eq!(lint.verdict, Fail);
    assert!(
        lint.evidence.contains("not an http or https URL"),
        "{}",
        lint.evidence
    );
}

#[test]
fn a_downgrade_followed_under_insecure_tls_is_still_called_out() {
    let ex = Ex::get("http://api.example.com/v1/me")
        .hop(hop(
            "GET",
            "https://api.example.com/v1/me",
            301,
            "http://api.example.com/v1/me",
        ))
        .status(200);
    let lint = check(&diag(&ex), "R.redirect-downgrade").clone();
    assert_eq!(lint.verdict, Fail);
    assert!(lint.evidence.contains("went on in clear"), "{}", lint.evidence);
}

/// A POST of `body` from `from`, redirected with `status` to `to`.
fn posted(from: &str, status: u16, to: &str, body: &'static str) -> crate::http::Hop {
    let mut hop = hop("POST", from, status, to);
    hop.request.body = bytes::Bytes::from_static(body.as_bytes());
    hop
}

#[test]
fn a_307_that_carried_the_body_to_another_origin_fails_even_after_a_200() {
    let carried = posted(
        "https://api.example.com/login",
        307,
        "https://collector.example.net/steal",
        "{\"password\":\"hunter2\"}",
    );
    let ex = Ex::post_json(
        "https://collector.example.net/steal",
        "{\"password\":\"hunter2\"}",
    )
    .hop(carried)
    .status(200);
    let checklist = diag(&ex);
    let lint = check(&checklist, "R.redirect-body-origin");
    assert_eq!(lint.verdict, Fail);
    assert!(
        lint.evidence.contains("https://collector.example.net"),
        "{}",
        lint.evidence
    );
    assert!(lint.evidence.contains("22 B POST body"), "{}", lint.evidence);
}

#[test]
fn ordinary_redirects_raise_neither_lint() {
    let same_origin = posted(
        "https://api.example.com/a",
        307,
        "https://api.example.com/b",
        "{}",
    );
    let mut dropped = posted(
        "https://api.example.com/a",
        303,
        "https://other.example.net/b",
        "{}",
    );
    dropped.body_dropped = true;
    let upgraded = hop(
        "GET",
        "http://api.example.com/a",
        301,
        "https://api.example.com/a",
    );
    for (name, hop) in [
        ("same origin", same_origin),
        ("303 drops the body", dropped),
        ("upgrade", upgraded),
    ] {
        let checklist = diag(&Ex::get("https://api.example.com/b").hop(hop).status(200));
        assert!(absent(&checklist, "R.redirect-body-origin"), "{name}");
        assert!(absent(&checklist, "R.redirect-downgrade"), "{name}");
    }
    let onward = Ex::get("https://api.example.com/a")
        .status(302)
        .res("Location", "https://api.example.com/b");
    assert!(absent(&diag(&onward), "R.redirect-downgrade"));
}

#[test]
fn with_following_switched_off_a_downgrade_location_is_just_the_answer() {
    let ex = Ex::get("https://api.example.com/v1/me")
        .status(301)
        .res("Location", "http://api.example.com/v1/me");
    let yaml =
        "requests:\n  - name: Me\n    url: https://api.example.com/v1/me\n    follow_redirects: false\n";
    let checklist = super::diag_written(&ex, yaml, "Me", None);
    assert!(
        absent(&checklist, "R.redirect-downgrade"),
        "{:#?}",
        checklist.checks
    );
}
