//! What editing does when the file behind a collection misbehaves: it is not there, is not
//! text, cannot be read, or vanishes mid-session. Each case says why and loses no edit.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{focus, select};
use crate::collection::{RequestPath, Variables, parse_collection};
use crate::session::Workspace;
use crate::tui::app::{App, Overlay, Pane};
use crate::tui::keymap::Keymap;
use crate::tui::msg::Msg;
use crate::tui::update::update;

const DEMO: &str = include_str!("../../../collections/demo.yaml");

fn press(app: &mut App, code: KeyCode) {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// An app whose one collection was loaded from `path` (which the test may then break).
fn app_on(path: &Path) -> App {
    let collection = parse_collection(DEMO, path).unwrap();
    App::new(
        Workspace::from_collections(vec![collection]),
        Keymap::default(),
        Variables::new(),
    )
}

/// An app on a copy of the demo in a temporary directory.
fn app_on_copy() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.yaml");
    std::fs::write(&path, DEMO).unwrap();
    let app = app_on(&path);
    (dir, path, app)
}

/// Edits the URL of `Get me` through its form.
fn edit_url(app: &mut App, url: &str) {
    select(app, "Get me");
    focus(app, Pane::Request);
    press(app, KeyCode::Char('e'));
    update(
        app,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    for c in url.chars() {
        press(app, KeyCode::Char(c));
    }
    press(app, KeyCode::Enter);
}

fn url_of_get_me(app: &App) -> String {
    app.collection(0)
        .unwrap()
        .find(&RequestPath::parse("Get me"))
        .unwrap()
        .url
        .clone()
}

fn message(app: &App) -> &str {
    app.message.as_deref().unwrap_or_default()
}

/// Why the open form refused its answer (the form stays open with what was typed).
fn refusal(app: &App) -> String {
    match &app.overlay {
        Overlay::Form(form) => {
            assert_eq!(form.values(), ["http://mine"], "what was typed is kept");
            form.note.clone().unwrap_or_default()
        }
        other => panic!("the form should stay open: {other:?}"),
    }
}

#[test]
fn a_collection_with_no_file_behind_it_says_it_cannot_be_saved() {
    let mut app = app_on(Path::new("built-in/demo.yaml"));
    edit_url(&mut app, "http://mine");
    let why = refusal(&app);
    assert!(why.contains("built into apibench"), "{why}");
    assert_eq!(url_of_get_me(&app), "{{ base_url }}/v1/me", "nothing changed");
    assert!(app.editing.dirty_files().is_empty());
}

#[test]
fn a_file_that_is_no_longer_text_is_not_edited() {
    let (_dir, path, mut app) = app_on_copy();
    std::fs::write(&path, b"requests: []\n\xff\xfe").unwrap();
    edit_url(&mut app, "http://mine");
    let why = refusal(&app);
    assert!(why.contains("not UTF-8"), "{why}");
    assert!(app.editing.dirty_files().is_empty());
}

#[test]
fn a_file_deleted_under_unsaved_edits_keeps_them_and_says_a_save_writes_it_again() {
    let (_dir, path, mut app) = app_on_copy();
    edit_url(&mut app, "http://mine");
    std::fs::remove_file(&path).unwrap();
    update(&mut app, Msg::FileChanged(path.clone()));
    assert!(message(&app).contains("was deleted on disk"), "{}", message(&app));
    assert_eq!(url_of_get_me(&app), "http://mine");
    assert_eq!(app.editing.dirty_files(), std::slice::from_ref(&path));
}

#[test]
fn a_file_deleted_with_nothing_open_leaves_its_requests_in_place_quietly() {
    let (_dir, path, mut app) = app_on_copy();
    std::fs::remove_file(&path).unwrap();
    update(&mut app, Msg::FileChanged(path));
    assert_eq!(app.message, None);
    assert_eq!(url_of_get_me(&app), "{{ base_url }}/v1/me");
}

#[test]
fn a_path_that_cannot_be_read_is_reported_and_changes_nothing() {
    let (_dir, path, mut app) = app_on_copy();
    edit_url(&mut app, "http://mine");
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap(); // reading a directory fails, and not as "not found"
    update(&mut app, Msg::FileChanged(path.clone()));
    assert!(message(&app).starts_with("cannot read"), "{}", message(&app));
    assert_eq!(url_of_get_me(&app), "http://mine");
}

#[test]
fn taking_theirs_when_theirs_is_gone_keeps_the_edits() {
    let (_dir, path, mut app) = app_on_copy();
    edit_url(&mut app, "http://mine");
    std::fs::remove_file(&path).unwrap();
    crate::tui::edit::files::take_theirs(&mut app, &path);
    assert!(message(&app).contains("your edits are kept"), "{}", message(&app));
    assert_eq!(url_of_get_me(&app), "http://mine");
    assert_eq!(app.editing.dirty_files(), std::slice::from_ref(&path));
}
