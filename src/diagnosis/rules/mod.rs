//! The rules: one small function per catalogue check, grouped by the outcome they explain.
//!
//! Each rule returns `Option<Check>`: `None` when its preconditions do not hold (a JWT check
//! on a Basic credential), so the checklist only shows what applies. Order within a group is
//! the order a person should read them in when verdicts tie.
//!
//! A group builds on the facts (`Facts`, and the request as sent in `sent`), on `quote` for
//! evidence, and on the few checks several groups ask (`unresolved`, `json_body`,
//! `content_type`, `named_fields`, `incident`), never on another group.

// Every rule returns `Option<Check>` so the rule lists read alike, even those that always apply.
#![expect(clippy::unnecessary_wraps, reason = "one signature for every rule")]

// Rule groups, one per outcome they explain.
mod any_error;
mod auth;
mod conditions;
mod content;
mod healthy;
mod limits;
mod method;
mod network;
mod not_found;
mod rate;
pub(crate) mod request;
mod server;

// Checks more than one group asks, each under the id its caller names; groups share these,
// never each other.
mod content_type;
mod differs;
mod incident;
mod json_body;
mod named_fields;
mod spec;
mod stated;
mod unresolved;

use super::Check;
use super::catalogue::{
    self, CheckSpec, bad_request, forbidden, headers_too_large, internal_error, not_implemented,
    request_timeout, unauthorized, unsupported_media_type, uri_too_long, url,
};
use super::facts::Facts;

/// Every check that applies to this exchange, unsorted.
pub fn checks(f: &Facts<'_>) -> Vec<Check> {
    if let Some(error) = f.prepare_error {
        return request::not_prepared(error);
    }
    let mut out = if let Some(failure) = f.failure {
        let mut out = network::checks(f, failure);
        quote_the_error(failure, &mut out);
        out
    } else if let Some(status) = f.status() {
        let mut out = by_status(f, status);
        if status >= 400 {
            stated::quote_the_reason(f, &mut out);
            out.extend(any_error::checks(f, &out));
        }
        out
    } else {
        Vec::new()
    };
    // Request lints join when they fail and no status check already asks the same thing. A
    // lint about form alone is a heuristic, and says nothing when the server accepted the
    // request (docs/diagnosis.md §Request lints).
    let accepted = f.status().is_some_and(|s| s < 400);
    // Nothing went out when the request could not be built or no connection was made: the
    // lints about what goes on the wire (a User-Agent, credentials over plain http) have
    // nothing to say.
    let nothing_sent = f
        .failure
        .is_some_and(|failure| !failure.phase.request_may_have_arrived());
    let lints: Vec<Check> = request::lints(f)
        .into_iter()
        .filter(|lint| lint.verdict == super::Verdict::Fail)
        .filter(|lint| !(accepted && FORM_LINTS.contains(&lint.spec())))
        .filter(|lint| !(nothing_sent && WIRE_LINTS.contains(&lint.spec())))
        .filter(|lint| {
            !out.iter()
                .any(|c| c.spec() == lint.spec() || covers(c.spec(), lint.spec()))
        })
        .map(|lint| {
            if FORM_LINTS.contains(&lint.spec()) {
                lint.at_most_possible()
            } else {
                lint
            }
        })
        .collect();
    out.extend(lints);
    out
}

/// The error's own words are the evidence of a network failure: the first likely failed check
/// (a certificate's issuer, a refused connection, a plain-HTTP port) quotes the innermost
/// cause of the error chain when it does not yet (`invalid peer certificate: UnknownIssuer`).
fn quote_the_error(failure: &crate::http::Failure, checks: &mut [Check]) {
    use crate::http::FailureKind;
    // A timeout, a redirect limit or a size limit is apibench's own stop, already described.
    if !matches!(
        failure.kind,
        FailureKind::Dns | FailureKind::Connect | FailureKind::Reset | FailureKind::Tls | FailureKind::Other
    ) {
        return;
    }
    let Some(root) = failure
        .chain
        .last()
        .or(Some(&failure.message))
        .filter(|m| !m.is_empty())
    else {
        return;
    };
    let first = checks
        .iter()
        .enumerate()
        .filter(|(_, c)| c.verdict == super::Verdict::Fail && c.severity == Some(super::Severity::Likely))
        .map(|(at, _)| at)
        .next();
    if let Some(at) = first
        && !checks[at].says().to_lowercase().contains(&root.to_lowercase())
    {
        let quoted = super::quote::reason(root);
        checks[at].append(&format!(" — the error: \"{quoted}\""));
    }
}

