//! The files being edited: their texts and undo histories, conflicts with the disk, saves in
//! flight, and where the request pane's cursor is.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::collection::RequestPath;
use crate::collection::edit::rows::{DisabledRow, RowsByRequest};
use crate::collection::edit::{Document, Table};
use crate::tui::dialogs::VarsView;

/// Editing state: the documents being edited, and what the request pane's cursor is on.
#[derive(Debug, Default)]
pub struct Editing {
    /// Every file edited this session, by path, with its undo history.
    pub docs: HashMap<PathBuf, Document>,
    /// Files in the order they were edited, so undo and redo follow the user across files.
    pub undo_order: Vec<PathBuf>,
    pub redo_order: Vec<PathBuf>,
    /// Files changed on disk while they had unsaved edits here: the text found on disk.
    pub conflicts: BTreeMap<PathBuf, String>,
    /// Saves in flight, with the text being written.
    pub saving: HashMap<PathBuf, String>,
    /// Files saved again once their save in flight is done (saved twice quickly).
    pub save_again: HashSet<PathBuf>,
    /// Quit once the saves in flight are done (the user chose "save and quit").
    pub quit_after_save: bool,
    /// The slot the request pane's cursor is on.
    pub cursor: usize,
    /// Every request's switched-off rows per file, as of a generation: read from the file's
    /// text again only after an edit or reload (of any file: the generation is shared), not
    /// on every frame or selection. A file that cannot be read has an empty entry.
    pub disabled_cache: HashMap<PathBuf, (u64, RowsByRequest)>,
    /// The generation each file's switched-off rows were last asked for (found on a task):
    /// asked once per change, however many keys arrive meanwhile.
    pub disabled_asked: HashMap<PathBuf, u64>,
    /// The place the cursor was put on before the file's switched-off rows were found again:
    /// it stays on that place when they arrive (they may come before it).
    pub cursor_follows: Option<crate::tui::state::Slot>,
    /// Bumped whenever the text of any document changes.
    pub generation: u64,
    /// The variables dialog to return to when a dialog opened from it closes.
    pub return_to: Option<VarsView>,
}

impl Editing {
    /// Files with edits not yet on disk.
    pub fn dirty_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self
            .docs
            .values()
            .filter(|d| d.is_dirty())
            .map(|d| d.path.clone())
            .collect();
        files.sort();
        files
    }

    /// How many files have unsaved edits (for the status bar: no list to build per frame).
    pub fn unsaved_count(&self) -> usize {
        self.docs.values().filter(|d| d.is_dirty()).count()
    }

    pub fn is_dirty(&self, path: &std::path::Path) -> bool {
        self.docs.get(path).is_some_and(Document::is_dirty)
    }

    /// The switched-off rows of `request` in the file at `source`, as its text is now (none
    /// when they have not been read since the last edit or reload).
    pub fn disabled_rows(&self, source: &Path, request: &RequestPath) -> &[(Table, DisabledRow)] {
        match self.disabled_cache.get(source) {
            Some((at, rows)) if *at == self.generation => rows.get(request).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }
}
