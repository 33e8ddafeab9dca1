//! Microsoft REST errors: `details` targets and the `innererror` chain.

use super::*;

#[test]
fn microsoft_nested_details_and_innererror_chain() {
    let s = json(
        r#"{ "error": {
                "code": "BadArgument",
                "message": "Multiple errors in ContactInfo data",
                "target": "ContactInfo",
                "details": [
                  { "code": "NullValue", "target": "PhoneNumber", "message": "Phone number must not be null" },
                  { "code": "MalformedValue", "target": "Address", "message": "Address is not valid",
                    "details": [ { "code": "TooLong", "target": "Address.Street", "message": "Street is too long" } ] } ],
                "innererror": { "code": "PasswordError",
                                "innererror": { "code": "PasswordDoesNotMeetPolicy" } } } }"#,
    );
    assert_eq!(s.format, Some(BodyFormat::Microsoft));
    assert_eq!(s.headline.as_deref(), Some("Multiple errors in ContactInfo data"));
    assert_eq!(
        s.code.as_deref(),
        Some("PasswordError › PasswordDoesNotMeetPolicy")
    );
    assert_eq!(
        s.issues,
        vec![
            issue(
                Location::Unknown,
                vec![key("PhoneNumber")],
                "PhoneNumber",
                "Phone number must not be null",
                Some("NullValue")
            ),
            issue(
                Location::Unknown,
                vec![key("Address")],
                "Address",
                "Address is not valid",
                Some("MalformedValue")
            ),
            issue(
                Location::Unknown,
                vec![key("Address"), key("Street")],
                "Address.Street",
                "Street is too long",
                Some("TooLong")
            ),
        ]
    );
}

#[test]
fn microsoft_top_level_target_and_graph_request_id() {
    let s = json(
        r#"{"error":{"code":"InvalidRequest","message":"Invalid filter clause","target":"$filter",
               "innerError":{"date":"2024-01-01T00:00:00","request-id":"9f1c","client-request-id":"9f1c-c"}}}"#,
    );
    assert_eq!(s.code.as_deref(), Some("InvalidRequest"));
    assert_eq!(s.request_id.as_deref(), Some("9f1c"));
    assert_eq!(
        s.issues,
        vec![issue(
            Location::Unknown,
            vec![key("$filter")],
            "$filter",
            "Invalid filter clause",
            Some("InvalidRequest")
        )]
    );
}
