//! Reading the server's message: the JSON type it expected ("must be an integer") and the
//! values it allows ("must be one of: red, green").
//!
//! Separate because it works on the message text alone, never on what was sent.

/// Type words in a message ("must be an integer", "expected string", "not a valid email") → JSON type name expected, if any; and enumerations ("one of a, b, c", "must be 'green', 'red' or 'blue'") → allowed values.
///
/// The first type word wins, but only before words that introduce what was *received*
/// ("got", "but", "unable", "given") and not right after a negation ("must not be a string").
/// Formats carried as JSON strings (email, uuid, date, url) expect "string".
pub fn expected_type(message: &str) -> Option<&'static str> {
    const RECEIVED: [&str; 7] = ["got", "but", "unable", "given", "received", "instead", "found"];
    let lower = message.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let end = words
        .iter()
        .position(|w| RECEIVED.contains(w))
        .unwrap_or(words.len());
    let considered = words.get(..end).unwrap_or(&words);
    considered
        .iter()
        .enumerate()
        .filter(|(position, _)| !negated(considered, *position))
        .find_map(|(_, word)| type_word(word))
}

fn type_word(word: &str) -> Option<&'static str> {
    match word {
        "integer" | "int" | "int8" | "int16" | "int32" | "int64" | "uint" | "uint32" | "uint64" | "long"
        | "number" | "numeric" | "float" | "double" | "decimal" => Some("number"),
        "string" | "str" | "email" | "uuid" | "guid" | "url" | "uri" | "date" | "datetime" => Some("string"),
        "boolean" | "bool" => Some("boolean"),
        "array" | "list" | "sequence" | "tuple" => Some("array"),
        "object" | "dict" | "dictionary" | "map" | "mapping" | "hash" => Some("object"),
        _ => None,
    }
}

/// "must not be a", "can't be an", "cannot be" shortly before the word.
fn negated(words: &[&str], position: usize) -> bool {
    const MODALS: [&str; 8] = [
        "must", "should", "may", "can", "could", "mustn", "shouldn", "cannot",
    ];
    let window = words.get(position.saturating_sub(4)..position).unwrap_or(&[]);
    window.contains(&"cannot")
        || window
            .windows(2)
            .any(|pair| matches!(pair, [modal, "not" | "t"] if MODALS.contains(modal)))
}

/// Enumerations in a message, in order: "one of a, b, c", "must be one of: …",
/// "must be 'green', 'red' or 'blue'", "not one of the values accepted …: [RED, GREEN]".
/// Empty when the message lists none.
pub fn allowed_values(message: &str) -> Vec<String> {
    const STRONG: [&str; 12] = [
        "one of",
        "any of",
        "allowed values",
        "valid values",
        "possible values",
        "permitted values",
        "supported values",
        "accepted values",
        "valid options",
        "valid choices",
        "allowed:",
        "permitted:",
    ];
    const WEAK: [&str; 5] = ["must be", "should be", "expected", "can only be", "may only be"];
    let lower = message.to_ascii_lowercase();
    let after = |anchors: &[&str]| {
        anchors
            .iter()
            .filter_map(|anchor| lower.find(anchor).map(|at| at + anchor.len()))
            .min()
            .and_then(|at| message.get(at..))
    };
    if let Some(values) = after(&STRONG)
        .map(|tail| list_after(tail, 1))
        .filter(|v| !v.is_empty())
    {
        return values;
    }
    after(&WEAK).map(|tail| list_after(tail, 2)).unwrap_or_default()
}

