//! JSON no known format claims: message, code and request id by common member names.

use super::*;

#[test]
fn api_gateway_message_is_generic() {
    let s = json(r#"{"message":"Missing Authentication Token"}"#);
    assert_eq!(s.format, Some(BodyFormat::GenericJson));
    assert_eq!(s.headline.as_deref(), Some("Missing Authentication Token"));
}

#[test]
fn generic_json_message_code_and_request_id() {
    let s = json(r#"{"error":{"message":"Something broke","code":1001},"request_id":"req_9"}"#);
    assert_eq!(s.format, Some(BodyFormat::GenericJson));
    assert_eq!(s.headline.as_deref(), Some("Something broke"));
    assert_eq!(s.code.as_deref(), Some("1001"));
    assert_eq!(s.request_id.as_deref(), Some("req_9"));
}

#[test]
fn generic_errors_array_gives_headline_and_named_fields() {
    let s = json(
        r#"{"errors":[{"message":"Rate limit exceeded","code":88},{"field":"q","message":"too long"}]}"#,
    );
    assert_eq!(s.format, Some(BodyFormat::GenericJson));
    assert_eq!(s.headline.as_deref(), Some("Rate limit exceeded"));
    assert_eq!(
        s.issues,
        vec![issue(Location::Unknown, vec![key("q")], "q", "too long", None)]
    );
}

#[test]
fn message_templates_are_filled_with_their_parameters() {
    let s = parse_error_body(
        Some("application/json"),
        br#"{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_Catalog::products"}}"#,
    );
    assert_eq!(
        s.headline.as_deref(),
        Some("The consumer isn't authorized to access Magento_Catalog::products.")
    );
    let s = parse_error_body(
        Some("application/json"),
        br#"{"message":"No such entity with %1 = %2","parameters":["sku","TSHIRT-RED"]}"#,
    );
    assert_eq!(
        s.headline.as_deref(),
        Some("No such entity with sku = TSHIRT-RED")
    );
}

#[test]
fn codes_listed_without_a_message_are_details() {
    let s = json(
        r#"{"request_id":"0HL8","error_type":"request_invalid","error_codes":["currency_required","amount_invalid"]}"#,
    );
    assert_eq!(s.code.as_deref(), Some("request_invalid"));
    assert_eq!(s.details, ["currency_required", "amount_invalid"]);
}
