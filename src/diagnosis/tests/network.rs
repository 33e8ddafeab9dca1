//! Failures without a status: invalid URLs, DNS, refused, reset, TLS, timeouts, redirects,
//! bodies over the limit.

use std::net::SocketAddr;
use std::time::Duration;

use super::{Ex, case, check, diag, diag_history, hop, past, run};
use crate::diagnosis::Verdict::{Fail, Pass, Unknown};
use crate::http::{FailureKind, Phase};

fn failed(url: &str, kind: FailureKind, phase: Phase, message: &str) -> Ex {
    Ex::get(url).fail(kind, phase, message)
}

/// Nothing went out: lints about the wire have nothing to say.
#[test]
fn a_request_that_never_left_gets_no_wire_lints() {
    let invalid = failed(
        "localhost:8899/items",
        FailureKind::InvalidUrl,
        Phase::Build,
        "bad",
    );
    let dns = failed(
        "http://api.corp.example/v1",
        FailureKind::Dns,
        Phase::Connect,
        "dns error: failed to lookup address information: Name or service not known",
    )
    .header("Authorization", "Bearer abc");
    // The same request answered does get them: the test is not vacuous.
    let answered = Ex::get("http://api.corp.example/v1")
        .header("Authorization", "Bearer abc")
        .status(500);
    let list = diag(&answered);
    assert!(
        list.checks.iter().any(|c| c.id() == "R.http-vs-https"),
        "{list:#?}"
    );
    for ex in [invalid, dns] {
        let list = diag(&ex);
        for id in ["R.user-agent", "R.http-vs-https"] {
            assert!(list.checks.iter().all(|c| c.id() != id), "{id} in {list:#?}");
        }
    }
}

#[test]
fn invalid_urls() {
    let invalid = |url: &str| failed(url, FailureKind::InvalidUrl, Phase::Build, "not a valid URL");
    run(vec![
        case(
            "no scheme",
            invalid("api.example.com/v1"),
            "url.scheme",
            Fail,
            "URL has no scheme",
        ),
        case(
            "no scheme, a public host",
            invalid("api.example.com/v1"),
            "url.scheme",
            Fail,
            "read as a relative path; add https://",
        ),
        case(
            "no scheme, a local host and port read as the scheme",
            failed(
                "localhost:8899/items",
                FailureKind::InvalidUrl,
                Phase::Build,
                "`localhost:8899/items` uses the scheme `localhost:`; only http and https are supported",
            ),
            "url.scheme",
            Fail,
            "in \"localhost:8899/items\" \"localhost:\" was read as its scheme; add http://",
        ),
        case(
            "typo scheme",
            invalid("htps://api.example.com/"),
            "url.scheme",
            Fail,
            "typo for https:",
        ),
        case(
            "doubled scheme",
            invalid("https://https://api.example.com/"),
            "url.scheme",
            Fail,
            "doubled",
        ),
        case(
            "placeholder host",
            invalid("http://{{base_url}}/v1"),
            "url.placeholder-host",
            Fail,
            "{{base_url}}",
        ),
        case(
            "bad port",
            invalid("http://api.example.com:99999/"),
            "url.port",
            Fail,
            "Port \"99999\"",
        ),
        case(
            "space in host",
            invalid("http://api example.com/"),
            "url.host-chars",
            Fail,
            "contains a space",
        ),
        case(
            "bare ipv6",
            invalid("http://::1:8080/"),
            "url.host-chars",
            Fail,
            "must be in brackets",
        ),
        case(
            "empty host",
            invalid("http:///path"),
            "url.empty-host",
            Fail,
            "empty host",
        ),
        case(
            "header value",
            failed(
                "http://x/",
                FailureKind::InvalidUrl,
                Phase::Build,
                "the value of header `X-Token` contains a control character (line break?) at position 5",
            ),
            "url.header-value",
            Fail,
            "X-Token",
        ),
    ]);
}

#[test]
fn dns() {
    let nx = failed(
        "http://api.exampel.com/v1",
        FailureKind::Dns,
        Phase::Connect,
        "could not resolve api.exampel.com",
    )
    .chain(&[
        "error sending request",
        "dns error",
        "failed to lookup address information: Name or service not known",
    ]);
    run(vec![
        case(
            "nxdomain",
            nx.clone(),
            "dns.kind",
            Fail,
            "→ the name does not exist",
        ),
        case(
            "temporary",
            failed("http://api.example.com/", FailureKind::Dns, Phase::Connect, "x")
                .chain(&["dns error", "Temporary failure in name resolution"]),
            "dns.kind",
            Fail,
            "temporary failure",
        ),
        case(
            "private zone",
            failed("http://db.internal/", FailureKind::Dns, Phase::Connect, "x"),
            "dns.private-zone",
            Fail,
            ".internal",
        ),
    ]);
    let seen = past(&Ex::get("http://api.example.com/v1").status(200), 60);
    let list = diag_history(&nx, &[seen]);
    assert_eq!(
        check(&list, "dns.typo").evidence,
        "api.exampel.com did not resolve; did you mean api.example.com (seen 1 time in this session or collection)?"
    );
}

