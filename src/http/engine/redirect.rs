//! Following redirects by hand: which responses to follow, the hop record (method rewritten
//! to GET, body dropped, credentials stripped across origins) with the next request rewritten
//! to match, and the message when the redirect limit stops the chain.

use bytes::Bytes;
use url::Url;

use super::super::exchange::{Hop, ResponseHead, SentRequest};
use super::super::request::TransportOptions;
use super::wire::WireRequest;

/// The absolute URL to follow, when this response is a redirect we should follow.
pub(super) fn redirect_target(head: &ResponseHead, base: &Url, options: TransportOptions) -> Option<Url> {
    if !options.follow_redirects || !matches!(head.status, 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    base.join(head.header("location")?.trim()).ok()
}

/// Records a hop and rewrites `next` for the following request as browsers and curl do:
/// 303 (and 301/302 after a POST) become GET without a body; credentials are not carried
/// to another origin.
pub(super) fn make_hop(
    sent: SentRequest,
    response: ResponseHead,
    location: &Url,
    next: &mut WireRequest,
) -> Hop {
    let from = Url::parse(&sent.url).ok();
    let to_get = match response.status {
        303 => sent.method != "HEAD",
        301 | 302 => sent.method == "POST",
        _ => false,
    };
    let method_changed = to_get && sent.method != "GET";
    let body_dropped = to_get && !sent.body.is_empty();
    if to_get {
        "GET".clone_into(&mut next.method);
        next.body = Bytes::new();
        next.headers.retain(|(n, _)| {
            ![
                "content-type",
                "content-length",
                "content-encoding",
                "transfer-encoding",
            ]
            .iter()
            .any(|h| n.eq_ignore_ascii_case(h))
        });
    }
    let same_origin = from.as_ref().is_some_and(|f| f.origin() == location.origin());
    let mut stripped_headers = Vec::new();
    if !same_origin {
        next.headers.retain(|(n, _)| {
            let sensitive = ["authorization", "cookie", "proxy-authorization"]
                .iter()
                .any(|h| n.eq_ignore_ascii_case(h));
            if sensitive {
                stripped_headers.push(n.clone());
            }
            !sensitive
        });
    }
    // The host header belongs to the old URL.
    next.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("host"));
    next.url = location.to_string();
    Hop {
        request: sent,
        response,
        location: location.to_string(),
        method_changed,
        body_dropped,
        stripped_headers,
    }
}

pub(super) fn redirect_loop_message(hops: &[Hop], max: usize) -> String {
    let last = hops.last().map_or("", |h| h.location.as_str());
    let repeated = hops.iter().filter(|h| h.request.url == last).count();
    if repeated > 0 {
        format!(
            "redirect loop: {last} redirects back to a URL already visited (stopped after {max} redirects)"
        )
    } else {
        format!("too many redirects: stopped after {max}")
    }
}
