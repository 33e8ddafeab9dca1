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

/// The Options tab shows a request's expectations and `e` edits them as YAML, checked as the
/// loader checks them: a bad JSONPath stays in the editor with its line, a good block is
/// written to the file, and `d` removes it.
#[test]
fn expectations_are_shown_and_edited_on_the_options_tab() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Options;
    cursor_to(&mut app, |s| *s == Slot::Expect);
    let screen = crate::tui::tests::render(&app, 120, 40);
    assert!(screen.contains("expect           status: 401"), "{screen}");
    press(&mut app, KeyCode::Char('e'));
    let Overlay::TextEditor(editor) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(editor.text(), "status: 401");
    assert_eq!(editor.problem, None);

    // A body test whose path is not a JSONPath: refused, located, nothing written.
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "body:");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "error: { exists: true }");
    let Overlay::TextEditor(editor) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    let problem = editor.problem.clone().unwrap_or_default();
    assert!(
        problem.starts_with("line 3, column 3: `error` is not a JSONPath"),
        "{problem}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Overlay::TextEditor(_)), "esc is refused");
    assert_eq!(text_of(&app, &demo()), original());

    // Fixed: `$.error`.
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    keys(&mut app, "$.");
    press(&mut app, KeyCode::Esc);
    assert!(is_none(&app.overlay), "{:?}", app.message);
    let expect = request(&app, "Get me").unwrap().expect.unwrap();
    assert_eq!(expect.body[0].path, "$.error");
    let text = text_of(&app, &demo());
    assert!(
        text.contains(
            "    expect:\n      status: 401\n      body:\n        $.error:\n          exists: true\n"
        ),
        "{text}"
    );

    // `d` on the slot removes the whole block.
    cursor_to(&mut app, |s| *s == Slot::Expect);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(request(&app, "Get me").unwrap().expect, None);
    assert!(!text_of(&app, &demo()).contains("$.error"));
}
