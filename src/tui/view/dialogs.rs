//! The editing dialogs: forms, choices, questions, the text editor and the variables list.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::collection::edit::VarScope;
use crate::secrets;
use crate::tui::action::Action;
use crate::tui::edit::text_editor::TextKind;
use crate::tui::edit::vars::{VarRow, var_rows};
use crate::tui::edit::{Choice, Confirm, Form, TextEditor, VarsView};
use crate::tui::state::App;
use crate::tui::view::overlay::centered;
use crate::tui::view::{pair_line, pane_block, safe, wrap_indented};

pub fn form(frame: &mut Frame<'_>, app: &App, form: &Form) {
    // Fields, a blank line, the note (wrapped: it says why an answer was refused, whole),
    // the keys.
    let width = usize::from(frame.area().width.min(72).saturating_sub(2));
    let note = form
        .note
        .as_deref()
        .map_or_else(Vec::new, |note| wrap_indented(&safe(note), width, 0));
    let rows = form.inputs.len() + 1 + note.len() + 1;
    let area = centered(frame.area(), 72, u16::try_from(rows + 2).unwrap_or(u16::MAX));
    frame.render_widget(Clear, area);
    let block = pane_block(Line::from(format!(" {} ", form.title)), true, app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_width = form
        .inputs
        .iter()
        .map(|i| i.label.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(4, 16);
    for (i, input) in form.inputs.iter().enumerate() {
        let Some(row) = line_at(inner, i) else {
            break;
        };
        let [label, field] = Layout::horizontal([
            Constraint::Length(u16::try_from(label_width + 1).unwrap_or(17)),
            Constraint::Min(1),
        ])
        .areas(row);
        frame.render_widget(
            Paragraph::new(Span::styled(input.label.clone(), app.theme.bold())),
            label,
        );
        let mut area = input.area.clone();
        if i != form.focus {
            area.set_cursor_style(Style::default());
        }
        frame.render_widget(&area, field);
    }
    let mut next = form.inputs.len() + 1;
    for line in note {
        if let Some(row) = line_at(inner, next) {
            frame.render_widget(Paragraph::new(Line::styled(line, app.theme.dim())), row);
        }
        next += 1;
    }
    if let Some(row) = line_at(inner, next) {
        let hint = if form.inputs.len() > 1 {
            "enter next/apply · tab switch field · esc cancel"
        } else {
            "enter apply · esc cancel"
        };
        frame.render_widget(Paragraph::new(Line::styled(hint, app.theme.dim())), row);
    }
}

fn line_at(area: Rect, index: usize) -> Option<Rect> {
    let y = area.y + u16::try_from(index).ok()?;
    (y < area.y + area.height).then_some(Rect { y, height: 1, ..area })
}

pub fn choice(frame: &mut Frame<'_>, app: &App, choice: &Choice) {
    let lines: Vec<Line<'_>> = choice
        .options
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let line = Line::raw(format!(" {} ", safe(option)));
            if i == choice.selected {
                line.style(app.theme.selected())
            } else {
                line
            }
        })
        .collect();
    let width = choice
        .options
        .iter()
        .map(|o| o.chars().count())
        .chain([choice.title.chars().count()])
        .max()
        .unwrap_or(10)
        + 6;
    let area = centered(
        frame.area(),
        u16::try_from(width).unwrap_or(60).max(24),
        u16::try_from(lines.len() + 2).unwrap_or(u16::MAX),
    );
    frame.render_widget(Clear, area);
    let title = format!(" {} ", safe(&choice.title));
    let selected = u16::try_from(choice.selected).unwrap_or(0);
    let room = area.height.saturating_sub(2).max(1);
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane_block(Line::from(title), true, app))
            .scroll((selected.saturating_sub(room - 1), 0)),
        area,
    );
}

pub fn confirm(frame: &mut Frame<'_>, app: &App, confirm: &Confirm) {
    let mut lines = vec![Line::raw(safe(&confirm.text)), Line::raw("")];
    for (key, what) in &confirm.answers {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key}  "), app.theme.bold()),
            Span::raw(*what),
        ]));
    }
    let area = centered(
        frame.area(),
        76,
        u16::try_from(lines.len() + 3).unwrap_or(u16::MAX),
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(pane_block(
            Line::from(" Confirm "),
            true,
            app,
        )),
        area,
    );
}

pub fn text_editor(frame: &mut Frame<'_>, app: &App, editor: &TextEditor) {
    let full = frame.area();
    let area = centered(
        full,
        full.width.saturating_sub(8).max(40),
        full.height.saturating_sub(4).max(8),
    );
    frame.render_widget(Clear, area);
    let what = match editor.kind {
        TextKind::Json => "JSON body",
        TextKind::Text => "text body",
        TextKind::Description => "description",
    };
    let block = pane_block(Line::from(format!(" {} · {what} ", editor.at.path)), true, app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [text, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(&editor.area, text);
    let check = match (&editor.problem, editor.kind) {
        (Some(problem), _) => Span::styled(format!("✘ {problem}"), app.theme.fail()),
        (None, TextKind::Json) => Span::styled("✔ valid JSON", app.theme.pass()),
        (None, _) => Span::raw(""),
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            check,
            Span::styled(
                "   esc done · ctrl-s done and save · ctrl-c discard · ctrl-u undo",
                app.theme.dim(),
            ),
        ])),
        status,
    );
}

pub fn variables(frame: &mut Frame<'_>, app: &App, view: VarsView) {
    let Some(collection) = app.collection(view.collection) else {
        return;
    };
    let rows = var_rows(collection);
    let cursor = view.cursor.min(rows.len().saturating_sub(1));
    let lines: Vec<Line<'_>> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let line = match row {
                VarRow::Heading(VarScope::Collection) => {
                    Line::styled("Variables (every environment)", app.theme.bold())
                }
                VarRow::Heading(VarScope::Environment(name)) => {
                    let active = app.environment.as_deref() == Some(name.as_str());
                    Line::styled(
                        format!(
                            "Environment {}{}",
                            safe(name),
                            if active { "  (active)" } else { "" }
                        ),
                        app.theme.bold(),
                    )
                }
                VarRow::Heading(VarScope::Request(_)) => Line::raw(""),
                VarRow::Var { name, value, .. } => {
                    let shown = if secrets::is_secret_param(name) {
                        secrets::mask_written(value)
                    } else {
                        value.clone()
                    };
                    pair_line(&format!("  {name}"), &shown, 24, Style::default())
                }
                VarRow::NewEnvironment => Line::styled("+ new environment", app.theme.dim()),
            };
            if i == cursor {
                line.style(app.theme.selected())
            } else {
                line
            }
        })
        .collect();
    let full = frame.area();
    let area = centered(full, 80, full.height.saturating_sub(4).max(8));
    frame.render_widget(Clear, area);
    let block = pane_block(
        Line::from(format!(" Variables · {} ", safe(&collection.name))),
        true,
        app,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let room = list.height.max(1);
    let offset = u16::try_from(cursor).unwrap_or(0).saturating_sub(room - 1);
    frame.render_widget(Paragraph::new(lines).scroll((offset, 0)), list);
    let k = |a: Action| app.keymap.hint(a);
    let keys = format!(
        "{} edit · {} add · {} delete · {} undo · {} save · esc close",
        k(Action::Edit),
        k(Action::Add),
        k(Action::Delete),
        k(Action::Undo),
        k(Action::Save)
    );
    frame.render_widget(Paragraph::new(Line::styled(keys, app.theme.dim())), hint);
}
