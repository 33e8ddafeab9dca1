//! 400 and 422, continued: the query string as written, and a 422 that reports every field
//! missing because the server did not read the body; and how a 400 words the checks it
//! shares with the request lints.

use super::{Ex, check, diag, diag_written, run, run_absent};
use crate::diagnosis::Verdict::{Fail, Pass};

const URL: &str = "https://api.example.com/v1/users";

/// The 400 or other error of a search whose URL was written with `query` (`?` and all).
fn search(query: &str, status: u16) -> crate::diagnosis::Checklist {
    let yaml =
        format!("requests:\n  - {{ name: Search, url: \"https://api.example.com/v1/search{query}\" }}\n");
    let ex = Ex::get("https://api.example.com/v1/search?q=x").status(status);
    diag_written(&ex, &yaml, "Search", None)
}

#[test]
fn query_encoding_reads_the_url_as_written() {
    let cases = [
        ("q=a+b", Fail, "Query param \"q\" contains a raw \"+\""),
        (
            "q=100%",
            Fail,
            "Query param \"q\" has a \"%\" not followed by two hex digits",
        ),
        ("q=caf%25C3%25A9", Fail, "Query param \"q\" looks double-encoded"),
        (
            "q=ab&page=2",
            Pass,
            "No raw spaces, '+', stray '%' or double encoding",
        ),
    ];
    for (query, verdict, evidence) in cases {
        let list = search(&format!("?{query}"), 400);
        let c = check(&list, "400.query-encoding");
        assert_eq!(c.verdict, verdict, "{query}: {}", c.evidence);
        assert!(c.evidence.contains(evidence), "{query}: {}", c.evidence);
    }
    let list = search("", 400);
    assert!(
        super::absent(&list, "400.query-encoding"),
        "no query: {:?}",
        list.checks
    );
    run_absent(vec![(
        "no request as written",
        Ex::get("https://api.example.com/v1/search?q=a+b").status(400),
        "400.query-encoding",
    )]);
}

/// On other statuses the query lint joins the checklist when it fails.
#[test]
fn query_encoding_lint_joins_other_errors() {
    let diagnosed = |query: &str, status: u16| search(&format!("?{query}"), status);
    let c = check(&diagnosed("q=a b", 403), "R.query-encoding").clone();
    assert_eq!(c.verdict, Fail);
    assert_eq!(c.evidence, "Query param \"q\" contains a raw space");
    assert!(
        super::absent(&diagnosed("q=ab", 403), "R.query-encoding"),
        "clean query"
    );
    assert!(
        super::absent(&diagnosed("q=a b", 400), "R.query-encoding"),
        "400.query-encoding asks the same on a 400"
    );
}

