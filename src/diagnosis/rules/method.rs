//! 405 and 406: the method the URL answers, and the representations both sides accept.

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::{method_not_allowed, not_acceptable};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::diagnosis::sent::urls::endpoint;
use crate::evidence::negotiation::{essence, media_matches, parse_allow, parse_media_list};

// --------------------------------------------------------------------------------------- 405

pub fn method_not_allowed(f: &Facts<'_>) -> Vec<Check> {
    [
        allow(f),
        redirect_rewrite(f),
        collection_vs_item(f),
        trailing_slash(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn allow(f: &Facts<'_>) -> Option<Check> {
    let method = f.method();
    let Some(header) = f.header("allow") else {
        let url = f.sent.map_or("", |s| s.url.as_str());
        return Some(
            Check::unknown(
                method_not_allowed::ALLOW,
                format!("No Allow header (required on 405) — try OPTIONS {url}"),
            )
            .cite("RFC 9110 §15.5.6"),
        );
    };
    let mut allowed = parse_allow(header);
    if f.header("accept-patch").is_some() && !allowed.iter().any(|m| m == "PATCH") {
        allowed.push("PATCH".to_owned());
    }
    Some(if allowed.is_empty() {
        Check::fail(
            method_not_allowed::ALLOW,
            "Allow is empty: no method is allowed on this URL right now",
        )
    } else if allowed.iter().any(|m| m.eq_ignore_ascii_case(method)) {
        Check::pass(
            method_not_allowed::ALLOW,
            format!("Server allows {}, including {method}", allowed.join(", ")),
        )
    } else {
        Check::fail(
            method_not_allowed::ALLOW,
            format!("Server allows {}; you sent {method}", allowed.join(", ")),
        )
        .cite("RFC 9110 §10.2.1")
    })
}

fn redirect_rewrite(f: &Facts<'_>) -> Option<Check> {
    let first = f.first_sent?;
    let last = f.sent?;
    if first.method == last.method {
        return None;
    }
    let (n, hop) = f.hops.iter().enumerate().find(|(_, h)| h.method_changed)?;
    Some(Check::fail(
        method_not_allowed::REDIRECT_REWRITE,
        format!(
            "You composed {}; hop {} ({} {} → {}) turned it into {} — call {} directly",
            first.method,
            n + 1,
            hop.response.status,
            hop.request.url,
            hop.location,
            last.method,
            hop.location
        ),
    ))
}

/// Looks like a record id: a number, a UUID, or a slug containing digits.
fn id_like(segment: &str) -> bool {
    !segment.is_empty()
        && (segment.chars().all(|c| c.is_ascii_digit())
            || (segment.len() == 36 && segment.chars().filter(|c| *c == '-').count() == 4)
            || (segment.chars().any(|c| c.is_ascii_digit())
                && segment.chars().any(|c| c.is_ascii_alphabetic())
                && segment.len() >= 6))
}

fn collection_vs_item(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let path = url.path().trim_end_matches('/');
    let last = path.rsplit('/').next().unwrap_or_default();
    let item = id_like(last);
    let method = f.method();
    let text = match (method, item) {
        ("POST", true) => format!("POST sent to item path {path}; creating usually goes to the collection"),
        ("PUT" | "PATCH" | "DELETE", false) => {
            format!("{method} sent to collection path {path} (no id segment)")
        }
        _ => return None,
    };
    Some(Check::possible(method_not_allowed::COLLECTION_VS_ITEM, text))
}

fn trailing_slash(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let mine = endpoint(&sent.url);
    let other = if let Some(stripped) = mine.strip_suffix('/') {
        stripped.to_owned()
    } else {
        format!("{mine}/")
    };
    let worked = f.history.iter().rev().find(|h| {
        h.sent.method == sent.method && endpoint(&h.sent.url) == other && h.status.is_some_and(|s| s < 400)
    })?;
    Some(Check::fail(
        method_not_allowed::TRAILING_SLASH,
        format!(
            "{} {mine} → 405, but {other} worked at {}",
            sent.method,
            f.clock.local(worked.at)
        ),
    ))
}

// --------------------------------------------------------------------------------------- 406

pub fn not_acceptable(f: &Facts<'_>) -> Vec<Check> {
    [accept(f), q_values(f), other_negotiation(f), offered(f)]
        .into_iter()
        .flatten()
        .collect()
}

fn accept(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent_header("accept").unwrap_or("*/*");
    let ranges = parse_media_list(sent);
    if ranges.iter().any(|r| r.essence == "*/*" && r.q > 0.0) {
        return Some(Check::pass(
            not_acceptable::ACCEPT,
            format!(
                "Accept: {} includes */*; look at the other Accept-* headers",
                quote::text(sent)
            ),
        ));
    }
    let host = f.host();
    let seen: Vec<String> = f
        .history
        .iter()
        .filter(|h| h.host().as_deref() == Some(host.as_str()) && h.status.is_some_and(|s| s < 400))
        .filter_map(|h| h.content_type.as_deref().map(essence))
        .collect();
    if seen.is_empty() {
        return Some(Check::possible(
            not_acceptable::ACCEPT,
            format!(
                "Accept: {} has no */*; the server has nothing in those types",
                quote::text(sent)
            ),
        ));
    }
    let matched = seen
        .iter()
        .any(|t| ranges.iter().any(|r| r.q > 0.0 && media_matches(r, t)));
    Some(if matched {
        Check::pass(
            not_acceptable::ACCEPT,
            format!(
                "Accept: {} covers {} seen from {host} before",
                quote::text(sent),
                seen[0]
            ),
        )
    } else {
        Check::fail(
            not_acceptable::ACCEPT,
            format!(
                "Accept: {} — this host previously answered with {}",
                quote::text(sent),
                seen[0]
            ),
        )
    })
}

fn q_values(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent_header("accept")?;
    let ranges = parse_media_list(sent);
    if let Some(r) = ranges.iter().find(|r| r.q_malformed) {
        return Some(Check::fail(
            not_acceptable::Q_VALUES,
            format!("Accept gives {} a malformed q-value", r.essence),
        ));
    }
    let acceptable: Vec<_> = ranges.iter().filter(|r| r.q > 0.0).collect();
    if acceptable.is_empty() && !ranges.is_empty() {
        return Some(Check::fail(
            not_acceptable::Q_VALUES,
            format!(
                "Accept gives every type q=0 (\"not acceptable\"): {}",
                quote::text(sent)
            ),
        ));
    }
    None
}

fn other_negotiation(f: &Facts<'_>) -> Option<Check> {
    for name in ["accept-encoding", "accept-language", "accept-charset"] {
        let Some(value) = f.sent_header(name) else {
            continue;
        };
        let lower = value.to_ascii_lowercase().replace(' ', "");
        if lower.contains("identity;q=0") || lower.contains("*;q=0") {
            return Some(Check::fail(
                not_acceptable::OTHER_NEGOTIATION,
                format!(
                    "{} rules out what the server may have",
                    quote::header(name, value)
                ),
            ));
        }
    }
    None
}

fn offered(f: &Facts<'_>) -> Option<Check> {
    let text = &f.body_text;
    let types: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == '"' || c == ',' || c == '<' || c == '>')
        .filter(|w| w.contains('/') && (w.starts_with("application/") || w.starts_with("text/")))
        .map(str::to_owned)
        .take(5)
        .collect();
    (!types.is_empty()).then(|| {
        Check::pass(
            not_acceptable::OFFERED,
            format!("Server offers: {}", types.join(", ")),
        )
    })
}
