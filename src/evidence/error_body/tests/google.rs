//! Google API errors, current and legacy, and protobuf durations.

use super::*;

const GOOGLE_BAD_REQUEST: &str = r#"{ "error": {
        "code": 400,
        "message": "Invalid value at 'email_addresses[1].email'",
        "status": "INVALID_ARGUMENT",
        "details": [
          { "@type": "type.googleapis.com/google.rpc.BadRequest",
            "fieldViolations": [
              { "field": "emailAddresses[1].email", "description": "Invalid email address",
                "reason": "INVALID_EMAIL_ADDRESS" } ] } ] } }"#;

#[test]
fn google_bad_request_field_violations() {
    let s = json(GOOGLE_BAD_REQUEST);
    assert_eq!(s.format, Some(BodyFormat::Google));
    assert_eq!(
        s.headline.as_deref(),
        Some("Invalid value at 'email_addresses[1].email'")
    );
    assert_eq!(s.code.as_deref(), Some("INVALID_ARGUMENT"));
    assert_eq!(
        s.issues,
        vec![issue(
            Location::Unknown,
            vec![key("emailAddresses"), PathSeg::Index(1), key("email")],
            "emailAddresses[1].email",
            "Invalid email address",
            Some("INVALID_EMAIL_ADDRESS")
        )]
    );
}

#[test]
fn google_quota_error_info_and_retry_info() {
    let s = json(
        r#"{ "error": {
                "code": 429,
                "message": "Quota exceeded for quota metric 'Read requests'",
                "status": "RESOURCE_EXHAUSTED",
                "details": [
                  { "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com",
                    "metadata": { "service": "sheets.googleapis.com" } },
                  { "@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "30s" },
                  { "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                    "violations": [ { "subject": "project:123", "description": "Read requests per minute" } ] },
                  { "@type": "type.googleapis.com/google.rpc.Help",
                    "links": [ { "description": "Quotas", "url": "https://cloud.google.com/docs/quotas" } ] },
                  { "@type": "type.googleapis.com/google.rpc.RequestInfo", "requestId": "r-77" } ] } }"#,
    );
    assert_eq!(s.format, Some(BodyFormat::Google));
    assert_eq!(s.code.as_deref(), Some("RATE_LIMIT_EXCEEDED"));
    assert_eq!(s.retry_hint, Some(Duration::from_secs(30)));
    assert_eq!(
        s.quota_violations,
        vec!["project:123: Read requests per minute".to_owned()]
    );
    assert_eq!(s.doc_url.as_deref(), Some("https://cloud.google.com/docs/quotas"));
    assert_eq!(s.request_id.as_deref(), Some("r-77"));
    assert!(s.issues.is_empty());
}

#[test]
fn google_localized_message_is_preferred_and_fractional_delays_parse() {
    let s = json(
        r#"{"error":{"code":503,"message":"The service is currently unavailable.","status":"UNAVAILABLE",
               "details":[{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"Try again shortly."},
                          {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}}"#,
    );
    assert_eq!(s.headline.as_deref(), Some("Try again shortly."));
    assert_eq!(s.retry_hint, Some(Duration::from_millis(1500)));
}

#[test]
fn proto_durations_in_both_renderings() {
    assert_eq!(
        proto_duration(&serde_json::json!("0.25s")),
        Some(Duration::from_millis(250))
    );
    assert_eq!(
        proto_duration(&serde_json::json!({"seconds": 2, "nanos": 500_000_000})),
        Some(Duration::from_millis(2500))
    );
    assert_eq!(proto_duration(&serde_json::json!("30")), None);
    assert_eq!(proto_duration(&serde_json::json!("-1s")), None);
}

#[test]
fn google_legacy_errors_map_location_type() {
    let s = json(
        r#"{"error":{"errors":[
                 {"domain":"global","reason":"required","message":"Login Required","locationType":"header","location":"Authorization"},
                 {"domain":"global","reason":"invalidParameter","message":"Invalid value '-1'. Values must be within the range: [1, 500]","locationType":"parameter","location":"maxResults"},
                 {"domain":"usageLimits","reason":"dailyLimitExceeded","message":"Daily Limit Exceeded"}],
               "code":401,"message":"Login Required"}}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::GoogleLegacy));
    assert_eq!(s.headline.as_deref(), Some("Login Required"));
    assert_eq!(s.code.as_deref(), Some("required"));
    assert_eq!(
        s.issues,
        vec![
            issue(
                Location::Header,
                vec![key("Authorization")],
                "Authorization",
                "Login Required",
                Some("required")
            ),
            issue(
                Location::Query,
                vec![key("maxResults")],
                "maxResults",
                "Invalid value '-1'. Values must be within the range: [1, 500]",
                Some("invalidParameter")
            ),
        ]
    );
}
