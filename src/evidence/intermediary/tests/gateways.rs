//! AWS API Gateway, the AWS ALB, Envoy and Kong.

use super::*;

#[test]
fn api_gateway_timeout_message() {
    let got = fingerprint(
        &headers(&[
            ("x-amzn-RequestId", "0d4a9c6e-1f1e-4b9b-9a53-7c1d0f9e2a11"),
            ("x-amzn-ErrorType", "InternalServerErrorException"),
            ("x-amz-apigw-id", "Ab1CdEfGhIjKlMn="),
        ]),
        Some("application/json"),
        br#"{"message": "Endpoint request timed out"}"#,
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::Intermediary,
            Some("AWS API Gateway"),
            &[
                "x-amzn-RequestId: 0d4a9c6e-1f1e-4b9b-9a53-7c1d0f9e2a11",
                "x-amzn-ErrorType: InternalServerErrorException",
                "x-amz-apigw-id: Ab1CdEfGhIjKlMn=",
                "Body {\"message\":\"Endpoint request timed out\"}",
            ],
            None
        )
    );
}

#[test]
fn missing_authentication_token_is_recognised_without_headers() {
    let got = fingerprint(
        &[],
        Some("application/json"),
        br#"{"message":"Missing Authentication Token"}"#,
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::Intermediary,
            Some("AWS API Gateway"),
            &["Body {\"message\":\"Missing Authentication Token\"}"],
            None
        )
    );
}

#[test]
fn generic_gateway_messages_need_the_gateway_headers() {
    let body = br#"{"message":"Internal server error"}"#;
    assert_eq!(
        fingerprint(&[], Some("application/json"), body).kind,
        GeneratorKind::Application
    );
    let behind = headers(&[("x-amzn-RequestId", "r-1")]);
    assert_eq!(
        fingerprint(&behind, Some("application/json"), body).kind,
        GeneratorKind::Intermediary
    );
}

#[test]
fn api_gateway_passes_the_lambda_json_through() {
    let got = fingerprint(
        &headers(&[("x-amzn-RequestId", "r-1"), ("x-amz-apigw-id", "id=")]),
        Some("application/json"),
        br#"{"error":"user_not_found","message":"No user 42"}"#,
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::PassedThrough,
            Some("AWS API Gateway"),
            &["x-amzn-RequestId: r-1", "x-amz-apigw-id: id="],
            None
        )
    );
}

#[test]
fn aws_alb_page() {
    let got = fingerprint(
        &headers(&[("Server", "awselb/2.0"), ("Content-Type", "text/html")]),
        None,
        nginx_page("503 Service Temporarily Unavailable", "awselb/2.0").as_bytes(),
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::Intermediary,
            Some("AWS ALB"),
            &[
                "Server: awselb/2.0",
                "HTML page titled \"503 Service Temporarily Unavailable\"",
                "HTML footer <center>awselb/2.0</center>"
            ],
            None
        )
    );
}

#[test]
fn envoy_no_healthy_upstream() {
    let got = fingerprint(
        &headers(&[("server", "envoy"), ("content-type", "text/plain")]),
        None,
        b"no healthy upstream",
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::Intermediary,
            Some("Envoy"),
            &["server: envoy", "Body \"no healthy upstream\""],
            None
        )
    );
}

#[test]
fn envoy_upstream_reset_without_headers() {
    let got = fingerprint(
        &[],
        Some("text/plain"),
        b"upstream connect error or disconnect/reset before headers. reset reason: connection failure",
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::Intermediary,
            Some("Envoy"),
            &[
                "Body \"upstream connect error or disconnect/reset before headers. reset reason: connection failure\""
            ],
            None
        )
    );
}

#[test]
fn istio_sidecar_headers_with_api_json_are_passed_through() {
    let got = fingerprint(
        &headers(&[("server", "istio-envoy"), ("x-envoy-upstream-service-time", "12")]),
        Some("application/json"),
        br#"{"id":7}"#,
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::PassedThrough,
            Some("Envoy"),
            &["server: istio-envoy", "x-envoy-upstream-service-time: 12"],
            None
        )
    );
}

#[test]
fn envoy_phrase_in_json_counts_only_when_envoy_is_there() {
    let body = br#"{"detail":"upstream request timeout"}"#;
    assert_eq!(
        fingerprint(&[], Some("application/json"), body).kind,
        GeneratorKind::Application
    );
    let envoy = headers(&[("x-envoy-upstream-service-time", "15001")]);
    assert_eq!(
        fingerprint(&envoy, Some("application/json"), body).kind,
        GeneratorKind::Intermediary
    );
}

#[test]
fn kong_no_route() {
    let got = fingerprint(
        &headers(&[("Server", "kong/3.4.2"), ("X-Kong-Response-Latency", "0")]),
        Some("application/json; charset=utf-8"),
        br#"{"message":"no Route matched with those values","request_id":"4f1c"}"#,
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::Intermediary,
            Some("Kong"),
            &[
                "X-Kong-Response-Latency: 0",
                "Server: kong/3.4.2",
                "Body {\"message\":\"no Route matched with those values\"}"
            ],
            None
        )
    );
}

#[test]
fn kong_plugin_message_is_kongs_and_proxied_json_is_passed_through() {
    let got = fingerprint(
        &headers(&[
            ("Via", "1.1 kong/3.4.2"),
            ("X-Kong-Upstream-Latency", "31"),
            ("X-Kong-Proxy-Latency", "1"),
        ]),
        Some("application/json"),
        br#"{"message":"Unauthorized"}"#,
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::Intermediary,
            Some("Kong"),
            &[
                "X-Kong-Upstream-Latency: 31",
                "Via: 1.1 kong/3.4.2",
                "Body {\"message\":\"Unauthorized\"}"
            ],
            None
        )
    );
    let app = fingerprint(
        &headers(&[("Via", "kong/0.14.1"), ("X-Kong-Upstream-Latency", "31")]),
        Some("application/json"),
        br#"{"id":1}"#,
    );
    assert_eq!(
        (app.kind, app.who.as_deref()),
        (GeneratorKind::PassedThrough, Some("Kong"))
    );
}

/// Google's front end writes its own pages; `Via: 1.1 google` alone only says it forwarded.
#[test]
fn google_front_end_pages_are_its_own() {
    let page = b"<html><head><title>502 Server Error</title></head><body><h1>Error: Server Error</h1><h2>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds.</h2></body></html>";
    let got = fingerprint(&headers(&[("via", "1.1 google")]), Some("text/html"), page);
    assert_eq!(got.kind, GeneratorKind::Intermediary, "{got:?}");
    assert_eq!(got.who.as_deref(), Some("Google Front End"));
    let passed = fingerprint(
        &headers(&[("via", "1.1 google")]),
        Some("application/json"),
        br#"{"error":"not_found"}"#,
    );
    assert_ne!(passed.kind, GeneratorKind::Intermediary, "{passed:?}");
}

/// `Server: Heroku` with `Via: 1.1 heroku-router`: the router wrote the page.
#[test]
fn the_heroku_router_writes_its_own_pages() {
    let got = fingerprint(
        &headers(&[("Server", "Heroku"), ("Via", "1.1 heroku-router")]),
        Some("text/html"),
        b"<html><title>Application Error</title></html>",
    );
    assert_eq!(got.kind, GeneratorKind::Intermediary, "{got:?}");
    assert_eq!(got.who.as_deref(), Some("Heroku router"));
}
