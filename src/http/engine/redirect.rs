//! Following redirects by hand: which responses to follow, the hop record (method rewritten
//! to GET, body dropped, credentials stripped across origins) with the next request rewritten
//! to match, and the message when the redirect limit stops the chain.
//!
//! Two redirects are never followed, whatever `follow_redirects` says: one to a scheme other
//! than http and https (`file:`, `javascript:`: the server's doing, so the 3xx is shown as
//! the answer rather than blamed on the request's URL), and one from https to plain http,
//! which would send the request, its credentials and its body in clear — unless the request
//! set `insecure_tls: true` (a test server it already trusts without verification).

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
    let target = base.join(head.header("location")?.trim()).ok()?;
    let web = matches!(target.scheme(), "http" | "https");
    let downgrade = is_downgrade(base, &target);
    (web && (!downgrade || options.insecure_tls)).then_some(target)
}

/// Whether following `from` → `to` leaves https for plain http.
pub fn is_downgrade(from: &Url, to: &Url) -> bool {
    from.scheme() == "https" && to.scheme() == "http"
}

/// Records a hop and rewrites `next` for the following request as browsers and curl do:
/// 303 (and 301/302 after a POST) become GET without a body; credentials are not carried
/// to another origin. `from` is the URL `sent` went to; `credentials` names the headers the
/// request's auth added, stripped with every header the secret rules call a credential.
pub(super) fn make_hop(
    sent: SentRequest,
    from: &Url,
    response: ResponseHead,
    location: &Url,
    next: &mut WireRequest,
    credentials: &[String],
) -> Hop {
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
    let same_origin = from.origin() == location.origin();
    let mut stripped_headers = Vec::new();
    if !same_origin {
        next.headers.retain(|(n, _)| {
            let sensitive =
                crate::secrets::is_secret_header(n) || credentials.iter().any(|c| n.eq_ignore_ascii_case(c));
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

/// Why the redirects stopped. `hops` holds every redirect response received: the `max`
/// followed and the one after them, which was not.
pub(super) fn redirect_loop_message(hops: &[Hop], max: usize) -> String {
    let last = hops.last().map_or("", |h| h.location.as_str());
    let repeated = hops.iter().filter(|h| h.request.url == last).count();
    let stopped = format!(
        "followed {max} redirect{}; redirect {} (to {last}) was not followed",
        if max == 1 { "" } else { "s" },
        hops.len()
    );
    if repeated > 0 {
        format!("redirect loop: {last} redirects back to a URL already visited ({stopped})")
    } else {
        format!("too many redirects: {stopped}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn sent(method: &str, url: &str, body: &'static str) -> SentRequest {
        SentRequest {
            method: method.to_owned(),
            url: url.to_owned(),
            headers: Vec::new(),
            body: Bytes::from_static(body.as_bytes()),
            proxy: None,
        }
    }

    fn head(status: u16, location: &str) -> ResponseHead {
        ResponseHead {
            status,
            reason: String::new(),
            version: "HTTP/1.1".to_owned(),
            headers: headers(&[("Location", location)]),
            remote_addr: None,
        }
    }

    fn next(method: &str, body: &'static str) -> WireRequest {
        WireRequest {
            method: method.to_owned(),
            url: "http://api.test/old".to_owned(),
            headers: headers(&[
                ("Host", "api.test"),
                ("Content-Type", "application/json"),
                ("Content-Length", "2"),
                ("Authorization", "Bearer abc"),
                ("Cookie", "s=1"),
                ("X-API-Key", "k-123"),
                ("X-Auth-Token", "t-123"),
                ("Private-Token", "p-123"),
                ("X-Client", "c-123"),
                ("Accept", "*/*"),
            ]),
            body: Bytes::from_static(body.as_bytes()),
        }
    }

    fn hop(status: u16, method: &str, to: &str) -> (Hop, WireRequest) {
        let from = Url::parse("http://api.test/old").unwrap();
        let location = Url::parse(to).unwrap();
        let mut next = next(method, "{}");
        let hop = make_hop(
            sent(method, from.as_str(), "{}"),
            &from,
            head(status, to),
            &location,
            &mut next,
            &["X-Client".to_owned()],
        );
        (hop, next)
    }

    /// The credential headers of `next`'s request, in order: the secret-named ones and the
    /// one the auth added under a plain name (`X-Client`).
    const CREDENTIALS: [&str; 6] = [
        "Authorization",
        "Cookie",
        "X-API-Key",
        "X-Auth-Token",
        "Private-Token",
        "X-Client",
    ];

    fn names(request: &WireRequest) -> Vec<&str> {
        request.headers.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn a_303_after_a_post_becomes_a_get_without_body_or_body_headers() {
        let (hop, next) = hop(303, "POST", "http://api.test/new");
        assert!(hop.method_changed && hop.body_dropped);
        assert_eq!(next.method, "GET");
        assert!(next.body.is_empty());
        assert_eq!(names(&next), [&CREDENTIALS[..], &["Accept"]].concat());
        assert_eq!(next.url, "http://api.test/new");
    }

    #[test]
    fn a_307_keeps_the_method_and_the_body() {
        let (hop, next) = hop(307, "POST", "http://api.test/new");
        assert!(!hop.method_changed && !hop.body_dropped);
        assert_eq!(next.method, "POST");
        assert_eq!(&next.body[..], b"{}");
        assert!(names(&next).contains(&"Content-Type"));
    }

    #[test]
    fn a_301_rewrites_only_a_post() {
        assert!(hop(301, "POST", "http://api.test/new").0.method_changed);
        let (put, next) = hop(301, "PUT", "http://api.test/new");
        assert!(!put.method_changed);
        assert_eq!(next.method, "PUT");
    }

    #[test]
    fn a_303_after_a_get_is_not_a_method_change_and_after_a_head_stays_head() {
        let (get, _) = hop(303, "GET", "http://api.test/new");
        assert!(!get.method_changed);
        let (_, next) = hop(303, "HEAD", "http://api.test/new");
        assert_eq!(next.method, "HEAD");
    }

    #[test]
    fn credentials_are_stripped_only_when_the_origin_changes() {
        let (same, next) = hop(302, "GET", "http://api.test/elsewhere");
        assert!(same.stripped_headers.is_empty());
        assert!(names(&next).contains(&"Authorization"));

        let (other, next) = hop(302, "GET", "https://api.test/old");
        assert_eq!(other.stripped_headers, CREDENTIALS);
        assert!(!names(&next).iter().any(|n| CREDENTIALS.contains(n)));
        assert!(names(&next).contains(&"Accept"));
    }

    #[test]
    fn a_downgrade_to_plain_http_is_followed_only_when_the_request_allows_insecure_transport() {
        let base = Url::parse("https://api.test/a").unwrap();
        let follow = TransportOptions::default();
        assert_eq!(
            redirect_target(&head(301, "http://api.test/a"), &base, follow),
            None
        );
        assert_eq!(
            redirect_target(&head(301, "https://other.test/a"), &base, follow).map(String::from),
            Some("https://other.test/a".to_owned())
        );
        let insecure = TransportOptions {
            insecure_tls: true,
            ..follow
        };
        assert_eq!(
            redirect_target(&head(301, "http://api.test/a"), &base, insecure).map(String::from),
            Some("http://api.test/a".to_owned())
        );
        let plain = Url::parse("http://api.test/a").unwrap();
        assert!(redirect_target(&head(301, "https://api.test/a"), &plain, follow).is_some());
    }

    #[test]
    fn a_redirect_to_a_scheme_other_than_http_is_never_followed() {
        let base = Url::parse("http://api.test/a").unwrap();
        let follow = TransportOptions {
            insecure_tls: true,
            ..TransportOptions::default()
        };
        for location in ["file:///etc/passwd", "javascript:alert(1)", "ftp://api.test/x"] {
            assert_eq!(
                redirect_target(&head(302, location), &base, follow),
                None,
                "{location}"
            );
        }
    }

    #[test]
    fn the_old_host_header_never_follows_the_redirect() {
        let (_, next) = hop(307, "GET", "http://api.test/new");
        assert!(!names(&next).contains(&"Host"));
    }

    #[test]
    fn only_redirect_statuses_with_a_location_are_followed_when_enabled() {
        let base = Url::parse("http://api.test/a/b").unwrap();
        let follow = TransportOptions::default();
        assert_eq!(
            redirect_target(&head(302, " ../c "), &base, follow).map(String::from),
            Some("http://api.test/c".to_owned())
        );
        assert_eq!(redirect_target(&head(304, "/c"), &base, follow), None);
        let mut no_location = head(302, "/c");
        no_location.headers.clear();
        assert_eq!(redirect_target(&no_location, &base, follow), None);
        let off = TransportOptions {
            follow_redirects: false,
            ..follow
        };
        assert_eq!(redirect_target(&head(302, "/c"), &base, off), None);
    }

    /// The hops hold the redirects followed and the one after them, and the message counts
    /// them the same way: with a limit of 1, redirect 2 is the one not followed.
    #[test]
    fn the_limit_message_says_loop_only_when_a_url_came_back_and_counts_like_the_hops() {
        let (first, _) = hop(302, "GET", "http://api.test/a");
        let (back, _) = hop(302, "GET", "http://api.test/old");
        assert_eq!(
            redirect_loop_message(&[first.clone(), back], 1),
            "redirect loop: http://api.test/old redirects back to a URL already visited (followed 1 redirect; redirect 2 (to http://api.test/old) was not followed)"
        );
        let (onward, _) = hop(302, "GET", "http://api.test/next");
        assert_eq!(
            redirect_loop_message(&[first, onward], 1),
            "too many redirects: followed 1 redirect; redirect 2 (to http://api.test/next) was not followed"
        );
    }
}
