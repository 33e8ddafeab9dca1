//! Finding what an edit touches: nodes of the lossless yaml-edit tree by YAML path, as byte
//! ranges of the original text, plus the line arithmetic splices need.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::str::FromStr;

use yaml_edit::{YamlFile, YamlNode};

use super::EditError;
use crate::collection::source_map::{Seg, YamlPath};

/// The shape of a node, as far as splicing cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Scalar,
    BlockMapping,
    FlowMapping,
    BlockSequence,
    FlowSequence,
    Alias,
    Other,
}

/// A node: where it is and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Byte range, trailing whitespace and newlines trimmed.
    pub range: Range<usize>,
    pub shape: Shape,
}

/// A mapping entry: its key, and its value if it has one (`key:` alone has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub key_range: Range<usize>,
    pub value: Option<Node>,
}

/// The parsed text, for lookups.
pub struct Tree<'a> {
    pub text: &'a str,
    file: YamlFile,
    /// The items of each sequence an index was looked up in, by where the sequence starts:
    /// the tree's `get(i)` walks `i` items, so a lookup for each of 50,000 requests would
    /// walk 50,000² of them; with this, each list is walked once.
    items_of: RefCell<HashMap<u32, Rc<Vec<YamlNode>>>>,
}

impl std::fmt::Debug for Tree<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tree")
            .field("bytes", &self.text.len())
            .finish_non_exhaustive()
    }
}

impl<'a> Tree<'a> {
    pub fn parse(text: &'a str) -> Result<Self, EditError> {
        if let Some((line, column)) = crate::collection::too_deep(text) {
            return Err(EditError::Unparsable(format!(
                "{line}:{column}: {}",
                crate::collection::LoadProblem::TooDeep
            )));
        }
        let file = YamlFile::from_str(text).map_err(|e| EditError::Unparsable(e.to_string()))?;
        Ok(Self {
            text,
            file,
            items_of: RefCell::default(),
        })
    }

    fn root(&self) -> Option<YamlNode> {
        Some(YamlNode::Mapping(self.file.document()?.as_mapping()?))
    }

    fn resolve(&self, path: &YamlPath) -> Option<YamlNode> {
        let mut node = self.root()?;
        for seg in &path.0 {
            node = match seg {
                // Keys compared as their text reads, not through yaml-edit's `find_entry_by_key`,
                // which formats every key it passes into a YAML value to compare (about ten times
                // the cost, paid for each request of a long list).
                Seg::Key(key) => node
                    .as_mapping()?
                    .entries()
                    .find(|e| {
                        e.key_node().is_some_and(|k| {
                            let r = k.byte_range();
                            key_is(&self.text[r.start as usize..r.end as usize], key)
                        })
                    })?
                    .value_node()?,
                Seg::Index(i) => {
                    let sequence = node.as_sequence()?;
                    let items = Rc::clone(
                        self.items_of
                            .borrow_mut()
                            .entry(sequence.byte_range().start)
                            .or_insert_with(|| Rc::new(sequence.values().collect())),
                    );
                    items.get(*i)?.clone()
                }
            };
        }
        Some(node)
    }

    /// The node at `path` (the document root for an empty path).
    pub fn node(&self, path: &YamlPath) -> Option<Node> {
        self.resolve(path).map(|n| self.describe(&n))
    }

    fn describe(&self, node: &YamlNode) -> Node {
        let r = node.byte_range();
        let range = self.trim(r.start as usize..r.end as usize);
        let shape = match node {
            YamlNode::Scalar(_) => Shape::Scalar,
            YamlNode::Mapping(m) if m.is_flow_style() => Shape::FlowMapping,
            YamlNode::Mapping(_) => Shape::BlockMapping,
            YamlNode::Sequence(s) if s.is_flow_style() => Shape::FlowSequence,
            YamlNode::Sequence(_) => Shape::BlockSequence,
            YamlNode::Alias(_) => Shape::Alias,
            YamlNode::TaggedNode(_) => Shape::Other,
        };
        Node { range, shape }
    }

    /// The entries of the mapping at `path`, in order.
    pub fn entries(&self, path: &YamlPath) -> Option<Vec<Entry>> {
        let node = self.resolve(path)?;
        Some(self.entries_of(node.as_mapping()?))
    }

    fn entries_of(&self, mapping: &yaml_edit::Mapping) -> Vec<Entry> {
        mapping
            .entries()
            .filter_map(|e| {
                let key = e.key_node()?;
                let kr = key.byte_range();
                let key_range = kr.start as usize..kr.end as usize;
                Some(Entry {
                    key: unquote(&self.text[key_range.clone()]),
                    key_range,
                    value: e.value_node().map(|v| self.describe(&v)),
                })
            })
            .collect()
    }

