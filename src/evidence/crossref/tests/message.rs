//! Expected types and allowed values read from messages.

use super::*;

#[test]
fn type_words_map_to_json_types() {
    let cases = [
        ("must be a positive integer", Some("number")),
        (
            "Input should be a valid integer, unable to parse string as an integer",
            Some("number"),
        ),
        ("expected string, got int", Some("string")),
        ("value is not a valid email address", Some("string")),
        ("A valid integer is required.", Some("number")),
        ("Must be a valid boolean.", Some("boolean")),
        ("Expected a list of items but got type \"str\".", Some("array")),
        ("Input should be a valid dictionary or object", Some("object")),
        (
            "The JSON value could not be converted to System.Int32.",
            Some("number"),
        ),
        ("is not a number", Some("number")),
        ("must not be a string", None),
        ("can't be blank", None),
        ("Field required", None),
    ];
    for (message, expected) in cases {
        assert_eq!(expected_type(message), expected, "{message}");
    }
}

#[test]
fn enumerations_are_read_from_messages() {
    let cases: [(&str, &[&str]); 10] = [
        ("must be 'green', 'red' or 'blue'", &["green", "red", "blue"]),
        (
            "Input should be 'green', 'red' or 'blue'",
            &["green", "red", "blue"],
        ),
        ("one of a, b, c", &["a", "b", "c"]),
        ("must be one of: active, inactive.", &["active", "inactive"]),
        ("expected one of `asc`, `desc`", &["asc", "desc"]),
        (
            "Allowed values: small | medium | large",
            &["small", "medium", "large"],
        ),
        (
            "Cannot deserialize value of type `Color` from String \"yellow\": not one of the values accepted for Enum class: [RED, GREEN]",
            &["RED", "GREEN"],
        ),
        ("must be one of the following: x, y", &["x", "y"]),
        (
            "status can't be 'x'; must be one of 'open' or 'closed'",
            &["open", "closed"],
        ),
        ("must be true or false", &["true", "false"]),
    ];
    for (message, expected) in cases {
        assert_eq!(allowed_values(message), expected, "{message}");
    }
}

#[test]
fn messages_without_enumerations_give_no_values() {
    for message in [
        "must be a positive integer",
        "is not included in the list",
        "\"yellow\" is not a valid choice.",
        "must be between 1 and 10",
        "one of the fields is invalid",
        "must be 5 characters or fewer",
        "",
    ] {
        assert!(allowed_values(message).is_empty(), "{message}");
    }
}
