//! DRF, Rails, Laravel, `FastAPI` and Spring Boot validation errors.

use super::*;

const DRF_NESTED: &str = r#"{ "email": ["Enter a valid email address."],
      "profile": { "age": ["A valid integer is required."] },
      "items": [ {}, { "sku": ["This field is required."] } ],
      "non_field_errors": ["The fields start, end must make a unique set."] }"#;

#[test]
fn drf_nested_errors_and_non_field_errors() {
    let s = json(DRF_NESTED);
    assert_eq!(s.format, Some(BodyFormat::Drf));
    assert_eq!(
        s.issues,
        vec![
            issue(
                Location::Unknown,
                vec![key("email")],
                "email",
                "Enter a valid email address.",
                None
            ),
            issue(
                Location::Unknown,
                vec![key("profile"), key("age")],
                "profile.age",
                "A valid integer is required.",
                None
            ),
            issue(
                Location::Unknown,
                vec![key("items"), PathSeg::Index(1), key("sku")],
                "items[1].sku",
                "This field is required.",
                None
            ),
            issue(
                Location::Unknown,
                vec![],
                "non_field_errors",
                "The fields start, end must make a unique set.",
                None
            ),
        ]
    );
    assert_eq!(s.headline.as_deref(), Some("email: Enter a valid email address."));
}

