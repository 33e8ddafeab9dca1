//! Drawing: a pure function of the app state. One file per pane; nothing here changes
//! state or computes more than what is on screen.

mod checklist;
mod dialogs;
mod overlay;
mod request;
mod response;
mod status;
mod tree;
mod written;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use crate::tui::layout::layout;
use crate::tui::state::{App, Pane};

pub use overlay::help_rows;
pub use response::{body_max_scroll, max_scroll as response_max_scroll, shows_body};

pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let areas = layout(frame.area(), app.focus);
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
            Pane::Response => response::draw(frame, area, app),
            Pane::Checklist => checklist::draw(frame, area, app),
        }
    }
    status::draw(frame, areas.status, app);
    overlay::draw(frame, app);
}

/// A pane's frame: rounded, highlighted when focused.
fn pane_block<'a>(title: Line<'a>, focused: bool, app: &App) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(app.theme.border(focused))
        .title(title)
}

/// `Params  Headers  Body  Auth`: the titles of `all`, with `current` marked.
fn tab_line<'a, T: Copy + PartialEq>(
    all: &[T],
    current: T,
    title: impl Fn(T) -> &'static str,
    app: &App,
) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, tab) in all.iter().enumerate() {
        let name = title(*tab);
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        let style = if *tab == current {
            app.theme.selected()
        } else {
            app.theme.dim()
        };
        spans.push(Span::styled(format!(" {name} "), style));
    }
    Line::from(spans)
}

/// The request pane's tabs, the current one marked.
fn request_tabs<'a>(app: &App) -> Line<'a> {
    use crate::tui::state::RequestTab;
    tab_line(&RequestTab::ALL, app.request_tab, RequestTab::title, app)
}

fn draw_pane_tabs(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let tabs = tab_line(&Pane::ALL, app.focus, Pane::title, app);
    frame.render_widget(Paragraph::new(tabs), area);
}

/// Text from the network, made safe for the terminal.
fn safe(text: &str) -> String {
    crate::sanitize::for_terminal(text, false)
}

/// Word-wraps `text` to `width` columns, indenting every line by `indent` spaces (a hanging
/// indent keeps evidence visibly under its check).
fn wrap_indented(text: &str, width: usize, indent: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let room = width.saturating_sub(indent).max(10);
    let pad = " ".repeat(indent);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let needed = if current.is_empty() {
            word.width()
        } else {
            current.width() + 1 + word.width()
        };
        if needed > room && !current.is_empty() {
            lines.push(format!("{pad}{current}"));
            current.clear();
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        // A word longer than the line is cut where it must be.
        while current.width() > room {
            let cut: String = current.chars().take(room).collect();
            let rest: String = current.chars().skip(room).collect();
            lines.push(format!("{pad}{cut}"));
            current = rest;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(format!("{pad}{current}"));
    }
    lines
}

/// A request's description, one screen line per line written, dimmed.
fn description_lines<'a>(description: &str, app: &App) -> Vec<Line<'a>> {
    description
        .trim()
        .lines()
        .map(|line| Line::styled(safe(line), app.theme.dim()))
        .collect()
}

/// A key and value line: `  Accept  application/json`.
fn pair_line<'a>(name: &str, value: &str, width: usize, style: Style) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{:<width$} ", safe(name)), style),
        Span::raw(safe(value)),
    ])
}
