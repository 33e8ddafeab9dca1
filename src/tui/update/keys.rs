//! Where a key goes: to the dialog that covers the panes, if one does; else `esc` clears the
//! status line and every other key is looked up in the keymap.

use crossterm::event::{KeyCode, KeyEvent};

use super::actions::act;
use super::{answers, navigation, prompts};
use crate::tui::action::Action;
use crate::tui::dialogs::{
    ChoiceKey, ConfirmKey, FinderKey, FormKey, Found, HelpKey, Overlay, PastKey, PromptKey, VarsKey,
};
use crate::tui::message::Effect;
use crate::tui::state::App;

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    // The dialog is taken out while it handles the key, and put back if it stays open.
    match std::mem::replace(&mut app.overlay, Overlay::None) {
        Overlay::None => {}
        Overlay::Help(mut help) => {
            return match help.key(&key, &app.keymap, app.last_frame.help) {
                HelpKey::Stay => {
                    app.overlay = Overlay::Help(help);
                    Vec::new()
                }
                HelpKey::Close => Vec::new(),
                HelpKey::Quit => act(app, Action::Quit),
            };
        }
        Overlay::Prompt(mut prompt) => {
            return match prompt.key(key) {
                PromptKey::Typing => {
                    app.overlay = Overlay::Prompt(prompt);
                    Vec::new()
                }
                PromptKey::Submit => prompts::submitted(app, prompt),
                PromptKey::Cancel => Vec::new(),
            };
        }
        Overlay::Form(mut form) => {
            let (collection, at) = form.scope();
            form.vocabulary = super::vocabulary::in_scope(app, collection, at);
            return match form.key(key) {
                FormKey::Typing => {
                    app.overlay = Overlay::Form(form);
                    Vec::new()
                }
                FormKey::Submit => answers::form_submitted(app, *form),
                FormKey::Cancel => {
                    answers::close(app);
                    Vec::new()
                }
            };
        }
        Overlay::Choice(mut choice) => {
            return match choice.key(key, &app.keymap) {
                ChoiceKey::Moving => {
                    app.overlay = Overlay::Choice(choice);
                    Vec::new()
                }
                ChoiceKey::Chosen => answers::chosen(app, &choice),
                ChoiceKey::Cancel => {
                    answers::close(app);
                    Vec::new()
                }
            };
        }
        Overlay::Confirm(confirm) => {
            return match confirm.key(key) {
                ConfirmKey::Waiting => {
                    app.overlay = Overlay::Confirm(confirm);
                    Vec::new()
                }
                ConfirmKey::Answered(answer) => answers::confirmed(app, confirm, answer),
            };
        }
        Overlay::TextEditor(editor) => return answers::editor_key(app, editor, key),
        Overlay::Finder(mut finder) => {
            return match finder.key(key) {
                FinderKey::Stay => {
                    app.overlay = Overlay::Finder(finder);
                    Vec::new()
                }
                FinderKey::Cancel => Vec::new(),
                FinderKey::Chosen(Found::Action(action)) => act(app, action),
                FinderKey::Chosen(Found::Request(id)) => {
                    navigation::select_request(app, id.collection, &id.path);
                    navigation::request_opened(app);
                    app.focus = crate::tui::state::Pane::Request;
                    Vec::new()
                }
            };
        }
        Overlay::Cookies(mut list) => {
            use crate::tui::dialogs::CookiesKey;
            let asked = list.key(&key);
            let jar = app.jars.existing(list.collection, app.environment.as_deref());
            let collection = list.collection;
            let changed = match (&asked, &jar) {
                (CookiesKey::Remove(domain, path, name), Some(jar)) => {
                    jar.remove(domain, path, name);
                    app.message = Some(format!("deleted the cookie {name}"));
                    true
                }
                (CookiesKey::Clear, Some(jar)) if !jar.is_empty() => {
                    jar.clear();
                    app.message = Some("emptied the cookie jar".to_owned());
                    true
                }
                (CookiesKey::Clear, _) => {
                    app.message = Some("the cookie jar is empty already".to_owned());
                    false
                }
                _ => false,
            };
            list.refresh(crate::tui::dialogs::rows_of(jar.as_deref(), app.now.wall));
            app.overlay = if asked == CookiesKey::Close {
                Overlay::None
            } else {
                Overlay::Cookies(list)
            };
            return if changed {
                super::sending::keep_cookies(app, collection)
                    .into_iter()
                    .collect()
            } else {
                Vec::new()
            };
        }
        Overlay::Copy(mut menu) => {
            let asked = menu.key(&key);
            app.overlay = Overlay::Copy(menu);
            return match asked {
                crate::tui::dialogs::CopyKey::Stay => Vec::new(),
                crate::tui::dialogs::CopyKey::Close => {
                    app.overlay = Overlay::None;
                    Vec::new()
                }
                crate::tui::dialogs::CopyKey::Copy { text, what } => {
                    app.overlay = Overlay::None;
                    super::actions::copied(app, text, &what)
                }
            };
        }
        Overlay::Past(mut past) => {
            let asked = past.key(&key);
            app.overlay = Overlay::Past(past);
            return match asked {
                PastKey::Close => {
                    app.overlay = Overlay::None;
                    Vec::new()
                }
                PastKey::Stay => Vec::new(),
                PastKey::Show(id) => vec![Effect::ReadPast { id, compare: None }],
                PastKey::Compare(older, newer) => vec![Effect::ReadPast {
                    id: newer,
                    compare: Some(older),
                }],
            };
        }
        Overlay::Variables(mut view) => {
            let Some(collection) = app.collection(view.collection).cloned() else {
                return Vec::new();
            };
            return match view.key(key, &app.keymap, &collection) {
                VarsKey::Stay => {
                    app.overlay = Overlay::Variables(view);
                    Vec::new()
                }
                VarsKey::Close => Vec::new(),
                VarsKey::Open(form) => {
                    app.editing.return_to = Some(view);
                    app.overlay = Overlay::Form(form);
                    Vec::new()
                }
                VarsKey::Ask(confirm) => {
                    app.editing.return_to = Some(view);
                    app.overlay = Overlay::Confirm(confirm);
                    Vec::new()
                }
                VarsKey::Apply(answer) => {
                    app.overlay = Overlay::Variables(view);
                    answers::apply_or_say(app, answer);
                    Vec::new()
                }
                VarsKey::Act(action) => {
                    app.overlay = Overlay::Variables(view);
                    act(app, action)
                }
                VarsKey::Refuse(message) => {
                    app.message = Some(message);
                    app.overlay = Overlay::Variables(view);
                    Vec::new()
                }
            };
        }
    }
    if key.code == KeyCode::Esc {
        app.message = None;
        return Vec::new();
    }
    match app.keymap.action(&key) {
        Some(action) => act(app, action),
        None => Vec::new(),
    }
}

/// Pasted text goes to the open text field or prompt, if any.
pub fn on_paste(app: &mut App, text: &str) {
    match &mut app.overlay {
        Overlay::Form(form) => form.paste(text),
        Overlay::TextEditor(editor) => editor.paste(text),
        Overlay::Prompt(prompt) => prompt.insert(text),
        Overlay::Finder(finder) => finder.insert(text),
        _ => {}
    }
}
