//! `update`: the only function that changes the app. A message in, the state changed and
//! effects out — no terminal, no network, so it is tested directly.

mod mouse;
mod prompts;
mod sending;

use std::sync::Arc;
use std::time::Instant;

use crate::tui::body_view::SEARCH_LIMIT;
use crate::tui::update::mouse::on_mouse;
pub use crate::tui::update::prompts::shown_body;
use crate::tui::update::prompts::{on_prompt_key, reveal_match};
pub use crate::tui::update::sending::send_selected;
use crate::tui::update::sending::{cancel_selected, on_sent, on_tick, retry_selected};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::action::Action;
use crate::tui::message::{Effect, Msg};
use crate::tui::state::RequestState;
use crate::tui::state::Row;
use crate::tui::state::{
    App, BodyState, Overlay, Pane, Preview, Prompt, PromptKind, RequestTab, ResponseTab,
};

/// The first entry of the environment list.
const NO_ENVIRONMENT: &str = "(no environment)";

/// Applies one message. Returns the work to do; `app.quit` says when to stop.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    app.now = Instant::now();
    let mut effects = handle(app, msg);
    effects.extend(refresh_preview(app));
    crate::tui::edit::files::refresh_disabled(app);
    effects
}

/// Asks for the resolved view's request to be prepared when it is shown and what it reads
/// changed; forgets it when it is hidden.
fn refresh_preview(app: &mut App) -> Option<Effect> {
    let Some(inputs) = app.preview_inputs() else {
        app.preview = None;
        return None;
    };
    if app.preview.as_ref().is_some_and(|p| p.inputs == inputs) {
        return None;
    }
    app.preview = Some(Preview {
        inputs: inputs.clone(),
        result: None,
    });
    Some(Effect::Prepare {
        inputs,
        session: app.session(),
        workspace: Arc::clone(&app.workspace),
    })
}

fn handle(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => {
            // A message says what the last action did; the next key moves on from it.
            app.message = None;
            on_key(app, key)
        }
        Msg::Mouse(mouse) => on_mouse(app, mouse),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            Vec::new()
        }
        Msg::Action(action) => act(app, action),
        Msg::Sent { ticket, id, results } => on_sent(app, ticket, &id, results),
        Msg::Prepared { inputs, result } => {
            // Only the latest preview is kept: one for an older selection or text is dropped.
            if let Some(preview) = app.preview.as_mut().filter(|p| p.inputs == inputs) {
                preview.result = Some(*result);
            }
            Vec::new()
        }
        Msg::BodyReady { ticket, id, view } => {
            if let Some(done) = app.requests.get_mut(&id).and_then(RequestState::last_mut)
                && done.body_ticket == ticket
            {
                done.body = Some(view);
            }
            Vec::new()
        }
        Msg::Filtered { expr, result } => {
            match result {
                Ok(view) => {
                    app.body.filtered = Some(Arc::new(view));
                    app.body.filter = Some(expr);
                    app.body.scroll = 0;
                }
                Err(e) => app.message = Some(format!("filter: {e}")),
            }
            Vec::new()
        }
        Msg::Searched { query, matches } => {
            if query == app.body.search {
                app.body.matches = matches;
                app.body.current = 0;
                reveal_match(app);
                app.message = Some(match_position(app));
            }
            Vec::new()
        }
        Msg::Paste(text) => {
            crate::tui::edit::keys::on_paste(app, &text);
            Vec::new()
        }
        Msg::Saved { path, result } => crate::tui::edit::saved(app, &path, result),
        Msg::FileChanged(path) => {
            crate::tui::edit::file_changed(app, &path);
            Vec::new()
        }
        Msg::Tick => on_tick(app),
        Msg::Terminate => {
            app.quit = true;
            Vec::new()
        }
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if let Some(effects) = crate::tui::edit::keys::on_key(app, key) {
        return effects;
    }
    match app.overlay.clone() {
        Overlay::Prompt(prompt) => return on_prompt_key(app, prompt, key),
        Overlay::Help { scroll } => return on_help_key(app, scroll, &key),
        // Editing dialogs took their keys above.
        Overlay::None
        | Overlay::Form(_)
        | Overlay::Choice(_)
        | Overlay::Confirm(_)
        | Overlay::TextEditor(_)
        | Overlay::Variables(_) => {}
    }
    if key.code == KeyCode::Esc {
        app.message = None;
        return Vec::new();
    }
    match app.keymap.action(&key) {
        Some(action) => act(app, action),
        None => Vec::new(),
    }
}

