//! 407 Proxy Authentication Required: which proxy, were proxy credentials sent, does it offer
//! a scheme apibench can answer, should this host bypass it (`407.*`).

use super::challenge::challenge_text;
use crate::diagnosis::Check;
use crate::diagnosis::catalogue::proxy_auth_required;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::diagnosis::sent::urls::{PRIVATE_ZONES, is_loopback};

pub fn proxy_auth_required(f: &Facts<'_>) -> Vec<Check> {
    [proxy_source(f), proxy_creds(f), proxy_scheme(f), no_proxy(f)]
        .into_iter()
        .flatten()
        .collect()
}

fn via(f: &Facts<'_>) -> String {
    f.header("via")
        .map_or(String::new(), |v| format!(" ({})", quote::header("Via", v)))
}

fn proxy_source(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    Some(match &sent.proxy {
        Some(p) => Check::possible(
            proxy_auth_required::PROXY_SOURCE,
            format!(
                "Request went via {} (from env {}); apibench itself has no proxy configured",
                p.url, p.source
            ),
        ),
        None => Check::unknown(
            proxy_auth_required::PROXY_SOURCE,
            format!(
                "No proxy is configured (HTTP_PROXY, HTTPS_PROXY and ALL_PROXY are unset), yet a proxy answered{} — a transparent or intercepting proxy sits on the path",
                via(f)
            ),
        ),
    })
}

fn proxy_creds(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let header = sent.header("proxy-authorization");
    let in_url = sent.proxy.as_ref().is_some_and(|p| p.has_credentials);
    Some(match (header, in_url) {
        (Some(v), _) => Check::pass(
            proxy_auth_required::CREDS_SENT,
            quote::header("Proxy-Authorization", v),
        ),
        (None, true) => Check::pass(
            proxy_auth_required::CREDS_SENT,
            "The proxy URL carries user:password",
        ),
        (None, false) => Check::fail(
            proxy_auth_required::CREDS_SENT,
            "No Proxy-Authorization was sent and the proxy URL has no user:password",
        )
        .cite("RFC 9110 §11.7.2"),
    })
}

fn proxy_scheme(f: &Facts<'_>) -> Option<Check> {
    if f.proxy_challenges.is_empty() {
        return Some(
            Check::unknown(
                proxy_auth_required::SCHEME_SUPPORTED,
                "No Proxy-Authenticate header (required on 407)",
            )
            .cite("RFC 9110 §15.5.8"),
        );
    }
    let schemes: Vec<String> = f.proxy_challenges.iter().map(challenge_text).collect();
    Some(if f.proxy_challenges.iter().any(|c| c.is("Basic")) {
        Check::pass(
            proxy_auth_required::SCHEME_SUPPORTED,
            format!(
                "Proxy-Authenticate: {} — Basic works with user:password in the proxy URL",
                quote::list(&schemes)
            ),
        )
    } else {
        Check::fail(
            proxy_auth_required::SCHEME_SUPPORTED,
            format!(
                "Proxy requires {}; only Basic is supported — run a local authenticating proxy or use a Basic-capable account",
                quote::list(&schemes)
            ),
        )
    })
}

fn no_proxy(f: &Facts<'_>) -> Option<Check> {
    let proxy = f.sent?.proxy.as_ref()?;
    let host = f.host();
    let internal = is_loopback(&host)
        || !host.contains('.')
        || PRIVATE_ZONES.iter().any(|s| host.ends_with(s))
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| match ip {
            std::net::IpAddr::V4(v4) => v4.is_private(),
            std::net::IpAddr::V6(_) => false,
        });
    internal.then(|| {
        Check::possible(
            proxy_auth_required::NO_PROXY,
            format!(
                "{host} looks internal but is sent via {} — add it to NO_PROXY",
                proxy.url
            ),
        )
    })
}
