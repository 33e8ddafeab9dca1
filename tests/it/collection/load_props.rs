//! Property test: the loader never panics, whatever the text. Damaged copies of real
//! collections (bytes cut, inserted or swapped) either load or come back as errors located
//! inside the text, each with a message.

use std::path::Path;

use apibench::collection::parse_collection;
use proptest::prelude::*;

use crate::support::{fixture, shipped};

/// The collections the loader must survive damage to: the shipped ones and the fixture full
/// of comments, anchors and flow styles.
fn originals() -> Vec<String> {
    [
        shipped("demo.yaml"),
        shipped("github.yaml"),
        fixture("handwritten.yaml"),
    ]
    .iter()
    .map(|p| std::fs::read_to_string(p).unwrap())
    .collect()
}

#[derive(Debug, Clone)]
enum Damage {
    Cut { at: usize, len: usize },
    Insert { at: usize, text: String },
    Swap { a: usize, b: usize },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Damage::Cut { at, len }),
        (
            any::<usize>(),
            prop_oneof![
                Just(": ".to_owned()),
                Just("\n  ".to_owned()),
                Just("- ".to_owned()),
                Just("{{".to_owned()),
                Just("&a ".to_owned()),
                Just("*a".to_owned()),
                Just("\t".to_owned()),
                Just("\"".to_owned()),
                Just("[".to_owned()),
                Just("é".to_owned()),
                "[ -~]{1,12}",
            ]
        )
            .prop_map(|(at, text)| Damage::Insert { at, text }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Damage::Swap { a, b }),
    ]
}

/// The nearest char boundary at or before `at` (taken modulo the length).
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, damage: &Damage) -> String {
    match damage {
        Damage::Cut { at, len } => {
            let start = boundary(text, *at);
            // Past the end wraps round to the start: then nothing is cut.
            let end = boundary(text, start + len).max(start);
            format!("{}{}", &text[..start], &text[end..])
        }
        Damage::Insert { at, text: new } => {
            let at = boundary(text, *at);
            format!("{}{new}{}", &text[..at], &text[at..])
        }
        Damage::Swap { a, b } => {
            let mut lines: Vec<&str> = text.lines().collect();
            if !lines.is_empty() {
                let n = lines.len();
                lines.swap(a % n, b % n);
            }
            lines.join("\n")
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn damaged_collections_load_or_say_where(
        which in 0usize..3,
        damages in prop::collection::vec(damage(), 1..4),
    ) {
        let originals = originals();
        let mut text = originals[which].clone();
        for d in &damages {
            text = apply(&text, d);
        }
        if let Err(errors) = parse_collection(&text, Path::new("damaged.yaml")) {
            prop_assert!(!errors.is_empty());
            let lines = text.lines().count().max(1);
            for e in &errors {
                prop_assert!(!e.message().trim().is_empty(), "{e:?}");
                prop_assert_eq!(e.path.as_path(), Path::new("damaged.yaml"));
                if let Some(line) = e.line {
                    // One past the last line is where an unexpected end of input is reported.
                    prop_assert!((1..=lines + 1).contains(&line), "line {} of {}: {:?}", line, lines, e);
                    prop_assert!(e.column.is_some_and(|c| c >= 1), "{e:?}");
                }
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = parse_collection(&text, Path::new("any.yaml"));
    }
}
