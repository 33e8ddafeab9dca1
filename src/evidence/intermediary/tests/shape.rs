//! Responses without an intermediary's signature, where the body's shape decides, and the
//! limits on what is read and quoted.

use super::*;

#[test]
fn plain_json_api_response_is_the_application() {
    let got = fingerprint(
        &headers(&[
            ("Content-Type", "application/json"),
            ("Server", "uvicorn"),
            ("X-Request-Id", "r1"),
        ]),
        None,
        br#"{"error":"not_found","message":"No user 42"}"#,
    );
    assert_eq!(got, generator(GeneratorKind::Application, None, &[], None));
}

#[test]
fn json_api_response_behind_via_is_passed_through() {
    let got = fingerprint(
        &headers(&[("Via", "1.1 demo-gateway"), ("Content-Type", "application/json")]),
        None,
        br#"{"error":"not_found"}"#,
    );
    assert_eq!(
        got,
        generator(
            GeneratorKind::PassedThrough,
            Some("demo-gateway"),
            &["Via: 1.1 demo-gateway"],
            None
        )
    );
}

#[test]
fn html_without_signature_is_unrecognised() {
    let body = b"<html><head><title>Oops</title></head><body>Something broke</body></html>";
    assert_eq!(
        fingerprint(&[], Some("text/html"), body),
        generator(
            GeneratorKind::Unrecognised,
            None,
            &["HTML page titled \"Oops\""],
            None
        )
    );
    let behind = fingerprint(&headers(&[("Via", "1.1 edge")]), Some("text/html"), body);
    assert_eq!(
        (behind.kind, behind.who.as_deref()),
        (GeneratorKind::Unrecognised, Some("edge"))
    );
}

#[test]
fn html_body_declared_as_json_is_still_html() {
    let got = fingerprint(
        &[],
        Some("application/json"),
        b"<html><title>Error</title></html>",
    );
    assert_eq!(got.kind, GeneratorKind::Unrecognised);
}

#[test]
fn text_and_empty_bodies_depend_on_intermediary_presence() {
    assert_eq!(
        fingerprint(&[], Some("text/plain"), b"Internal Server Error").kind,
        GeneratorKind::Application
    );
    assert_eq!(fingerprint(&[], None, b"").kind, GeneratorKind::Application);
    let via = headers(&[("Via", "1.1 edge")]);
    assert_eq!(fingerprint(&via, None, b"  ").kind, GeneratorKind::Unrecognised);
}

#[test]
fn long_header_values_are_clipped_in_signals() {
    let long = "x".repeat(200);
    let got = fingerprint(&headers(&[("CF-Ray", &long)]), Some("application/json"), b"{}");
    assert_eq!(got.signals, [format!("CF-Ray: {}…", "x".repeat(120))]);
}

#[test]
fn only_the_first_64_kib_of_the_body_is_read() {
    let mut late = "x".repeat(BODY_LIMIT);
    late.push_str("no healthy upstream");
    assert_eq!(
        fingerprint(&[], Some("text/plain"), late.as_bytes()).kind,
        GeneratorKind::Application
    );
    let early = format!("no healthy upstream{}", "x".repeat(BODY_LIMIT));
    assert_eq!(
        fingerprint(&[], Some("text/plain"), early.as_bytes()).kind,
        GeneratorKind::Intermediary
    );
}

#[test]
fn content_type_falls_back_to_the_header() {
    let got = fingerprint(
        &headers(&[("content-type", "application/json")]),
        None,
        b"\"a json string\"",
    );
    assert_eq!(got.kind, GeneratorKind::Application);
    let via = headers(&[("content-type", "application/json"), ("via", "1.1 edge")]);
    assert_eq!(
        fingerprint(&via, None, b"\"a json string\"").kind,
        GeneratorKind::PassedThrough
    );
}
