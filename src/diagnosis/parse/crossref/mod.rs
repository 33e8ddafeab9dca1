//! Holding each field the server names against what was sent (catalogue §4.11).
//!
//! A server saying "amount is required" is only half the story; the evidence people need is
//! "…and your body has `amout`" or "…and you sent it in the query". `locate` answers that for
//! one [`FieldIssue`]: the value sent, or the closest thing that was sent instead and why it is
//! close. `expected_type` and `allowed_values` read the server's message for the type and the
//! enumeration it wanted, so a check can compare them with the value.
//!
//! Values are returned as sent: redacting secrets is the evidence template's job (§0.3).
//! Searches are bounded (depth and node count), so a large request body cannot slow a checklist.

use std::borrow::Cow;
use std::collections::VecDeque;

use serde_json::{Map, Value};

use super::error_body::{FieldIssue, Location};
use super::field_path::{self, PathSeg};
use crate::suggest::fold;

/// Reasons a near miss is close, as `Presence::Missing` reports them.
pub const CASE_DIFFERS: &str = "case differs";
pub const SNAKE_VS_CAMEL: &str = "snake_case vs camelCase";
pub const KEBAB_VS_CAMEL: &str = "kebab-case vs camelCase";
pub const SNAKE_VS_KEBAB: &str = "snake_case vs kebab-case";
pub const STYLE_DIFFERS: &str = "naming style differs";
pub const EDIT_DISTANCE_1: &str = "edit distance 1";
pub const EDIT_DISTANCE_2: &str = "edit distance 2";
pub const OTHER_DEPTH: &str = "same key at another depth";
pub const QUERY_NOT_BODY: &str = "in the query instead of the body";
pub const BODY_NOT_QUERY: &str = "in the body instead of the query";

/// Deepest level searched for a key at another depth.
const SEARCH_DEPTH: usize = 16;
/// Most nodes visited in one search.
const SEARCH_NODES: usize = 10_000;

/// What the request holds at the place a server names.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// Found: the value sent (as JSON; form/query values are JSON strings) and its JSON type name ("string", "number", "boolean", "null", "array", "object").
    Present {
        value: serde_json::Value,
        json_type: &'static str,
    },
    /// Found but empty string / empty array / null.
    Empty { value: serde_json::Value },
    /// Not found; `near` is the closest candidate key path and why it is close ("case differs", "`snake_case` vs `camelCase`", "edit distance 1", "same key at another depth", "in the query instead of the body").
    /// The reasons are the `pub const`s of this module.
    Missing { near: Option<(String, &'static str)> },
    /// Found at another nesting level (wrapper mismatch, §2.16 422.wrapper): where it actually is.
    ElsewhereInBody { actual: String },
    /// No structured data to look in (e.g. body not JSON/form and nothing in query).
    CannotTell,
}

/// What was sent, as the cross-reference sees it.
#[derive(Debug, Clone, Copy)]
pub struct SentData<'a> {
    /// The body parsed as JSON, when it was JSON.
    pub json: Option<&'a serde_json::Value>,
    /// Form fields (urlencoded or multipart text parts), names as written (`user[email]`).
    pub form: &'a [(String, String)],
    /// Query parameters, decoded.
    pub query: &'a [(String, String)],
    /// Request headers as sent.
    pub headers: &'a [(String, String)],
}

/// Where the issue's field is in what was sent, or what was sent instead (§4.11 steps 1–3).
pub fn locate(issue: &FieldIssue, sent: &SentData<'_>) -> Presence {
    let path = issue.path.as_slice();
    if path.is_empty() {
        return whole_document(issue, sent);
    }
    match issue.location {
        Location::Body => in_body(path, sent),
        Location::Query => in_query(path, sent),
        Location::Header => in_named(&last_name(issue), sent.headers),
        Location::Cookie => in_named(&last_name(issue), &cookies(sent.headers)),
        Location::Path => Presence::CannotTell,
        Location::Unknown => anywhere(path, sent),
    }
}

/// The JSON type name of a value, as JSON Schema and people call it.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn classify(value: &Value) -> Presence {
    let empty = match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    };
    if empty {
        Presence::Empty { value: value.clone() }
    } else {
        Presence::Present {
            value: value.clone(),
            json_type: json_type(value),
        }
    }
}

// ----- the places to look -----------------------------------------------------------------------

/// A place to look: a JSON document, or name/value pairs seen as one document so the same
/// lookups and near-miss searches work on both.
struct Tree<'a> {
    root: Cow<'a, Value>,
    /// Set when built from pairs: paths are then shown as the names were written on the wire.
    pairs: Option<&'a [(String, String)]>,
}

