//! 500, 501, 502 and 504.

use std::time::Duration;

use super::{Check, Ex, HistoryEntry, case, check, diag, diag_history, past, run, run_absent};
use crate::diagnosis::Verdict::{Fail, Pass, Unknown};

const URL: &str = "https://api.example.com/v1/report";

#[test]
fn internal_error() {
    run(vec![
        case(
            "app error with id",
            Ex::get(URL)
                .status(500)
                .res("x-request-id", "err_5eed")
                .json(r#"{"error":"internal_error","message":"Unexpected error","error_id":"err_5eed"}"#),
            "500.server-fault",
            Fail,
            "The API itself answered 500: \"Unexpected error\", error id err_5eed",
        ),
        case(
            "python traceback",
            Ex::post_json(URL, r#"{"amount": 5}"#)
                .status(500)
                .res("content-type", "text/plain")
                .res_body("Traceback (most recent call last):\n  File \"x.py\"\nKeyError: 'amount'"),
            "500.exception-leak",
            Fail,
            "mentions \"amount\"",
        ),
        case(
            "no earlier success",
            Ex::get(URL).status(500),
            "500.diff-last-success",
            Unknown,
            "No earlier success",
        ),
        case(
            "huge number",
            Ex::post_json(URL, r#"{"amount": 1e21}"#).status(500),
            "500.input-oddities",
            Fail,
            "\"amount\" is 1e+21",
        ),
        case(
            "json without content type",
            Ex::new("POST", URL).body("{}").status(500),
            "500.content-type",
            Fail,
            "JSON body sent without Content-Type",
        ),
    ]);
    run_absent(vec![(
        "gateway page is not the app",
        Ex::get(URL)
            .status(500)
            .res("server", "cloudflare")
            .res("cf-ray", "1-AMS")
            .res("content-type", "text/html")
            .res_body("<title>Error 500</title>"),
        "500.server-fault",
    )]);
}

#[test]
fn last_success_diff_names_the_changed_fields() {
    let ok = past(
        &Ex::post_json(URL, r#"{"amount":5,"currency":"eur"}"#).status(201),
        60,
    );
    let list = diag_history(
        &Ex::post_json(URL, r#"{"amount":5,"currency":"EUR","note":"x"}"#).status(500),
        &[ok],
    );
    let c = check(&list, "500.diff-last-success");
    assert_eq!(c.verdict, Fail);
    assert!(
        c.evidence.contains("differs in: body fields currency, note"),
        "{}",
        c.evidence
    );
}

#[test]
fn host_wide_incidents() {
    let history: Vec<_> = (1..=4)
        .map(|i| past(&Ex::get("https://api.example.com/other").status(502), i * 10))
        .collect();
    let list = diag_history(&Ex::get(URL).status(500), &history);
    assert_eq!(check(&list, "500.host-wide").verdict, Fail);
    let history: Vec<_> = (1..=4)
        .map(|i| past(&Ex::get("https://api.example.com/other").status(200), i * 10))
        .collect();
    let list = diag_history(&Ex::get(URL).status(500), &history);
    let c = check(&list, "500.host-wide");
    assert_eq!(c.verdict, Pass);
    assert!(
        c.evidence.contains("Only 1 of the last 5 requests"),
        "{}",
        c.evidence
    );
}

#[test]
fn not_implemented() {
    run(vec![
        case(
            "lowercase method",
            Ex::new("get", URL).status(501),
            "501.method-name",
            Fail,
            "methods are case-sensitive; did you mean GET?",
        ),
        case(
            "typo method",
            Ex::new("PTACH", URL).status(501),
            "501.method-name",
            Fail,
            "did you mean PATCH?",
        ),
        case(
            "standard method",
            Ex::new("PATCH", URL).status(501).res("allow", "GET"),
            "501.method-name",
            Pass,
            "standard method",
        ),
        case(
            "patch",
            Ex::new("PATCH", URL).status(501).res("allow", "GET"),
            "501.patch",
            Fail,
            "does not implement PATCH (Allow: GET)",
        ),
        case(
            "chunked",
            Ex::new("POST", URL)
                .header("Transfer-Encoding", "chunked")
                .status(501),
            "501.transfer-encoding",
            Fail,
            "Transfer-Encoding: chunked",
        ),
    ]);
}

fn gateway(status: u16) -> Ex {
    let title = if status == 502 {
        "502 Bad Gateway"
    } else {
        "504 Gateway Time-out"
    };
    Ex::get(URL)
        .status(status)
        .res("server", "demo-gateway/1.0")
        .res("via", "1.1 demo-gateway")
        .res("content-type", "text/html")
        .res_body(&format!("<html><head><title>{title}</title></head><body><center><h1>{title}</h1></center><hr><center>demo-gateway</center></body></html>"))
}

/// Who answered is said once: when 502.who names the gateway, C.generator does not repeat
/// the same evidence.
#[test]
fn who_answered_is_said_once() {
    for status in [502, 504] {
        let list = diag(&gateway(status));
        let naming: Vec<&str> = list
            .checks
            .iter()
            .filter(|c| c.evidence.contains("Generated by demo-gateway"))
            .map(Check::id)
            .collect();
        assert_eq!(naming, [format!("{status}.who")], "{list:#?}");
    }
}

#[test]
fn bad_gateway() {
    run(vec![
        case(
            "named gateway",
            gateway(502),
            "502.who",
            Fail,
            "Generated by demo-gateway",
        ),
        case(
            "no gateway signals",
            Ex::get(URL).status(502).json("{}"),
            "502.who",
            Unknown,
            "No gateway signature",
        ),
        case(
            "fast",
            gateway(502).elapsed(Duration::from_millis(20)),
            "502.fast-fail",
            Fail,
            "refused at once",
        ),
        case(
            "cloudflare 522",
            Ex::get(URL)
                .status(502)
                .res("server", "cloudflare")
                .res("cf-ray", "8a-AMS")
                .res("content-type", "text/html")
                .res_body("<title>example.com | 522: Connection timed out</title> Error code 522"),
            "502.cdn-code",
            Fail,
            "Cloudflare 522",
        ),
        case(
            "post may be applied",
            Ex::post_json(URL, "{}").status(502),
            "502.maybe-processed",
            Fail,
            "may have processed this POST",
        ),
    ]);
    run_absent(vec![("GET is idempotent", gateway(502), "502.maybe-processed")]);
    assert_eq!(
        diag(&gateway(502)).first_failure().map(Check::id),
        Some("502.who")
    );
}

#[test]
fn gateway_timeout() {
    run(vec![
        case(
            "aws 29 s",
            gateway(504).elapsed(Duration::from_millis(29_050)),
            "504.elapsed-limit",
            Fail,
            "AWS API Gateway's default 29 s",
        ),
        case(
            "no known limit",
            gateway(504).elapsed(Duration::from_millis(1500)),
            "504.elapsed-limit",
            Pass,
            "matches no common gateway limit",
        ),
        case(
            "expensive query",
            Ex::get("https://api.example.com/v1/items?limit=5000").status(504),
            "504.cost",
            Fail,
            "limit=5000",
        ),
        case(
            "named gateway",
            gateway(504).elapsed(Duration::from_millis(1500)),
            "504.who",
            Fail,
            "gave up waiting for the upstream after 1.5 s",
        ),
    ]);
}

/// Four earlier answers from another endpoint of the same host, 10 to 40 s ago.
fn host_history(status: u16) -> Vec<HistoryEntry> {
    (1..=4)
        .map(|i| past(&Ex::get("https://api.example.com/other").status(status), i * 10))
        .collect()
}

#[test]
fn host_wide_for_every_gateway_status() {
    let mut cases = Vec::new();
    for (status, id) in [
        (502, "502.host-wide"),
        (503, "503.host-wide"),
        (504, "504.host-wide"),
    ] {
        for (name, others, verdict, evidence) in [
            (
                "the host is failing",
                503,
                Fail,
                "5 of the last 5 requests to api.example.com failed with 5xx or no answer",
            ),
            (
                "the rest of the host works",
                200,
                Pass,
                "Only 1 of the last 5 requests to api.example.com failed",
            ),
        ] {
            cases.push(
                case(name, Ex::get(URL).status(status), id, verdict, evidence).after(host_history(others)),
            );
        }
    }
    run(cases);
    let other_host = vec![past(&Ex::get("https://status.example.org/").status(200), 10)];
    let stale: Vec<_> = host_history(503)
        .into_iter()
        .map(|mut h| {
            h.at -= Duration::from_secs(600);
            h
        })
        .collect();
    for id in ["502.host-wide", "503.host-wide", "504.host-wide"] {
        let status = id[..3].parse().unwrap();
        for (why, history) in [("another host", &other_host), ("over five minutes ago", &stale)] {
            let list = diag_history(&Ex::get(URL).status(status), history);
            assert!(
                super::absent(&list, id),
                "{id} with history from {why}: {:?}",
                check(&list, id)
            );
        }
    }
}

#[test]
fn gateway_timeout_on_an_unsafe_method() {
    run(vec![case(
        "post may be applied",
        Ex::post_json(URL, "{}").status(504),
        "504.maybe-processed",
        Fail,
        "may have processed this POST before failing",
    )]);
    run_absent(vec![
        ("GET is idempotent", gateway(504), "504.maybe-processed"),
        (
            "PUT is idempotent",
            Ex::new("PUT", URL).body("{}").status(504),
            "504.maybe-processed",
        ),
    ]);
}

#[test]
fn not_implemented_by_an_intermediary() {
    let nginx = Ex::new("PROPFIND", URL)
        .status(501)
        .res("server", "nginx")
        .res("content-type", "text/html")
        .res_body("<html><head><title>501 Not Implemented</title></head><body><center><h1>501 Not Implemented</h1></center><hr><center>nginx</center></body></html>");
    run(vec![case(
        "nginx page",
        nginx,
        "501.generator",
        Fail,
        "nginx rejected method PROPFIND",
    )]);
    run_absent(vec![(
        "the API's own JSON",
        Ex::new("PROPFIND", URL)
            .status(501)
            .json(r#"{"error":"not_implemented"}"#),
        "501.generator",
    )]);
}

#[test]
fn input_oddities_are_named_by_their_path() {
    let posted = |body: &str| Ex::post_json(URL, body).status(500);
    let long = format!(r#"{{"note":"{}"}}"#, "x".repeat(10_001));
    run(vec![
        case(
            "empty id deep down",
            posted(r#"{"items":[{"sku":"a"},{"id":""}]}"#),
            "500.input-oddities",
            Fail,
            "\"items[1].id\" is an empty string for an id",
        ),
        case(
            "null in an array",
            posted(r#"{"tags":["a",null]}"#),
            "500.input-oddities",
            Fail,
            "\"tags\" contains null",
        ),
        case(
            "huge string",
            posted(&long),
            "500.input-oddities",
            Fail,
            "\"note\" is a 10001-character string",
        ),
        case(
            "the body itself",
            posted("[1e300]"),
            "500.input-oddities",
            Fail,
            "\"[0]\" is 1e+300",
        ),
    ]);
    run_absent(vec![(
        "ordinary values",
        posted(r#"{"items":[{"id":"7"}],"note":"hi"}"#),
        "500.input-oddities",
    )]);
}

/// A leaked traceback is quoted by its exception line, which says what went wrong.
#[test]
fn a_leaked_exception_is_quoted_by_its_message() {
    let ex = Ex::post_json("https://api.example.com/api/orders", "{}")
        .status(500)
        .res("content-type", "text/plain")
        .res_body("Traceback (most recent call last):\n  File \"/app/x.py\", line 1, in f\nRuntimeError: You called this URL via POST, but the URL doesn't end in a slash and you have APPEND_SLASH set.\n");
    let list = diag(&ex);
    let c = check(&list, "500.exception-leak");
    assert!(
        c.evidence.contains("RuntimeError: You called this URL via POST"),
        "{}",
        c.evidence
    );
}

/// SOAP 1.1 answers every fault with 500; a `Client` fault code puts it with the request,
/// so the server's stated reason leads, not "the failure is on the server side".
#[test]
fn a_soap_client_fault_in_a_500_is_the_requests_fault() {
    let ex = Ex::post_json("https://ws.example.com/soap", "{}")
        .status(500)
        .res("content-type", "text/xml; charset=utf-8")
        .res_body(r#"<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body><soap-env:Fault><faultcode>soap-env:Client.InvalidSecurityToken</faultcode><faultstring>Invalid or Expired binary security token</faultstring><detail><StackTrace>com.example.AuthenticationException: errors.session.INVALID</StackTrace></detail></soap-env:Fault></soap-env:Body></soap-env:Envelope>"#);
    let list = diag(&ex);
    assert_eq!(list.first_failure().map(Check::id), Some("C.stated-reason"));
    assert_eq!(check(&list, "500.server-fault").verdict, Pass);
    let server = diag(&ex.clone().res_body(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Database unavailable</faultstring></soap:Fault></soap:Body></soap:Envelope>"#,
    ));
    assert_eq!(check(&server, "500.server-fault").verdict, Fail);
}

/// Varnish's synthetic "Backend fetch failed" page is a gateway without a backend, and that
/// outage, not the wait it asks for, leads.
#[test]
fn a_cache_without_its_backend_leads_before_the_wait_it_asks_for() {
    let ex = Ex::get(URL)
        .status(503)
        .res("server", "Varnish")
        .res("x-varnish", "98765")
        .res("retry-after", "5")
        .res("content-type", "text/html; charset=utf-8")
        .res_body("<!DOCTYPE html><html><head><title>503 Backend fetch failed</title></head><body><h1>Error 503 Backend fetch failed</h1><p>Backend fetch failed</p><h3>Guru Meditation:</h3><p>XID: 98765</p></body></html>");
    let list = diag(&ex);
    assert_eq!(list.first_failure().map(Check::id), Some("503.no-upstream"));
    assert!(
        check(&list, "503.retry-after")
            .evidence
            .contains("because ✘ The gateway has a healthy backend")
    );
}
