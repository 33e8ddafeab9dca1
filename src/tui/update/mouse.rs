//! Clicks focus and select; the wheel scrolls the pane under the pointer.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::navigation::{request_opened, scroll};
use crate::tui::dialogs::Overlay;
use crate::tui::layout::{Areas, list_offset};
use crate::tui::message::Effect;
use crate::tui::state::{App, Border, Pane, RequestTab, ResponseTab, Row};
use crate::tui::widgets::tab_at;

pub(super) fn on_mouse(app: &mut App, mouse: MouseEvent) -> Vec<Effect> {
    let rows = app.last_frame.help;
    if let Overlay::Help(help) = &mut app.overlay {
        match mouse.kind {
            MouseEventKind::ScrollDown => help.scroll_by(3, rows),
            MouseEventKind::ScrollUp => help.scroll_by(-3, rows),
            _ => {}
        }
        return Vec::new();
    }
    if !matches!(app.overlay, Overlay::None) {
        return Vec::new();
    }
    let areas = crate::tui::layout::areas(app);
    if let Some(effects) = drag_border(app, &areas, mouse) {
        return effects;
    }
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
            let rect = areas.of(pane);
            // The first line inside the request and response panes is their tab line.
            if mouse.row == rect.y + 1 && mouse.column > rect.x {
                let column = mouse.column - rect.x - 1;
                match pane {
                    Pane::Request => {
                        let titles = RequestTab::ALL.map(RequestTab::title);
                        if let Some(i) = tab_at(&titles, column) {
                            app.request_tab = RequestTab::ALL[i];
                            app.editing.cursor = 0;
                        }
                    }
                    Pane::Response => {
                        let titles = ResponseTab::ALL.map(ResponseTab::title);
                        if let Some(i) = tab_at(&titles, column) {
                            app.response_tab = ResponseTab::ALL[i];
                        }
                    }
                    _ => {}
                }
            }
            if pane == Pane::Tree {
                let rect = areas.tree;
                let visible = usize::from(rect.height.saturating_sub(2));
                let offset = list_offset(app.tree.selected, visible);
                let row = usize::from(mouse.row.saturating_sub(rect.y + 1)) + offset;
                if mouse.row > rect.y && row < app.tree.rows.len() {
                    let before = app.selected_id();
                    app.tree.selected = row;
                    if before != app.selected_id() {
                        request_opened(app);
                    }
                    // A click on a folder folds or unfolds it, as enter does.
                    if matches!(
                        app.tree.selected_row(),
                        Some(Row::Folder { .. } | Row::Collection { .. })
                    ) {
                        let workspace = std::sync::Arc::clone(&app.workspace);
                        app.tree.set_open(&workspace, None);
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

/// A press on a border takes it; dragging moves it as far as the pointer moved; letting go
/// drops it, and the new sizes are remembered. `None` when the event was not about a border.
fn drag_border(app: &mut App, areas: &Areas, mouse: MouseEvent) -> Option<Vec<Effect>> {
    let to_i16 = |n: u16| i16::try_from(n).unwrap_or(i16::MAX);
    match (mouse.kind, app.dragging) {
        (MouseEventKind::Down(MouseButton::Left), _) => {
            app.dragging = areas
                .border_at(mouse.column, mouse.row)
                .map(|border| (border, mouse.column, mouse.row));
            app.dragging.map(|_| Vec::new())
        }
        (MouseEventKind::Drag(MouseButton::Left), Some((border, column, row))) => {
            let across = to_i16(mouse.column) - to_i16(column);
            let down = to_i16(mouse.row) - to_i16(row);
            let before = (crate::tui::layout::areas(app), app.resized);
            let sizing = &mut app.resized;
            match border {
                Border::Tree => sizing.tree_extra = sizing.tree_extra.saturating_add(across),
                Border::Checklist => sizing.checklist_extra = sizing.checklist_extra.saturating_sub(across),
                Border::Request if sizing.response_beside => {
                    sizing.request_extra = sizing.request_extra.saturating_add(across);
                }
                Border::Request => sizing.request_extra = sizing.request_extra.saturating_add(down),
            }
            // Past a limit what is kept is what shows, so a key or a drag back works at once.
            if crate::tui::layout::areas(app) == before.0 {
                app.resized = before.1;
            } else {
                app.resized = crate::tui::layout::within_screen(app);
                app.dragging = Some((border, mouse.column, mouse.row));
            }
            Some(Vec::new())
        }
        (MouseEventKind::Up(MouseButton::Left), Some(_)) => {
            app.dragging = None;
            Some(vec![Effect::RememberLayout(app.resized)])
        }
        _ => None,
    }
}
