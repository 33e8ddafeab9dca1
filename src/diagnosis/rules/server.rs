//! 500, 501, 502 and 504: did the application fail, or something in front of it; is it this
//! request or the whole host; and could an unsafe request have been applied anyway.

use std::time::Duration;

use super::incident;
use crate::diagnosis::Check;
use crate::diagnosis::catalogue::CheckSpec;
use crate::diagnosis::catalogue::{bad_gateway, gateway_timeout, internal_error, not_implemented};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::diagnosis::sent::body::{find_in_json, sniff};
use crate::diagnosis::sent::urls::endpoint;
use crate::evidence::intermediary::GeneratorKind;
use crate::evidence::negotiation::{STANDARD_METHODS, parse_allow};

pub fn internal_error(f: &Facts<'_>) -> Vec<Check> {
    [
        server_fault(f),
        exception_leak(f),
        diff_last_success(f),
        input_oddities(f),
        content_type(f),
        incident::host_wide(f, internal_error::HOST_WIDE, 500),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn not_implemented(f: &Facts<'_>) -> Vec<Check> {
    [
        method_name(f),
        patch(f),
        transfer_encoding(f),
        generator(f, not_implemented::GENERATOR),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn bad_gateway(f: &Facts<'_>) -> Vec<Check> {
    [
        // A CDN's own code (Cloudflare 522) says more than who answered.
        cdn_code(f),
        who(f, bad_gateway::WHO),
        fast_fail(f),
        incident::host_wide(f, bad_gateway::HOST_WIDE, 502),
        maybe_processed(f, bad_gateway::MAYBE_PROCESSED),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn gateway_timeout(f: &Facts<'_>) -> Vec<Check> {
    [
        who(f, gateway_timeout::WHO),
        elapsed_limit(f),
        cost(f),
        incident::host_wide(f, gateway_timeout::HOST_WIDE, 504),
        maybe_processed(f, gateway_timeout::MAYBE_PROCESSED),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The application itself failed: its own (non-gateway) body says so. A healthy assertion
/// that fails, so the checklist leads with the actual cause rather than the absence of one.
fn server_fault(f: &Facts<'_>) -> Option<Check> {
    let g = f.generator.as_ref()?;
    // Only a body that is the API's own says the application failed; an HTML page may be
    // anyone's.
    if !matches!(g.kind, GeneratorKind::Application | GeneratorKind::PassedThrough) {
        return None;
    }
    if f.error_body.soap_sender_fault() {
        return Some(Check::pass(
            internal_error::SERVER_FAULT,
            format!(
                "The SOAP fault's code {} puts the fault with the request: SOAP 1.1 answers every fault with 500",
                f.error_body.code.as_deref().unwrap_or_default()
            ),
        ));
    }
    let id = f
        .error_body
        .request_id
        .clone()
        .or_else(|| f.header("x-request-id").map(str::to_owned));
    let said = f
        .error_body
        .headline
        .as_deref()
        .map_or(String::new(), |h| format!(": \"{}\"", quote::text(h)));
    let report = match &id {
        Some(id) => format!(", error id {id} — the failure is on the server side; report it with the id"),
        None => " — the failure is on the server side".to_owned(),
    };
    Some(Check::fail(
        internal_error::SERVER_FAULT,
        format!("The API itself answered 500{said}{report}"),
    ))
}

fn exception_leak(f: &Facts<'_>) -> Option<Check> {
    let text = &f.body_text;
    let markers = [
        "Traceback (most recent call last)",
        "NullPointerException",
        "ActiveRecord::",
        "panicked at",
        "\tat com.",
        "\tat org.",
        "Exception:",
        "Error: ",
    ];
    let marker = markers.into_iter().find(|m| text.contains(m))?;
    // The exception itself says what went wrong: `RuntimeError: You called this URL via
    // POST…` (a traceback's last line), `java.lang.IllegalStateException: …`; else the line
    // that gave the leak away.
    let line = exception_line(text)
        .or_else(|| text.lines().find(|l| l.contains(marker.trim())))
        .unwrap_or_default()
        .trim();
    let field = f
        .sent_json
        .as_ref()
        .and_then(serde_json::Value::as_object)
        .and_then(|o| o.keys().find(|k| text.contains(k.as_str())).cloned())
        .map_or(String::new(), |k| format!(" — mentions \"{k}\""));
    let text = format!("Server leaked an exception: \"{}\"{field}", quote::text(line));
    // A fault the server puts with the request is the news; the trace beside it is not.
    Some(if f.error_body.soap_sender_fault() {
        Check::possible(internal_error::EXCEPTION_LEAK, text)
    } else {
        Check::fail(internal_error::EXCEPTION_LEAK, text)
    })
}

/// The line naming the exception and its message: `Name: message`, where the name is a
/// dotted or plain identifier ending in Error or Exception (`RuntimeError`,
/// `django.core.exceptions.ImproperlyConfigured` is missed, `java.lang.NullPointerException`).
fn exception_line(text: &str) -> Option<&str> {
    text.lines().map(str::trim).find(|line| {
        line.split_once(':').is_some_and(|(name, message)| {
            let name = name.trim();
            !message.trim().is_empty()
                && !name.contains(' ')
                && (name.ends_with("Error") || name.ends_with("Exception"))
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '$'))
        })
    })
}

fn diff_last_success(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let base = endpoint(&sent.url);
    let Some(ok) = f.history.iter().rev().find(|h| {
        h.sent.method == sent.method && endpoint(&h.sent.url) == base && h.status.is_some_and(|s| s < 400)
    }) else {
        return Some(Check::unknown(
            internal_error::DIFF_LAST_SUCCESS,
            "No earlier success for this method and URL to compare with",
        ));
    };
    let mut differences = Vec::new();
    if ok.sent.url != sent.url {
        differences.push("query".to_owned());
    }
    if ok.sent.body != sent.body {
        differences.push(body_diff(&ok.sent.body, f.sent_json.as_ref()));
    }
    let names = |h: &[(String, String)]| h.iter().map(|(n, _)| n.to_ascii_lowercase()).collect::<Vec<_>>();
    if names(&ok.sent.headers) != names(&sent.headers) {
        differences.push("headers".to_owned());
    }
    let when = format!("{} at {}", ok.status.unwrap_or_default(), f.clock.local(ok.at));
    Some(if differences.is_empty() {
        Check::pass(
            internal_error::DIFF_LAST_SUCCESS,
            format!("Same request returned {when}; it is not the input"),
        )
    } else {
        Check::possible(
            internal_error::DIFF_LAST_SUCCESS,
            format!(
                "Same endpoint returned {when}; this request differs in: {}",
                differences.join(", ")
            ),
        )
    })
}

/// The top-level fields that differ between an earlier body and this one (already parsed).
fn body_diff(before: &[u8], after: Option<&serde_json::Value>) -> String {
    let (Ok(serde_json::Value::Object(a)), Some(serde_json::Value::Object(b))) =
        (serde_json::from_slice::<serde_json::Value>(before), after)
    else {
        return "body".to_owned();
    };
    let changed: Vec<String> = b
        .iter()
        .filter(|(k, v)| a.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .chain(a.keys().filter(|k| !b.contains_key(*k)).cloned())
        .collect();
    if changed.is_empty() {
        "body".to_owned()
    } else {
        format!("body fields {}", changed.join(", "))
    }
}

fn input_oddities(f: &Facts<'_>) -> Option<Check> {
    let json = f.sent_json.as_ref()?;
    let odd = find_in_json(json, &oddity)?;
    Some(Check::possible(internal_error::INPUT_ODDITIES, odd))
}

/// A value servers tend to choke on: a number past 2^53, a huge string, an empty id, a null
/// inside an array.
fn oddity(path: &str, value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.as_f64().is_some_and(|v| v.abs() > 9_007_199_254_740_992.0) => Some(format!(
            "\"{path}\" is {n} (beyond 2^53; may overflow server-side)"
        )),
        Value::String(s) if s.chars().count() > 10_000 => {
            Some(format!("\"{path}\" is a {}-character string", s.chars().count()))
        }
        Value::String(s) if s.is_empty() && path.ends_with("id") => {
            Some(format!("\"{path}\" is an empty string for an id"))
        }
        Value::Array(items) if items.iter().any(Value::is_null) => Some(format!("\"{path}\" contains null")),
        _ => None,
    }
}

fn content_type(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    if sent.body.is_empty() || sent.header("content-type").is_some() {
        return None;
    }
    Some(Check::possible(
        internal_error::CONTENT_TYPE,
        format!(
            "{} body sent without Content-Type; some frameworks crash instead of returning 400",
            sniff(&sent.body)
        ),
    ))
}

fn method_name(f: &Facts<'_>) -> Option<Check> {
    let method = f.method();
    let upper = method.to_ascii_uppercase();
    if STANDARD_METHODS.contains(&method) {
        return Some(Check::pass(
            not_implemented::METHOD_NAME,
            format!("{method} is a standard method"),
        ));
    }
    let hint = if STANDARD_METHODS.contains(&upper.as_str()) {
        format!("methods are case-sensitive; did you mean {upper}?")
    } else {
        crate::suggest::closest(&upper, STANDARD_METHODS.iter().copied())
            .first()
            .map_or_else(
                || "not a method servers know".to_owned(),
                |m| format!("did you mean {m}?"),
            )
    };
    Some(
        Check::fail(
            not_implemented::METHOD_NAME,
            format!("Method \"{method}\" — {hint}"),
        )
        .cite("RFC 9110 §9.1"),
    )
}

fn patch(f: &Facts<'_>) -> Option<Check> {
    if f.method() != "PATCH" {
        return None;
    }
    let allow = f
        .header("allow")
        .map(|a| format!(" (Allow: {})", parse_allow(a).join(", ")))
        .unwrap_or_default();
    // A 501 to a PATCH is the server saying it has no PATCH: direct evidence.
    Some(Check::fail(
        not_implemented::PATCH,
        format!("This server does not implement PATCH{allow}; the API may expect PUT"),
    ))
}

fn transfer_encoding(f: &Facts<'_>) -> Option<Check> {
    let te = f.sent_header("transfer-encoding")?;
    Some(
        Check::fail(
            not_implemented::TRANSFER_ENCODING,
            format!("Request used Transfer-Encoding: {te}; send Content-Length instead"),
        )
        .cite("RFC 9112 §6.1"),
    )
}

fn generator(f: &Facts<'_>, spec: &'static CheckSpec) -> Option<Check> {
    let g = f
        .generator
        .as_ref()
        .filter(|g| g.kind == GeneratorKind::Intermediary)?;
    Some(Check::possible(
        spec,
        format!(
            "{} rejected method {} ({})",
            g.who.as_deref().unwrap_or("An intermediary"),
            f.method(),
            quote::list(&g.signals)
        ),
    ))
}

/// Who produced a gateway error; for 502/504 an intermediary is the expected answer, so its
/// name is the evidence people need.
fn who(f: &Facts<'_>, spec: &'static CheckSpec) -> Option<Check> {
    let g = f.generator.as_ref()?;
    let after = f
        .exchange
        .and_then(|e| e.timing.headers_after)
        .map_or(String::new(), |t| format!(" after {}", crate::format::elapsed(t)));
    let verb = if spec == gateway_timeout::WHO {
        "gave up waiting for the upstream"
    } else {
        "got a bad answer from the upstream"
    };
    Some(match g.kind {
        GeneratorKind::Intermediary | GeneratorKind::PassedThrough => Check::fail(
            spec,
            format!(
                "Generated by {} ({}): it {verb}{after}",
                g.who.as_deref().unwrap_or("a gateway"),
                quote::list(&g.signals)
            ),
        ),
        // A 502 or 504 with no body of the API's, from a server that names itself: that
        // server is the proxy in front (Caddy, Apache, Traefik answer so with an empty body).
        GeneratorKind::Unrecognised | GeneratorKind::Application
            if f.error_body.format.is_none_or(|fmt| !fmt.is_json())
                && let Some(server) = f.header("server").filter(|s| !s.trim().is_empty()) =>
        {
            Check::fail(
                spec,
                format!(
                    "Generated by {} (Server: {}, and no body of the API's): it {verb}{after}",
                    server.split('/').next().unwrap_or(server).trim(),
                    quote::text(server)
                ),
            )
        }
        GeneratorKind::Application | GeneratorKind::Unrecognised => Check::unknown(
            spec,
            format!(
                "No gateway signature (Via, Server, CDN headers); the API may report its own upstream failure{after}"
            ),
        ),
    })
}

fn cdn_code(f: &Facts<'_>) -> Option<Check> {
    let code = f.generator.as_ref()?.cdn_code?;
    let meaning = match code {
        520 => "the origin returned an empty or unknown response",
        521 => "the origin refused the connection",
        522 => "the edge could not open a TCP connection to the origin",
        523 => "the origin is unreachable",
        524 => "the origin accepted the connection but did not answer in time",
        525 => "the TLS handshake with the origin failed",
        526 => "the origin's certificate is invalid",
        _ => "see the CDN's documentation for this code",
    };
    Some(Check::fail(
        bad_gateway::CDN_CODE,
        format!("Cloudflare {code}: {meaning}"),
    ))
}

fn fast_fail(f: &Facts<'_>) -> Option<Check> {
    let t = f.exchange?.timing.headers_after?;
    Some(if t < Duration::from_millis(100) {
        Check::possible(
            bad_gateway::FAST_FAIL,
            format!(
                "502 arrived after {} — the upstream refused at once (down or restarting?)",
                crate::format::elapsed(t)
            ),
        )
    } else if t > Duration::from_secs(5) {
        Check::possible(
            bad_gateway::FAST_FAIL,
            format!(
                "502 arrived after {} — the upstream died mid-request",
                crate::format::elapsed(t)
            ),
        )
    } else {
        Check::unknown(
            bad_gateway::FAST_FAIL,
            format!("502 arrived after {}", crate::format::elapsed(t)),
        )
    })
}

fn maybe_processed(f: &Facts<'_>, spec: &'static CheckSpec) -> Option<Check> {
    if f.idempotent() {
        return None;
    }
    Some(Check::possible(
        spec,
        format!(
            "The upstream may have processed this {} before failing — check the state before retrying",
            f.method()
        ),
    ))
}

/// Common gateway time limits in seconds (AWS API Gateway 29 s, ALB/nginx 60 s, Cloudflare 100 s).
const GATEWAY_LIMITS: [(f64, &str); 5] = [
    (29.0, "AWS API Gateway's default 29 s"),
    (30.0, "a 30 s gateway limit"),
    (60.0, "the 60 s default of nginx proxy_read_timeout and AWS ALB"),
    (100.0, "Cloudflare's ~100 s"),
    (120.0, "a 120 s gateway limit"),
];

fn elapsed_limit(f: &Facts<'_>) -> Option<Check> {
    let t = f.exchange?.timing.headers_after?;
    let secs = t.as_secs_f64();
    Some(
        match GATEWAY_LIMITS
            .iter()
            .find(|(limit, _)| (secs - limit).abs() <= 1.0)
        {
            Some((_, name)) => Check::fail(
                gateway_timeout::ELAPSED_LIMIT,
                format!(
                    "Answered after {} — matches {name} timeout",
                    crate::format::elapsed(t)
                ),
            ),
            None => Check::pass(
                gateway_timeout::ELAPSED_LIMIT,
                format!(
                    "Answered after {}, which matches no common gateway limit (29, 30, 60, 100, 120 s)",
                    crate::format::elapsed(t)
                ),
            ),
        },
    )
}

fn cost(f: &Facts<'_>) -> Option<Check> {
    let big = f.sent_query.iter().find(|(k, v)| {
        let k = k.to_ascii_lowercase();
        (matches!(
            k.as_str(),
            "limit" | "per_page" | "page_size" | "pagesize" | "size" | "count"
        ) && v.parse::<u64>().is_ok_and(|n| n > 100))
            || (matches!(k.as_str(), "expand" | "include" | "embed")
                && (v == "*" || v.matches(',').count() >= 3))
    })?;
    Some(Check::possible(
        gateway_timeout::COST,
        format!(
            "Request asks for {}={} — try smaller pages or fewer expansions",
            big.0,
            quote::text(&big.1)
        ),
    ))
}
