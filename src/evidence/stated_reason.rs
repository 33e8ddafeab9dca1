//! The reason a server states for an error, wherever it states it: the error body (in any
//! dialect `error_body` reads), an RFC 6750 `error_description` in a challenge, a reason
//! header (`X-Error-Message`, `x-ms-error-code`, `X-Amzn-ErrorType`, `grpc-message`, …) or a
//! reason phrase of its own on the status line — and whether it says more than the status
//! code already did (docs/diagnosis.md §The server's stated reason).
//!
//! Separate from `error_body` because it weighs every place a reason can be, body and
//! headers, and decides which one a person should read.

use super::challenge::Challenge;
pub use super::error_body::informative;
use super::error_body::{BodyFormat, ErrorSummary};

/// Headers in which servers and gateways state why they refused, most specific first.
const REASON_HEADERS: &[&str] = &[
    "x-error-message",
    "x-error-description",
    "x-error-detail",
    "x-amzn-errortype",
    "x-amz-error-message",
    "x-amz-error-code",
    "x-ms-error-code",
    "x-goog-error",
    "grpc-message",
    "x-squid-error",
    "x-error-reason",
    "x-reason",
    "x-error",
    "x-error-code",
    "error-message",
];

/// Where a stated reason was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReasonSource {
    /// The error body, in this format.
    Body(BodyFormat),
    /// A `WWW-Authenticate` or `Proxy-Authenticate` challenge's `error` parameters (RFC 6750 §3).
    Challenge(String),
    /// A response header.
    Header(String),
    /// A reason phrase the server wrote instead of the standard one.
    StatusLine,
}

impl ReasonSource {
    /// "the body (Stripe)", "header X-Error-Message", for evidence.
    pub fn describe(&self) -> String {
        match self {
            ReasonSource::Body(format) => format!("the body ({})", format.label()),
            ReasonSource::Challenge(scheme) => format!("the {scheme} challenge"),
            ReasonSource::Header(name) => format!("header {name}"),
            ReasonSource::StatusLine => "the status line".to_owned(),
        }
    }
}

/// What the server says went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedReason {
    pub text: String,
    /// A machine code beside it (`invalid_token`, `AuthenticationFailed`), when it adds to it.
    pub code: Option<String>,
    pub source: ReasonSource,
    /// What else the body says that names the problem: another message, the element of an
    /// XML error that names the bucket or header (at most two).
    pub details: Vec<String>,
    /// False when it only repeats the status ("Not Found", "Error 404", "Unauthorized").
    pub informative: bool,
}

/// The reason a person should read, informative ones first: the body, then a challenge's
/// error, then a reason header, then a reason phrase of the server's own. `None` when the
/// response states nothing at all.
pub fn stated_reason(
    status: u16,
    standard_reason: &str,
    reason_phrase: &str,
    headers: &[(String, String)],
    body: &ErrorSummary,
    challenges: &[Challenge],
) -> Option<StatedReason> {
    let mut found = Vec::new();
    let format = ReasonSource::Body(body.format.unwrap_or(BodyFormat::GenericJson));
    // The headline, unless it only repeats the status and something else in the body says
    // more ({"error": "conflict", "reason": "Document update conflict."}).
    let telling = body
        .headline
        .iter()
        .chain(&body.details)
        .find(|text| informative(text, status, standard_reason));
    if let Some(text) = telling.or(body.headline.as_ref()) {
        let code = body
            .code
            .clone()
            .or_else(|| body.headline.clone().filter(|h| h != text && !h.contains(' ')))
            .filter(|c| !text.to_ascii_lowercase().contains(&c.to_ascii_lowercase()));
        found.push((text.clone(), code, format));
    } else if let Some(code) = &body.code {
        found.push((code.clone(), None, format));
    }
    for challenge in challenges {
        let error = challenge.param("error");
        if let Some(text) = challenge.param("error_description").or(error) {
            let code = error.filter(|e| *e != text).map(str::to_owned);
            found.push((
                text.to_owned(),
                code,
                ReasonSource::Challenge(challenge.scheme.clone()),
            ));
        }
    }
    for name in REASON_HEADERS {
        if let Some((header, value)) = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))
            && !value.trim().is_empty()
        {
            found.push((
                value.trim().to_owned(),
                None,
                ReasonSource::Header(header.clone()),
            ));
        }
    }
    if !reason_phrase.trim().is_empty() && !reason_phrase.trim().eq_ignore_ascii_case(standard_reason) {
        found.push((reason_phrase.trim().to_owned(), None, ReasonSource::StatusLine));
    }
    let reasons = found.into_iter().map(|(text, code, source)| StatedReason {
        informative: informative(&text, status, standard_reason),
        details: if matches!(source, ReasonSource::Body(_)) {
            body.details
                .iter()
                .filter(|d| !text.contains(d.as_str()))
                .take(2)
                .cloned()
                .collect()
        } else {
            Vec::new()
        },
        text,
        code,
        source,
    });
    let mut first = None;
    for reason in reasons {
        if reason.informative {
            return Some(reason);
        }
        first.get_or_insert(reason);
    }
    first
}

