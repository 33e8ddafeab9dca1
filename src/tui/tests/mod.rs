//! TUI tests: `update` as a pure function (state and effects, no terminal), and snapshots
//! of every pane drawn on a `TestBackend`.

mod edit;
mod file_errors;
mod search;
mod sending;
mod snapshots;
mod untrusted;
mod update;

use std::path::Path;
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::collection::{RequestPath, Variables, parse_collection};
use crate::diagnosis::Clock;
use crate::diagnosis::tests::{Ex, T0, at};
use crate::session::{Exchanged, Sent, Workspace};
use crate::tui::body_view::BodyView;
use crate::tui::keymap::Keymap;
use crate::tui::message::{Effect, Msg};
use crate::tui::state::Row;
use crate::tui::state::{App, Now, Pane};
use crate::tui::update::update;

/// The demo collection as shipped.
pub fn demo_workspace() -> Workspace {
    let text = include_str!("../../../collections/demo.yaml");
    Workspace::from_collections(vec![
        parse_collection(text, Path::new("collections/demo.yaml")).unwrap(),
    ])
}

/// One second after the factory exchanges start: every countdown reads the same.
pub fn pinned() -> Now {
    at_second(1)
}

/// `seconds` after the factory exchanges start.
pub fn at_second(seconds: u64) -> Now {
    Now {
        instant: std::time::Instant::now(),
        wall: at(T0 + seconds),
    }
}

/// A fresh app on the demo collection, in UTC at a pinned time, with no colours.
pub fn app() -> App {
    let mut app = App::new(demo_workspace(), Keymap::default(), Variables::new());
    app.tz = Clock::utc(at(T0)).tz;
    app.now = pinned();
    app.theme = crate::tui::theme::Theme::PLAIN;
    app.size = (160, 48);
    app
}

/// Delivers a message as the event loop does: through `update` at the pinned time, then a
/// frame drawn at the app's size and what it measured reported back.
pub fn step(app: &mut App, msg: Msg) -> Vec<Effect> {
    step_at(app, msg, pinned())
}

/// `step` at another moment.
pub fn step_at(app: &mut App, msg: Msg, now: Now) -> Vec<Effect> {
    let effects = update(app, msg, now);
    let mut effects = find_switched_off(app, effects, now);
    let drawn = redraw_at(app, now);
    effects.extend(find_switched_off(app, drawn, now));
    effects
}

/// Finds switched-off rows here and now, as the runner does on a task, delivering them
/// through `update`: the rows a change asks for are there by the next step.
fn find_switched_off(app: &mut App, effects: Vec<Effect>, now: Now) -> Vec<Effect> {
    let mut rest = Vec::new();
    for effect in effects {
        match effect {
            Effect::FindSwitchedOff {
                source,
                generation,
                text,
            } => {
                let rows = crate::collection::edit::rows::disabled_rows_in_file(&source, text);
                let msg = Msg::SwitchedOffFound {
                    source,
                    generation,
                    rows,
                };
                let more = update(app, msg, now);
                rest.extend(find_switched_off(app, more, now));
            }
            other => rest.push(other),
        }
    }
    rest
}

/// Draws a frame at the app's size and reports what it measured, as the loop does after
/// anything changes (for tests that set state directly).
pub fn redraw(app: &mut App) -> Vec<Effect> {
    redraw_at(app, pinned())
}

fn redraw_at(app: &mut App, now: Now) -> Vec<Effect> {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut measured = crate::tui::state::LastFrame::default();
    terminal
        .draw(|f| measured = crate::tui::view::draw(f, app))
        .unwrap();
    update(app, Msg::Drawn(measured), now)
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

/// The ticket of the send among `effects`.
pub fn sent_ticket(effects: &[Effect]) -> u64 {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Send { ticket, .. } => Some(*ticket),
            _ => None,
        })
        .expect("a Send effect")
}

/// A finished send of the selected request, as the runner would report it: prepared with
/// the app's values and answered with `ex` (or refused, if it does not prepare).
pub fn completion(app: &App, ticket: u64, ex: &Ex) -> Msg {
    let id = app.selected_id().expect("a request is selected");
    let result = app
        .session()
        .prepare(&app.workspace, &id)
        .map(|prepared| Exchanged {
            prepared,
            outcome: ex.outcome(),
            captured: Vec::new(),
            expired_cookies: None,
        });
    Msg::Sent {
        ticket,
        id: id.clone(),
        results: vec![Sent {
            id,
            needed_by: None,
            result,
        }],
    }
}

/// Carries out effects the way the runner does, delivering each result through `update`,
/// except that they run here and now: sends (only those that cannot reach the network in a
/// test: a refusal, or a closed port), previews and body builds. Returns the effects the
/// results asked for in turn.
pub fn run_effects(app: &mut App, effects: Vec<Effect>) -> Vec<Effect> {
    let mut next = Vec::new();
    for effect in effects {
        let msg = match effect {
            Effect::Send {
                ticket,
                id,
                mut session,
                workspace,
            } => {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                let results = runtime.block_on(session.send(&workspace, &id));
                Msg::Sent { ticket, id, results }
            }
            Effect::Prepare {
                inputs,
                session,
                workspace,
            } => Msg::Prepared {
                result: Box::new(session.prepare(&workspace, &inputs.request)),
                inputs,
            },
            Effect::BuildBody {
                ticket,
                id,
                body,
                spilled,
                content_type,
                secrets,
            } => Msg::BodyReady {
                ticket,
                id,
                view: Arc::new(BodyView::of_response_masked(
                    body,
                    spilled,
                    content_type.as_deref(),
                    &secrets,
                )),
            },
            other => {
                next.push(other);
                continue;
            }
        };
        next.extend(step(app, msg));
    }
    next
}

/// Sends the selected request and has it answered with `ex`, through `update` as the app
/// does: the send, the result, the body built.
pub fn finish(app: &mut App, ex: &Ex) {
    let ticket = sent_ticket(&step(app, Msg::Action(crate::tui::action::Action::Send)));
    let effects = step(app, completion(app, ticket, ex));
    run_effects(app, effects);
}

/// The whole screen as text.
pub fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| {
            crate::tui::view::draw(f, app);
        })
        .unwrap();
    terminal.backend().to_string()
}

/// Focuses a pane (in narrow layouts, the pane shown).
pub fn focus(app: &mut App, pane: Pane) {
    app.focus = pane;
    redraw(app);
}
