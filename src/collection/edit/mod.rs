//! Editing collection files without losing a byte.
//!
//! An edit is a semantic change ("set the URL of `Get me`"). It is carried out as text
//! splices on the file as written (see [`splice`]), located with the lossless yaml-edit tree,
//! so comments, key order, quoting, anchors and blank lines elsewhere stay exactly as they
//! were. Then the new text is loaded again and must equal the old model with the edit
//! applied ([`model::expected`]); if it does not — an alias shared the value, a shape we do
//! not handle — the edit is refused with a reason and the text is left alone. There is no
//! fallback that re-serialises the file.

mod body;
mod by_kind;
mod document;
pub mod model;
pub mod rows;
pub mod scalar;
pub mod splice;
pub mod tree;

use std::path::Path;

pub use self::document::Document;
use self::splice::Splice;
use self::tree::Tree;
use super::source_map::YamlPath;
use super::{Auth, Body, Collection, Item, RequestPath, parse_collection};

/// An edit refused, with why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EditError(pub String);

impl EditError {
    pub fn new(message: String) -> Self {
        Self(message)
    }
}

/// A scalar field of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Method,
    Url,
    Description,
    Timeout,
    ConnectTimeout,
    FollowRedirects,
    InsecureTls,
    MaxBody,
}

impl Field {
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Method => "method",
            Field::Url => "url",
            Field::Description => "description",
            Field::Timeout => "timeout",
            Field::ConnectTimeout => "connect_timeout",
            Field::FollowRedirects => "follow_redirects",
            Field::InsecureTls => "insecure_tls",
            Field::MaxBody => "max_body",
        }
    }

    /// Booleans are written bare, not as strings.
    fn is_bool(self) -> bool {
        matches!(self, Field::FollowRedirects | Field::InsecureTls)
    }
}

/// A table of name/value rows in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Query,
    Headers,
    /// The rows of a form body.
    Form,
}

impl Table {
    /// Whether a row of this table named `name` holds a credential.
    pub fn is_secret(self, name: &str) -> bool {
        match self {
            Table::Headers => crate::secrets::is_secret_header(name),
            Table::Query | Table::Form => crate::secrets::is_secret_param(name),
        }
    }
}

/// Where variables live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VarScope {
    Collection,
    Environment(String),
    Request(RequestPath),
}

/// One change to a collection.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// `None` removes the field.
    SetField {
        request: RequestPath,
        field: Field,
        value: Option<String>,
    },
    SetRow {
        request: RequestPath,
        table: Table,
        index: usize,
        name: String,
        value: String,
    },
    AddRow {
        request: RequestPath,
        table: Table,
        name: String,
        value: String,
    },
    RemoveRow {
        request: RequestPath,
        table: Table,
        index: usize,
    },
    /// Comments the row out: it stays in the file but is not sent.
    DisableRow {
        request: RequestPath,
        table: Table,
        index: usize,
    },
    /// Puts a commented-out row back; `line_start` and `position` come from
    /// [`rows::disabled_rows`].
    EnableRow {
        request: RequestPath,
        table: Table,
        line_start: usize,
        position: usize,
        name: String,
        value: String,
    },
    /// Deletes a commented-out row's line.
    DropDisabledRow {
        request: RequestPath,
        table: Table,
        line_start: usize,
    },
    SetBody {
        request: RequestPath,
        body: Option<Body>,
    },
    SetAuth {
        request: RequestPath,
        auth: Option<Auth>,
    },
    AddRequest {
        folder: Vec<String>,
        name: String,
    },
    AddFolder {
        parent: Vec<String>,
        name: String,
    },
    Duplicate {
        request: RequestPath,
        name: String,
    },
    Delete {
        request: RequestPath,
    },
    DeleteFolder {
        folder: Vec<String>,
    },
    RenameFolder {
        folder: Vec<String>,
        name: String,
    },
    Move {
        request: RequestPath,
        to: Vec<String>,
    },
    SetVariable {
        scope: VarScope,
        name: String,
        value: Option<String>,
    },
    /// Renames a variable where it stands, keeping its value, position and comments.
    RenameVariable {
        scope: VarScope,
        from: String,
        to: String,
    },
    AddEnvironment {
        name: String,
    },
    RemoveEnvironment {
        name: String,
    },
}

