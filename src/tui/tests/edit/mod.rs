//! Editing collections from the TUI, driven the way a user drives it: keys (and the odd
//! named action) into `update`, then the state, the file's text in memory and the effects
//! checked. Nothing here writes a collection file: a save is an `Effect::Save` the test
//! looks at and never carries out, and the tests about files changing on disk work on a
//! copy of the demo collection in a temporary directory.
//!
//! One file a topic; the helpers they share are here, those only one topic needs are in its file.

mod body;
mod completion;
mod disk;
mod misc;
mod quitting;
mod requests;
mod rows;
mod saving;
mod undo;
mod variables;

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

// `finish` and `render` are for the topic files, which call them as `crate::tui::tests::finish`, `crate::tui::tests::render`.
use crate::collection::store::OnConflict;
use crate::collection::{Request, RequestPath};
use crate::tui::action::Action;
use crate::tui::dialogs::Overlay;
use crate::tui::message::{Effect, Msg};
use crate::tui::state::{App, Pane};
use crate::tui::state::{Slot, selected_slots};
use crate::tui::tests::step;
use crate::tui::tests::{app, app_on_text, finish, focus, render, select};

/// Where the demo collection is, as the tests' app loaded it.
const DEMO: &str = "collections/demo.yaml";

fn demo() -> PathBuf {
    PathBuf::from(DEMO)
}

// ---- Sending input ------------------------------------------------------------------------

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    step(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    step(
        app,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

/// Types `text` one key at a time.
fn keys(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| press(app, KeyCode::Char(c))).collect()
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    step(app, Msg::Action(action))
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
    crate::tui::update::files::open(app, path).unwrap();
    text_of(app, path)
}

/// The text of the demo file as it is on disk (and as the app read it).
fn original() -> String {
    std::fs::read_to_string(DEMO).unwrap()
}

fn request(app: &App, path: &str) -> Option<Request> {
    app.collection(0)?.find(&RequestPath::parse(path)).cloned()
}

/// The slots of the selected request on the current tab.
/// Name/value rows as the text written, for comparing with expected rows.
fn texts(rows: &crate::collection::Pairs) -> Vec<(String, String)> {
    rows.iter()
        .map(|(name, value)| (name.clone(), value.to_string()))
        .collect()
}

fn current_slots(app: &App) -> Vec<Slot> {
    let (c, p) = app.selected().unwrap();
    let request = app.collection(c).unwrap().find(p).unwrap();
    selected_slots(app, request)
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
