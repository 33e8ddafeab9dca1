//! Editing collections from the TUI, driven the way a user drives it: keys (and the odd
//! named action) into `update`, then the state, the file's text in memory and the effects
//! checked. Nothing here writes a collection file: a save is an `Effect::Save` the test
//! looks at and never carries out, and the tests about files changing on disk work on a
//! copy of the demo collection in a temporary directory.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{app, focus, select};
use crate::collection::edit::{Table, VarScope};
use crate::collection::store::OnConflict;
use crate::collection::{Body, Request, RequestPath, Variables};
use crate::diagnosis::tests::Ex;
use crate::session::Workspace;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Pane, RequestTab};
use crate::tui::edit::dialog::Question;
use crate::tui::edit::slots::{Slot, slots};
use crate::tui::edit::vars::{VarRow, var_rows};
use crate::tui::keymap::Keymap;
use crate::tui::msg::{Effect, Msg};
use crate::tui::update::update;

/// Where the demo collection is, as the tests' app loaded it.
const DEMO: &str = "collections/demo.yaml";

fn demo() -> PathBuf {
    PathBuf::from(DEMO)
}

// ---- Sending input ------------------------------------------------------------------------

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    update(
        app,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

/// Types `text` one key at a time.
fn keys(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| press(app, KeyCode::Char(c))).collect()
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    update(app, Msg::Action(action))
}

/// Clears the focused field of the open form and types `text` into it.
fn retype(app: &mut App, text: &str) {
    ctrl(app, 'u');
    keys(app, text);
}

// ---- Reading the state --------------------------------------------------------------------

/// The text of a file as the app holds it in memory (it must have read it by now).
fn text_of(app: &App, path: &Path) -> String {
    app.editing.docs[path].text.clone()
}

/// Has the app read a file now (it reads them when first needed), and returns its text.
fn opened(app: &mut App, path: &Path) -> String {
    crate::tui::edit::files::open(app, path).unwrap();
    text_of(app, path)
}

/// The text of the demo file as it is on disk (and as the app read it).
fn original() -> String {
    std::fs::read_to_string(DEMO).unwrap()
}

fn request(app: &App, path: &str) -> Option<Request> {
    app.collection(0)?.find(&RequestPath::parse(path)).cloned()
}

fn request_count(app: &App) -> usize {
    app.collection(0).unwrap().requests().len()
}

fn selected_path(app: &App) -> Option<String> {
    app.selected().map(|(_, p)| p.to_string())
}

/// The slots of the selected request on the current tab.
fn current_slots(app: &App) -> Vec<Slot> {
    let (c, p) = app.selected().unwrap();
    let request = app.collection(c).unwrap().find(p).unwrap();
    slots(request, app.request_tab, &app.editing.disabled)
}

/// Moves the request pane's cursor onto the first slot matching `wanted`.
fn cursor_to(app: &mut App, wanted: impl Fn(&Slot) -> bool) {
    let index = current_slots(app)
        .iter()
        .position(wanted)
        .unwrap_or_else(|| panic!("no such slot in {:?}", current_slots(app)));
    act(app, Action::Top);
    for _ in 0..index {
        press(app, KeyCode::Char('j'));
    }
    assert_eq!(app.editing.cursor, index);
}

/// The values of the open form's fields.
fn form_values(app: &App) -> Vec<String> {
    match &app.overlay {
        Overlay::Form(form) => form.values(),
        other => panic!("no form open: {other:?}"),
    }
}

fn is_none(overlay: &Overlay) -> bool {
    matches!(overlay, Overlay::None)
}

/// Line numbers (1-based) where two texts differ, for texts with the same number of lines.
fn changed_lines(before: &str, after: &str) -> Vec<usize> {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(a.len(), b.len(), "the number of lines changed");
    (0..a.len()).filter(|i| a[*i] != b[*i]).map(|i| i + 1).collect()
}

/// Lines present in `after` and not in `before`, and the other way round.
fn line_diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let added = b
        .iter()
        .filter(|l| !a.contains(l))
        .map(|l| (*l).to_owned())
        .collect();
    let removed = a
        .iter()
        .filter(|l| !b.contains(l))
        .map(|l| (*l).to_owned())
        .collect();
    (added, removed)
}

fn saves(effects: &[Effect]) -> Vec<(&PathBuf, &String, &String, OnConflict)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save {
                path,
                expected,
                text,
                on_conflict,
            } => Some((path, expected, text, *on_conflict)),
            _ => None,
        })
        .collect()
}

/// The demo collection copied to a temporary directory, and an app on the copy.
fn app_on_copy() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.yaml");
    std::fs::copy(DEMO, &path).unwrap();
    let workspace = Workspace::load(&path);
    assert!(workspace.errors.is_empty(), "{:?}", workspace.errors);
    let app = App::new(workspace, Keymap::default(), Variables::new());
    (dir, path, app)
}

