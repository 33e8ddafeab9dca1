//! The catalogue's index: every scope in reading order, every check, and a check by its id.

use super::entry::{CheckSpec, Scope};
use super::{
    any_error, bad_gateway, bad_request, body, conflict, content_too_large, dns, forbidden, gateway_timeout,
    gone, headers_too_large, internal_error, length_required, method_not_allowed, not_acceptable, not_found,
    not_implemented, other, precondition_failed, precondition_required, proxy_auth_required, redirect,
    refused, request, request_timeout, reset, service_unavailable, success, timeout, tls, too_many_requests,
    unauthorized, unprocessable, unsupported_media_type, uri_too_long, url,
};

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
