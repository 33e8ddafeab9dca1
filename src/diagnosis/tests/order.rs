//! The order of the checklist (docs/diagnosis.md §The order of the checklist): the engine ranks
//! by tier, the server's reason is always heard, and a symptom never outranks its cause.

use super::{Ex, check, diag, diag_history, hop, past};
use crate::diagnosis::Check;
use crate::diagnosis::Verdict::Fail;

const URL: &str = "https://api.example.com/v1/projects/storefront";

fn ids(list: &crate::diagnosis::Checklist) -> Vec<&str> {
    list.checks
        .iter()
        .filter(|c| c.verdict == Fail)
        .map(Check::id)
        .collect()
}

/// A 401 that explains itself in a dialect no format names is heard, even when every
/// client-side check passes.
#[test]
fn a_reason_in_any_dialect_is_heard_when_everything_else_passes() {
    let ex = Ex::get(URL)
        .header("X-Api-Key", "k-123")
        .status(401)
        .res("www-authenticate", "ApiKey realm=\"items\"")
        .json(r#"{"detail": "invalid api key"}"#);
    let list = diag(&ex);
    let first = list.first_failure().expect("the server said why");
    assert_eq!(first.id(), "C.stated-reason", "{list:#?}");
    assert!(
        first.evidence.contains("\"invalid api key\""),
        "{}",
        first.evidence
    );
}

/// A redirect that turned POST into GET is the cause; the 405's Allow header is its symptom,
/// and says so.
#[test]
fn a_redirect_that_changed_the_method_comes_before_the_405_it_caused() {
    let mut rewrite = hop(
        "POST",
        "http://api.example.com/v1/items",
        301,
        "https://api.example.com/v1/items",
    );
    rewrite.method_changed = true;
    rewrite.body_dropped = true;
    let ex = Ex::get("https://api.example.com/v1/items")
        .hop(rewrite)
        .status(405)
        .res("allow", "POST");
    let list = diag(&ex);
    let fails = ids(&list);
    let allow = fails
        .iter()
        .position(|id| *id == "405.allow")
        .expect("405.allow fails");
    let redirect = fails
        .iter()
        .position(|id| *id == "C.redirected" || *id == "405.redirect-rewrite")
        .expect("the redirect fails");
    assert!(redirect < allow, "{fails:?}");
    let allow = check(&list, "405.allow");
    assert!(allow.evidence.contains("— because ✘"), "{}", allow.evidence);
    assert!(allow.because.is_some());
}

/// When every request to the same API that worked sends something this one does not, that
/// difference is the cause of the server's "not found", ranks before it, and is counted.
#[test]
fn a_difference_from_every_success_explains_the_stated_reason() {
    let ok = |path: &str| Ex::get(&format!("https://api.example.com/v1/{path}?teamId=t1")).status(200);
    let history = [past(&ok("deployments"), 120), past(&ok("projects/a/env"), 60)];
    let ex = Ex::get(URL)
        .status(404)
        .json(r#"{"error": {"code": "not_found", "message": "Project not found"}}"#);
    let list = diag_history(&ex, &history);
    let first = list.first_failure().unwrap();
    assert_eq!(first.id(), "C.differs-from-working", "{list:#?}");
    assert!(
        first
            .evidence
            .contains("no `teamId` query parameter — 2 of the 2"),
        "{}",
        first.evidence
    );
    let stated = check(&list, "C.stated-reason");
    assert_eq!(stated.because, Some("C.differs-from-working"));
    assert_eq!(list.problems(), 1, "one cause, one symptom: one problem");
}

/// A lint about form alone never fails on a request the server accepted.
#[test]
fn form_lints_are_silent_on_an_accepted_request() {
    let ex = Ex::get("https://maps.example.com/geocode/json?address=x&key=AIzaSyD-abcdefghijklmnop")
        .status(200)
        .json(r#"{"status": "OK", "results": []}"#);
    assert_eq!(diag(&ex).first_failure().map(Check::id), None);
    let salesforce = Ex::get(URL)
        .header("Authorization", "Bearer 00D5g000004XyZ!AQ0AQH.abc")
        .status(200)
        .json("{}");
    assert_eq!(diag(&salesforce).first_failure().map(Check::id), None);
}

/// A redirect to another origin dropped the credentials: "no Authorization header" is its
/// symptom, and comes after it.
#[test]
fn credentials_dropped_by_a_redirect_explain_the_anonymous_request() {
    let mut dropped = hop(
        "GET",
        "http://shop.example.com/wp-json/wc/v3/products",
        301,
        "https://shop.example.com/wp-json/wc/v3/products",
    );
    dropped.stripped_headers = vec!["authorization".to_owned()];
    let ex = Ex::get("https://shop.example.com/wp-json/wc/v3/products")
        .hop(dropped)
        .status(401)
        .json(r#"{"code":"woocommerce_rest_cannot_view","message":"Sorry, you cannot list resources."}"#);
    let list = diag(&ex);
    let fails = ids(&list);
    let creds = fails.iter().position(|id| *id == "401.creds-sent").unwrap();
    let cause = fails
        .iter()
        .position(|id| *id == "401.survived-redirect" || *id == "C.redirected")
        .unwrap();
    assert!(cause < creds, "{fails:?}");
}
