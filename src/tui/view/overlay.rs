//! What covers the panes: the help screen (built from the keymap), the environment picker,
//! the one-line prompt for search and filter, and the editing dialogs (in `dialogs`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use unicode_width::UnicodeWidthStr;

use crate::tui::action::Action;
use crate::tui::state::{App, Overlay, PromptKind};
use crate::tui::view::{pane_block, wrap_indented};

pub fn draw(frame: &mut Frame<'_>, app: &App) {
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => help(frame, app, *scroll),
        Overlay::Form(form) => crate::tui::view::dialogs::form(frame, app, form),
        Overlay::Choice(choice) => crate::tui::view::dialogs::choice(frame, app, choice),
        Overlay::Confirm(confirm) => crate::tui::view::dialogs::confirm(frame, app, confirm),
        Overlay::TextEditor(editor) => crate::tui::view::dialogs::text_editor(frame, app, editor),
        Overlay::Variables(view) => crate::tui::view::dialogs::variables(frame, app, *view),
        Overlay::Prompt(prompt) => {
            let area = frame.area();
            let line = Rect {
                y: area.height.saturating_sub(1),
                height: 1.min(area.height),
                ..area
            };
            let label = match prompt.kind {
                PromptKind::Search => "search: ",
                PromptKind::Filter => "filter (JSONPath): ",
            };
            frame.render_widget(Clear, line);
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled(label, app.theme.bold()),
                    Span::raw(prompt.text.clone()),
                    Span::styled("█", app.theme.dim()),
                ])),
                line,
            );
        }
    }
}

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// The help screen on a terminal of `screen`: its lines, wrapped to the box, and the box. It
/// leaves the status bar alone and is as wide as its widest line, as the screen allows.
fn help_layout<'a>(app: &App, screen: Rect) -> (Vec<Line<'a>>, Rect) {
    let entries: Vec<(String, &'static str, &'static str)> = Action::ALL
        .iter()
        .map(|action| {
            let keys: Vec<String> = app.keymap.keys(*action).iter().map(ToString::to_string).collect();
            (
                format!("{:<16}", keys.join(" ")),
                action.description(),
                action.name(),
            )
        })
        .collect();
    let footer = [
        "Mouse: click to focus or select, wheel to scroll.",
        "Rebind keys in keymap.yaml in the config directory (action names on the right).",
    ];
    let widest = entries
        .iter()
        .map(|(keys, what, name)| keys.width() + what.width() + 2 + name.width())
        .chain(footer.iter().map(|l| l.width()))
        .max()
        .unwrap_or(0);
    let room = Rect {
        height: screen.height.saturating_sub(1),
        ..screen
    };
    let width = u16::try_from(widest + 2).unwrap_or(u16::MAX).min(room.width);
    let inner = usize::from(width.saturating_sub(2));
    let mut lines = Vec::new();
    for (keys, what, name) in entries {
        let indent = keys.width();
        let mut rows = wrap_indented(what, inner, indent).into_iter();
        let first = rows.next().unwrap_or_default();
        let mut current = vec![
            Span::styled(keys, app.theme.bold()),
            Span::raw(first.trim_start().to_owned()),
        ];
        for row in rows {
            lines.push(Line::from(std::mem::take(&mut current)));
            current.push(Span::raw(row));
        }
        let used: usize = current.iter().map(Span::width).sum();
        if used + 2 + name.width() > inner {
            lines.push(Line::from(std::mem::take(&mut current)));
            current.push(Span::raw(" ".repeat(indent)));
        } else {
            current.push(Span::raw("  "));
        }
        current.push(Span::styled(name, app.theme.dim()));
        lines.push(Line::from(current));
    }
    lines.push(Line::raw(""));
    for text in footer {
        lines.extend(
            wrap_indented(text, inner, 0)
                .into_iter()
                .map(|l| Line::styled(l, app.theme.dim())),
        );
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    (lines, centered(room, width, height))
}

/// The help screen's lines and how many of them show at once, at the terminal's size.
pub fn help_rows(app: &App) -> (usize, usize) {
    let (lines, area) = help_layout(app, Rect::new(0, 0, app.size.0, app.size.1));
    (lines.len(), usize::from(area.height.saturating_sub(2)))
}

fn help(frame: &mut Frame<'_>, app: &App, scroll: u16) {
    let (lines, area) = help_layout(app, frame.area());
    let visible = usize::from(area.height.saturating_sub(2));
    let room = lines.len().saturating_sub(visible);
    let scroll = usize::from(scroll).min(room);
    let mut block = pane_block(Line::from(" Keys "), true, app);
    if room > 0 {
        let k = |a: Action| app.keymap.hint(a);
        block = block.title_bottom(
            Line::styled(
                format!(
                    " {}-{} of {} · {}/{} scroll · esc closes ",
                    scroll + 1,
                    scroll + visible,
                    lines.len(),
                    k(Action::Down),
                    k(Action::Up)
                ),
                app.theme.dim(),
            )
            .right_aligned(),
        );
    }
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}