    /// The document's top-level mapping, to walk (see [`Walked`]).
    pub fn walk_root(&self) -> Option<Walked<'_, 'a>> {
        let YamlNode::Mapping(mapping) = self.root()? else {
            return None;
        };
        Some(Walked { tree: self, mapping })
    }

    /// The entry for the last key of `path`, if its mapping has it.
    pub fn entry(&self, path: &YamlPath) -> Option<Entry> {
        let (Seg::Key(key), parent) = path.0.split_last()? else {
            return None;
        };
        self.entries(&YamlPath(parent.to_vec()))?
            .into_iter()
            .find(|e| &e.key == key)
    }

    /// The items of the sequence at `path`, in order.
    pub fn items(&self, path: &YamlPath) -> Option<Vec<Node>> {
        let node = self.resolve(path)?;
        let seq = node.as_sequence()?;
        Some(seq.values().map(|n| self.describe(&n)).collect())
    }

    /// `range` without trailing whitespace.
    pub fn trim(&self, range: Range<usize>) -> Range<usize> {
        let end = range.start + self.text[range.clone()].trim_end().len();
        range.start..end
    }

    /// Byte offset where the line holding `at` starts. Offsets past the end or inside a
    /// character count as the nearest character boundary before them.
    pub fn line_start(&self, at: usize) -> usize {
        let at = self.boundary(at);
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// Byte offset just past the newline ending the line holding `at` (or the text's end).
    pub fn line_end(&self, at: usize) -> usize {
        let at = self.boundary(at);
        self.text[at..].find('\n').map_or(self.text.len(), |i| at + i + 1)
    }

    /// The character boundary at or before `at`, within the text.
    fn boundary(&self, at: usize) -> usize {
        let mut at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// Spaces before the first character of the line holding `at`.
    pub fn indent_of(&self, at: usize) -> usize {
        let start = self.line_start(at);
        self.text[start..].len() - self.text[start..].trim_start_matches(' ').len()
    }

    /// Column of `at` on its line.
    pub fn column(&self, at: usize) -> usize {
        at - self.line_start(at)
    }

    /// The whole lines an entry occupies, from its key's line to its value's last line, plus
    /// comments that hang off its last line.
    pub fn entry_lines(&self, entry: &Entry) -> Range<usize> {
        let end = entry.value.as_ref().map_or(entry.key_range.end, |v| v.range.end);
        self.line_start(entry.key_range.start)..self.line_end(end)
    }

    /// The whole lines a block-sequence item occupies, dash included.
    pub fn item_lines(&self, item: &Node) -> Range<usize> {
        self.line_start(item.range.start)..self.line_end(item.range.end)
    }

    /// Where the lines of a node end, past the comment and blank lines right after it (a
    /// switched-off row at the end of a request is such a comment, and goes with it).
    pub fn end_with_trailing_comments(&self, node: &Range<usize>) -> usize {
        let mut end = self.line_end(node.end.saturating_sub(1).max(node.start));
        while end < self.text.len() {
            let next = self.line_end(end);
            let line = self.text[end..next].trim();
            if !(line.is_empty() || line.starts_with('#')) {
                break;
            }
            end = next;
        }
        end
    }

    /// Comment lines directly above `line_start` (no blank line between), at `indent`:
    /// they describe what follows, so they move and go with it.
    pub fn attached_comments(&self, line_start: usize, indent: usize) -> usize {
        let mut start = line_start;
        while start > 0 {
            let prev = self.line_start(start - 1);
            let line = &self.text[prev..start - 1];
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') && line.len() - trimmed.len() == indent {
                start = prev;
            } else {
                break;
            }
        }
        start
    }
}

/// Whether a key's text names `key`: as written, or once its quotes are removed.
fn key_is(text: &str, key: &str) -> bool {
    let t = text.trim();
    t == key || (t.starts_with(['"', '\'']) && unquote(t) == key)
}

/// A mapping reached by walking down from the root, for passes over every item of a long
/// list: each item is visited in turn and let go, where looking items up by path keeps them
/// all alive, and rowan makes every node created beside live siblings cost their number.
pub struct Walked<'t, 'a> {
    tree: &'t Tree<'a>,
    mapping: yaml_edit::Mapping,
}

impl Walked<'_, '_> {
    /// Its entries, in order.
    pub fn entries(&self) -> Vec<Entry> {
        self.tree.entries_of(&self.mapping)
    }