/// The list at the start of `tail`: quoted items if there are at least `min` of them, else a
/// bracketed or comma/or-separated list of short items.
fn list_after(tail: &str, min: usize) -> Vec<String> {
    let quoted = quoted_items(tail);
    if quoted.len() >= min {
        return quoted;
    }
    let mut span = first_clause(tail.trim_start_matches(|c: char| c == ':' || c.is_whitespace()));
    if let Some((_, rest)) = span.split_once(": ") {
        span = rest;
    }
    let span = span.trim();
    let inner = ['[', '(', '{']
        .iter()
        .find_map(|open| span.strip_prefix(*open))
        .map_or(span, |rest| rest.trim_end_matches([']', ')', '}']));
    let items: Vec<String> = inner
        .split([',', '|'])
        .flat_map(|piece| piece.split(" or "))
        .flat_map(|piece| piece.split(" and "))
        .map(|piece| piece.trim().trim_matches(['\'', '"', '`']).trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect();
    let max_words = if min == 1 { 2 } else { 1 };
    let plausible = items.iter().all(|item| {
        let words: Vec<&str> = item.split_whitespace().collect();
        let article = words.len() > 1
            && matches!(
                words.first().map(|w| w.to_ascii_lowercase()).as_deref(),
                Some("the" | "a" | "an" | "these" | "following")
            );
        words.len() <= max_words && item.chars().count() <= 40 && !article
    });
    if plausible && items.len() >= min {
        items
    } else {
        Vec::new()
    }
}

/// Up to the end of the sentence or a word that introduces what was received.
fn first_clause(text: &str) -> &str {
    let stops = [". ", ".\n", ";", "\n", " but ", " got ", " received ", " instead"];
    let end = stops
        .iter()
        .filter_map(|stop| text.find(stop))
        .min()
        .unwrap_or(text.len());
    let clause = text.get(..end).unwrap_or(text);
    clause.strip_suffix('.').unwrap_or(clause)
}

/// Items in '…', "…", `…` or “…”. A single quote only opens after a space or punctuation and
/// only closes before one, so apostrophes ("can't") are not quotes.
fn quoted_items(text: &str) -> Vec<String> {
    let clause = first_clause(text);
    let chars: Vec<char> = clause.chars().collect();
    let boundary = |c: Option<&char>| c.is_none_or(|c| c.is_whitespace() || ",.;:()[]{}".contains(*c));
    let mut items = Vec::new();
    let mut position = 0;
    while let Some(&c) = chars.get(position) {
        let close = match c {
            '\'' | '"' | '`' => c,
            '“' => '”',
            _ => {
                position += 1;
                continue;
            }
        };
        let opens = c != '\'' || boundary(position.checked_sub(1).and_then(|p| chars.get(p)));
        let end = opens
            .then(|| {
                (position + 1..chars.len())
                    .find(|&i| chars.get(i) == Some(&close) && (close != '\'' || boundary(chars.get(i + 1))))
            })
            .flatten();
        match end {
            Some(end) => {
                let item: String = chars.get(position + 1..end).unwrap_or(&[]).iter().collect();
                if !item.trim().is_empty() {
                    items.push(item);
                }
                position = end + 1;
            }
            None => position += 1,
        }
    }
    items
}

/// A word written the way field names are and prose is not: with `_`, `.`, `-`, a digit or
/// an inner capital (`user_id`, `items.0`, `firstName`).
fn written_like_a_field(word: &str) -> bool {
    word.contains(['_', '.', '-'])
        || word.chars().any(|c| c.is_ascii_digit())
        || word.chars().skip(1).any(|c| c.is_ascii_uppercase())
            && word.starts_with(|c: char| c.is_ascii_lowercase())
}

/// Field names a message names in words, in order: after "param", "parameter", "field",
/// "property", "attribute", "argument", "key" or "header" (`Missing required param: amount.`,
/// `The field 'email' is required`), in brackets (`failed to parse field [age]`) or quoted
/// before "is required", "is missing", "must", "should", "cannot", "can't", "is invalid"
/// (`"name" is required`). Each is identifier-like: no spaces, at most 64 characters.
/// `explicit` is true for names introduced by a keyword, which the message says are fields;
/// a quoted word alone may be a value.
pub fn fields_named_in(message: &str) -> Vec<(String, bool)> {
    const KEYWORDS: [&str; 11] = [
        "param",
        "params",
        "parameter",
        "parameters",
        "field",
        "fields",
        "property",
        "attribute",
        "argument",
        "key",
        "header",
    ];
    const AFTER: [&str; 9] = [
        "is required",
        "is missing",
        "must",
        "should",
        "cannot",
        "can't",
        "is invalid",
        "is not allowed",
        "is not permitted",
    ];
    let identifier = |word: &str| {
        let word = word.trim_matches(|c: char| "'\"`“”[]():,.;".contains(c));
        let ok = !word.is_empty()
            && word.chars().count() <= 64
            && word
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
            && word.chars().all(|c| c.is_alphanumeric() || "_-.[]$".contains(c));
        ok.then(|| word.trim_end_matches('.').to_owned())
    };
    let mut found: Vec<(String, bool)> = Vec::new();
    let mut push = |name: String, explicit: bool| {
        if let Some(existing) = found.iter_mut().find(|(n, _)| *n == name) {
            existing.1 |= explicit;
        } else {
            found.push((name, explicit));
        }
    };
    let words: Vec<&str> = message.split_whitespace().collect();
    // Constraint messages that start with the property (class-validator, Joi, Go's
    // validator): `email must be an email`, `password should not be empty`. A word, not
    // a known field: only worth a line when the request has it.
    if let [first, second, ..] = words.as_slice()
        && [
            "must", "should", "is", "are", "cannot", "can't", "has", "may", "does",
        ]
        .contains(&second.to_ascii_lowercase().as_str())
        && !first.starts_with(char::is_uppercase)
        && let Some(name) = identifier(first)
    {
        push(name, false);
    }
    for (i, word) in words.iter().enumerate() {
        let bare = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        let quoted = word.starts_with(['\'', '"', '`', '“']);
        if KEYWORDS.contains(&bare.as_str()) && !quoted && !word.ends_with('.') {
            // `param: amount`, `field 'email'`, `parameter [id]`, `key user_id`; not
            // `field is required`, nor `API key as a Bearer token`: a plain word names a
            // field only after a colon, or when it is written like one.
            let after_colon = word.ends_with(':');
            if let Some(next_word) = words.get(i + 1)
                && let Some(next) = identifier(next_word)
                && (after_colon
                    || next_word.starts_with(['\'', '"', '`', '“', '['])
                    || written_like_a_field(&next))
            {
                push(next, true);
            }
            continue;
        }
        if word.starts_with('[')
            && let Some(name) = identifier(word)
            && i > 0
            && KEYWORDS.contains(
                &words[i - 1]
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_ascii_lowercase()
                    .as_str(),
            )
        {
            push(name, true);
            continue;
        }
        if quoted && let Some(name) = identifier(word) {
            let rest = words.get(i + 1..).unwrap_or(&[]).join(" ").to_ascii_lowercase();
            if AFTER.iter().any(|a| rest.starts_with(a)) {
                push(name, true);
            } else {
                push(name, false);
            }
        }
    }
    found
}
