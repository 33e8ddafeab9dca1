//! 401, 403 and 407: were credentials sent, in the scheme the server asks for, still valid,
//! and meant for this host — or is something in between (a proxy, a WAF) refusing.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::evidence;
use super::request::{authorization_problem, empty_auth_variable, is_loopback, key_like_param};
use crate::diagnosis::Check;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::parse::challenge::Challenge;
use crate::diagnosis::parse::error_body::BodyFormat;
use crate::diagnosis::parse::intermediary::GeneratorKind;
use crate::diagnosis::parse::jwt::{JwtClaims, decode_jwt};

/// A credential found in what was sent (troubleshooting.md §1.5).
pub struct Credential {
    /// Where and what, redacted for evidence: `X-API-Key: ****`, `password: **** (7 chars)`.
    pub shown: String,
}

/// API-key-looking header names (§1.5).
fn key_like_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let last = n.rsplit('-').next().unwrap_or_default();
    matches!(
        n.as_str(),
        "x-api-key"
            | "api-key"
            | "apikey"
            | "api-token"
            | "access-token"
            | "auth-token"
            | "x-auth-token"
            | "private-token"
    ) || n.ends_with("-api-key")
        || n.ends_with("-apikey")
        || n.ends_with("-token")
        || n == "ocp-apim-subscription-key"
        || (last == "key" && n.contains("api"))
}

/// Every credential in the final request: headers, cookies, key-like query parameters and
/// secret fields of the body.
pub fn credentials(f: &Facts<'_>) -> Vec<Credential> {
    let mut found = Vec::new();
    let Some(sent) = f.sent else {
        return found;
    };
    for (name, value) in &sent.headers {
        if value.trim().is_empty() {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        if lower == "authorization" || lower == "cookie" || key_like_header(name) {
            found.push(Credential {
                shown: evidence::header(name, value),
            });
        }
    }
    for (name, value) in &f.sent_query {
        if key_like_param(name) && !value.is_empty() {
            found.push(Credential {
                shown: format!("query parameter {name}={}", crate::secrets::redact(value)),
            });
        }
    }
    for (name, value) in body_secrets(f) {
        found.push(Credential {
            shown: format!("body field {name}: {}", crate::secrets::redact(&value)),
        });
    }
    found
}

/// Password-like fields of a JSON or form body (a login request carries its credentials there).
fn body_secrets(f: &Facts<'_>) -> Vec<(String, String)> {
    const NAMES: [&str; 5] = ["password", "client_secret", "api_key", "refresh_token", "secret"];
    let mut out: Vec<(String, String)> = f
        .sent_form
        .iter()
        .filter(|(k, v)| NAMES.contains(&k.to_ascii_lowercase().as_str()) && !v.is_empty())
        .cloned()
        .collect();
    if let Some(serde_json::Value::Object(map)) = &f.sent_json {
        for (k, v) in map {
            if NAMES.contains(&k.to_ascii_lowercase().as_str())
                && let Some(s) = v.as_str().filter(|s| !s.is_empty())
            {
                out.push((k.clone(), s.to_owned()));
            }
        }
    }
    out
}

/// The scheme and credential of the Authorization header.
fn authorization<'a>(f: &Facts<'a>) -> Option<(&'a str, &'a str)> {
    let value = f.sent_header("authorization")?;
    Some(
        value
            .trim()
            .split_once(' ')
            .map_or((value, ""), |(s, c)| (s, c.trim())),
    )
}

fn bearer_claims(f: &Facts<'_>) -> Option<JwtClaims> {
    let (scheme, token) = authorization(f)?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| decode_jwt(token))
        .flatten()
}

fn challenge_text(c: &Challenge) -> String {
    let params: Vec<String> = c.params.iter().map(|(k, v)| format!("{k}=\"{v}\"")).collect();
    if params.is_empty() {
        c.scheme.clone()
    } else {
        format!("{} {}", c.scheme, params.join(", "))
    }
}

// ---------------------------------------------------------------------------------------- 401

