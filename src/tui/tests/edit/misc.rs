//! The rest: nothing edited while the request is shown resolved, and hints that name the
//! keys as bound.

use crossterm::event::KeyCode;

use crate::tui::dialogs::Overlay;
use crate::tui::state::{Pane, RequestTab};
use crate::tui::tests::edit::{app, focus, is_none, press, select};

#[test]
fn nothing_is_edited_while_the_request_is_shown_resolved() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('v'));
    assert!(app.show_resolved);
    press(&mut app, KeyCode::Char('e'));
    assert!(is_none(&app.overlay));
    assert!(
        app.message
            .as_deref()
            .unwrap_or_default()
            .contains("v shows it as written"),
        "{:?}",
        app.message
    );
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('e'));
    assert!(matches!(app.overlay, Overlay::Form(_)));
}

#[test]
fn hints_in_the_request_pane_name_the_keys_as_bound() {
    let mut app = app();
    assert!(app.keymap.apply("toggle_resolved: [R]\nadd: [A]\n").is_empty());
    select(&mut app, "Get me");
    app.request_tab = RequestTab::Params;
    let screen = crate::tui::tests::edit::render(&app, 160, 48);
    assert!(screen.contains("no query parameters (A adds one)"), "{screen}");
    app.request_tab = RequestTab::Headers;
    let screen = crate::tui::tests::edit::render(&app, 160, 48);
    assert!(
        screen.contains("auth are added when sent; R shows them"),
        "{screen}"
    );
}
