//! What the server's challenge says on a 401: the WWW-Authenticate error code or OAuth error
//! body (`401.challenge`) and whether the scheme sent is one it asks for
//! (`401.scheme-match`). Also renders a challenge for evidence, for 407 too.

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::unauthorized;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::evidence::challenge::Challenge;
use crate::evidence::error_body::BodyFormat;

pub(super) fn challenge_text(c: &Challenge) -> String {
    let params: Vec<String> = c.params.iter().map(|(k, v)| format!("{k}=\"{v}\"")).collect();
    if params.is_empty() {
        c.scheme.clone()
    } else {
        format!("{} {}", c.scheme, params.join(", "))
    }
}

pub(super) fn challenge(f: &Facts<'_>) -> Option<Check> {
    let oauth_body = (f.error_body.format == Some(BodyFormat::OAuth))
        .then(|| f.error_body.code.clone())
        .flatten();
    let describe_body = || {
        let detail = f
            .error_body
            .headline
            .as_deref()
            .map_or(String::new(), |h| format!(": \"{}\"", quote::text(h)));
        oauth_body
            .as_ref()
            .map(|code| format!("body says error=\"{code}\"{detail}"))
    };
    // Without a challenge there is nothing to read here; the body's own reason is heard by
    // C.stated-reason.
    if f.challenges.is_empty() {
        return Some(Check::unknown(
            unauthorized::CHALLENGE,
            "No WWW-Authenticate header (RFC 9110 §15.5.2 asks for one on a 401) — the body is the only explanation",
        ));
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
                    unauthorized::CHALLENGE,
                    format!("Server says: {} error=\"{error}\"{desc}{what}", c.scheme),
                )
                .cite("RFC 6750 §3.1"),
            );
        }
        if c.is("Digest") && c.param("stale").is_some_and(|s| s.eq_ignore_ascii_case("true")) {
            return Some(Check::fail(unauthorized::CHALLENGE, "Digest stale=true: the nonce expired but the credentials were fine — retry with the new nonce")
            .cite("RFC 7616 §3.3"));
        }
    }
    if let Some(body) = describe_body() {
        return Some(Check::fail(unauthorized::CHALLENGE, format!("Server {body}")));
    }
    let shown: Vec<String> = f.challenges.iter().map(challenge_text).collect();
    let text = if f.credentials.is_empty() {
        format!(
            "WWW-Authenticate: {} carries no error code, as RFC 6750 §3.1 prescribes when no credentials were sent",
            quote::list(&shown)
        )
    } else {
        format!(
            "WWW-Authenticate: {} names no error; the body may say more",
            quote::list(&shown)
        )
    };
    Some(Check::pass(unauthorized::CHALLENGE, text))
}

pub(super) fn scheme_match(f: &Facts<'_>) -> Option<Check> {
    let (scheme, _) = f.authorization().filter(|(scheme, _)| !scheme.is_empty())?;
    if f.challenges.is_empty() {
        return Some(Check::unknown(
            unauthorized::SCHEME_MATCH,
            format!("You sent {scheme}; the server named no scheme"),
        ));
    }
    let schemes: Vec<String> = f.challenges.iter().map(|c| c.scheme.clone()).collect();
    let realm = f
        .challenges
        .iter()
        .find_map(|c| c.param("realm"))
        .map_or(String::new(), |r| format!(" (realm=\"{r}\")"));
    // `OAuth` is the name some servers (Facebook's Graph API) still give the bearer scheme.
    let answers = |c: &Challenge| c.is(scheme) || (scheme.eq_ignore_ascii_case("bearer") && c.is("OAuth"));
    Some(if f.challenges.iter().any(answers) {
        Check::pass(
            unauthorized::SCHEME_MATCH,
            format!(
                "You sent {scheme}; the server challenges {}{realm}",
                quote::list(&schemes)
            ),
        )
    } else {
        let text = format!(
            "You sent {scheme}; server challenges only {}{realm}",
            quote::list(&schemes)
        );
        match read_the_credential(f, &schemes) {
            // The server got past the scheme: its own words are the better lead.
            Some(why) => Check::possible(unauthorized::SCHEME_MATCH, format!("{text} — but {why}")),
            None => Check::fail(unauthorized::SCHEME_MATCH, text),
        }
        .cite("RFC 9110 §11.6.1")
    })
}

/// Why the server seems to have read the credential despite naming another scheme: its
/// challenge names an error about it (`Token error="Token expired"`), or it states a reason
/// of its own that is not about the scheme or the header's form, and does not say that no
/// credential arrived (which is what an unread scheme looks like: DRF's "Authentication
/// credentials were not provided." to a Bearer token where it reads `Token`).
fn read_the_credential(f: &Facts<'_>, schemes: &[String]) -> Option<String> {
    if let Some(error) = f.challenges.iter().find_map(|c| c.param("error")) {
        return Some(format!(
            "its challenge names an error about the credential (\"{error}\")"
        ));
    }
    let reason = f.stated.as_ref().filter(|r| r.informative)?;
    let lower = reason.text.to_ascii_lowercase();
    let about_form = [
        "scheme",
        "authorization",
        "format",
        "malformed",
        "bearer",
        "basic",
        "not provided",
        "missing",
        "no credential",
        "no token",
        "no api key",
        "required",
        "unauthenticated",
        "anonymous",
    ]
    .iter()
    .any(|w| lower.contains(w))
        || schemes.iter().any(|s| lower.contains(&s.to_ascii_lowercase()));
    (!about_form).then(|| "the server states a reason that is not about the scheme".to_owned())
}
