//! Credentials as sent: empty variables, malformed Authorization values, keys in the URL
//! (`R.auth-var-empty`, `R.auth-malformed`, `R.key-in-query`).

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::request;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::diagnosis::sent::credentials::{
    authorization_problem, empty_auth_variable, empty_written_credential, key_like_param,
};

pub(super) fn auth_variable_empty(f: &Facts<'_>) -> Option<Check> {
    let written = f.written?;
    if written.auth.is_none() {
        // A credential written by hand gets the same chain as the auth helper's.
        return empty_written_credential(written).map(|text| Check::fail(request::AUTH_VAR_EMPTY, text));
    }
    Some(
        match empty_auth_variable(written).or_else(|| empty_written_credential(written)) {
            Some(text) => Check::fail(request::AUTH_VAR_EMPTY, text),
            None => Check::pass(
                request::AUTH_VAR_EMPTY,
                "Every variable used by the auth helper has a value",
            ),
        },
    )
}

pub(super) fn auth_malformed(f: &Facts<'_>) -> Option<Check> {
    let value = f.sent_header("authorization")?;
    Some(match authorization_problem(value) {
        // An unusual form the server accepted is the API's own form.
        Some(problem) if !problem.broken && f.status().is_some_and(|s| s < 400) => {
            Check::pass(request::AUTH_MALFORMED, quote::header("Authorization", value))
        }
        Some(problem) => problem.check(request::AUTH_MALFORMED, f.status()),
        None => Check::pass(request::AUTH_MALFORMED, quote::header("Authorization", value)),
    })
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
                quote::param_value(name, value)
            ),
        )
        .cite("RFC 9110 §17.9"),
    )
}
