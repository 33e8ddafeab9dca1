//! RFC 9457 problem details, ASP.NET Core validation problems and JSON:API.

use super::*;

const RFC9457_ERRORS: &str = r##"{
      "type": "https://example.net/validation-error",
      "title": "Your request is not valid.",
      "status": 422,
      "errors": [
        { "detail": "must be a positive integer", "pointer": "#/age" },
        { "detail": "must be 'green', 'red' or 'blue'", "pointer": "#/profile/color" }
      ]
    }"##;

#[test]
fn problem_details_with_pointer_errors() {
    let s = parse("application/problem+json", RFC9457_ERRORS);
    assert_eq!(s.format, Some(BodyFormat::ProblemJson));
    assert_eq!(s.headline.as_deref(), Some("Your request is not valid."));
    assert_eq!(s.code.as_deref(), Some("https://example.net/validation-error"));
    assert_eq!(s.doc_url.as_deref(), Some("https://example.net/validation-error"));
    assert_eq!(
        s.problem_type.as_deref(),
        Some("https://example.net/validation-error")
    );
    assert_eq!(
        s.issues,
        vec![
            issue(
                Location::Body,
                vec![key("age")],
                "#/age",
                "must be a positive integer",
                None
            ),
            issue(
                Location::Body,
                vec![key("profile"), key("color")],
                "#/profile/color",
                "must be 'green', 'red' or 'blue'",
                None
            ),
        ]
    );
}

#[test]
fn problem_detail_beats_title_and_instance_is_the_request_id() {
    let s = parse(
        "application/problem+json; charset=utf-8",
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"No order 42","instance":"/orders/42#req-7"}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::ProblemJson));
    assert_eq!(s.headline.as_deref(), Some("No order 42"));
    assert_eq!(s.code, None);
    assert_eq!(s.doc_url, None);
    assert_eq!(s.problem_type.as_deref(), Some("about:blank"));
    assert_eq!(s.request_id.as_deref(), Some("/orders/42#req-7"));
}

#[test]
fn problem_details_with_invalid_params_in_both_spellings() {
    for member in ["invalid-params", "invalid_params"] {
        let body = format!(
            r#"{{"type":"https://example.net/validation-error","title":"Your request parameters didn't validate.",
                   "{member}":[{{"name":"age","reason":"must be a positive integer"}},
                               {{"name":"color","reason":"must be 'green', 'red' or 'blue'"}}]}}"#
        );
        let s = parse("application/problem+json", &body);
        assert_eq!(
            s.headline.as_deref(),
            Some("Your request parameters didn't validate.")
        );
        assert_eq!(
            s.issues,
            vec![
                issue(
                    Location::Unknown,
                    vec![key("age")],
                    "age",
                    "must be a positive integer",
                    None
                ),
                issue(
                    Location::Unknown,
                    vec![key("color")],
                    "color",
                    "must be 'green', 'red' or 'blue'",
                    None
                ),
            ],
            "{member}"
        );
    }
}

#[test]
fn problem_violations_and_rate_limit_policies_are_read() {
    let s = parse(
        "application/problem+json",
        r#"{"type":"https://iana.org/assignments/http-problem-types#quota-exceeded","title":"Too Many Requests",
               "violated-policies":["daily","burst"],"violations":[{"field":"user.name","message":"must not be blank"}]}"#,
    );
    assert_eq!(s.violated_policies, vec!["daily".to_owned(), "burst".to_owned()]);
    assert_eq!(
        s.issues,
        vec![issue(
            Location::Unknown,
            vec![key("user"), key("name")],
            "user.name",
            "must not be blank",
            None
        )]
    );
}