// ---- The URL, saving ----------------------------------------------------------------------

#[test]
fn editing_the_url_changes_one_line_and_saving_writes_the_edited_text() {
    let mut app = app();
    let before = original();
    assert_eq!(
        opened(&mut app, &demo()),
        before,
        "the app reads the file as it is"
    );
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    assert_eq!(current_slots(&app)[app.editing.cursor], Slot::Url);

    press(&mut app, KeyCode::Char('e'));
    assert_eq!(form_values(&app), ["{{ base_url }}/v1/me"], "prefilled");
    retype(&mut app, "{{ base_url }}/v1/users/me");
    assert!(press(&mut app, KeyCode::Enter).is_empty());

    assert!(is_none(&app.overlay));
    assert_eq!(request(&app, "Get me").unwrap().url, "{{ base_url }}/v1/users/me");
    let after = text_of(&app, &demo());
    let changed = changed_lines(&before, &after);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(
        after.lines().nth(changed[0] - 1),
        Some(r#"    url: "{{ base_url }}/v1/users/me""#)
    );
    assert_eq!(app.editing.dirty_files(), [demo()]);

    let effects = ctrl(&mut app, 's');
    let saves = saves(&effects);
    assert_eq!(saves.len(), 1, "{effects:?}");
    let (path, expected, text, on_conflict) = saves[0];
    assert_eq!(path, &demo());
    assert_eq!(text, &after);
    assert_eq!(expected, &before);
    assert_eq!(on_conflict, OnConflict::Stop);
    assert_eq!(effects.len(), 1, "nothing but the save");
}

#[test]
fn a_finished_save_marks_only_the_text_that_was_written_as_saved() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://one");
    press(&mut app, KeyCode::Enter);
    let written = text_of(&app, &demo());
    assert_eq!(saves(&act(&mut app, Action::Save)).len(), 1);
    assert!(
        act(&mut app, Action::Save).is_empty(),
        "one save of a file at a time"
    );

    // An edit made while the save is on its way stays unsaved; the second save asked for
    // meanwhile follows as soon as the first is done.
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://two");
    press(&mut app, KeyCode::Enter);
    let effects = update(
        &mut app,
        Msg::Saved {
            path: demo(),
            result: Ok(()),
        },
    );
    assert_eq!(app.editing.docs[&demo()].saved, written);
    assert_eq!(app.editing.dirty_files(), [demo()]);
    let saves = saves(&effects);
    assert_eq!(saves.len(), 1);
    assert_eq!(saves[0].1, &written, "expected on disk: what was written");
    assert!(saves[0].2.contains(r#"url: "http://two""#), "{}", saves[0].2);
}

// ---- Header rows --------------------------------------------------------------------------

/// Adds a header to the selected request through the two-field form.
fn add_header(app: &mut App, name: &str, value: &str) {
    press(app, KeyCode::Char('a'));
    assert_eq!(form_values(app), ["", ""]);
    keys(app, name);
    press(app, KeyCode::Enter); // to the value
    keys(app, value);
    press(app, KeyCode::Enter); // submit
    assert!(is_none(&app.overlay), "{:?}", app.message);
}

#[test]
fn a_header_is_added_through_the_two_field_form() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Headers;
    add_header(&mut app, "X-Trace", "1");

    // Tab moves between the fields too, and back.
    press(&mut app, KeyCode::Char('a'));
    keys(&mut app, "X-Tenant");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "acme");
    press(&mut app, KeyCode::BackTab);
    keys(&mut app, "-Id");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);

    let headers = request(&app, "Get me").unwrap().headers;
    assert_eq!(
        headers,
        [
            ("X-Trace".to_owned(), "1".to_owned()),
            ("X-Tenant-Id".to_owned(), "acme".to_owned())
        ]
    );
    assert!(
        text_of(&app, &demo()).contains("    headers:\n      X-Trace: \"1\"\n      X-Tenant-Id: acme\n"),
        "{}",
        text_of(&app, &demo())
    );
}

