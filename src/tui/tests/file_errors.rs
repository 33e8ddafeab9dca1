//! What editing does when the file behind a collection misbehaves: it is not there, is not
//! text, cannot be read, vanishes mid-session, or changes under an open dialog. Each case
//! says why, writes nothing it should not, and loses no edit.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::collection::{RequestPath, Variables, parse_collection};
use crate::session::Workspace;
use crate::tui::action::Action;
use crate::tui::dialogs::Overlay;
use crate::tui::keymap::Keymap;
use crate::tui::message::Msg;
use crate::tui::state::{App, Pane, RequestTab};
use crate::tui::state::{Slot, selected_slots};
use crate::tui::tests::step;
use crate::tui::tests::{app_on_text, focus, select};

const DEMO: &str = include_str!("../../../collections/demo.yaml");

fn press(app: &mut App, code: KeyCode) {
    step(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
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
    step(
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
        .to_string()
}

fn message(app: &App) -> &str {
    app.message.as_deref().unwrap_or_default()
}

#[test]
fn a_collection_with_no_file_behind_it_says_so_before_anything_is_typed() {
    let mut app = app_on(Path::new("built-in/demo.yaml"));
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('e'));
    assert!(
        matches!(app.overlay, Overlay::None),
        "no form opens: {:?}",
        app.overlay
    );
    let why = message(&app).to_owned();
    assert!(why.contains("built into apibench"), "{why}");
    // The whole reason can be read, wrapped, even at 80 columns: in the message log.
    app.size = (80, 24);
    press(&mut app, KeyCode::Char('L'));
    let screen = crate::tui::tests::render(&app, 80, 24);
    let words: Vec<&str> = screen
        .split(|c: char| c.is_whitespace() || c == '│' || c == '"')
        .filter(|w| !w.is_empty())
        .collect();
    assert!(words.join(" ").contains(&why), "{screen}");
    assert_eq!(url_of_get_me(&app), "{{ base_url }}/v1/me", "nothing changed");
    assert!(app.editing.dirty_files().is_empty());
}

#[test]
fn a_file_that_is_no_longer_text_is_not_edited() {
    let (_dir, path, mut app) = app_on_copy();
    std::fs::write(&path, b"requests: []\n\xff\xfe").unwrap();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('e'));
    assert!(matches!(app.overlay, Overlay::None), "no form opens");
    assert!(message(&app).contains("not UTF-8"), "{}", message(&app));
    assert!(app.editing.dirty_files().is_empty());
}

#[test]
fn a_file_deleted_under_unsaved_edits_keeps_them_and_says_a_save_writes_it_again() {
    let (_dir, path, mut app) = app_on_copy();
    edit_url(&mut app, "http://mine");
    std::fs::remove_file(&path).unwrap();
    step(&mut app, Msg::FileChanged(path.clone()));
    assert!(message(&app).contains("was deleted on disk"), "{}", message(&app));
    assert_eq!(url_of_get_me(&app), "http://mine");
    assert_eq!(app.editing.dirty_files(), std::slice::from_ref(&path));
}

#[test]
fn a_file_deleted_with_nothing_open_leaves_its_requests_in_place_quietly() {
    let (_dir, path, mut app) = app_on_copy();
    std::fs::remove_file(&path).unwrap();
    step(&mut app, Msg::FileChanged(path));
    assert_eq!(app.message, None);
    assert_eq!(url_of_get_me(&app), "{{ base_url }}/v1/me");
}

#[test]
fn a_path_that_cannot_be_read_is_reported_and_changes_nothing() {
    let (_dir, path, mut app) = app_on_copy();
    edit_url(&mut app, "http://mine");
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap(); // reading a directory fails, and not as "not found"
    step(&mut app, Msg::FileChanged(path.clone()));
    assert!(message(&app).starts_with("cannot read"), "{}", message(&app));
    assert_eq!(url_of_get_me(&app), "http://mine");
}

#[test]
fn taking_theirs_when_theirs_is_gone_keeps_the_edits() {
    let (_dir, path, mut app) = app_on_copy();
    edit_url(&mut app, "http://mine");
    std::fs::remove_file(&path).unwrap();
    crate::tui::update::files::take_theirs(&mut app, &path);
    assert!(message(&app).contains("your edits are kept"), "{}", message(&app));
    assert_eq!(url_of_get_me(&app), "http://mine");
    assert_eq!(app.editing.dirty_files(), std::slice::from_ref(&path));
}

