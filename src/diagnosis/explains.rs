//! Which failed checks explain which: a fault in what was sent is the cause, and what the
//! server said about it is the symptom. The symptom keeps its place (after the cause, by
//! tier) and says "because" in its evidence, so the checklist reads as one story rather than
//! a list of equal problems (docs/diagnosis.md §The order of the checklist).
//!
//! Declared here, once, as links between catalogue entries: no rule knows the others.

use super::catalogue::{
    CheckSpec, any_error, bad_request, dns, forbidden, method_not_allowed, not_found, request,
    service_unavailable, unauthorized, unprocessable, unsupported_media_type,
};
use super::checklist::{Check, Severity, Verdict};

/// Causes, the symptoms they explain, and the statuses the link holds for (empty: any).
struct Link {
    causes: &'static [&'static CheckSpec],
    symptoms: &'static [&'static CheckSpec],
    statuses: &'static [u16],
}

const LINKS: &[Link] = &[
    // A credential that was empty, malformed, expired or for another host explains the
    // server's refusal of it.
    Link {
        causes: &[
            unauthorized::CREDS_SENT,
            unauthorized::CREDENTIAL_SHAPE,
            unauthorized::TOKEN_TIME,
            unauthorized::AUDIENCE,
            unauthorized::SCHEME_MATCH,
            unauthorized::SURVIVED_REDIRECT,
            forbidden::CREDS,
            forbidden::AUDIENCE,
            request::AUTH_VAR_EMPTY,
            request::AUTH_MALFORMED,
            request::PLACEHOLDER,
            any_error::PLACEHOLDER,
        ],
        symptoms: &[
            any_error::STATED_REASON,
            unauthorized::CHALLENGE,
            forbidden::SCOPE,
            any_error::DIFFERS_FROM_WORKING,
        ],
        statuses: &[401, 403, 407],
    },
    // A redirect that turned the method into GET or dropped the body explains what the
    // server then said about the method or the missing body.
    Link {
        causes: &[
            any_error::REDIRECTED,
            method_not_allowed::REDIRECT_REWRITE,
            unauthorized::SURVIVED_REDIRECT,
        ],
        symptoms: &[
            // A redirect to another origin drops credentials: the request arrived anonymous.
            unauthorized::CREDS_SENT,
            forbidden::CREDS,
            method_not_allowed::ALLOW,
            any_error::STATED_REASON,
            bad_request::NAMED_FIELDS,
            unprocessable::FIELDS,
            unprocessable::ALL_MISSING,
            any_error::BODY_FIELD_REFS,
            not_found::ROUTE_VS_RECORD,
        ],
        statuses: &[],
    },
    // A body unlike its Content-Type, or that does not parse, explains the fields the server
    // could not find in it.
    Link {
        causes: &[
            request::JSON_PARSE,
            request::CT_MISMATCH,
            request::CT_MISSING,
            bad_request::BODY_PARSES,
            bad_request::CONTENT_TYPE,
            unsupported_media_type::CT_PRESENT,
            unsupported_media_type::CT_VS_BODY,
        ],
        symptoms: &[
            any_error::STATED_REASON,
            bad_request::NAMED_FIELDS,
            unprocessable::FIELDS,
            unprocessable::ALL_MISSING,
            any_error::BODY_FIELD_REFS,
            unsupported_media_type::CT_ADVERTISED,
        ],
        statuses: &[],
    },
    // A template left unresolved explains a refusal of the value it stands in.
    Link {
        causes: &[
            request::PLACEHOLDER,
            any_error::PLACEHOLDER,
            not_found::UNRESOLVED,
            bad_request::PLACEHOLDERS,
            request::STRINGIFIED_MISSING,
        ],
        symptoms: &[
            any_error::STATED_REASON,
            not_found::ROUTE_VS_RECORD,
            not_found::PATH_SHAPE,
            bad_request::NAMED_FIELDS,
            unprocessable::FIELDS,
        ],
        statuses: &[],
    },
    // A difference from every request to the same API that worked explains what the server
    // then said: "Project not found" because this request lacks the `teamId` the others send.
    Link {
        causes: &[any_error::DIFFERS_FROM_WORKING],
        symptoms: &[
            any_error::STATED_REASON,
            not_found::ROUTE_VS_RECORD,
            not_found::PATH_SHAPE,
            unauthorized::CHALLENGE,
            forbidden::SCOPE,
            bad_request::NAMED_FIELDS,
            unsupported_media_type::CT_ADVERTISED,
        ],
        statuses: &[],
    },
    // A gateway with no healthy backend is why it asks for a wait: the outage is the news,
    // the wait its consequence. (A maintenance notice is different: its end is the news.)
    Link {
        causes: &[service_unavailable::NO_UPSTREAM],
        symptoms: &[service_unavailable::RETRY_AFTER],
        statuses: &[503],
    },
    // A host name that is misspelt, comes from the wrong variable or lives in a private zone
    // explains why it does not resolve.
    Link {
        causes: &[dns::TYPO, dns::FROM_VARIABLE, dns::PRIVATE_ZONE],
        symptoms: &[dns::KIND],
        statuses: &[],
    },
];

/// Marks each failed symptom with the first failed cause that explains it, in rank order;
/// `checks` are in rule order.
pub fn link(checks: &mut [Check], status: Option<u16>) {
    for at in 0..checks.len() {
        let symptom = &checks[at];
        if symptom.verdict != Verdict::Fail {
            continue;
        }
        let cause = LINKS
            .iter()
            .filter(|l| l.symptoms.contains(&symptom.spec()))
            .filter(|l| l.statuses.is_empty() || status.is_some_and(|s| l.statuses.contains(&s)))
            .find_map(|l| {
                checks.iter().find(|c| {
                    c.verdict == Verdict::Fail
                        && c.severity == Some(Severity::Likely)
                        && l.causes.contains(&c.spec())
                        && c.spec() != symptom.spec()
                        // A cause is never explained by its own symptom.
                        && c.because != Some(symptom.id())
                })
            })
            .map(|c| (c.id(), c.label.clone()));
        if let Some((id, label)) = cause {
            checks[at].explained_by(id, &label);
        }
    }
}
