//! The collection tree, flattened into the rows on screen: collections, folders (open or
//! closed), requests, and files that failed to load.

use std::collections::HashSet;

use crate::collection::{Item, LoadError, RequestPath};
use crate::session::Workspace;

/// One visible row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Collection {
        index: usize,
        name: String,
        open: bool,
    },
    Folder {
        collection: usize,
        path: Vec<String>,
        open: bool,
    },
    Request {
        collection: usize,
        path: RequestPath,
        method: String,
    },
    Broken {
        error: LoadError,
    },
}

impl Row {
    /// How far the row is indented.
    pub fn depth(&self) -> usize {
        match self {
            Row::Collection { .. } | Row::Broken { .. } => 0,
            Row::Folder { path, .. } => path.len(),
            Row::Request { path, .. } => path.0.len(),
        }
    }

    /// What identifies the row across rebuilds (to keep the selection).
    fn identity(&self) -> String {
        match self {
            Row::Collection { index, .. } => collection_id(*index),
            Row::Folder { collection, path, .. } => folder_id(*collection, path),
            Row::Request { collection, path, .. } => request_id(*collection, path),
            Row::Broken { error } => format!("b{}", error.path.display()),
        }
    }
}

/// Which nodes are open, the rows they give, and the selection.
#[derive(Debug, Clone)]
pub struct TreeState {
    pub rows: Vec<Row>,
    pub selected: usize,
    /// Identities of closed nodes (everything starts open unless the collection is large).
    closed: HashSet<String>,
    /// The columns the widest row wants, measured when the rows change (not every frame).
    wanted: u16,
}

/// Collections with more requests than this start with their folders closed.
const OPEN_UP_TO: usize = 60;

impl TreeState {
    pub fn new(workspace: &Workspace) -> Self {
        let mut closed = HashSet::new();
        for (ci, c) in workspace.collections.iter().enumerate() {
            if c.requests().len() > OPEN_UP_TO {
                collect_folders(&c.items, ci, &mut Vec::new(), &mut closed);
            }
        }
        let mut tree = Self {
            rows: Vec::new(),
            selected: 0,
            closed,
            wanted: 0,
        };
        tree.rebuild(workspace);
        // Start on the first request, where a newcomer can press send.
        if let Some(first) = tree.rows.iter().position(|r| matches!(r, Row::Request { .. })) {
            tree.selected = first;
        }
        tree
    }

    /// The folders and collections closed, and the selected node, as identities that last
    /// across sessions (for the same files, opened the same way).
    pub fn remembered(&self) -> (Vec<String>, Option<String>) {
        let mut closed: Vec<String> = self.closed.iter().cloned().collect();
        closed.sort();
        (closed, self.rows.get(self.selected).map(Row::identity))
    }

    /// Closes what was closed and selects what was selected in an earlier session; nodes
    /// that are gone are skipped.
    pub fn restore(&mut self, workspace: &Workspace, closed: Vec<String>, selected: Option<&str>) {
        self.closed = closed.into_iter().collect();
        self.rebuild(workspace);
        if let Some(i) = selected.and_then(|id| self.rows.iter().position(|r| r.identity() == id)) {
            self.selected = i;
        }
    }

