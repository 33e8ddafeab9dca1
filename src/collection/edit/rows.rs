//! Disabled rows: a header or query parameter switched off is a commented-out line in its
//! mapping — exactly what a person would write by hand, and what apibench reads back.
//!
//! ```yaml
//! headers:
//!   Accept: application/json
//!   # X-Debug: 1          ← disabled
//! ```

use std::collections::HashMap;
use std::path::Path;

use super::Table;
use super::tree::{Entry, Tree, Walked};
use crate::collection::source_map::YamlPath;
use crate::collection::{Collection, Item, RequestPath};

/// A commented-out `name: value` line inside a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisabledRow {
    pub name: String,
    pub value: String,
    /// Byte offset of the line's start in the text it was found in.
    pub line_start: usize,
    /// How many live rows come before it: where it lands when switched back on.
    pub position: usize,
}

/// The disabled rows of the block mapping at `path` (none for flow mappings and lists).
pub fn disabled_rows(text: &str, path: &YamlPath) -> Vec<DisabledRow> {
    match Tree::parse(text) {
        Ok(tree) => disabled_rows_in(&tree, path),
        Err(_) => Vec::new(),
    }
}

/// Each request's disabled rows, with the table they are in.
pub type RowsByRequest = HashMap<RequestPath, Vec<(Table, DisabledRow)>>;

/// Every request's disabled rows, from one parse of the file: what the TUI shows, computed
/// once per change to the file rather than once per selection. One walk down the file beside
/// the collection's items, each list item visited once.
pub fn disabled_rows_by_request(text: &str, collection: &Collection) -> RowsByRequest {
    let mut found = RowsByRequest::new();
    let Ok(tree) = Tree::parse(text) else {
        return found;
    };
    if let Some(root) = tree.walk_root() {
        walk(&tree, &root, &collection.items, &mut Vec::new(), &mut found);
    }
    found
}

fn walk(
    tree: &Tree<'_>,
    at: &Walked<'_, '_>,
    items: &[Item],
    names: &mut Vec<String>,
    found: &mut RowsByRequest,
) {
    at.each_item("requests", |i, item| match items.get(i) {
        Some(Item::Request(request)) => {
            let rows = request_rows(tree, item);
            if !rows.is_empty() {
                let mut path = names.clone();
                path.push(request.name.clone());
                found.insert(RequestPath(path), rows);
            }
        }
        Some(Item::Folder(folder)) => {
            names.push(folder.name.clone());
            walk(tree, item, &folder.items, names, found);
            names.pop();
        }
        None => {}
    });
}

/// The switched-off rows of one request's query, headers and form.
fn request_rows(tree: &Tree<'_>, request: &Walked<'_, '_>) -> Vec<(Table, DisabledRow)> {
    let entries = request.entries();
    let mut rows = Vec::new();
    let mut table = |table: Table, owner: &Walked<'_, '_>, entries: &[Entry], key: &str| {
        if let Some(entry) = entries.iter().find(|e| e.key == key) {
            let live = owner.mapping(key).map(|m| m.entries()).unwrap_or_default();
            rows.extend(rows_under(tree, entry, &live).into_iter().map(|r| (table, r)));
        }
    };
    table(Table::Query, request, &entries, "query");
    table(Table::Headers, request, &entries, "headers");
    if let Some(body) = request.mapping("body") {
        table(Table::Form, &body, &body.entries(), "form");
    }
    rows
}

/// `rows` (every request's, found before a change in `request`'s lines only) made right
/// for the text after it: the others' offsets go where `moved` says, and `request` gets
/// `own`, read from its new lines. False when `moved` has no place for a row of another
/// request (it sat inside the change: `rows` must be found again).
pub fn carry_over(
    rows: &mut RowsByRequest,
    moved: impl Fn(usize) -> Option<usize>,
    request: &RequestPath,
    own: Vec<(Table, DisabledRow)>,
) -> bool {
    rows.remove(request);
    for (_, row) in rows.values_mut().flatten() {
        match moved(row.line_start) {
            Some(moved) => row.line_start = moved,
            None => return false,
        }
    }
    if !own.is_empty() {
        rows.insert(request.clone(), own);
    }
    true
}

