//! Failures without an HTTP status (docs/diagnosis.md §Network failures): the URL could not be
//! used, the name did not resolve, nothing listened, the connection broke, TLS failed, time ran
//! out, redirects looped, or the body was too big.
//!
//! `checks` picks the family for the failure kind; each submodule holds one family.

mod body;
mod connect;
mod dns;
mod invalid_url;
mod redirect;
mod reset;
mod timeout;
mod tls;

use body::body_limit;
use connect::{
    refused_localhost_family, refused_proxy, refused_scheme_port, refused_target, refused_worked_before,
};
use dns::{dns_from_variable, dns_kind, dns_offline, dns_private_zone, dns_proxy, dns_typo};
use invalid_url::invalid_url;
use redirect::{redirect_cookie, redirect_limit, redirect_login, redirect_loop, redirect_pingpong};
use reset::{reset_h2, reset_phase, reset_tls_to_plain, reset_upload_size};
use timeout::{timeout_ipv6, timeout_maybe_processed, timeout_phase, timeout_setting};
use tls::{tls_kind, tls_proxy_mitm};

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::other;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::http::{Failure, FailureKind};

pub fn checks(f: &Facts<'_>, failure: &Failure) -> Vec<Check> {
    let checks: Vec<Option<Check>> = match failure.kind {
        FailureKind::InvalidUrl | FailureKind::Template => invalid_url(f, failure),
        FailureKind::Dns => vec![
            dns_kind(f, failure),
            dns_typo(f),
            dns_private_zone(f),
            dns_from_variable(f),
            dns_offline(f),
            dns_proxy(f),
        ],
        FailureKind::Connect => vec![
            refused_target(f, failure),
            refused_scheme_port(f),
            refused_localhost_family(f, failure),
            refused_proxy(f, failure),
            refused_worked_before(f),
        ],
        FailureKind::Reset => vec![
            reset_phase(f, failure),
            reset_h2(failure),
            reset_upload_size(f, failure),
            reset_tls_to_plain(f, failure),
        ],
        FailureKind::Tls => vec![tls_kind(f, failure), tls_proxy_mitm(f, failure)],
        FailureKind::Timeout => vec![
            timeout_phase(f, failure),
            timeout_ipv6(f, failure),
            timeout_setting(f, failure),
            timeout_maybe_processed(f, failure),
        ],
        FailureKind::RedirectLoop => vec![
            redirect_loop(f),
            redirect_pingpong(f),
            redirect_login(f),
            redirect_cookie(f),
            redirect_limit(f),
        ],
        FailureKind::BodyTooLarge => vec![body_limit(f, failure)],
        FailureKind::Other => vec![Some(Check::unknown(
            other::CHAIN,
            format!("Raw error: {}", quote::text(&raw_error(failure))),
        ))],
    };
    checks.into_iter().flatten().collect()
}

/// The error chain, or the message when there was no error behind the failure.
fn raw_error(failure: &Failure) -> String {
    if failure.chain.is_empty() {
        failure.message.clone()
    } else {
        failure.chain.join(" → ")
    }
}
