//! Text splices that change one thing in a YAML file and nothing else: set a scalar, add or
//! remove a mapping entry or sequence item, comment a line out. Each returns the byte range
//! of the old text it replaces and the replacement, so every other byte stays as written.

use std::ops::Range;

use super::scalar::{self, Style};
use super::tree::{Entry, Node, Shape, Tree};
use super::{EditError, Layout, Missing};
use crate::collection::source_map::{Seg, YamlPath};

/// Replace `range` of the old text with `with`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub range: Range<usize>,
    pub with: String,
}

impl Splice {
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + self.with.len());
        out.push_str(&text[..self.range.start]);
        out.push_str(&self.with);
        out.push_str(&text[self.range.end..]);
        out
    }
}

/// A value to write: a string (written as a scalar in a fitting style) or YAML lines (a
/// mapping or sequence, written as a block at the right indentation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Scalar(String),
    /// YAML lines at indentation 0, e.g. `a: 1\nb:\n  - x`.
    Block(String),
    /// An inline YAML flow value written as is (`[]`, `{}`, `{ a: 1 }`).
    Flow(String),
}

fn parent_and_key(path: &YamlPath) -> Result<(YamlPath, &str), EditError> {
    match path.0.split_last() {
        Some((Seg::Key(key), parent)) => Ok((YamlPath(parent.to_vec()), key)),
        _ => Err(Layout::NotAKey(path.clone()).into()),
    }
}

/// Just past the `:` after an entry's key; the key's end if there is none.
fn past_colon(tree: &Tree<'_>, entry: &Entry) -> usize {
    let end = entry.value.as_ref().map_or(tree.text.len(), |v| v.range.start);
    tree.text[entry.key_range.end..end]
        .find(':')
        .map_or(entry.key_range.end, |i| entry.key_range.end + i + 1)
}

/// `42`, `-7`, `1.5`: a number written in decimal digits and nothing else, which reads back
/// as the same text.
fn plain_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
}

/// Whether the other values of the mapping `path` sits in are block mappings (so when it
/// has none).
fn siblings_are_blocks(tree: &Tree<'_>, path: &YamlPath) -> bool {
    let Ok((grand, key)) = parent_and_key(path) else {
        return false;
    };
    let entries = tree.entries(&grand).unwrap_or_default();
    // Alone, it is written in block style, as the format's documents are.
    entries
        .iter()
        .filter(|e| e.key != key)
        .all(|e| e.value.as_ref().is_some_and(|v| v.shape == Shape::BlockMapping))
}

/// The entry of a request a new `key` goes before: the first one the format's order puts
/// after it. `None` to append (an unknown key, or nothing after it).
fn place_in_request<'e>(entries: &'e [Entry], key: &str) -> Option<&'e Entry> {
    // The keys in the order the format declares them, which is how people write them.
    let rank = |k: &str| crate::collection::raw::fields::ITEM.iter().position(|o| *o == k);
    let mine = rank(key)?;
    // Never before the first entry: its line starts with the item's `- `.
    entries
        .iter()
        .skip(1)
        .find(|e| rank(&e.key).is_some_and(|r| r > mine))
}

fn refuse_alias(node: &Node, path: &YamlPath) -> Result<(), EditError> {
    if node.shape == Shape::Alias {
        return Err(Layout::Alias(path.clone()).into());
    }
    Ok(())
}

