//! Failures without an HTTP status (troubleshooting.md §3): the URL could not be used, the
//! name did not resolve, nothing listened, the connection broke, TLS failed, time ran out,
//! redirects looped, or the body was too big.

use std::net::SocketAddr;

use super::evidence;
use super::request::is_loopback;
use crate::diagnosis::Check;
use crate::diagnosis::facts::Facts;
use crate::http::{Failure, FailureKind, Field, Phase};
use crate::template::Origin;

pub fn checks(f: &Facts<'_>, failure: &Failure) -> Vec<Check> {
    let checks: Vec<Option<Check>> = match failure.kind {
        FailureKind::InvalidUrl | FailureKind::Template => invalid_url(f, failure),
        FailureKind::Dns => vec![
            dns_kind(f, failure),
            dns_typo(f),
            dns_private_zone(f),
            dns_from_variable(f),
            dns_offline(f),
            dns_proxy(f),
        ],
        FailureKind::Connect => vec![
            refused_target(f, failure),
            refused_scheme_port(f),
            refused_localhost_family(f, failure),
            refused_proxy(f, failure),
            refused_worked_before(f),
        ],
        FailureKind::Reset => vec![
            reset_phase(f, failure),
            reset_h2(failure),
            reset_upload_size(f, failure),
            reset_tls_to_plain(f, failure),
        ],
        FailureKind::Tls => vec![tls_kind(f, failure), tls_proxy_mitm(f, failure)],
        FailureKind::Timeout => vec![
            timeout_phase(f, failure),
            timeout_ipv6(f, failure),
            timeout_setting(f, failure),
            timeout_maybe_processed(f, failure),
        ],
        FailureKind::RedirectLoop => vec![
            redirect_loop(f),
            redirect_pingpong(f),
            redirect_login(f),
            redirect_cookie(f),
            redirect_limit(f),
        ],
        FailureKind::BodyTooLarge => vec![body_limit(f, failure)],
        FailureKind::Other => vec![Some(Check::unknown(
            "other.chain",
            "The failure has a known cause",
            format!("Raw error: {}", evidence::quote(&failure.chain.join(" → "))),
        ))],
    };
    checks.into_iter().flatten().collect()
}

fn raw_url<'a>(f: &Facts<'a>, failure: &'a Failure) -> &'a str {
    failure
        .request
        .as_ref()
        .map(|r| r.url.as_str())
        .or_else(|| f.sent.map(|s| s.url.as_str()))
        .unwrap_or_default()
}

// ----------------------------------------------------------------------------- invalid URL

fn invalid_url(f: &Facts<'_>, failure: &Failure) -> Vec<Option<Check>> {
    let url = raw_url(f, failure);
    let mut out = vec![
        url_scheme(url),
        url_placeholder_host(url),
        url_port(url),
        url_host_chars(url),
        url_empty_host(url),
    ];
    let message = failure.message.as_str();
    if message.contains("the value of header") {
        out.push(Some(
            Check::fail("url.header-value", "Header values are valid", message.to_owned())
                .cite("RFC 9110 §5.5"),
        ));
    }
    if message.starts_with("header name") {
        out.push(Some(Check::fail(
            "url.header-name",
            "Header names are valid tokens",
            message.to_owned(),
        )));
    }
    if out.iter().all(Option::is_none) {
        out.push(Some(Check::fail(
            "url.invalid",
            "The URL can be used",
            message.to_owned(),
        )));
    }
    out
}

fn after_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

