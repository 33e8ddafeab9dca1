//! The check catalogue: every check the checklist can show, declared once with its stable id,
//! its title (the healthy assertion), what it inspects and how it reaches each verdict, and the
//! standard it rests on.
//!
//! Rules name a check by its constant (`unauthorized::CREDS_SENT`), never by its id string, so
//! a misspelt check does not compile; a [`Check`](super::Check) carries its entry, and the id
//! people see (`401.creds-sent`) comes from here. Checks are grouped in scopes, one per status
//! or failure class (the part of the id before the dot), and the scopes in files that mirror
//! the rule groups. `docs/checks.md` is generated from this catalogue.

/// Declares a scope: a module of check constants, and `scope()` listing them in reading order.
macro_rules! scope {
    (
        $(#[$doc:meta])*
        pub mod $module:ident ($prefix:literal, $heading:literal) {
            $(
                $name:ident = $id:literal {
                    title: $title:literal,
                    inspects: $inspects:literal,
                    standard: $standard:literal $(,)?
                }
            )*
        }
    ) => {
        $(#[$doc])*
        pub mod $module {
            use crate::diagnosis::catalogue::{CheckSpec, Scope};
            $(
                #[doc = concat!("`", $id, "`: ", $title, ".")]
                pub const $name: &CheckSpec = &CheckSpec {
                    id: $id,
                    title: $title,
                    inspects: $inspects,
                    standard: $standard,
                    #[cfg(test)]
                    constant: concat!(stringify!($module), "::", stringify!($name)),
                };
            )*
            /// This scope: its prefix, heading and every check, in reading order.
            pub const fn scope() -> Scope {
                Scope {
                    prefix: $prefix,
                    heading: $heading,
                    checks: &[$($name),*],
                }
            }
        }
    };
}

mod auth;
mod conditions;
mod content;
mod error_responses;
mod healthy;
mod limits;
mod network;
mod rate;
mod request_lints;
mod routing;
mod server;

pub use auth::{forbidden, proxy_auth_required, unauthorized};
pub use conditions::{conflict, gone, precondition_failed, precondition_required};
pub use content::{bad_request, unprocessable, unsupported_media_type};
pub use error_responses::any_error;
pub use healthy::success;
pub use limits::{content_too_large, headers_too_large, length_required, request_timeout, uri_too_long};
pub use network::{body, dns, other, redirect, refused, reset, timeout, tls, url};
pub use rate::{service_unavailable, too_many_requests};
pub use request_lints::request;
pub use routing::{method_not_allowed, not_acceptable, not_found};
pub use server::{bad_gateway, gateway_timeout, internal_error, not_implemented};

/// One check of the catalogue. Two entries are the same check when their ids are.
#[derive(Debug)]
pub struct CheckSpec {
    /// Stable id, `<scope>.<slug>` (`401.creds-sent`), so people can look a check up or mute it.
    pub id: &'static str,
    /// The healthy assertion the checklist shows: "Credentials were sent".
    pub title: &'static str,
    /// What the check inspects and how it reaches each verdict.
    pub inspects: &'static str,
    /// The standard or vendor documentation it rests on (`RFC 9110 §15.5.2`).
    pub standard: &'static str,
    /// The constant rules name it by (`unauthorized::CREDS_SENT`), for the catalogue's tests.
    #[cfg(test)]
    constant: &'static str,
}

impl PartialEq for CheckSpec {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for CheckSpec {}

/// The checks of one status or failure class: the part of their ids before the dot.
#[derive(Debug)]
pub struct Scope {
    /// `401`, `C`, `dns`.
    pub prefix: &'static str,
    /// `401 Unauthorized`, as a heading.
    pub heading: &'static str,
    pub checks: &'static [&'static CheckSpec],
}

/// Every scope, in the order the catalogue is read: the checks of any response, the request
/// itself, the statuses in numeric order, then failures without a status.
pub const SCOPES: &[Scope] = &[
    any_error::scope(),
    success::scope(),
    request::scope(),
    bad_request::scope(),
    unauthorized::scope(),
    forbidden::scope(),
    not_found::scope(),
    method_not_allowed::scope(),
    not_acceptable::scope(),
    proxy_auth_required::scope(),
    request_timeout::scope(),
    conflict::scope(),
    gone::scope(),
    length_required::scope(),
    precondition_failed::scope(),
    content_too_large::scope(),
    uri_too_long::scope(),
    unsupported_media_type::scope(),
    unprocessable::scope(),
    precondition_required::scope(),
    too_many_requests::scope(),
    headers_too_large::scope(),
    internal_error::scope(),
    not_implemented::scope(),
    bad_gateway::scope(),
    service_unavailable::scope(),
    gateway_timeout::scope(),
    url::scope(),
    dns::scope(),
    refused::scope(),
    reset::scope(),
    tls::scope(),
    timeout::scope(),
    redirect::scope(),
    body::scope(),
    other::scope(),
];

/// Every check, in catalogue order.
pub fn all() -> impl Iterator<Item = &'static CheckSpec> {
    SCOPES.iter().flat_map(|scope| scope.checks.iter().copied())
}

/// The check with this id (`401.creds-sent`).
pub fn find(id: &str) -> Option<&'static CheckSpec> {
    all().find(|spec| spec.id == id)
}

#[cfg(test)]
mod tests;