#[test]
fn a_switched_off_header_is_a_comment_in_the_file_and_space_switches_it_back_on() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Headers;
    add_header(&mut app, "X-Trace", "1");
    add_header(&mut app, "X-Debug", "on");
    let both = text_of(&app, &demo());

    cursor_to(&mut app, |s| matches!(s, Slot::Row { index: 0, .. }));
    press(&mut app, KeyCode::Char(' '));
    let text = text_of(&app, &demo());
    assert!(
        text.contains("      # X-Trace: \"1\"\n      X-Debug: \"on\"\n"),
        "{text}"
    );
    assert_eq!(
        request(&app, "Get me").unwrap().headers,
        [("X-Debug".to_owned(), "on".to_owned())],
        "a switched-off header is not sent"
    );
    let slots = current_slots(&app);
    assert!(
        matches!(&slots[1], Slot::Off { table: Table::Headers, row } if row.name == "X-Trace" && row.value == "1"),
        "{slots:?}"
    );
    assert!(matches!(slots[2], Slot::Row { index: 0, .. }));

    // The cursor is still on it: space switches it back on, in its place.
    assert_eq!(app.editing.cursor, 1);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(text_of(&app, &demo()), both);
    assert_eq!(request(&app, "Get me").unwrap().headers.len(), 2);
}

#[test]
fn the_only_header_can_be_switched_off_and_on() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Headers;
    add_header(&mut app, "X-Trace", "1");
    let with = text_of(&app, &demo());

    cursor_to(&mut app, |s| matches!(s, Slot::Row { .. }));
    press(&mut app, KeyCode::Char(' '));
    assert!(
        text_of(&app, &demo()).contains(r#"# X-Trace: "1""#),
        "{:?}",
        app.message
    );
    assert!(request(&app, "Get me").unwrap().headers.is_empty());
    assert!(matches!(current_slots(&app)[1], Slot::Off { .. }));
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(text_of(&app, &demo()), with, "{:?}", app.message);
}

#[test]
fn d_deletes_a_header_row_and_a_switched_off_one() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Headers;
    let before = original();
    add_header(&mut app, "X-Trace", "1");
    add_header(&mut app, "X-Debug", "on");

    cursor_to(&mut app, |s| matches!(s, Slot::Row { index: 1, .. }));
    press(&mut app, KeyCode::Char(' '));
    cursor_to(&mut app, |s| matches!(s, Slot::Row { index: 0, .. }));
    press(&mut app, KeyCode::Char('d'));
    assert!(request(&app, "Get me").unwrap().headers.is_empty());
    let text = text_of(&app, &demo());
    assert!(!text.contains("X-Trace"), "{text}");
    assert!(
        text.contains(r#"# X-Debug: "on""#),
        "the switched-off row stays: {text}"
    );

    cursor_to(&mut app, |s| matches!(s, Slot::Off { .. }));
    press(&mut app, KeyCode::Char('d'));
    let text = text_of(&app, &demo());
    assert!(!text.contains("X-Debug"), "{text}");
    assert_eq!(current_slots(&app), [Slot::Url]);
    // Nothing else in the file changed; at most the emptied `headers:` key is left.
    let (added, removed) = line_diff(&before, &text);
    assert!(removed.is_empty(), "{removed:?}");
    assert!(added.iter().all(|l| l.trim() == "headers:"), "{added:?}");
}

// ---- Undo and redo ------------------------------------------------------------------------

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

// ---- Requests in the tree -----------------------------------------------------------------

#[test]
fn renaming_a_request_keeps_its_last_response_and_its_selection() {
    let mut app = app();
    select(&mut app, "Auth/Log in");
    super::finish(&mut app, &Ex::get("http://x/v1/login").status(200));
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(form_values(&app), ["Log in"]);
    retype(&mut app, "Sign in");
    press(&mut app, KeyCode::Enter);

    assert!(is_none(&app.overlay), "{:?}", app.message);
    assert!(request(&app, "Auth/Log in").is_none());
    assert!(request(&app, "Auth/Sign in").is_some());
    assert_eq!(selected_path(&app).as_deref(), Some("Auth/Sign in"));
    assert_eq!(
        app.selected_done().and_then(crate::tui::app::Done::status),
        Some(200)
    );
    assert!(!app.requests.contains_key(&(0, "Auth/Log in".to_owned())));
    assert!(text_of(&app, &demo()).contains("      - name: Sign in\n"));
}

#[test]
fn a_request_renamed_while_in_flight_gets_its_result_under_the_new_name() {
    let mut app = app();
    select(&mut app, "Auth/Log in");
    let effects = act(&mut app, Action::Send);
    let Some(Effect::Send { ticket, key, .. }) =
        effects.into_iter().find(|e| matches!(e, Effect::Send { .. }))
    else {
        panic!("a send");
    };
    press(&mut app, KeyCode::Char('r'));
    retype(&mut app, "Sign in");
    press(&mut app, KeyCode::Enter);
    let old = RequestPath::parse("Auth/Log in");
    let sent = crate::session::Sent {
        collection: 0,
        path: old.clone(),
        prepared: app
            .session()
            .prepare(&app.workspace, 0, &RequestPath::parse("Auth/Sign in")),
        outcome: Some(Ex::get("http://x/v1/login").status(200).outcome()),
        needed_by: None,
    };
    update(
        &mut app,
        Msg::Sent {
            ticket,
            key,
            results: vec![sent],
        },
    );
    let state = &app.requests[&(0, "Auth/Sign in".to_owned())];
    assert!(
        matches!(state.flight, crate::tui::app::Flight::Idle),
        "not stuck sending"
    );
    assert_eq!(
        state.last.as_ref().and_then(crate::tui::app::Done::status),
        Some(200)
    );
}

