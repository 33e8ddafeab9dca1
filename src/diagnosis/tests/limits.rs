//! Size and framing limits beyond the basics in `client.rs`: header sizes on a 400, Expect on
//! a 408, HTTP/1.0 hops on a 411, who enforces a 413 and why the body is big, repeated
//! parameters and growing redirects on a 414, and what a 431 names.

use super::{Ex, case, redirected, run, run_absent};
use crate::diagnosis::Verdict::{Fail, Pass, Unknown};

const URL: &str = "https://api.example.com/v1/items";

#[test]
fn header_size_on_a_400() {
    run(vec![
        case(
            "one header over 8 KiB",
            Ex::get(URL).header("X-Trace", &"a".repeat(9000)).status(400),
            "400.header-size",
            Fail,
            "Largest header X-Trace is 8.8 KiB (9011 bytes)",
        ),
        case(
            "nginx says so",
            Ex::get(URL)
                .status(400)
                .res("content-type", "text/html")
                .res_body("<title>400 Request Header Or Cookie Too Large</title>"),
            "400.header-size",
            Fail,
            "nginx rejects any single header line above 8 KiB",
        ),
        case(
            "small headers",
            Ex::get(URL).status(400),
            "400.header-size",
            Pass,
            "the largest (user-agent) is 27 bytes",
        ),
    ]);
    run_absent(vec![(
        "between 4 and 8 KiB: cannot say either way",
        Ex::get(URL).header("X-Trace", &"a".repeat(5000)).status(400),
        "400.header-size",
    )]);
}

#[test]
fn expect_continue_on_a_408() {
    let put = || Ex::new("PUT", URL).body("{}").status(408);
    run(vec![case(
        "waited for 100 Continue",
        put().header("Expect", "100-continue"),
        "408.expect-continue",
        Fail,
        "Request sent Expect: 100-continue",
    )]);
    run_absent(vec![
        ("no Expect", put(), "408.expect-continue"),
        (
            "another expectation",
            put().header("Expect", "something-else"),
            "408.expect-continue",
        ),
    ]);
}

#[test]
fn http10_hop_on_a_411() {
    let chunked = || {
        Ex::new("POST", URL)
            .header("Transfer-Encoding", "chunked")
            .status(411)
    };
    run(vec![
        case(
            "Via names a 1.0 hop",
            chunked().res("via", "1.0 squid"),
            "411.http10-hop",
            Fail,
            "An HTTP/1.0 hop (Via: 1.0 squid) cannot accept chunked bodies",
        ),
        case(
            "the response came back in HTTP/1.0",
            chunked().version("HTTP/1.0"),
            "411.http10-hop",
            Fail,
            "An HTTP/1.0 hop (response version HTTP/1.0) cannot accept chunked bodies",
        ),
    ]);
    run_absent(vec![
        (
            "every hop is 1.1",
            chunked().res("via", "1.1 varnish"),
            "411.http10-hop",
        ),
        ("no Via", chunked(), "411.http10-hop"),
    ]);
}

fn nginx_413() -> Ex {
    Ex::new("POST", URL)
        .body(&"x".repeat(2_000_000))
        .status(413)
        .res("server", "nginx")
        .res("content-type", "text/html")
        .res_body("<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center></body></html>")
}

#[test]
fn who_enforces_a_413_and_what_made_the_body_big() {
    let blob = "QUJD".repeat(300);
    run(vec![
        case(
            "nginx page",
            nginx_413(),
            "413.generator",
            Fail,
            "Limit enforced by nginx",
        ),
        case(
            "base64 blob",
            Ex::post_json(URL, &format!(r#"{{"name":"scan.png","data":"{blob}"}}"#)).status(413),
            "413.encoding-overhead",
            Fail,
            "97% of the body is base64",
        ),
    ]);
    run_absent(vec![
        (
            "the API's own error",
            Ex::post_json(URL, "{}")
                .status(413)
                .json(r#"{"error":"too_large"}"#),
            "413.generator",
        ),
        (
            "short strings are not blobs",
            Ex::post_json(URL, r#"{"name":"scan.png","data":"QUJD"}"#).status(413),
            "413.encoding-overhead",
        ),
        (
            "a blob that is under half the body",
            Ex::post_json(
                URL,
                &format!(
                    r#"{{"data":"{}","note":"{}"}}"#,
                    "QUJD".repeat(100),
                    "a b ".repeat(200)
                ),
            )
            .status(413),
            "413.encoding-overhead",
        ),
    ]);
}

#[test]
fn repeats_and_redirects_on_a_414() {
    let repeated = |n: usize| {
        let query: Vec<String> = (0..n).map(|i| format!("id={i}")).collect();
        Ex::get(&format!("{URL}?{}", query.join("&"))).status(414)
    };
    let (start, login) = ("https://x.test/a", "https://x.test/login?next=%2Fa");
    let nested = "https://x.test/login?next=%2Flogin%3Fnext%3D%252Fa";
    let growing = redirected(&[start, login, nested], 302, Ex::get(nested).status(414));
    let not_growing = redirected(
        &[start, login, "https://x.test/b"],
        302,
        Ex::get("https://x.test/b").status(414),
    );
    run(vec![
        case(
            "20 repeats",
            repeated(20),
            "414.duplicate-params",
            Fail,
            "Param \"id\" repeated 20 times",
        ),
        case(
            "nested next",
            growing,
            "414.redirect-growth",
            Fail,
            "URL grew 16 → 50 bytes over 2 redirects",
        ),
    ]);
    run_absent(vec![
        ("19 repeats", repeated(19), "414.duplicate-params"),
        ("the URL shrank", not_growing, "414.redirect-growth"),
        ("no redirects", Ex::get(URL).status(414), "414.redirect-growth"),
    ]);
}

#[test]
fn token_and_named_header_on_a_431() {
    let token = format!("Bearer {}", "a".repeat(5000));
    run(vec![
        case(
            "huge token",
            Ex::get(URL).header("Authorization", &token).status(431),
            "431.token-size",
            Fail,
            "Authorization is 4.9 KiB (5007 bytes)",
        ),
        case(
            "server names the header",
            Ex::get(URL)
                .header("Cookie", "a=1")
                .status(431)
                .res_body("Request header field Cookie is too large"),
            "431.named",
            Unknown,
            "Server names Cookie as too large",
        ),
        case(
            "named in another case than sent",
            Ex::get(URL)
                .header("x-forwarded-for", "10.0.0.1")
                .status(431)
                .res_body("Header X-Forwarded-For exceeds the limit"),
            "431.named",
            Unknown,
            "Server names x-forwarded-for as too large",
        ),
    ]);
    run_absent(vec![
        (
            "small token",
            Ex::get(URL).header("Authorization", "Bearer abc").status(431),
            "431.token-size",
        ),
        (
            "no header named",
            Ex::get(URL)
                .status(431)
                .res_body("Request Header Fields Too Large"),
            "431.named",
        ),
        (
            "a header name inside a word",
            Ex::get(URL).status(431).res_body("Too large for localhost"),
            "431.named",
        ),
    ]);
}
