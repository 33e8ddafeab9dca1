//! Each kind of [`Edit`] as text splices on the file as written: which node it touches, and
//! how a new line is shaped to match its neighbours. `apply` (in the parent) checks the
//! result; this only proposes it.

use std::path::Path;

use super::splice::step;
use super::splice::{self, Splice, Value};
use super::tree::{Shape, Tree};
use super::{
    Edit, EditError, Layout, Missing, Table, VarScope, body, folder_location, request_location, rows, scalar,
};
use crate::collection::source_map::{Seg, YamlPath};
use crate::collection::{Body, Collection, Expect, RequestPath, parse_collection};

/// Checks that a switched-off row is still where the edit says, before touching its line.
fn disabled_row_at(
    text: &str,
    before: &Collection,
    request: &RequestPath,
    table: Table,
    line_start: usize,
) -> Result<(), EditError> {
    let at = table_path(&request_location(before, request)?, table);
    if rows::disabled_rows(text, &at)
        .iter()
        .any(|r| r.line_start == line_start)
    {
        Ok(())
    } else {
        Err(Missing::SwitchedOffRow.into())
    }
}

/// Where a scope's variables are written.
fn variables_path(collection: &Collection, scope: &VarScope) -> Result<YamlPath, EditError> {
    Ok(match scope {
        VarScope::Collection => YamlPath::default().key("variables"),
        VarScope::Environment(env) => YamlPath::default().key("environments").key(env),
        VarScope::Request(r) => request_location(collection, r)?.key("variables"),
    })
}

/// The list a request is in, and its index there.
fn request_slot(collection: &Collection, request: &RequestPath) -> Result<(YamlPath, usize), EditError> {
    in_list(request_location(collection, request)?)
}

/// The list an item is in, and its index there, from the item's own path.
fn in_list(mut item: YamlPath) -> Result<(YamlPath, usize), EditError> {
    match item.0.pop() {
        Some(Seg::Index(index)) => Ok((item, index)),
        _ => Err(Layout::NotListItem(item.clone()).into()),
    }
}

/// A table whose rows are not written under the request itself: an alias (`headers:
/// *common`), or rows a merge key (`<<: *defaults`) brings in. Editing its rows there would
/// change every request sharing it, or silently drop the merged ones: refused, pointing at
/// where they are written.
fn refuse_borrowed_table(
    text: &str,
    before: &Collection,
    request: &RequestPath,
    table: Table,
) -> Result<(), EditError> {
    let at = table_path(&request_location(before, request)?, table);
    let tree = Tree::parse(text)?;
    match tree.node(&at).map(|n| n.shape) {
        Some(Shape::Alias) => Err(Layout::Alias(at).into()),
        None if before.find(request).is_some_and(|r| !table.rows(r).is_empty()) => {
            Err(Layout::Merged(at).into())
        }
        _ => Ok(()),
    }
}

fn table_path(request: &YamlPath, table: Table) -> YamlPath {
    match table {
        Table::Query => request.key("query"),
        Table::Headers => request.key("headers"),
        Table::Form => request.key("body").key("form"),
    }
}

