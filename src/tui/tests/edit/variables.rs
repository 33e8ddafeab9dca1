//! The variables dialog: variables and environments added, renamed and deleted, and a value
//! over several lines left alone.

use crossterm::event::KeyCode;

use crate::collection::edit::VarScope;
use crate::tui::action::Action;
use crate::tui::dialogs::Overlay;
use crate::tui::dialogs::{VarRow, var_rows};
use crate::tui::state::App;
use crate::tui::tests::edit::{
    act, app, app_on_text, demo, form_values, is_none, keys, original, press, retype, text_of,
};

/// Where the variables dialog's cursor is.
fn vars_cursor(app: &App) -> usize {
    match &app.overlay {
        Overlay::Variables(view) => view.cursor,
        other => panic!("no variables dialog: {other:?}"),
    }
}

fn vars_rows(app: &App) -> Vec<VarRow> {
    var_rows(app.collection(0).unwrap())
}

/// Moves the variables dialog's cursor, with j and k, to the first row matching `wanted`.
fn vars_cursor_to(app: &mut App, wanted: impl Fn(&VarRow) -> bool) {
    let index = vars_rows(app).iter().position(wanted).expect("a row");
    while vars_cursor(app) > index {
        press(app, KeyCode::Char('k'));
    }
    while vars_cursor(app) < index {
        press(app, KeyCode::Char('j'));
    }
}

#[test]
fn a_variable_is_added_to_an_environment_and_deleted_again() {
    let mut app = app();
    press(&mut app, KeyCode::Char('V'));
    assert!(matches!(app.overlay, Overlay::Variables(_)), "{:?}", app.overlay);
    let logged_in = VarScope::Environment("logged-in".to_owned());
    vars_cursor_to(&mut app, |r| *r == VarRow::Heading(logged_in.clone()));
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(form_values(&app), ["", ""]);
    keys(&mut app, "user_id");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "7");
    press(&mut app, KeyCode::Enter);

    assert!(
        matches!(app.overlay, Overlay::Variables(_)),
        "back to the dialog: {:?}",
        app.overlay
    );
    let env = &app.collection(0).unwrap().environments["logged-in"];
    assert_eq!(
        env.get("user_id").map(crate::template::Template::as_str),
        Some("7")
    );
    assert!(
        text_of(&app, &demo()).contains("  logged-in:\n    token: demo-token\n    user_id: \"7\"\n"),
        "{}",
        text_of(&app, &demo())
    );

    vars_cursor_to(
        &mut app,
        |r| matches!(r, VarRow::Var { scope, name, .. } if *scope == logged_in && name == "user_id"),
    );
    press(&mut app, KeyCode::Char('d'));
    assert!(matches!(app.overlay, Overlay::Variables(_)));
    assert_eq!(text_of(&app, &demo()), original());

    // Esc closes the dialog.
    press(&mut app, KeyCode::Esc);
    assert!(is_none(&app.overlay));
}

#[test]
fn a_variable_is_added_to_an_empty_environment() {
    let mut app = app();
    press(&mut app, KeyCode::Char('V'));
    vars_cursor_to(&mut app, |r| {
        *r == VarRow::Heading(VarScope::Environment("local".to_owned()))
    });
    press(&mut app, KeyCode::Char('a'));
    keys(&mut app, "user_id");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "7");
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.overlay, Overlay::Variables(_)),
        "{:?} {:?}",
        app.overlay,
        app.message
    );
    let env = &app.collection(0).unwrap().environments["local"];
    assert_eq!(
        env.get("user_id").map(crate::template::Template::as_str),
        Some("7"),
        "{}",
        text_of(&app, &demo())
    );
}

#[test]
fn deleting_an_environment_asks_first() {
    let mut app = app();
    press(&mut app, KeyCode::Char('V'));
    let logged_in = VarScope::Environment("logged-in".to_owned());
    vars_cursor_to(&mut app, |r| *r == VarRow::Heading(logged_in.clone()));
    press(&mut app, KeyCode::Char('d'));
    assert!(matches!(app.overlay, Overlay::Confirm(_)), "{:?}", app.overlay);
    press(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.overlay, Overlay::Variables(_)), "back to the dialog");
    assert!(app.collection(0).unwrap().environments.contains_key("logged-in"));

    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    assert!(matches!(app.overlay, Overlay::Variables(_)), "back to the dialog");
    assert!(!app.collection(0).unwrap().environments.contains_key("logged-in"));
    assert!(!text_of(&app, &demo()).contains("  logged-in:"));
    let rows = vars_rows(&app).len();
    assert!(vars_cursor(&app) < rows, "the cursor is on a row");
}

#[test]
fn renaming_a_variable_onto_another_does_not_drop_that_one() {
    let mut app = app();
    press(&mut app, KeyCode::Char('V'));
    vars_cursor_to(
        &mut app,
        |r| matches!(r, VarRow::Var { name, .. } if name == "user_id"),
    );
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(form_values(&app), ["user_id", "42"]);
    retype(&mut app, "token");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let variables = &app.collection(0).unwrap().variables;
    assert_eq!(
        variables.get("token").map(crate::template::Template::as_str),
        Some("{{ env.DEMO_TOKEN }}"),
        "the other `token` is kept (the rename is refused, or asks)"
    );
}

#[test]
fn a_new_environment_with_an_existing_name_is_refused() {
    let mut app = app();
    press(&mut app, KeyCode::Char('V'));
    vars_cursor_to(&mut app, |r| *r == VarRow::NewEnvironment);
    press(&mut app, KeyCode::Char('a'));
    keys(&mut app, "logged-in");
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(&app.overlay, Overlay::Form(f) if f.note.as_deref().is_some_and(|n| n.contains("already"))),
        "the form stays, saying why: {:?}",
        app.overlay
    );
    let environment = &app.collection(0).unwrap().environments["logged-in"];
    assert_eq!(
        environment.get("token").map(crate::template::Template::as_str),
        Some("demo-token")
    );
    assert_eq!(text_of(&app, &demo()), original());
}

#[test]
fn a_value_written_over_several_lines_is_not_flattened_into_a_one_line_field() {
    let text = "name: C\nvariables:\n  cert: |\n    -----BEGIN-----\n    abc\n    -----END-----\nrequests:\n  - name: A\n    url: http://x\n";
    let (_dir, path, mut app) = app_on_text(text);
    act(&mut app, Action::Variables);
    press(&mut app, KeyCode::Down); // the `cert` row
    press(&mut app, KeyCode::Char('e'));
    assert!(
        matches!(app.overlay, Overlay::Variables(_)),
        "no one-line form: {:?}",
        app.overlay
    );
    assert!(
        app.message.as_deref().unwrap().contains("several lines"),
        "{:?}",
        app.message
    );
    assert_eq!(text_of(&app, &path), text);
}