#[cfg(test)]
mod tests {
    use super::{ReasonSource, informative, stated_reason};
    use crate::evidence::challenge::parse_challenges;
    use crate::evidence::error_body::{ErrorSummary, parse_error_body};

    #[test]
    fn the_status_phrase_again_is_not_a_reason() {
        for text in [
            "Not Found",
            "404 Not Found",
            "Error 404",
            "HTTP 404: Not Found",
            "error",
            "404",
            "Resource not found",
            "the server could not find the requested resource",
            "Application Error",
            "Oops! Something went wrong.",
        ] {
            assert!(!informative(text, 404, "Not Found"), "{text}");
        }
        for text in [
            "No route for GET /v2/users/42",
            "invalid api key",
            "User 42 does not exist",
        ] {
            assert!(informative(text, 404, "Not Found"), "{text}");
        }
    }

    #[test]
    fn the_body_comes_first_when_it_says_something() {
        let body = parse_error_body(Some("application/json"), br#"{"detail": "invalid api key"}"#);
        let challenges = parse_challenges(["ApiKey realm=\"items\""]);
        let reason = stated_reason(401, "Unauthorized", "Unauthorized", &[], &body, &challenges).unwrap();
        assert_eq!(reason.text, "invalid api key");
        assert!(reason.informative);
    }

    #[test]
    fn a_bearer_error_description_speaks_when_the_body_does_not() {
        let body = parse_error_body(Some("text/plain"), b"Unauthorized");
        let challenges = parse_challenges([
            "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\"",
        ]);
        let reason = stated_reason(401, "Unauthorized", "Unauthorized", &[], &body, &challenges).unwrap();
        assert_eq!(reason.text, "The access token expired");
        assert_eq!(reason.code.as_deref(), Some("invalid_token"));
        assert_eq!(reason.source, ReasonSource::Challenge("Bearer".into()));
    }

    #[test]
    fn a_reason_header_and_a_custom_status_phrase_are_heard() {
        let empty = ErrorSummary::default();
        let headers = vec![(
            "x-ms-error-code".to_owned(),
            "AuthorizationPermissionMismatch".to_owned(),
        )];
        let reason = stated_reason(403, "Forbidden", "Forbidden", &headers, &empty, &[]).unwrap();
        assert_eq!(reason.text, "AuthorizationPermissionMismatch");
        let reason = stated_reason(400, "Bad Request", "Invalid Token", &[], &empty, &[]).unwrap();
        assert_eq!(reason.source, ReasonSource::StatusLine);
        assert_eq!(reason.text, "Invalid Token");
    }

    #[test]
    fn nothing_stated_is_none() {
        assert_eq!(
            stated_reason(
                500,
                "Internal Server Error",
                "Internal Server Error",
                &[],
                &ErrorSummary::default(),
                &[]
            ),
            None
        );
    }
}
