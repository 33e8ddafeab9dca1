//! The check catalogue: every check the checklist can show, declared once with its stable id,
//! its title (the healthy assertion), what it inspects and how it reaches each verdict, why a
//! failure matters and how to fix it, and the standard it rests on.
//!
//! Rules name a check by its constant (`unauthorized::CREDS_SENT`), never by its id string, so
//! a misspelt check does not compile; a [`Check`](super::Check) carries its entry, and the id
//! people see (`401.creds-sent`) comes from here. Checks are grouped in scopes, one per status
//! or failure class (the part of the id before the dot), and the scopes in files that mirror
//! the rule groups. `docs/checks.md` is generated from this catalogue.

#[macro_use]
mod entry;

mod auth;
mod conditions;
mod content;
mod error_responses;
mod healthy;
mod index;
mod limits;
mod network;
#[cfg(test)]
mod page;
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

pub use entry::{CheckSpec, Scope, Tier};
pub use index::{SCOPES, all, find};

#[cfg(test)]
mod tests;
