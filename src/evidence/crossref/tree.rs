//! What was sent, as one searchable document: the JSON body as it is, and form fields or
//! query parameters (`user[email]=a`) turned into a JSON object, with paths shown the way
//! they were written on the wire.
//!
//! Separate because every lookup walks the same [`Tree`], whatever the request carried.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::presence::{SEARCH_DEPTH, SentData};
use crate::evidence::error_body::FieldIssue;
use crate::evidence::field_path::{self, PathSeg};

/// A place to look: a JSON document, or name/value pairs seen as one document so the same
/// lookups and near-miss searches work on both.
pub(super) struct Tree<'a> {
    pub(super) root: Cow<'a, Value>,
    /// Set when built from pairs: paths are then shown as the names were written on the wire.
    pairs: Option<&'a [(String, String)]>,
}

impl<'a> Tree<'a> {
    /// The body as JSON, else as form fields; `None` when neither was sent.
    pub(super) fn body(sent: &SentData<'a>) -> Option<Tree<'a>> {
        if let Some(json) = sent.json {
            return Some(Tree {
                root: Cow::Borrowed(json),
                pairs: None,
            });
        }
        (!sent.form.is_empty()).then(|| Tree::from_pairs(sent.form))
    }

    pub(super) fn from_pairs(pairs: &'a [(String, String)]) -> Tree<'a> {
        Tree {
            root: Cow::Owned(pairs_to_value(pairs)),
            pairs: Some(pairs),
        }
    }

    pub(super) fn get(&self, path: &[PathSeg]) -> Option<&Value> {
        path.iter().try_fold(self.root.as_ref(), step)
    }

    pub(super) fn show(&self, path: &[PathSeg]) -> String {
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
pub(super) fn step<'v>(value: &'v Value, segment: &PathSeg) -> Option<&'v Value> {
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

pub(super) fn cookies(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("cookie"))
        .flat_map(|(_, value)| value.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect()
}

pub(super) fn last_name(issue: &FieldIssue) -> String {
    issue
        .path
        .last()
        .map_or_else(|| issue.raw_path.clone(), PathSeg::key_text)
}
