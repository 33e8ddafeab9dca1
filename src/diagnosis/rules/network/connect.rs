//! Nothing accepted the connection (`Connect` failures): the refused address, a port that
//! does not fit the scheme, localhost on the wrong address family, a refusing proxy, or a
//! service that answered before (`refused.*`).

use std::net::SocketAddr;

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::refused;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::phrase::Phrase;
use crate::diagnosis::quote;
use crate::http::Failure;

pub(super) fn refused_target(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
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
            refused::TARGET,
            format!(
                "Connection refused by {target}{also}: the host answered, but nothing listens on that port"
            ),
        )
    } else {
        Check::fail(
            refused::TARGET,
            format!("Could not connect to {target}: {}", quote::text(&failure.message)),
        )
    })
}

pub(super) fn refused_scheme_port(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let port = url.port()?;
    let text = match (url.scheme(), port) {
        ("https", 80) => "https:// URL uses port 80, which usually serves plain HTTP",
        ("http", 443) => "http:// URL uses port 443, which usually expects TLS",
        _ => return None,
    };
    Some(Check::possible(refused::SCHEME_PORT, text))
}

pub(super) fn refused_localhost_family(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let host = f.host();
    if !host.eq_ignore_ascii_case("localhost") {
        return None;
    }
    let first = failure.resolved.first()?;
    let port = first.port();
    first.is_ipv6().then(|| {
        Check::possible(refused::LOCALHOST_FAMILY, format!("localhost resolved to {} first and it refused; the server may listen on 127.0.0.1 only — try http://127.0.0.1:{port}", first.ip()))
    })
}

pub(super) fn refused_proxy(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let proxy = failure
        .request
        .as_ref()
        .and_then(|r| r.proxy.as_ref())
        .or(f.sent?.proxy.as_ref())?;
    Some(Check::fail(
        refused::PROXY,
        format!(
            "The proxy {} (from {}) refused the connection — the API was never contacted",
            proxy.url, proxy.source
        ),
    ))
}

pub(super) fn refused_worked_before(f: &Facts<'_>) -> Option<Check> {
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
        refused::WORKED_BEFORE,
        Phrase::from(format!("{authority} answered {} (", f.clock.local(ok.at)))
            .relative(ok.at)
            .text("); the service is probably down or restarting"),
    ))
}
