//! URLs as rules compare them: as written before the client normalised it, the query's
//! encoding, the host (loopback, or a private zone), and the endpoint without the query.

use std::net::IpAddr;

use crate::request::{Field, Written};

/// DNS zones that only resolve inside a private network: a VPN, a cluster, a home router.
/// Both the DNS checks and the proxy checks (`NO_PROXY`) ask "is this host private?".
pub const PRIVATE_ZONES: [&str; 8] = [
    ".internal",
    ".local",
    ".lan",
    ".corp",
    ".home.arpa",
    ".svc",
    ".cluster.local",
    ".consul",
];

/// Loopback hosts, where plain HTTP is normal.
pub fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.to_ascii_lowercase().ends_with(".localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The host of a URL, or the text itself when it is not a URL (a JWT `aud` may be either).
pub fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| url.to_owned())
}

/// A URL without its query string: the endpoint, for "this endpoint earlier in the session".
pub fn endpoint(url: &str) -> &str {
    url.split('?').next().unwrap_or_default()
}

/// The URL as rendered from the template, before the client normalised it.
pub fn written_url(written: Option<&Written>) -> Option<&str> {
    written
        .and_then(|w| {
            w.fields
                .iter()
                .find(|u| u.field == Field::Url)
                .map(|u| u.rendered.as_str())
        })
        .or_else(|| written.map(|w| w.request.url.as_str()))
}

/// Problems in a raw query string, as the person wrote it.
pub fn query_problem(raw_url: &str) -> Option<String> {
    let query = raw_url.split_once('?')?.1.split('#').next().unwrap_or_default();
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if value.contains(' ') {
            return Some(format!("Query param \"{name}\" contains a raw space"));
        }
        if value.contains('+') {
            return Some(format!(
                "Query param \"{name}\" contains a raw \"+\" that form-decoding servers read as a space"
            ));
        }
        if value.to_ascii_lowercase().contains("%25") {
            return Some(format!("Query param \"{name}\" looks double-encoded (%25…)"));
        }
        let bytes = value.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'%'
                && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            {
                return Some(format!(
                    "Query param \"{name}\" has a \"%\" not followed by two hex digits"
                ));
            }
        }
    }
    None
}
