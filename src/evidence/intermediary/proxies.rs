//! Generic proxy evidence: `Via` entries, a `Server` that names the same product as `Via`,
//! a bare `Server: nginx`, and the `<hr><center>PRODUCT</center>` footer of nginx-style error
//! pages; plus the product labels they share.
//!
//! Separate because these readers work for any product, known or not, and run after the
//! product-specific detectors so that those win.

use super::findings::Findings;
use super::generator::{
    AKAMAI, AWS_ALB, CLOUDFLARE, CLOUDFRONT, ENVOY, FASTLY, GOOGLE_FRONT_END, HEROKU_ROUTER, IIS_ARR, KONG,
    NGINX, VARNISH,
};
use super::observed::{Observed, Shape, clip, named, quote, via_product, without_version};

/// The generic `<hr><center>PRODUCT</center>` footer only counts on small pages, which is what
/// proxies generate; a large application page with such a footer is no evidence.
const SMALL_PAGE: usize = 4096;

/// `Via` lists every intermediary that forwarded the response (RFC 9110 §7.6.3).
pub(super) fn via(r: &Observed<'_>, f: &mut Findings) {
    for (n, v) in named(r.headers, "via") {
        let products: Vec<&str> = v.split(',').filter_map(via_product).collect();
        if products.is_empty() {
            continue;
        }
        f.header_signal(quote(n, v));
        for product in products {
            match label(product) {
                // Fastly's Via says "varnish"; it was already recognised by its own headers.
                VARNISH if f.has_seen(FASTLY) => {}
                name => f.see(name),
            }
        }
    }
}

/// IIS's reverse proxy, Application Request Routing: `X-Powered-By: ARR/3.0`, and IIS's own
/// page for a 502 it wrote "while acting as a gateway or proxy server" (502.3 is its timeout).
pub(super) fn iis_arr(r: &Observed<'_>, f: &mut Findings) {
    let Some((n, v)) = named(r.headers, "x-powered-by").find(|(_, v)| v.trim().starts_with("ARR/")) else {
        return;
    };
    f.saw(IIS_ARR, quote(n, v));
    if r.shape != Shape::Json
        && let Some(excerpt) = r.excerpt_at("acting as a gateway or proxy server")
    {
        f.body_says_made_by(IIS_ARR, excerpt);
    }
}

/// A proxy that forwards leaves the origin's `Server` alone; when `Server` names the same
/// product as `Via` (`Server: Heroku` with `Via: 1.1 heroku-router` counts), the proxy wrote
/// the response itself.
pub(super) fn server_matches_via(r: &Observed<'_>, f: &mut Findings) {
    let Some((n, v, product)) = r.server() else { return };
    let same = |via: &str| {
        let (via, product) = (via.to_ascii_lowercase(), product.to_ascii_lowercase());
        via == product || via.starts_with(&format!("{product}-"))
    };
    if let Some(via) = r.via_products().into_iter().find(|via| same(via)) {
        f.header_says_made_by(label(via), quote(n, v));
    }
}

/// Google's front end (`Server: Google Frontend`, `Via: 1.1 google`) writes its own small
/// HTML pages for errors of its own ("That’s an error.", "The server encountered a temporary
/// error…", "Your client does not have permission…").
pub(super) fn google_front_end(r: &Observed<'_>, f: &mut Findings) {
    if let Some((n, v, product)) = r.server()
        && matches!(
            product.to_ascii_lowercase().as_str(),
            "google frontend" | "gfe" | "esf"
        )
    {
        f.saw(GOOGLE_FRONT_END, quote(n, v));
    }
    let via_google = r.via_products().iter().any(|p| p.eq_ignore_ascii_case("google"));
    if !(via_google || f.has_seen(GOOGLE_FRONT_END)) || r.shape != Shape::Html {
        return;
    }
    let phrases = [
        "that’s an error",
        "that's an error",
        "the server encountered a temporary error",
        "your client does not have permission",
        "error: server error",
    ];
    if let Some(excerpt) = phrases.into_iter().find_map(|p| r.excerpt_at(p)) {
        f.body_says_made_by(GOOGLE_FRONT_END, excerpt);
    }
}

/// `Server: nginx` alone is weak (nginx often is the API's own front), so it only marks nginx
/// as present; its pages are recognised by [`html_footer`].
pub(super) fn nginx(r: &Observed<'_>, f: &mut Findings) {
    if let Some((n, v, product)) = r.server()
        && label(product) == NGINX
    {
        f.saw(NGINX, quote(n, v));
    }
}

/// The `<hr><center>PRODUCT</center>` footer of nginx-style error pages (nginx, openresty,
/// awselb, and gateways that copy them).
pub(super) fn html_footer(r: &Observed<'_>, f: &mut Findings) {
    if r.shape != Shape::Html {
        return;
    }
    if let Some(product) = footer_product(r.text, &r.lower) {
        let name = without_version(product).unwrap_or(product);
        let known = known_label(name);
        if known.is_some() || r.text.len() <= SMALL_PAGE {
            f.body_says_made_by(
                known.unwrap_or(name),
                format!("HTML footer <center>{}</center>", clip(product)),
            );
        }
    }
}

fn footer_product<'t>(text: &'t str, lower: &str) -> Option<&'t str> {
    lower.match_indices("<center>").find_map(|(at, marker)| {
        let before = lower.get(..at)?.trim_end();
        if !["<hr>", "<hr/>", "<hr />"].iter().any(|hr| before.ends_with(hr)) {
            return None;
        }
        let start = at + marker.len();
        let end = start + lower.get(start..)?.find("</center>")?;
        let inner = text.get(start..end)?.trim();
        (!inner.is_empty() && inner.len() <= 64 && !inner.contains('<')).then_some(inner)
    })
}

/// The display name for a product token from `Via` or `Server`: a known product's name, or
/// the token as sent.
fn label(product: &str) -> &str {
    known_label(product).unwrap_or(product)
}

fn known_label(product: &str) -> Option<&'static str> {
    let lower = product.to_ascii_lowercase();
    match lower.as_str() {
        "cloudfront" => Some(CLOUDFRONT),
        _ if lower.ends_with(".cloudfront.net") => Some(CLOUDFRONT),
        "cloudflare" => Some(CLOUDFLARE),
        "varnish" => Some(VARNISH),
        "kong" => Some(KONG),
        "envoy" | "istio-envoy" => Some(ENVOY),
        "awselb" => Some(AWS_ALB),
        "nginx" => Some(NGINX),
        "akamaighost" => Some(AKAMAI),
        "heroku-router" | "vegur" | "heroku" => Some(HEROKU_ROUTER),
        "google" | "google frontend" => Some(GOOGLE_FRONT_END),
        _ => None,
    }
}
