//! Clicks focus and select; the wheel scrolls the pane under the pointer.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::navigation::{scroll, selection_changed};
use crate::tui::dialogs::Overlay;
use crate::tui::layout::{layout, list_offset};
use crate::tui::message::Effect;
use crate::tui::state::{App, Pane};

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
                    let before = app.selected_id();
                    app.tree.selected = row;
                    if before != app.selected_id() {
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