/// Puts the request pane's cursor on the first slot of `tab` that `wanted` picks.
fn cursor_to(app: &mut App, tab: RequestTab, wanted: impl Fn(&Slot) -> bool) {
    select(app, "A");
    focus(app, Pane::Request);
    app.request_tab = tab;
    let (c, p) = app.selected().unwrap();
    let request = app.collection(c).unwrap().find(p).unwrap();
    let index = selected_slots(app, request)
        .iter()
        .position(wanted)
        .expect("such a slot");
    step(app, Msg::Action(Action::Top));
    for _ in 0..index {
        press(app, KeyCode::Char('j'));
    }
}

const ONE_HEADER: &str =
    "name: C\nrequests:\n  - name: A\n    url: http://x\n    headers:\n      X-Trace: on\n";

#[test]
fn a_row_removed_on_disk_while_its_form_is_open_is_not_written_anywhere_else() {
    let (_dir, path, mut app) = app_on_text(ONE_HEADER);
    cursor_to(&mut app, RequestTab::Headers, |s| matches!(s, Slot::Row { .. }));
    press(&mut app, KeyCode::Char('e'));
    std::fs::write(&path, ONE_HEADER.replace("X-Trace: on", "Accept: json")).unwrap();
    step(&mut app, Msg::FileChanged(path.clone()));
    press(&mut app, KeyCode::Enter); // to the value
    press(&mut app, KeyCode::Enter);
    let Overlay::Form(form) = &app.overlay else {
        panic!("the form should stay open: {:?}", app.overlay);
    };
    let why = form.note.clone().unwrap_or_default();
    assert!(why.contains("changed on disk while you were editing it"), "{why}");
    assert!(app.editing.dirty_files().is_empty(), "nothing was edited");
}

#[test]
fn a_row_without_a_name_is_refused() {
    let (_dir, _path, mut app) = app_on_text(ONE_HEADER);
    cursor_to(&mut app, RequestTab::Headers, |s| matches!(s, Slot::Row { .. }));
    press(&mut app, KeyCode::Char('e'));
    step(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(&app.overlay, Overlay::Form(f) if f.note.as_deref() == Some("a row needs a name")),
        "{:?}",
        app.overlay
    );
}

#[test]
fn a_body_changed_on_disk_under_the_text_editor_is_not_overwritten() {
    let text = "name: C\nrequests:\n  - name: A\n    url: http://x\n    body:\n      text: mine\n";
    let (_dir, path, mut app) = app_on_text(text);
    cursor_to(&mut app, RequestTab::Body, |s| *s == Slot::BodyText);
    press(&mut app, KeyCode::Char('e'));
    assert!(matches!(app.overlay, Overlay::TextEditor(_)), "{:?}", app.overlay);
    press(&mut app, KeyCode::Char('!'));
    std::fs::write(&path, text.replace("text: mine", "text: theirs")).unwrap();
    step(&mut app, Msg::FileChanged(path.clone()));
    press(&mut app, KeyCode::Esc); // applies the text
    assert!(
        message(&app).contains("changed on disk while you were editing it"),
        "{}",
        message(&app)
    );
    assert!(
        matches!(app.overlay, Overlay::TextEditor(_)),
        "the editor stays open"
    );
    let body = app
        .collection(0)
        .unwrap()
        .find(&RequestPath::parse("A"))
        .unwrap()
        .body
        .clone();
    assert_eq!(
        body,
        Some(crate::collection::Body::Text {
            text: crate::template::Template::parse("theirs").unwrap(),
            content_type: None
        })
    );
}

// ---- Opening $EDITOR ------------------------------------------------------------------------

fn open_editor_on_get_me(app: &mut App) {
    select(app, "Get me");
    focus(app, Pane::Tree);
    step(app, Msg::Action(Action::OpenEditor));
}

