//! Lookups in a JSON body: values and their types, empty values, near misses, wrappers.

use serde_json::json;

use super::*;

#[test]
fn present_value_reports_value_and_json_type() {
    let body = json!({"age": "42", "profile": {"color": "yellow"}, "n": 3});
    assert_eq!(
        locate(&issue(Location::Body, "#/age"), &sent_json(&body)),
        Presence::Present {
            value: json!("42"),
            json_type: "string"
        }
    );
    assert_eq!(
        locate(&issue(Location::Body, "/profile/color"), &sent_json(&body)),
        Presence::Present {
            value: json!("yellow"),
            json_type: "string"
        }
    );
    assert_eq!(
        locate(&issue(Location::Unknown, "n"), &sent_json(&body)),
        Presence::Present {
            value: json!(3),
            json_type: "number"
        }
    );
}

#[test]
fn null_empty_string_and_empty_array_are_empty() {
    let body = json!({"email": "", "phone": null, "tags": [], "note": "  "});
    for (field, value) in [
        ("email", json!("")),
        ("phone", json!(null)),
        ("tags", json!([])),
        ("note", json!("  ")),
    ] {
        assert_eq!(
            locate(&issue(Location::Body, field), &sent_json(&body)),
            Presence::Empty { value },
            "{field}"
        );
    }
}

#[test]
fn indices_reach_into_arrays() {
    let body = json!({"items": [{"sku": "a"}, {"sku": ""}]});
    assert_eq!(
        locate(&issue(Location::Unknown, "items.1.sku"), &sent_json(&body)),
        Presence::Empty { value: json!("") }
    );
    assert_eq!(
        locate(&issue(Location::Body, "items[0].sku"), &sent_json(&body)),
        Presence::Present {
            value: json!("a"),
            json_type: "string"
        }
    );
}

#[test]
fn typo_is_a_near_miss_by_edit_distance() {
    let body = json!({"amout": 100, "currency": "usd"});
    assert_eq!(
        locate(&issue(Location::Body, "amount"), &sent_json(&body)),
        missing("amout", EDIT_DISTANCE_1)
    );
    let body = json!({"descripton_txt": "x"});
    assert_eq!(
        locate(&issue(Location::Body, "description_text"), &sent_json(&body)),
        missing("descripton_txt", EDIT_DISTANCE_2)
    );
}

#[test]
fn naming_style_difference_is_a_near_miss() {
    let body = json!({"firstName": "Ada"});
    assert_eq!(
        locate(&issue(Location::Body, "first_name"), &sent_json(&body)),
        missing("firstName", SNAKE_VS_CAMEL)
    );
    let body = json!({"first_name": "Ada"});
    assert_eq!(
        locate(&issue(Location::Body, "firstName"), &sent_json(&body)),
        missing("first_name", SNAKE_VS_CAMEL)
    );
    let body = json!({"first-name": "Ada"});
    assert_eq!(
        locate(&issue(Location::Body, "first_name"), &sent_json(&body)),
        missing("first-name", SNAKE_VS_KEBAB)
    );
}

#[test]
fn case_difference_is_a_near_miss() {
    let body = json!({"name": "Ada"});
    assert_eq!(
        locate(&issue(Location::Unknown, "Name"), &sent_json(&body)),
        missing("name", CASE_DIFFERS)
    );
}

#[test]
fn near_miss_inside_a_json_api_document_keeps_the_prefix() {
    let body = json!({"data": {"type": "people", "attributes": {"first_name": "A"}}});
    assert_eq!(
        locate(
            &issue(Location::Body, "/data/attributes/firstName"),
            &sent_json(&body)
        ),
        missing("data.attributes.first_name", SNAKE_VS_CAMEL)
    );
}

#[test]
fn wrapper_mismatch_is_found_elsewhere_in_body() {
    let body = json!({"email": "a@b.c"});
    assert_eq!(
        locate(&issue(Location::Body, "/user/email"), &sent_json(&body)),
        Presence::ElsewhereInBody {
            actual: "email".to_owned()
        }
    );
    // The reverse is not a mismatch: servers name fields relative to their wrapper (Rails's
    // `email` for `user[email]`, Jira's `title` for `fields.title`).
    let wrapped = json!({"user": {"email": "a@b.c"}});
    assert_eq!(
        locate(&issue(Location::Unknown, "email"), &sent_json(&wrapped)),
        Presence::Present {
            value: json!("a@b.c"),
            json_type: "string"
        }
    );
    // Nor is a path from a type's root (Go's `Album.price` for `price`).
    assert_eq!(
        locate(
            &issue(Location::Unknown, "Album.price"),
            &sent_json(&json!({"price": "9"}))
        ),
        Presence::Present {
            value: json!("9"),
            json_type: "string"
        }
    );
    let flat = json!({"firstName": "A"});
    assert_eq!(
        locate(
            &issue(Location::Body, "/data/attributes/firstName"),
            &sent_json(&flat)
        ),
        Presence::ElsewhereInBody {
            actual: "firstName".to_owned()
        }
    );
}

#[test]
fn same_key_at_an_unrelated_depth_is_a_near_miss() {
    let body = json!({"shipping": {"contact": {"email": "a@b.c"}}});
    assert_eq!(
        locate(&issue(Location::Body, "billing.email"), &sent_json(&body)),
        missing("shipping.contact.email", OTHER_DEPTH)
    );
}

#[test]
fn short_names_are_not_typo_matches() {
    let body = json!({"ip": "1.2.3.4"});
    assert_eq!(
        locate(&issue(Location::Body, "id"), &sent_json(&body)),
        Presence::Missing { near: None }
    );
}

#[test]
fn json_type_names() {
    assert_eq!(json_type(&json!(null)), "null");
    assert_eq!(json_type(&json!(true)), "boolean");
    assert_eq!(json_type(&json!(1.5)), "number");
    assert_eq!(json_type(&json!("x")), "string");
    assert_eq!(json_type(&json!([])), "array");
    assert_eq!(json_type(&json!({})), "object");
}