impl<'a> Tree<'a> {
    /// The body as JSON, else as form fields; `None` when neither was sent.
    fn body(sent: &SentData<'a>) -> Option<Tree<'a>> {
        if let Some(json) = sent.json {
            return Some(Tree {
                root: Cow::Borrowed(json),
                pairs: None,
            });
        }
        (!sent.form.is_empty()).then(|| Tree::from_pairs(sent.form))
    }

    fn from_pairs(pairs: &'a [(String, String)]) -> Tree<'a> {
        Tree {
            root: Cow::Owned(pairs_to_value(pairs)),
            pairs: Some(pairs),
        }
    }

    fn get(&self, path: &[PathSeg]) -> Option<&Value> {
        path.iter().try_fold(self.root.as_ref(), step)
    }

    fn show(&self, path: &[PathSeg]) -> String {
        match self.pairs {
            Some(pairs) => pairs
                .iter()
                .map(|(name, _)| name)
                .find(|name| field_path::same_path(&field_path::from_dotted(name), path))
                .cloned()
                .unwrap_or_else(|| field_path::display_brackets(path)),
            None => field_path::display(path),
        }
    }
}

/// One step down; numeric keys and indices are interchangeable (`items.0` on an array,
/// `Index(0)` on an object built from form names).
fn step<'v>(value: &'v Value, segment: &PathSeg) -> Option<&'v Value> {
    match (value, segment) {
        (Value::Object(members), PathSeg::Key(key)) => members.get(key),
        (Value::Object(members), PathSeg::Index(index)) => members.get(&index.to_string()),
        (Value::Array(items), PathSeg::Index(index)) => items.get(*index),
        (Value::Array(items), PathSeg::Key(key)) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    }
}

/// `user[email]=a&tags[]=x&tags[]=y` → `{"user": {"email": "a"}, "tags": ["x", "y"]}`.
/// Positions become member names ("0"), which `step` accepts for indices.
fn pairs_to_value(pairs: &[(String, String)]) -> Value {
    let mut root = Map::new();
    for (name, value) in pairs {
        let path = field_path::from_dotted(name);
        // `insert` recurses per segment; no real form nests this deep.
        if path.len() <= SEARCH_DEPTH * 4 {
            insert(&mut root, &path, value);
        }
    }
    Value::Object(root)
}

fn insert(members: &mut Map<String, Value>, path: &[PathSeg], value: &str) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let key = first.key_text();
    if !rest.is_empty() {
        let child = members.entry(key).or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(child) = child {
            insert(child, rest, value);
        }
        return;
    }
    let new = Value::String(value.to_owned());
    match members.get_mut(&key) {
        None => {
            members.insert(key, new);
        }
        Some(Value::Array(items)) => items.push(new),
        Some(existing @ Value::String(_)) => {
            let previous = existing.take();
            *existing = Value::Array(vec![previous, new]);
        }
        Some(_) => {}
    }
}

fn cookies(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("cookie"))
        .flat_map(|(_, value)| value.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect()
}

fn last_name(issue: &FieldIssue) -> String {
    issue
        .path
        .last()
        .map_or_else(|| issue.raw_path.clone(), PathSeg::key_text)
}

// ----- lookups by location ----------------------------------------------------------------------

fn in_body(path: &[PathSeg], sent: &SentData<'_>) -> Presence {
    let query = Tree::from_pairs(sent.query);
    let Some(body) = Tree::body(sent) else {
        return match query.get(path) {
            Some(_) => Presence::Missing {
                near: Some((query.show(path), QUERY_NOT_BODY)),
            },
            None => Presence::CannotTell,
        };
    };
    match body.get(path) {
        Some(value) => classify(value),
        None => explain_miss(&body, path, Some((&query, QUERY_NOT_BODY)), true),
    }
}

/// The query is always known (it is part of the URL), so a query lookup can always tell.
fn in_query(path: &[PathSeg], sent: &SentData<'_>) -> Presence {
    let query = Tree::from_pairs(sent.query);
    if let Some(value) = query.get(path) {
        return classify(value);
    }
    let body = Tree::body(sent);
    explain_miss(&query, path, body.as_ref().map(|b| (b, BODY_NOT_QUERY)), false)
}

/// Unknown location: the body, then the query.
fn anywhere(path: &[PathSeg], sent: &SentData<'_>) -> Presence {
    let body = Tree::body(sent);
    let query = Tree::from_pairs(sent.query);
    if let Some(value) = body
        .as_ref()
        .and_then(|b| b.get(path))
        .or_else(|| query.get(path))
    {
        return classify(value);
    }
    let from_body = body.as_ref().map(|b| explain_miss(b, path, None, true));
    match from_body {
        Some(Presence::Missing { near: None }) | None if !sent.query.is_empty() => {
            explain_miss(&query, path, None, false)
        }
        Some(presence) => presence,
        None => Presence::CannotTell,
    }
}

