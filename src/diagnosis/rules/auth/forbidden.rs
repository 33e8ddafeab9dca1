//! 403 Forbidden: missing scopes, credentials, a rate limit in disguise, a WAF or CDN block,
//! the User-Agent, AWS signatures, CSRF tokens and the token's audience (`403.*`).

use super::token::audience;
use crate::diagnosis::Check;
use crate::diagnosis::catalogue::forbidden;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::phrase::Phrase;
use crate::diagnosis::quote;
use crate::diagnosis::sent::credentials::empty_auth_variable;
use crate::evidence::intermediary::GeneratorKind;

pub fn forbidden(f: &Facts<'_>) -> Vec<Check> {
    [
        scope(f),
        forbidden_creds(f),
        rate_limited(f),
        edge_block(f),
        user_agent(f),
        aws(f),
        csrf(f),
        audience(f, forbidden::AUDIENCE),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn forbidden_creds(f: &Facts<'_>) -> Option<Check> {
    let found = &f.credentials;
    Some(match found.first() {
        Some(c) => Check::pass(forbidden::CREDS, c.sent()),
        None => Check::possible(
            forbidden::CREDS,
            match f.written.and_then(empty_auth_variable) {
                Some(empty) => format!(
                    "No credentials were sent ({empty}); this API may use 403 for unauthenticated requests"
                ),
                None => {
                    "No credentials were sent; this API may use 403 for unauthenticated requests".to_owned()
                }
            },
        ),
    })
}

fn split_scopes(text: &str) -> Vec<String> {
    text.split([' ', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn scope(f: &Facts<'_>) -> Option<Check> {
    let bearer = f
        .challenges
        .iter()
        .find(|c| c.param("error") == Some("insufficient_scope"));
    let required: Vec<String> = bearer
        .and_then(|c| c.param("scope"))
        .map(split_scopes)
        .or_else(|| f.header("x-accepted-oauth-scopes").map(split_scopes))
        .unwrap_or_default();
    let granted: Option<Vec<String>> = f
        .bearer_claims
        .as_ref()
        .map(|c| c.scopes.clone())
        .filter(|s| !s.is_empty())
        .or_else(|| f.header("x-oauth-scopes").map(split_scopes));
    if required.is_empty() && bearer.is_none() {
        return None;
    }
    let need = if required.is_empty() {
        "a scope it does not name".to_owned()
    } else {
        quote::list(&required)
    };
    Some(match granted {
        Some(granted) => {
            let missing: Vec<String> = required.iter().filter(|r| !granted.contains(r)).cloned().collect();
            if missing.is_empty() && bearer.is_none() {
                Check::pass(forbidden::SCOPE, format!("Server requires {need}; token grants {}", quote::list(&granted)))
            } else {
                let missing = if missing.is_empty() { need.clone() } else { quote::list(&missing) };
                Check::fail(forbidden::SCOPE, format!("Server requires scope {need}; token grants {} → missing {missing}", quote::list(&granted)))
            }
        }
        None => Check::fail(
            forbidden::SCOPE,
            format!(
                "Server says insufficient_scope and requires scope {need}; the token is opaque, so its own scopes are not visible"
            ),
        )
        .cite("RFC 6750 §3.1"),
    })
}

fn rate_limited(f: &Facts<'_>) -> Option<Check> {
    let text = f.body_lower.as_str();
    if let Some(limit) = f.rate_limits.exhausted(f.received_at) {
        let mut text = Phrase::from(format!("{} reports 0 requests left", limit.source));
        if let Some(at) = limit.reset_at {
            text = text.text("; resets at ").when(at);
        }
        return Some(Check::fail(
            forbidden::RATE_LIMITED,
            text.text(" — this 403 is a rate limit"),
        ));
    }
    if [
        "rate limit",
        "secondary rate limit",
        "abuse detection",
        "too many requests",
    ]
    .iter()
    .any(|k| text.contains(k))
    {
        return Some(Check::fail(
            forbidden::RATE_LIMITED,
            "The body mentions a rate limit — this 403 is a rate limit",
        ));
    }
    let remaining = f.rate_limits.limits.iter().filter_map(|l| l.remaining).min()?;
    Some(Check::pass(
        forbidden::RATE_LIMITED,
        format!(
            "Rate-limit headers show {} left",
            crate::format::count(remaining, "request", "requests")
        ),
    ))
}

fn edge_block(f: &Facts<'_>) -> Option<Check> {
    let g = f.generator.as_ref()?;
    let text = &f.body_text;
    let marker = [
        "Error 1020",
        "Access denied",
        "Reference #",
        "Request blocked",
        "Attention Required",
    ]
    .into_iter()
    .find(|m| text.contains(m));
    Some(match (g.kind, marker) {
        (GeneratorKind::Intermediary, _) | (GeneratorKind::Unrecognised, Some(_)) => Check::fail(
            forbidden::EDGE_BLOCK,
            format!(
                "Blocked by {} ({}) before reaching the API",
                g.who.as_deref().unwrap_or("an edge service"),
                quote::list(
                    &g.signals
                        .iter()
                        .cloned()
                        .chain(marker.map(|m| format!("body: \"{m}\"")))
                        .collect::<Vec<_>>()
                )
            ),
        ),
        _ => Check::pass(
            forbidden::EDGE_BLOCK,
            "The refusal is the API's own body, not an edge page",
        ),
    })
}

fn user_agent(f: &Facts<'_>) -> Option<Check> {
    let ua = f.sent_header("user-agent").filter(|u| !u.trim().is_empty());
    let mentions = f.body_lower.as_str().contains("user-agent");
    let github = f.host().ends_with("github.com");
    match ua {
        None if mentions || github => Some(Check::fail(
            forbidden::USER_AGENT,
            format!(
                "No User-Agent header was sent; {}",
                if github {
                    "GitHub rejects such requests with 403"
                } else {
                    "the body asks for one"
                }
            ),
        )),
        Some(ua) if mentions => Some(
            Check::possible(
                forbidden::USER_AGENT,
                format!("The body mentions User-Agent; you sent \"{}\"", quote::text(ua)),
            )
            .labelled("The User-Agent is accepted"),
        ),
        _ => None,
    }
}

fn aws(f: &Facts<'_>) -> Option<Check> {
    let text = &f.body_text;
    if text.contains("Missing Authentication Token") {
        return Some(Check::fail(
            forbidden::AWS,
            format!(
                "AWS API Gateway says \"Missing Authentication Token\" — usually no route matches {} {}",
                f.method(),
                f.url.as_ref().map_or("", url::Url::path)
            ),
        ));
    }
    for code in [
        "SignatureDoesNotMatch",
        "RequestTimeTooSkewed",
        "InvalidSignatureException",
        "IncompleteSignature",
    ] {
        if text.contains(code) {
            let skew = f
                .server_date
                .map(|d| crate::evidence::retry_after::clock_skew_secs(d, f.received_at))
                .map_or(String::new(), |s| format!("; local clock skew {s:+} s"));
            return Some(Check::fail(
                forbidden::AWS,
                format!("AWS: {code}{skew} — check the canonical request and the clock"),
            ));
        }
    }
    None
}

fn csrf(f: &Facts<'_>) -> Option<Check> {
    if !matches!(f.method(), "POST" | "PUT" | "PATCH" | "DELETE") {
        return None;
    }
    let cookie = f.sent_header("cookie")?;
    let csrf_cookie = cookie
        .split(';')
        .filter_map(|c| c.split_once('=').map(|(n, _)| n.trim()))
        .find(|n| {
            ["csrftoken", "xsrf-token", "_csrf", "csrf_token"].contains(&n.to_ascii_lowercase().as_str())
        })?;
    let header = ["x-csrftoken", "x-xsrf-token", "x-csrf-token"]
        .iter()
        .find(|h| f.sent_header(h).is_some());
    Some(match header {
        Some(h) => Check::pass(
            forbidden::CSRF,
            format!("Cookie {csrf_cookie} and header {h} were both sent"),
        ),
        None => Check::fail(
            forbidden::CSRF,
            format!(
                "Authenticated by cookie and cookie \"{csrf_cookie}\" exists, but no X-CSRFToken / X-XSRF-TOKEN / X-CSRF-Token header was sent"
            ),
        ),
    })
}