fn url_scheme(url: &str) -> Option<Check> {
    let label = "The URL has an http or https scheme";
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://https://") || lower.starts_with("http://http") {
        return Some(Check::fail(
            "url.scheme",
            label,
            format!("The scheme is doubled: \"{}\"", evidence::quote(url)),
        ));
    }
    match lower.split_once("://") {
        None => Some(Check::fail(
            "url.scheme",
            label,
            format!(
                "URL has no scheme — \"{}\" was read as a relative path; add https://",
                evidence::quote(url)
            ),
        )),
        Some((scheme, _)) if scheme != "http" && scheme != "https" => {
            let hint = crate::suggest::closest(scheme, ["http", "https"])
                .first()
                .cloned();
            Some(Check::fail(
                "url.scheme",
                label,
                match hint {
                    Some(h) => format!("Scheme \"{scheme}:\" looks like a typo for {h}:"),
                    None => format!("Scheme \"{scheme}:\" is not HTTP; apibench speaks http and https"),
                },
            ))
        }
        Some(_) => None,
    }
}

fn authority(url: &str) -> &str {
    after_scheme(url)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
}

fn url_placeholder_host(url: &str) -> Option<Check> {
    let host = authority(url);
    (host.contains("{{") || host.to_ascii_lowercase().contains("%7b")).then(|| {
        Check::fail(
            "url.placeholder-host",
            "The host is resolved",
            format!("Host is \"{host}\" — a variable was not resolved"),
        )
    })
}

fn url_port(url: &str) -> Option<Check> {
    let host = authority(url).rsplit('@').next().unwrap_or_default();
    if host.starts_with('[') {
        return None;
    }
    let (_, port) = host.rsplit_once(':')?;
    (port.parse::<u16>().map_or(true, |p| p == 0)).then(|| {
        Check::fail(
            "url.port",
            "The port is valid",
            format!("Port \"{port}\" is not a number between 1 and 65535"),
        )
    })
}

fn url_host_chars(url: &str) -> Option<Check> {
    let host = authority(url).rsplit('@').next().unwrap_or_default();
    let label = "The host name is well-formed";
    if host.contains(' ') {
        return Some(Check::fail(
            "url.host-chars",
            label,
            format!("Host contains a space: \"{host}\""),
        ));
    }
    if host.contains('\\') {
        return Some(Check::fail(
            "url.host-chars",
            label,
            format!("Host contains a backslash: \"{host}\""),
        ));
    }
    if host.matches(':').count() > 1 && !host.starts_with('[') {
        return Some(Check::fail(
            "url.host-chars",
            label,
            format!("IPv6 literal must be in brackets: http://[{host}]/"),
        ));
    }
    None
}

fn url_empty_host(url: &str) -> Option<Check> {
    (url.contains("://") && authority(url).is_empty()).then(|| {
        Check::fail(
            "url.empty-host",
            "The URL has a host",
            format!("URL \"{}\" has an empty host", evidence::quote(url)),
        )
    })
}

// ------------------------------------------------------------------------------------- DNS

fn dns_kind(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let resolver = failure.chain.last().cloned().unwrap_or_default();
    let lower = resolver.to_ascii_lowercase();
    let host = f.host();
    let label = "The host name resolves";
    let temporary =
        lower.contains("temporary failure") || lower.contains("try again") || lower.contains("timed out");
    Some(if temporary {
        Check::fail(
            "dns.kind",
            label,
            format!(
                "Resolver: \"{resolver}\" for {host} — a temporary failure: check the network or VPN, then retry"
            ),
        )
    } else {
        Check::fail(
            "dns.kind",
            label,
            format!("Resolver: \"{resolver}\" for {host} → the name does not exist"),
        )
    })
}

/// Host names seen in history and in the collection's variables.
fn known_hosts(f: &Facts<'_>) -> Vec<(String, usize)> {
    let mut hosts: Vec<(String, usize)> = Vec::new();
    let mut add = |h: String| match hosts.iter_mut().find(|(k, _)| *k == h) {
        Some((_, n)) => *n += 1,
        None => hosts.push((h, 1)),
    };
    for entry in f.history {
        if entry.failure != Some(FailureKind::Dns)
            && let Some(h) = entry.host()
        {
            add(h);
        }
    }
    if let Some(c) = f.collection {
        let values = c
            .variables
            .values()
            .chain(c.environments.values().flat_map(|e| e.values()));
        for value in values {
            if let Ok(u) = url::Url::parse(value)
                && let Some(h) = u.host_str()
            {
                add(h.to_owned());
            }
        }
    }
    hosts
}