#[test]
fn the_editor_opens_at_the_selected_requests_line() {
    let (_dir, path, mut app) = app_on_copy();
    open_editor_on_get_me(&mut app);
    let line = DEMO.lines().position(|l| l.trim() == "- name: Get me").unwrap() + 1;
    assert_eq!(
        app.suspend,
        Some(crate::tui::state::Suspend::Editor { path, line })
    );
}

#[test]
fn the_editor_is_not_opened_over_unsaved_edits_or_without_a_file() {
    let (_dir, _path, mut app) = app_on_copy();
    edit_url(&mut app, "http://mine");
    open_editor_on_get_me(&mut app);
    assert_eq!(app.suspend, None);
    assert!(
        message(&app).contains("has unsaved edits here; save them first"),
        "{}",
        message(&app)
    );

    let mut app = app_on(Path::new("built-in/demo.yaml"));
    open_editor_on_get_me(&mut app);
    assert_eq!(app.suspend, None);
    assert!(
        message(&app).contains("has no file to save to"),
        "{}",
        message(&app)
    );
}

#[test]
fn a_collection_with_no_file_is_not_looked_for_again_on_every_key() {
    let source = Path::new("built-in/demo.yaml");
    let mut app = app_on(source);
    select(&mut app, "Get me");
    press(&mut app, KeyCode::Char('j'));
    let generation = app.editing.generation;
    assert!(
        matches!(app.editing.disabled_cache.get(source), Some((at, rows)) if *at == generation && rows.is_empty()),
        "the failed open is remembered until something changes"
    );
    assert!(app.editing.docs.is_empty());
}

// ---- The .env beside a collection ---------------------------------------------------------

#[test]
fn a_dotenv_changed_on_disk_is_read_again_and_never_taken_for_a_collection() {
    use crate::template::EnvLookup;
    const NAME: &str = "APIBENCH_TUI_TEST_DOTENV_ONLY";
    let (dir, path, mut app) = app_on_text(ONE_HEADER);
    let dotenv = dir.path().join(".env");
    assert_eq!(
        app.workspace.files(),
        [path.clone(), dotenv.clone()],
        "watched beside the file"
    );
    let value = |app: &App| app.workspace.env(0).lookup(NAME).map(|(v, _)| v);

    std::fs::write(&dotenv, "not a valid line ' \n").unwrap();
    step(&mut app, Msg::FileChanged(dotenv.clone()));
    assert!(message(&app).contains("has a problem"), "{}", message(&app));
    assert_eq!(app.workspace.errors.len(), 1, "{:?}", app.workspace.errors);
    assert_eq!(
        app.workspace.collections[0].source, path,
        "the collection is still loaded"
    );

    std::fs::write(&dotenv, format!("{NAME}=fixed\n")).unwrap();
    step(&mut app, Msg::FileChanged(dotenv.clone()));
    assert!(message(&app).starts_with("read "), "{}", message(&app));
    assert!(app.workspace.errors.is_empty(), "{:?}", app.workspace.errors);
    assert_eq!(value(&app).as_deref(), Some("fixed"));
}

// ---- A file that does not load ------------------------------------------------------------

#[test]
fn a_broken_file_is_listed_at_its_error_and_opens_there_while_the_others_load() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.yaml"), ONE_HEADER).unwrap();
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "name: B\nrequests:\n  - name: X\n   url: http://x\n").unwrap();
    let mut app = App::new(Workspace::load(dir.path()), Keymap::default(), Variables::new());
    assert_eq!(app.workspace.collections.len(), 1, "the good file loads");

    let screen = crate::tui::tests::render(&app, 160, 48);
    assert!(screen.contains("✘ broken.yaml:4:"), "{screen}");
    assert!(screen.contains("GET    A"), "{screen}");

    let row = app
        .tree
        .rows
        .iter()
        .position(|r| matches!(r, crate::tui::state::Row::Broken { .. }))
        .expect("a row for the broken file");
    app.tree.selected = row;
    press(&mut app, KeyCode::Enter);
    assert!(
        message(&app).starts_with(&format!("{}:4:", broken.display())),
        "{}",
        message(&app)
    );
    step(&mut app, Msg::Action(Action::OpenEditor));
    assert!(
        matches!(&app.suspend, Some(crate::tui::state::Suspend::Editor { path, line: 4 }) if *path == broken),
        "{:?}",
        app.suspend
    );
}
