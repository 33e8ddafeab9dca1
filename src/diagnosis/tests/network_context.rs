//! Failures without a status, continued: the checks that read more than the error (a proxy,
//! earlier exchanges, the request as written, the addresses tried, the hops), and the
//! fallbacks when nothing more specific matched.

use std::net::SocketAddr;
use std::time::Duration;

use super::{Ex, case, check, diag_written, hop, past, redirected, run, run_absent};
use crate::diagnosis::Verdict::{Fail, Unknown};
use crate::http::{FailureKind, Phase};

fn failed(url: &str, kind: FailureKind, phase: Phase, message: &str) -> Ex {
    Ex::get(url).fail(kind, phase, message)
}

fn dns(url: &str) -> Ex {
    failed(url, FailureKind::Dns, Phase::Connect, "dns error").chain(&[
        "dns error",
        "failed to lookup address information: Name or service not known",
    ])
}

fn addrs(list: &[&str]) -> Vec<SocketAddr> {
    list.iter().map(|a| a.parse().unwrap()).collect()
}

#[test]
fn invalid_url_fallbacks() {
    let build = |message: &str| failed("http://x.test/", FailureKind::InvalidUrl, Phase::Build, message);
    run(vec![
        case(
            "header name",
            build("header name `X Token` is not a valid token"),
            "url.header-name",
            Fail,
            "`X Token` is not a valid token",
        ),
        case(
            "nothing more specific",
            build("builder error: URL scheme is not allowed"),
            "url.invalid",
            Fail,
            "URL scheme is not allowed",
        ),
    ]);
    run_absent(vec![
        (
            "a specific URL check explains it",
            failed("htps://x.test/", FailureKind::InvalidUrl, Phase::Build, "bad"),
            "url.invalid",
        ),
        (
            "a value, not a name",
            build("the value of header `X-Token` contains a line break"),
            "url.header-name",
        ),
    ]);
}

#[test]
fn dns_context() {
    let offline = (1..=2)
        .map(|i| past(&dns(&format!("https://host{i}.example.org/")), i * 10))
        .collect();
    let online = vec![
        past(&dns("https://host1.example.org/"), 10),
        past(&Ex::get("https://other.example.org/").status(200), 20),
    ];
    run(vec![
        case(
            "every recent lookup failed",
            dns("https://api.example.com/"),
            "dns.offline",
            Fail,
            "No host resolved in the last minute (3 attempts)",
        )
        .after(offline),
        case(
            "another host resolved",
            dns("https://api.example.com/"),
            "dns.offline",
            crate::diagnosis::Verdict::Pass,
            "Other hosts resolved in the last minute",
        )
        .after(online),
        case(
            "proxy configured",
            dns("https://api.example.com/").proxied(),
            "dns.proxy",
            Fail,
            "Requests go via http://proxy.corp:3128 (from HTTPS_PROXY)",
        ),
    ]);
    run_absent(vec![
        (
            "one earlier failure is not a pattern",
            dns("https://api.example.com/"),
            "dns.offline",
        ),
        ("no proxy", dns("https://api.example.com/"), "dns.proxy"),
    ]);
    let stale = vec![
        past(&dns("https://host1.example.org/"), 120),
        past(&dns("https://host2.example.org/"), 130),
    ];
    let list = super::diag_history(&dns("https://api.example.com/"), &stale);
    assert!(
        super::absent(&list, "dns.offline"),
        "failures over a minute old: {:?}",
        list.checks
    );
}

#[test]
fn dns_names_the_variable_the_host_came_from() {
    let yaml = "variables: { base: https://api.exampel.com }\nenvironments: { staging: { base: https://staging.exampel.com } }\nrequests:\n  - { name: Users, url: \"{{ base }}/v1/users\" }\n";
    let ex = dns("https://staging.exampel.com/v1/users");
    let list = diag_written(&ex, yaml, "Users", Some("staging"));
    let c = check(&list, "dns.from-variable");
    assert_eq!(c.verdict, Unknown);
    assert!(
        c.evidence
            .contains("{{ base }} in environment \"staging\" = \"https://staging.exampel.com\""),
        "{}",
        c.evidence
    );
    run_absent(vec![("no request as written", ex, "dns.from-variable")]);
}

#[test]
fn refused_by_the_proxy() {
    let refused = |ex: Ex| ex.fail(FailureKind::Connect, Phase::Connect, "connection refused");
    run(vec![case(
        "proxy configured",
        refused(Ex::get("http://api.example.com/").proxied()),
        "refused.proxy",
        Fail,
        "The proxy http://proxy.corp:3128 (from HTTP_PROXY) refused the connection",
    )]);
    run_absent(vec![(
        "direct connection",
        refused(Ex::get("http://api.example.com/")),
        "refused.proxy",
    )]);
}

#[test]
fn resets_by_size_and_port() {
    let big = "x".repeat(1_500_000);
    run(vec![
        case(
            "large upload",
            Ex::new("POST", "https://api.example.com/upload").body(&big).fail(
                FailureKind::Reset,
                Phase::WaitingForResponse,
                "connection reset",
            ),
            "reset.upload-size",
            Fail,
            "Reset while sending a 1.4 MiB (1500000 bytes) body",
        ),
        case(
            "TLS to a custom port",
            failed(
                "https://api.example.com:8080/",
                FailureKind::Reset,
                Phase::Connect,
                "connection reset",
            ),
            "reset.tls-to-plain",
            Fail,
            "Reset during the TLS handshake on port 8080",
        ),
    ]);
    run_absent(vec![
        (
            "small upload",
            Ex::new("POST", "https://api.example.com/upload").body("{}").fail(
                FailureKind::Reset,
                Phase::WaitingForResponse,
                "connection reset",
            ),
            "reset.upload-size",
        ),
        (
            "the TLS port",
            failed(
                "https://api.example.com/",
                FailureKind::Reset,
                Phase::Connect,
                "connection reset",
            ),
            "reset.tls-to-plain",
        ),
        (
            "plain http",
            failed(
                "http://api.example.com:8080/",
                FailureKind::Reset,
                Phase::Connect,
                "connection reset",
            ),
            "reset.tls-to-plain",
        ),
    ]);
}

