//! Closing the dialogs that are not forms: the answer to a question (delete, quit, a
//! conflict) and the text editor's text.

use crate::collection::Body;
use crate::collection::edit::{Edit, Field};
use crate::collection::store::OnConflict;
use crate::tui::edit::dialog::{Confirm, Question};
use crate::tui::edit::files;
use crate::tui::edit::submit::{apply_edit, close, request, set_body};
use crate::tui::edit::text_editor::{TextEditor, TextKind};
use crate::tui::message::Effect;
use crate::tui::state::{App, Overlay};

/// A question was answered with `key` (esc is "neither").
pub fn answer(app: &mut App, confirm: Confirm, key: Option<char>) -> Vec<Effect> {
    close(app);
    match (confirm.question, key) {
        (Question::Apply { collection, edit }, Some('y')) => {
            let gone = match &edit {
                Edit::Delete { request } => Some(request.0.clone()),
                Edit::DeleteFolder { folder } => Some(folder.clone()),
                _ => None,
            };
            if apply_edit(app, collection, &[edit])
                && let Some(prefix) = gone
            {
                files::forget(app, collection, &prefix);
            }
        }
        (Question::Quit, Some('s')) => {
            app.editing.quit_after_save = true;
            return files::save_all(app);
        }
        (Question::Quit, Some('d')) => {
            // Discarded on purpose: nothing is left to rescue on the way out.
            for doc in app.editing.docs.values_mut() {
                let saved = doc.saved.clone();
                doc.replace(saved);
            }
            app.quit = true;
        }
        (Question::Conflict { path }, Some('r')) => files::take_theirs(app, &path),
        (Question::Conflict { path }, Some('o')) => {
            // This file only: another file's conflict gets its own question.
            app.editing.conflicts.remove(&path);
            return files::save(app, &path, OnConflict::Overwrite)
                .into_iter()
                .collect();
        }
        _ => {}
    }
    Vec::new()
}

/// The text editor closed with its text to apply (and maybe save).
pub fn apply_text(app: &mut App, editor: TextEditor, save: bool) -> Vec<Effect> {
    close(app);
    if !editor.changed() && !save {
        return Vec::new();
    }
    let text = editor.text();
    let at = editor.at.clone();
    // The file may have been reloaded while the editor was open: never write over a body
    // that changed underneath it.
    let now = request(app, &at).and_then(|r| crate::tui::edit::text_editor::text_of(&r, editor.kind));
    if now.as_deref() != Some(editor.original.as_str()) {
        app.message = Some(
            "this text changed on disk while you were editing it; ctrl-c drops your version (copy it first if you need it)"
                .to_owned(),
        );
        app.overlay = Overlay::TextEditor(Box::new(editor));
        return Vec::new();
    }
    let content_type = request(app, &at)
        .and_then(|r| r.body)
        .and_then(|b| b.explicit_content_type().map(str::to_owned));
    let result = match editor.kind {
        TextKind::Json => match serde_json::from_str(&text) {
            Ok(value) => match crate::template::JsonTemplate::parse(value) {
                Ok(value) => set_body(app, &at, Some(Body::Json { value, content_type })),
                Err(errors) => Err(errors
                    .first()
                    .map(|e| format!("bad template in `{}`: {}", e.text, e.error))
                    .unwrap_or_default()),
            },
            Err(e) => Err(format!("not JSON: {e}")),
        },
        TextKind::Text => crate::tui::edit::template(&text)
            .and_then(|text| set_body(app, &at, Some(Body::Text { text, content_type }))),
        TextKind::Description => files::apply(
            app,
            at.collection,
            &[Edit::SetField {
                request: at.path.clone(),
                field: Field::Description,
                value: (!text.trim().is_empty()).then_some(text),
            }],
        ),
    };
    match result {
        Ok(()) if save => files::save_all(app),
        Ok(()) => Vec::new(),
        Err(message) => {
            // Keep what was typed: back into the editor, with the reason.
            app.message = Some(message);
            app.overlay = Overlay::TextEditor(Box::new(editor));
            Vec::new()
        }
    }
}