fn dns_typo(f: &Facts<'_>) -> Option<Check> {
    let host = f.url.as_ref()?.host_str()?.to_owned();
    let hosts = known_hosts(f);
    let close = hosts
        .iter()
        .filter(|(h, _)| *h != host && strsim::damerau_levenshtein(h, &host) <= 2)
        .max_by_key(|(_, n)| *n)?;
    Some(Check::fail(
        "dns.typo",
        "The host name is spelled as elsewhere",
        format!(
            "{host} did not resolve; did you mean {} (seen {} time(s) in this session or collection)?",
            close.0, close.1
        ),
    ))
}

fn dns_private_zone(f: &Facts<'_>) -> Option<Check> {
    let host = f.host();
    let zone = [
        ".internal",
        ".local",
        ".lan",
        ".corp",
        ".home.arpa",
        ".svc",
        ".cluster.local",
        ".consul",
    ]
    .into_iter()
    .find(|z| host.ends_with(z))?;
    Some(Check::possible(
        "dns.private-zone",
        "The name is public",
        format!("{host} is a private name ({zone}); it only resolves inside its VPN or cluster network"),
    ))
}

fn dns_from_variable(f: &Facts<'_>) -> Option<Check> {
    let written = f.written?;
    let host = f.host();
    let url_use = written.fields.iter().find(|u| u.field == Field::Url)?;
    let source = url_use.uses.iter().find(|r| r.value.contains(&host))?;
    let origin = match &source.origin {
        Origin::Environment(e) => format!("environment \"{e}\""),
        other => other.to_string(),
    };
    Some(Check::unknown(
        "dns.from-variable",
        "The host comes from the intended variable",
        format!(
            "Host came from {{{{ {} }}}} in {origin} = \"{}\"",
            source.expr,
            evidence::quote(&source.value)
        ),
    ))
}

fn dns_offline(f: &Facts<'_>) -> Option<Check> {
    let since = f.received_at.checked_sub(std::time::Duration::from_secs(60))?;
    let recent: Vec<_> = f.history.iter().filter(|h| h.at >= since).collect();
    if recent.len() < 2 {
        return None;
    }
    let all_failed = recent.iter().all(|h| h.failure == Some(FailureKind::Dns));
    Some(if all_failed {
        Check::fail(
            "dns.offline",
            "This machine is online",
            format!(
                "No host resolved in the last minute ({} attempts) — you appear to be offline",
                recent.len() + 1
            ),
        )
    } else {
        Check::pass(
            "dns.offline",
            "This machine is online",
            "Other hosts resolved in the last minute",
        )
    })
}

fn dns_proxy(f: &Facts<'_>) -> Option<Check> {
    let proxy = f.sent?.proxy.as_ref()?;
    Some(Check::possible(
        "dns.proxy",
        "The proxy host resolves",
        format!(
            "Requests go via {} (from {}); this DNS failure may be the proxy's own name",
            proxy.url, proxy.source
        ),
    ))
}

// ------------------------------------------------------------------------------- refused

fn refused_target(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let label = "Something listens on the port";
    let refused = failure.io_kind == Some(std::io::ErrorKind::ConnectionRefused);
    let others: Vec<String> = failure
        .resolved
        .iter()
        .skip(1)
        .map(SocketAddr::to_string)
        .collect();
    let also = if others.is_empty() {
        String::new()
    } else {
        format!(" (also tried {})", others.join(", "))
    };
    let target = failure
        .resolved
        .first()
        .map_or_else(|| f.authority(), SocketAddr::to_string);
    Some(if refused {
        Check::fail(
            "refused.target",
            label,
            format!(
                "Connection refused by {target}{also}: the host answered, but nothing listens on that port"
            ),
        )
    } else {
        Check::fail(
            "refused.target",
            label,
            format!(
                "Could not connect to {target}: {}",
                evidence::quote(&failure.message)
            ),
        )
    })
}

