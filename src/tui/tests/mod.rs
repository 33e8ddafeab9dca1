//! TUI tests: `update` as a pure function (state and effects, no terminal), and snapshots
//! of every pane drawn on a `TestBackend`.

mod edit;
mod file_errors;
mod snapshots;
mod untrusted;
mod update;

use std::path::Path;
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::{App, Done, Flight, Pane};
use super::body::BodyView;
use super::keymap::Keymap;
use super::tree::Row;
use crate::collection::{RequestPath, Variables, parse_collection};
use crate::diagnosis::Clock;
use crate::diagnosis::tests::{Ex, T0, at};
use crate::session::{Sent, Workspace};

/// The demo collection as shipped.
pub fn demo_workspace() -> Workspace {
    let text = include_str!("../../../collections/demo.yaml");
    Workspace::from_collections(vec![
        parse_collection(text, Path::new("collections/demo.yaml")).unwrap(),
    ])
}

/// One second after the factory exchanges start, in UTC: every countdown reads the same.
fn pinned() -> Clock {
    Clock::utc(at(T0 + 1))
}

/// A fresh app on the demo collection, with a pinned clock and no colours.
pub fn app() -> App {
    let mut app = App::new(demo_workspace(), Keymap::default(), Variables::new());
    app.clock = pinned;
    app.theme = super::theme::Theme { color: false };
    app.size = (160, 48);
    app
}

/// An app on a small collection written to a temporary directory.
pub fn app_on_text(text: &str) -> (tempfile::TempDir, std::path::PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    std::fs::write(&path, text).unwrap();
    let app = App::new(Workspace::load(&path), Keymap::default(), Variables::new());
    (dir, path, app)
}

/// Selects the request at `path` in the tree.
pub fn select(app: &mut App, path: &str) {
    let wanted = RequestPath::parse(path);
    app.tree.selected = app
        .tree
        .rows
        .iter()
        .position(|r| matches!(r, Row::Request { path, .. } if *path == wanted))
        .unwrap_or_else(|| panic!("no request {path}"));
}

/// Gives the selected request a finished exchange, as `update` would after a send, with its
/// body built synchronously.
pub fn finish(app: &mut App, ex: &Ex) {
    let (collection, path) = app
        .selected()
        .map(|(c, p)| (c, p.clone()))
        .expect("a request is selected");
    let prepared = app.session().prepare(&app.workspace, collection, &path);
    let outcome = ex.outcome();
    let body = outcome.exchange().map(|e| {
        Arc::new(BodyView::build(
            e.response.body.clone(),
            e.response.header("content-type"),
        ))
    });
    let sent = Sent {
        collection,
        path: path.clone(),
        prepared: prepared.clone(),
        outcome: Some(outcome.clone()),
        needed_by: None,
    };
    let checklist = app.diagnose(collection, &sent);
    let state = app.requests.entry(App::key_of(collection, &path)).or_default();
    state.flight = Flight::Idle;
    let mut done = Done::new(prepared, Some(outcome), checklist, 1);
    done.body = body;
    state.last = Some(done);
}

/// The whole screen as text.
pub fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| super::view::draw(f, app)).unwrap();
    terminal.backend().to_string()
}

/// Focuses a pane (in narrow layouts, the pane shown).
pub fn focus(app: &mut App, pane: Pane) {
    app.focus = pane;
}
