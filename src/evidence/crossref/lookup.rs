//! Looking a field up by location (body, query, headers and cookies, anywhere) and, when it is
//! not there, explaining the miss: a wrapper mismatch, the other place, a near-miss name, the
//! same key at another depth. Also the whole-document issues (Rails full messages).
//!
//! Separate from `tree` (the data) and `names` (the name comparison) so the order in which
//! explanations are tried reads in one place.

use std::collections::VecDeque;

use serde_json::Value;

use super::names::closest;
use super::presence::{
    BODY_NOT_QUERY, OTHER_DEPTH, Presence, QUERY_NOT_BODY, SEARCH_DEPTH, SEARCH_NODES, SentData, classify,
};
use super::tree::{Tree, step};
use crate::evidence::error_body::FieldIssue;
use crate::evidence::field_path::PathSeg;
use crate::suggest::fold;

pub(super) fn in_body(path: &[PathSeg], sent: &SentData<'_>) -> Presence {
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
pub(super) fn in_query(path: &[PathSeg], sent: &SentData<'_>) -> Presence {
    let query = Tree::from_pairs(sent.query);
    if let Some(value) = query.get(path) {
        return classify(value);
    }
    let body = Tree::body(sent);
    explain_miss(&query, path, body.as_ref().map(|b| (b, BODY_NOT_QUERY)), false)
}

/// Unknown location: the body, then the query.
pub(super) fn anywhere(path: &[PathSeg], sent: &SentData<'_>) -> Presence {
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
pub(super) fn in_named(name: &str, pairs: &[(String, String)]) -> Presence {
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
    // Servers name fields relative to their wrapper (Jira's `title` for `fields.title`, Rails's
    // `email` for `user[email]`) or from a type's root (Go's `Album.price`, a `$.` prefix):
    // those are the field, present.
    if let Some(found) = occurrences.iter().find(|found| names_relative(found, path))
        && let Some(value) = tree.get(found)
    {
        return classify(value);
    }
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

/// The server's path names what was sent relative to a wrapper or from a root of its own:
/// `title` for `fields.title` (one named field that exists deeper, once), or `Album.price`
/// for `price` (a leading type name or `$`, `body`, `request`, `input`, `payload`).
fn names_relative(found: &[PathSeg], wanted: &[PathSeg]) -> bool {
    if wanted.len() == 1 && ends_with(found, wanted) {
        return true;
    }
    wanted.len() == found.len() + 1
        && ends_with(wanted, found)
        && matches!(&wanted[0], PathSeg::Key(root) if root.starts_with(|c: char| c.is_ascii_uppercase())
            || matches!(root.to_ascii_lowercase().as_str(), "$" | "body" | "request" | "req" | "input" | "payload" | "dto"))
}

/// One path ends the other: `/user/email` wanted, `email` sent (or the reverse).
fn is_wrapper_mismatch(found: &[PathSeg], wanted: &[PathSeg]) -> bool {
    ends_with(found, wanted) || ends_with(wanted, found)
}

/// The longer path ends with the shorter one: `user.email` ends with `email`.
fn ends_with(long: &[PathSeg], short: &[PathSeg]) -> bool {
    short.len() < long.len()
        && long
            .iter()
            .rev()
            .zip(short.iter().rev())
            .all(|(a, b)| a.same_place(b))
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

/// An issue about the whole document (Rails full messages, `non_field_errors`, pointer `""`):
/// when the message starts with a humanised attribute name ("First name can't be blank") that
/// matches a sent key, that key is the field; otherwise there is no one field to look up.
pub(super) fn whole_document(issue: &FieldIssue, sent: &SentData<'_>) -> Presence {
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