pub fn unauthorized(f: &Facts<'_>) -> Vec<Check> {
    [
        creds_sent(f),
        challenge(f),
        scheme_match(f),
        credential_shape(f),
        token_time(f),
        audience(f, "401.audience"),
        survived_redirect(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn creds_sent(f: &Facts<'_>) -> Option<Check> {
    let label = "Credentials were sent";
    let found = credentials(f);
    if let Some(first) = found.first() {
        let more = if found.len() > 1 {
            format!(" (and {} more)", found.len() - 1)
        } else {
            String::new()
        };
        return Some(Check::pass(
            "401.creds-sent",
            label,
            format!("{} was sent{more}", first.shown),
        ));
    }
    let why = match (empty_auth_variable(f), f.written.and_then(|w| w.auth.as_ref())) {
        (Some(empty), _) => format!("no Authorization header; {empty}"),
        (None, Some(auth)) => format!("no Authorization header, although auth is {}", auth.kind()),
        (None, None) => {
            "no Authorization header, API-key header, cookie or key parameter, and the request has no auth configured"
                .to_owned()
        }
    };
    Some(Check::fail("401.creds-sent", label, why))
}

fn challenge(f: &Facts<'_>) -> Option<Check> {
    let label = "The server's challenge explains the refusal";
    let oauth_body = (f.error_body.format == Some(BodyFormat::OAuth))
        .then(|| f.error_body.code.clone())
        .flatten();
    let describe_body = || {
        let detail = f
            .error_body
            .headline
            .as_deref()
            .map_or(String::new(), |h| format!(": \"{}\"", evidence::quote(h)));
        oauth_body
            .as_ref()
            .map(|code| format!("body says error=\"{code}\"{detail}"))
    };
    if f.challenges.is_empty() {
        let text = "No WWW-Authenticate header (required on 401 by RFC 9110 §15.5.2)";
        return Some(if let Some(body) = describe_body() {
            Check::fail("401.challenge", label, format!("{text}; {body}"))
        } else {
            Check::unknown(
                "401.challenge",
                label,
                format!("{text} — the body is the only explanation"),
            )
        });
    }
    for c in &f.challenges {
        if let Some(error) = c.param("error") {
            let what = match error {
                "invalid_token" => " — the token is expired, revoked or malformed: get a new one",
                "invalid_request" => " — the request is malformed (token sent twice, or a missing parameter)",
                "insufficient_scope" => " — the token lacks a scope this endpoint needs",
                "use_dpop_nonce" => {
                    " — resend the DPoP proof with the nonce in DPoP-Nonce; the credentials were fine"
                }
                _ => "",
            };
            let desc = c
                .param("error_description")
                .map_or(String::new(), |d| format!(", error_description=\"{d}\""));
            return Some(
                Check::fail(
                    "401.challenge",
                    label,
                    format!("Server says: {} error=\"{error}\"{desc}{what}", c.scheme),
                )
                .cite("RFC 6750 §3.1"),
            );
        }
        if c.is("Digest") && c.param("stale").is_some_and(|s| s.eq_ignore_ascii_case("true")) {
            return Some(Check::fail(
                "401.challenge",
                label,
                "Digest stale=true: the nonce expired but the credentials were fine — retry with the new nonce",
            )
            .cite("RFC 7616 §3.3"));
        }
    }
    if let Some(body) = describe_body() {
        return Some(Check::fail("401.challenge", label, format!("Server {body}")));
    }
    let shown: Vec<String> = f.challenges.iter().map(challenge_text).collect();
    let text = if credentials(f).is_empty() {
        format!(
            "WWW-Authenticate: {} carries no error code, as RFC 6750 §3.1 prescribes when no credentials were sent",
            evidence::list(&shown)
        )
    } else {
        format!(
            "WWW-Authenticate: {} names no error; the body may say more",
            evidence::list(&shown)
        )
    };
    Some(Check::pass("401.challenge", label, text))
}

fn scheme_match(f: &Facts<'_>) -> Option<Check> {
    let (scheme, _) = authorization(f)?;
    let label = "The scheme matches the server's challenge";
    if f.challenges.is_empty() {
        return Some(Check::unknown(
            "401.scheme-match",
            label,
            format!("You sent {scheme}; the server named no scheme"),
        ));
    }
    let schemes: Vec<String> = f.challenges.iter().map(|c| c.scheme.clone()).collect();
    let realm = f
        .challenges
        .iter()
        .find_map(|c| c.param("realm"))
        .map_or(String::new(), |r| format!(" (realm=\"{r}\")"));
    Some(if f.challenges.iter().any(|c| c.is(scheme)) {
        Check::pass(
            "401.scheme-match",
            label,
            format!(
                "You sent {scheme}; the server challenges {}{realm}",
                evidence::list(&schemes)
            ),
        )
    } else {
        Check::fail(
            "401.scheme-match",
            label,
            format!(
                "You sent {scheme}; server challenges only {}{realm}",
                evidence::list(&schemes)
            ),
        )
        .cite("RFC 9110 §11.6.1")
    })
}

fn credential_shape(f: &Facts<'_>) -> Option<Check> {
    let label = "The credential is well-formed and non-empty";
    // With nothing sent, 401.creds-sent already names the empty variable.
    let value = f.sent_header("authorization")?;
    if let Some(empty) = empty_auth_variable(f) {
        return Some(Check::fail("401.credential-shape", label, empty));
    }
    Some(match authorization_problem(value) {
        Some(problem) => Check::fail("401.credential-shape", label, problem).cite("RFC 6750 §2.1"),
        None => Check::pass(
            "401.credential-shape",
            label,
            format!("{} is well-formed", evidence::header("Authorization", value)),
        ),
    })
}

/// The server's idea of now: its Date header, else our receive time.
fn server_now(f: &Facts<'_>) -> (SystemTime, &'static str) {
    match f.server_date {
        Some(date) => (date, "the server's Date"),
        None => (f.received_at, "your clock"),
    }
}

fn epoch(secs: i64) -> Option<SystemTime> {
    u64::try_from(secs)
        .ok()
        .map(|s| UNIX_EPOCH + Duration::from_secs(s))
}

fn token_time(f: &Facts<'_>) -> Option<Check> {
    let (scheme, _) = authorization(f)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let label = "The token is within its validity period";
    let Some(claims) = bearer_claims(f) else {
        return Some(Check::unknown(
            "401.token-time",
            label,
            "The bearer token is opaque (not a JWT); its expiry is not visible",
        ));
    };
    let (now, basis) = server_now(f);
    let clock = f.clock;
    if let Some(exp) = claims.exp.and_then(epoch)
        && exp <= now
    {
        return Some(Check::fail(
            "401.token-time",
            label,
            format!(
                "Token expired at {} ({}) per its exp claim, compared with {basis}",
                clock.local_date(exp),
                clock.at(now).relative(exp)
            ),
        ));
    }
    if let Some(nbf) = claims.nbf.and_then(epoch)
        && nbf > now
    {
        return Some(Check::fail(
            "401.token-time",
            label,
            format!(
                "Token not valid before {} ({basis} says {})",
                clock.local_date(nbf),
                clock.local_date(now)
            ),
        ));
    }
    if let Some(skew) = f
        .server_date
        .map(|d| crate::diagnosis::parse::retry_after::clock_skew_secs(d, f.received_at))
        && skew.abs() > 60
    {
        return Some(Check::possible(
            "401.token-time",
            label,
            format!(
                "The server clock is {skew:+} s off yours; time-bound tokens minted here may look expired or not yet valid there"
            ),
        ));
    }
    Some(match claims.exp.and_then(epoch) {
        Some(exp) if exp.duration_since(now).unwrap_or_default() >= Duration::from_secs(60) => Check::pass(
            "401.token-time",
            label,
            format!(
                "Token valid until {} ({})",
                clock.local_date(exp),
                clock.at(now).relative(exp)
            ),
        ),
        Some(exp) => Check::possible(
            "401.token-time",
            label,
            format!(
                "Token expires at {} — less than a minute after the request",
                clock.local_date(exp)
            ),
        ),
        None => Check::unknown("401.token-time", label, "The JWT has no exp claim"),
    })
}

/// Known key prefixes that say which service or environment a key is for.
const KEY_PREFIXES: [(&str, &str); 8] = [
    ("sk_test_", "Stripe test-mode"),
    ("sk_live_", "Stripe live-mode"),
    ("pk_test_", "Stripe publishable test"),
    ("pk_live_", "Stripe publishable live"),
    ("ghp_", "GitHub personal access token"),
    ("github_pat_", "GitHub fine-grained token"),
    ("xoxb-", "Slack bot"),
    ("xoxp-", "Slack user"),
];

fn audience(f: &Facts<'_>, id: &'static str) -> Option<Check> {
    let (_, credential) = authorization(f)?;
    let host = f.host();
    let label = "The credential is meant for this host";
    if let Some(claims) = bearer_claims(f) {
        if claims.aud.is_empty() {
            return Some(Check::unknown(
                id,
                label,
                "The JWT has no aud claim to compare with the host",
            ));
        }
        let matches = claims.aud.iter().any(|aud| {
            let aud_host = super::common::host_of(aud);
            aud_host.eq_ignore_ascii_case(&host) || host.ends_with(&format!(".{aud_host}")) || aud == "*"
        });
        let auds = claims.aud.join(", ");
        return Some(if matches {
            Check::pass(id, label, format!("Token aud=\"{auds}\" matches {host}"))
        } else {
            Check::possible(
                id,
                label,
                format!("Token aud=\"{auds}\" but the request goes to {host}"),
            )
        });
    }
    if let Some((prefix, kind)) = KEY_PREFIXES.iter().find(|(p, _)| credential.starts_with(p)) {
        let environment = f.written.and_then(|w| w.environment.as_deref());
        let wrong_mode = match environment {
            Some(env) => {
                let live_env = ["prod", "production", "live"]
                    .iter()
                    .any(|e| env.eq_ignore_ascii_case(e));
                (prefix.contains("test") && live_env) || (prefix.contains("live") && !live_env)
            }
            None => false,
        };
        let env_text = environment.map_or(String::new(), |e| format!("; environment is \"{e}\""));
        return Some(if wrong_mode {
            Check::possible(
                id,
                label,
                format!("Key prefix \"{prefix}\" looks like a {kind} key{env_text}"),
            )
        } else {
            Check::pass(
                id,
                label,
                format!("Key prefix \"{prefix}\" is a {kind} key{env_text}"),
            )
        });
    }
    None
}

fn survived_redirect(f: &Facts<'_>) -> Option<Check> {
    f.first_sent?;
    let label = "Credentials survived redirects";
    for (i, hop) in f.hops.iter().enumerate() {
        if hop
            .stripped_headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case("authorization"))
        {
            return Some(Check::fail(
                "401.survived-redirect",
                label,
                format!(
                    "Authorization was dropped at hop {} ({} → {}); the final request was anonymous",
                    i + 1,
                    super::common::host_of(&hop.request.url),
                    super::common::host_of(&hop.location)
                ),
            ));
        }
    }
    if f.hops.is_empty() {
        return None;
    }
    Some(Check::pass(
        "401.survived-redirect",
        label,
        format!("{} redirect(s), all on the same origin", f.hops.len()),
    ))
}

// ---------------------------------------------------------------------------------------- 403

pub fn forbidden(f: &Facts<'_>) -> Vec<Check> {
    [
        scope(f),
        forbidden_creds(f),
        rate_limited(f),
        edge_block(f),
        user_agent(f),
        aws(f),
        csrf(f),
        audience(f, "403.audience"),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn forbidden_creds(f: &Facts<'_>) -> Option<Check> {
    let label = "Credentials were sent";
    let found = credentials(f);
    Some(match found.first() {
        Some(c) => Check::pass("403.creds", label, format!("{} was sent", c.shown)),
        None => Check::possible(
            "403.creds",
            label,
            match empty_auth_variable(f) {
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
    let label = "The token has the scopes this endpoint needs";
    let bearer = f
        .challenges
        .iter()
        .find(|c| c.param("error") == Some("insufficient_scope"));
    let required: Vec<String> = bearer
        .and_then(|c| c.param("scope"))
        .map(split_scopes)
        .or_else(|| f.header("x-accepted-oauth-scopes").map(split_scopes))
        .unwrap_or_default();
    let granted: Option<Vec<String>> = bearer_claims(f)
        .map(|c| c.scopes)
        .filter(|s| !s.is_empty())
        .or_else(|| f.header("x-oauth-scopes").map(split_scopes));
    if required.is_empty() && bearer.is_none() {
        return None;
    }
    let need = if required.is_empty() {
        "a scope it does not name".to_owned()
    } else {
        evidence::list(&required)
    };
    Some(match granted {
        Some(granted) => {
            let missing: Vec<String> = required.iter().filter(|r| !granted.contains(r)).cloned().collect();
            if missing.is_empty() && bearer.is_none() {
                Check::pass("403.scope", label, format!("Server requires {need}; token grants {}", evidence::list(&granted)))
            } else {
                let missing = if missing.is_empty() { need.clone() } else { evidence::list(&missing) };
                Check::fail(
                    "403.scope",
                    label,
                    format!("Server requires scope {need}; token grants {} → missing {missing}", evidence::list(&granted)),
                )
            }
        }
        None => Check::fail(
            "403.scope",
            label,
            format!(
                "Server says insufficient_scope and requires scope {need}; the token is opaque, so its own scopes are not visible"
            ),
        )
        .cite("RFC 6750 §3.1"),
    })
}

fn rate_limited(f: &Facts<'_>) -> Option<Check> {
    let label = "This is not a rate limit in disguise";
    let text = f.body_text().to_ascii_lowercase();
    if let Some(limit) = f.rate_limits.exhausted(f.received_at) {
        let when = limit
            .reset_at
            .map_or(String::new(), |t| format!("; resets at {}", f.clock.when(t)));
        return Some(Check::fail(
            "403.rate-limited",
            label,
            format!(
                "{} reports 0 requests left{when} — this 403 is a rate limit",
                limit.source
            ),
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
            "403.rate-limited",
            label,
            "The body mentions a rate limit — this 403 is a rate limit",
        ));
    }
    let remaining = f.rate_limits.limits.iter().filter_map(|l| l.remaining).min()?;
    Some(Check::pass(
        "403.rate-limited",
        label,
        format!("Rate-limit headers show {remaining} request(s) left"),
    ))
}

fn edge_block(f: &Facts<'_>) -> Option<Check> {
    let g = f.generator.as_ref()?;
    let label = "The API itself refused, not a WAF or CDN";
    let text = f.body_text();
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
            "403.edge-block",
            label,
            format!(
                "Blocked by {} ({}) before reaching the API",
                g.who.as_deref().unwrap_or("an edge service"),
                evidence::list(
                    &g.signals
                        .iter()
                        .cloned()
                        .chain(marker.map(|m| format!("body: \"{m}\"")))
                        .collect::<Vec<_>>()
                )
            ),
        ),
        _ => Check::pass(
            "403.edge-block",
            label,
            "The refusal is the API's own body, not an edge page",
        ),
    })
}

fn user_agent(f: &Facts<'_>) -> Option<Check> {
    let ua = f.sent_header("user-agent").filter(|u| !u.trim().is_empty());
    let mentions = f.body_text().to_ascii_lowercase().contains("user-agent");
    let github = f.host().ends_with("github.com");
    match ua {
        None if mentions || github => Some(Check::fail(
            "403.user-agent",
            "A User-Agent was sent",
            format!(
                "No User-Agent header was sent; {}",
                if github {
                    "GitHub rejects such requests with 403"
                } else {
                    "the body asks for one"
                }
            ),
        )),
        Some(ua) if mentions => Some(Check::possible(
            "403.user-agent",
            "The User-Agent is accepted",
            format!(
                "The body mentions User-Agent; you sent \"{}\"",
                evidence::quote(ua)
            ),
        )),
        _ => None,
    }
}

fn aws(f: &Facts<'_>) -> Option<Check> {
    let text = f.body_text();
    let label = "AWS accepted the route and signature";
    if text.contains("Missing Authentication Token") {
        return Some(Check::fail(
            "403.aws",
            label,
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
                .map(|d| crate::diagnosis::parse::retry_after::clock_skew_secs(d, f.received_at))
                .map_or(String::new(), |s| format!("; local clock skew {s:+} s"));
            return Some(Check::fail(
                "403.aws",
                label,
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
    let label = "The CSRF token is echoed in a header";
    Some(match header {
        Some(h) => Check::pass(
            "403.csrf",
            label,
            format!("Cookie {csrf_cookie} and header {h} were both sent"),
        ),
        None => Check::fail(
            "403.csrf",
            label,
            format!(
                "Authenticated by cookie and cookie \"{csrf_cookie}\" exists, but no X-CSRFToken / X-XSRF-TOKEN / X-CSRF-Token header was sent"
            ),
        ),
    })
}

// ---------------------------------------------------------------------------------------- 407

pub fn proxy_auth_required(f: &Facts<'_>) -> Vec<Check> {
    [proxy_source(f), proxy_creds(f), proxy_scheme(f), no_proxy(f)]
        .into_iter()
        .flatten()
        .collect()
}

fn via(f: &Facts<'_>) -> String {
    f.header("via")
        .map_or(String::new(), |v| format!(" ({})", evidence::header("Via", v)))
}

fn proxy_source(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let label = "The proxy in use is the one you meant";
    Some(match &sent.proxy {
        Some(p) => Check::possible(
            "407.proxy-source",
            label,
            format!(
                "Request went via {} (from env {}); apibench itself has no proxy configured",
                p.url, p.source
            ),
        ),
        None => Check::unknown(
            "407.proxy-source",
            label,
            format!(
                "No proxy is configured (HTTP_PROXY, HTTPS_PROXY and ALL_PROXY are unset), yet a proxy answered{} — a transparent or intercepting proxy sits on the path",
                via(f)
            ),
        ),
    })
}

fn proxy_creds(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let label = "Proxy credentials were sent";
    let header = sent.header("proxy-authorization");
    let in_url = sent.proxy.as_ref().is_some_and(|p| p.has_credentials);
    Some(match (header, in_url) {
        (Some(v), _) => Check::pass(
            "407.creds-sent",
            label,
            evidence::header("Proxy-Authorization", v),
        ),
        (None, true) => Check::pass("407.creds-sent", label, "The proxy URL carries user:password"),
        (None, false) => Check::fail(
            "407.creds-sent",
            label,
            "No Proxy-Authorization was sent and the proxy URL has no user:password",
        )
        .cite("RFC 9110 §11.7.2"),
    })
}

fn proxy_scheme(f: &Facts<'_>) -> Option<Check> {
    let label = "The proxy offers a scheme apibench can answer";
    if f.proxy_challenges.is_empty() {
        return Some(
            Check::unknown(
                "407.scheme-supported",
                label,
                "No Proxy-Authenticate header (required on 407)",
            )
            .cite("RFC 9110 §15.5.8"),
        );
    }
    let schemes: Vec<String> = f.proxy_challenges.iter().map(challenge_text).collect();
    Some(if f.proxy_challenges.iter().any(|c| c.is("Basic")) {
        Check::pass(
            "407.scheme-supported",
            label,
            format!(
                "Proxy-Authenticate: {} — Basic works with user:password in the proxy URL",
                evidence::list(&schemes)
            ),
        )
    } else {
        Check::fail(
            "407.scheme-supported",
            label,
            format!(
                "Proxy requires {}; only Basic is supported — run a local authenticating proxy or use a Basic-capable account",
                evidence::list(&schemes)
            ),
        )
    })
}

fn no_proxy(f: &Facts<'_>) -> Option<Check> {
    let proxy = f.sent?.proxy.as_ref()?;
    let host = f.host();
    let internal = is_loopback(&host)
        || !host.contains('.')
        || [
            ".internal",
            ".local",
            ".lan",
            ".corp",
            ".home.arpa",
            ".svc",
            ".cluster.local",
        ]
        .iter()
        .any(|s| host.ends_with(s))
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| match ip {
            std::net::IpAddr::V4(v4) => v4.is_private(),
            std::net::IpAddr::V6(_) => false,
        });
    internal.then(|| {
        Check::possible(
            "407.no-proxy",
            "Internal hosts bypass the proxy",
            format!(
                "{host} looks internal but is sent via {} — add it to NO_PROXY",
                proxy.url
            ),
        )
    })
}