fn by_status(f: &Facts<'_>, status: u16) -> Vec<Check> {
    match status {
        200..=299 => healthy::checks(f),
        400 => content::bad_request(f),
        401 => auth::unauthorized(f),
        403 => auth::forbidden(f),
        404 => not_found::checks(f),
        405 => method::method_not_allowed(f),
        406 => method::not_acceptable(f),
        407 => auth::proxy_auth_required(f),
        408 => limits::request_timeout(f),
        409 => conditions::conflict(f),
        410 => conditions::gone(f),
        411 => limits::length_required(f),
        412 => conditions::precondition_failed(f),
        413 => limits::content_too_large(f),
        414 => limits::uri_too_long(f),
        415 => content::unsupported_media_type(f),
        422 => content::unprocessable(f),
        428 => conditions::precondition_required(f),
        429 => rate::too_many_requests(f),
        431 => limits::headers_too_large(f),
        500 => server::internal_error(f),
        501 => server::not_implemented(f),
        // Cloudflare's 52x and 530 are its bad-gateway family: the origin failed it.
        502 | 520..=527 | 530 => server::bad_gateway(f),
        503 => rate::service_unavailable(f),
        504 => server::gateway_timeout(f),
        _ => Vec::new(),
    }
}

/// Request lints about form alone — how a value is written, not whether it is there or
/// right: real APIs document forms each of them would call wrong (a key in the query, a
/// DELETE with a body, `//` in a path), so they never say "likely" and are silent on a
/// request the server accepted. (`R.auth-malformed` tells a broken value from an unusual
/// one itself.)
const FORM_LINTS: [&CheckSpec; 11] = [
    catalogue::request::KEY_IN_QUERY,
    catalogue::request::SLASHES,
    catalogue::request::HEADER_WHITESPACE,
    catalogue::request::HEADER_DUPLICATES,
    catalogue::request::QUERY_ENCODING,
    catalogue::request::USER_AGENT,
    catalogue::request::NUMBER_PRECISION,
    catalogue::request::METHOD_CASE,
    catalogue::request::BODY_ON_BODYLESS_METHOD,
    catalogue::request::URL_LENGTH,
    catalogue::request::HEADER_SIZE,
];

/// Request lints about what went on the wire, which say nothing when nothing went out.
const WIRE_LINTS: [&CheckSpec; 8] = [
    catalogue::request::USER_AGENT,
    catalogue::request::HTTP_VS_HTTPS,
    catalogue::request::HEADER_SIZE,
    catalogue::request::URL_LENGTH,
    catalogue::request::KEY_IN_QUERY,
    catalogue::request::HOST_OVERRIDE,
    catalogue::request::CONTENT_LENGTH_OVERRIDE,
    catalogue::request::HEADER_DUPLICATES,
];

/// Request lints a status check makes redundant, because it asks the same question with
/// the response in hand: (the status checks, the lints they cover).
const COVERS: [(&[&CheckSpec], &[&CheckSpec]); 16] = [
    (&[bad_request::BODY_PARSES], &[catalogue::request::JSON_PARSE]),
    (
        &[bad_request::CONTENT_TYPE, internal_error::CONTENT_TYPE],
        &[catalogue::request::CT_MISSING, catalogue::request::CT_MISMATCH],
    ),
    (
        &[
            bad_request::PLACEHOLDERS,
            catalogue::any_error::PLACEHOLDER,
            url::PLACEHOLDER_HOST,
        ],
        &[catalogue::request::PLACEHOLDER],
    ),
    (
        &[bad_request::QUERY_ENCODING],
        &[catalogue::request::QUERY_ENCODING],
    ),
    (
        &[bad_request::HEADER_SIZE, headers_too_large::TOTAL],
        &[catalogue::request::HEADER_SIZE],
    ),
    (
        &[unauthorized::CREDENTIAL_SHAPE],
        &[
            catalogue::request::AUTH_VAR_EMPTY,
            catalogue::request::AUTH_MALFORMED,
        ],
    ),
    (&[unauthorized::CREDS_SENT], &[catalogue::request::AUTH_VAR_EMPTY]),
    (
        &[catalogue::not_found::UNRESOLVED],
        &[
            catalogue::request::PLACEHOLDER,
            catalogue::request::STRINGIFIED_MISSING,
        ],
    ),
    (
        &[catalogue::not_found::PATH_SHAPE],
        &[catalogue::request::SLASHES],
    ),
    (
        &[request_timeout::LENGTH_MATCH],
        &[catalogue::request::CONTENT_LENGTH_OVERRIDE],
    ),
    (
        &[unsupported_media_type::CT_PRESENT],
        &[catalogue::request::CT_MISSING],
    ),
    (
        &[
            unsupported_media_type::CT_VS_BODY,
            unsupported_media_type::MULTIPART_BOUNDARY,
            unsupported_media_type::PARAMS,
        ],
        &[catalogue::request::CT_MISMATCH],
    ),
    (
        &[not_implemented::METHOD_NAME],
        &[catalogue::request::METHOD_CASE],
    ),
    (&[uri_too_long::TOTAL], &[catalogue::request::URL_LENGTH]),
    (
        &[headers_too_large::DUPLICATES],
        &[catalogue::request::HEADER_DUPLICATES],
    ),
    (&[forbidden::USER_AGENT], &[catalogue::request::USER_AGENT]),
];

/// Whether the status check `by` already asks what the request lint `lint` asks.
fn covers(by: &CheckSpec, lint: &CheckSpec) -> bool {
    COVERS
        .iter()
        .any(|(checks, lints)| checks.contains(&by) && lints.contains(&lint))
}
