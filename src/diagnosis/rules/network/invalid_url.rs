//! The URL or a header could not be used as written (`InvalidUrl` and `Template` failures):
//! scheme, unresolved host, port, host characters, empty host, header names and values
//! (`url.*`).

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::url;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::http::Failure;
use crate::request::{Field, Written};

fn raw_url<'a>(f: &Facts<'a>, failure: &'a Failure) -> &'a str {
    failure
        .request
        .as_ref()
        .map(|r| r.url.as_str())
        .or_else(|| f.sent.map(|s| s.url.as_str()))
        .unwrap_or_default()
}

pub(super) fn invalid_url(f: &Facts<'_>, failure: &Failure) -> Vec<Option<Check>> {
    let url = raw_url(f, failure);
    let mut out = vec![
        url_scheme(url),
        url_placeholder_host(url),
        url_port(url),
        url_host_chars(url),
        url_empty_host(url),
    ];
    let message = failure.message.as_str();
    // A header value with a line break stops the request whatever the library calls it
    // ("builder error: failed to parse header value"): name the header from what was built.
    let broken_header = failure.request.as_ref().or(f.sent).and_then(|sent| {
        sent.headers
            .iter()
            .find(|(_, v)| v.chars().any(|c| c.is_control() && c != '\t'))
    });
    if let Some((name, value)) = broken_header
        && !message.contains("the value of header")
    {
        let what = if value.ends_with(['\n', '\r']) {
            "ends with a line break — often a value read from a file or pasted with its newline"
        } else {
            "contains a line break or control character"
        };
        let from = f
            .written
            .and_then(|w| control_character_source(w, name))
            .map_or(String::new(), |chain| format!("; it comes from {chain}"));
        out.push(Some(
            Check::fail(
                url::HEADER_VALUE,
                format!("The value of header `{name}` {what}{from}"),
            )
            .cite("RFC 9110 §5.5"),
        ));
    }
    if message.contains("the value of header") {
        // "the value of header `Authorization` contains …": the name between backticks.
        let from = message
            .split('`')
            .nth(1)
            .zip(f.written)
            .and_then(|(name, w)| control_character_source(w, name))
            .map_or(String::new(), |chain| format!("; it comes from {chain}"));
        out.push(Some(
            Check::fail(url::HEADER_VALUE, format!("{message}{from}")).cite("RFC 9110 §5.5"),
        ));
    }
    if message.starts_with("header name") {
        out.push(Some(Check::fail(url::HEADER_NAME, message.to_owned())));
    }
    if out.iter().all(Option::is_none) {
        out.push(Some(Check::fail(url::INVALID, message.to_owned())));
    }
    out
}

/// The variable chain that put a control character into header `name` (the auth helper's
/// fields stand for Authorization): `{{ env.RENDER_API_KEY }} (the process environment)`.
fn control_character_source(written: &Written, name: &str) -> Option<String> {
    let is_authorization = name.eq_ignore_ascii_case("authorization");
    written
        .fields
        .iter()
        .filter(|u| match &u.field {
            Field::Header(header) => header.eq_ignore_ascii_case(name),
            Field::Auth(_) => is_authorization,
            _ => false,
        })
        .flat_map(|u| &u.uses)
        .find(|r| r.value.chars().any(|c| c.is_control() && c != '\t'))
        .map(crate::template::Resolution::describe)
}

fn after_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

fn url_scheme(url: &str) -> Option<Check> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://https://") || lower.starts_with("http://http") {
        return Some(Check::fail(
            url::SCHEME,
            format!("The scheme is doubled: \"{}\"", quote::text(url)),
        ));
    }
    match lower.split_once("://") {
        None => {
            let (host, port) = host_and_port(url.trim());
            let scheme = if is_local(&host) { "http://" } else { "https://" };
            let read_as = match port {
                // `localhost:8899/items` parses as the scheme `localhost:`.
                Some(_) => format!("\"{host}:\" was read as its scheme"),
                None => "it was read as a relative path".to_owned(),
            };
            Some(Check::fail(
                url::SCHEME,
                format!(
                    "URL has no scheme — in \"{}\" {read_as}; add {scheme}",
                    quote::text(url)
                ),
            ))
        }
        Some((scheme, _)) if scheme != "http" && scheme != "https" => {
            let hint = crate::suggest::closest(scheme, ["http", "https"])
                .first()
                .cloned();
            Some(Check::fail(
                url::SCHEME,
                match hint {
                    Some(h) => format!("Scheme \"{scheme}:\" looks like a typo for {h}:"),
                    None => format!("Scheme \"{scheme}:\" is not HTTP; apibench speaks http and https"),
                },
            ))
        }
        Some(_) => None,
    }
}

/// The host and port a scheme-less URL starts with: `localhost:8899/items` → (`localhost`,
/// `8899`).
fn host_and_port(url: &str) -> (String, Option<u16>) {
    let authority = url.split(['/', '?', '#']).next().unwrap_or_default();
    match authority.rsplit_once(':') {
        Some((host, port)) if port.parse::<u16>().is_ok() => (host.to_ascii_lowercase(), port.parse().ok()),
        _ => (authority.to_ascii_lowercase(), None),
    }
}

/// A host on this machine or a private network, where plain http:// is the usual scheme.
fn is_local(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost"
        || host.ends_with(".localhost")
        || host
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.eq_ignore_ascii_case("local"))
        || host.ends_with(".internal")
        || host == "::1"
        || host == "0.0.0.0"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback() || ip.is_private())
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
            url::PLACEHOLDER_HOST,
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
            url::PORT,
            format!("Port \"{port}\" is not a number between 1 and 65535"),
        )
    })
}

fn url_host_chars(url: &str) -> Option<Check> {
    let host = authority(url).rsplit('@').next().unwrap_or_default();
    if host.contains(' ') {
        return Some(Check::fail(
            url::HOST_CHARS,
            format!("Host contains a space: \"{host}\""),
        ));
    }
    if host.contains('\\') {
        return Some(Check::fail(
            url::HOST_CHARS,
            format!("Host contains a backslash: \"{host}\""),
        ));
    }
    if host.matches(':').count() > 1 && !host.starts_with('[') {
        return Some(Check::fail(
            url::HOST_CHARS,
            format!("IPv6 literal must be in brackets: http://[{host}]/"),
        ));
    }
    None
}

fn url_empty_host(url: &str) -> Option<Check> {
    (url.contains("://") && authority(url).is_empty()).then(|| {
        Check::fail(
            url::EMPTY_HOST,
            format!("URL \"{}\" has an empty host", quote::text(url)),
        )
    })
}