/// Applies `edit` to `text` (the file `source` as written), returning the new text and the
/// collection it loads to. The text is unchanged if the edit is refused.
pub fn apply(text: &str, source: &Path, edit: &Edit) -> Result<(String, Collection), EditError> {
    // A file written with CRLF throughout is edited as LF and written back as CRLF, so the
    // lines an edit adds match the others. A file mixing both is edited as it is.
    if text.contains("\r\n") && !text.replace("\r\n", "").contains('\n') {
        // Byte offsets into the text (switched-off rows) move back by one per line before.
        let to_lf = |at: usize| at - text[..at.min(text.len())].matches("\r\n").count();
        let edit = match edit {
            Edit::EnableRow { line_start, .. } | Edit::DropDisabledRow { line_start, .. } => {
                let mut moved = edit.clone();
                if let Edit::EnableRow { line_start: l, .. } | Edit::DropDisabledRow { line_start: l, .. } =
                    &mut moved
                {
                    *l = to_lf(*line_start);
                }
                moved
            }
            other => other.clone(),
        };
        let (edited, collection) = apply_lf(&text.replace("\r\n", "\n"), source, &edit)?;
        return Ok((edited.replace('\n', "\r\n"), collection));
    }
    apply_lf(text, source, edit)
}

fn apply_lf(text: &str, source: &Path, edit: &Edit) -> Result<(String, Collection), EditError> {
    let before = parse_collection(text, source)
        .map_err(|errors| EditError::new(format!("the file has problems to fix first: {}", errors[0])))?;
    let expected = model::expected(&before, edit)?;
    // Setting what is already there (`page: 1` to "1", `timeout: 30` to 30s) is no edit: the
    // text keeps its own spelling. Deleting a comment line changes no model, but is one.
    if expected == before && !matches!(edit, Edit::DropDisabledRow { .. }) {
        return Ok((text.to_owned(), before));
    }
    let new_text = by_kind::splices(text, &before, edit)?;
    let after = parse_collection(&new_text, source).map_err(|errors| {
        EditError::new(format!(
            "this edit would break the file ({}); nothing was changed",
            errors[0].message
        ))
    })?;
    let outside = || {
        EditError::new(
            "this edit would also change something else (a shared anchor, or a layout apibench cannot edit safely); nothing was changed — edit the file by hand".to_owned(),
        )
    };
    if after != expected {
        return Err(outside());
    }
    // The model cannot see comments, `x-` keys or switched-off rows, so check the bytes too:
    // an edit to one request changes nothing outside that request's lines.
    if let Some(request) = request_of(edit) {
        let allowed = item_lines(text, &request_location(&before, request)?)?;
        let changed = changed_window(text, &new_text);
        if changed.start < allowed.start || changed.end > allowed.end {
            return Err(outside());
        }
    }
    Ok((new_text, after))
}

/// The request an edit is confined to, for edits of one request's contents.
fn request_of(edit: &Edit) -> Option<&RequestPath> {
    match edit {
        Edit::SetField { request, .. }
        | Edit::SetRow { request, .. }
        | Edit::AddRow { request, .. }
        | Edit::RemoveRow { request, .. }
        | Edit::DisableRow { request, .. }
        | Edit::EnableRow { request, .. }
        | Edit::DropDisabledRow { request, .. }
        | Edit::SetBody { request, .. }
        | Edit::SetAuth { request, .. }
        | Edit::SetVariable {
            scope: VarScope::Request(request),
            ..
        }
        | Edit::RenameVariable {
            scope: VarScope::Request(request),
            ..
        } => Some(request),
        _ => None,
    }
}