fn refused_scheme_port(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let port = url.port()?;
    let text = match (url.scheme(), port) {
        ("https", 80) => "https:// URL uses port 80, which usually serves plain HTTP",
        ("http", 443) => "http:// URL uses port 443, which usually expects TLS",
        _ => return None,
    };
    Some(Check::possible(
        "refused.scheme-port",
        "The port fits the scheme",
        text,
    ))
}

fn refused_localhost_family(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let host = f.host();
    if !host.eq_ignore_ascii_case("localhost") {
        return None;
    }
    let first = failure.resolved.first()?;
    let port = first.port();
    first.is_ipv6().then(|| {
        Check::possible(
            "refused.localhost-family",
            "localhost reaches the server's address family",
            format!("localhost resolved to {} first and it refused; the server may listen on 127.0.0.1 only — try http://127.0.0.1:{port}", first.ip()),
        )
    })
}

fn refused_proxy(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let proxy = failure
        .request
        .as_ref()
        .and_then(|r| r.proxy.as_ref())
        .or(f.sent?.proxy.as_ref())?;
    Some(Check::fail(
        "refused.proxy",
        "The proxy accepts connections",
        format!(
            "The proxy {} (from {}) refused the connection — the API was never contacted",
            proxy.url, proxy.source
        ),
    ))
}

fn refused_worked_before(f: &Facts<'_>) -> Option<Check> {
    let authority = f.authority();
    let ok = f.history.iter().rev().find(|h| {
        h.status.is_some()
            && url::Url::parse(&h.sent.url).ok().is_some_and(|u| {
                format!(
                    "{}:{}",
                    u.host_str().unwrap_or_default(),
                    u.port_or_known_default().unwrap_or(0)
                ) == authority
            })
    })?;
    Some(Check::fail(
        "refused.worked-before",
        "The service is running",
        format!(
            "{authority} answered {} ({}); the service is probably down or restarting",
            f.clock.local(ok.at),
            f.clock.relative(ok.at)
        ),
    ))
}

// --------------------------------------------------------------------------------- reset

fn reset_phase(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let sent = failure.request.as_ref().or(f.sent)?;
    let when = match failure.phase {
        Phase::Connect => "while connecting".to_owned(),
        Phase::WaitingForResponse => format!(
            "after the request ({}) was sent, before any response",
            evidence::size(sent.body.len())
        ),
        Phase::ReadingBody => "while the body was being read".to_owned(),
        Phase::Build => "before sending".to_owned(),
    };
    let safe = if f.idempotent() {
        "safe to retry on a new connection"
    } else {
        "the server may have acted on it — check before retrying"
    };
    Some(Check::fail(
        "reset.phase",
        "The connection stayed open until the response was complete",
        format!("{} {when}; {} is {safe}", failure.message, f.method()),
    ))
}

fn reset_h2(failure: &Failure) -> Option<Check> {
    let chain = failure.chain.join(" ");
    if chain.contains("REFUSED_STREAM") || chain.contains("GOAWAY") || chain.contains("go away") {
        return Some(Check::fail(
            "reset.h2",
            "The HTTP/2 stream was processed",
            "The server refused the HTTP/2 stream (REFUSED_STREAM / GOAWAY): the request was not processed and any method may be retried",
        )
        .cite("RFC 9113 §8.7"));
    }
    let code = [
        "RST_STREAM",
        "stream error",
        "PROTOCOL_ERROR",
        "INTERNAL_ERROR",
        "CANCEL",
    ]
    .into_iter()
    .find(|c| chain.contains(c))?;
    Some(Check::fail(
        "reset.h2",
        "The HTTP/2 stream was processed",
        format!("HTTP/2 stream reset ({code})"),
    ))
}