/// Every request's disabled rows in the file at `path`, from `text` when given (the file as
/// edited), else from the disk. A file that cannot be read or loaded has none.
pub fn disabled_rows_in_file(path: &Path, text: Option<String>) -> RowsByRequest {
    let Some(text) = text.or_else(|| std::fs::read_to_string(path).ok()) else {
        return RowsByRequest::new();
    };
    // Most files, and nearly all long generated ones, have no commented-out `name: value`
    // line at all: then there is nothing to find, and no tree to build (the lossless tree
    // of 50,000 requests takes half a second and hundreds of megabytes).
    if !text.lines().any(|line| {
        line.trim_start()
            .strip_prefix('#')
            .is_some_and(|c| c.contains(':'))
    }) {
        return RowsByRequest::new();
    }
    match crate::collection::parse_collection(&text, path) {
        Ok(collection) => disabled_rows_by_request(&text, &collection),
        Err(_) => RowsByRequest::new(),
    }
}

/// [`disabled_rows`] on a tree already parsed.
pub fn disabled_rows_in(tree: &Tree<'_>, path: &YamlPath) -> Vec<DisabledRow> {
    let Some(entry) = tree.entry(path) else {
        return Vec::new();
    };
    let live_rows = tree.entries(path).unwrap_or_default();
    rows_under(tree, &entry, &live_rows)
}

/// The commented-out rows under a table's `entry`, placed among its `live_rows`.
fn rows_under(tree: &Tree<'_>, entry: &Entry, live_rows: &[Entry]) -> Vec<DisabledRow> {
    let text = tree.text;
    if entry.value.as_ref().is_some_and(|v| {
        !matches!(
            v.shape,
            super::tree::Shape::BlockMapping | super::tree::Shape::Scalar
        )
    }) {
        return Vec::new();
    }
    if entry
        .value
        .as_ref()
        .is_some_and(|v| v.shape == super::tree::Shape::Scalar && !text[v.range.clone()].trim().is_empty())
    {
        return Vec::new();
    }
    let key_indent = tree.indent_of(entry.key_range.start);
    let row_indent = live_rows
        .first()
        .map_or(key_indent + 2, |first| tree.column(first.key_range.start));
    let mut rows = Vec::new();
    let mut at = tree.line_end(entry.key_range.start);
    while at < text.len() {
        let end = tree.line_end(at);
        let line = text[at..end].trim_end_matches('\n');
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = line.trim_start();
        if !body.is_empty() && indent <= key_indent {
            break;
        }
        if indent == row_indent
            && let Some((name, value)) = body.strip_prefix('#').and_then(|c| parse_row(c.trim_start()))
        {
            rows.push(DisabledRow {
                name,
                value,
                line_start: at,
                position: live_rows.iter().filter(|e| e.key_range.start < at).count(),
            });
        }
        at = end;
    }
    rows
}

/// `Name: value` from a comment, when it reads as one mapping entry with a scalar value. A
/// plain key has no spaces (prose does); a quoted key (`"filter[status]": open`) may hold
/// anything.
fn parse_row(comment: &str) -> Option<(String, String)> {
    let quoted = comment.starts_with('"') || comment.starts_with('\'');
    if !quoted {
        let key = comment.split(": ").next()?.trim_end_matches(':');
        if key.is_empty() || key.contains(char::is_whitespace) || key.starts_with(['#', '-', '[', '{']) {
            return None;
        }
    }
    let serde_yaml::Value::Mapping(map) = serde_yaml::from_str(comment).ok()? else {
        return None;
    };
    let mut entries = map.into_iter();
    let (key, value) = entries.next()?;
    if entries.next().is_some() {
        return None;
    }
    let name = scalar_text(key)?;
    let value = scalar_text(value)?;
    (!name.is_empty()).then_some((name, value))
}

