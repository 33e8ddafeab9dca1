//! Where an edit action goes: the request pane's slot actions (`slot_actions`), the tree's
//! structural ones (`structure`), and here the ones that are the same everywhere — save,
//! undo, the method, the variables dialog, `$EDITOR`. Dialogs' answers are carried out in
//! `submit` (forms), `choose` (lists) and `answers` (questions, the text editor).

use crate::collection::Request;
use crate::tui::action::Action;
use crate::tui::edit::dialog::{Choice, Form, Input, Purpose, Target};
use crate::tui::edit::vars::VarsView;
use crate::tui::edit::{files, slot_actions, structure};
use crate::tui::message::Effect;
use crate::tui::state::Row;
use crate::tui::state::{App, Overlay, Pane, Suspend};
use crate::tui::state::{Slot, selected_slots};

pub const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
pub const BODY_KINDS: [&str; 6] = ["none", "json", "text", "form", "multipart", "file"];
pub const AUTH_KINDS: [&str; 5] = ["inherit", "none", "bearer", "basic", "api_key"];

/// Carries out an edit action.
pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    // Dialogs open on the file as it is on disk, not as it was loaded.
    if let Some(source) = selected_source(app) {
        let _ = files::open(app, &source);
    }
    match action {
        Action::Save => return files::save_all(app),
        Action::Undo => files::undo(app),
        Action::Redo => files::redo(app),
        Action::OpenEditor => open_editor(app),
        Action::Variables => open_variables(app),
        Action::ChangeMethod => {
            if let Some((at, request)) = selected(app) {
                app.overlay = method_choice(at, &request);
            }
        }
        Action::Edit | Action::Add | Action::Delete | Action::ToggleRow if app.focus == Pane::Request => {
            return slot_actions::on_slot(app, action);
        }
        // The response and the checklist are not editable; acting on the tree from there
        // would surprise.
        Action::Edit | Action::Add | Action::Delete | Action::ToggleRow if app.focus != Pane::Tree => {
            let tab = app.keymap.hint(Action::NextPane);
            app.message = Some(format!(
                "edits happen in the tree and the request pane ({tab} moves there)"
            ));
        }
        Action::Edit | Action::Rename => structure::rename(app),
        Action::Add => structure::new_request(app),
        Action::NewFolder => structure::new_folder(app),
        Action::Delete => structure::delete_item(app),
        Action::Duplicate => structure::duplicate(app),
        Action::Move => structure::move_request(app),
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

/// The selected request and where it is.
pub(super) fn selected(app: &App) -> Option<(Target, Request)> {
    let (collection, path) = app.selected()?;
    let request = app.collection(collection)?.find(path)?.clone();
    Some((
        Target {
            collection,
            path: path.clone(),
        },
        request,
    ))
}

/// The slot under the request pane's cursor.
pub(super) fn current_slot(app: &App, request: &Request) -> Option<Slot> {
    let all = selected_slots(app, request);
    all.get(app.editing.cursor.min(all.len().saturating_sub(1)))
        .cloned()
}

pub(super) fn form(app: &mut App, title: impl Into<String>, inputs: Vec<Input>, purpose: Purpose) {
    app.overlay = Overlay::Form(Box::new(Form::new(title, inputs, purpose)));
}

/// One-line fields cannot hold a value written over several lines (a PEM block, a folded
/// description) without flattening it; such values are edited in `$EDITOR`.
pub(super) fn fits_one_line(app: &mut App, values: &[&str]) -> bool {
    if values.iter().any(|v| v.contains('\n')) {
        let o = app.keymap.hint(Action::OpenEditor);
        app.message = Some(format!("this value spans several lines; {o} edits it in $EDITOR"));
        return false;
    }
    true
}

pub(super) fn method_choice(at: Target, request: &Request) -> Overlay {
    let mut options: Vec<String> = METHODS.map(str::to_owned).to_vec();
    if !options.contains(&request.method) {
        options.push(request.method.clone());
    }
    Overlay::Choice(Choice::new(
        "Method",
        options,
        &request.method,
        Purpose::Method { at },
    ))
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

/// Suspends the TUI to edit the file in `$VISUAL`/`$EDITOR` at the selected request, or at
/// the error of a file that failed to load.
pub(super) fn open_editor(app: &mut App) {
    let (path, line) = match app.tree.selected_row() {
        Some(Row::Broken { error }) => (error.path.clone(), error.line.unwrap_or(1)),
        Some(Row::Request { collection, path, .. }) => {
            let Some(source) = app.collection(*collection).map(|c| c.source.clone()) else {
                return;
            };
            let line = app
                .editing
                .docs
                .get(&source)
                .and_then(|d| d.line_of(path))
                .unwrap_or(1);
            (source, line)
        }
        Some(
            Row::Collection {
                index: collection, ..
            }
            | Row::Folder { collection, .. },
        ) => {
            let Some(source) = app.collection(*collection).map(|c| c.source.clone()) else {
                return;
            };
            (source, 1)
        }
        None => return,
    };
    if app.editing.is_dirty(&path) {
        let save = app.keymap.hint(Action::Save);
        app.message = Some(format!(
            "{} has unsaved edits here; save them first ({save}) so the editor sees them",
            path.display()
        ));
        return;
    }
    if !path.is_file() {
        app.message = Some(format!("{} is not a file on disk", path.display()));
        return;
    }
    app.suspend = Some(Suspend::Editor { path, line });
}
