//! serde's error messages made readable: the position moved out of the text (it is printed
//! in front, as path:line:column) and a "did you mean" for a misspelt variant.

use std::path::Path;

use super::error::{LoadError, LoadProblem};

/// Turns a `serde_yaml` error into a located, friendlier message.
pub(super) fn serde_error(source: &Path, error: &serde_yaml::Error) -> LoadError {
    let location = error.location();
    LoadError {
        path: source.to_path_buf(),
        line: location.as_ref().map(serde_yaml::Location::line),
        column: location.as_ref().map(serde_yaml::Location::column),
        problem: LoadProblem::Syntax(friendly_message(&error.to_string())),
    }
}

/// serde's messages embed " at line L column C" (we print the position in front instead) and
/// list the expected names without saying which one was probably meant. (Unknown keys never
/// come from serde: the loader collects them itself, see `unknown_keys`.)
fn friendly_message(raw: &str) -> String {
    let message = strip_positions(raw);
    with_suggestion(&message, "unknown variant").unwrap_or(message)
}

/// Removes " at line L column C" and turns libyaml's trailing context ", while parsing a
/// block mapping at line 1 column 1" into "(while parsing a block mapping that starts at 1:1)".
fn strip_positions(raw: &str) -> String {
    let (head, context) = match raw.split_once(", while ") {
        Some((head, context)) => (head, Some(context)),
        None => (raw, None),
    };
    let head = cut_position(head).0;
    match context {
        None => head.to_owned(),
        Some(context) => {
            let (what, position) = cut_position(context);
            match position {
                Some((line, column)) => format!("{head} (while {what} that starts at {line}:{column})"),
                None => format!("{head} (while {what})"),
            }
        }
    }
}

/// Splits "text at line L column C" into "text" and (L, C).
fn cut_position(text: &str) -> (&str, Option<(usize, usize)>) {
    let Some(at) = text.rfind(" at line ") else {
        return (text, None);
    };
    let tail = &text[at + " at line ".len()..];
    let mut words = tail.split_whitespace();
    let line = words.next().and_then(|w| w.parse().ok());
    let column = (words.next() == Some("column"))
        .then(|| words.next().and_then(|w| w.trim_end_matches(',').parse().ok()))
        .flatten();
    match (line, column) {
        (Some(line), Some(column)) => (&text[..at], Some((line, column))),
        _ => (text, None),
    }
}

/// "unknown variant `heder`, expected `header` or `query`" → adds "did you mean `header`?".
fn with_suggestion(message: &str, kind: &str) -> Option<String> {
    let start = message.find(kind)?;
    let rest = &message[start + kind.len()..];
    let wanted = rest.split('`').nth(1)?;
    let expected: Vec<&str> = rest
        .split_once("expected")?
        .1
        .split('`')
        .skip(1)
        .step_by(2)
        .collect();
    let suggestion = crate::suggest::closest(wanted, expected.iter().copied());
    let prefix = &message[..start];
    let tail = rest.split_once(", expected").map_or("", |(_, t)| t);
    Some(match suggestion.first() {
        Some(best) => format!("{prefix}{kind} `{wanted}`: did you mean `{best}`? (expected{tail})"),
        None => format!("{prefix}{kind} `{wanted}` (expected{tail})"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_moved_out_of_messages() {
        assert_eq!(
            strip_positions("requests[0]: missing field `url` at line 3 column 5"),
            "requests[0]: missing field `url`"
        );
        assert_eq!(
            strip_positions(
                "did not find expected key at line 4 column 3, while parsing a block mapping at line 1 column 1"
            ),
            "did not find expected key (while parsing a block mapping that starts at 1:1)"
        );
    }

    #[test]
    fn unknown_variants_get_a_suggestion() {
        assert_eq!(
            friendly_message(
                "auth.api_key.in: unknown variant `heder`, expected `header` or `query` at line 5 column 22"
            ),
            "auth.api_key.in: unknown variant `heder`: did you mean `header`? (expected `header` or `query`)"
        );
        assert_eq!(
            friendly_message("unknown variant `zzz`, expected `a` or `b`"),
            "unknown variant `zzz` (expected `a` or `b`)"
        );
    }
}