/// The help screen scrolls with the motion keys and closes with its own key, esc or `q`;
/// another quit key (ctrl-c) quits; other keys do nothing, so a stray key does not close it.
fn on_help_key(app: &mut App, scroll: u16, key: &KeyEvent) -> Vec<Effect> {
    let action = app.keymap.action(key);
    let plain_q = key.code == KeyCode::Char('q') && key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
    if key.code == KeyCode::Esc || plain_q || action == Some(Action::Help) {
        app.overlay = Overlay::None;
        return Vec::new();
    }
    if action == Some(Action::Quit) {
        app.overlay = Overlay::None;
        return act(app, Action::Quit);
    }
    let (_, visible) = crate::tui::view::help_rows(app);
    let page = signed(visible.max(1));
    let delta = match (key.code, action) {
        (KeyCode::Down, _) | (_, Some(Action::Down)) => 1,
        (KeyCode::Up, _) | (_, Some(Action::Up)) => -1,
        (KeyCode::PageDown, _) | (_, Some(Action::PageDown)) => page,
        (KeyCode::PageUp, _) | (_, Some(Action::PageUp)) => -page,
        (KeyCode::Home, _) | (_, Some(Action::Top)) => isize::MIN / 2,
        (KeyCode::End, _) | (_, Some(Action::Bottom)) => isize::MAX / 2,
        _ => return Vec::new(),
    };
    scroll_help(app, scroll, delta);
    Vec::new()
}

/// Moves the help screen by `delta` lines, no further than its last line at the bottom.
fn scroll_help(app: &mut App, scroll: u16, delta: isize) {
    let (rows, visible) = crate::tui::view::help_rows(app);
    let room = rows.saturating_sub(visible);
    let to = usize::from(scroll)
        .min(room)
        .saturating_add_signed(delta)
        .min(room);
    app.overlay = Overlay::Help {
        scroll: u16::try_from(to).unwrap_or(u16::MAX),
    };
}

/// Carries out a named action.
pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => quit(app),
        Action::Help => app.overlay = Overlay::Help { scroll: 0 },
        Action::NextPane => app.focus = next_in(&Pane::ALL, app.focus, 1),
        Action::PrevPane => app.focus = next_in(&Pane::ALL, app.focus, -1),
        Action::Up => return scroll(app, -1),
        Action::Down => return scroll(app, 1),
        Action::PageUp => return scroll(app, -signed(app.page())),
        Action::PageDown => return scroll(app, signed(app.page())),
        Action::Top => return scroll(app, isize::MIN / 2),
        Action::Bottom => return scroll(app, isize::MAX / 2),
        Action::Select => return select(app),
        Action::Collapse => collapse_or_tab(app, false),
        Action::Expand => collapse_or_tab(app, true),
        Action::NextTab => switch_tab(app, 1),
        Action::PrevTab => switch_tab(app, -1),
        Action::Send => return send_selected(app),
        Action::Cancel => return cancel_selected(app),
        Action::Retry => return retry_selected(app),
        Action::SwitchEnvironment => {
            let options = std::iter::once(NO_ENVIRONMENT.to_owned())
                .chain(app.environment_names())
                .collect();
            let current = app.environment.as_deref().unwrap_or(NO_ENVIRONMENT);
            app.overlay = Overlay::Choice(crate::tui::edit::Choice::new(
                "Environment",
                options,
                current,
                crate::tui::edit::Purpose::Environment,
            ));
        }
        Action::ToggleResolved => app.show_resolved = !app.show_resolved,
        Action::Search => {
            app.overlay = Overlay::Prompt(Prompt::new(PromptKind::Search, String::new()));
        }
        Action::NextMatch | Action::PrevMatch => {
            let n = app.body.matches.len();
            if n > 0 {
                app.body.current = if action == Action::NextMatch {
                    (app.body.current + 1) % n
                } else {
                    (app.body.current + n - 1) % n
                };
                reveal_match(app);
            }
            app.message = Some(match_position(app));
        }
        Action::Filter => {
            let offer = app.body.filter.clone().unwrap_or_else(|| "$.".to_owned());
            app.overlay = Overlay::Prompt(Prompt::new(PromptKind::Filter, offer));
        }
        Action::ToggleWrap => app.body.wrap = !app.body.wrap,
        Action::TogglePasses => app.show_passes = !app.show_passes,
        Action::Edit
        | Action::Add
        | Action::Delete
        | Action::ToggleRow
        | Action::Rename
        | Action::Duplicate
        | Action::Move
        | Action::NewFolder
        | Action::ChangeMethod
        | Action::Variables
        | Action::Save
        | Action::Undo
        | Action::Redo
        | Action::OpenEditor => return crate::tui::edit::act(app, action),
    }
    Vec::new()
}