    /// Recomputes the rows, keeping the selection on the same node when it still exists.
    pub fn rebuild(&mut self, workspace: &Workspace) {
        let keep = self.rows.get(self.selected).map(Row::identity);
        let mut rows = Vec::new();
        for (ci, c) in workspace.collections.iter().enumerate() {
            let open = !self.closed.contains(&collection_id(ci));
            rows.push(Row::Collection {
                index: ci,
                name: c.name.clone(),
                open,
            });
            if open {
                self.push_items(&c.items, ci, &mut Vec::new(), &mut rows);
            }
        }
        for error in &workspace.errors {
            rows.push(Row::Broken { error: error.clone() });
        }
        self.wanted = wanted_width(&rows);
        self.rows = rows;
        if let Some(id) = keep
            && let Some(i) = self.rows.iter().position(|r| r.identity() == id)
        {
            self.selected = i;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    fn push_items(&self, items: &[Item], collection: usize, prefix: &mut Vec<String>, rows: &mut Vec<Row>) {
        for item in items {
            match item {
                Item::Request(r) => {
                    let mut path = prefix.clone();
                    path.push(r.name.clone());
                    rows.push(Row::Request {
                        collection,
                        path: RequestPath(path),
                        method: r.method.clone(),
                    });
                }
                Item::Folder(f) => {
                    prefix.push(f.name.clone());
                    let open = !self.closed.contains(&folder_id(collection, prefix));
                    rows.push(Row::Folder {
                        collection,
                        path: prefix.clone(),
                        open,
                    });
                    if open {
                        self.push_items(&f.items, collection, prefix, rows);
                    }
                    prefix.pop();
                }
            }
        }
    }

    /// A request was edited in place: its row shows its method now (the rows are otherwise
    /// what they were; no rebuild of every row for one request's change).
    pub fn method_changed(&mut self, collection_index: usize, request: &RequestPath, method: &str) {
        let is_it = |row: &Row| matches!(row, Row::Request { collection, path, .. } if *collection == collection_index && path == request);
        // Nearly always the selected row: the one being edited.
        let found = if self.rows.get(self.selected).is_some_and(is_it) {
            Some(self.selected)
        } else {
            self.rows.iter().position(is_it)
        };
        if let Some(Row::Request { method: shown, .. }) = found.and_then(|i| self.rows.get_mut(i))
            && shown != method
        {
            method.clone_into(shown);
        }
    }

    /// The columns the widest row wants (see [`wanted_width`]), as measured when the rows
    /// last changed.
    pub fn wanted_width(&self) -> u16 {
        self.wanted
    }

    pub fn selected_row(&self) -> Option<&Row> {
        self.rows.get(self.selected)
    }

    /// Opens or closes the selected collection or folder; `None` flips it.
    pub fn set_open(&mut self, workspace: &Workspace, open: Option<bool>) -> bool {
        let Some(row) = self.rows.get(self.selected) else {
            return false;
        };
        let (id, is_open) = match row {
            Row::Collection { open, .. } | Row::Folder { open, .. } => (row.identity(), *open),
            _ => return false,
        };
        let want = open.unwrap_or(!is_open);
        if want == is_open {
            return false;
        }
        if want {
            self.closed.remove(&id);
        } else {
            self.closed.insert(id);
        }
        self.rebuild(workspace);
        true
    }

    /// Selects a request, opening its collection and the folders above it.
    pub fn reveal(&mut self, workspace: &Workspace, collection: usize, path: &RequestPath) {
        self.closed.remove(&collection_id(collection));
        for depth in 1..path.0.len() {
            self.closed.remove(&folder_id(collection, &path.0[..depth]));
        }
        self.rebuild(workspace);
        let wanted = request_id(collection, path);
        if let Some(i) = self.rows.iter().position(|r| r.identity() == wanted) {
            self.selected = i;
        }
    }

    /// Moves the selection by `delta` rows, clamped.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Selects the parent of the selected row (for "collapse" on a request).
    pub fn select_parent(&mut self) {
        let depth = self.rows.get(self.selected).map_or(0, Row::depth);
        if depth == 0 {
            return;
        }
        if let Some(i) = self.rows[..self.selected].iter().rposition(|r| r.depth() < depth) {
            self.selected = i;
        }
    }
}

// A row's identity outlives a rebuild (which folds, and which row is selected); it names
// the node, not its place in the list.
/// The columns the widest of `rows` wants, with the pane's borders: indent, method, name
/// and a status badge for requests; the name for folders and collections.
fn wanted_width(rows: &[Row]) -> u16 {
    use unicode_width::UnicodeWidthStr;
    let widest = rows
        .iter()
        .map(|row| {
            let indent = 2 * row.depth();
            match row {
                Row::Request { path, .. } => indent + 7 + path.name().width() + 4,
                Row::Folder { path, .. } => indent + path.last().map_or(0, |n| n.width()),
                Row::Collection { name, .. } => 2 + name.width() + 10,
                Row::Broken { error } => 2 + error.path.to_string_lossy().width() + 8,
            }
        })
        .max()
        .unwrap_or(0);
    u16::try_from(widest + 2).unwrap_or(u16::MAX)
}

fn collection_id(index: usize) -> String {
    format!("c{index}")
}

fn folder_id(collection: usize, path: &[String]) -> String {
    format!("f{collection}/{}", path.join("/"))
}

fn request_id(collection: usize, path: &RequestPath) -> String {
    format!("r{collection}/{path}")
}

fn collect_folders(
    items: &[Item],
    collection: usize,
    prefix: &mut Vec<String>,
    closed: &mut HashSet<String>,
) {
    for item in items {
        if let Item::Folder(f) = item {
            prefix.push(f.name.clone());
            closed.insert(folder_id(collection, prefix));
            collect_folders(&f.items, collection, prefix, closed);
            prefix.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::parse_collection;

    fn workspace() -> Workspace {
        let c = parse_collection(
            "name: Shop\nrequests:\n  - { name: A, url: http://x }\n  - folder: F\n    requests:\n      - { name: B, url: http://x }\n  - { name: C, url: http://x }\n",
            std::path::Path::new("shop.yaml"),
        )
        .unwrap();
        Workspace::from_collections(vec![c])
    }

    fn names(tree: &TreeState) -> Vec<String> {
        tree.rows
            .iter()
            .map(|r| match r {
                Row::Collection { name, .. } => name.clone(),
                Row::Folder { path, .. } => format!("{}/", path.join("/")),
                Row::Request { path, .. } => path.to_string(),
                Row::Broken { .. } => "!".into(),
            })
            .collect()
    }

    #[test]
    fn starts_open_on_the_first_request() {
        let tree = TreeState::new(&workspace());
        assert_eq!(names(&tree), ["Shop", "A", "F/", "F/B", "C"]);
        assert_eq!(tree.selected, 1);
    }

    #[test]
    fn folding_keeps_the_selection_on_the_same_node() {
        let ws = workspace();
        let mut tree = TreeState::new(&ws);
        tree.selected = 2;
        assert!(tree.set_open(&ws, Some(false)));
        assert_eq!(names(&tree), ["Shop", "A", "F/", "C"]);
        assert_eq!(tree.selected, 2);
        tree.move_by(1);
        assert_eq!(tree.selected_row(), tree.rows.get(3));
        tree.move_by(10);
        assert_eq!(tree.selected, 3);
        tree.move_by(-10);
        assert_eq!(tree.selected, 0);
    }

    #[test]
    fn collapse_on_a_request_selects_its_folder() {
        let ws = workspace();
        let mut tree = TreeState::new(&ws);
        tree.selected = 3;
        tree.select_parent();
        assert_eq!(tree.selected, 2);
    }
}
