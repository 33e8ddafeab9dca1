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
mod structure;
mod submit;
pub mod text_editor;
pub mod vars;

pub use crate::tui::edit::actions::act;
pub use crate::tui::edit::answers::{answer, apply_text};
pub use crate::tui::edit::choose::choose;
pub use crate::tui::edit::dialog::{Choice, Confirm, Form, Purpose, Question, Target};
pub use crate::tui::edit::files::{file_changed, saved};
pub use crate::tui::edit::submit::submit;
pub use crate::tui::edit::text_editor::TextEditor;
pub use crate::tui::edit::vars::VarsView;
pub use crate::tui::state::Slot;

/// Text typed into a dialog, as the template it must be to join the collection.
pub(crate) fn template(text: &str) -> Result<crate::template::Template, String> {
    crate::template::Template::parse(text).map_err(|e| format!("bad template: {e}"))
}
