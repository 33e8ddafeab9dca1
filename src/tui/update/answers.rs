//! Carrying out what a dialog's answer asks for: edits applied as one undo step, then what
//! follows them — a request's state following its new name, the cursor on a new row, the
//! URL asked for a new request. A form whose answer is refused comes back with the reason,
//! so nothing typed is lost.

use super::files;
use super::navigation::select_request;
use crate::collection::RequestPath;
use crate::collection::edit::Table;
use crate::collection::store::OnConflict;
use crate::session::RequestId;
use crate::tui::dialogs::{
    Answer, Choice, Chosen, Confirm, Confirmed, EditorKey, Form, Overlay, TextEditor, Then,
};
use crate::tui::message::Effect;
use crate::tui::state::{App, Pane, RequestTab, Slot, selected_slots};

/// Applies an answer and what follows it; a refusal says why and changes nothing.
pub fn apply(app: &mut App, answer: Answer) -> Result<(), String> {
    files::apply(app, answer.collection, &answer.edits)?;
    follow(app, answer.collection, answer.then);
    Ok(())
}

/// Applies an answer; a refusal goes to the status bar. True when applied.
pub fn apply_or_say(app: &mut App, answer: Answer) -> bool {
    match apply(app, answer) {
        Ok(()) => true,
        Err(message) => {
            app.message = Some(message);
            false
        }
    }
}

fn follow(app: &mut App, collection: usize, then: Then) {
    match then {
        Then::Nothing => {}
        Then::RequestRenamed { from, to, moved } => {
            files::rekey(app, collection, &from.0, &to.0);
            select_request(app, collection, &to);
            if !moved {
                warn_of_old_references(app, collection, &from, &to);
            }
        }
        Then::FolderRenamed { from, to } => files::rekey(app, collection, &from, &to),
        Then::Deleted { prefix } => files::forget(app, collection, &prefix),
        Then::RowAdded { at, table } => cursor_to_last_row(app, &at, table),
        Then::RequestAdded { at } => {
            select_request(app, at.collection, &at.path);
            // A new request wants its URL next.
            app.focus = Pane::Request;
            app.request_tab = RequestTab::Params;
            app.overlay = Overlay::Form(Box::new(Form::url(at, "")));
        }
        Then::Duplicated { at } => select_request(app, at.collection, &at.path),
        Then::Imported { at, unmapped } => {
            select_request(app, at.collection, &at.path);
            app.focus = Pane::Request;
            app.message = Some(if unmapped.is_empty() {
                format!("imported as {}", at.path)
            } else {
                // Each in the message log (`L`), where a long one reads in full; the status
                // bar has room for a count.
                app.messages
                    .extend(unmapped.iter().map(|u| format!("not imported: {u}")));
                format!(
                    "imported as {}; {} not imported (L lists it)",
                    at.path,
                    crate::format::count(unmapped.len(), "option", "options")
                )
            });
        }
    }
}

/// Templates that take a value from the renamed request's response still name it the old
/// way; they would fail on the next send, so say so now.
fn warn_of_old_references(app: &mut App, collection: usize, from: &RequestPath, to: &RequestPath) {
    let Some(source) = app.collection(collection).map(|c| c.source.clone()) else {
        return;
    };
    let old = format!("response.{from}.");
    let uses = app
        .editing
        .docs
        .get(&source)
        .map_or(0, |doc| doc.text.matches(&old).count());
    if uses > 0 {
        app.message = Some(format!(
            "renamed; {} still take `{old}…` — change them to `response.{to}.…`",
            crate::format::count(uses, "template", "templates")
        ));
    }
}

/// Puts the request pane's cursor on the row just added (the last live row of `table`), so
/// the next key acts on it.
fn cursor_to_last_row(app: &mut App, at: &RequestId, table: Table) {
    if app.selected_id().as_ref() != Some(at) {
        return;
    }
    let Some(request) = app.workspace.request(at).cloned() else {
        return;
    };
    let Some(index) = table.rows(&request).len().checked_sub(1) else {
        return;
    };
    let row = Slot::Row { table, index };
    if let Some(slot) = selected_slots(app, &request).iter().position(|s| *s == row) {
        app.editing.cursor = slot;
    }
    // The file's switched-off rows are found again on a task; those placed before the new
    // row move it down when they arrive, and the cursor goes with it.
    app.editing.cursor_follows = Some(row);
}

/// Closes a dialog, back to the variables dialog if it was opened from there.
pub fn close(app: &mut App) {
    app.overlay = match app.editing.return_to.take() {
        Some(view) => Overlay::Variables(view),
        None => Overlay::None,
    };
}

