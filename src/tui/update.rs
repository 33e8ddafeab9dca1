//! `update`: the only function that changes the app. A message in, the state changed and
//! effects out — no terminal, no network, so it is tested directly.

use std::sync::Arc;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::action::Action;
use super::app::{App, BodyState, Done, Flight, Overlay, Pane, Prompt, PromptKind, RequestTab, ResponseTab};
use super::layout::{layout, list_offset};
use super::msg::{Effect, Msg};
use super::tree::Row;
use crate::collection::RequestPath;
use crate::diagnosis::HistoryEntry;
use crate::http::Outcome;

/// Most matches a search collects.
const SEARCH_LIMIT: usize = 10_000;

/// Applies one message. Returns the work to do; `app.quit` says when to stop.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    app.now = Instant::now();
    let effects = handle(app, msg);
    app.refresh_preview();
    super::edit::files::refresh_disabled(app);
    effects
}

fn handle(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(app, key),
        Msg::Mouse(mouse) => on_mouse(app, mouse),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            Vec::new()
        }
        Msg::Action(action) => act(app, action),
        Msg::Sent {
            ticket,
            key,
            results,
            responses,
        } => on_sent(app, ticket, &key, results, responses),
        Msg::BodyReady { ticket, key, view } => {
            if let Some(done) = app.requests.get_mut(&key).and_then(|s| s.last.as_mut())
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
                app.message = Some(match matches.len() {
                    0 => format!("no match for \"{query}\""),
                    n if n >= SEARCH_LIMIT => format!("{n}+ matches for \"{query}\""),
                    n => format!("{n} match(es) for \"{query}\""),
                });
                app.body.matches = matches;
                app.body.current = 0;
                reveal_match(app);
            }
            Vec::new()
        }
        Msg::Paste(text) => {
            super::edit::keys::on_paste(app, &text);
            Vec::new()
        }
        Msg::Saved { path, result } => {
            super::edit::saved(app, &path, result);
            Vec::new()
        }
        Msg::FileChanged(path) => {
            super::edit::file_changed(app, &path);
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
    if let Some(effects) = super::edit::keys::on_key(app, key) {
        return effects;
    }
    match app.overlay.clone() {
        Overlay::Prompt(prompt) => return on_prompt_key(app, prompt, key),
        Overlay::Help { scroll } => {
            let action = app.keymap.action(&key);
            app.overlay = match action {
                Some(Action::Down) => Overlay::Help {
                    scroll: scroll.saturating_add(1),
                },
                Some(Action::Up) => Overlay::Help {
                    scroll: scroll.saturating_sub(1),
                },
                _ => Overlay::None,
            };
            return Vec::new();
        }
        Overlay::Environments { selected } => return on_picker_key(app, selected, key),
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

fn on_prompt_key(app: &mut App, mut prompt: Prompt, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => app.overlay = Overlay::None,
        KeyCode::Enter => {
            app.overlay = Overlay::None;
            return submit_prompt(app, prompt);
        }
        KeyCode::Backspace => {
            prompt.text.pop();
            app.overlay = Overlay::Prompt(prompt);
        }
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            prompt.text.push(c);
            app.overlay = Overlay::Prompt(prompt);
        }
        _ => {}
    }
    Vec::new()
}

fn submit_prompt(app: &mut App, prompt: Prompt) -> Vec<Effect> {
    match prompt.kind {
        PromptKind::Search => {
            app.body.search.clone_from(&prompt.text);
            app.body.matches.clear();
            match shown_body(app) {
                Some(view) if !prompt.text.is_empty() => vec![Effect::Search {
                    view,
                    query: prompt.text,
                }],
                _ => Vec::new(),
            }
        }
        PromptKind::Filter => {
            if prompt.text.trim().is_empty() {
                app.body.filter = None;
                app.body.filtered = None;
                app.body.scroll = 0;
                return Vec::new();
            }
            if let Some(view) = app.selected_done().and_then(|d| d.body.clone()) {
                vec![Effect::Filter {
                    view,
                    expr: prompt.text,
                }]
            } else {
                app.message = Some("no body to filter yet".to_owned());
                Vec::new()
            }
        }
    }
}