/// Headers and cookies: names compare case-insensitively and `_` matches `-` (`FastAPI`
/// reports `x_api_key` for `X-Api-Key`).
fn in_named(name: &str, pairs: &[(String, String)]) -> Presence {
    let wanted = fold(name);
    if let Some((_, value)) = pairs.iter().find(|(candidate, _)| fold(candidate) == wanted) {
        return classify(&Value::String(value.clone()));
    }
    let lowered: Vec<String> = pairs
        .iter()
        .map(|(candidate, _)| candidate.to_ascii_lowercase())
        .collect();
    let near = closest(&name.to_ascii_lowercase(), lowered.iter().map(String::as_str))
        .and_then(|(index, why)| pairs.get(index).map(|(candidate, _)| (candidate.clone(), why)));
    Presence::Missing { near }
}

/// Why the path is not in `tree`, best explanation first: a wrapper mismatch, the field sent in
/// the other place (`other`), a near-miss name, the same key at an unrelated depth.
fn explain_miss(
    tree: &Tree<'_>,
    path: &[PathSeg],
    other: Option<(&Tree<'_>, &'static str)>,
    tree_is_body: bool,
) -> Presence {
    let occurrences = same_key_elsewhere(tree, path);
    if let Some(wrapper) = occurrences.iter().find(|found| is_wrapper_mismatch(found, path)) {
        let actual = tree.show(wrapper);
        return if tree_is_body {
            Presence::ElsewhereInBody { actual }
        } else {
            Presence::Missing {
                near: Some((actual, OTHER_DEPTH)),
            }
        };
    }
    if let Some((other, why)) = other
        && other.get(path).is_some()
    {
        return Presence::Missing {
            near: Some((other.show(path), why)),
        };
    }
    if let Some(near) = near_miss(tree, path) {
        return Presence::Missing { near: Some(near) };
    }
    Presence::Missing {
        near: occurrences.first().map(|found| (tree.show(found), OTHER_DEPTH)),
    }
}

/// One path ends the other: `/user/email` wanted, `email` sent (or the reverse).
fn is_wrapper_mismatch(found: &[PathSeg], wanted: &[PathSeg]) -> bool {
    let ends_with = |long: &[PathSeg], short: &[PathSeg]| {
        short.len() < long.len()
            && long
                .iter()
                .rev()
                .zip(short.iter().rev())
                .all(|(a, b)| a.same_place(b))
    };
    ends_with(found, wanted) || ends_with(wanted, found)
}

/// Every place (shallowest first) where the path's last key appears, by exact name.
fn same_key_elsewhere(tree: &Tree<'_>, path: &[PathSeg]) -> Vec<Vec<PathSeg>> {
    let Some(PathSeg::Key(wanted)) = path.last() else {
        return Vec::new();
    };
    search(tree.root.as_ref(), SEARCH_DEPTH, |key| key == wanted)
}

/// Breadth-first search for members whose name satisfies `matches`, bounded in depth, nodes
/// visited and results.
fn search(root: &Value, max_depth: usize, is_match: impl Fn(&str) -> bool) -> Vec<Vec<PathSeg>> {
    let mut found = Vec::new();
    let mut queue = VecDeque::from([(root, Vec::new())]);
    let mut visited = 0;
    while let Some((value, path)) = queue.pop_front() {
        visited += 1;
        if visited > SEARCH_NODES || found.len() >= 8 {
            break;
        }
        if path.len() >= max_depth {
            continue;
        }
        let children: Vec<(PathSeg, &Value)> = match value {
            Value::Object(members) => members
                .iter()
                .map(|(key, child)| (PathSeg::Key(key.clone()), child))
                .collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, child)| (PathSeg::Index(i), child))
                .collect(),
            _ => continue,
        };
        for (segment, child) in children {
            let mut child_path = path.clone();
            let hit = matches!(&segment, PathSeg::Key(key) if is_match(key));
            child_path.push(segment);
            if hit {
                found.push(child_path.clone());
            }
            queue.push_back((child, child_path));
        }
    }
    found
}

/// Walks the path; at the first member that is not there, the closest sibling name.
fn near_miss(tree: &Tree<'_>, path: &[PathSeg]) -> Option<(String, &'static str)> {
    let mut current = tree.root.as_ref();
    for (position, segment) in path.iter().enumerate() {
        if let Some(next) = step(current, segment) {
            current = next;
            continue;
        }
        let (PathSeg::Key(wanted), Value::Object(members)) = (segment, current) else {
            return None;
        };
        let (index, why) = closest(wanted, members.keys().map(String::as_str))?;
        let candidate = members.keys().nth(index)?;
        let mut near: Vec<PathSeg> = path.iter().take(position).cloned().collect();
        near.push(PathSeg::Key(candidate.clone()));
        let mut full = near.clone();
        full.extend(path.iter().skip(position + 1).cloned());
        let shown = if tree.get(&full).is_some() { full } else { near };
        return Some((tree.show(&shown), why));
    }
    None
}

