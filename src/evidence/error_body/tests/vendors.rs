//! Stripe, GitHub, OAuth 2.0, GraphQL, AWS JSON and Slack-style bodies.

use super::*;

#[test]
fn stripe_param_in_bracket_notation() {
    let s = json(
        r#"{ "error": {
                "type": "invalid_request_error",
                "code": "parameter_missing",
                "param": "line_items[0][price]",
                "message": "Missing required param: line_items[0][price].",
                "doc_url": "https://docs.stripe.com/error-codes/parameter-missing",
                "request_log_url": "https://dashboard.stripe.com/test/logs/req_abc"
            } }"#,
    );
    assert_eq!(s.format, Some(BodyFormat::Stripe));
    assert_eq!(
        s.headline.as_deref(),
        Some("Missing required param: line_items[0][price].")
    );
    assert_eq!(s.code.as_deref(), Some("parameter_missing"));
    assert_eq!(
        s.doc_url.as_deref(),
        Some("https://docs.stripe.com/error-codes/parameter-missing")
    );
    assert_eq!(
        s.request_id.as_deref(),
        Some("https://dashboard.stripe.com/test/logs/req_abc")
    );
    assert_eq!(
        s.issues,
        vec![issue(
            Location::Body,
            vec![key("line_items"), PathSeg::Index(0), key("price")],
            "line_items[0][price]",
            "Missing required param: line_items[0][price].",
            Some("parameter_missing")
        )]
    );
}

#[test]
fn stripe_catalogue_example_names_amount() {
    let s = json(
        r#"{ "error": { "type": "invalid_request_error", "code": "parameter_missing", "param": "amount",
                 "message": "Missing required param: amount." } }"#,
    );
    assert_eq!(s.issues.len(), 1);
    assert_eq!(s.issues[0].path, vec![key("amount")]);
    assert_eq!(s.issues[0].location, Location::Body);
}

#[test]
fn github_validation_failed() {
    let s = json(
        r#"{ "message": "Validation Failed",
                 "errors": [ { "resource": "Issue", "field": "title", "code": "missing_field" } ],
                 "documentation_url": "https://docs.github.com/rest/issues/issues#create-an-issue",
                 "status": "422" }"#,
    );
    assert_eq!(s.format, Some(BodyFormat::GitHub));
    assert_eq!(s.headline.as_deref(), Some("Validation Failed"));
    assert_eq!(
        s.doc_url.as_deref(),
        Some("https://docs.github.com/rest/issues/issues#create-an-issue")
    );
    assert_eq!(
        s.issues,
        vec![issue(
            Location::Body,
            vec![key("title")],
            "title",
            "is required but was not sent",
            Some("missing_field")
        )]
    );
}

#[test]
fn github_string_errors_and_indexed_items() {
    let s = json(
        r#"{ "message": "Validation Failed",
                 "errors": [ "Title is too long", {"resource":"Label","field":"name","code":"invalid","index":2,"message":"bad name"} ],
                 "documentation_url": "https://docs.github.com/rest" }"#,
    );
    assert_eq!(
        s.issues,
        vec![
            issue(Location::Body, vec![], "", "Title is too long", None),
            issue(
                Location::Body,
                vec![PathSeg::Index(2), key("name")],
                "name",
                "bad name",
                Some("invalid")
            ),
        ]
    );
}

#[test]
fn oauth_token_error() {
    let s = json(
        r#"{"error":"invalid_grant","error_description":"Refresh token expired","error_uri":"https://auth.example.com/docs/errors#invalid_grant"}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::OAuth));
    assert_eq!(s.code.as_deref(), Some("invalid_grant"));
    assert_eq!(s.headline.as_deref(), Some("Refresh token expired"));
    assert_eq!(
        s.doc_url.as_deref(),
        Some("https://auth.example.com/docs/errors#invalid_grant")
    );
}

#[test]
fn oauth_error_without_description() {
    let s = json(r#"{"error":"invalid_client"}"#);
    assert_eq!(s.format, Some(BodyFormat::OAuth));
    assert_eq!(s.headline.as_deref(), Some("invalid_client"));
}

#[test]
fn graphql_errors_are_counted_and_give_no_field_issues() {
    let s = json(
        r#"{"errors":[{"message":"Name for character with ID 1002 could not be fetched.","locations":[{"line":2,"column":3}],
                "path":["user","friends",1,"name"],"extensions":{"code":"BAD_USER_INPUT"}},
                {"message":"second"}],"data":null}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::GraphQl));
    assert_eq!(s.graphql_errors, 2);
    assert_eq!(
        s.headline.as_deref(),
        Some("Name for character with ID 1002 could not be fetched.")
    );
    assert_eq!(s.code.as_deref(), Some("BAD_USER_INPUT"));
    assert!(s.issues.is_empty());
}

#[test]
fn aws_json_type_loses_its_namespace() {
    let s = parse(
        "application/x-amz-json-1.0",
        r#"{"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"1 validation error detected"}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::AwsJson));
    assert_eq!(s.code.as_deref(), Some("ValidationException"));
    assert_eq!(s.headline.as_deref(), Some("1 validation error detected"));
}

#[test]
fn slack_ok_false() {
    let s = json(r#"{"ok":false,"error":"invalid_auth"}"#);
    assert_eq!(s.format, Some(BodyFormat::SlackStyle));
    assert!(s.slack_ok_false);
    assert_eq!(s.code.as_deref(), Some("invalid_auth"));
    assert_eq!(s.headline.as_deref(), Some("invalid_auth"));
}
