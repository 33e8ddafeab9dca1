//! Where an edit action goes: the request pane's slot edits (`slot_edits`), the tree's
//! structural ones (`tree_edits`), and here the ones that are the same everywhere — save,
//! undo, the method, the variables dialog, `$EDITOR`.

use super::{files, slot_edits, tree_edits};
use crate::tui::action::Action;
use crate::tui::dialogs::{Choice, Overlay, VarsView};
use crate::tui::message::Effect;
use crate::tui::state::{App, Pane, Row};

/// Carries out an edit action.
pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    // Dialogs open on the file as it is on disk, not as it was loaded; a collection with no
    // file to save to says so before anything is typed, not after.
    if let Some(source) = selected_source(app)
        && let Err(why) = files::open(app, &source)
        && !matches!(action, Action::Save | Action::Undo | Action::Redo)
    {
        app.message = Some(why);
        return Vec::new();
    }
    match action {
        Action::Save => return files::save_all(app),
        Action::Undo => files::undo(app),
        Action::Redo => files::redo(app),
        Action::OpenEditor => files::open_editor(app),
        Action::Variables => open_variables(app),
        Action::ChangeMethod => {
            if let Some((at, request)) = super::selection::selected(app) {
                app.overlay = Overlay::Choice(Choice::method(at, &request));
            }
        }
        Action::Edit | Action::Add | Action::Delete | Action::ToggleRow if app.focus == Pane::Request => {
            return slot_edits::on_slot(app, action);
        }
        // The response and the checklist are not editable; acting on the tree from there
        // would surprise.
        Action::Edit | Action::Add | Action::Delete | Action::ToggleRow if app.focus != Pane::Tree => {
            let tab = app.keymap.hint(Action::NextPane);
            app.message = Some(format!(
                "edits happen in the tree and the request pane ({tab} moves there)"
            ));
        }
        Action::Edit | Action::Rename => tree_edits::rename(app),
        Action::Add => tree_edits::new_request(app),
        Action::NewFolder => tree_edits::new_folder(app),
        Action::Delete => tree_edits::delete_item(app),
        Action::Duplicate => tree_edits::duplicate(app),
        Action::Move => tree_edits::move_request(app),
        Action::ToggleRow => {
            app.message =
                Some("in the request pane, space switches a header or query row off and on".to_owned());
        }
        _ => {}
    }
    Vec::new()
}

/// The collection the tree's selection is in.
fn selected_collection(app: &App) -> Option<usize> {
    match app.tree.selected_row()? {
        Row::Collection { index, .. } => Some(*index),
        Row::Folder { collection, .. } | Row::Request { collection, .. } => Some(*collection),
        Row::Broken { .. } => None,
    }
}

/// The file of the collection the tree's selection is in.
fn selected_source(app: &App) -> Option<std::path::PathBuf> {
    app.collection(selected_collection(app)?)
        .map(|c| c.source.clone())
}

fn open_variables(app: &mut App) {
    let Some(collection) = selected_collection(app) else {
        app.message = Some("select a collection to edit its variables".to_owned());
        return;
    };
    app.overlay = Overlay::Variables(VarsView {
        collection,
        cursor: 0,
    });
}