#[test]
fn refused() {
    let mut refused = failed(
        "http://localhost:8787/",
        FailureKind::Connect,
        Phase::Connect,
        "connection refused by localhost:8787",
    );
    refused.io_kind = Some(std::io::ErrorKind::ConnectionRefused);
    refused.resolved = vec![
        "[::1]:8787".parse::<SocketAddr>().unwrap(),
        "127.0.0.1:8787".parse().unwrap(),
    ];
    run(vec![
        case(
            "target",
            refused.clone(),
            "refused.target",
            Fail,
            "Connection refused by [::1]:8787 (also tried 127.0.0.1:8787)",
        ),
        case(
            "localhost family",
            refused.clone(),
            "refused.localhost-family",
            Fail,
            "try http://127.0.0.1:8787",
        ),
        case(
            "https on 80",
            failed(
                "https://api.example.com:80/",
                FailureKind::Connect,
                Phase::Connect,
                "x",
            ),
            "refused.scheme-port",
            Fail,
            "port 80",
        ),
    ]);
    let worked = past(&Ex::get("http://localhost:8787/v1").status(200), 120);
    let list = diag_history(&refused, &[worked]);
    assert!(
        check(&list, "refused.worked-before")
            .evidence
            .contains("localhost:8787 answered 11:58:00 (2 min 1 s ago)")
    );
}

#[test]
fn reset() {
    let reset = |method: &str| {
        Ex::new(method, "http://api.example.com/").fail(
            FailureKind::Reset,
            Phase::WaitingForResponse,
            "connection reset by api.example.com:80",
        )
    };
    run(vec![
        case("idempotent", reset("GET"), "reset.phase", Fail, "GET is safe to retry on a new connection"),
        case("unsafe", reset("POST"), "reset.phase", Fail, "POST is the server may have acted on it"),
        case("h2 refused", reset("POST").chain(&["stream error received: refused stream before processing any application logic (REFUSED_STREAM)"]), "reset.h2", Fail, "not processed"),
    ]);
}

#[test]
fn tls() {
    let tls = |chain: &str| {
        failed(
            "https://api.example.com:8443/",
            FailureKind::Tls,
            Phase::Connect,
            "TLS handshake failed",
        )
        .chain(&["error sending request", chain])
    };
    run(vec![
        case(
            "plain port",
            tls("received corrupt message of type InvalidContentType"),
            "tls.plain-port",
            Fail,
            "answered in plain HTTP",
        ),
        case(
            "hostname",
            tls("invalid peer certificate: NotValidForName"),
            "tls.hostname",
            Fail,
            "does not cover api.example.com",
        ),
        case(
            "issuer",
            tls("invalid peer certificate: UnknownIssuer"),
            "tls.unknown-issuer",
            Fail,
            "does not trust",
        ),
        case(
            "expired",
            tls("invalid peer certificate: Expired"),
            "tls.validity",
            Fail,
            "has expired",
        ),
        case(
            "mtls",
            tls("received fatal alert: CertificateRequired"),
            "tls.alert",
            Fail,
            "client certificate",
        ),
    ]);
}

#[test]
fn timeouts() {
    let mut waiting = failed(
        "http://api.example.com/slow",
        FailureKind::Timeout,
        Phase::WaitingForResponse,
        "timed out",
    );
    waiting.limit = Some(Duration::from_secs(1));
    let mut connect = failed(
        "http://10.9.9.9/",
        FailureKind::Timeout,
        Phase::Connect,
        "timed out",
    );
    connect.limit = Some(Duration::from_secs(10));
    connect.resolved = vec!["10.9.9.9:80".parse().unwrap()];
    let mut named = failed(
        "https://pingfed.corp.example:9031/as/token.oauth2",
        FailureKind::Timeout,
        Phase::Connect,
        "timed out",
    );
    named.limit = Some(Duration::from_secs(10));
    named.resolved = vec!["10.12.4.21:9031".parse().unwrap()];
    let mut post = waiting.clone();
    post.method = "POST".into();
    run(vec![
        case(
            "ttfb",
            waiting.clone(),
            "timeout.ttfb",
            Fail,
            "sent no response headers within 1 s",
        ),
        case(
            "connect",
            connect,
            "timeout.connect",
            Fail,
            "No answer from 10.9.9.9:80 within 10 s",
        ),
        case(
            "connect to a name",
            named,
            "timeout.connect",
            Fail,
            "No answer from pingfed.corp.example:9031 (10.12.4.21) within 10 s",
        ),
        case(
            "no history",
            waiting.clone(),
            "timeout.setting",
            Unknown,
            "no earlier answer",
        ),
        case(
            "post",
            post,
            "timeout.maybe-processed",
            Fail,
            "may still have processed this POST",
        ),
    ]);
    let usual = past(
        &Ex::get("http://api.example.com/slow")
            .status(200)
            .elapsed(Duration::from_secs(3)),
        60,
    );
    let list = diag_history(&waiting, &[usual]);
    let c = check(&list, "timeout.setting");
    assert_eq!(c.verdict, Fail);
    assert!(
        c.evidence
            .contains("Your timeout (1 s) is below this endpoint's usual 3 s"),
        "{}",
        c.evidence
    );
}

