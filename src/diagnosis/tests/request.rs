//! Request lints: they join a checklist when they fail. Each is exercised on a 400 (where
//! status checks do not cover it) or directly through `lints`.

use super::{Check, Ex, T0, at, case, check, diag, run, with_facts};
use crate::diagnosis::Verdict::{Fail, Pass};
use crate::diagnosis::rules::request::lints;
use crate::diagnosis::{Clock, Input};

/// Every lint's verdict for an exchange, including passes.
fn lint(ex: &Ex) -> Vec<(&'static str, crate::diagnosis::Verdict, String)> {
    with_facts(ex, None, lints)
        .into_iter()
        .map(|c| (c.id(), c.verdict, c.evidence))
        .collect()
}

fn lint_verdict(ex: &Ex, id: &str) -> Option<(crate::diagnosis::Verdict, String)> {
    lint(ex)
        .into_iter()
        .find(|(i, _, _)| *i == id)
        .map(|(_, v, e)| (v, e))
}

const URL: &str = "https://api.example.com/v1/items";

#[test]
fn lints_that_fail_join_an_error_checklist() {
    run(vec![
        case(
            "stringified",
            Ex::get("https://api.example.com/v1/items?owner=undefined").status(403),
            "R.stringified-missing",
            Fail,
            "Query param \"owner\" = \"undefined\"",
        ),
        case(
            "body on GET",
            Ex::get(URL).body("{}").status(403),
            "R.body-on-bodyless-method",
            Fail,
            "GET request carries a 2 bytes body",
        ),
        case(
            "key in query",
            Ex::get("https://api.example.com/v1/items?api_key=0123456789abcdefghij").status(403),
            "R.key-in-query",
            Fail,
            "0123…ghij (20 chars)",
        ),
        case(
            "double slash",
            Ex::get("https://api.example.com//v1/items").status(403),
            "R.slashes",
            Fail,
            "\"//\" at position 1",
        ),
        case(
            "http with auth",
            Ex::get("http://api.example.com/x")
                .header("Authorization", "Bearer t")
                .status(403),
            "R.http-vs-https",
            Fail,
            "credentials travel unencrypted",
        ),
        case(
            "trailing space",
            Ex::get(URL).header("X-Token", "abc ").status(403),
            "R.header-whitespace",
            Fail,
            "leading or trailing whitespace",
        ),
        case(
            "two content types",
            Ex::post_json(URL, "{}")
                .header("content-type", "text/plain")
                .status(403),
            "R.header-duplicates",
            Fail,
            "content-type is sent 2 times",
        ),
        case(
            "host override",
            Ex::get(URL)
                .without("host")
                .header("Host", "other.example.com")
                .status(403),
            "R.host-override",
            Fail,
            "differs from URL host",
        ),
        case(
            "content length",
            Ex::new("POST", URL)
                .header("Content-Length", "10")
                .body("abc")
                .status(403),
            "R.content-length-override",
            Fail,
            "Content-Length 10 but the body is 3 bytes",
        ),
        case(
            "no user agent",
            Ex::get(URL).without("user-agent").status(403),
            "R.user-agent",
            Fail,
            "No User-Agent header",
        ),
        case(
            "big number",
            Ex::post_json(URL, r#"{"id": 9007199254740993}"#).status(403),
            "R.number-precision",
            Fail,
            "id: 9007199254740993 exceeds 2^53",
        ),
        case(
            "method case",
            Ex::new("post", URL).status(403),
            "R.method-case",
            Fail,
            "did you mean POST?",
        ),
        case(
            "JSON labelled as a form",
            Ex::new("POST", URL)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(r#"{"name":"Ada"}"#)
                .status(403),
            "R.ct-mismatch",
            Fail,
            "Content-Type is application/x-www-form-urlencoded but the body is JSON",
        ),
        case(
            "multipart without boundary",
            Ex::new("POST", URL)
                .header("Content-Type", "multipart/form-data")
                .body("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--")
                .status(403),
            "R.ct-mismatch",
            Fail,
            "Content-Type multipart/form-data has no boundary parameter",
        ),
        case(
            "JSON in latin1",
            Ex::new("POST", URL)
                .header("Content-Type", "application/json; charset=latin1")
                .body("{}")
                .status(403),
            "R.ct-mismatch",
            Fail,
            "declares a charset other than UTF-8 for JSON",
        ),
    ]);
}

#[test]
fn lints_pass_on_a_clean_request() {
    let clean = Ex::post_json(URL, r#"{"name":"Ada"}"#)
        .header("Authorization", "Bearer abc")
        .status(201);
    let failing: Vec<_> = lint(&clean).into_iter().filter(|(_, v, _)| *v == Fail).collect();
    assert!(failing.is_empty(), "{failing:#?}");
    assert_eq!(lint_verdict(&clean, "R.json-parse").map(|(v, _)| v), Some(Pass));
    assert_eq!(lint_verdict(&clean, "R.ct-missing").map(|(v, _)| v), Some(Pass));
    assert_eq!(
        lint_verdict(&clean, "R.auth-malformed").map(|(v, _)| v),
        Some(Pass)
    );
    assert_eq!(lint_verdict(&clean, "R.placeholder").map(|(v, _)| v), Some(Pass));
    assert_eq!(
        lint_verdict(&clean, "R.ct-mismatch"),
        Some((
            Pass,
            "Content-Type application/json fits a body that looks like JSON".to_owned()
        ))
    );
}

#[test]
fn request_lints_cover_the_body_and_url() {
    assert!(
        lint_verdict(&Ex::post_json(URL, "\u{feff}{}"), "R.json-parse")
            .is_some_and(|(v, e)| v == Fail && e.contains("byte-order mark"))
    );
    assert!(
        lint_verdict(&Ex::post_json(URL, "{} // hi"), "R.json-parse")
            .is_some_and(|(v, e)| v == Fail && e.contains("no comments"))
    );
    let as_form = |body: &str| {
        Ex::new("POST", URL)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
    };
    assert!(
        lint_verdict(&as_form(r#"{"a": }"#), "R.json-parse")
            .is_some_and(|(v, e)| v == Fail && e.contains("expected value at line 1 column 7")),
        "JSON sent as a form is still checked"
    );
    assert_eq!(
        lint_verdict(&as_form(r#"{"a": 1}"#), "R.json-parse").map(|(v, _)| v),
        Some(Pass)
    );
    assert!(
        lint_verdict(&Ex::get("https://x.test/a?q=a+b"), "R.query-encoding").is_none(),
        "needs the written URL"
    );
    assert_eq!(
        crate::diagnosis::sent::urls::query_problem("https://x.test/a?q=a+b").as_deref(),
        Some("Query param \"q\" contains a raw \"+\" that form-decoding servers read as a space")
    );
    assert_eq!(
        crate::diagnosis::sent::urls::query_problem("https://x.test/a?q=%2541").as_deref(),
        Some("Query param \"q\" looks double-encoded (%25…)")
    );
    assert_eq!(
        crate::diagnosis::sent::urls::query_problem("https://x.test/a?q=50%"),
        Some("Query param \"q\" has a \"%\" not followed by two hex digits".to_owned())
    );
    assert_eq!(
        crate::diagnosis::sent::urls::query_problem("https://x.test/a?q=ok"),
        None
    );
    assert_eq!(
        lint_verdict(&Ex::get(&format!("{URL}?q={}", "a".repeat(9000))), "R.url-length").map(|(v, _)| v),
        Some(Fail)
    );
    assert_eq!(
        lint_verdict(&Ex::get(URL).header("X-Big", &"a".repeat(9000)), "R.header-size").map(|(v, _)| v),
        Some(Fail)
    );
}

#[test]
fn a_2xx_shows_only_failing_lints() {
    let list = diag(
        &Ex::get("http://api.example.com/x")
            .header("Authorization", "Bearer t")
            .status(200),
    );
    assert_eq!(check(&list, "R.http-vs-https").verdict, Fail);
    assert!(
        list.checks
            .iter()
            .all(|c| !c.id().starts_with("R.") || c.verdict == Fail)
    );
}

/// The checklist of a request that could not be prepared.
fn unprepared(error: &crate::request::PrepareError) -> crate::diagnosis::Checklist {
    crate::diagnosis::diagnose(
        &Input {
            written: None,
            outcome: Err(error),
            collection: None,
            history: &[],
            expired_cookies: None,
            api: None,
        },
        &Clock::utc(at(T0 + 1)),
    )
}

#[test]
fn requests_that_could_not_be_prepared() {
    use crate::request::{Field, PrepareError};
    let file = unprepared(&PrepareError::File {
        field: Field::FilePath,
        path: "fixtures/avatar.png".into(),
        message: "No such file or directory (os error 2)".to_owned(),
    });
    let environment = unprepared(&PrepareError::UnknownEnvironment {
        name: "prod".to_owned(),
        collection: "Demo".to_owned(),
        available: vec!["local".to_owned(), "production".to_owned()],
    });
    for (list, id, evidence) in [
        (
            &file,
            "R.file",
            "file path fixtures/avatar.png: No such file or directory (os error 2)",
        ),
        (
            &environment,
            "R.environment",
            "environment `prod` is not defined in collection `Demo` (it defines local, production)",
        ),
    ] {
        let ids: Vec<&str> = list.checks.iter().map(Check::id).collect();
        assert_eq!(ids, [id], "nothing was sent, so only the reason shows");
        let c = check(list, id);
        assert_eq!((c.verdict, c.evidence.as_str()), (Fail, evidence));
    }
}

#[test]
fn placeholders_are_found_before_the_rules_run() {
    let ex = Ex::get("https://api.example.com/v1/users/%7Bid%7D").header("X-Trace", "{{trace}}");
    with_facts(&ex, None, |f| {
        let found = &f.placeholders;
        let tokens: Vec<&str> = found.iter().map(|p| p.token.as_str()).collect();
        assert_eq!(tokens, ["{id}", "{{trace}}"]);
        assert!(
            std::ptr::eq(found.as_slice(), f.placeholders.as_slice()),
            "found again"
        );
    });
}

#[test]
fn body_values_are_named_by_their_path() {
    run(vec![
        case(
            "nested big number",
            Ex::post_json(URL, r#"{"order":{"ids":[1,9007199254740993]}}"#).status(403),
            "R.number-precision",
            Fail,
            "order.ids[1]: 9007199254740993 exceeds 2^53",
        ),
        case(
            "the body is the number",
            Ex::post_json(URL, "9007199254740993").status(403),
            "R.number-precision",
            Fail,
            "(root): 9007199254740993",
        ),
        case(
            "stringified field",
            Ex::post_json(URL, r#"{"user":{"name":"Ada","team":"undefined"}}"#).status(403),
            "R.stringified-missing",
            Fail,
            "Body field user.team = \"undefined\"",
        ),
    ]);
}
