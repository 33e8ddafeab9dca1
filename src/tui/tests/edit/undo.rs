//! Undo and redo: the exact texts brought back, a new edit dropping the redo, and a form
//! submitted unchanged not being an edit.

use crossterm::event::KeyCode;

use crate::tui::state::Pane;
use crate::tui::tests::edit::{
    app, demo, focus, is_none, keys, opened, press, request, retype, select, text_of,
};

#[test]
fn undo_and_redo_restore_the_exact_texts_across_two_edits() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    let t0 = opened(&mut app, &demo());
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://one");
    press(&mut app, KeyCode::Enter);
    let t1 = text_of(&app, &demo());
    press(&mut app, KeyCode::Char('M'));
    keys(&mut app, "d");
    press(&mut app, KeyCode::Enter);
    let t2 = text_of(&app, &demo());
    assert!(t0 != t1 && t1 != t2);
    assert_eq!(request(&app, "Get me").unwrap().method, "DELETE");

    press(&mut app, KeyCode::Char('u'));
    assert_eq!(text_of(&app, &demo()), t1);
    assert_eq!(
        app.message.as_deref(),
        Some("undone: method of Get me (demo.yaml)"),
        "says what was undone"
    );
    assert_eq!(
        request(&app, "Get me").unwrap().method,
        "GET",
        "the workspace follows"
    );
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(text_of(&app, &demo()), t0);
    assert!(app.editing.dirty_files().is_empty(), "back to what is on disk");
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.message.as_deref(), Some("nothing to undo"));

    press(&mut app, KeyCode::Char('U'));
    assert_eq!(text_of(&app, &demo()), t1);
    press(&mut app, KeyCode::Char('U'));
    assert_eq!(text_of(&app, &demo()), t2);
    assert_eq!(request(&app, "Get me").unwrap().url, "http://one");
    press(&mut app, KeyCode::Char('U'));
    assert_eq!(app.message.as_deref(), Some("nothing to redo"));
    assert_eq!(text_of(&app, &demo()), t2);
}

#[test]
fn a_new_edit_after_undo_drops_the_redo() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://one");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('u'));
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://two");
    press(&mut app, KeyCode::Enter);
    let two = text_of(&app, &demo());
    press(&mut app, KeyCode::Char('U'));
    assert_eq!(text_of(&app, &demo()), two);
    assert_eq!(request(&app, "Get me").unwrap().url, "http://two");
}

#[test]
fn an_unchanged_form_is_not_an_edit() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Enter);
    assert!(is_none(&app.overlay));
    assert!(app.editing.undo_order.is_empty());
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn a_method_of_ones_own_is_typed_from_the_chooser_and_must_be_a_token() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    opened(&mut app, &demo());
    press(&mut app, KeyCode::Char('M'));
    press(&mut app, KeyCode::Char('G')); // the last entry: other…
    press(&mut app, KeyCode::Enter);
    retype(&mut app, "PROP FIND");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.message.as_deref().is_some_and(|m| m.contains("one token"))
            || matches!(&app.overlay, crate::tui::dialogs::Overlay::Form(f) if f.note.as_deref().is_some_and(|n| n.contains("one token"))),
        "a space is refused: {:?} {:?}",
        app.message,
        app.overlay
    );
    retype(&mut app, "PROPFIND");
    press(&mut app, KeyCode::Enter);
    assert_eq!(request(&app, "Get me").unwrap().method, "PROPFIND");
}
