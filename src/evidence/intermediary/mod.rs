//! Who generated a response: the API itself, or a proxy, CDN or load balancer in front of it
//! (docs/diagnosis.md §Who produced the response, used by `C.generator`, `403.edge-block`,
//! `502.who`, `503.no-upstream`).
//!
//! An error page from Cloudflare or nginx means the API may never have seen the request, which
//! changes every other piece of advice. No single signal is reliable (a `Via` only says the
//! response passed through something; `Server: nginx` may front the API or be the API), so the
//! fingerprint combines headers with the body: an intermediary's own page or message is what
//! says it generated the response, while a JSON body is taken as the API's own unless it is a
//! known gateway message.
//!
//! This file holds the entry point and the detector order. Beside it: the result types and
//! the names the detectors give (`generator`), the
//! detectors by kind of intermediary (`cdn`, `gateways`, `proxies`), the response as they read
//! it (`observed`), what they found and the conclusion drawn from it (`findings`), and the
//! small HTML reader for titles and entities (`html`).

mod cdn;
mod findings;
mod gateways;
mod generator;
mod html;
mod observed;
mod proxies;

#[cfg(test)]
mod tests;

use self::cdn::{akamai, cloudflare, cloudfront, fastly, varnish};
use self::findings::Findings;
use self::gateways::{aws_alb, aws_api_gateway, envoy, known_message, kong};
pub use self::generator::{Generator, GeneratorKind};
pub use self::html::html_title;
use self::observed::{Observed, named};
use self::proxies::{google_front_end, html_footer, iis_arr, nginx, server_matches_via, via};
use super::error_body::body_json;

/// Only the start of a body is read; every signature sits near the top of a page.
const BODY_LIMIT: usize = 64 * 1024;

/// Fingerprints a response from its headers (names case-insensitive), content type (falls back
/// to the `Content-Type` header when `None`) and the first 64 KiB of its body. The body is
/// read as JSON the way a diagnosis reads it ([`body_json`]).
pub fn fingerprint(headers: &[(String, String)], content_type: Option<&str>, body: &[u8]) -> Generator {
    let content_type = content_type.or_else(|| named(headers, "content-type").next().map(|(_, v)| v));
    let json = body_json(content_type, body);
    fingerprint_parsed(headers, content_type, body, json.as_ref())
}

/// [`fingerprint`] of a body the caller already parsed as JSON (`None` when it is not JSON),
/// so a diagnosis parses the response once for the error body and the fingerprint.
pub fn fingerprint_parsed(
    headers: &[(String, String)],
    content_type: Option<&str>,
    body: &[u8],
    json: Option<&serde_json::Value>,
) -> Generator {
    let body = body.get(..BODY_LIMIT).unwrap_or(body);
    let text = String::from_utf8_lossy(body);
    let content_type = content_type.or_else(|| named(headers, "content-type").next().map(|(_, v)| v));
    let response = Observed::new(headers, content_type, &text, json);
    let mut findings = Findings::default();
    for detect in DETECTORS {
        detect(&response, &mut findings);
    }
    findings.conclude(&response)
}

type Detector = fn(&Observed<'_>, &mut Findings);

/// Specific products first so that they win `who`; the generic `Via`/`Server` readers and the
/// weak `Server: nginx` come after, and the message table last because it needs to know who
/// is on the path.
const DETECTORS: &[Detector] = &[
    aws_api_gateway,
    kong,
    envoy,
    cloudflare,
    cloudfront,
    fastly,
    akamai,
    varnish,
    aws_alb,
    iis_arr,
    via,
    server_matches_via,
    google_front_end,
    nginx,
    known_message,
    html_footer,
];
