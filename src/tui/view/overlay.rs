//! What covers the panes: each dialog draws itself; the help screen also says how it measured.

use ratatui::Frame;

use crate::tui::dialogs::Overlay;
use crate::tui::state::{App, LastFrame};

pub fn draw(frame: &mut Frame<'_>, app: &App, measured: &mut LastFrame) {
    let theme = app.theme;
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help(help) => measured.help = help.draw(frame, theme, &app.keymap, &app.messages),
        Overlay::Prompt(prompt) => prompt.draw(frame, theme),
        Overlay::Finder(finder) => finder.draw(frame, theme),
        Overlay::Past(past) => past.draw(frame, theme),
        Overlay::Copy(menu) => menu.draw(frame, theme),
        Overlay::Cookies(list) => list.draw(frame, theme, &app.clock()),
        Overlay::Form(form) => form.draw(frame, theme),
        Overlay::Choice(choice) => choice.draw(frame, theme),
        Overlay::Confirm(confirm) => confirm.draw(frame, theme),
        Overlay::TextEditor(editor) => editor.draw(frame, theme),
        Overlay::Variables(view) => {
            if let Some(collection) = app.collection(view.collection) {
                view.draw(frame, theme, &app.keymap, collection, app.environment.as_deref());
            }
        }
    }
}
