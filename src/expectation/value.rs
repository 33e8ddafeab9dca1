//! One test of the values a JSONPath selected, and how expected and actual values are
//! shown: JSON as JSON, long values cut, the type named when it is the point
//! (`string "42"` where a number was expected).

use serde_json::Value;

use crate::collection::{JsonType, ValueTest};

/// Values longer than this are cut in what is shown (the comparison sees them whole).
const SHOWN_LIMIT: usize = 120;

/// Whether `found` (what the path selected) passes `test`, and what to say it was.
pub(super) fn test(test: &ValueTest, found: &[&Value], singular: bool) -> (bool, String) {
    let nothing = || "nothing at that path".to_owned();
    match (test, found) {
        (ValueTest::Exists(wanted), []) => (!wanted, nothing()),
        (ValueTest::Exists(wanted), [one, ..]) => (*wanted, shown(one)),
        (ValueTest::Count(wanted), found) => {
            let count = match found {
                [Value::Array(items)] if singular => items.len(),
                [Value::Object(members)] if singular => members.len(),
                selected => selected.len(),
            };
            (count == *wanted, count.to_string())
        }
        (_, []) => (false, nothing()),
        (ValueTest::Equals(wanted), [one, ..]) => (same(wanted, one), shown(one)),
        (ValueTest::Type(wanted), [one, ..]) => (wanted.admits(one), typed(one)),
        (ValueTest::Matches(pattern), [one, ..]) => (pattern.0.is_match(&text_of(one)), shown(one)),
        (ValueTest::Contains(part), [one, ..]) => (text_of(one).contains(part.as_str()), shown(one)),
        (ValueTest::LessThan(limit), [one, ..]) => (below(one, limit), shown(one)),
        (ValueTest::GreaterThan(limit), [one, ..]) => (above(one, limit), shown(one)),
    }
}

/// What a test wants, as the failure line says it.
pub(super) fn expected(test: &ValueTest) -> String {
    match test {
        ValueTest::Exists(true) => "to be present".to_owned(),
        ValueTest::Exists(false) => "to be absent".to_owned(),
        ValueTest::Equals(Value::String(wanted)) => shown_text(wanted),
        ValueTest::Equals(value) => shown(value),
        ValueTest::Matches(pattern) => format!("to match /{pattern}/"),
        ValueTest::Contains(part) => format!("to contain {}", shown_text(part)),
        ValueTest::Type(t) => t.as_str().to_owned(),
        ValueTest::Count(n) => format!("{n} items"),
        ValueTest::LessThan(n) => format!("less than {n}"),
        ValueTest::GreaterThan(n) => format!("more than {n}"),
    }
}

/// Whether `value` is a number below / above `limit` (a string of digits is not a number).
fn below(value: &Value, limit: &serde_json::Number) -> bool {
    matches!((value.as_f64(), limit.as_f64()), (Some(v), Some(l)) if v < l)
}

fn above(value: &Value, limit: &serde_json::Number) -> bool {
    matches!((value.as_f64(), limit.as_f64()), (Some(v), Some(l)) if v > l)
}

/// Equal as JSON, numbers compared by value (`42` and `42.0` are equal).
fn same(wanted: &Value, got: &Value) -> bool {
    match (wanted, got) {
        (Value::Number(a), Value::Number(b)) => a == b || a.as_f64() == b.as_f64(),
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b)),
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
        }
        _ => wanted == got,
    }
}

/// A string's content, anything else as JSON: what `matches` and `contains` read.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// `string "42"`: the type first, for a type test.
fn typed(value: &Value) -> String {
    format!("{} {}", JsonType::of(value).as_str(), shown(value))
}

/// A JSON value as JSON, cut when long.
pub(super) fn shown(value: &Value) -> String {
    cut(value.to_string())
}

/// A text quoted as JSON quotes it.
pub(super) fn shown_text(text: &str) -> String {
    shown(&Value::String(text.to_owned()))
}

fn cut(text: String) -> String {
    if text.chars().count() <= SHOWN_LIMIT {
        return text;
    }
    let mut cut: String = text.chars().take(SHOWN_LIMIT).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_equal_by_value_and_strings_do_not_equal_numbers() {
        assert!(same(&json!(42), &json!(42.0)));
        assert!(same(&json!({"a": [1, 2]}), &json!({"a": [1.0, 2]})));
        assert!(!same(&json!(42), &json!("42")));
    }

    #[test]
    fn a_type_miss_names_the_type_it_found() {
        let (met, actual) = test(&ValueTest::Type(JsonType::Number), &[&json!("42")], true);
        assert!(!met);
        assert_eq!(actual, "string \"42\"");
    }

    #[test]
    fn count_reads_one_array_or_the_number_of_values_selected() {
        let items = json!([1, 2, 3]);
        assert_eq!(
            test(&ValueTest::Count(3), &[&items], true),
            (true, "3".to_owned())
        );
        // A filter that selects one object counts one value, not its members.
        let one = json!({"id": 1, "name": "Ada"});
        assert_eq!(test(&ValueTest::Count(1), &[&one], false), (true, "1".to_owned()));
        let (a, b) = (json!(1), json!(2));
        assert_eq!(
            test(&ValueTest::Count(2), &[&a, &b], false),
            (true, "2".to_owned())
        );
        assert_eq!(test(&ValueTest::Count(0), &[], false), (true, "0".to_owned()));
    }

    fn n(x: f64) -> serde_json::Number {
        serde_json::Number::from_f64(x).unwrap()
    }

    #[test]
    fn comparisons_take_numbers_only() {
        assert_eq!(
            test(&ValueTest::GreaterThan(0.into()), &[&json!(3)], true),
            (true, "3".to_owned())
        );
        assert!(!test(&ValueTest::GreaterThan(0.into()), &[&json!("3")], true).0);
        assert!(test(&ValueTest::LessThan(n(2.5)), &[&json!(2)], true).0);
        assert!(!test(&ValueTest::LessThan(n(2.5)), &[&json!(2.5)], true).0);
        assert_eq!(expected(&ValueTest::GreaterThan(0.into())), "more than 0");
        assert_eq!(expected(&ValueTest::LessThan(n(2.5))), "less than 2.5");
    }

    #[test]
    fn absence_is_met_by_nothing_and_missed_by_anything() {
        assert!(test(&ValueTest::Exists(false), &[], true).0);
        assert!(!test(&ValueTest::Exists(false), &[&json!(null)], true).0);
        assert!(test(&ValueTest::Exists(true), &[&json!(null)], true).0);
    }

    #[test]
    fn long_values_are_cut_in_what_is_shown() {
        let long = "x".repeat(500);
        assert!(shown_text(&long).ends_with('…'));
        assert!(shown_text(&long).chars().count() <= SHOWN_LIMIT + 1);
    }
}
