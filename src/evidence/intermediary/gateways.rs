//! Detectors for API gateways, service proxies and load balancers that answer for the API:
//! AWS API Gateway, Kong, Envoy and the AWS ALB, and the gateway messages they put in JSON
//! bodies.
//!
//! Separate from the CDNs because these sit right in front of the API, often speak JSON
//! themselves, and are told apart from it by known messages.

use super::findings::Findings;
use super::generator::{AWS_ALB, AWS_API_GATEWAY, ENVOY, KONG};
use super::observed::{Observed, Shape, clip, quote};

/// AWS API Gateway adds request ids and, on its own error responses, the error type.
pub(super) fn aws_api_gateway(r: &Observed<'_>, f: &mut Findings) {
    for name in ["x-amzn-requestid", "x-amzn-errortype", "x-amz-apigw-id"] {
        if let Some((n, v)) = r.header(name) {
            f.saw(AWS_API_GATEWAY, quote(n, v));
        }
    }
}

/// Kong sets `Via` when proxying but `Server` and `X-Kong-Response-Latency` only on responses
/// it produced itself (plugin short-circuit or error).
pub(super) fn kong(r: &Observed<'_>, f: &mut Findings) {
    if let Some((n, v)) = r.header_with_prefix("x-kong-") {
        f.saw(KONG, quote(n, v));
    }
    if let Some((n, v)) = r.header("x-kong-response-latency") {
        f.header_says_made_by(KONG, quote(n, v));
    }
    if let Some(signal) = r.server_is("kong") {
        f.header_says_made_by(KONG, signal);
    }
}

/// Envoy's local replies are short plain-text sentences.
pub(super) fn envoy(r: &Observed<'_>, f: &mut Findings) {
    if let Some((n, v, product)) = r.server()
        && product.to_ascii_lowercase().contains("envoy")
    {
        f.saw(ENVOY, quote(n, v));
    }
    if let Some((n, v)) = r.header_with_prefix("x-envoy-") {
        f.saw(ENVOY, quote(n, v));
    }
    // A JSON body quoting one of these is only Envoy's when Envoy is known to be there.
    if r.shape == Shape::Json && !f.has_seen(ENVOY) {
        return;
    }
    let phrases = [
        "no healthy upstream",
        "upstream connect error or disconnect/reset before headers",
        "upstream request timeout",
    ];
    let rbac = f.has_seen(ENVOY).then_some("rbac: access denied");
    if let Some(excerpt) = phrases.into_iter().chain(rbac).find_map(|p| r.excerpt_at(p)) {
        f.body_says_made_by(ENVOY, excerpt);
    }
}

/// An ALB passes its targets' `Server` through, so `Server: awselb/2.0` means the load balancer
/// answered itself (no healthy target, target timeout, fixed response).
pub(super) fn aws_alb(r: &Observed<'_>, f: &mut Findings) {
    if let Some(signal) = r.server_is("awselb") {
        f.header_says_made_by(AWS_ALB, signal);
    }
}

/// Gateway messages in JSON bodies: (message, product, recognisable without that product's
/// headers). Short generic messages need the product's headers so an API's own
/// `{"message":"Forbidden"}` is not misread.
const KNOWN_MESSAGES: &[(&str, &str, bool)] = &[
    ("Missing Authentication Token", AWS_API_GATEWAY, true),
    ("Endpoint request timed out", AWS_API_GATEWAY, true),
    ("Network error communicating with endpoint", AWS_API_GATEWAY, true),
    ("Internal server error", AWS_API_GATEWAY, false),
    ("Forbidden", AWS_API_GATEWAY, false),
    ("Unauthorized", AWS_API_GATEWAY, false),
    ("Too Many Requests", AWS_API_GATEWAY, false),
    ("Limit Exceeded", AWS_API_GATEWAY, false),
    (
        "User is not authorized to access this resource",
        AWS_API_GATEWAY,
        false,
    ),
    ("Not Found", AWS_API_GATEWAY, false),
    ("Service Unavailable", AWS_API_GATEWAY, false),
    ("no Route matched with those values", KONG, true),
    ("failure to get a peer from the ring-balancer", KONG, true),
    (
        "An invalid response was received from the upstream server",
        KONG,
        true,
    ),
    ("The upstream server is timing out", KONG, false),
    ("name resolution failed", KONG, false),
    ("API rate limit exceeded", KONG, false),
    ("No API key found in request", KONG, false),
    ("Invalid authentication credentials", KONG, false),
    ("Unauthorized", KONG, false),
];

pub(super) fn known_message(r: &Observed<'_>, f: &mut Findings) {
    let Some(message) = json_message(r) else { return };
    let known = KNOWN_MESSAGES
        .iter()
        .find(|(text, who, alone)| text.eq_ignore_ascii_case(message.trim()) && (*alone || f.has_seen(who)));
    if let Some((_, who, _)) = known {
        f.body_says_made_by(who, format!("Body {{\"message\":\"{}\"}}", clip(&message)));
    }
}

/// The `message` (or AWS's `Message`) of a JSON object body.
fn json_message(r: &Observed<'_>) -> Option<String> {
    if r.shape != Shape::Json {
        return None;
    }
    let object = r.json?.as_object()?;
    object
        .get("message")
        .or_else(|| object.get("Message"))?
        .as_str()
        .map(str::to_owned)
}