#[test]
fn tls_fallback_and_proxy() {
    let tls = |ex: Ex, chain: &str| {
        ex.fail(FailureKind::Tls, Phase::Connect, "TLS handshake failed")
            .chain(&["error sending request", chain])
    };
    let issuer = "invalid peer certificate: UnknownIssuer";
    run(vec![
        case(
            "unrecognised TLS error",
            tls(Ex::get("https://api.example.com/"), "HandshakeFailure"),
            "tls.handshake",
            Fail,
            "TLS with api.example.com failed: TLS handshake failed",
        ),
        case(
            "unknown issuer behind a proxy",
            tls(Ex::get("https://api.example.com/").proxied(), issuer),
            "tls.proxy-mitm",
            Fail,
            "Traffic goes via http://proxy.corp:3128",
        ),
    ]);
    run_absent(vec![
        (
            "no proxy",
            tls(Ex::get("https://api.example.com/"), issuer),
            "tls.proxy-mitm",
        ),
        (
            "proxy, but the name is wrong",
            tls(
                Ex::get("https://api.example.com/").proxied(),
                "invalid peer certificate: NotValidForName",
            ),
            "tls.proxy-mitm",
        ),
        (
            "a known cause",
            tls(Ex::get("https://api.example.com/"), issuer),
            "tls.handshake",
        ),
    ]);
}

#[test]
fn timeouts_by_phase_and_family() {
    let mut stuck = failed(
        "https://api.example.com/",
        FailureKind::Timeout,
        Phase::Connect,
        "timed out",
    );
    stuck.limit = Some(Duration::from_secs(10));
    stuck.resolved = addrs(&["[2001:db8::1]:443", "192.0.2.1:443"]);
    let mut v4_first = stuck.clone();
    v4_first.resolved.reverse();
    let mut only_v6 = stuck.clone();
    only_v6.resolved.truncate(1);
    let mut body = failed(
        "https://api.example.com/big",
        FailureKind::Timeout,
        Phase::ReadingBody,
        "timed out",
    );
    body.limit = Some(Duration::from_secs(30));
    run(vec![
        case(
            "IPv6 first",
            stuck,
            "timeout.ipv6",
            Fail,
            "Stuck on IPv6 2001:db8::1; IPv4 192.0.2.1 was not reached",
        ),
        case(
            "body still streaming",
            body,
            "timeout.body",
            Fail,
            "the body was still streaming when 30 s ran out",
        ),
    ]);
    run_absent(vec![
        ("IPv4 first", v4_first, "timeout.ipv6"),
        ("no IPv4 to fall back to", only_v6, "timeout.ipv6"),
    ]);
}

#[test]
fn redirect_cookie_and_slash() {
    let looping = || {
        failed(
            "http://x.test/a",
            FailureKind::RedirectLoop,
            Phase::WaitingForResponse,
            "too many redirects",
        )
    };
    let with_cookie = |from: &str, to: &str| {
        let mut h = hop("GET", from, 302, to);
        h.response
            .headers
            .push(("set-cookie".into(), "session=abc; Path=/".into()));
        h
    };
    let cookies = looping()
        .hop(with_cookie("http://x.test/a", "http://x.test/b"))
        .hop(with_cookie("http://x.test/b", "http://x.test/a"));
    let one_cookie = looping()
        .hop(with_cookie("http://x.test/a", "http://x.test/b"))
        .hop(hop("GET", "http://x.test/b", 302, "http://x.test/a"));
    let (a, a_slash) = ("http://x.test/a", "http://x.test/a/");
    let slashes = redirected(&[a, a_slash, a, a_slash], 301, looping());
    let settles = redirected(&[a, a_slash, "http://x.test/b/", a], 301, looping());
    run(vec![
        case(
            "every hop sets a cookie",
            cookies,
            "redirect.cookie",
            Fail,
            "Each hop sets cookie \"session\"",
        ),
        case(
            "trailing slash ping-pong",
            slashes,
            "redirect.slash-pingpong",
            Fail,
            "Alternates /a ↔ /a/",
        ),
    ]);
    run_absent(vec![
        ("one hop without a cookie", one_cookie, "redirect.cookie"),
        ("the slash does not alternate", settles, "redirect.slash-pingpong"),
    ]);
}

#[test]
fn unclassified_failures_quote_the_raw_error() {
    run(vec![
        case(
            "other",
            failed(
                "https://api.example.com/",
                FailureKind::Other,
                Phase::WaitingForResponse,
                "boom",
            )
            .chain(&["error sending request", "hyper: unexpected end of file"]),
            "other.chain",
            Unknown,
            "Raw error: error sending request → hyper: unexpected end of file",
        ),
        case(
            "no error behind it",
            failed(
                "https://api.example.com/",
                FailureKind::Other,
                Phase::ReadingBody,
                "the body could not be decoded as gzip: invalid header",
            ),
            "other.chain",
            Unknown,
            "Raw error: the body could not be decoded as gzip: invalid header",
        ),
    ]);
}