/// Indents every non-empty line of `block` by `indent` spaces.
pub(super) fn indent_block(block: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    block
        .trim_end_matches('\n')
        .split('\n')
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Sets the value at `path` (a key of a mapping), replacing it or adding the key.
pub fn set(tree: &Tree<'_>, path: &YamlPath, value: &Value) -> Result<Splice, EditError> {
    let (parent, key) = parent_and_key(path)?;
    match tree.entry(path) {
        Some(entry) => replace_value(tree, path, &entry, value),
        None => insert_entry(tree, &parent, key, value),
    }
}

fn replace_value(
    tree: &Tree<'_>,
    path: &YamlPath,
    entry: &Entry,
    value: &Value,
) -> Result<Splice, EditError> {
    let key_indent = tree.indent_of(entry.key_range.start);
    let in_flow = tree.column(entry.key_range.start) != key_indent && is_inside_flow(tree, entry);
    match (&entry.value, value) {
        (Some(node), Value::Scalar(text)) if node.shape == Shape::Scalar => {
            let source = &tree.text[node.range.clone()];
            let style = Style::of(source);
            let with = if style == Style::Block || (text.contains('\n') && !in_flow) {
                scalar::block(text, key_indent + 2)
            } else {
                scalar::inline(
                    text,
                    if in_flow && style == Style::Plain {
                        Style::Double
                    } else {
                        style
                    },
                )
            };
            // A block scalar's range ends at its last line; keep what follows as it was.
            Ok(Splice {
                range: node.range.clone(),
                with,
            })
        }
        (Some(node), _) => {
            refuse_alias(node, path)?;
            if in_flow && !matches!(value, Value::Flow(_) | Value::Scalar(_)) {
                return Err(Layout::InFlowMapping(path.clone()).into());
            }
            // Everything after `key:` on the key's line through the value's last line.
            let colon = past_colon(tree, entry);
            let with = after_colon(value, key_indent);
            Ok(Splice {
                range: colon..node.range.end,
                with,
            })
        }
        (None, _) => {
            let colon = past_colon(tree, entry);
            let line_end = tree.line_end(colon);
            let rest = &tree.text[colon..line_end];
            // Keep a trailing comment on the key's line after the new inline value.
            let value_end = colon + rest.find('#').map_or(rest.trim_end_matches('\n').len(), |i| i);
            let with = after_colon(value, key_indent);
            if let Value::Block(_) = value
                && rest.contains('#')
            {
                return Err(Layout::CommentOnLine(path.clone()).into());
            }
            Ok(Splice {
                range: colon..value_end,
                with: if matches!(value, Value::Block(_)) {
                    with
                } else {
                    format!("{with} ")
                }
                .trim_end()
                .to_owned(),
            })
        }
    }
}

/// The text after `key:` for a value: ` scalar`, ` [flow]` or `\n  block lines`.
fn after_colon(value: &Value, key_indent: usize) -> String {
    match value {
        Value::Scalar(text) if text.contains('\n') => format!(" {}", scalar::block(text, key_indent + 2)),
        Value::Scalar(text) => format!(" {}", scalar::inline(text, Style::Plain)),
        Value::Flow(flow) => format!(" {flow}"),
        Value::Block(block) => format!("\n{}", indent_block(block, key_indent + 2)),
    }
}

/// Whether an entry sits inside a flow mapping (`{ a: 1 }`).
fn is_inside_flow(tree: &Tree<'_>, entry: &Entry) -> bool {
    let line_start = tree.line_start(entry.key_range.start);
    let before = &tree.text[line_start..entry.key_range.start];
    before.contains('{') || before.contains(',')
}

/// Adds `key: value` to the mapping at `parent`, creating the mapping if needed.
pub fn insert_entry(
    tree: &Tree<'_>,
    parent: &YamlPath,
    key: &str,
    value: &Value,
) -> Result<Splice, EditError> {
    let key_text = scalar::plain_or_double(key);
    let Some(node) = tree.node(parent) else {
        // The mapping itself is missing: add it to its own parent as a block.
        let (grand, name) = parent_and_key(parent)?;
        let block = match value {
            Value::Block(b) => format!("{key_text}:\n{}", indent_block(b, 2)),
            Value::Scalar(s) if s.contains('\n') => format!("{key_text}: {}", scalar::block(s, 2)),
            Value::Scalar(s) => format!("{key_text}: {}", scalar::inline(s, Style::Plain)),
            Value::Flow(f) => format!("{key_text}: {f}"),
        };
        return set(tree, &grand.key(name), &Value::Block(block));
    };
    refuse_alias(&node, parent)?;
    match node.shape {
        Shape::BlockMapping => {
            let entries = tree.entries(parent).unwrap_or_default();
            let Some(last) = entries.last() else {
                return Err(Layout::EmptyMapping(parent.clone()).into());
            };
            let first = entries.first().unwrap_or(last);
            let indent = tree.column(first.key_range.start);
            // In a request, a key goes where a person would put it (`method:` before
            // `body:`, `headers:` before `expect:`); anywhere else, last.
            let before = matches!(parent.0.last(), Some(Seg::Index(_)))
                .then(|| place_in_request(&entries, key))
                .flatten();
            let at = before.map_or_else(
                || tree.entry_lines(last).end,
                |entry| {
                    let line = tree.entry_lines(entry).start;
                    tree.attached_comments(line, indent)
                },
            );
            let mut with = String::new();
            if !tree.text[..at].ends_with('\n') {
                with.push('\n');
            }
            with.push_str(&" ".repeat(indent));
            with.push_str(&key_text);
            with.push(':');
            // A number goes plain beside plain numbers (`retries: 7` under `page: 42`): this
            // format reads every such value as text spelt as written.
            let plain_numbers = entries.iter().any(|e| {
                e.value.as_ref().is_some_and(|v| {
                    let source = &tree.text[v.range.clone()];
                    v.shape == Shape::Scalar && plain_decimal(source.trim())
                })
            });
            match value {
                Value::Scalar(text) if plain_numbers && plain_decimal(text) => {
                    with.push(' ');
                    with.push_str(text);
                }
                _ => with.push_str(&after_colon(value, indent)),
            }
            with.push('\n');
            Ok(Splice { range: at..at, with })
        }
        // An empty `{}` under a block mapping of block siblings becomes a block itself: the
        // first variable of a new environment is written like its neighbours' variables.
        Shape::FlowMapping
            if tree.text[node.range.clone()].trim() == "{}"
                && tree.entry(parent).is_some()
                && siblings_are_blocks(tree, parent) =>
        {
            let block = match value {
                Value::Block(b) => format!("{key_text}:\n{}", indent_block(b, 2)),
                Value::Scalar(s) if s.contains('\n') => format!("{key_text}: {}", scalar::block(s, 2)),
                Value::Scalar(s) => format!("{key_text}: {}", scalar::inline(s, Style::Plain)),
                Value::Flow(f) => format!("{key_text}: {f}"),
            };
            set(tree, parent, &Value::Block(block))
        }
        Shape::FlowMapping => {
            // Multi-line text too: a double-quoted scalar escapes its line breaks.
            let inline = match value {
                Value::Scalar(s) => scalar::inline(s, Style::Double),
                Value::Flow(f) => f.clone(),
                Value::Block(_) => {
                    return Err(Layout::BlockInFlowMapping(parent.clone()).into());
                }
            };
            let close = tree.text[node.range.clone()]
                .rfind('}')
                .map(|i| node.range.start + i)
                .ok_or_else(|| EditError::from(Layout::NoClosingBrace(parent.clone())))?;
            let inside = tree.text[node.range.start + 1..close].trim();
            let with = if inside.is_empty() {
                format!(" {key_text}: {inline} ")
            } else {
                let trimmed_end =
                    node.range.start + 1 + tree.text[node.range.start + 1..close].trim_end().len();
                return Ok(Splice {
                    range: trimmed_end..trimmed_end,
                    with: format!(", {key_text}: {inline}"),
                });
            };
            Ok(Splice {
                range: node.range.start + 1..close,
                with,
            })
        }
        Shape::Scalar
            if tree.text[node.range.clone()].trim().is_empty()
                || matches!(tree.text[node.range.clone()].trim(), "~" | "null") =>
        {
            // `key: ~` becomes a mapping.
            let block = match value {
                Value::Block(b) => format!("{key_text}:\n{}", indent_block(b, 2)),
                other => format!("{key_text}:{}", after_colon(other, 0)),
            };
            set(tree, parent, &Value::Block(block))
        }
        _ => Err(Layout::NotAMapping(parent.clone()).into()),
    }
}

/// Removes the key at `path` (its whole entry; the mapping becomes `{}` when emptied).
pub fn remove(tree: &Tree<'_>, path: &YamlPath) -> Result<Splice, EditError> {
    let (parent, _) = parent_and_key(path)?;
    let entry = tree
        .entry(path)
        .ok_or_else(|| EditError::from(Missing::NodeToRemove(path.clone())))?;
    let node = tree
        .node(&parent)
        .ok_or_else(|| EditError::from(Missing::Node(parent.clone())))?;
    if node.shape == Shape::FlowMapping {
        return Ok(remove_flow_member(
            tree,
            entry.key_range.start,
            entry.value.as_ref().map_or(entry.key_range.end, |v| v.range.end),
            node.range,
        ));
    }
    let entries = tree.entries(&parent).unwrap_or_default();
    if entries.len() == 1 {
        // The last entry: the mapping becomes `{}` after its own key.
        if parent.0.is_empty() {
            return Err(Layout::WholeFile.into());
        }
        // Only the value of a key can be rewritten as `{}`; without this, `set` would add a
        // second `key: {}` for a mapping its entry lookup does not find.
        if tree.entry(&parent).is_none() {
            return Err(Layout::NotValueOfKey(parent.clone()).into());
        }
        return set(tree, &parent, &Value::Flow("{}".to_owned()));
    }
    Ok(Splice {
        range: tree.entry_lines(&entry),
        with: String::new(),
    })
}

/// [`remove`], or nothing when the key is not there (removing an optional field).
pub fn remove_if_present(tree: &Tree<'_>, path: &YamlPath) -> Result<Splice, EditError> {
    if tree.entry(path).is_some() {
        remove(tree, path)
    } else {
        Ok(Splice {
            range: 0..0,
            with: String::new(),
        })
    }
}

/// Removes just the entry's lines, even when it is the last one: the mapping is left with no
/// value (null). For tables (headers, query), where null means "no rows" and commented-out
/// rows below should stay part of it.
pub fn remove_lines(tree: &Tree<'_>, path: &YamlPath) -> Result<Splice, EditError> {
    let entry = tree
        .entry(path)
        .ok_or_else(|| EditError::from(Missing::NodeToRemove(path.clone())))?;
    Ok(Splice {
        range: tree.entry_lines(&entry),
        with: String::new(),
    })
}

/// Removes one member of a flow collection, with the comma that separates it.
fn remove_flow_member(tree: &Tree<'_>, start: usize, end: usize, collection: Range<usize>) -> Splice {
    let after = &tree.text[end..collection.end];
    if let Some(comma) = after.find(',').filter(|i| after[..*i].trim().is_empty()) {
        let next = end + comma + 1;
        let skip_space = tree.text[next..].len() - tree.text[next..].trim_start_matches(' ').len();
        return Splice {
            range: start..next + skip_space,
            with: String::new(),
        };
    }
    let before = &tree.text[collection.start..start];
    if let Some(comma) = before.rfind(',').filter(|i| before[i + 1..].trim().is_empty()) {
        return Splice {
            range: collection.start + comma..end,
            with: String::new(),
        };
    }
    // The only member: leave the brackets empty.
    Splice {
        range: start..end,
        with: String::new(),
    }
}

/// Where the dash of a block-sequence item is, and its column.
fn dash_column(tree: &Tree<'_>, item: &Node) -> Result<usize, EditError> {
    let line = tree.line_start(item.range.start);
    let before = &tree.text[line..item.range.start];
    before
        .rfind('-')
        .filter(|i| before[i + 1..].trim().is_empty())
        .ok_or_else(|| EditError::from(Layout::ItemWithoutDash))
}

/// Inserts an item (YAML lines at indentation 0) into the block sequence at `seq`, before
/// `index` or at the end; an empty `[]` becomes a block sequence.
pub fn insert_item(
    tree: &Tree<'_>,
    seq: &YamlPath,
    index: Option<usize>,
    item: &str,
) -> Result<Splice, EditError> {
    let node = tree
        .node(seq)
        .ok_or_else(|| EditError::from(Missing::Node(seq.clone())))?;
    refuse_alias(&node, seq)?;
    let items = tree.items(seq).unwrap_or_default();
    match node.shape {
        Shape::BlockSequence => {
            let Some(reference) = items.first() else {
                return Err(Layout::EmptySequence(seq.clone()).into());
            };
            let dash = dash_column(tree, reference)?;
            let text = dash_item(item, dash);
            let at = match index.and_then(|i| items.get(i)) {
                Some(before) => {
                    let line = tree.line_start(before.range.start);
                    tree.attached_comments(line, dash)
                }
                None => items
                    .last()
                    .map_or(node.range.end, |last| tree.item_lines(last).end),
            };
            // Items set apart by blank lines get one too, like their neighbours.
            let spaced = items.windows(2).last().is_some_and(|pair| {
                let gap = &tree.text[tree.item_lines(&pair[0]).end..tree.line_start(pair[1].range.start)];
                gap.lines().any(|l| l.trim().is_empty())
            });
            let mut with = String::new();
            if !tree.text[..at].ends_with('\n') {
                with.push('\n');
            }
            let appended = index.is_none_or(|i| i >= items.len());
            if spaced && appended {
                with.push('\n');
            }
            with.push_str(&text);
            with.push('\n');
            if spaced && !appended {
                with.push('\n');
            }
            Ok(Splice { range: at..at, with })
        }
        Shape::FlowSequence if items.is_empty() => {
            // `requests: []` becomes a block sequence under its key.
            let entry = tree
                .entry(seq)
                .ok_or_else(|| EditError::from(Layout::SequenceNotValueOfKey(seq.clone())))?;
            let key_indent = tree.indent_of(entry.key_range.start);
            let with = format!("\n{}", dash_item(item, key_indent + 2));
            Ok(Splice {
                range: past_colon(tree, &entry)..node.range.end,
                with,
            })
        }
        _ => Err(Layout::CannotAddTo(seq.clone()).into()),
    }
}

/// `items` appended to the block sequence at `seq`, which has one at least, in one splice:
/// at its first item's dash column, set apart by blank lines when its items are.
pub fn append_items(tree: &Tree<'_>, seq: &YamlPath, items: &[String]) -> Result<Splice, EditError> {
    let node = tree
        .node(seq)
        .ok_or_else(|| EditError::from(Missing::Node(seq.clone())))?;
    refuse_alias(&node, seq)?;
    let present = tree.items(seq).unwrap_or_default();
    let (Shape::BlockSequence, Some(reference), Some(last)) = (node.shape, present.first(), present.last())
    else {
        return Err(Layout::CannotAddTo(seq.clone()).into());
    };
    let dash = dash_column(tree, reference)?;
    let at = tree.item_lines(last).end;
    let spaced = present.windows(2).last().is_some_and(|pair| {
        let gap = &tree.text[tree.item_lines(&pair[0]).end..tree.line_start(pair[1].range.start)];
        gap.lines().any(|l| l.trim().is_empty())
    });
    let mut with = String::new();
    if !tree.text[..at].ends_with('\n') {
        with.push('\n');
    }
    for item in items {
        if spaced {
            with.push('\n');
        }
        with.push_str(&dash_item(item, dash));
        with.push('\n');
    }
    Ok(Splice { range: at..at, with })
}

/// YAML lines as a sequence item at `dash` column: comments above it at the dash's column,
/// `- first line`, then the rest indented under it.
fn dash_item(item: &str, dash: usize) -> String {
    let pad = " ".repeat(dash);
    let mut dashed = false;
    item.trim_end_matches('\n')
        .split('\n')
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else if !dashed && l.starts_with('#') {
                format!("{pad}{l}")
            } else if !dashed {
                dashed = true;
                format!("{pad}- {l}")
            } else {
                format!("{pad}  {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of item `index` of the block sequence at `seq`, at column 0, with or without the
/// comments attached above it.
pub fn item_text(
    tree: &Tree<'_>,
    seq: &YamlPath,
    index: usize,
    with_comments: bool,
) -> Result<String, EditError> {
    Ok(item_at(tree, seq, index, with_comments)?.1)
}

/// Where item `index` of the sequence at `seq` is in the text (from the comments attached
/// above it, if asked, to its last line), and that text at column 0.
fn item_at(
    tree: &Tree<'_>,
    seq: &YamlPath,
    index: usize,
    with_comments: bool,
) -> Result<(std::ops::Range<usize>, String), EditError> {
    let items = tree.items(seq).unwrap_or_default();
    let item = items.get(index).ok_or_else(|| {
        EditError::from(Missing::Item {
            seq: seq.clone(),
            index,
        })
    })?;
    let dash = dash_column(tree, item)?;
    let lines = tree.item_lines(item);
    let start = if with_comments {
        tree.attached_comments(lines.start, dash)
    } else {
        lines.start
    };
    Ok((start..lines.end, dedent(&tree.text[start..lines.end], dash)))
}

/// Removes item `index` of the block sequence at `seq`, with the comments attached above it.
/// Returns the splice and the item's own text, re-indented to column 0 (for moving it).
pub fn remove_item(tree: &Tree<'_>, seq: &YamlPath, index: usize) -> Result<(Splice, String), EditError> {
    let node = tree
        .node(seq)
        .ok_or_else(|| EditError::from(Missing::Node(seq.clone())))?;
    if node.shape != Shape::BlockSequence {
        return Err(Layout::NotBlockSequence(seq.clone()).into());
    }
    let (range, own) = item_at(tree, seq, index, true)?;
    if tree.items(seq).is_some_and(|items| items.len() == 1) {
        // The last item: the sequence becomes `[]` after its key.
        let entry = tree
            .entry(seq)
            .ok_or_else(|| EditError::from(Missing::Node(seq.clone())))?;
        let colon = past_colon(tree, &entry);
        return Ok((
            Splice {
                range: colon
                    ..tree
                        .line_end(node.range.end)
                        .saturating_sub(1)
                        .max(node.range.end),
                with: " []".to_owned(),
            },
            own,
        ));
    }
    // A blank line on either side separated this item from its neighbours: one stays.
    let blank_before = tree.text[..range.start].ends_with("\n\n");
    let blank_after = tree.text[range.end..].starts_with('\n');
    let range = if blank_before && blank_after {
        range.start..range.end + 1
    } else {
        range
    };
    Ok((
        Splice {
            range,
            with: String::new(),
        },
        own,
    ))
}

/// Takes the item's lines (dash at `dash`) back to column 0 as plain YAML: the dash goes,
/// continuation lines lose `dash + 2` spaces, comments above lose `dash`.
fn dedent(lines: &str, dash: usize) -> String {
    let mut out = Vec::new();
    let mut seen_dash = false;
    for line in lines.trim_end_matches('\n').split('\n') {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        if !seen_dash && line.trim_start().starts_with('#') {
            out.push(line[spaces.min(dash)..].to_owned());
        } else if !seen_dash {
            seen_dash = true;
            out.push(
                line[dash..]
                    .trim_start_matches('-')
                    .trim_start_matches(' ')
                    .to_owned(),
            );
        } else {
            out.push(line[spaces.min(dash + 2)..].to_owned());
        }
    }
    out.join("\n")
}

/// Comments out (`# `) the single line of an entry, or puts a commented line back.
pub fn toggle_comment(tree: &Tree<'_>, line_start: usize, disable: bool) -> Result<Splice, EditError> {
    let end = tree.line_end(line_start);
    let line = &tree.text[line_start..end];
    let indent = line.len() - line.trim_start_matches(' ').len();
    let body = &line[indent..];
    if disable {
        if body.starts_with('#') {
            return Err(Layout::AlreadyCommentedOut.into());
        }
        Ok(Splice {
            range: line_start + indent..line_start + indent,
            with: "# ".to_owned(),
        })
    } else {
        let uncommented = body
            .strip_prefix("# ")
            .or_else(|| body.strip_prefix('#'))
            .ok_or_else(|| EditError::from(Layout::NotCommentedOut))?;
        Ok(Splice {
            range: line_start + indent..line_start + indent + (body.len() - uncommented.len()),
            with: String::new(),
        })
    }
}

/// Applies one splice after re-parsing the current text: later splices see earlier ones.
pub fn step(
    text: &str,
    op: impl FnOnce(&Tree<'_>) -> Result<Splice, EditError>,
) -> Result<String, EditError> {
    let tree = Tree::parse(text)?;
    Ok(op(&tree)?.apply(text))
}

#[cfg(test)]
mod tests;
