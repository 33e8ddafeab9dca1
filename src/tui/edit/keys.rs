//! Keys while an editing dialog is open. Text fields take keys as typed; lists move with the
//! keymap's up and down, so rebinding those works here too.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::action::Action;
use crate::tui::edit::answers::{answer, apply_text};
use crate::tui::edit::choose::choose;
use crate::tui::edit::dialog::FormKey;
use crate::tui::edit::submit;
use crate::tui::edit::text_editor::EditorKey;
use crate::tui::edit::vars::var_rows;
use crate::tui::edit::vars::vars_action;
use crate::tui::message::Effect;
use crate::tui::state::{App, Overlay};

/// Handles a key for an editing dialog; `None` when no editing dialog is open.
pub fn on_key(app: &mut App, key: KeyEvent) -> Option<Vec<Effect>> {
    let overlay = std::mem::replace(&mut app.overlay, Overlay::None);
    let effects = match overlay {
        Overlay::Form(mut form) => match form.key(key) {
            FormKey::Typing => {
                app.overlay = Overlay::Form(form);
                Vec::new()
            }
            FormKey::Submit => submit::submit(app, *form),
            FormKey::Cancel => {
                submit::close(app);
                Vec::new()
            }
        },
        Overlay::Choice(mut choice) => {
            let plain = !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match (key.code, app.keymap.action(&key)) {
                (KeyCode::Esc, _) => {
                    submit::close(app);
                    return Some(Vec::new());
                }
                (KeyCode::Enter, _) => return Some(choose(app, &choice)),
                // A letter some option starts with picks by initial (`j` for json); other
                // keys move as bound (`j` moves down a list of environments).
                (KeyCode::Char(c), _) if plain && c.is_alphanumeric() && choice.has_initial(c) => {
                    choice.jump(c);
                }
                (KeyCode::Down, _) | (_, Some(Action::Down)) => choice.step(1),
                (KeyCode::Up, _) | (_, Some(Action::Up)) => choice.step(-1),
                _ => {}
            }
            app.overlay = Overlay::Choice(choice);
            Vec::new()
        }
        Overlay::Confirm(confirm) => match key.code {
            KeyCode::Esc => answer(app, confirm, None),
            // Only a plain key answers: ctrl-d must not mean "discard".
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    && confirm.answers.iter().any(|(k, _)| *k == c.to_ascii_lowercase()) =>
            {
                answer(app, confirm, Some(c.to_ascii_lowercase()))
            }
            _ => {
                app.overlay = Overlay::Confirm(confirm);
                Vec::new()
            }
        },
        Overlay::TextEditor(mut editor) => match editor.key(key) {
            EditorKey::Typing => {
                app.overlay = Overlay::TextEditor(editor);
                Vec::new()
            }
            EditorKey::Apply => apply_text(app, *editor, false),
            EditorKey::ApplyAndSave => apply_text(app, *editor, true),
            EditorKey::Discard => {
                app.message = Some("discarded the changes to the text".to_owned());
                submit::close(app);
                Vec::new()
            }
            EditorKey::Refused => {
                app.message = Some(
                    "the JSON has a problem (shown below the text); fix it, or ctrl-c to discard".to_owned(),
                );
                app.overlay = Overlay::TextEditor(editor);
                Vec::new()
            }
        },
        Overlay::Variables(mut view) => {
            let rows = app.collection(view.collection).map_or(0, |c| var_rows(c).len());
            match (key.code, app.keymap.action(&key)) {
                (KeyCode::Esc, _) | (_, Some(Action::Quit | Action::Variables)) => {}
                (_, Some(Action::Down)) | (KeyCode::Down, _) => {
                    view.cursor = (view.cursor + 1).min(rows.saturating_sub(1));
                    app.overlay = Overlay::Variables(view);
                }
                (_, Some(Action::Up)) | (KeyCode::Up, _) => {
                    view.cursor = view.cursor.saturating_sub(1);
                    app.overlay = Overlay::Variables(view);
                }
                (_, Some(action @ (Action::Edit | Action::Add | Action::Delete | Action::Select))) => {
                    app.overlay = Overlay::Variables(view);
                    vars_action(app, view, action);
                }
                (_, Some(action @ (Action::Undo | Action::Redo | Action::Save))) => {
                    app.overlay = Overlay::Variables(view);
                    return Some(crate::tui::edit::act(app, action));
                }
                _ => app.overlay = Overlay::Variables(view),
            }
            Vec::new()
        }
        other => {
            app.overlay = other;
            return None;
        }
    };
    Some(effects)
}

/// Pasted text goes to the open text field or prompt, if any.
pub fn on_paste(app: &mut App, text: &str) {
    match &mut app.overlay {
        Overlay::Form(form) => form.paste(text),
        Overlay::TextEditor(editor) => editor.paste(text),
        Overlay::Prompt(prompt) => prompt.insert(text),
        _ => {}
    }
}