/// A scalar as the loader reads it into a row (numbers and booleans as written).
fn scalar_text(value: serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(s) => Some(s),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Null => Some(String::new()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::source_map::Seg;

    fn path() -> YamlPath {
        YamlPath(vec![
            Seg::Key("requests".into()),
            Seg::Index(0),
            Seg::Key("headers".into()),
        ])
    }

    #[test]
    fn commented_entries_are_disabled_rows() {
        let text = "requests:\n  - name: A\n    headers:\n      Accept: json\n      # X-Debug: 1\n      # just a note\n    # Not-Mine: 2\n    url: http://x\n";
        let rows = disabled_rows(text, &path());
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].name.as_str(), rows[0].value.as_str()), ("X-Debug", "1"));
        assert_eq!(
            &text[rows[0].line_start..rows[0].line_start + 19],
            "      # X-Debug: 1\n"
        );
    }

    #[test]
    fn a_table_with_every_row_disabled_still_has_them() {
        let text = "requests:\n  - name: A\n    url: http://x\n    headers:\n      # X-Debug: \"on\"\n";
        let rows = disabled_rows(text, &path());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].value, "on");
        assert_eq!(rows[0].position, 0);
    }

    #[test]
    fn quoted_names_are_rows_and_prose_is_not() {
        assert_eq!(
            parse_row("\"filter[status]\": open"),
            Some(("filter[status]".to_owned(), "open".to_owned()))
        );
        assert_eq!(
            parse_row("X-Debug: 1"),
            Some(("X-Debug".to_owned(), "1".to_owned()))
        );
        assert_eq!(parse_row("Accept:"), Some(("Accept".to_owned(), String::new())));
        assert_eq!(parse_row("just a note: really"), None);
        assert_eq!(parse_row("note"), None);
        assert_eq!(parse_row("- item"), None);
        assert_eq!(parse_row("X-List: [a, b]"), None);
    }

    #[test]
    fn a_disabled_row_knows_how_many_live_rows_precede_it() {
        let text = "requests:\n  - name: A\n    headers:\n      A: 1\n      # B: 2\n      C: 3\n";
        let rows = disabled_rows(text, &path());
        assert_eq!(rows[0].position, 1);
    }

    #[test]
    fn every_request_has_its_own_rows_found_in_one_pass_and_quiet_ones_have_none() {
        let text = "name: C\nrequests:\n  - name: A\n    url: http://x\n    headers:\n      A: 1\n      # B: 2\n  - name: Quiet\n    url: http://x\n  - folder: Folder\n    requests:\n      - name: Inner\n        url: http://x\n        query:\n          # page: \"2\"\n  - name: Last\n    url: http://x\n    body:\n      form:\n        a: 1\n        # b: 2\n";
        let collection = crate::collection::parse_collection(text, std::path::Path::new("c.yaml")).unwrap();
        let rows = disabled_rows_by_request(text, &collection);
        let of = |path: &[&str]| {
            rows.get(&RequestPath(path.iter().map(|s| (*s).to_owned()).collect()))
                .map(|r| {
                    r.iter()
                        .map(|(t, row)| (*t, row.name.clone(), row.value.clone()))
                        .collect::<Vec<_>>()
                })
        };
        assert_eq!(of(&["A"]), Some(vec![(Table::Headers, "B".into(), "2".into())]));
        assert_eq!(of(&["Quiet"]), None);
        assert_eq!(
            of(&["Folder", "Inner"]),
            Some(vec![(Table::Query, "page".into(), "2".into())])
        );
        assert_eq!(of(&["Last"]), Some(vec![(Table::Form, "b".into(), "2".into())]));
        assert_eq!(rows.len(), 3);
    }
}