fn reset_upload_size(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let sent = failure.request.as_ref().or(f.sent)?;
    (sent.body.len() > 1_000_000 && failure.phase == Phase::WaitingForResponse).then(|| {
        Check::possible(
            "reset.upload-size",
            "The body is within the server's size limit",
            format!(
                "Reset while sending a {} body — the server may enforce a size limit (and skip the 413)",
                evidence::size(sent.body.len())
            ),
        )
    })
}

fn reset_tls_to_plain(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let url = f.url.as_ref()?;
    (url.scheme() == "https" && failure.phase == Phase::Connect && url.port().is_some_and(|p| p != 443)).then(|| {
        Check::possible(
            "reset.tls-to-plain",
            "The port speaks TLS",
            format!("Reset during the TLS handshake on port {} — the port may not speak TLS, or a firewall blocks SNI \"{}\"", url.port().unwrap_or_default(), f.host()),
        )
    })
}

// ----------------------------------------------------------------------------------- TLS

fn tls_kind(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let chain = failure.chain.join(" | ");
    let lower = chain.to_ascii_lowercase();
    let host = f.host();
    let port = f
        .url
        .as_ref()
        .and_then(url::Url::port_or_known_default)
        .unwrap_or(443);
    let (id, label, text) = if lower.contains("invalidcontenttype")
        || lower.contains("wrong version number")
        || lower.contains("corrupt message")
    {
        (
            "tls.plain-port",
            "The port speaks TLS",
            format!("{host}:{port} answered in plain HTTP, not TLS — use http:// or the TLS port"),
        )
    } else if lower.contains("notvalidforname")
        || lower.contains("not valid for name")
        || lower.contains("hostname mismatch")
    {
        let detail = chain.split("valid for").nth(1).map_or(String::new(), |d| {
            format!(" (valid for{})", evidence::quote(d.trim_end_matches(['"', ')'])))
        });
        (
            "tls.hostname",
            "The certificate is for this host",
            format!(
                "The certificate does not cover {host}{detail}; a wildcard covers one label only, and IP addresses need IP SANs"
            ),
        )
    } else if lower.contains("unknownissuer")
        || lower.contains("unknown issuer")
        || lower.contains("self-signed")
        || lower.contains("self signed")
    {
        (
            "tls.unknown-issuer",
            "The certificate's issuer is trusted",
            format!(
                "The certificate for {host} is signed by an issuer this machine does not trust (self-signed, private CA, or a TLS-inspecting proxy)"
            ),
        )
    } else if lower.contains("expired") {
        (
            "tls.validity",
            "The certificate is within its validity period",
            format!("The certificate for {host} has expired (or this machine's clock is wrong)"),
        )
    } else if lower.contains("notvalidyet") || lower.contains("not valid yet") {
        (
            "tls.validity",
            "The certificate is within its validity period",
            format!("The certificate for {host} is not valid yet — check this machine's clock"),
        )
    } else if lower.contains("alert") {
        let alert = chain.split("alert:").nth(1).map_or("an alert", str::trim);
        let hint = if lower.contains("certificaterequired") || lower.contains("certificate required") {
            ": the server needs a client certificate (mTLS)"
        } else if lower.contains("protocolversion") {
            ": no common TLS version (rustls supports TLS 1.2 and 1.3)"
        } else {
            ""
        };
        (
            "tls.alert",
            "The server accepted the handshake",
            format!("Server rejected the handshake ({alert}){hint}"),
        )
    } else {
        (
            "tls.handshake",
            "The TLS handshake completes",
            format!("TLS with {host} failed: {}", evidence::quote(&failure.message)),
        )
    };
    Some(Check::fail(id, label, text))
}