#[test]
fn renaming_to_a_sibling_name_is_refused_with_the_form_kept_and_nothing_changed() {
    let mut app = app();
    select(&mut app, "Get me");
    press(&mut app, KeyCode::Char('r'));
    retype(&mut app, "List users");
    press(&mut app, KeyCode::Enter);

    let Overlay::Form(form) = &app.overlay else {
        panic!("the form stays open: {:?}", app.overlay);
    };
    assert_eq!(form.values(), ["List users"], "what was typed is kept");
    let note = form.note.clone().unwrap_or_default();
    assert!(note.contains("List users"), "the note says why: {note}");
    assert_eq!(text_of(&app, &demo()), original());
    assert!(app.editing.dirty_files().is_empty());
    assert!(request(&app, "Get me").is_some());
    assert_eq!(selected_path(&app).as_deref(), Some("Get me"));

    // Esc gives up; undo has nothing to take back.
    press(&mut app, KeyCode::Esc);
    assert!(is_none(&app.overlay));
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn deleting_a_request_asks_first() {
    let mut app = app();
    let before = request_count(&app);
    select(&mut app, "Server errors/Crash");
    for answer in [KeyCode::Char('n'), KeyCode::Esc] {
        press(&mut app, KeyCode::Char('d'));
        let Overlay::Confirm(confirm) = &app.overlay else {
            panic!("asks first: {:?}", app.overlay);
        };
        assert!(confirm.text.contains("Server errors/Crash"), "{}", confirm.text);
        press(&mut app, answer);
        assert!(is_none(&app.overlay));
        assert!(request(&app, "Server errors/Crash").is_some());
        assert!(app.editing.dirty_files().is_empty());
    }
    // Keys that answer nothing leave the question open.
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('x'));
    assert!(matches!(app.overlay, Overlay::Confirm(_)));
    press(&mut app, KeyCode::Char('y'));
    assert!(is_none(&app.overlay));
    assert!(request(&app, "Server errors/Crash").is_none());
    assert!(!text_of(&app, &demo()).contains("name: Crash"));
    assert_eq!(request_count(&app), before - 1);
}

#[test]
fn a_new_request_asks_for_its_name_then_its_url_and_is_selected() {
    let mut app = app();
    select(&mut app, "Users/Create user");
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(form_values(&app), [""]);
    keys(&mut app, "Update user");
    press(&mut app, KeyCode::Enter);

    // The request exists now, and its URL is asked for next.
    assert!(request(&app, "Users/Update user").is_some());
    assert_eq!(form_values(&app), [""]);
    let Overlay::Form(form) = &app.overlay else {
        unreachable!()
    };
    assert_eq!(form.title, "URL");
    keys(&mut app, "{{ base_url }}/v1/users/{{ user_id }}");
    press(&mut app, KeyCode::Enter);

    assert!(is_none(&app.overlay));
    let new = request(&app, "Users/Update user").unwrap();
    assert_eq!(new.url, "{{ base_url }}/v1/users/{{ user_id }}");
    assert_eq!(new.method, "GET");
    assert_eq!(selected_path(&app).as_deref(), Some("Users/Update user"));
    assert_eq!(app.focus, Pane::Request);
    // The last of its folder.
    let users: Vec<String> = app
        .collection(0)
        .unwrap()
        .requests()
        .iter()
        .filter(|(p, _)| p.0[0] == "Users")
        .map(|(p, _)| p.name().to_owned())
        .collect();
    assert_eq!(users.last().map(String::as_str), Some("Update user"));
}

#[test]
fn duplicating_puts_a_numbered_copy_right_after_the_original_and_selects_it() {
    let mut app = app();
    select(&mut app, "Auth/Log in");
    press(&mut app, KeyCode::Char('D'));
    assert_eq!(selected_path(&app).as_deref(), Some("Auth/Log in copy"));
    select(&mut app, "Auth/Log in");
    press(&mut app, KeyCode::Char('D'));
    assert_eq!(selected_path(&app).as_deref(), Some("Auth/Log in copy 2"));

    let names: Vec<String> = app
        .collection(0)
        .unwrap()
        .requests()
        .iter()
        .filter(|(p, _)| p.0[0] == "Auth")
        .map(|(p, _)| p.name().to_owned())
        .collect();
    assert_eq!(
        names,
        [
            "Log in",
            "Log in copy 2",
            "Log in copy",
            "Log in with a wrong password",
            "Admin stats"
        ]
    );
    let original = request(&app, "Auth/Log in").unwrap();
    let copy = request(&app, "Auth/Log in copy").unwrap();
    assert_eq!(copy.body, original.body);
    assert_eq!(copy.url, original.url);
    assert_eq!(copy.method, "POST");
}

