//! Editing collections from the TUI.
//!
//! ```text
//!  action (e, a, d, space, r, …) ─► actions ─► slot_actions (request pane) / structure (tree)
//!                                     open a dialog (dialog, text_editor, vars) or edit at once
//!  dialog closed (keys) ────────────► submit / choose / answers: its purpose becomes an `Edit`
//!  Edit ─► files::apply ─► Document (text splices, verified) ─► the workspace shows it
//!  ctrl-s ─► Effect::Save (atomic, off the UI thread) ─► Msg::Saved
//!  watcher ─► Msg::FileChanged ─► reload when clean, a conflict (said, asked on save) when dirty
//!  stopped from outside ─► recovery: unsaved texts written beside their files
//! ```
//!
//! The text of each edited file lives in a [`Document`]; the workspace always holds the
//! collection that text loads to, so sending an edited request sends the edit.

mod actions;
mod answers;
mod choose;
pub mod dialog;
pub mod files;
pub mod keys;
pub mod recovery;
mod slot_actions;
pub mod slots;
mod structure;
mod submit;
pub mod text_editor;
pub mod vars;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

pub use self::actions::act;
pub use self::answers::{answer, apply_text};
pub use self::choose::choose;
pub use self::dialog::{Choice, Confirm, Form, Purpose, Question, Target};
pub use self::files::{file_changed, saved};
pub use self::slots::Slot;
pub use self::submit::submit;
pub use self::text_editor::TextEditor;
pub use self::vars::VarsView;
use crate::collection::edit::rows::{DisabledRow, RowsByRequest};
use crate::collection::edit::{Document, Table};
use crate::tui::app::RequestKey;

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
    /// The switched-off rows of the selected request, read from its file's text once per
    /// change rather than on every frame; `disabled_for` says which request and text.
    pub disabled: Vec<(Table, DisabledRow)>,
    pub disabled_for: Option<(RequestKey, u64)>,
    /// Every request's switched-off rows per file, as of a generation.
    pub disabled_cache: HashMap<PathBuf, (u64, RowsByRequest)>,
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
}