#[test]
fn drf_detail_string_is_the_headline() {
    let s = json(r#"{"detail": "Authentication credentials were not provided."}"#);
    assert_eq!(s.format, Some(BodyFormat::Drf));
    assert_eq!(
        s.headline.as_deref(),
        Some("Authentication credentials were not provided.")
    );
    assert!(s.issues.is_empty());
    assert_eq!(s.retry_hint, None);
}

#[test]
fn drf_throttle_text_gives_a_retry_hint() {
    let s = json(r#"{"detail": "Request was throttled. Expected available in 17 seconds."}"#);
    assert_eq!(s.retry_hint, Some(Duration::from_secs(17)));
    assert_eq!(
        throttle_wait("Expected available in 1 second."),
        Some(Duration::from_secs(1))
    );
    assert_eq!(throttle_wait("Expected available in soon."), None);
}

#[test]
fn drf_many_true_top_level_array() {
    let s = json(r#"[{}, {"name": ["This field is required."]}]"#);
    assert_eq!(s.format, Some(BodyFormat::Drf));
    assert_eq!(
        s.issues,
        vec![issue(
            Location::Unknown,
            vec![PathSeg::Index(1), key("name")],
            "[1].name",
            "This field is required.",
            None
        )]
    );
}

#[test]
fn rails_errors_object_of_arrays() {
    let s = json(
        r#"{ "errors": { "email": ["can't be blank", "is invalid"], "age": ["must be greater than 0"] } }"#,
    );
    assert_eq!(s.format, Some(BodyFormat::Rails));
    assert_eq!(
        s.issues,
        vec![
            issue(
                Location::Unknown,
                vec![key("email")],
                "email",
                "can't be blank",
                None
            ),
            issue(Location::Unknown, vec![key("email")], "email", "is invalid", None),
            issue(
                Location::Unknown,
                vec![key("age")],
                "age",
                "must be greater than 0",
                None
            ),
        ]
    );
    assert_eq!(s.headline.as_deref(), Some("email: can't be blank"));
}

#[test]
fn rails_bare_object_of_fragments_with_nested_attribute_keys() {
    let s = json(r#"{ "email": ["can't be blank"], "address.city": ["is too short"] }"#);
    assert_eq!(s.format, Some(BodyFormat::Rails));
    assert_eq!(
        s.issues,
        vec![
            issue(
                Location::Unknown,
                vec![key("email")],
                "email",
                "can't be blank",
                None
            ),
            issue(
                Location::Unknown,
                vec![key("address"), key("city")],
                "address.city",
                "is too short",
                None
            ),
        ]
    );
}

#[test]
fn rails_full_message_strings_keep_an_empty_path() {
    let s = json(r#"{ "errors": ["Email can't be blank", "Age must be greater than 0"] }"#);
    assert_eq!(s.format, Some(BodyFormat::Rails));
    assert_eq!(
        s.issues,
        vec![
            issue(Location::Unknown, vec![], "", "Email can't be blank", None),
            issue(Location::Unknown, vec![], "", "Age must be greater than 0", None),
        ]
    );
    assert_eq!(s.headline.as_deref(), Some("Email can't be blank"));
}

#[test]
fn laravel_dotted_keys() {
    let s = json(
        r#"{"message":"The email field is required. (and 1 more error)",
               "errors":{"email":["The email field is required."],"items.0.sku":["The items.0.sku field is required."]}}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::Laravel));
    assert_eq!(
        s.headline.as_deref(),
        Some("The email field is required. (and 1 more error)")
    );
    assert_eq!(
        s.issues,
        vec![
            issue(
                Location::Unknown,
                vec![key("email")],
                "email",
                "The email field is required.",
                None
            ),
            issue(
                Location::Unknown,
                vec![key("items"), PathSeg::Index(0), key("sku")],
                "items.0.sku",
                "The items.0.sku field is required.",
                None
            ),
        ]
    );
}

#[test]
fn fastapi_pydantic_v2_locations() {
    let s = json(
        r#"{"detail":[
                {"type":"missing","loc":["body","name"],"msg":"Field required","input":{"age":3}},
                {"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"ten"},
                {"type":"missing","loc":["header","x-api-key"],"msg":"Field required","input":null},
                {"type":"string_too_short","loc":["body","items",1,"sku"],"msg":"String should have at least 3 characters"}]}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::FastApi));
    assert_eq!(s.headline.as_deref(), Some("name: Field required"));
    assert_eq!(
        s.issues,
        vec![
            issue(
                Location::Body,
                vec![key("name")],
                r#"["body","name"]"#,
                "Field required",
                Some("missing")
            ),
            issue(
                Location::Query,
                vec![key("limit")],
                r#"["query","limit"]"#,
                "Input should be a valid integer, unable to parse string as an integer",
                Some("int_parsing")
            ),
            issue(
                Location::Header,
                vec![key("x-api-key")],
                r#"["header","x-api-key"]"#,
                "Field required",
                Some("missing")
            ),
            issue(
                Location::Body,
                vec![key("items"), PathSeg::Index(1), key("sku")],
                r#"["body","items",1,"sku"]"#,
                "String should have at least 3 characters",
                Some("string_too_short")
            ),
        ]
    );
}

#[test]
fn fastapi_pydantic_v1_and_unknown_location_prefix() {
    let s = json(
        r#"{"detail":[{"loc":["body","age"],"msg":"field required","type":"value_error.missing"},
                          {"loc":["age"],"msg":"value is not a valid integer","type":"type_error.integer"}]}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::FastApi));
    assert_eq!(
        s.issues,
        vec![
            issue(
                Location::Body,
                vec![key("age")],
                r#"["body","age"]"#,
                "field required",
                Some("value_error.missing")
            ),
            issue(
                Location::Unknown,
                vec![key("age")],
                r#"["age"]"#,
                "value is not a valid integer",
                Some("type_error.integer")
            ),
        ]
    );
}

#[test]
fn spring_default_error_attributes() {
    let s = json(
        r#"{"timestamp":"2024-05-01T10:00:00.000+00:00","status":400,"error":"Bad Request","message":"Validation failed for object='user'",
               "errors":[{"field":"email","defaultMessage":"must be a well-formed email address","code":"Email"}],"path":"/api/users"}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::Spring));
    assert_eq!(s.headline.as_deref(), Some("Validation failed for object='user'"));
    assert_eq!(
        s.issues,
        vec![issue(
            Location::Unknown,
            vec![key("email")],
            "email",
            "must be a well-formed email address",
            Some("Email")
        )]
    );
    let bare =
        json(r#"{"timestamp":"2024-05-01T10:00:00Z","status":404,"error":"Not Found","path":"/api/x"}"#);
    assert_eq!(bare.headline.as_deref(), Some("Not Found"));
}