fn on_picker_key(app: &mut App, selected: usize, key: KeyEvent) -> Vec<Effect> {
    let names = app.environment_names();
    let count = names.len() + 1; // "(none)" first
    match (app.keymap.action(&key), key.code) {
        (_, KeyCode::Esc) => app.overlay = Overlay::None,
        (_, KeyCode::Enter) | (Some(Action::Select), _) => {
            app.environment = selected.checked_sub(1).and_then(|i| names.get(i).cloned());
            app.overlay = Overlay::None;
            app.message = Some(match &app.environment {
                Some(e) => format!("environment: {e}"),
                None => "no environment".to_owned(),
            });
        }
        (Some(Action::Down), _) => {
            app.overlay = Overlay::Environments {
                selected: (selected + 1) % count,
            }
        }
        (Some(Action::Up), _) => {
            app.overlay = Overlay::Environments {
                selected: (selected + count - 1) % count,
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Carries out a named action.
pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => quit(app),
        Action::Help => app.overlay = Overlay::Help { scroll: 0 },
        Action::NextPane => app.focus = cycle(app.focus, 1),
        Action::PrevPane => app.focus = cycle(app.focus, -1),
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
            let names = app.environment_names();
            let current = app
                .environment
                .as_ref()
                .and_then(|e| names.iter().position(|n| n == e))
                .map_or(0, |i| i + 1);
            app.overlay = Overlay::Environments { selected: current };
        }
        Action::ToggleResolved => app.show_resolved = !app.show_resolved,
        Action::Search => {
            app.overlay = Overlay::Prompt(Prompt {
                kind: PromptKind::Search,
                text: String::new(),
            });
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
        }
        Action::Filter => {
            app.overlay = Overlay::Prompt(Prompt {
                kind: PromptKind::Filter,
                text: app.body.filter.clone().unwrap_or_else(|| "$.".to_owned()),
            });
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
        | Action::OpenEditor => return super::edit::act(app, action),
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
    app.overlay = Overlay::Confirm(super::edit::Confirm {
        text: format!("Unsaved edits in {}.", names.join(", ")),
        answers: vec![
            ('s', "save and quit"),
            ('d', "discard the edits and quit"),
            ('c', "cancel: keep editing"),
        ],
        question: super::edit::Question::Quit,
    });
}

fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

fn cycle(pane: Pane, step: isize) -> Pane {
    let i = Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0);
    let n = Pane::ALL.len();
    Pane::ALL[(i + n).wrapping_add_signed(step) % n]
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
                .map_or(1_usize, |r| {
                    super::edit::slots::slots(r, app.request_tab, &app.editing.disabled).len()
                });
            app.editing.cursor = app
                .editing
                .cursor
                .saturating_add_signed(delta)
                .min(count.saturating_sub(1));
        }
        Pane::Response if app.response_tab == ResponseTab::Body => {
            let lines = shown_body(app).map_or(0, |b| b.line_count());
            app.body.scroll = app
                .body
                .scroll
                .saturating_add_signed(delta)
                .min(lines.saturating_sub(1));
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
        return super::edit::act(app, Action::Edit);
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
            let tabs = RequestTab::ALL;
            let i = tabs.iter().position(|t| *t == app.request_tab).unwrap_or(0);
            app.request_tab = tabs[(i + tabs.len()).wrapping_add_signed(step) % tabs.len()];
            app.editing.cursor = 0;
        }
        Pane::Response => {
            let tabs = ResponseTab::ALL;
            let i = tabs.iter().position(|t| *t == app.response_tab).unwrap_or(0);
            app.response_tab = tabs[(i + tabs.len()).wrapping_add_signed(step) % tabs.len()];
        }
        _ => {}
    }
}

/// Sends the selected request; a template error is shown at once instead of sending.
pub fn send_selected(app: &mut App) -> Vec<Effect> {
    let Some((collection, path)) = app.selected().map(|(c, p)| (c, p.clone())) else {
        app.message = Some("select a request to send".to_owned());
        return Vec::new();
    };
    send(app, collection, &path)
}