#[test]
fn the_method_is_chosen_from_a_list_by_letter_and_enter() {
    let mut app = app();
    select(&mut app, "Get me");
    press(&mut app, KeyCode::Char('M'));
    let Overlay::Choice(choice) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(choice.value(), Some("GET"), "starts on the current method");
    keys(&mut app, "p");
    let Overlay::Choice(choice) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(choice.value(), Some("POST"));
    keys(&mut app, "p");
    press(&mut app, KeyCode::Enter);
    assert!(is_none(&app.overlay));
    assert_eq!(request(&app, "Get me").unwrap().method, "PUT");
    let (added, removed) = line_diff(&original(), &text_of(&app, &demo()));
    assert_eq!(added, ["    method: PUT"], "written where it was missing");
    assert!(removed.is_empty());

    // Esc leaves it as it is.
    press(&mut app, KeyCode::Char('M'));
    keys(&mut app, "d");
    press(&mut app, KeyCode::Esc);
    assert_eq!(request(&app, "Get me").unwrap().method, "PUT");
}

// ---- The body editor ----------------------------------------------------------------------

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
            value: serde_json::json!([{ "name": "Ada", "email": "ada@example.com" }]),
            content_type: None
        })
    );
    assert_eq!(app.editing.dirty_files(), [demo()]);
}

// ---- Quitting with unsaved edits ----------------------------------------------------------

/// An app with one unsaved edit to the demo file.
fn edited_app() -> App {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://edited");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.editing.dirty_files(), [demo()]);
    app
}

fn quit_question(app: &App) -> bool {
    matches!(&app.overlay, Overlay::Confirm(c) if c.question == Question::Quit)
}

#[test]
fn quitting_with_unsaved_edits_asks_and_c_keeps_editing() {
    let mut app = edited_app();
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.quit);
    assert!(quit_question(&app), "{:?}", app.overlay);
    press(&mut app, KeyCode::Char('c'));
    assert!(!app.quit);
    assert!(is_none(&app.overlay));
    assert_eq!(app.editing.dirty_files(), [demo()]);

    // Esc is "neither" too.
    ctrl(&mut app, 'c');
    assert!(quit_question(&app));
    press(&mut app, KeyCode::Esc);
    assert!(!app.quit);
    assert!(is_none(&app.overlay));
}

#[test]
fn quitting_and_discarding_drops_the_edits_and_quits() {
    let mut app = edited_app();
    press(&mut app, KeyCode::Char('q'));
    let effects = press(&mut app, KeyCode::Char('d'));
    assert!(effects.is_empty(), "nothing is written");
    assert!(app.quit);
    assert!(app.editing.dirty_files().is_empty());
    assert_eq!(text_of(&app, &demo()), original());
}

#[test]
fn quitting_and_saving_quits_only_once_the_save_is_done() {
    let mut app = edited_app();
    press(&mut app, KeyCode::Char('q'));
    let effects = press(&mut app, KeyCode::Char('s'));
    let saves = saves(&effects);
    assert_eq!(saves.len(), 1, "{effects:?}");
    assert_eq!(saves[0].2, &text_of(&app, &demo()));
    assert!(!app.quit, "not before the file is written");
    update(
        &mut app,
        Msg::Saved {
            path: demo(),
            result: Ok(()),
        },
    );
    assert!(app.quit);
    assert!(app.editing.dirty_files().is_empty());
}

#[test]
fn a_failed_save_on_the_way_out_does_not_quit() {
    let mut app = edited_app();
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('s'));
    update(
        &mut app,
        Msg::Saved {
            path: demo(),
            result: Err(crate::collection::store::SaveError::ReadOnly { path: demo() }),
        },
    );
    assert!(!app.quit);
    assert_eq!(app.editing.dirty_files(), [demo()], "the edits are kept");
    assert!(
        app.message.as_deref().unwrap_or_default().contains("not saved"),
        "{:?}",
        app.message
    );
}

// ---- The variables dialog -----------------------------------------------------------------

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
    assert_eq!(env.get("user_id").map(String::as_str), Some("7"));
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
        env.get("user_id").map(String::as_str),
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

// ---- Files changing on disk ---------------------------------------------------------------