pub(super) fn splices(text: &str, before: &Collection, edit: &Edit) -> Result<String, EditError> {
    if let Edit::SetRow { request, table, .. }
    | Edit::AddRow { request, table, .. }
    | Edit::RemoveRow { request, table, .. }
    | Edit::DisableRow { request, table, .. } = edit
    {
        refuse_borrowed_table(text, before, request, *table)?;
    }
    match edit {
        Edit::SetField {
            request,
            field,
            value,
        } => {
            let at = request_location(before, request)?.key(field.key());
            match value {
                None => step(text, |t| splice::remove_if_present(t, &at)),
                Some(v) if field.is_bool() => step(text, |t| splice::set(t, &at, &Value::Flow(v.clone()))),
                Some(v) => step(text, |t| splice::set(t, &at, &Value::Scalar(v.clone()))),
            }
        }
        Edit::SetRow {
            request,
            table,
            index,
            name,
            value,
        } => {
            let at = table_path(&request_location(before, request)?, *table);
            let current = current_row(before, request, *table, *index);
            set_row(text, &at, *index, (name, value), current.as_ref())
        }
        Edit::AddRow {
            request,
            table,
            name,
            value,
        } => {
            let at = table_path(&request_location(before, request)?, *table);
            step(text, |t| match t.node(&at).map(|n| n.shape) {
                Some(Shape::BlockSequence) => {
                    splice::insert_item(t, &at, None, &named_value(name, value, t, &at))
                }
                _ => splice::insert_entry(t, &at, name, &Value::Scalar(value.clone())),
            })
        }
        Edit::RemoveRow {
            request,
            table,
            index,
        } => {
            let at = table_path(&request_location(before, request)?, *table);
            step(text, |t| match t.node(&at).map(|n| n.shape) {
                Some(Shape::BlockSequence) => splice::remove_item(t, &at, *index).map(|(s, _)| s),
                shape => {
                    let entries = t.entries(&at).unwrap_or_default();
                    let entry = entries
                        .get(*index)
                        .ok_or_else(|| EditError::from(Missing::Row(*index)))?;
                    let has_disabled = !rows::disabled_rows_in(t, &at).is_empty();
                    let last = shape == Some(Shape::BlockMapping) && entries.len() == 1;
                    let commented = *table != Table::Form && table_line_has_comment(t, &at);
                    if last && (has_disabled || commented) {
                        // Keep the commented-out rows, or the comment, with their table.
                        splice::remove_lines(t, &at.key(&entry.key))
                    } else if last && *table != Table::Form {
                        // The last row takes its empty `headers:` with it.
                        splice::remove(t, &at)
                    } else {
                        splice::remove(t, &at.key(&entry.key))
                    }
                }
            })
        }
        Edit::DisableRow {
            request,
            table,
            index,
        } => {
            let at = table_path(&request_location(before, request)?, *table);
            step(text, |t| {
                let entries = t
                    .entries(&at)
                    .filter(|_| t.node(&at).is_some_and(|n| n.shape == Shape::BlockMapping))
                    .ok_or_else(|| EditError::from(Layout::RowNotALine))?;
                let entry = entries
                    .get(*index)
                    .ok_or_else(|| EditError::from(Missing::Row(*index)))?;
                let lines = t.entry_lines(entry);
                if t.text[lines.clone()].trim_end().contains('\n') {
                    return Err(Layout::RowOnSeveralLines.into());
                }
                splice::toggle_comment(t, lines.start, true)
            })
        }
        Edit::EnableRow {
            request,
            table,
            line_start,
            ..
        } => {
            disabled_row_at(text, before, request, *table, *line_start)?;
            step(text, |t| splice::toggle_comment(t, *line_start, false))
        }
        Edit::DropDisabledRow {
            request,
            table,
            line_start,
        } => {
            disabled_row_at(text, before, request, *table, *line_start)?;
            step(text, |t| {
                Ok(Splice {
                    range: *line_start..t.line_end(*line_start),
                    with: String::new(),
                })
            })
        }
        Edit::SetBody { request, body } => {
            let current = before.find(request).and_then(|r| r.body.as_ref());
            body::set_body(text, &request_location(before, request)?, current, body.as_ref())
        }
        Edit::SetAuth { request, auth } => {
            let current = before.find(request).and_then(|r| r.auth.as_ref());
            body::set_auth(text, &request_location(before, request)?, current, auth.as_ref())
        }
        Edit::SetExpect { request, expect } => {
            let at = request_location(before, request)?.key("expect");
            match expect.as_deref().map(Expect::to_yaml) {
                Some(yaml) if !yaml.is_empty() => step(text, |t| {
                    splice::set(t, &at, &Value::Block(yaml.trim_end().to_owned()))
                }),
                _ => step(text, |t| splice::remove_if_present(t, &at)),
            }
        }
        Edit::AddRequest { folder, name } => {
            let (seq, _) = folder_location(before, folder)?;
            let new = format!("name: {}\nurl: \"\"", scalar::plain_or_double(name));
            add_item(text, &seq, &new)
        }
        Edit::AddImported { folder, requests } => {
            let (seq, _) = folder_location(before, folder)?;
            let items: Vec<String> = requests.iter().map(imported_item).collect();
            let Some((first, rest)) = items.split_first() else {
                return Ok(text.to_owned());
            };
            // The first makes the list a block if need be; the rest follow it in one splice.
            let text = add_item(text, &seq, first)?;
            if rest.is_empty() {
                return Ok(text);
            }
            let tree = Tree::parse(&text)?;
            Ok(splice::append_items(&tree, &seq, rest)?.apply(&text))
        }
        Edit::AddFolder { parent, name } => {
            let (seq, _) = folder_location(before, parent)?;
            let new = format!("folder: {}\nrequests: []", scalar::plain_or_double(name));
            add_item(text, &seq, &new)
        }
        Edit::Duplicate { request, name } => {
            let (seq, index) = request_slot(before, request)?;
            let tree = Tree::parse(text)?;
            // The copy goes right after the original, without the comments above it.
            let own = splice::item_text(&tree, &seq, index, false)?;
            let copied = splice::insert_item(&tree, &seq, Some(index + 1), &own)?.apply(text);
            let name_at = seq.index(index + 1).key("name");
            step(&copied, |t| {
                splice::set(t, &name_at, &Value::Scalar(name.clone()))
            })
        }
        Edit::Delete { request } => {
            let (seq, index) = request_slot(before, request)?;
            step(text, |t| splice::remove_item(t, &seq, index).map(|(s, _)| s))
        }
        Edit::DeleteFolder { folder } => {
            let (_, item) = folder_location(before, folder)?;
            let (seq, index) = in_list(item.ok_or_else(|| EditError::from(Missing::NoFolder))?)?;
            step(text, |t| splice::remove_item(t, &seq, index).map(|(s, _)| s))
        }
        Edit::RenameFolder { folder, name } => {
            let (_, item) = folder_location(before, folder)?;
            let at = item
                .ok_or_else(|| EditError::from(Missing::NoFolder))?
                .key("folder");
            step(text, |t| splice::set(t, &at, &Value::Scalar(name.clone())))
        }
        Edit::Move { request, to } => {
            let (from_seq, index) = request_slot(before, request)?;
            let tree = Tree::parse(text)?;
            let (removal, own) = splice::remove_item(&tree, &from_seq, index)?;
            let removed = removal.apply(text);
            // Where the target folder's list is, in the text without the moved item.
            let after_removal = parse_collection(&removed, Path::new(""))
                .map_err(|e| EditError::MoveWouldBreakFile(e[0].problem.clone()))?;
            let (to_seq, _) = folder_location(&after_removal, to)?;
            add_item(&removed, &to_seq, &own)
        }
        Edit::SetVariable { scope, name, value } => {
            let at = variables_path(before, scope)?.key(name);
            match value {
                Some(v) => step(text, |t| splice::set(t, &at, &Value::Scalar(v.clone()))),
                None => step(text, |t| splice::remove(t, &at)),
            }
        }
        Edit::RenameVariable { scope, from, to } => {
            let at = variables_path(before, scope)?.key(from);
            step(text, |t| {
                let entry = t
                    .entry(&at)
                    .ok_or_else(|| EditError::from(Missing::Variable(from.clone())))?;
                Ok(Splice {
                    range: entry.key_range,
                    with: scalar::plain_or_double(to),
                })
            })
        }
        Edit::AddEnvironment { name } => {
            let at = YamlPath::default().key("environments").key(name);
            step(text, |t| splice::set(t, &at, &Value::Flow("{}".to_owned())))
        }
        Edit::RemoveEnvironment { name } => {
            let at = YamlPath::default().key("environments").key(name);
            step(text, |t| splice::remove(t, &at))
        }
    }
}