fn send(app: &mut App, collection: usize, path: &RequestPath) -> Vec<Effect> {
    let key = App::key_of(collection, path);
    let session = app.session();
    // Template errors show before anything is sent, pointing at the field. A chained value
    // that only lacks its response is fine: the send fetches it first.
    if let Err(error) = session.prepare(&app.workspace, collection, path)
        && error.needed_response().is_none()
    {
        let sent = crate::session::Sent {
            collection,
            path: path.clone(),
            prepared: Err(error),
            outcome: None,
            needed_by: None,
        };
        let checklist = app.diagnose(collection, &sent);
        let state = app.requests.entry(key).or_default();
        state.flight = Flight::Idle;
        state.last = Some(Done {
            prepared: sent.prepared,
            outcome: None,
            checklist,
            body: None,
            body_ticket: 0,
        });
        app.focus = if app.size.0 < super::layout::NARROW {
            Pane::Checklist
        } else {
            app.focus
        };
        return Vec::new();
    }
    let ticket = app.next_ticket;
    app.next_ticket += 1;
    let mut effects = Vec::new();
    let state = app.requests.entry(key.clone()).or_default();
    if let Flight::Sending { ticket: old, .. } = state.flight {
        // A second send supersedes the first; its result will be dropped.
        effects.push(Effect::Abort { ticket: old });
    }
    state.flight = Flight::Sending {
        ticket,
        since: Instant::now(),
    };
    state.retry_at = None;
    // In the narrow layout only one pane shows: show the one that explains the result.
    if app.size.0 < super::layout::NARROW && app.focus == Pane::Tree {
        app.focus = Pane::Checklist;
    }
    effects.push(Effect::Send {
        ticket,
        key,
        collection,
        path: path.clone(),
        session,
        workspace: Arc::clone(&app.workspace),
    });
    effects
}

fn cancel_selected(app: &mut App) -> Vec<Effect> {
    let Some((c, p)) = app.selected().map(|(c, p)| (c, p.clone())) else {
        return Vec::new();
    };
    let Some(state) = app.requests.get_mut(&App::key_of(c, &p)) else {
        return Vec::new();
    };
    state.retry_at = None;
    match state.flight {
        Flight::Sending { ticket, .. } => {
            state.flight = Flight::Cancelled;
            app.message = Some(format!("cancelled {p}"));
            vec![Effect::Abort { ticket }]
        }
        _ => Vec::new(),
    }
}

/// Retries now if the server's wait is over, else arms a retry for when it is.
fn retry_selected(app: &mut App) -> Vec<Effect> {
    let now = (app.clock)().now;
    let wait_until = app
        .selected_done()
        .and_then(|d| d.checklist.next_change())
        .filter(|t| *t > now);
    match (wait_until, app.selected().map(|(c, p)| (c, p.clone()))) {
        (Some(at), Some((c, p))) => {
            app.requests.entry(App::key_of(c, &p)).or_default().retry_at = Some(at);
            app.message = Some(format!("retry armed: sends {}", (app.clock)().relative(at)));
            Vec::new()
        }
        _ => send_selected(app),
    }
}

fn on_sent(
    app: &mut App,
    ticket: u64,
    key: &super::app::RequestKey,
    results: Vec<crate::session::Sent>,
    responses: crate::session::Responses,
) -> Vec<Effect> {
    let current = matches!(
        app.requests.get(key).map(|s| &s.flight),
        Some(Flight::Sending { ticket: t, .. }) if *t == ticket
    );
    if !current {
        return Vec::new(); // superseded or cancelled: drop the stale result
    }
    app.responses = responses;
    let mut effects = Vec::new();
    for sent in results {
        let request_key = App::key_of(sent.collection, &sent.path);
        let name = format!(
            "{}/{}",
            app.collection(sent.collection).map_or("", |c| c.name.as_str()),
            sent.path
        );
        let checklist = app.diagnose(sent.collection, &sent);
        if let Some(entry) = sent
            .outcome
            .as_ref()
            .and_then(|o| HistoryEntry::of(o, Some(name)))
        {
            app.history.push(entry);
        }
        let body_ticket = app.next_ticket;
        app.next_ticket += 1;
        if let Some(Outcome::Response(exchange)) = &sent.outcome {
            effects.push(Effect::BuildBody {
                ticket: body_ticket,
                key: request_key.clone(),
                body: exchange.response.body.clone(),
                content_type: exchange.response.header("content-type").map(str::to_owned),
            });
        }
        let state = app.requests.entry(request_key).or_default();
        state.flight = Flight::Idle;
        state.last = Some(Done {
            prepared: sent.prepared,
            outcome: sent.outcome,
            checklist,
            body: None,
            body_ticket,
        });
    }
    if app.selected().is_some_and(|(c, p)| App::key_of(c, p) == *key) {
        selection_changed(app);
    }
    effects
}

