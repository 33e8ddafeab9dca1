//! The rules: one small function per catalogue check, grouped by the outcome they explain.
//!
//! Each rule returns `Option<Check>`: `None` when its preconditions do not hold (a JWT check
//! on a Basic credential), so the checklist only shows what applies. Order within a group is
//! the order a person should read them in when verdicts tie.

// Every rule returns `Option<Check>` so the rule lists read alike, even those that always apply.
#![expect(clippy::unnecessary_wraps, reason = "one signature for every rule")]

mod auth;
mod common;
mod conditions;
mod content;
pub(crate) mod evidence;
mod healthy;
mod limits;
mod method;
mod network;
mod not_found;
mod rate;
pub(crate) mod request;
mod server;

use super::Check;
use super::facts::Facts;

/// DNS zones that only resolve inside a private network: a VPN, a cluster, a home router.
/// Both the DNS checks and the proxy checks (`NO_PROXY`) ask "is this host private?".
const PRIVATE_ZONES: [&str; 8] = [
    ".internal",
    ".local",
    ".lan",
    ".corp",
    ".home.arpa",
    ".svc",
    ".cluster.local",
    ".consul",
];

/// A URL without its query string: the endpoint, for "this endpoint earlier in the session".
fn endpoint(url: &str) -> &str {
    url.split('?').next().unwrap_or_default()
}

/// The checks that apply, in rule order.
fn collect(checks: impl IntoIterator<Item = Option<Check>>) -> Vec<Check> {
    checks.into_iter().flatten().collect()
}

/// A request lint asked again under a status-specific id.
fn reid(check: Option<Check>, id: &'static str) -> Option<Check> {
    check.map(|mut c| {
        c.id = id;
        c
    })
}

/// Every check that applies to this exchange, unsorted.
pub fn checks(f: &Facts<'_>) -> Vec<Check> {
    if let Some(error) = f.prepare_error {
        return request::not_prepared(error);
    }
    let mut out = if let Some(failure) = f.failure {
        network::checks(f, failure)
    } else if let Some(status) = f.status() {
        let mut out = by_status(f, status);
        if status >= 400 {
            out.extend(common::checks(f, &out));
        }
        out
    } else {
        Vec::new()
    };
    // Request lints join when they fail and no status check already asks the same thing.
    let lints: Vec<Check> = request::lints(f)
        .into_iter()
        .filter(|lint| lint.verdict == super::Verdict::Fail)
        .filter(|lint| {
            !out.iter()
                .any(|c| c.id == lint.id || covers(c.id).contains(&lint.id))
        })
        .collect();
    out.extend(lints);
    out
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
        502 => server::bad_gateway(f),
        503 => rate::service_unavailable(f),
        504 => server::gateway_timeout(f),
        _ => Vec::new(),
    }
}

/// Request lints a status check makes redundant, because it asks the same question with
/// the response in hand.
fn covers(id: &str) -> &'static [&'static str] {
    match id {
        "400.body-parses" => &["R.json-parse"],
        "400.content-type" | "500.content-type" => &["R.ct-missing", "R.ct-mismatch"],
        "400.placeholders" | "C.placeholder" | "url.placeholder-host" => &["R.placeholder"],
        "400.query-encoding" => &["R.query-encoding"],
        "400.header-size" | "431.total" => &["R.header-size"],
        "401.credential-shape" => &["R.auth-var-empty", "R.auth-malformed"],
        "401.creds-sent" => &["R.auth-var-empty"],
        "404.unresolved" => &["R.placeholder", "R.stringified-missing"],
        "404.path-shape" => &["R.slashes"],
        "408.length-match" => &["R.content-length-override"],
        "415.ct-present" => &["R.ct-missing"],
        "415.ct-vs-body" | "415.multipart-boundary" | "415.params" => &["R.ct-mismatch"],
        "501.method-name" => &["R.method-case"],
        "414.total" => &["R.url-length"],
        "431.duplicates" => &["R.header-duplicates"],
        "403.user-agent" => &["R.user-agent"],
        _ => &[],
    }
}
