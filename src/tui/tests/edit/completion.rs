//! Completion while typing in a form: the variables in scope after `{{`, header names and
//! their usual values, and a variable nothing defines flagged before the request is sent.

use crossterm::event::KeyCode;

use crate::tui::dialogs::Overlay;
use crate::tui::state::{Pane, RequestTab, Slot};
use crate::tui::tests::edit::{app, cursor_to, focus, keys, press, retype, select};

fn field(app: &crate::tui::state::App) -> String {
    match &app.overlay {
        Overlay::Form(form) => form.inputs[form.focus].value(),
        other => panic!("a form should be open: {other:?}"),
    }
}

#[test]
fn typing_a_template_offers_the_variables_and_tab_takes_one() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Params;
    cursor_to(&mut app, |s| *s == Slot::Url);
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "{{ ba");
    let screen = crate::tui::tests::render(&app, 120, 40);
    assert!(
        screen.contains("base_url") && screen.contains("http://127.0.0.1:8787"),
        "{screen}"
    );
    press(&mut app, KeyCode::Tab);
    assert_eq!(field(&app), "{{ base_url }}");
    keys(&mut app, "/v1/{{ nope }}");
    let screen = crate::tui::tests::render(&app, 120, 40);
    assert!(
        screen.contains("nothing defines `nope`"),
        "flagged as typed:\n{screen}"
    );
}

#[test]
fn a_header_name_and_its_value_are_completed() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Headers;
    press(&mut app, KeyCode::Char('a'));
    keys(&mut app, "conte");
    press(&mut app, KeyCode::Tab);
    assert_eq!(field(&app), "Content-Type");
    press(&mut app, KeyCode::Enter); // to the value
    keys(&mut app, "application/j");
    press(&mut app, KeyCode::Tab);
    assert_eq!(field(&app), "application/json");
}

#[test]
fn the_body_editor_offers_the_variables_too() {
    let mut app = app();
    select(&mut app, "Users/Create user");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Body;
    cursor_to(&mut app, |s| *s == Slot::BodyText);
    press(&mut app, KeyCode::Char('e'));
    assert!(matches!(app.overlay, Overlay::TextEditor(_)), "{:?}", app.overlay);
    press(&mut app, KeyCode::End);
    keys(&mut app, "{{ ba");
    let screen = crate::tui::tests::render(&app, 120, 40);
    assert!(
        screen.contains("tab takes:") && screen.contains("base_url"),
        "{screen}"
    );
    press(&mut app, KeyCode::Tab);
    let Overlay::TextEditor(editor) = &app.overlay else {
        panic!("the editor stays open");
    };
    assert!(editor.text().contains("{{ base_url }}"), "{}", editor.text());
}
