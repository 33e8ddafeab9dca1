//! The URL and headers on the wire: slashes, scheme, whitespace, duplicates, overrides,
//! sizes, query encoding, User-Agent and method case.

use std::net::IpAddr;

use indexmap::IndexMap;

use super::super::evidence;
use crate::diagnosis::Check;
use crate::diagnosis::catalogue::request;
use crate::diagnosis::facts::Facts;
use crate::evidence::negotiation::STANDARD_METHODS;
use crate::http::{Field, SentRequest};

pub(super) fn slashes(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let path = url.path();
    if let Some(at) = path.find("//") {
        return Some(Check::possible(
            request::SLASHES,
            format!(
                "Path \"{}\" has \"//\" at position {} (a base URL ending in / joined to a path starting with /?)",
                evidence::quote(path),
                at + 1
            ),
        ));
    }
    if path.ends_with("/.") || path.to_ascii_lowercase().contains("%2f") {
        return Some(Check::possible(
            request::SLASHES,
            format!(
                "Path \"{}\" has an encoded or dotted slash that servers treat differently",
                evidence::quote(path)
            ),
        ));
    }
    None
}

/// Loopback hosts, where plain HTTP is normal.
pub fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.to_ascii_lowercase().ends_with(".localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

pub(super) fn http_vs_https(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    if url.scheme() != "http" || is_loopback(url.host_str().unwrap_or_default()) {
        return None;
    }
    let credentials = ["authorization", "cookie", "proxy-authorization"]
        .iter()
        .find(|h| f.sent_header(h).is_some());
    Some(match credentials {
        Some(header) => Check::fail(
            request::HTTP_VS_HTTPS,
            format!(
                "http:// to {} with a {header} header — credentials travel unencrypted",
                f.host()
            ),
        ),
        None => Check::possible(
            request::HTTP_VS_HTTPS,
            format!(
                "http:// to {}; many APIs redirect to https, which turns a POST into a GET on 301/302",
                f.host()
            ),
        )
        .labelled("The request uses https"),
    })
}

pub(super) fn header_whitespace(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let (name, value) = sent
        .headers
        .iter()
        .find(|(_, v)| v != v.trim() || !v.is_ascii())?;
    let what = if value.is_ascii() {
        "leading or trailing whitespace"
    } else {
        "non-ASCII characters"
    };
    Some(Check::possible(
        request::HEADER_WHITESPACE,
        format!(
            "Header \"{name}\" has {what}: {:?}",
            evidence::quote(&crate::secrets::redact_header_value(name, value))
        ),
    ))
}

/// Headers the request carries more than once, in order of first appearance: the name as
/// first written and every value. One pass, names compared case-insensitively.
pub fn repeated_headers(sent: &SentRequest) -> Vec<(&str, Vec<&str>)> {
    let mut seen: IndexMap<String, (&str, Vec<&str>)> = IndexMap::new();
    for (name, value) in &sent.headers {
        seen.entry(name.to_ascii_lowercase())
            .or_insert_with(|| (name.as_str(), Vec::new()))
            .1
            .push(value.as_str());
    }
    seen.into_values()
        .filter(|(_, values)| values.len() > 1)
        .collect()
}

/// Headers that mean one thing, so a second copy is a mistake (RFC 9110 §5.3).
const SINGLETONS: [&str; 5] = [
    "content-type",
    "authorization",
    "host",
    "content-length",
    "user-agent",
];

pub(super) fn header_duplicates(f: &Facts<'_>) -> Option<Check> {
    let repeated = repeated_headers(f.sent?);
    let (singleton, values) = SINGLETONS.iter().find_map(|singleton| {
        repeated
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(singleton))
            .map(|(_, values)| (*singleton, values))
    })?;
    let shown: Vec<String> = values
        .iter()
        .map(|v| {
            format!(
                "\"{}\"",
                evidence::quote(&crate::secrets::redact_header_value(singleton, v))
            )
        })
        .collect();
    Some(Check::fail(
        request::HEADER_DUPLICATES,
        format!(
            "{singleton} is sent {} times: {}",
            values.len(),
            evidence::list(&shown)
        ),
    ))
}

pub(super) fn host_override(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let host = f.sent_header("host")?;
    let authority = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    (!host.eq_ignore_ascii_case(&authority)).then(|| {
        Check::possible(request::HOST_OVERRIDE, format!("Host header \"{host}\" differs from URL host \"{authority}\" (virtual-host routing may send it elsewhere)"))
    })
}

pub(super) fn content_length_override(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let declared: usize = sent.header("content-length")?.trim().parse().ok()?;
    (declared != sent.body.len()).then(|| {
        Check::fail(
            request::CONTENT_LENGTH_OVERRIDE,
            format!(
                "Content-Length {declared} but the body is {} bytes",
                sent.body.len()
            ),
        )
    })
}

pub(super) fn url_length(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let n = sent.url.len();
    let text = format!("URL is {n} bytes; servers commonly reject request lines above 8 KiB");
    if n > 8000 {
        Some(Check::fail(request::URL_LENGTH, text).cite("RFC 9110 §4.1"))
    } else if n > 2048 {
        Some(Check::possible(
            request::URL_LENGTH,
            format!("URL is {n} bytes; some CDNs and proxies cap URLs at 2 KiB"),
        ))
    } else {
        None
    }
}

/// Total header bytes, and the largest header line.
pub fn header_sizes(f: &Facts<'_>) -> Option<(usize, String, usize)> {
    let sent = f.sent?;
    let total = sent.headers.iter().map(|(n, v)| n.len() + v.len() + 4).sum();
    let (name, largest) = sent
        .headers
        .iter()
        .map(|(n, v)| (n.clone(), n.len() + v.len() + 4))
        .max_by_key(|(_, s)| *s)?;
    Some((total, name, largest))
}

pub(super) fn header_size(f: &Facts<'_>) -> Option<Check> {
    let (total, name, largest) = header_sizes(f)?;
    (total > 8192 || largest > 8192).then(|| {
        Check::fail(
            request::HEADER_SIZE,
            format!(
                "Headers total {} (largest {name}: {})",
                evidence::size(total),
                evidence::size(largest)
            ),
        )
    })
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

/// The URL as rendered from the template, before the client normalised it.
pub fn written_url<'a>(f: &Facts<'a>) -> Option<&'a str> {
    f.written
        .and_then(|w| {
            w.fields
                .iter()
                .find(|u| u.field == Field::Url)
                .map(|u| u.rendered.as_str())
        })
        .or_else(|| f.written.map(|w| w.request.url.as_str()))
}

pub(super) fn query_encoding(f: &Facts<'_>) -> Option<Check> {
    let raw = written_url(f)?;
    query_problem(raw).map(|p| Check::possible(request::QUERY_ENCODING, p))
}

pub(super) fn user_agent(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    match sent.header("user-agent") {
        Some(ua) if !ua.trim().is_empty() => None,
        _ => Some(Check::possible(
            request::USER_AGENT,
            "No User-Agent header; some APIs (GitHub, for one) reject such requests",
        )),
    }
}

pub(super) fn method_case(f: &Facts<'_>) -> Option<Check> {
    let method = f.sent?.method.as_str();
    let upper = method.to_ascii_uppercase();
    (method != upper && STANDARD_METHODS.contains(&upper.as_str())).then(|| {
        Check::fail(
            request::METHOD_CASE,
            format!("Method \"{method}\" — HTTP methods are case-sensitive; did you mean {upper}?"),
        )
        .cite("RFC 9110 §9.1")
    })
}