#[test]
fn a_file_changed_event_with_nothing_new_on_disk_does_nothing() {
    let mut app = edited_app();
    let edited = text_of(&app, &demo());
    app.message = None;
    update(&mut app, Msg::FileChanged(demo()));
    assert_eq!(text_of(&app, &demo()), edited);
    assert_eq!(app.editing.dirty_files(), [demo()]);
    assert!(app.editing.conflicts.is_empty());
    assert!(is_none(&app.overlay));
    assert_eq!(app.message, None);
}

#[test]
fn a_clean_file_changed_on_disk_is_reloaded() {
    let (_dir, path, mut app) = app_on_copy();
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("/v1/me\"", "/v1/whoami\"");
    std::fs::write(&path, &theirs).unwrap();
    update(&mut app, Msg::FileChanged(path.clone()));
    assert_eq!(request(&app, "Get me").unwrap().url, "{{ base_url }}/v1/whoami");
    assert_eq!(text_of(&app, &path), theirs);
    assert!(app.editing.dirty_files().is_empty());
    assert!(is_none(&app.overlay));
}

#[test]
fn a_dirty_file_changed_on_disk_is_a_conflict_and_r_takes_theirs() {
    let (_dir, path, mut app) = app_on_copy();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://mine");
    press(&mut app, KeyCode::Enter);

    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("/v1/me\"", "/v1/whoami\"");
    std::fs::write(&path, &theirs).unwrap();
    update(&mut app, Msg::FileChanged(path.clone()));
    assert_eq!(app.editing.conflicts.get(&path), Some(&theirs));
    assert!(
        is_none(&app.overlay),
        "said in the status bar, not asked: no key is taken"
    );
    assert!(app.message.as_deref().unwrap().contains("changed on disk"));
    assert!(saves(&ctrl(&mut app, 's')).is_empty(), "saving asks first");
    assert!(
        matches!(&app.overlay, Overlay::Confirm(c) if c.question == Question::Conflict { path: path.clone() }),
        "{:?}",
        app.overlay
    );
    assert_eq!(
        request(&app, "Get me").unwrap().url,
        "http://mine",
        "nothing taken yet"
    );

    press(&mut app, KeyCode::Char('r'));
    assert!(is_none(&app.overlay));
    assert_eq!(request(&app, "Get me").unwrap().url, "{{ base_url }}/v1/whoami");
    assert_eq!(text_of(&app, &path), theirs);
    assert!(app.editing.dirty_files().is_empty());
    assert!(app.editing.conflicts.is_empty());
    // Taking theirs is a step like any other: undo brings the edits back, unsaved.
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(request(&app, "Get me").unwrap().url, "http://mine");
    assert_eq!(app.editing.dirty_files(), std::slice::from_ref(&path));
}

