//! Where each pane goes, as a pure function of the terminal size, the focus and the sizing
//! (how wide the tree's names want it, and what the user dragged or keyed): the view draws
//! into it and mouse clicks are hit-tested against it, so both always agree.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::tui::state::{App, Border, Pane, Sizing};

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

impl Areas {
    /// The border at a screen position: the two frame lines where two panes meet.
    pub fn border_at(&self, x: u16, y: u16) -> Option<Border> {
        if self.tabs.is_some() || y >= self.status.y {
            return None;
        }
        // Where two panes meet, the first one's last line and the second one's first.
        let meets = |at: u16, second_starts: u16| at + 1 == second_starts || at == second_starts;
        if meets(x, self.request.x) {
            return Some(Border::Tree);
        }
        if meets(x, self.checklist.x) {
            return Some(Border::Checklist);
        }
        let beside = self.response.y == self.request.y;
        if beside {
            return meets(x, self.response.x).then_some(Border::Request);
        }
        let middle = self.request;
        if x > middle.x && x + 1 < middle.x + middle.width && meets(y, self.response.y) {
            return Some(Border::Request);
        }
        None
    }
}

/// The user's sizing as far as this screen can show it: each extra brought back to what it
/// actually adds, so a drag or a remembered size past a limit does not leave keys that
/// seem to do nothing until the overshoot is undone.
pub fn within_screen(app: &App) -> Sizing {
    let as_extra = |n: u16, base: u16| i16::try_from(i32::from(n) - i32::from(base)).unwrap_or(0);
    let actual = areas(app);
    if actual.tabs.is_some() {
        return app.resized;
    }
    let plain = layout(
        Rect::new(0, 0, app.size.0, app.size.1),
        app.focus,
        Sizing {
            tree_wanted: app.tree.wanted_width(),
            response_beside: app.resized.response_beside,
            ..Sizing::default()
        },
    );
    let request = if app.resized.response_beside {
        as_extra(actual.request.width, plain.request.width)
    } else {
        as_extra(actual.request.height, plain.request.height)
    };
    Sizing {
        tree_extra: as_extra(actual.tree.width, plain.tree.width),
        checklist_extra: as_extra(actual.checklist.width, plain.checklist.width),
        request_extra: request,
        ..app.resized
    }
}

/// Where each pane goes on the terminal, as big as it last said it is.
pub fn areas(app: &App) -> Areas {
    areas_in(app, Rect::new(0, 0, app.size.0, app.size.1))
}

/// Where each pane goes on `screen`, sized for the tree's names and the user's resizing.
pub fn areas_in(app: &App, screen: Rect) -> Areas {
    let sizing = Sizing {
        tree_wanted: app.tree.wanted_width(),
        ..app.resized
    };
    layout(screen, app.focus, sizing)
}

/// Adds `delta` to `base`, within `min..=max`.
fn nudged(base: u16, delta: i16, min: u16, max: u16) -> u16 {
    base.saturating_add_signed(delta).clamp(min, max.max(min))
}

pub fn layout(area: Rect, focus: Pane, sizing: Sizing) -> Areas {
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
    // The tree grows to its longest row, up to a share of the width; then the user's say.
    let share = area.width * 30 / 100;
    let tree_width = nudged(
        sizing.tree_wanted.clamp(24, share.max(24)),
        sizing.tree_extra,
        16,
        area.width / 2,
    );
    let checklist_width = nudged(
        (area.width * 3 / 10).clamp(36, 70),
        sizing.checklist_extra,
        24,
        area.width / 2,
    );
    let [tree, middle, checklist] = Layout::horizontal([
        Constraint::Length(tree_width),
        Constraint::Min(30),
        Constraint::Length(checklist_width),
    ])
    .areas(main);
    let [request, response] = if sizing.response_beside {
        let request_width = nudged(
            middle.width * 45 / 100,
            sizing.request_extra,
            20,
            middle.width.saturating_sub(20),
        );
        Layout::horizontal([Constraint::Length(request_width), Constraint::Min(10)]).areas(middle)
    } else {
        let request_height = nudged(
            middle.height * 38 / 100,
            sizing.request_extra,
            5,
            middle.height.saturating_sub(5),
        );
        Layout::vertical([Constraint::Length(request_height), Constraint::Min(3)]).areas(middle)
    };
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
        let a = layout(Rect::new(0, 0, 160, 48), Pane::Tree, Sizing::default());
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
        let a = layout(Rect::new(0, 0, 80, 24), Pane::Response, Sizing::default());
        assert_eq!(a.tabs, Some(Rect::new(0, 0, 80, 1)));
        assert_eq!(a.response, Rect::new(0, 1, 80, 22));
        assert_eq!(a.tree, Rect::default());
        assert_eq!(a.hit(10, 10), Some(Pane::Response));
    }

    #[test]
    fn tiny_terminals_do_not_panic() {
        for (w, h) in [(0, 0), (1, 1), (10, 3), (99, 5), (100, 2)] {
            let _ = layout(Rect::new(0, 0, w, h), Pane::Checklist, Sizing::default());
        }
    }

    #[test]
    fn the_tree_grows_to_its_names_within_a_share_and_the_user_resizes() {
        let screen = Rect::new(0, 0, 120, 40);
        let wanted = Sizing {
            tree_wanted: 34,
            ..Sizing::default()
        };
        assert_eq!(layout(screen, Pane::Tree, wanted).tree.width, 34);
        let greedy = Sizing {
            tree_wanted: 90,
            ..Sizing::default()
        };
        assert_eq!(layout(screen, Pane::Tree, greedy).tree.width, 36, "30 % of 120");
        let widened = Sizing {
            tree_extra: 6,
            ..wanted
        };
        let a = layout(screen, Pane::Tree, widened);
        assert_eq!(a.tree.width, 40);
        assert_eq!(a.border_at(40, 10), Some(Border::Tree));
        assert_eq!(a.border_at(a.checklist.x, 10), Some(Border::Checklist));
        assert_eq!(a.border_at(60, a.response.y), Some(Border::Request));
        assert_eq!(a.border_at(60, 20), None);
    }

    #[test]
    fn offsets_keep_the_selection_visible() {
        assert_eq!(list_offset(3, 10), 0);
        assert_eq!(list_offset(12, 10), 3);
        assert_eq!(list_offset(5, 0), 0);
    }
}