fn tls_proxy_mitm(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let proxy = f.sent?.proxy.as_ref()?;
    let lower = failure.chain.join(" ").to_ascii_lowercase();
    (lower.contains("unknownissuer") || lower.contains("unknown issuer")).then(|| {
        Check::possible(
            "tls.proxy-mitm",
            "No proxy re-signs the traffic",
            format!("Traffic goes via {}; it likely re-signs TLS with its own CA — add that CA to this machine's trust store", proxy.url),
        )
    })
}

// ------------------------------------------------------------------------------- timeout

fn timeout_phase(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let limit = failure
        .limit
        .map_or_else(|| "the limit".to_owned(), crate::format::duration);
    let (id, label, text) = match failure.phase {
        Phase::Connect => (
            "timeout.connect",
            "The server answers connection attempts",
            format!(
                "No answer from {} within {limit} (packets dropped, not refused): a firewall, a wrong address or a VPN you are not on",
                failure
                    .resolved
                    .first()
                    .map_or_else(|| f.authority(), SocketAddr::to_string)
            ),
        ),
        Phase::WaitingForResponse => (
            "timeout.ttfb",
            "The server answers within the timeout",
            format!(
                "Connected and sent the request, but {} sent no response headers within {limit}",
                f.host()
            ),
        ),
        Phase::ReadingBody => (
            "timeout.body",
            "The body arrives within the timeout",
            format!("Headers arrived but the body was still streaming when {limit} ran out"),
        ),
        Phase::Build => return None,
    };
    Some(Check::fail(id, label, text))
}

fn timeout_ipv6(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    if failure.phase != Phase::Connect {
        return None;
    }
    let first = failure.resolved.first()?;
    let v4 = failure.resolved.iter().find(|a| a.is_ipv4())?;
    first
        .is_ipv6()
        .then(|| {
            Check::possible(
                "timeout.ipv6",
                "The IPv6 route works",
                format!(
                    "Stuck on IPv6 {}; IPv4 {} was not reached before the timeout",
                    first.ip(),
                    v4.ip()
                ),
            )
        })
        .filter(|_| !is_loopback(&f.host()))
}

fn timeout_setting(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let limit = failure.limit?;
    let sent = f.sent?;
    let base = sent.url.split('?').next().unwrap_or_default();
    let label = "The timeout suits this endpoint";
    let mut times: Vec<std::time::Duration> = f
        .history
        .iter()
        .filter(|h| h.status.is_some() && h.sent.url.split('?').next() == Some(base))
        .map(|h| h.elapsed)
        .collect();
    if times.is_empty() {
        return Some(Check::unknown(
            "timeout.setting",
            label,
            format!(
                "The limit was {}; no earlier answer from this endpoint to compare with",
                crate::format::duration(limit)
            ),
        ));
    }
    times.sort();
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    Some(if limit < p95 {
        Check::possible(
            "timeout.setting",
            label,
            format!(
                "Your timeout ({}) is below this endpoint's usual {}",
                crate::format::duration(limit),
                crate::format::elapsed(p95)
            ),
        )
    } else {
        Check::pass(
            "timeout.setting",
            label,
            format!(
                "This endpoint usually answers within {}; the {} limit is above that, so the server is slower than usual",
                crate::format::elapsed(p95),
                crate::format::duration(limit)
            ),
        )
    })
}

fn timeout_maybe_processed(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    if f.idempotent() || !failure.phase.request_may_have_arrived() {
        return None;
    }
    Some(Check::possible(
        "timeout.maybe-processed",
        "The change was not applied",
        format!(
            "The server may still have processed this {} — check the state before retrying",
            f.method()
        ),
    ))
}

// ----------------------------------------------------------------------------- redirects