#[test]
fn saving_after_a_conflict_asks_again_and_o_overwrites() {
    let (_dir, path, mut app) = app_on_copy();
    let ours_before = opened(&mut app, &path);
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://mine");
    press(&mut app, KeyCode::Enter);
    let theirs = ours_before.replace("/v1/me\"", "/v1/whoami\"");
    std::fs::write(&path, &theirs).unwrap();
    update(&mut app, Msg::FileChanged(path.clone()));
    assert!(is_none(&app.overlay));
    assert!(app.editing.conflicts.contains_key(&path), "decided when saving");

    assert!(saves(&ctrl(&mut app, 's')).is_empty(), "asks first");
    assert!(matches!(&app.overlay, Overlay::Confirm(c) if matches!(c.question, Question::Conflict { .. })));
    let effects = press(&mut app, KeyCode::Char('o'));
    let saves = saves(&effects);
    assert_eq!(saves.len(), 1, "{effects:?}");
    assert_eq!(saves[0].3, OnConflict::Overwrite);
    assert!(saves[0].2.contains(r#"url: "http://mine""#));
}

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

// ---- Bugs found in review --------------------------------------------------------------
//
// Each test states the right behaviour the fix brought.

/// An app on a copy of the demo, with an unsaved URL edit and a different version of the
/// file on disk the user chose to decide about later (`k`).
fn app_with_a_kept_conflict() -> (tempfile::TempDir, PathBuf, App) {
    let (dir, path, mut app) = app_on_copy();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://mine");
    press(&mut app, KeyCode::Enter);
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("/v1/me\"", "/v1/whoami\"");
    std::fs::write(&path, theirs).unwrap();
    update(&mut app, Msg::FileChanged(path.clone()));
    press(&mut app, KeyCode::Char('k'));
    assert!(app.editing.conflicts.contains_key(&path));
    (dir, path, app)
}

#[test]
fn a_save_and_quit_that_stopped_at_a_conflict_does_not_quit_on_a_later_save() {
    let (_dir, path, mut app) = app_with_a_kept_conflict();
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('s')); // save and quit: the conflict is asked about
    press(&mut app, KeyCode::Char('r')); // take theirs instead; no save, no quit
    assert!(!app.quit);

    // Much later, an ordinary edit and save.
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://later");
    press(&mut app, KeyCode::Enter);
    assert_eq!(saves(&ctrl(&mut app, 's')).len(), 1);
    update(&mut app, Msg::Saved { path, result: Ok(()) });
    assert!(!app.quit, "an ordinary save must not quit the app");
}

#[test]
fn overwriting_one_conflicted_file_does_not_overwrite_another() {
    let dir = tempfile::tempdir().unwrap();
    let text = original();
    std::fs::write(dir.path().join("a.yaml"), &text).unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        text.replace("name: Demo API", "name: Other API"),
    )
    .unwrap();
    let mut app = App::new(Workspace::load(dir.path()), Keymap::default(), Variables::new());
    for collection in 0..2 {
        let path = app.collection(collection).unwrap().source.clone();
        let workspace = std::sync::Arc::clone(&app.workspace);
        app.tree
            .reveal(&workspace, collection, &RequestPath::parse("Get me"));
        focus(&mut app, Pane::Request);
        press(&mut app, KeyCode::Char('e'));
        retype(&mut app, "http://mine");
        press(&mut app, KeyCode::Enter);
        let theirs = std::fs::read_to_string(&path)
            .unwrap()
            .replace("/v1/me\"", "/v1/theirs\"");
        std::fs::write(&path, theirs).unwrap();
        update(&mut app, Msg::FileChanged(path));
        press(&mut app, KeyCode::Char('k'));
    }
    assert_eq!(app.editing.conflicts.len(), 2);

    ctrl(&mut app, 's');
    let Overlay::Confirm(confirm) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    let Question::Conflict { path: asked } = confirm.question.clone() else {
        panic!("{confirm:?}");
    };
    let effects = press(&mut app, KeyCode::Char('o'));
    let overwritten: Vec<&PathBuf> = saves(&effects)
        .into_iter()
        .filter(|s| s.3 == OnConflict::Overwrite)
        .map(|s| s.0)
        .collect();
    assert_eq!(overwritten, [&asked], "only the file asked about is overwritten");
}

#[test]
fn a_conflict_goes_away_when_the_file_on_disk_goes_back() {
    let (_dir, path, mut app) = app_with_a_kept_conflict();
    let saved = app.editing.docs[&path].saved.clone();
    std::fs::write(&path, &saved).unwrap(); // e.g. `git stash`
    update(&mut app, Msg::FileChanged(path.clone()));
    assert!(
        app.editing.conflicts.is_empty(),
        "nothing on disk conflicts any more"
    );
    // So a save goes straight ahead, asking nothing.
    let effects = ctrl(&mut app, 's');
    assert_eq!(saves(&effects).len(), 1, "{effects:?}");
    assert!(is_none(&app.overlay), "no conflict question: {:?}", app.overlay);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(
        app.editing.docs[&path].saved,
        std::fs::read_to_string(&path).unwrap()
    );
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
        variables.get("token").map(String::as_str),
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
    assert_eq!(environment.get("token").map(String::as_str), Some("demo-token"));
    assert_eq!(text_of(&app, &demo()), original());
}

#[test]
fn j_jumps_to_json_in_the_body_kind_list() {
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
    assert_eq!(choice.value(), Some("json"), "from `text`");
}

#[test]
fn a_switched_off_query_parameter_with_brackets_can_be_switched_back_on() {
    let mut app = app();
    select(&mut app, "List users");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('a'));
    keys(&mut app, "filter[status]");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "open");
    press(&mut app, KeyCode::Enter);
    let with = text_of(&app, &demo());
    cursor_to(&mut app, |s| matches!(s, Slot::Row { index: 2, .. }));
    press(&mut app, KeyCode::Char(' '));
    assert!(text_of(&app, &demo()).contains("# \"filter[status]\": open"));
    assert!(
        current_slots(&app)
            .iter()
            .any(|s| matches!(s, Slot::Off { row, .. } if row.name == "filter[status]")),
        "the switched-off row shows: {:?}",
        current_slots(&app)
    );
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(text_of(&app, &demo()), with);
}

#[test]
fn undoing_a_rename_brings_the_last_response_back_with_the_old_name() {
    let mut app = app();
    select(&mut app, "Auth/Log in");
    super::finish(&mut app, &Ex::get("http://x/v1/login").status(200));
    press(&mut app, KeyCode::Char('r'));
    retype(&mut app, "Sign in");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(selected_path(&app).as_deref(), Some("Auth/Log in"));
    assert_eq!(
        app.selected_done().and_then(crate::tui::app::Done::status),
        Some(200)
    );
}

