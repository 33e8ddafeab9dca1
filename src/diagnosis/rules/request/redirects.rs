//! Where redirects took the request: never down from https to plain http, never to a scheme
//! that is not HTTP, and the body only to the origin it was written for (`R.redirect-*`).
//! The transport refuses the first two (docs/checks.md); these lints say so, with the
//! Location, because the answer is then a bare 3xx that would otherwise look like success.

use url::Url;

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::request;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::http::is_downgrade;

pub(super) fn redirect_downgrade(f: &Facts<'_>) -> Option<Check> {
    if let Some(hop) = f.hops.iter().find(|hop| {
        let from = Url::parse(&hop.request.url).ok();
        let to = Url::parse(&hop.location).ok();
        from.zip(to).is_some_and(|(from, to)| is_downgrade(&from, &to))
    }) {
        return Some(Check::fail(
            request::REDIRECT_DOWNGRADE,
            format!(
                "The {} from {} to {} was followed because the request sets insecure_tls: the request went on in clear",
                hop.response.status,
                quote::url(&hop.request.url),
                quote::url(&hop.location)
            ),
        ));
    }
    let head = f.head?;
    // With following switched off every redirect is the answer, whatever its Location.
    let follows = f
        .written
        .and_then(|w| w.request.options.follow_redirects)
        .or_else(|| f.collection.and_then(|c| c.defaults.options.follow_redirects))
        .unwrap_or(true);
    if !follows || !matches!(head.status, 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    let from = Url::parse(&f.sent?.url).ok()?;
    let to = from.join(head.header("location")?.trim()).ok()?;
    let said = if is_downgrade(&from, &to) {
        "a downgrade from https to plain http, which would send the request again in clear"
    } else if !matches!(to.scheme(), "http" | "https") {
        "not an http or https URL"
    } else {
        return None;
    };
    Some(Check::fail(
        request::REDIRECT_DOWNGRADE,
        format!(
            "The {} answer redirects to {}: {said}, so apibench did not follow it",
            head.status,
            quote::url(to.as_str())
        ),
    ))
}

pub(super) fn redirect_body_origin(f: &Facts<'_>) -> Option<Check> {
    let hop = f.hops.iter().find(|hop| {
        let from = Url::parse(&hop.request.url).ok();
        let to = Url::parse(&hop.location).ok();
        !hop.body_dropped
            && !hop.request.body.is_empty()
            && from
                .zip(to)
                .is_some_and(|(from, to)| from.origin() != to.origin())
    })?;
    let origin =
        Url::parse(&hop.location).map_or_else(|_| hop.location.clone(), |u| u.origin().ascii_serialization());
    Some(Check::fail(
        request::REDIRECT_BODY_ORIGIN,
        format!(
            "The {} from {} sent the {} {} body again to {}, another origin",
            hop.response.status,
            quote::url(&hop.request.url),
            crate::format::bytes(hop.request.body.len() as u64),
            hop.request.method,
            quote::url(&origin)
        ),
    ))
}