/// Quits, asking first when edits are unsaved.
fn quit(app: &mut App) {
    let dirty = app.editing.dirty_files();
    if dirty.is_empty() {
        app.quit = true;
        return;
    }
    let names: Vec<String> = dirty.iter().map(|p| p.display().to_string()).collect();
    app.overlay = Overlay::Confirm(crate::tui::edit::Confirm {
        text: format!("Unsaved edits in {}.", names.join(", ")),
        answers: vec![
            ('s', "save and quit"),
            ('d', "discard the edits and quit"),
            ('c', "cancel: keep editing"),
        ],
        question: crate::tui::edit::Question::Quit,
    });
}

fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

/// Where the search stands: `match 3 of 111 for "x"`.
fn match_position(app: &App) -> String {
    let query = &app.body.search;
    match app.body.matches.len() {
        0 => format!("no match for \"{query}\""),
        n => {
            let more = if n >= SEARCH_LIMIT { "+" } else { "" };
            format!("match {} of {n}{more} for \"{query}\"", app.body.current + 1)
        }
    }
}

/// The entry `step` (±1) places from `current` in `all`, wrapping round.
fn next_in<T: Copy + PartialEq>(all: &[T], current: T, step: isize) -> T {
    let i = all.iter().position(|t| *t == current).unwrap_or(0);
    let n = all.len();
    all[(i + n).wrapping_add_signed(step) % n]
}

fn scroll(app: &mut App, delta: isize) -> Vec<Effect> {
    match app.focus {
        Pane::Tree => {
            let before = app.selected().map(|(c, p)| (c, p.clone()));
            app.tree.move_by(delta);
            let after = app.selected().map(|(c, p)| (c, p.clone()));
            if before != after {
                selection_changed(app);
            }
        }
        Pane::Request if !app.show_resolved => {
            let count = app
                .selected()
                .and_then(|(c, p)| app.collection(c)?.find(p))
                .map_or(1_usize, |r| crate::tui::state::selected_slots(app, r).len());
            app.editing.cursor = app
                .editing
                .cursor
                .saturating_add_signed(delta)
                .min(count.saturating_sub(1));
        }
        // Like `less`: the last line stops at the bottom of the pane; an offset left beyond
        // that (by a larger terminal, a search, a wrap toggled) is clamped before it moves.
        Pane::Response if crate::tui::view::shows_body(app) => {
            let room = crate::tui::view::body_max_scroll(app);
            app.body.scroll = app.body.scroll.min(room).saturating_add_signed(delta).min(room);
        }
        Pane::Response => {
            let room = crate::tui::view::response_max_scroll(app);
            let offset = app.scroll.entry(Pane::Response).or_default();
            *offset = (*offset).min(room).saturating_add_signed(delta).min(room);
        }
        pane => {
            let offset = app.scroll.entry(pane).or_default();
            *offset = offset.saturating_add_signed(delta).min(100_000);
        }
    }
    Vec::new()
}

/// A new request is selected: its views start from the top.
fn selection_changed(app: &mut App) {
    app.body = BodyState {
        wrap: app.body.wrap,
        ..BodyState::default()
    };
    app.scroll.clear();
    app.editing.cursor = 0;
}

fn select(app: &mut App) -> Vec<Effect> {
    if app.focus == Pane::Request {
        return crate::tui::edit::act(app, Action::Edit);
    }
    if app.focus != Pane::Tree {
        return Vec::new();
    }
    match app.tree.selected_row() {
        Some(Row::Request { .. }) => send_selected(app),
        Some(Row::Collection { .. } | Row::Folder { .. }) => {
            let workspace = Arc::clone(&app.workspace);
            app.tree.set_open(&workspace, None);
            Vec::new()
        }
        Some(Row::Broken { error }) => {
            app.message = Some(error.to_string());
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn collapse_or_tab(app: &mut App, open: bool) {
    if app.focus != Pane::Tree {
        return switch_tab(app, if open { 1 } else { -1 });
    }
    let workspace = Arc::clone(&app.workspace);
    let changed = app.tree.set_open(&workspace, Some(open));
    if !changed && !open && matches!(app.tree.selected_row(), Some(Row::Request { .. })) {
        app.tree.select_parent();
        selection_changed(app);
    }
}

fn switch_tab(app: &mut App, step: isize) {
    match app.focus {
        Pane::Request => {
            app.request_tab = next_in(&RequestTab::ALL, app.request_tab, step);
            app.editing.cursor = 0;
        }
        Pane::Response => {
            app.response_tab = next_in(&ResponseTab::ALL, app.response_tab, step);
        }
        _ => {}
    }
}