fn on_tick(app: &mut App) -> Vec<Effect> {
    let now = (app.clock)().now;
    // Re-evaluate the selected checklist so countdowns tick and flip.
    if let Some((c, p)) = app.selected().map(|(c, p)| (c, p.clone()))
        && let Some(done) = app.requests.get(&App::key_of(c, &p)).and_then(|s| s.last.clone())
        && done.checklist.next_change().is_some()
    {
        let sent = crate::session::Sent {
            collection: c,
            path: p.clone(),
            prepared: done.prepared.clone(),
            outcome: done.outcome.clone(),
            needed_by: None,
        };
        let checklist = app.diagnose(c, &sent);
        if let Some(d) = app
            .requests
            .get_mut(&App::key_of(c, &p))
            .and_then(|s| s.last.as_mut())
        {
            d.checklist = checklist;
        }
    }
    // Armed retries whose time has come.
    let due: Vec<(usize, RequestPath)> = app
        .requests
        .iter()
        .filter(|(_, s)| s.retry_at.is_some_and(|t| t <= now))
        .map(|((c, p), _)| (*c, RequestPath::parse(p)))
        .collect();
    due.into_iter().flat_map(|(c, p)| send(app, c, &p)).collect()
}

/// The body on screen: the filtered view if a filter is active.
pub fn shown_body(app: &App) -> Option<Arc<super::body::BodyView>> {
    app.body
        .filtered
        .clone()
        .or_else(|| app.selected_done().and_then(|d| d.body.clone()))
}

fn reveal_match(app: &mut App) {
    if let Some((line, _)) = app.body.matches.get(app.body.current) {
        app.body.scroll = line.saturating_sub(3);
        app.focus = Pane::Response;
        app.response_tab = ResponseTab::Body;
    }
}

fn on_mouse(app: &mut App, mouse: MouseEvent) -> Vec<Effect> {
    if !matches!(app.overlay, Overlay::None) {
        return Vec::new();
    }
    let area = ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1);
    let areas = layout(area, app.focus);
    if let Some(tabs) = areas.tabs
        && mouse.row == tabs.y
        && matches!(mouse.kind, MouseEventKind::Down(MouseButton::Left))
    {
        let slot = usize::from(mouse.column) * Pane::ALL.len() / usize::from(tabs.width.max(1));
        app.focus = Pane::ALL[slot.min(Pane::ALL.len() - 1)];
        return Vec::new();
    }
    let Some(pane) = areas.hit(mouse.column, mouse.row) else {
        return Vec::new();
    };
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            app.focus = pane;
            if pane == Pane::Tree {
                let rect = areas.tree;
                let visible = usize::from(rect.height.saturating_sub(2));
                let offset = list_offset(app.tree.selected, visible);
                let row = usize::from(mouse.row.saturating_sub(rect.y + 1)) + offset;
                if mouse.row > rect.y && row < app.tree.rows.len() {
                    let before = app.selected().map(|(c, p)| (c, p.clone()));
                    app.tree.selected = row;
                    if before != app.selected().map(|(c, p)| (c, p.clone())) {
                        selection_changed(app);
                    }
                }
            }
            Vec::new()
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let delta = if mouse.kind == MouseEventKind::ScrollDown {
                3
            } else {
                -3
            };
            let focus = app.focus;
            app.focus = pane;
            let effects = scroll(app, delta);
            if pane != Pane::Tree {
                app.focus = focus;
            }
            effects
        }
        _ => Vec::new(),
    }
}
