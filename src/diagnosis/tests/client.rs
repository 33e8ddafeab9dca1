//! 400, 405, 406, 408, 409, 410, 411, 412, 413, 414, 415, 422, 428 and 431.

use super::{Check, Ex, absent, case, check, diag, diag_history, past, run, run_absent};
use crate::diagnosis::Verdict::{Fail, Pass, Unknown};

const URL: &str = "https://api.example.com/v1/users";

#[test]
fn bad_request() {
    run(vec![
        case("malformed json", Ex::post_json(URL, r#"{"name": "Ada",}"#).status(400), "400.body-parses", Fail, "Body is not valid JSON: trailing comma at line 1 column 16"),
        case("single quotes", Ex::post_json(URL, "{'name': 'Ada'}").status(400), "400.body-parses", Fail, "single quotes are not JSON"),
        case("valid json", Ex::post_json(URL, r#"{"name":"Ada"}"#).status(400), "400.body-parses", Pass, "Body is valid JSON (14 bytes)"),
        case("no content type", Ex::new("POST", URL).body(r#"{"a":1}"#).status(400), "400.content-type", Fail, "looks like JSON) sent without Content-Type"),
        case("form type, json body", Ex::new("POST", URL).header("Content-Type", "application/x-www-form-urlencoded").body(r#"{"a":1}"#).status(400), "400.content-type", Fail, "but the body is JSON"),
        case("utf8 charset", Ex::new("POST", URL).header("Content-Type", "application/json; charset=utf8").body(r#"{"a":1}"#).status(400), "400.content-type", Pass, "fits a body that looks like JSON"),
        case("multipart boundary in another case", Ex::new("POST", URL).header("Content-Type", "multipart/form-data; BOUNDARY=x").body("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n").status(400), "400.content-type", Pass, "Content-Type multipart/form-data fits"),
        case("multipart without boundary", Ex::new("POST", URL).header("Content-Type", "multipart/form-data").body("--x\r\n").status(400), "400.content-type", Fail, "has no boundary parameter"),
        case("placeholder in body", Ex::post_json(URL, r#"{"id":"{{user_id}}"}"#).status(400), "400.placeholders", Fail, "body still contains unresolved placeholder {{user_id}}"),
        case(
            "stripe missing param",
            Ex::new("POST", "https://api.stripe.com/v1/charges").header("Content-Type", "application/x-www-form-urlencoded").body("amout=100&currency=eur").status(400)
                .json(r#"{"error":{"type":"invalid_request_error","code":"parameter_missing","param":"amount","message":"Missing required param: amount."}}"#),
            "400.named-fields",
            Fail,
            "closest match \"amout\"",
        ),
        case("plain http to tls port", Ex::get("http://api.example.com:443/").status(400), "400.tls-port", Fail, "which expects TLS"),
        case(
            "bearer invalid_request",
            Ex::get("https://api.example.com/x?access_token=abc").header("Authorization", "Bearer abc").status(400).res("www-authenticate", "Bearer error=\"invalid_request\""),
            "400.bearer-invalid-request",
            Fail,
            "more than one method",
        ),
    ]);
}

#[test]
fn method_not_allowed() {
    run(vec![
        case(
            "allow list",
            Ex::new("DELETE", URL).status(405).res("allow", "GET, POST"),
            "405.allow",
            Fail,
            "Server allows GET, POST; you sent DELETE",
        ),
        case(
            "no allow",
            Ex::new("DELETE", URL).status(405),
            "405.allow",
            Unknown,
            "try OPTIONS",
        ),
        case(
            "empty allow",
            Ex::new("DELETE", URL).status(405).res("allow", ""),
            "405.allow",
            Fail,
            "no method is allowed",
        ),
        case(
            "collection delete",
            Ex::new("DELETE", URL).status(405).res("allow", "GET, POST"),
            "405.collection-vs-item",
            Fail,
            "DELETE sent to collection path /v1/users (no id segment)",
        ),
        case(
            "post to item",
            Ex::post_json("https://api.example.com/v1/users/42", "{}").status(405),
            "405.collection-vs-item",
            Fail,
            "POST sent to item path",
        ),
    ]);
    let mut rewritten = super::hop(
        "POST",
        "http://api.example.com/v1/users",
        301,
        "https://api.example.com/v1/users",
    );
    rewritten.method_changed = true;
    rewritten.body_dropped = true;
    let ex = Ex::get("https://api.example.com/v1/users")
        .status(405)
        .res("allow", "POST")
        .hop(rewritten);
    let list = diag(&ex);
    assert!(check(&list, "405.redirect-rewrite").evidence.contains(
        "hop 1 (301 http://api.example.com/v1/users → https://api.example.com/v1/users) turned it into GET"
    ));
    assert_eq!(check(&list, "C.redirected").verdict, Fail);
}

#[test]
fn not_acceptable_and_timeouts() {
    run(vec![
        case(
            "wildcard",
            Ex::get(URL).status(406),
            "406.accept",
            Pass,
            "includes */*",
        ),
        case(
            "q zero",
            Ex::get(URL)
                .without("accept")
                .header("Accept", "application/json;q=0")
                .status(406),
            "406.q-values",
            Fail,
            "q=0",
        ),
        case(
            "identity refused",
            Ex::get(URL).header("Accept-Encoding", "identity;q=0").status(406),
            "406.other-negotiation",
            Fail,
            "rules out",
        ),
        case(
            "short body",
            Ex::new("POST", URL)
                .header("Content-Length", "100")
                .body("abc")
                .status(408),
            "408.length-match",
            Fail,
            "Content-Length: 100 declared",
        ),
        case(
            "connection close",
            Ex::get(URL).status(408).res("connection", "close"),
            "408.connection-close",
            Pass,
            "a retry will use a new connection",
        ),
    ]);
    let vendor = past(
        &Ex::get(URL)
            .status(200)
            .res("content-type", "application/vnd.api+json"),
        30,
    );
    let ex = Ex::get(URL)
        .without("accept")
        .header("Accept", "text/html")
        .status(406);
    assert_eq!(check(&diag_history(&ex, &[vendor]), "406.accept").verdict, Fail);
}

#[test]
fn conflicts_and_gone() {
    run(vec![
        case(
            "duplicate email",
            Ex::post_json(URL, r#"{"email":"ada@example.com"}"#)
                .status(409)
                .json(r#"{"errors":{"email":["has already been taken"]}}"#),
            "409.duplicate",
            Fail,
            "\"email\" already exists; you sent \"ada@example.com\"",
        ),
        case(
            "sunset",
            Ex::get(URL)
                .status(410)
                .res("sunset", "Sat, 01 Nov 2025 00:00:00 GMT")
                .res(
                    "link",
                    "<https://api.example.com/v2/users>; rel=\"successor-version\"",
                ),
            "410.sunset",
            Fail,
            "successor: https://api.example.com/v2/users",
        ),
        case(
            "empty post",
            Ex::new("POST", URL).status(411),
            "411.empty-post",
            Fail,
            "without \"Content-Length: 0\"",
        ),
        case(
            "chunked",
            Ex::new("POST", URL)
                .header("Transfer-Encoding", "chunked")
                .body("x")
                .status(411),
            "411.chunked",
            Fail,
            "streamed",
        ),
    ]);
    let ok = past(&Ex::post_json(URL, r#"{"a":1}"#).status(201), 5);
    assert_eq!(
        check(
            &diag_history(&Ex::post_json(URL, r#"{"a":1}"#).status(409), &[ok]),
            "409.double-submit"
        )
        .verdict,
        Fail
    );
}

#[test]
fn preconditions() {
    run(vec![
        case(
            "stale etag",
            Ex::new("PUT", URL)
                .header("If-Match", "\"v1\"")
                .status(412)
                .res("etag", "\"v2\""),
            "412.which",
            Fail,
            "current ETag is \"v2\"",
        ),
        case(
            "weak etag",
            Ex::new("PUT", URL).header("If-Match", "W/\"v1\"").status(412),
            "412.weak-etag",
            Fail,
            "can never match",
        ),
        case(
            "unquoted",
            Ex::new("PUT", URL).header("If-Match", "v1").status(412),
            "412.unquoted",
            Fail,
            "not a quoted entity-tag",
        ),
        case(
            "create only",
            Ex::new("PUT", URL)
                .header("If-None-Match", "*")
                .status(412)
                .res("etag", "\"v3\""),
            "412.create-only",
            Fail,
            "the resource exists (ETag \"v3\")",
        ),
        case(
            "not conditional",
            Ex::new("PATCH", URL).status(428),
            "428.conditional-sent",
            Fail,
            "PATCH sent without If-Match",
        ),
        case(
            "conditional",
            Ex::new("PATCH", URL).header("If-Match", "\"v1\"").status(428),
            "428.conditional-sent",
            Pass,
            "If-Match",
        ),
    ]);
    let read = past(&Ex::get(URL).status(200).res("etag", "\"abc\""), 10);
    assert!(
        check(
            &diag_history(&Ex::new("PATCH", URL).status(428), &[read]),
            "428.etag-known"
        )
        .evidence
        .contains("add If-Match: \"abc\"")
    );
}

#[test]
fn sizes() {
    let big = "x".repeat(2_000_000);
    run(vec![
        case(
            "nginx 413",
            Ex::new("POST", URL).body(&big).status(413).res("server", "nginx").res("content-type", "text/html")
                .res_body("<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center></body></html>"),
            "413.size",
            Fail,
            "nginx produced this page",
        ),
        case("stated limit", Ex::new("POST", URL).body(&big).status(413).json(r#"{"message":"Payload exceeds the 1 MB limit"}"#), "413.size", Fail, "server states a 1MB limit"),
        case("long url", Ex::get(&format!("{URL}?q={}", "a".repeat(9000))).status(414), "414.total", Fail, "many servers cap the request line"),
        case("data in query", Ex::get(&format!("{URL}?filter={}", "a".repeat(3000))).status(414), "414.data-in-query", Fail, "send it in a POST body"),
        case("huge cookie", Ex::get(URL).header("Cookie", &"c=1; ".repeat(1000)).status(431), "431.cookie-bloat", Fail, "1000 cookies"),
        case("small headers", Ex::get(URL).status(431), "431.total", Pass, "Request headers total"),
    ]);
}

#[test]
fn unsupported_media_type() {
    let text = Ex::new("POST", URL)
        .header("Content-Type", "text/plain; charset=utf-8")
        .body("name=Ada");
    run(vec![
        case(
            "advertised",
            text.clone().status(415).res("accept-post", "application/json"),
            "415.ct-advertised",
            Fail,
            "Server accepts accept-post: application/json; you sent text/plain; charset=utf-8",
        ),
        case(
            "nothing advertised",
            text.clone().status(415),
            "415.ct-advertised",
            Unknown,
            "lists no accepted types",
        ),
        case(
            "json accepted",
            Ex::post_json(URL, "{}")
                .status(415)
                .res("accept", "application/json"),
            "415.ct-advertised",
            Pass,
            "covers application/json",
        ),
        case(
            "no content type",
            Ex::new("POST", URL).body("{}").status(415),
            "415.ct-present",
            Fail,
            "without Content-Type",
        ),
        case(
            "patch format",
            Ex::new("PATCH", URL)
                .header("Content-Type", "application/json")
                .body("{}")
                .status(415)
                .res("accept-patch", "application/merge-patch+json"),
            "415.patch-format",
            Fail,
            "server wants application/merge-patch+json",
        ),
        case(
            "no boundary",
            Ex::new("POST", URL)
                .header("Content-Type", "multipart/form-data")
                .body("--x\r\n")
                .status(415),
            "415.multipart-boundary",
            Fail,
            "no boundary parameter",
        ),
        case(
            "br refused by q=0",
            Ex::post_json(URL, "{}")
                .header("Content-Encoding", "br")
                .status(415)
                .res("accept-encoding", "br;q=0, gzip"),
            "415.content-encoding",
            Fail,
            "You sent Content-Encoding: br; server accepts br;q=0, gzip",
        ),
        case(
            "boundary parameter in another case",
            Ex::new("POST", URL)
                .header("Content-Type", "multipart/form-data; Boundary=abc")
                .body("--abc\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--abc--\r\n")
                .status(415),
            "415.multipart-boundary",
            Pass,
            "boundary=abc frames the body",
        ),
        case(
            "quoted boundary",
            Ex::new("POST", URL)
                .header("Content-Type", "multipart/form-data; boundary=\"a b\"")
                .body("--a b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--a b--\r\n")
                .status(415),
            "415.multipart-boundary",
            Pass,
            "boundary=a b frames the body",
        ),
        case(
            "gzip refused",
            Ex::post_json(URL, "{}")
                .header("Content-Encoding", "gzip")
                .status(415)
                .res("accept-encoding", "identity"),
            "415.content-encoding",
            Fail,
            "You sent Content-Encoding: gzip",
        ),
    ]);
    run_absent(vec![(
        "utf8 is UTF-8",
        Ex::new("POST", URL)
            .header("Content-Type", "application/json; Charset=\"UTF8\"")
            .body("{}")
            .status(415),
        "415.params",
    )]);
    run_absent(vec![(
        "x-gzip is gzip",
        Ex::post_json(URL, "{}")
            .header("Content-Encoding", "x-gzip")
            .status(415)
            .res("accept-encoding", "gzip"),
        "415.content-encoding",
    )]);
    assert_eq!(
        diag(&text.status(415).res("accept-post", "application/json"))
            .first_failure()
            .map(Check::id),
        Some("415.ct-advertised")
    );
}

#[test]
fn a_json_charset_other_than_utf8_is_reported_once_on_a_415() {
    let ex = Ex::new("POST", URL)
        .header("Content-Type", "application/json; charset=latin1")
        .body(r#"{"a":1}"#)
        .status(415);
    let list = diag(&ex);
    let c = check(&list, "415.params");
    assert_eq!(c.verdict, Fail);
    assert!(
        c.evidence.contains("declares a charset other than UTF-8"),
        "{}",
        c.evidence
    );
    let charset: Vec<&str> = list
        .checks
        .iter()
        .filter(|c| c.evidence.contains("charset other than UTF-8"))
        .map(Check::id)
        .collect();
    assert_eq!(charset, ["415.params"]);
}

#[test]
fn a_json_body_labelled_as_xml_still_fails_415_ct_vs_body() {
    let ex = Ex::new("POST", URL)
        .header("Content-Type", "application/json")
        .body("<a/>")
        .status(415);
    let list = diag(&ex);
    let c = check(&list, "415.ct-vs-body");
    assert_eq!(c.verdict, Fail);
    assert!(
        c.evidence
            .contains("Content-Type is application/json but the body looks like XML")
    );
    assert!(absent(&list, "R.ct-mismatch"));
}

#[test]
fn repeated_headers_on_a_431() {
    run(vec![
        case(
            "singleton twice",
            Ex::get(URL).header("User-Agent", "other/1").status(431),
            "431.duplicates",
            Fail,
            "Header user-agent appears 2 times",
        ),
        case(
            "any header from two layers",
            Ex::get(URL)
                .header("X-Trace", "a")
                .header("x-trace", "b")
                .header("X-Trace", "c")
                .status(431),
            "431.duplicates",
            Fail,
            "Header X-Trace appears 3 times",
        ),
    ]);
    run_absent(vec![(
        "every header once",
        Ex::get(URL).status(431),
        "431.duplicates",
    )]);
    let list = diag(&Ex::get(URL).header("User-Agent", "other/1").status(431));
    assert!(absent(&list, "R.header-duplicates"), "{:#?}", list.checks);
}

#[test]
fn content_length_on_a_408_is_asked_once() {
    let short = Ex::post_json(URL, "{}")
        .header("Content-Length", "10")
        .status(408);
    run(vec![
        case(
            "declared more than sent",
            short.clone(),
            "408.length-match",
            Fail,
            "Content-Length: 10 declared but 2 bytes sent",
        ),
        case(
            "as sent",
            Ex::post_json(URL, "{}").status(408),
            "408.length-match",
            Pass,
            "Content-Length: 2 and 2 bytes sent",
        ),
        case(
            "declared less than sent",
            Ex::post_json(URL, "{}").header("Content-Length", "1").status(408),
            "R.content-length-override",
            Fail,
            "Content-Length 1 but the body is 2 bytes",
        ),
    ]);
    assert!(absent(&diag(&short), "R.content-length-override"));
    run_absent(vec![(
        "fewer declared cannot make the server wait",
        Ex::post_json(URL, "{}").header("Content-Length", "1").status(408),
        "408.length-match",
    )]);
}

#[test]
fn unprocessable() {
    let problem = r#"{"type":"https://example.net/validation","title":"Invalid","status":422,"invalid-params":[{"name":"email","reason":"must be a valid email address"}]}"#;
    run(vec![
        case(
            "bad email",
            Ex::post_json(URL, r#"{"name":"Ada","email":"ada-at-example.com"}"#)
                .status(422)
                .problem(problem),
            "422.fields",
            Fail,
            "Server: \"email\" must be a valid email address. You sent \"ada-at-example.com\" (string).",
        ),
        case(
            "missing name",
            Ex::post_json(URL, r#"{"email":"a@b.co"}"#)
                .status(422)
                .problem(r#"{"invalid-params":[{"name":"name","reason":"is required"}]}"#),
            "422.fields",
            Fail,
            "Your request has no \"name\"",
        ),
        case(
            "wrong type",
            Ex::post_json(URL, r#"{"age":"42"}"#)
                .status(422)
                .problem(r##"{"errors":[{"detail":"must be an integer","pointer":"#/age"}]}"##),
            "422.type",
            Fail,
            "you sent \"42\" (a string)",
        ),
        case(
            "enum",
            Ex::post_json(URL, r#"{"color":"yellow"}"#)
                .status(422)
                .problem(r#"{"errors":[{"detail":"must be one of green, red, blue","pointer":"/color"}]}"#),
            "422.enum",
            Fail,
            "you sent \"yellow\"",
        ),
        case(
            "wrapper",
            Ex::post_json(URL, r#"{"email":"x"}"#).status(422).json(
                r#"{"errors":[{"status":"422","title":"Invalid","source":{"pointer":"/user/email"}}]}"#,
            ),
            "422.wrapper",
            Fail,
            "expects a different wrapper",
        ),
        case(
            "naming style",
            Ex::post_json(URL, r#"{"firstName":"Ada"}"#)
                .status(422)
                .json(r#"{"errors":{"first_name":["can't be blank"]}}"#),
            "422.naming-style",
            Fail,
            "request has \"firstName\"",
        ),
        case(
            "no fields named",
            Ex::post_json(URL, "{}")
                .status(422)
                .json(r#"{"message":"Unprocessable"}"#),
            "422.fields",
            Unknown,
            "names no fields",
        ),
    ]);
    run_absent(vec![(
        "valid types",
        Ex::post_json(URL, r#"{"age":42}"#)
            .status(422)
            .problem(r##"{"errors":[{"detail":"must be less than 40","pointer":"#/age"}]}"##),
        "422.type",
    )]);
}