#[test]
fn every_field_missing_means_the_body_was_not_read() {
    let missing = r#"{"message":"The given data was invalid.","errors":{"email":["The email field is required."],"name":["The name field is required."]}}"#;
    run(vec![super::case(
        "text/plain JSON",
        Ex::new("POST", URL)
            .header("Content-Type", "text/plain")
            .body(r#"{"email":"ada@example.com","name":"Ada"}"#)
            .status(422)
            .json(missing),
        "422.all-missing",
        Fail,
        "All 2 fields reported missing although the body has them — the server likely ignored the body (Content-Type was text/plain)",
    )]);
    run_absent(vec![
        ("the body is empty", Ex::post_json(URL, "{}").status(422).json(missing), "422.all-missing"),
        (
            "one field only",
            Ex::post_json(URL, r#"{"email":"ada@example.com"}"#)
                .status(422)
                .json(r#"{"errors":{"name":["The name field is required."]}}"#),
            "422.all-missing",
        ),
        (
            "not all missing",
            Ex::post_json(URL, r#"{"email":"x","name":"Ada"}"#)
                .status(422)
                .json(r#"{"errors":{"email":["must be a valid email"],"name":["The name field is required."]}}"#),
            "422.all-missing",
        ),
    ]);
}

/// 400.content-type asks R.ct-mismatch's question when a Content-Type was sent, and reads as
/// that lint does; only a missing Content-Type has its own wording.
#[test]
fn a_400_words_the_content_type_check_as_the_lint_does() {
    let sent = diag(&Ex::post_json("https://api.example.com/v1/users", r#"{"a":1}"#).status(400));
    assert_eq!(
        check(&sent, "400.content-type").label,
        "Content-Type matches the body"
    );
    let missing = diag(
        &Ex::new("POST", "https://api.example.com/v1/users")
            .body("{}")
            .status(400),
    );
    assert_eq!(
        check(&missing, "400.content-type").label,
        "The body's Content-Type is right"
    );
}

/// A field the server names is held against what was sent: present, but of the type the
/// message says it must not be, is the problem.
#[test]
fn a_named_field_of_the_wrong_type_is_a_problem() {
    let ex = Ex::post_json(
        "https://api.example.com/albums",
        r#"{"title":"Blue","price":"49.99"}"#,
    )
    .status(400)
    .json(r#"{"errors":[{"field":"price","message":"must be a number"}]}"#);
    let list = super::diag(&ex);
    let c = super::check(&list, "400.named-fields");
    assert_eq!(c.verdict, crate::diagnosis::Verdict::Fail);
    assert!(
        c.evidence.ends_with("a string, where it expects a number."),
        "{}",
        c.evidence
    );
}

/// "cannot be blank" about a value that was sent: the server did not read the body.
#[test]
fn a_field_the_server_calls_blank_but_was_sent_means_the_body_was_not_read() {
    let ex = Ex::post_json("https://api.example.com/subscriptions", r#"{"item_price_id":"basic-USD"}"#)
        .status(400)
        .json(r#"{"message":"item_price_id : cannot be blank","param":"item_price_id","error_code":"param_not_present"}"#);
    let list = diag(&ex);
    let c = check(&list, "400.named-fields");
    assert_eq!(c.verdict, Fail);
    assert!(
        c.evidence.contains("the server did not read it"),
        "{}",
        c.evidence
    );
}

/// One error naming one field, at the top or under `error`, is a field issue; "must be an
/// integer" about 499.5 is the problem.
#[test]
fn a_single_error_naming_its_field_is_held_against_the_request() {
    let ex = Ex::post_json("https://api.example.com/orders", r#"{"amount":499.5,"currency":"INR"}"#)
        .status(400)
        .json(r#"{"error":{"code":"BAD_REQUEST_ERROR","description":"The amount must be an integer.","field":"amount"}}"#);
    let list = diag(&ex);
    let c = check(&list, "400.named-fields");
    assert_eq!(c.verdict, Fail);
    assert!(
        c.evidence
            .contains("a number with a fraction, where it expects an integer"),
        "{}",
        c.evidence
    );
}

/// A JSON body under an audio type is read as audio.
#[test]
fn a_binary_content_type_over_a_text_body_is_a_mismatch() {
    let ex = Ex::post_json(
        "https://api.example.com/v1/listen",
        r#"{"url":"https://example.com/a.wav"}"#,
    )
    .without("Content-Type")
    .header("Content-Type", "audio/wav")
    .status(400);
    let list = diag(&ex);
    let c = check(&list, "400.content-type");
    assert_eq!(c.verdict, Fail);
    assert!(
        c.evidence.contains("audio/wav but the body is JSON"),
        "{}",
        c.evidence
    );
}

/// Valid NDJSON declared as application/json is a body meant as written under the wrong
/// type: the Content-Type check names it, and "the JSON body parses" line by line.
#[test]
fn ndjson_declared_as_json_is_a_content_type_fault() {
    let ex = Ex::post_json(
        "https://apm.example.com/intake/v2/events",
        "{\"metadata\":{}}\n{\"span\":{}}\n",
    )
    .status(400)
    .json(r#"{"accepted":0,"errors":[{"message":"invalid content type: 'application/json'"}]}"#);
    let list = diag(&ex);
    assert_eq!(
        list.first_failure().map(crate::diagnosis::Check::id),
        Some("400.content-type")
    );
    assert!(
        check(&list, "400.content-type")
            .evidence
            .contains("send application/x-ndjson")
    );
    assert_eq!(check(&list, "400.body-parses").verdict, Pass);
}
