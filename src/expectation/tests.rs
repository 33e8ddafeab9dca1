//! Each kind of expectation, met and missed, read from YAML as a collection writes it.

use super::{Checked, capture, check};
use crate::collection::{Collection, Expect, Item, Request, parse_collection};
use crate::http::{FailureKind, Outcome, Phase, testing};

fn request(yaml_fields: &str) -> Request {
    let yaml = format!("requests:\n  - name: R\n    url: http://x/\n{yaml_fields}");
    let collection: Collection =
        parse_collection(&yaml, std::path::Path::new("tests/fixtures/c.yaml")).expect("the fixture loads");
    match collection.items.into_iter().next() {
        Some(Item::Request(r)) => *r,
        _ => unreachable!("one request"),
    }
}

fn expect(yaml_fields: &str) -> Expect {
    request(&format!("    expect:\n{yaml_fields}"))
        .expect
        .expect("an expect block")
}

fn answered(status: u16, headers: &[(&str, &str)], body: &str) -> Outcome {
    testing::answered("GET", &[], status, headers, body)
}

fn misses(expect: &Expect, outcome: &Outcome) -> Vec<String> {
    check(Some(expect), Ok(outcome))
        .iter()
        .filter(|c| !c.met)
        .map(Checked::to_string)
        .collect()
}

#[test]
fn a_wrong_status_says_what_was_expected_and_what_came() {
    let e = expect("      status: 401\n");
    assert_eq!(
        misses(&e, &answered(200, &[], "")),
        ["status: expected 401, got 200"]
    );
    assert!(misses(&e, &answered(401, &[], "")).is_empty());
}

#[test]
fn without_an_expectation_success_is_expected() {
    let checked = check(None, Ok(&answered(500, &[], "")));
    assert_eq!(checked[0].to_string(), "status: expected 2xx or 3xx, got 500");
    assert!(check(None, Ok(&answered(204, &[], "")))[0].met);
}