#[test]
fn a_new_request_does_not_inherit_the_response_of_a_deleted_one() {
    let mut app = app();
    select(&mut app, "Server errors/Crash");
    super::finish(&mut app, &Ex::get("http://x/v1/crash").status(500));
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    select(&mut app, "Server errors/Bad gateway");
    press(&mut app, KeyCode::Char('a'));
    keys(&mut app, "Crash");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc); // no URL yet
    assert_eq!(selected_path(&app).as_deref(), Some("Server errors/Crash"));
    assert!(app.selected_done().is_none(), "never sent, so no response");
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
fn ctrl_keys_do_not_answer_a_question() {
    let mut app = edited_app();
    ctrl(&mut app, 'c'); // quit: asks
    assert!(quit_question(&app));
    ctrl(&mut app, 'd');
    assert!(!app.quit);
    assert_eq!(app.editing.dirty_files(), [demo()], "the edits are not discarded");
}

// ---- Review regressions --------------------------------------------------------------------

/// An app on a small collection written to a temporary directory.
fn app_on_text(text: &str) -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    std::fs::write(&path, text).unwrap();
    let app = App::new(Workspace::load(&path), Keymap::default(), Variables::new());
    (dir, path, app)
}

#[test]
fn a_form_open_across_a_reload_still_edits_the_row_it_was_opened_on() {
    let (_dir, path, mut app) = app_on_text(
        "name: C\nrequests:\n  - name: A\n    url: http://x\n    headers:\n      Accept: json\n      X-Trace: on\n",
    );
    select(&mut app, "A");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Headers;
    cursor_to(&mut app, |s| matches!(s, Slot::Row { index: 1, .. }));
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(form_values(&app), ["X-Trace", "on"]);

    // Someone adds a header at the top while the form is open; the file here is clean, so it
    // reloads under the dialog.
    std::fs::write(
        &path,
        "name: C\nrequests:\n  - name: A\n    url: http://x\n    headers:\n      Authorization: Bearer xyz\n      Accept: json\n      X-Trace: on\n",
    )
    .unwrap();
    update(&mut app, Msg::FileChanged(path.clone()));
    press(&mut app, KeyCode::Enter); // to the value
    retype(&mut app, "off");
    press(&mut app, KeyCode::Enter);

    let text = text_of(&app, &path);
    assert!(text.contains("      Accept: json\n"), "{text}");
    assert!(text.contains("      X-Trace: \"off\"\n"), "{text}");
    assert!(text.contains("Authorization: Bearer xyz"), "{text}");
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

#[test]
fn edits_made_while_saving_on_the_way_out_stop_the_quit_for_good() {
    let mut app = edited_app();
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(saves(&press(&mut app, KeyCode::Char('s'))).len(), 1);
    // Another edit lands before the save finishes.
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://later");
    press(&mut app, KeyCode::Enter);
    update(
        &mut app,
        Msg::Saved {
            path: demo(),
            result: Ok(()),
        },
    );
    assert!(!app.quit, "the newer edit would be lost");
    assert!(!app.editing.quit_after_save);
    // An ordinary save later does not quit either.
    assert_eq!(saves(&ctrl(&mut app, 's')).len(), 1);
    update(
        &mut app,
        Msg::Saved {
            path: demo(),
            result: Ok(()),
        },
    );
    assert!(!app.quit);
}

#[test]
fn a_file_is_read_when_first_needed_and_edits_start_from_what_it_holds_then() {
    let (_dir, path, mut app) = app_on_text("name: C\nrequests:\n  - name: A\n    url: http://old\n");
    assert!(
        app.editing.docs.is_empty(),
        "nothing read at start-up beyond the load"
    );
    std::fs::write(&path, "name: C\nrequests:\n  - name: A\n    url: http://new\n").unwrap();
    select(&mut app, "A");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(
        form_values(&app),
        ["http://new"],
        "the selection read the file as it is now"
    );
}

#[test]
fn hints_in_the_request_pane_name_the_keys_as_bound() {
    let mut app = app();
    assert!(app.keymap.apply("toggle_resolved: [R]\nadd: [A]\n").is_empty());
    select(&mut app, "Get me");
    app.request_tab = RequestTab::Params;
    let screen = super::render(&app, 160, 48);
    assert!(screen.contains("no query parameters (A adds one)"), "{screen}");
    app.request_tab = RequestTab::Headers;
    let screen = super::render(&app, 160, 48);
    assert!(
        screen.contains("auth are added when sent; R shows them"),
        "{screen}"
    );
}
