//! Cross-reference tests: lookups in a JSON body, lookups across places (query, form,
//! headers, cookies), and reading messages; the shared helpers are here.

mod body;
mod message;
mod places;

use serde_json::Value;

use super::*;
use crate::evidence::field_path::{self, PathSeg};

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn issue(location: Location, raw: &str) -> FieldIssue {
    FieldIssue {
        location,
        path: field_path::from_any(raw),
        raw_path: raw.to_owned(),
        message: None,
        code: None,
    }
}

fn sent_json(json: &Value) -> SentData<'_> {
    SentData {
        json: Some(json),
        form: &[],
        query: &[],
        headers: &[],
    }
}

fn missing(near: &str, why: &'static str) -> Presence {
    Presence::Missing {
        near: Some((near.to_owned(), why)),
    }
}

#[test]
fn fields_are_read_from_the_words_of_a_message() {
    use super::fields_named_in;
    let names = |m: &str| -> Vec<(String, bool)> { fields_named_in(m) };
    assert_eq!(
        names("Missing required param: amount."),
        [("amount".to_owned(), true)]
    );
    assert_eq!(
        names("The field 'email' is required"),
        [("email".to_owned(), true)]
    );
    assert_eq!(
        names("failed to parse field [age] of type [long]"),
        [("age".to_owned(), true)]
    );
    assert_eq!(names("\"name\" is required"), [("name".to_owned(), true)]);
    assert_eq!(names("'abc' is not a valid email"), [("abc".to_owned(), false)]);
    assert!(names("This field is required.").is_empty());
    // Prose after a keyword is not a field name.
    assert!(names("You are trying to use an API key as a Bearer token.").is_empty());
    assert!(names("Remove the prefix from the header. Learn more: https://example.com").is_empty());
    assert_eq!(
        names("unknown key user_id in filter"),
        [("user_id".to_owned(), true)]
    );
    assert!(names("invalid api key").is_empty());
    // A constraint message that starts with its property names it, as a word.
    assert_eq!(names("email must be an email"), [("email".to_owned(), false)]);
    assert!(
        names("Title can't be blank").is_empty(),
        "a capitalised word is prose"
    );
}
