//! Finding where a value sits in a YAML file, by its path (`requests[3].auth.bearer`).
//!
//! serde tells us the position of syntax and type errors, but checks made after
//! deserializing (duplicate names, template syntax, a body with two kinds) only know the
//! path of the offending value. The lossless yaml-edit tree maps that path back to a
//! line and column. It is only built when there is an error to report, so loading a good
//! file costs nothing extra.

use std::fmt;
use std::str::FromStr;

use yaml_edit::{YamlFile, YamlNode};

use super::model::{Item, RequestPath};

/// One step into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path into a YAML document, printed as `requests[3].auth`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YamlPath(pub Vec<Seg>);

impl YamlPath {
    #[must_use]
    pub fn key(&self, key: &str) -> YamlPath {
        let mut next = self.clone();
        next.0.push(Seg::Key(key.to_owned()));
        next
    }

    #[must_use]
    pub fn index(&self, index: usize) -> YamlPath {
        let mut next = self.clone();
        next.0.push(Seg::Index(index));
        next
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// What to point at: the key of the last step, or its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Key,
    Value,
}

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// A parsed file, ready to answer position queries.
pub struct SourceMap<'a> {
    text: &'a str,
    file: Option<YamlFile>,
}

impl fmt::Debug for SourceMap<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceMap").finish_non_exhaustive()
    }
}

impl<'a> SourceMap<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            // Too deep a text is refused before loading; the lossless parser would crawl on it.
            file: super::too_deep(text)
                .is_none()
                .then(|| YamlFile::from_str(text).ok())
                .flatten(),
        }
    }

    /// The byte range of the node at `path`.
    pub fn range(&self, path: &YamlPath, target: Target) -> Option<std::ops::Range<usize>> {
        let document = self.file.as_ref()?.document()?;
        let mut node = YamlNode::Mapping(document.as_mapping()?);
        let last = path.0.len().checked_sub(1)?;
        for (i, seg) in path.0.iter().enumerate() {
            node = match seg {
                Seg::Key(key) => {
                    let entry = node.as_mapping()?.find_entry_by_key(key.as_str())?;
                    if i == last && target == Target::Key {
                        entry.key_node()?
                    } else {
                        entry.value_node()?
                    }
                }
                Seg::Index(n) => node.as_sequence()?.get(*n)?,
            };
        }
        let pos = node.byte_range();
        Some(pos.start as usize..pos.end as usize)
    }

    /// Line and column of the node at `path`, plus `offset` bytes into it (used to point
    /// inside a scalar, e.g. at the `{{` that is never closed).
    pub fn locate(
        &self,
        path: &YamlPath,
        target: Target,
        inner: Option<&str>,
        offset: usize,
    ) -> Option<LineCol> {
        let range = self.range(path, target)?;
        let mut at = range.start;
        // Point inside the scalar only when its source text holds the value verbatim
        // (plain or simply quoted); escapes or folding make offsets meaningless.
        if let Some(inner) = inner
            && let Some(found) = self.text.get(range.clone()).and_then(|src| src.find(inner))
        {
            at = range.start + found + offset;
        }
        Some(line_col(self.text, at))
    }
}

/// Where each request of a loaded collection sits in its file: `requests[1].requests[0]`.
/// Loading keeps items in file order and drops none (a dropped item is a load error), so
/// positions in the model are positions in the file.
pub fn request_locations(items: &[Item]) -> Vec<(RequestPath, YamlPath)> {
    fn walk(items: &[Item], names: &mut Vec<String>, at: &YamlPath, out: &mut Vec<(RequestPath, YamlPath)>) {
        for (i, item) in items.iter().enumerate() {
            let here = at.index(i);
            match item {
                Item::Request(r) => {
                    let mut path = names.clone();
                    path.push(r.name.clone());
                    out.push((RequestPath(path), here));
                }
                Item::Folder(f) => {
                    names.push(f.name.clone());
                    walk(&f.items, names, &here.key("requests"), out);
                    names.pop();
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(
        items,
        &mut Vec::new(),
        &YamlPath::default().key("requests"),
        &mut out,
    );
    out
}

/// 1-based line and column of byte offset `at` in `text`.
pub fn line_col(text: &str, at: usize) -> LineCol {
    let at = at.min(text.len());
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    LineCol {
        line,
        column: before[line_start..].chars().count() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# top comment\nname: Demo\nrequests:\n  - name: One\n    url: http://x\n  - folder: F\n    requests:\n      - name: Two\n        auth: { bearer: \"{{ t }}\" }\n";

    fn path(segs: &[Seg]) -> YamlPath {
        YamlPath(segs.to_vec())
    }

    #[test]
    fn keys_and_values_in_nested_sequences() {
        let map = SourceMap::new(DOC);
        let p = path(&[
            Seg::Key("requests".into()),
            Seg::Index(1),
            Seg::Key("requests".into()),
            Seg::Index(0),
            Seg::Key("name".into()),
        ]);
        assert_eq!(
            map.locate(&p, Target::Value, None, 0),
            Some(LineCol { line: 8, column: 15 })
        );
        assert_eq!(
            map.locate(&p, Target::Key, None, 0),
            Some(LineCol { line: 8, column: 9 })
        );
    }

    #[test]
    fn flow_mappings_and_offsets_inside_scalars() {
        let map = SourceMap::new(DOC);
        let p = path(&[
            Seg::Key("requests".into()),
            Seg::Index(1),
            Seg::Key("requests".into()),
            Seg::Index(0),
            Seg::Key("auth".into()),
            Seg::Key("bearer".into()),
        ]);
        // `{{ t }}` starts one past the opening quote.
        assert_eq!(
            map.locate(&p, Target::Value, Some("{{ t }}"), 0),
            Some(LineCol { line: 9, column: 26 })
        );
    }

    #[test]
    fn missing_paths_are_none() {
        let map = SourceMap::new(DOC);
        assert_eq!(
            map.locate(&path(&[Seg::Key("nope".into())]), Target::Key, None, 0),
            None
        );
    }

    #[test]
    fn paths_print_like_serde_paths() {
        let p = YamlPath::default().key("requests").index(3).key("auth");
        assert_eq!(p.to_string(), "requests[3].auth");
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_col("é: x", 4), LineCol { line: 1, column: 4 });
        assert_eq!(line_col("a\nbc", 3), LineCol { line: 2, column: 2 });
    }
}
