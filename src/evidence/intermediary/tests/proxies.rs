//! `Via`, `Server` matching `Via`, nginx and its error-page footer.

use super::*;
use crate::evidence::intermediary::observed::via_product;

#[test]
fn demo_gateway_502_page() {
    let got = fingerprint(
        &headers(&[
            ("content-type", "text/html"),
            ("server", "demo-gateway/1.0"),
            ("via", "1.1 demo-gateway"),
        ]),
        Some("text/html"),
        nginx_page("502 Bad Gateway", "demo-gateway").as_bytes(),
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::Intermediary,
            Some("demo-gateway"),
            &[
                "via: 1.1 demo-gateway",
                "server: demo-gateway/1.0",
                "HTML page titled \"502 Bad Gateway\"",
                "HTML footer <center>demo-gateway</center>",
            ],
            None
        )
    );
}

#[test]
fn proxy_whose_server_matches_via_made_the_response() {
    let got = fingerprint(
        &headers(&[("Via", "1.1 demo-proxy"), ("Server", "demo-proxy/1.0")]),
        Some("text/html"),
        b"<html><body><h1>407 Proxy Authentication Required</h1></body></html>",
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::Intermediary,
            Some("demo-proxy"),
            &[
                "Via: 1.1 demo-proxy",
                "Server: demo-proxy/1.0",
                "HTML page titled \"407 Proxy Authentication Required\""
            ],
            None
        )
    );
}

#[test]
fn nginx_default_error_page() {
    let got = fingerprint(
        &headers(&[("Server", "nginx/1.25.3"), ("Content-Type", "text/html")]),
        None,
        nginx_page("504 Gateway Time-out", "nginx/1.25.3").as_bytes(),
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::Intermediary,
            Some("nginx"),
            &[
                "Server: nginx/1.25.3",
                "HTML page titled \"504 Gateway Time-out\"",
                "HTML footer <center>nginx/1.25.3</center>"
            ],
            None
        )
    );
}

#[test]
fn nginx_footer_counts_even_on_a_padded_page_but_unknown_products_need_a_small_page() {
    let padding = "<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n".repeat(80);
    let nginx = format!("{}{padding}", nginx_page("502 Bad Gateway", "nginx"));
    assert_eq!(
        fingerprint(&[], Some("text/html"), nginx.as_bytes())
            .who
            .as_deref(),
        Some("nginx")
    );
    let other = format!("{}{padding}", nginx_page("502 Bad Gateway", "Copyright Example"));
    let got = fingerprint(&[], Some("text/html"), other.as_bytes());
    assert_eq!((got.kind, got.who), (GeneratorKind::Unrecognised, None));
}

#[test]
fn via_with_several_entries_and_a_port() {
    let got = fingerprint(
        &headers(&[("VIA", "1.0 fred, 1.1 p.example.net:8080"), ("via", "1.1 google")]),
        Some("application/json"),
        b"{}",
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::PassedThrough,
            Some("fred"),
            &["VIA: 1.0 fred, 1.1 p.example.net:8080", "via: 1.1 google"],
            None
        )
    );
    assert_eq!(via_product(" 1.1 p.example.net:8080"), Some("p.example.net"));
    assert_eq!(via_product("HTTP/1.1"), None);
}

#[test]
fn iis_arr_wrote_its_own_502_page() {
    let got = fingerprint(
        &headers(&[
            ("Server", "Microsoft-IIS/10.0"),
            ("X-Powered-By", "ARR/3.0"),
            ("X-Powered-By", "ASP.NET"),
        ]),
        Some("text/html"),
        b"<html><head><title>502 - Web server received an invalid response while acting as a gateway or proxy server.</title></head><body></body></html>",
    );
    assert_eq!(got.kind, GeneratorKind::Intermediary);
    assert_eq!(got.who.as_deref(), Some("IIS Application Request Routing (ARR)"));
}