/// The best candidate for `wanted` and why it is close: same name in another case, same name
/// in another naming style, or a small edit distance (none for names of one or two letters,
/// where any change is a different name).
fn closest<'c>(wanted: &str, candidates: impl Iterator<Item = &'c str>) -> Option<(usize, &'static str)> {
    let wanted_lower = wanted.to_lowercase();
    let wanted_folded = fold(wanted);
    let mut best: Option<(usize, usize, &'static str)> = None;
    for (index, candidate) in candidates.enumerate() {
        if candidate == wanted {
            continue;
        }
        let ranked = if candidate.to_lowercase() == wanted_lower {
            (0, CASE_DIFFERS)
        } else if fold(candidate) == wanted_folded {
            (1, style_difference(wanted, candidate))
        } else {
            let distance = strsim::damerau_levenshtein(wanted, candidate);
            if distance == 0 || distance > typo_limit(wanted, candidate) {
                continue;
            }
            (
                1 + distance,
                if distance == 1 {
                    EDIT_DISTANCE_1
                } else {
                    EDIT_DISTANCE_2
                },
            )
        };
        if best.is_none_or(|(rank, _, _)| ranked.0 < rank) {
            best = Some((ranked.0, index, ranked.1));
        }
    }
    best.map(|(_, index, why)| (index, why))
}

fn typo_limit(a: &str, b: &str) -> usize {
    match a.chars().count().max(b.chars().count()) {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Snake,
    Kebab,
    Camel,
    Flat,
}

fn style(name: &str) -> Style {
    if name.contains('_') {
        Style::Snake
    } else if name.contains('-') {
        Style::Kebab
    } else if name.chars().any(char::is_uppercase) {
        Style::Camel
    } else {
        Style::Flat
    }
}

/// Named without direction: the evidence line already says which name is whose.
fn style_difference(a: &str, b: &str) -> &'static str {
    match (style(a), style(b)) {
        (Style::Snake, Style::Camel) | (Style::Camel, Style::Snake) => SNAKE_VS_CAMEL,
        (Style::Kebab, Style::Camel) | (Style::Camel, Style::Kebab) => KEBAB_VS_CAMEL,
        (Style::Snake, Style::Kebab) | (Style::Kebab, Style::Snake) => SNAKE_VS_KEBAB,
        _ => STYLE_DIFFERS,
    }
}

/// An issue about the whole document (Rails full messages, `non_field_errors`, pointer `""`):
/// when the message starts with a humanised attribute name ("First name can't be blank") that
/// matches a sent key, that key is the field; otherwise there is no one field to look up.
fn whole_document(issue: &FieldIssue, sent: &SentData<'_>) -> Presence {
    let Some(message) = issue.message.as_deref() else {
        return Presence::CannotTell;
    };
    let words: Vec<&str> = message
        .split_whitespace()
        .take(3)
        .take_while(|word| word.chars().all(char::is_alphabetic))
        .collect();
    let body = Tree::body(sent);
    let query = Tree::from_pairs(sent.query);
    let trees: Vec<&Tree<'_>> = body.iter().chain([&query]).collect();
    for count in (1..=words.len()).rev() {
        let wanted = fold(&words.iter().take(count).copied().collect::<Vec<_>>().join("_"));
        for tree in &trees {
            let hits = search(tree.root.as_ref(), 2, |key| fold(key) == wanted);
            if let Some(value) = hits.first().and_then(|path| tree.get(path)) {
                return classify(value);
            }
        }
    }
    Presence::CannotTell
}

// ----- reading the message ----------------------------------------------------------------------

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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
        let wrapped = json!({"user": {"email": "a@b.c"}});
        assert_eq!(
            locate(&issue(Location::Unknown, "email"), &sent_json(&wrapped)),
            Presence::ElsewhereInBody {
                actual: "user.email".to_owned()
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

    #[test]
    fn short_names_are_not_typo_matches() {
        let body = json!({"ip": "1.2.3.4"});
        assert_eq!(
            locate(&issue(Location::Body, "id"), &sent_json(&body)),
            Presence::Missing { near: None }
        );
    }

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

    #[test]
    fn json_type_names() {
        assert_eq!(json_type(&json!(null)), "null");
        assert_eq!(json_type(&json!(true)), "boolean");
        assert_eq!(json_type(&json!(1.5)), "number");
        assert_eq!(json_type(&json!("x")), "string");
        assert_eq!(json_type(&json!([])), "array");
        assert_eq!(json_type(&json!({})), "object");
    }
}
