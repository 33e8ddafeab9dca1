//! Credentials as sent: empty variables, malformed Authorization values, keys in the URL
//! (`R.auth-var-empty`, `R.auth-malformed`, `R.key-in-query`).

use super::super::evidence;
use crate::diagnosis::Check;
use crate::diagnosis::catalogue::request;
use crate::diagnosis::facts::Facts;

/// Whether the auth helper's credential rendered empty, with the variable chain to blame.
pub fn empty_auth_variable(f: &Facts<'_>) -> Option<String> {
    let written = f.written?;
    let auth = written.auth.as_ref()?;
    for field_use in written.auth_uses() {
        if let Some(blank) = field_use.uses.iter().find(|u| u.is_blank()) {
            let env = written
                .environment
                .as_deref()
                .map_or(String::new(), |e| format!(" with environment \"{e}\""));
            return Some(format!(
                "auth is {} but {}{env} is empty: {}",
                auth.kind(),
                format_args!("{{{{ {} }}}}", blank.expr),
                blank.describe()
            ));
        }
        if field_use.rendered.trim().is_empty() {
            return Some(format!(
                "auth is {} but its {} is empty",
                auth.kind(),
                field_use.field
            ));
        }
    }
    None
}

pub(super) fn auth_variable_empty(f: &Facts<'_>) -> Option<Check> {
    let written = f.written?;
    written.auth.as_ref()?;
    Some(match empty_auth_variable(f) {
        Some(text) => Check::fail(request::AUTH_VAR_EMPTY, text),
        None => Check::pass(
            request::AUTH_VAR_EMPTY,
            "Every variable used by the auth helper has a value",
        ),
    })
}

/// Problems with an Authorization value, per RFC 6750 §2.1 and RFC 7617.
pub fn authorization_problem(value: &str) -> Option<String> {
    let redacted = || evidence::header("Authorization", value);
    if value.trim().is_empty() {
        return Some("Authorization is empty".to_owned());
    }
    let (scheme, rest) = value.trim_start().split_once(' ').unwrap_or((value.trim(), ""));
    if scheme.ends_with(':') {
        return Some(format!(
            "Authorization is \"{scheme} …\" — no colon belongs after the scheme"
        ));
    }
    if rest.trim().is_empty() {
        return Some(format!("Authorization is \"{scheme} \" with an empty credential"));
    }
    if value != value.trim() || value.contains(['\r', '\n', '\t']) {
        return Some(format!("{} has stray whitespace", redacted()));
    }
    let rest = rest.trim();
    let first_word = rest.split(' ').next().unwrap_or_default();
    if first_word.eq_ignore_ascii_case(scheme) {
        return Some(format!(
            "Authorization repeats the scheme: \"{scheme} {first_word} …\""
        ));
    }
    if rest.starts_with('"') || rest.starts_with('\'') {
        return Some(format!("The {scheme} credential is wrapped in quotes"));
    }
    if scheme.eq_ignore_ascii_case("bearer") {
        let b64token = rest.trim_end_matches('=');
        if b64token.is_empty()
            || !b64token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~+/".contains(c))
        {
            return Some(format!(
                "{} contains characters a bearer token may not have",
                redacted()
            ));
        }
        if rest.eq_ignore_ascii_case("undefined") || rest.eq_ignore_ascii_case("null") {
            return Some(format!(
                "The bearer token is the text \"{rest}\" — a missing value was stringified"
            ));
        }
    }
    if scheme.eq_ignore_ascii_case("basic") {
        use base64::Engine as _;
        match base64::engine::general_purpose::STANDARD.decode(rest) {
            Err(_) if rest.contains(':') => {
                return Some(
                    "Basic credentials are \"user:password\" in clear; they must be base64-encoded"
                        .to_owned(),
                );
            }
            Err(_) => return Some("Basic credentials are not valid base64".to_owned()),
            Ok(decoded) => {
                let decoded = String::from_utf8_lossy(&decoded);
                if !decoded.contains(':') {
                    return Some(format!(
                        "Basic credentials decode to \"{decoded}\" with no \":\" separator"
                    ));
                }
            }
        }
    }
    None
}

pub(super) fn auth_malformed(f: &Facts<'_>) -> Option<Check> {
    let value = f.sent_header("authorization")?;
    Some(match authorization_problem(value) {
        Some(problem) => Check::fail(request::AUTH_MALFORMED, problem).cite("RFC 6750 §2.1"),
        None => Check::pass(request::AUTH_MALFORMED, evidence::header("Authorization", value)),
    })
}

/// Query parameters that look like credentials (troubleshooting.md §1.5).
pub fn key_like_param(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(
        n.as_str(),
        "api_key" | "apikey" | "api-key" | "key" | "access_token" | "token" | "auth" | "client_secret"
    ) || n.ends_with("_key")
        || n.ends_with("-key")
        || n.ends_with("token")
}

pub(super) fn key_in_query(f: &Facts<'_>) -> Option<Check> {
    let (name, value) = f
        .sent_query
        .iter()
        .find(|(n, v)| key_like_param(n) && !v.is_empty())?;
    Some(
        Check::possible(
            request::KEY_IN_QUERY,
            format!(
                "API key sent as query parameter \"{name}\" ({}) — it will appear in server and proxy logs; prefer a header if the API supports it",
                evidence::param_value(name, value)
            ),
        )
        .cite("RFC 9110 §17.9"),
    )
}
