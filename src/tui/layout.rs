//! Where each pane goes, as a pure function of the terminal size and focus: the view draws
//! into it and mouse clicks are hit-tested against it, so both always agree.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::tui::state::Pane;

/// Below this width the panes collapse into tabs, one visible at a time.
pub const NARROW: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub tree: Rect,
    pub request: Rect,
    pub response: Rect,
    pub checklist: Rect,
    pub status: Rect,
    /// The pane tabs, in narrow layouts.
    pub tabs: Option<Rect>,
}

impl Areas {
    pub fn of(&self, pane: Pane) -> Rect {
        match pane {
            Pane::Tree => self.tree,
            Pane::Request => self.request,
            Pane::Response => self.response,
            Pane::Checklist => self.checklist,
        }
    }

    /// The pane under a screen position.
    pub fn hit(&self, x: u16, y: u16) -> Option<Pane> {
        Pane::ALL.into_iter().find(|p| {
            let r = self.of(*p);
            r.width > 0 && x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
        })
    }
}

pub fn layout(area: Rect, focus: Pane) -> Areas {
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    if area.width < NARROW {
        let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(main);
        let only = |p: Pane| if p == focus { body } else { Rect::default() };
        return Areas {
            tree: only(Pane::Tree),
            request: only(Pane::Request),
            response: only(Pane::Response),
            checklist: only(Pane::Checklist),
            status,
            tabs: Some(tabs),
        };
    }
    let tree_width = (area.width / 5).clamp(24, 40);
    let checklist_width = (area.width * 3 / 10).clamp(36, 70);
    let [tree, middle, checklist] = Layout::horizontal([
        Constraint::Length(tree_width),
        Constraint::Min(30),
        Constraint::Length(checklist_width),
    ])
    .areas(main);
    let [request, response] =
        Layout::vertical([Constraint::Percentage(38), Constraint::Percentage(62)]).areas(middle);
    Areas {
        tree,
        request,
        response,
        checklist,
        status,
        tabs: None,
    }
}

/// The first visible row of a list so that `selected` stays on screen.
pub fn list_offset(selected: usize, visible: usize) -> usize {
    if visible == 0 || selected < visible {
        0
    } else {
        selected + 1 - visible
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_show_every_pane() {
        let a = layout(Rect::new(0, 0, 160, 48), Pane::Tree);
        assert!(a.tabs.is_none());
        for pane in Pane::ALL {
            assert!(a.of(pane).width > 0 && a.of(pane).height > 0, "{pane:?}");
        }
        assert_eq!(a.status, Rect::new(0, 47, 160, 1));
        assert_eq!(a.hit(1, 1), Some(Pane::Tree));
        assert_eq!(a.hit(159, 1), Some(Pane::Checklist));
    }

    #[test]
    fn narrow_terminals_show_the_focused_pane_under_tabs() {
        let a = layout(Rect::new(0, 0, 80, 24), Pane::Response);
        assert_eq!(a.tabs, Some(Rect::new(0, 0, 80, 1)));
        assert_eq!(a.response, Rect::new(0, 1, 80, 22));
        assert_eq!(a.tree, Rect::default());
        assert_eq!(a.hit(10, 10), Some(Pane::Response));
    }

    #[test]
    fn tiny_terminals_do_not_panic() {
        for (w, h) in [(0, 0), (1, 1), (10, 3), (99, 5), (100, 2)] {
            let _ = layout(Rect::new(0, 0, w, h), Pane::Checklist);
        }
    }

    #[test]
    fn offsets_keep_the_selection_visible() {
        assert_eq!(list_offset(3, 10), 0);
        assert_eq!(list_offset(12, 10), 3);
        assert_eq!(list_offset(5, 0), 0);
    }
}