#[test]
fn problem_shape_without_problem_media_type_is_recognised() {
    let s = json(
        r#"{"type":"https://example.net/out-of-credit","title":"You do not have enough credit.","status":403}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::ProblemJson));
    assert_eq!(s.headline.as_deref(), Some("You do not have enough credit."));
}

#[test]
fn json_api_pointer_parameter_and_header_sources() {
    let s = parse(
        "application/vnd.api+json",
        r#"{ "errors": [
                { "id": "e-1", "status": "422", "code": "too_short", "title": "Invalid Attribute",
                  "detail": "First name must contain at least two characters.",
                  "source": { "pointer": "/data/attributes/firstName" },
                  "links": { "about": "https://example.com/errors/too_short" } },
                { "status": "400", "title": "Invalid Query Parameter", "detail": "The resource does not have an `auther` relationship path.",
                  "source": { "parameter": "include" } },
                { "status": "400", "title": "Missing header", "source": { "header": "X-Api-Version" } },
                { "status": "422", "title": "Missing data", "source": { "pointer": "" } },
                { "status": "500", "title": "Oops" } ] }"#,
    );
    assert_eq!(s.format, Some(BodyFormat::JsonApi));
    assert_eq!(
        s.headline.as_deref(),
        Some("First name must contain at least two characters.")
    );
    assert_eq!(s.code.as_deref(), Some("too_short"));
    assert_eq!(s.request_id.as_deref(), Some("e-1"));
    assert_eq!(s.doc_url.as_deref(), Some("https://example.com/errors/too_short"));
    assert_eq!(
        s.issues,
        vec![
            issue(
                Location::Body,
                vec![key("data"), key("attributes"), key("firstName")],
                "/data/attributes/firstName",
                "First name must contain at least two characters.",
                Some("too_short")
            ),
            issue(
                Location::Query,
                vec![key("include")],
                "include",
                "The resource does not have an `auther` relationship path.",
                None
            ),
            issue(
                Location::Header,
                vec![key("X-Api-Version")],
                "X-Api-Version",
                "Missing header",
                None
            ),
            issue(Location::Body, vec![], "", "Missing data", None),
        ]
    );
    assert_eq!(s.issues[0].display_path(), "firstName");
}

#[test]
fn json_api_is_sniffed_without_its_media_type() {
    let s = json(
        r#"{"errors":[{"status":"422","title":"Invalid Attribute","source":{"pointer":"/data/attributes/age"}}]}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::JsonApi));
    assert_eq!(s.headline.as_deref(), Some("Invalid Attribute"));
}

#[test]
fn aspnet_validation_problem_details() {
    let s = parse(
        "application/problem+json; charset=utf-8",
        r#"{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.",
               "status":400,"errors":{"Name":["The Name field is required."],
               "$.age":["The JSON value could not be converted to System.Int32. Path: $.age | LineNumber: 0 | BytePositionInLine: 12."],
               "":["A non-empty request body is required."]},"traceId":"00-abc-def-00"}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::AspNet));
    assert_eq!(
        s.headline.as_deref(),
        Some("One or more validation errors occurred.")
    );
    assert_eq!(s.request_id.as_deref(), Some("00-abc-def-00"));
    assert_eq!(
        s.code.as_deref(),
        Some("https://tools.ietf.org/html/rfc9110#section-15.5.1")
    );
    assert_eq!(
        s.issues,
        vec![
            issue(
                Location::Unknown,
                vec![key("Name")],
                "Name",
                "The Name field is required.",
                None
            ),
            issue(
                Location::Body,
                vec![key("age")],
                "$.age",
                "The JSON value could not be converted to System.Int32. Path: $.age | LineNumber: 0 | BytePositionInLine: 12.",
                None
            ),
            issue(
                Location::Body,
                vec![],
                "",
                "A non-empty request body is required.",
                None
            ),
        ]
    );
}

#[test]
fn aspnet_is_sniffed_from_plain_json_too() {
    let s = json(
        r#"{"title":"One or more validation errors occurred.","status":400,"errors":{"Name":["Required."]},"traceId":"t-1"}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::AspNet));
    assert_eq!(s.request_id.as_deref(), Some("t-1"));
}
