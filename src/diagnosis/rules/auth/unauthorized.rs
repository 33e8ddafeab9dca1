//! 401 Unauthorized: the checklist in reading order, and the credential checks of its own —
//! were credentials sent (`401.creds-sent`), is the credential well-formed
//! (`401.credential-shape`), did it survive redirects (`401.survived-redirect`).

use super::challenge::{challenge, scheme_match};
use super::token::{audience, token_time};
use crate::diagnosis::Check;
use crate::diagnosis::catalogue::unauthorized;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::diagnosis::sent::credentials::{
    authorization_problem, empty_auth_variable, empty_written_credential,
};
use crate::diagnosis::sent::urls::host_of;

pub fn unauthorized(f: &Facts<'_>) -> Vec<Check> {
    [
        creds_sent(f),
        challenge(f),
        scheme_match(f),
        credential_shape(f),
        token_time(f),
        audience(f, unauthorized::AUDIENCE),
        survived_redirect(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn creds_sent(f: &Facts<'_>) -> Option<Check> {
    let found = &f.credentials;
    if let Some(first) = found.first() {
        let more = if found.len() > 1 {
            format!(" (and {} more)", found.len() - 1)
        } else {
            String::new()
        };
        return Some(Check::pass(
            unauthorized::CREDS_SENT,
            format!("{}{more}", first.sent()),
        ));
    }
    let why = match (f.written.and_then(empty_auth_variable), f.written.and_then(|w| w.auth.as_ref())) {
        (Some(empty), _) => format!("no Authorization header; {empty}"),
        (None, None) if let Some(empty) = f.written.and_then(empty_written_credential) => {
            format!("no credential was sent: {empty}")
        }
        (None, Some(auth)) => format!("no Authorization header, although auth is {}", auth.kind()),
        (None, None) => {
            "no Authorization header, API-key header, cookie or key parameter, and the request has no auth configured"
                .to_owned()
        }
    };
    Some(Check::fail(unauthorized::CREDS_SENT, why))
}

fn credential_shape(f: &Facts<'_>) -> Option<Check> {
    // With nothing sent, 401.creds-sent already names the empty variable.
    let value = f.sent_header("authorization")?;
    if let Some(empty) = f
        .written
        .and_then(|w| empty_auth_variable(w).or_else(|| empty_written_credential(w)))
    {
        return Some(Check::fail(unauthorized::CREDENTIAL_SHAPE, empty));
    }
    Some(match authorization_problem(value) {
        Some(problem) => problem.check(unauthorized::CREDENTIAL_SHAPE, f.status()),
        None => Check::pass(
            unauthorized::CREDENTIAL_SHAPE,
            format!("{} is well-formed", quote::header("Authorization", value)),
        ),
    })
}

fn survived_redirect(f: &Facts<'_>) -> Option<Check> {
    f.first_sent?;
    for (i, hop) in f.hops.iter().enumerate() {
        if hop
            .stripped_headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case("authorization"))
        {
            return Some(Check::fail(
                unauthorized::SURVIVED_REDIRECT,
                format!(
                    "Authorization was dropped at hop {} ({} → {}); the final request was anonymous",
                    i + 1,
                    host_of(&hop.request.url),
                    host_of(&hop.location)
                ),
            ));
        }
    }
    if f.hops.is_empty() {
        return None;
    }
    Some(Check::pass(
        unauthorized::SURVIVED_REDIRECT,
        format!(
            "{}, all on the same origin",
            crate::format::count(f.hops.len(), "redirect", "redirects")
        ),
    ))
}