/// A form was submitted: applied, or back with the reason.
pub fn form_submitted(app: &mut App, mut form: Form) -> Vec<Effect> {
    match form.answer(&app.workspace).and_then(|answer| apply(app, answer)) {
        // Unless the answer opened the next form (a new request's URL).
        Ok(()) if matches!(app.overlay, Overlay::Form(_)) => {}
        Ok(()) => close(app),
        Err(reason) => {
            form.note = Some(reason);
            app.overlay = Overlay::Form(Box::new(form));
        }
    }
    Vec::new()
}

/// An entry was chosen from a list.
pub fn chosen(app: &mut App, choice: &Choice) -> Vec<Effect> {
    close(app);
    let result = choice.answer(&app.workspace).and_then(|chosen| match chosen {
        Chosen::Environment(environment) => {
            app.message = Some(match &environment {
                Some(e) => format!("environment: {e}"),
                None => "no environment".to_owned(),
            });
            app.environment = environment;
            Ok(())
        }
        Chosen::Apply(answer) => apply(app, answer),
        Chosen::Ask(form) => {
            app.overlay = Overlay::Form(form);
            Ok(())
        }
        Chosen::Nothing => Ok(()),
    });
    if let Err(message) = result {
        app.message = Some(message);
    }
    Vec::new()
}

/// A question was answered with `key` (esc is "neither").
pub fn confirmed(app: &mut App, confirm: Confirm, key: Option<char>) -> Vec<Effect> {
    close(app);
    match confirm.answer(key) {
        Confirmed::Apply(answer) => {
            apply_or_say(app, answer);
        }
        Confirmed::SaveAndQuit => {
            app.editing.quit_after_save = true;
            return files::save_all(app);
        }
        Confirmed::DiscardAndQuit => {
            // Discarded on purpose: nothing is left to rescue on the way out.
            for doc in app.editing.docs.values_mut() {
                let saved = doc.saved.clone();
                doc.replace(saved);
            }
            app.quit = true;
        }
        Confirmed::TakeTheirs(path) => files::take_theirs(app, &path),
        Confirmed::ReapplyMine(path) => files::reapply_mine(app, &path),
        Confirmed::Overwrite(path) => {
            // This file only: another file's conflict gets its own question.
            app.editing.conflicts.remove(&path);
            return files::save(app, &path, OnConflict::Overwrite)
                .into_iter()
                .collect();
        }
        Confirmed::Restore { path, copy } => files::restore_copy(app, &path, &copy),
        Confirmed::DiscardCopy(copy) => {
            app.message = Some(match std::fs::remove_file(&copy) {
                Ok(()) => format!("deleted {}", copy.display()),
                Err(e) => format!("cannot delete {}: {e}", copy.display()),
            });
        }
        Confirmed::OpenCopy(copy) => {
            app.suspend = Some(crate::tui::state::Suspend::Editor { path: copy, line: 1 });
        }
        Confirmed::Neither => {}
    }
    Vec::new()
}

/// A key in the text editor.
pub fn editor_key(
    app: &mut App,
    mut editor: Box<TextEditor>,
    key: crossterm::event::KeyEvent,
) -> Vec<Effect> {
    editor.vocabulary = super::vocabulary::in_scope(app, Some(editor.at.collection), Some(&editor.at));
    match editor.key(key) {
        EditorKey::Typing => {
            app.overlay = Overlay::TextEditor(editor);
            Vec::new()
        }
        EditorKey::Apply => apply_text(app, editor, false),
        EditorKey::ApplyAndSave => apply_text(app, editor, true),
        EditorKey::Discard => {
            app.message = Some("discarded the changes to the text".to_owned());
            close(app);
            Vec::new()
        }
        EditorKey::Refused => {
            app.message =
                Some("the text has a problem (shown below it); fix it, or ctrl-c to discard".to_owned());
            app.overlay = Overlay::TextEditor(editor);
            Vec::new()
        }
    }
}

/// The text editor closed with its text to apply (and maybe save).
fn apply_text(app: &mut App, editor: Box<TextEditor>, save: bool) -> Vec<Effect> {
    close(app);
    if !editor.changed() && !save {
        return Vec::new();
    }
    match editor
        .answer(&app.workspace)
        .and_then(|answer| apply(app, answer))
    {
        Ok(()) if save => files::save_all(app),
        Ok(()) => Vec::new(),
        Err(message) => {
            // Keep what was typed: back into the editor, with the reason.
            app.message = Some(message);
            app.overlay = Overlay::TextEditor(editor);
            Vec::new()
        }
    }
}