/// The byte range of an item's lines, with the comment and blank lines right after it (a
/// switched-off row at the end of a request is a comment the YAML node does not cover).
fn item_lines(text: &str, item: &YamlPath) -> Result<std::ops::Range<usize>, EditError> {
    let tree = Tree::parse(text)?;
    let node = tree
        .node(item)
        .ok_or_else(|| EditError::new(format!("`{item}` is not there")))?;
    let start = tree.line_start(node.range.start);
    let mut end = tree.line_end(node.range.end.saturating_sub(1).max(node.range.start));
    while end < text.len() {
        let next = tree.line_end(end);
        let line = text[end..next].trim();
        if !(line.is_empty() || line.starts_with('#')) {
            break;
        }
        end = next;
    }
    Ok(start..end)
}

/// The whole lines of `old` that differ from `new`, after the lines they share at the
/// beginning and the end (by lines, so an insertion is placed at a line boundary).
fn changed_window(old: &str, new: &str) -> std::ops::Range<usize> {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let start: usize = a[..head].iter().map(|l| l.len()).sum();
    let end: usize = old.len() - a[a.len() - tail..].iter().map(|l| l.len()).sum::<usize>();
    start..end
}

/// The YAML path of a request in the file.
pub fn request_location(collection: &Collection, request: &RequestPath) -> Result<YamlPath, EditError> {
    super::source_map::request_locations(&collection.items)
        .into_iter()
        .find(|(p, _)| p == request)
        .map(|(_, y)| y)
        .ok_or_else(|| EditError::new(format!("there is no request `{request}`")))
}

/// The YAML path of the `requests` sequence of a folder (the top level for an empty path),
/// and of the folder item itself.
pub fn folder_location(
    collection: &Collection,
    folder: &[String],
) -> Result<(YamlPath, Option<YamlPath>), EditError> {
    let mut items = &collection.items;
    let mut seq = YamlPath::default().key("requests");
    let mut item_path = None;
    for name in folder {
        let (index, found) = items
            .iter()
            .enumerate()
            .find_map(|(i, item)| match item {
                Item::Folder(f) if &f.name == name => Some((i, f)),
                _ => None,
            })
            .ok_or_else(|| EditError::new(format!("there is no folder `{}`", folder.join("/"))))?;
        let here = seq.index(index);
        seq = here.key("requests");
        item_path = Some(here);
        items = &found.items;
    }
    Ok((seq, item_path))
}

/// Applies one splice after re-parsing the current text: later splices see earlier ones.
pub(super) fn step(
    text: &str,
    op: impl FnOnce(&Tree<'_>) -> Result<Splice, EditError>,
) -> Result<String, EditError> {
    let tree = Tree::parse(text)?;
    Ok(op(&tree)?.apply(text))
}

#[cfg(test)]
mod tests {
    use super::{Table, changed_window};

    #[test]
    fn a_row_is_secret_by_its_table_and_name() {
        assert!(Table::Headers.is_secret("Authorization"));
        assert!(
            Table::Form.is_secret("password"),
            "form rows are judged like query rows"
        );
        assert!(Table::Query.is_secret("api_key"));
        assert!(!Table::Query.is_secret("page"));
        // `auth` is a credential in a query string, not as a header name.
        assert!(Table::Query.is_secret("auth") && !Table::Headers.is_secret("auth"));
    }

    #[test]
    fn the_changed_window_is_whole_lines() {
        // An insertion sits at a line boundary even when the new line starts like the next.
        assert_eq!(changed_window("a\n  b\n", "a\n  x\n  b\n"), 2..2);
        assert_eq!(changed_window("a\nb\nc\n", "a\nB\nc\n"), 2..4);
        assert_eq!(changed_window("a\nb", "a\nb\nc"), 2..3);
        assert_eq!(changed_window("same\n", "same\n"), 5..5);
    }
}