    fn value(&self, key: &str) -> Option<YamlNode> {
        self.mapping
            .entries()
            .find(|e| {
                e.key_node().is_some_and(|k| {
                    let r = k.byte_range();
                    key_is(&self.tree.text[r.start as usize..r.end as usize], key)
                })
            })?
            .value_node()
    }

    /// The mapping at `key`, if its value is one.
    pub fn mapping(&self, key: &str) -> Option<Self> {
        let YamlNode::Mapping(mapping) = self.value(key)? else {
            return None;
        };
        Some(Walked {
            tree: self.tree,
            mapping,
        })
    }

    /// Each item of the list at `key` that is a mapping, with its index, one at a time.
    pub fn each_item(&self, key: &str, mut each: impl FnMut(usize, &Self)) {
        let Some(YamlNode::Sequence(sequence)) = self.value(key) else {
            return;
        };
        for (i, item) in sequence.values().enumerate() {
            if let YamlNode::Mapping(mapping) = item {
                each(
                    i,
                    &Walked {
                        tree: self.tree,
                        mapping,
                    },
                );
            }
        }
    }
    /// Each item of the block list at `key` that is a mapping, one at a time: its index,
    /// its byte range (trailing whitespace trimmed) and the mapping. A flow list has none.
    pub fn each_block_item(&self, key: &str, mut each: impl FnMut(usize, Range<usize>, &Self)) {
        let Some(YamlNode::Sequence(sequence)) = self.value(key) else {
            return;
        };
        if sequence.is_flow_style() {
            return;
        }
        for (i, item) in sequence.values().enumerate() {
            if let YamlNode::Mapping(mapping) = item {
                let r = mapping.byte_range();
                let range = self.tree.trim(r.start as usize..r.end as usize);
                each(
                    i,
                    range,
                    &Walked {
                        tree: self.tree,
                        mapping,
                    },
                );
            }
        }
    }
}

impl std::fmt::Debug for Walked<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Walked").finish_non_exhaustive()
    }
}

/// A key as its text says, quotes removed.
fn unquote(key: &str) -> String {
    let k = key.trim();
    if let Some(inner) = k.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        return serde_json::from_str::<String>(&format!("\"{inner}\"")).unwrap_or_else(|_| inner.to_owned());
    }
    if let Some(inner) = k.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        return inner.replace("''", "'");
    }
    k.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "name: Demo\nrequests:\n  # about one\n  - name: One\n    headers:\n      A: 1\n\n  - name: Two\n    body: { json: { a: 1 } }\nflow: [1, 2]\n";

    fn path(p: &[Seg]) -> YamlPath {
        YamlPath(p.to_vec())
    }

    #[test]
    fn a_text_nested_too_deep_is_refused_before_the_lossless_parse() {
        let deep = format!(
            "name: x\nx-deep: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let Err(EditError::Unparsable(message)) = Tree::parse(&deep) else {
            panic!("a 100,000-level text should be refused");
        };
        assert!(
            message.starts_with("2:72: nested more than 64 levels deep"),
            "{message}"
        );
    }

    #[test]
    fn nodes_entries_and_items() {
        let t = Tree::parse(TEXT).unwrap();
        let items = t.items(&path(&[Seg::Key("requests".into())])).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(
            &TEXT[items[0].range.clone()],
            "name: One\n    headers:\n      A: 1"
        );
        assert_eq!(items[0].shape, Shape::BlockMapping);
        let body = t
            .node(&path(&[
                Seg::Key("requests".into()),
                Seg::Index(1),
                Seg::Key("body".into()),
            ]))
            .unwrap();
        assert_eq!(body.shape, Shape::FlowMapping);
        let entries = t
            .entries(&path(&[Seg::Key("requests".into()), Seg::Index(0)]))
            .unwrap();
        assert_eq!(
            entries.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(),
            ["name", "headers"]
        );
        assert_eq!(
            t.node(&path(&[Seg::Key("flow".into())])).unwrap().shape,
            Shape::FlowSequence
        );
    }

    #[test]
    fn lines_and_attached_comments() {
        let t = Tree::parse(TEXT).unwrap();
        let items = t.items(&path(&[Seg::Key("requests".into())])).unwrap();
        let lines = t.item_lines(&items[0]);
        assert_eq!(&TEXT[lines.clone()], "  - name: One\n    headers:\n      A: 1\n");
        let with_comment = t.attached_comments(lines.start, 2);
        assert_eq!(&TEXT[with_comment..lines.start], "  # about one\n");
        assert_eq!(t.indent_of(items[0].range.start), 2);
        assert_eq!(t.column(items[0].range.start), 4);
    }
}
