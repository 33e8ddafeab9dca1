//! Moving around: the tree's selection, scrolling each pane (never past its last line, as
//! the last frame measured it), tabs, folding folders.

use std::sync::Arc;

use crate::collection::RequestPath;
use crate::tui::message::Effect;
use crate::tui::state::{App, BodyState, Pane, RequestTab, ResponseTab, Row, selected_slots};

/// The entry `step` (±1) places from `current` in `all`, wrapping round.
pub fn next_in<T: Copy + PartialEq>(all: &[T], current: T, step: isize) -> T {
    let i = all.iter().position(|t| *t == current).unwrap_or(0);
    let n = all.len();
    all[(i + n).wrapping_add_signed(step) % n]
}

/// Lines a page scroll moves: the focused pane's height less its borders, its tab line if it
/// has one, and a line kept in view from the page before.
pub fn page(app: &App) -> usize {
    let pane = crate::tui::layout::areas(app).of(app.focus);
    usize::from(pane.height.saturating_sub(4)).max(1)
}

pub fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

pub fn scroll(app: &mut App, delta: isize) -> Vec<Effect> {
    match app.focus {
        Pane::Tree => {
            let before = app.selected_id();
            app.tree.move_by(delta);
            if before != app.selected_id() {
                request_opened(app);
            }
        }
        Pane::Request if !app.show_resolved => {
            let count = app
                .selected_id()
                .and_then(|id| app.workspace.request(&id).cloned())
                .map_or(1_usize, |r| selected_slots(app, &r).len());
            app.editing.cursor = app
                .editing
                .cursor
                .saturating_add_signed(delta)
                .min(count.saturating_sub(1));
        }
        // Like `less`: the last line stops at the bottom of the pane; an offset left beyond
        // that (by a larger terminal, a search, a wrap toggled) is clamped before it moves.
        Pane::Response if app.shows_body() => {
            let room = app.last_frame.body_room;
            clamped(&mut app.body.scroll, room, delta);
        }
        Pane::Response => {
            let room = app.last_frame.response_room;
            clamped(app.scroll.entry(Pane::Response).or_default(), room, delta);
        }
        Pane::Checklist => {
            let room = app.last_frame.checklist_room;
            clamped(app.scroll.entry(Pane::Checklist).or_default(), room, delta);
        }
        Pane::Request => {
            let offset = app.scroll.entry(Pane::Request).or_default();
            *offset = offset.saturating_add_signed(delta).min(100_000);
        }
    }
    Vec::new()
}

/// Moves `offset` by `delta` within `0..=room`; an offset already past `room` is brought
/// back first, so the first key up shows a line.
fn clamped(offset: &mut usize, room: usize, delta: isize) {
    *offset = (*offset).min(room).saturating_add_signed(delta).min(room);
}

/// A new request is selected: its views start from the top.
pub fn selection_changed(app: &mut App) {
    app.body = BodyState {
        wrap: app.body.wrap,
        ..BodyState::default()
    };
    app.scroll.clear();
    app.editing.cursor = 0;
}

/// Another request is selected in the tree: its views start from the top, on the tab that
/// shows what it has (a POST opens on its body, not on "no query parameters"), with the
/// cursor on that tab's first row rather than on the URL.
pub fn request_opened(app: &mut App) {
    selection_changed(app);
    let Some(request) = app
        .selected_id()
        .and_then(|id| app.workspace.request(&id).cloned())
    else {
        return;
    };
    app.request_tab = if request.body.is_some() {
        RequestTab::Body
    } else if !request.query.is_empty() || request.url.as_str().contains('?') {
        RequestTab::Params
    } else if !request.headers.is_empty() {
        RequestTab::Headers
    } else if request.auth.is_some() {
        RequestTab::Auth
    } else {
        RequestTab::Params
    };
    if selected_slots(app, &request).len() > 1 {
        app.editing.cursor = 1;
    }
}

/// Selects a request in the tree, opening the folders above it.
pub fn select_request(app: &mut App, collection: usize, path: &RequestPath) {
    let workspace = Arc::clone(&app.workspace);
    app.tree.reveal(&workspace, collection, path);
    app.editing.cursor = 0;
}

/// `enter`: on a folder or collection, folds or unfolds it; on a broken file, says why.
/// Returns false when the selection is a request (the caller decides what enter does).
pub fn open_row(app: &mut App) -> bool {
    match app.tree.selected_row() {
        Some(Row::Request { .. }) => false,
        Some(Row::Collection { .. } | Row::Folder { .. }) => {
            let workspace = Arc::clone(&app.workspace);
            app.tree.set_open(&workspace, None);
            true
        }
        Some(Row::Broken { error }) => {
            app.message = Some(error.to_string());
            true
        }
        None => true,
    }
}

pub fn collapse_or_tab(app: &mut App, open: bool) {
    if app.focus != Pane::Tree {
        return switch_tab(app, if open { 1 } else { -1 });
    }
    let workspace = Arc::clone(&app.workspace);
    let changed = app.tree.set_open(&workspace, Some(open));
    if !changed && !open && matches!(app.tree.selected_row(), Some(Row::Request { .. })) {
        app.tree.select_parent();
        request_opened(app);
    }
}

pub fn switch_tab(app: &mut App, step: isize) {
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
