//! The URL and headers on the wire: slashes, scheme, whitespace, duplicates, overrides,
//! sizes, query encoding, User-Agent and method case.

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::request;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::diagnosis::sent::headers;
use crate::diagnosis::sent::urls::{is_loopback, query_problem, written_url};
use crate::evidence::negotiation::STANDARD_METHODS;

pub(super) fn slashes(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let path = url.path();
    if let Some(at) = path.find("//") {
        return Some(Check::possible(
            request::SLASHES,
            format!(
                "Path \"{}\" has \"//\" at position {} (a base URL ending in / joined to a path starting with /?)",
                quote::text(path),
                at + 1
            ),
        ));
    }
    if path.ends_with("/.") || path.to_ascii_lowercase().contains("%2f") {
        return Some(Check::possible(
            request::SLASHES,
            format!(
                "Path \"{}\" has an encoded or dotted slash that servers treat differently",
                quote::text(path)
            ),
        ));
    }
    None
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
            quote::text(&crate::secrets::redact_header_value(name, value))
        ),
    ))
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
    let repeated = headers::repeated(f.sent?);
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
                quote::text(&crate::secrets::redact_header_value(singleton, v))
            )
        })
        .collect();
    Some(Check::fail(
        request::HEADER_DUPLICATES,
        format!(
            "{singleton} is sent {} times: {}",
            values.len(),
            quote::list(&shown)
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

pub(super) fn header_size(f: &Facts<'_>) -> Option<Check> {
    let (total, name, largest) = headers::sizes(f.sent?)?;
    (total > 8192 || largest > 8192).then(|| {
        Check::fail(
            request::HEADER_SIZE,
            format!(
                "Headers total {} (largest {name}: {})",
                quote::size(total),
                quote::size(largest)
            ),
        )
    })
}

pub(super) fn query_encoding(f: &Facts<'_>) -> Option<Check> {
    let raw = written_url(f.written)?;
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