#[test]
fn redirects() {
    let looped = (0..11).fold(
        failed(
            "http://x.test/loop",
            FailureKind::RedirectLoop,
            Phase::WaitingForResponse,
            "redirect loop",
        ),
        |ex, _| ex.hop(hop("GET", "http://x.test/loop", 302, "http://x.test/loop")),
    );
    run(vec![
        case(
            "loop",
            looped.clone(),
            "redirect.loop",
            Fail,
            "Loop: http://x.test/loop redirects to itself",
        ),
        case(
            "limit, on a loop",
            looped,
            "redirect.limit",
            Pass,
            "Followed 10 redirects (limit 10); redirect 11 (302 to http://x.test/loop) was not followed; the chain loops, so a higher limit would not help",
        ),
        case(
            "a loop through two URLs",
            failed(
                "http://x.test/a",
                FailureKind::RedirectLoop,
                Phase::WaitingForResponse,
                "redirect loop",
            )
            .hop(hop("GET", "http://x.test/a", 302, "http://x.test/b"))
            .hop(hop("GET", "http://x.test/b", 302, "http://x.test/a"))
            .hop(hop("GET", "http://x.test/a", 302, "http://x.test/b")),
            "redirect.loop",
            Fail,
            "Loop: http://x.test/a → http://x.test/b → http://x.test/a (hop 1 comes back at hop 3)",
        ),
        case(
            "limit, on a chain that goes on",
            (0..11).fold(
                failed(
                    "http://x.test/0",
                    FailureKind::RedirectLoop,
                    Phase::WaitingForResponse,
                    "too many redirects",
                ),
                |ex, i| {
                    ex.hop(hop(
                        "GET",
                        &format!("http://x.test/{i}"),
                        302,
                        &format!("http://x.test/{}", i + 1),
                    ))
                },
            ),
            "redirect.limit",
            Unknown,
            "Followed 10 redirects (limit 10); redirect 11 (302 to http://x.test/11) was not followed",
        ),
    ]);
    let pingpong = failed(
        "http://x.test/a",
        FailureKind::RedirectLoop,
        Phase::WaitingForResponse,
        "too many",
    )
    .hop(hop("GET", "http://x.test/a", 301, "https://x.test/a"))
    .hop(hop("GET", "https://x.test/a", 301, "http://x.test/a"))
    .hop(hop("GET", "http://x.test/a", 301, "https://x.test/a"));
    assert_eq!(check(&diag(&pingpong), "redirect.scheme-pingpong").verdict, Fail);
    let login = failed(
        "http://x.test/api",
        FailureKind::RedirectLoop,
        Phase::WaitingForResponse,
        "too many",
    )
    .hop(hop(
        "GET",
        "http://x.test/api",
        302,
        "http://x.test/login?next=/api",
    ));
    assert_eq!(check(&diag(&login), "redirect.login").verdict, Fail);
    let fine = failed(
        "http://x.test/a",
        FailureKind::RedirectLoop,
        Phase::WaitingForResponse,
        "too many",
    )
    .hop(hop("GET", "http://x.test/a", 301, "http://x.test/b"))
    .hop(hop("GET", "http://x.test/b", 301, "http://x.test/c"));
    assert_eq!(check(&diag(&fine), "redirect.loop").verdict, Pass);
}

#[test]
fn body_too_large() {
    let ex = failed(
        "http://x.test/big",
        FailureKind::BodyTooLarge,
        Phase::ReadingBody,
        "the response body is larger than the 1MiB limit (max_body)",
    )
    .status(200)
    .res("content-length", "3000000");
    let list = diag(&ex);
    let c = check(&list, "body.limit");
    assert_eq!(c.verdict, Fail);
    assert!(
        c.evidence.contains("Content-Length says 2.9 MiB (3000000 bytes)"),
        "{}",
        c.evidence
    );
}

/// A header value with a line break names the variable it came from, as credentials do.
#[test]
fn a_header_value_with_a_line_break_names_its_variable() {
    let yaml = "name: c\nvariables:\n  key: \"rnd_abc\\n\"\nrequests:\n  - name: Services\n    url: https://api.example.com/v1/services\n    headers:\n      X-Api-Key: \"{{ key }}\"\n";
    let ex = failed(
        "https://api.example.com/v1/services",
        FailureKind::InvalidUrl,
        Phase::Build,
        "the value of header `X-Api-Key` contains a control character (line break?) at position 7",
    );
    let list = super::diag_written(&ex, yaml, "Services", None);
    let c = check(&list, "url.header-value");
    assert!(
        c.evidence
            .ends_with("; it comes from {{ key }} (the collection's variables)"),
        "{}",
        c.evidence
    );
}
