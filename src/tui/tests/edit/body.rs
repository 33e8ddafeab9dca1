//! The body: the JSON editor, which refuses broken JSON, and the body-kind list.

use crossterm::event::KeyCode;

use crate::collection::Body;
use crate::tui::dialogs::Overlay;
use crate::tui::state::Slot;
use crate::tui::state::{Pane, RequestTab};
use crate::tui::tests::edit::{
    app, cursor_to, demo, focus, is_none, keys, original, press, request, select, text_of,
};

#[test]
fn the_json_body_editor_refuses_broken_json_and_applies_a_fixed_one() {
    let mut app = app();
    select(&mut app, "Users/Create user");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Body;
    cursor_to(&mut app, |s| *s == Slot::BodyText);
    press(&mut app, KeyCode::Char('e'));
    let Overlay::TextEditor(editor) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(
        editor.text(),
        "{\n  \"name\": \"Ada\",\n  \"email\": \"ada@example.com\"\n}"
    );
    assert_eq!(editor.problem, None);

    // A `[` before the object: not JSON until it is closed.
    keys(&mut app, "[");
    let Overlay::TextEditor(editor) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert!(editor.problem.is_some());
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Overlay::TextEditor(_)), "esc is refused");
    assert_eq!(text_of(&app, &demo()), original());

    // Close it after the last `}`.
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::End);
    keys(&mut app, "]");
    let Overlay::TextEditor(editor) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(editor.problem, None, "{}", editor.text());
    press(&mut app, KeyCode::Esc);

    assert!(is_none(&app.overlay), "{:?}", app.message);
    let body = request(&app, "Users/Create user").unwrap().body;
    assert_eq!(
        body,
        Some(Body::Json {
            value: crate::template::JsonTemplate::parse(
                serde_json::json!([{ "name": "Ada", "email": "ada@example.com" }])
            )
            .unwrap(),
            content_type: None
        })
    );
    assert_eq!(app.editing.dirty_files(), [demo()]);
}

#[test]
fn j_moves_down_in_the_body_kind_list_and_letters_jump() {
    let mut app = app();
    select(&mut app, "Users/Create user as plain text");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Body;
    cursor_to(&mut app, |s| *s == Slot::BodyKind);
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Char('j'));
    let Overlay::Choice(choice) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(choice.value(), Some("form"), "one down from `text`");
    press(&mut app, KeyCode::Char('n'));
    let Overlay::Choice(choice) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(choice.value(), Some("none"), "a letter no move is bound to jumps");
}