#[test]
fn a_type_miss_quotes_the_value_and_its_type() {
    let e = expect("      body:\n        $.items[0].id: { type: number }\n");
    let body = r#"{"items": [{"id": "42"}]}"#;
    assert_eq!(
        misses(&e, &answered(200, &[], body)),
        [r#"$.items[0].id: expected number, got string "42""#]
    );
}

#[test]
fn body_tests_equal_exist_match_and_count() {
    let e = expect(concat!(
        "      body:\n",
        "        $.name: Ada\n",
        "        $.id: { equals: 7, type: integer }\n",
        "        $.email: { matches: '@example\\.com$' }\n",
        "        $.tags: { count: 2 }\n",
        "        $.token: { exists: false }\n",
    ));
    let good = r#"{"name":"Ada","id":7.0,"email":"ada@example.com","tags":["a","b"]}"#;
    assert!(
        misses(&e, &answered(200, &[], good)).is_empty(),
        "{:?}",
        misses(&e, &answered(200, &[], good))
    );
    let bad = r#"{"name":"Bob","id":8,"email":"bob@evil.test","tags":[],"token":"t"}"#;
    assert_eq!(
        misses(&e, &answered(200, &[], bad)),
        [
            r#"$.name: expected "Ada", got "Bob""#,
            "$.id: expected 7, got 8",
            r#"$.email: expected to match /@example\.com$/, got "bob@evil.test""#,
            "$.tags: expected 2 items, got 0",
            r#"$.token: expected to be absent, got "t""#,
        ]
    );
}

#[test]
fn body_tests_on_a_body_that_is_not_json_say_so() {
    let e = expect("      body:\n        $.id: { exists: true }\n");
    let missed = misses(&e, &answered(200, &[("Content-Type", "text/html")], "<html>"));
    assert_eq!(
        missed,
        ["$.id: expected to be present, got a body that is not JSON (text/html, 6 B)"]
    );
}

#[test]
fn header_tests_ignore_the_names_case_and_mask_secrets_they_show() {
    let e = expect(concat!(
        "      headers:\n",
        "        content-type: application/json\n",
        "        X-Request-Id: { exists: true }\n",
        "        Cache-Control: { contains: no-store }\n",
        "        Set-Cookie: { matches: '^id=' }\n",
    ));
    let outcome = answered(
        200,
        &[
            ("Content-Type", "text/html"),
            ("Cache-Control", "max-age=60"),
            ("Set-Cookie", "session=s3cr3t"),
        ],
        "",
    );
    let missed = misses(&e, &outcome);
    assert_eq!(
        missed,
        [
            r#"header content-type: expected "application/json", got "text/html""#,
            "header x-request-id: expected to be present, got no such header",
            r#"header cache-control: expected to contain "no-store", got "max-age=60""#,
            r#"header set-cookie: expected to match /^id=/, got "****""#,
        ]
    );
}

#[test]
fn body_contains_schema_and_duration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("user.json"),
        r#"{"type":"object","required":["id"],"properties":{"id":{"type":"integer"}}}"#,
    )
    .unwrap();
    let yaml = concat!(
        "requests:\n  - name: R\n    url: http://x/\n    expect:\n",
        "      body_contains: welcome\n",
        "      body_schema: user.json\n",
        "      max_duration: 100ms\n",
    );
    let c = parse_collection(yaml, &dir.path().join("c.yaml")).expect("loads");
    let Some(Item::Request(r)) = c.items.first() else {
        unreachable!()
    };
    let e = r.expect.clone().unwrap();
    let missed = misses(&e, &answered(200, &[], r#"{"id":"x"}"#));
    assert_eq!(missed.len(), 3, "{missed:?}");
    assert_eq!(
        missed[0],
        r#"body: expected to contain "welcome", got a body without it (10 B)"#
    );
    assert!(
        missed[1].starts_with("body_schema: expected a body matching user.json, got \"/id: "),
        "{}",
        missed[1]
    );
    assert_eq!(missed[2], "duration: expected under 100ms, got 120.0 ms");
    assert!(misses(&e, &answered(200, &[], r#"{"id":1,"msg":"welcome"}"#)).len() == 1);
}

#[test]
fn an_expected_failure_is_met_and_a_response_then_is_the_miss() {
    let e = expect("      fails_with: [timeout, connect]\n");
    let failure = testing::failed("GET", FailureKind::Timeout, Phase::WaitingForResponse);
    assert!(misses(&e, &failure).is_empty());
    assert_eq!(
        misses(&e, &answered(200, &[], "")),
        ["status: expected a failure (timeout) or a failure (connect), got 200"]
    );
    let plain = expect("      status: 200\n");
    assert_eq!(
        misses(&plain, &failure),
        ["status: expected 200, got no response (timeout)"]
    );
}

#[test]
fn captures_read_the_body_and_headers() {
    let r = request(
        "    capture:\n      token: $.access_token\n      n: $.count\n      rid: { header: X-Request-Id }\n      gone: $.nope\n",
    );
    let Outcome::Response(exchange) = answered(
        200,
        &[("x-request-id", "abc")],
        r#"{"access_token":"t0k","count":3}"#,
    ) else {
        unreachable!()
    };
    let got: Vec<(String, Result<String, String>)> = capture(&r.capture, &exchange)
        .into_iter()
        .map(|c| (c.variable, c.value))
        .collect();
    assert_eq!(
        got,
        [
            ("token".to_owned(), Ok("t0k".to_owned())),
            ("n".to_owned(), Ok("3".to_owned())),
            ("rid".to_owned(), Ok("abc".to_owned())),
            ("gone".to_owned(), Err("nothing at that path".to_owned())),
        ]
    );
}

#[test]
fn a_schema_may_refer_to_a_file_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("id.json"), r#"{"type":"integer","minimum":1}"#).unwrap();
    std::fs::write(
        dir.path().join("user.json"),
        r#"{"type":"object","properties":{"id":{"$ref":"id.json"}},"required":["id"]}"#,
    )
    .unwrap();
    let yaml = "requests:\n  - name: R\n    url: http://x/\n    expect:\n      body_schema: user.json\n";
    let c = parse_collection(yaml, &dir.path().join("c.yaml")).expect("the $ref resolves beside the schema");
    let Some(Item::Request(r)) = c.items.first() else {
        unreachable!()
    };
    let e = r.expect.clone().unwrap();
    assert!(misses(&e, &answered(200, &[], r#"{"id":3}"#)).is_empty());
    let missed = misses(&e, &answered(200, &[], r#"{"id":0}"#));
    assert!(
        missed[0].contains("/id: 0 is less than the minimum of 1"),
        "{missed:?}"
    );
}

#[test]
fn a_body_kept_on_disk_is_searched_there_even_across_pieces_and_not_read_as_json() {
    use std::io::Write as _;
    let mut whole = vec![b'.'; 3 * 1024 * 1024];
    // Straddles the first piece's end.
    let at = 1024 * 1024 - 3;
    whole[at..at + 7].copy_from_slice(b"NEEDLE!");
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&whole).unwrap();
    let spilled = crate::http::SpilledBody::new(file.into_temp_path(), whole.len() as u64);
    let Outcome::Response(exchange) = answered(200, &[], "...") else {
        unreachable!()
    };
    let mut exchange = (*exchange).clone();
    exchange.response.spilled = Some(spilled);
    let outcome = Outcome::Response(std::sync::Arc::new(exchange));

    assert!(misses(&expect("      body_contains: NEEDLE!\n"), &outcome).is_empty());
    let missed = misses(&expect("      body_contains: HAY\n"), &outcome);
    assert_eq!(missed.len(), 1);
    assert!(missed[0].contains("3.0 MiB"), "{missed:?}");
    let json = misses(&expect("      body:\n        $.a: 1\n"), &outcome);
    assert!(json[0].contains("too large to hold"), "{json:?}");
}

/// A 3xx passes the default expectation, but not one the transport refused to follow.
#[test]
fn a_redirect_the_transport_refused_misses_the_default_expectation() {
    let to_file = answered(302, &[("Location", "file:///etc/passwd")], "");
    let missed = check(None, Ok(&to_file));
    assert!(!missed[0].met, "{}", missed[0]);
    assert!(missed[0].to_string().contains("not http(s)"), "{}", missed[0]);

    let Outcome::Response(exchange) = answered(301, &[("Location", "http://x/?api_key=k-123456")], "") else {
        unreachable!("answered")
    };
    let mut from_https = (*exchange).clone();
    from_https.request.url = "https://x/".into();
    let downgrade = Outcome::Response(std::sync::Arc::new(from_https));
    let missed = check(None, Ok(&downgrade));
    assert!(!missed[0].met, "{}", missed[0]);
    assert!(
        missed[0].to_string().contains("down to plain http"),
        "{}",
        missed[0]
    );
    assert!(!missed[0].to_string().contains("k-123456"), "{}", missed[0]);

    // Written down, the status is the user's to expect.
    assert!(misses(&expect("      status: 301\n"), &downgrade).is_empty());
    // An ordinary redirect answer still passes.
    assert!(check(None, Ok(&answered(302, &[("Location", "/next")], "")))[0].met);
}
