//! The drawing pieces every pane and dialog shares: a pane's frame, a tab line, a key and
//! value line, a box centred on the screen, word wrapping, and text from the network made
//! safe for the terminal. A leaf: it knows the theme, not the app.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use crate::tui::theme::Theme;

/// A pane's frame: rounded, highlighted when focused.
pub fn pane_block(title: Line<'_>, focused: bool, theme: Theme) -> Block<'_> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(focused))
        .title(title)
}

/// `Params  Headers  Body  Auth`: the titles of `all`, with `current` marked.
pub fn tab_line<'a, T: Copy + PartialEq>(
    all: &[T],
    current: T,
    title: impl Fn(T) -> &'static str,
    theme: Theme,
) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, tab) in all.iter().enumerate() {
        let name = title(*tab);
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        let style = if *tab == current {
            theme.selected()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!(" {name} "), style));
    }
    Line::from(spans)
}

/// Text from the network, made safe for the terminal.
pub fn safe(text: &str) -> String {
    crate::sanitize::for_terminal(text, false)
}

/// Word-wraps `text` to `width` columns, indenting every line by `indent` spaces (a hanging
/// indent keeps evidence visibly under its check).
pub fn wrap_indented(text: &str, width: usize, indent: usize) -> Vec<String> {
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

/// A key and value line: `  Accept  application/json`.
pub fn pair_line<'a>(name: &str, value: &str, width: usize, style: Style) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{:<width$} ", safe(name)), style),
        Span::raw(safe(value)),
    ])
}

/// A box of `width` by `height` in the middle of `area`, no larger than it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// The `index`th line of `area`, if it has one.
pub fn line_at(area: Rect, index: usize) -> Option<Rect> {
    let y = area.y + u16::try_from(index).ok()?;
    (y < area.y + area.height).then_some(Rect { y, height: 1, ..area })
}
