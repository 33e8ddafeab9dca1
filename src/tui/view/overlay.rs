//! What covers the panes: the help screen (built from the keymap), the environment picker,
//! the one-line prompt for search and filter, and the editing dialogs (in `dialogs`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::pane_block;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, PromptKind};

pub fn draw(frame: &mut Frame<'_>, app: &App) {
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => help(frame, app, *scroll),
        Overlay::Form(form) => super::dialogs::form(frame, app, form),
        Overlay::Choice(choice) => super::dialogs::choice(frame, app, choice),
        Overlay::Confirm(confirm) => super::dialogs::confirm(frame, app, confirm),
        Overlay::TextEditor(editor) => super::dialogs::text_editor(frame, app, editor),
        Overlay::Variables(view) => super::dialogs::variables(frame, app, *view),
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

fn help(frame: &mut Frame<'_>, app: &App, scroll: u16) {
    let lines: Vec<Line<'_>> = Action::ALL
        .iter()
        .map(|action| {
            let keys: Vec<String> = app.keymap.keys(*action).iter().map(ToString::to_string).collect();
            Line::from(vec![
                Span::styled(format!("{:<16}", keys.join(" ")), app.theme.bold()),
                Span::raw(action.description()),
                Span::styled(format!("  {}", action.name()), app.theme.dim()),
            ])
        })
        .chain([
            Line::raw(""),
            Line::styled(
                "Mouse: click to focus or select, wheel to scroll.",
                app.theme.dim(),
            ),
            Line::styled(
                "Rebind keys in keymap.yaml in the config directory (action names on the right).",
                app.theme.dim(),
            ),
        ])
        .collect();
    let area = centered(
        frame.area(),
        100,
        u16::try_from(lines.len() + 2).unwrap_or(u16::MAX),
    );
    frame.render_widget(Clear, area);
    let block = pane_block(Line::from(" Keys "), true, app);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