fn redirect_loop(f: &Facts<'_>) -> Option<Check> {
    let hops = f.hops;
    for (j, hop) in hops.iter().enumerate() {
        if let Some(i) = hops[..j]
            .iter()
            .position(|h| h.request.url == hop.request.url && h.request.method == hop.request.method)
        {
            let a = &hops[i].request.url;
            let b = &hops[i].location;
            let text = if a == b {
                format!("Loop: {a} redirects to itself (hops {}–{})", i + 1, j + 1)
            } else {
                format!("Loop: {a} → {b} → {a} (hops {}–{})", i + 1, j + 1)
            };
            return Some(Check::fail("redirect.loop", "Redirects lead somewhere new", text));
        }
    }
    Some(Check::pass(
        "redirect.loop",
        "Redirects lead somewhere new",
        format!("{} hops without revisiting a URL", hops.len()),
    ))
}

fn redirect_pingpong(f: &Facts<'_>) -> Option<Check> {
    let urls: Vec<url::Url> = f
        .hops
        .iter()
        .filter_map(|h| url::Url::parse(&h.request.url).ok())
        .collect();
    let alternates = |key: &dyn Fn(&url::Url) -> String| {
        urls.len() >= 3 && urls.windows(2).all(|w| key(&w[0]) != key(&w[1]))
    };
    if alternates(&|u| u.scheme().to_owned()) {
        return Some(Check::fail(
            "redirect.scheme-pingpong",
            "Redirects settle on one scheme",
            "Alternates http ↔ https — the backend probably doesn't trust X-Forwarded-Proto from the TLS-terminating proxy",
        ));
    }
    if alternates(&|u| u.path().ends_with('/').to_string()) {
        let path = urls
            .first()
            .map(|u| u.path().trim_end_matches('/').to_owned())
            .unwrap_or_default();
        return Some(Check::fail(
            "redirect.slash-pingpong",
            "Redirects settle on one path",
            format!("Alternates {path} ↔ {path}/ — two layers disagree about the trailing slash"),
        ));
    }
    None
}

fn redirect_login(f: &Facts<'_>) -> Option<Check> {
    let location = f.hops.iter().map(|h| h.location.as_str()).find(|l| {
        let l = l.to_ascii_lowercase();
        [
            "/login",
            "/signin",
            "/sign_in",
            "/oauth/authorize",
            "/authorize",
            "/sso",
            "/auth/",
        ]
        .iter()
        .any(|p| l.contains(p))
    })?;
    Some(Check::fail(
        "redirect.login",
        "The request is not sent to a login page",
        format!(
            "Redirected to a login page ({}) — the request is not authenticated for this API (use a token instead of a session?)",
            evidence::quote(location)
        ),
    ))
}

fn redirect_cookie(f: &Facts<'_>) -> Option<Check> {
    let names: Vec<String> = f
        .hops
        .iter()
        .filter_map(|h| h.response.header("set-cookie"))
        .filter_map(|c| c.split('=').next().map(|n| n.trim().to_owned()))
        .collect();
    (names.len() >= 2 && names.len() == f.hops.len()).then(|| {
        Check::fail(
            "redirect.cookie",
            "The server does not wait for a cookie",
            format!("Each hop sets cookie \"{}\" but apibench keeps no cookie jar, so the server keeps redirecting", names[0]),
        )
    })
}

fn redirect_limit(f: &Facts<'_>) -> Option<Check> {
    Some(Check::unknown(
        "redirect.limit",
        "The redirect limit was not what stopped a valid chain",
        format!(
            "Stopped after {} redirects (limit {})",
            f.hops.len().saturating_sub(1),
            crate::http::DEFAULT_MAX_REDIRECTS
        ),
    ))
}

// ------------------------------------------------------------------------------- body size

fn body_limit(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let declared = f
        .header("content-length")
        .and_then(|v| v.trim().parse::<usize>().ok());
    let size = declared.map_or_else(
        || "the body".to_owned(),
        |n| format!("Content-Length says {}", evidence::size(n)),
    );
    Some(Check::fail(
        "body.limit",
        "The response fits the size limit",
        format!(
            "{} — {}; raise max_body for this request or ask for less",
            failure.message, size
        ),
    ))
}
