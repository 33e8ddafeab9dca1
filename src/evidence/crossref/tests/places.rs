//! Lookups across places: the query instead of the body and back, form fields, headers,
//! cookies, and issues about the whole document.

use serde_json::json;

use super::*;

#[test]
fn body_field_sent_in_the_query_instead() {
    let body = json!({"currency": "usd"});
    let query = pairs(&[("amount", "100")]);
    let sent = SentData {
        json: Some(&body),
        form: &[],
        query: &query,
        headers: &[],
    };
    assert_eq!(
        locate(&issue(Location::Body, "amount"), &sent),
        missing("amount", QUERY_NOT_BODY)
    );
    let no_body = SentData {
        json: None,
        form: &[],
        query: &query,
        headers: &[],
    };
    assert_eq!(
        locate(&issue(Location::Body, "amount"), &no_body),
        missing("amount", QUERY_NOT_BODY)
    );
}

#[test]
fn query_parameter_sent_in_the_body_instead() {
    let body = json!({"limit": 10});
    let sent = SentData {
        json: Some(&body),
        form: &[],
        query: &[],
        headers: &[],
    };
    assert_eq!(
        locate(&issue(Location::Query, "limit"), &sent),
        missing("limit", BODY_NOT_QUERY)
    );
}

#[test]
fn unknown_location_tries_body_then_query() {
    let body = json!({"name": "x"});
    let query = pairs(&[("page", "2")]);
    let sent = SentData {
        json: Some(&body),
        form: &[],
        query: &query,
        headers: &[],
    };
    assert_eq!(
        locate(&issue(Location::Unknown, "page"), &sent),
        Presence::Present {
            value: json!("2"),
            json_type: "string"
        }
    );
    assert_eq!(
        locate(&issue(Location::Unknown, "pgae"), &sent),
        missing("page", EDIT_DISTANCE_1)
    );
    assert_eq!(
        locate(&issue(Location::Unknown, "zzz"), &sent),
        Presence::Missing { near: None }
    );
}

#[test]
fn form_fields_with_bracket_names_are_looked_up_and_shown_as_written() {
    let form = pairs(&[
        ("line_items[0][prce]", "price_1"),
        ("amount", ""),
        ("tags[]", "a"),
        ("tags[]", "b"),
    ]);
    let sent = SentData {
        json: None,
        form: &form,
        query: &[],
        headers: &[],
    };
    assert_eq!(
        locate(&issue(Location::Body, "line_items[0][price]"), &sent),
        missing("line_items[0][prce]", EDIT_DISTANCE_1)
    );
    assert_eq!(
        locate(&issue(Location::Body, "amount"), &sent),
        Presence::Empty { value: json!("") }
    );
    assert_eq!(
        locate(&issue(Location::Body, "tags"), &sent),
        Presence::Present {
            value: json!(["a", "b"]),
            json_type: "array"
        }
    );
}

#[test]
fn form_wrapper_mismatch_shows_the_sent_name() {
    let form = pairs(&[("email", "a@b.c")]);
    let sent = SentData {
        json: None,
        form: &form,
        query: &[],
        headers: &[],
    };
    assert_eq!(
        locate(&issue(Location::Body, "user[email]"), &sent),
        Presence::ElsewhereInBody {
            actual: "email".to_owned()
        }
    );
}

#[test]
fn absurdly_nested_form_names_are_ignored_not_a_stack_overflow() {
    let deep = format!("a{}", "[b]".repeat(100_000));
    let form = pairs(&[(deep.as_str(), "x"), ("b", "y")]);
    let sent = SentData {
        json: None,
        form: &form,
        query: &[],
        headers: &[],
    };
    assert_eq!(
        locate(&issue(Location::Body, "b"), &sent),
        Presence::Present {
            value: json!("y"),
            json_type: "string"
        }
    );
}

#[test]
fn no_structured_data_cannot_tell() {
    let sent = SentData {
        json: None,
        form: &[],
        query: &[],
        headers: &[],
    };
    assert_eq!(
        locate(&issue(Location::Body, "amount"), &sent),
        Presence::CannotTell
    );
    assert_eq!(
        locate(&issue(Location::Unknown, "amount"), &sent),
        Presence::CannotTell
    );
    assert_eq!(locate(&issue(Location::Path, "id"), &sent), Presence::CannotTell);
}

#[test]
fn query_lookup_can_always_tell() {
    let sent = SentData {
        json: None,
        form: &[],
        query: &[],
        headers: &[],
    };
    assert_eq!(
        locate(&issue(Location::Query, "include"), &sent),
        Presence::Missing { near: None }
    );
}

#[test]
fn headers_match_case_and_separator_insensitively() {
    let headers = pairs(&[("X-Api-Key", "k-123"), ("Authorization", "")]);
    let sent = SentData {
        json: None,
        form: &[],
        query: &[],
        headers: &headers,
    };
    let header = |name: &str| FieldIssue {
        location: Location::Header,
        path: vec![PathSeg::Key(name.to_owned())],
        raw_path: name.to_owned(),
        message: None,
        code: None,
    };
    assert_eq!(
        locate(&header("x_api_key"), &sent),
        Presence::Present {
            value: json!("k-123"),
            json_type: "string"
        }
    );
    assert_eq!(
        locate(&header("authorization"), &sent),
        Presence::Empty { value: json!("") }
    );
    assert_eq!(
        locate(&header("X-Api-Kee"), &sent),
        missing("X-Api-Key", EDIT_DISTANCE_1)
    );
}

#[test]
fn cookies_are_read_from_the_cookie_header() {
    let headers = pairs(&[("Cookie", "session=abc; theme=dark")]);
    let sent = SentData {
        json: None,
        form: &[],
        query: &[],
        headers: &headers,
    };
    let cookie = FieldIssue {
        location: Location::Cookie,
        path: vec![PathSeg::Key("theme".to_owned())],
        raw_path: "theme".to_owned(),
        message: None,
        code: None,
    };
    assert_eq!(
        locate(&cookie, &sent),
        Presence::Present {
            value: json!("dark"),
            json_type: "string"
        }
    );
}

#[test]
fn rails_full_message_matches_a_humanised_attribute() {
    let body = json!({"user": {"first_name": "", "age": 3}});
    let full = |message: &str| FieldIssue {
        location: Location::Unknown,
        path: Vec::new(),
        raw_path: String::new(),
        message: Some(message.to_owned()),
        code: None,
    };
    assert_eq!(
        locate(&full("First name can't be blank"), &sent_json(&body)),
        Presence::Empty { value: json!("") }
    );
    assert_eq!(
        locate(&full("Age must be greater than 5"), &sent_json(&body)),
        Presence::Present {
            value: json!(3),
            json_type: "number"
        }
    );
    assert_eq!(
        locate(
            &full("The fields start, end must make a unique set."),
            &sent_json(&body)
        ),
        Presence::CannotTell
    );
}
