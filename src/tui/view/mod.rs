//! Drawing: a pure function of the app state, one file per pane. Nothing here changes state
//! or reads a clock; what a frame measured (how far panes scroll) is returned, for the loop
//! to report back to `update`.

mod checklist;
mod overlay;
mod request;
mod response;
mod slot_lines;
mod status;
mod tree;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::tui::state::{App, LastFrame, Pane, RequestTab};
use crate::tui::widgets::{safe, tab_line};

/// Draws the whole screen and says what it measured.
pub fn draw(frame: &mut Frame<'_>, app: &App) -> LastFrame {
    let mut measured = LastFrame {
        drawn: true,
        ..LastFrame::default()
    };
    let areas = crate::tui::layout::areas_in(app, frame.area());
    if let Some(tabs) = areas.tabs {
        draw_pane_tabs(frame, tabs, app);
    }
    for pane in Pane::ALL {
        let area = areas.of(pane);
        if area.width < 4 || area.height < 3 {
            continue;
        }
        match pane {
            Pane::Tree => tree::draw(frame, area, app),
            Pane::Request => request::draw(frame, area, app),
            Pane::Response => response::draw(frame, area, app, &mut measured),
            Pane::Checklist => measured.checklist_room = checklist::draw(frame, area, app),
        }
    }
    status::draw(frame, areas.status, app);
    overlay::draw(frame, app, &mut measured);
    measured
}

/// The request pane's tabs, the current one marked.
fn request_tabs<'a>(app: &App) -> Line<'a> {
    tab_line(&RequestTab::ALL, app.request_tab, RequestTab::title, app.theme)
}

fn draw_pane_tabs(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let tabs = tab_line(&Pane::ALL, app.focus, Pane::title, app.theme);
    frame.render_widget(Paragraph::new(tabs), area);
}

/// A request's description, one screen line per line written, dimmed.
fn description_lines<'a>(description: &str, app: &App) -> Vec<Line<'a>> {
    description
        .trim()
        .lines()
        .map(|line| Line::styled(safe(line), app.theme.dim()))
        .collect()
}