/// An imported request as a list item's text: its comments right under the name, inside
/// the request (after its last key they would belong to whatever follows it).
fn imported_item(imported: &super::ImportedRequest) -> String {
    let yaml = super::item::request_yaml(&imported.request);
    let (name, rest) = yaml.split_once('\n').unwrap_or((&yaml, ""));
    let mut item = name.to_owned();
    for comment in &imported.comments {
        item.push_str("\n# ");
        let one_line: String = comment
            .chars()
            .map(|c| {
                if c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        item.push_str(&one_line);
    }
    if !rest.is_empty() {
        item.push('\n');
        item.push_str(rest);
    }
    item
}

/// Adds an item to a folder's list; a folder written without `requests` gets one.
fn add_item(text: &str, seq: &YamlPath, item: &str) -> Result<String, EditError> {
    let tree = Tree::parse(text)?;
    if tree.node(seq).is_some() {
        return Ok(splice::insert_item(&tree, seq, None, item)?.apply(text));
    }
    let lines = item
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("- {l}")
            } else {
                format!("  {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    Ok(splice::set(&tree, seq, &Value::Block(lines))?.apply(text))
}

/// Whether the line of a table's key carries a comment worth keeping.
fn table_line_has_comment(tree: &Tree<'_>, at: &YamlPath) -> bool {
    tree.entry(at).is_some_and(|entry| {
        let start = entry.key_range.start;
        tree.text[start..tree.line_end(start)].contains('#')
    })
}

/// A `{name, value}` list entry in the style of the list's first entry.
fn named_value(name: &str, value: &str, tree: &Tree<'_>, seq: &YamlPath) -> String {
    let flow = tree
        .items(seq)
        .and_then(|items| items.first().map(|i| i.shape == Shape::FlowMapping))
        .unwrap_or(false);
    let (n, v) = (
        scalar::inline(name, scalar::Style::Plain),
        scalar::inline(value, scalar::Style::Plain),
    );
    if flow {
        format!("{{ name: {n}, value: {v} }}")
    } else {
        format!("name: {n}\nvalue: {v}")
    }
}

/// A row (name and value) as the model has it.
fn current_row(
    collection: &Collection,
    request: &RequestPath,
    table: Table,
    index: usize,
) -> Option<(String, String)> {
    let r = collection.find(request)?;
    let rows = match (table, &r.body) {
        (Table::Query, _) => &r.query,
        (Table::Headers, _) => &r.headers,
        (Table::Form, Some(Body::Form(rows))) => rows,
        (Table::Form, _) => return None,
    };
    rows.get(index)
        .map(|(name, value)| (name.clone(), value.to_string()))
}

/// Changes a row in place: the key and value of a `name: value` line, or a list entry. A part
/// that keeps its value is not rewritten (`X-Retry: 3` renamed stays `3`, not `"3"`).
fn set_row(
    text: &str,
    table: &YamlPath,
    index: usize,
    (name, value): (&str, &str),
    current: Option<&(String, String)>,
) -> Result<String, EditError> {
    let same_value = current.is_some_and(|(_, v)| v == value);
    let tree = Tree::parse(text)?;
    if tree.node(table).is_some_and(|n| n.shape == Shape::BlockSequence) {
        let item = table.index(index);
        let same_name = current.is_some_and(|(n, _)| n == name);
        let named = if same_name {
            text.to_owned()
        } else {
            step(text, |t| {
                splice::set(t, &item.key("name"), &Value::Scalar(name.to_owned()))
            })?
        };
        if same_value {
            return Ok(named);
        }
        return step(&named, |t| {
            splice::set(t, &item.key("value"), &Value::Scalar(value.to_owned()))
        });
    }
    let missing = || EditError::from(Missing::Row(index));
    let entries = tree.entries(table).unwrap_or_default();
    let entry = entries.get(index).ok_or_else(missing)?;
    let with_value = if same_value {
        text.to_owned()
    } else {
        step(text, |t| {
            splice::set(t, &table.key(&entry.key), &Value::Scalar(value.to_owned()))
        })?
    };
    if entry.key == name {
        return Ok(with_value);
    }
    // Rename: only the key's text changes.
    let tree = Tree::parse(&with_value)?;
    let entry = tree
        .entries(table)
        .and_then(|e| e.into_iter().nth(index))
        .ok_or_else(missing)?;
    Ok(Splice {
        range: entry.key_range,
        with: scalar::plain_or_double(name),
    }
    .apply(&with_value))
}
