//! The collection tree: collections, folders, requests with their method and last status.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::session::RequestId;
use crate::tui::layout::list_offset;
use crate::tui::state::RequestState;
use crate::tui::state::Row;
use crate::tui::state::{App, Pane};
use crate::tui::widgets::pane_block;

/// Spinner frames for a request in flight.
const SPINNER: [&str; 4] = ["⠋", "⠙", "⠸", "⠴"];

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let block = pane_block(Line::from(" Collections "), app.focus == Pane::Tree, app.theme);
    let inner = block.inner(area);
    let visible = usize::from(inner.height);
    let offset = list_offset(app.tree.selected, visible);
    let width = usize::from(inner.width);
    let lines: Vec<Line<'_>> = app
        .tree
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, row)| {
            let line = row_line(row, width, app);
            if i == app.tree.selected {
                line.style(app.theme.selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn row_line<'a>(row: &'a Row, width: usize, app: &App) -> Line<'a> {
    let indent = "  ".repeat(row.depth());
    match row {
        Row::Collection { name, open, index } => {
            let mut spans = vec![
                Span::raw(format!("{} ", if *open { "▾" } else { "▸" })),
                Span::styled(name.as_str(), app.theme.bold()),
            ];
            if let Some(source) = app.collection(*index).map(|c| &c.source) {
                if app.editing.conflicts.contains_key(source) {
                    spans.push(Span::styled(" ⚠ changed on disk", app.theme.fail()));
                } else if app.editing.is_dirty(source) {
                    spans.push(Span::styled(" ● unsaved", app.theme.fail()));
                }
            }
            Line::from(spans)
        }
        Row::Folder { path, open, .. } => Line::from(format!(
            "{}{} {}",
            &indent[..indent.len().saturating_sub(2)],
            if *open { "▾" } else { "▸" },
            path.last().map_or("", String::as_str)
        )),
        Row::Request {
            collection,
            path,
            method,
        } => {
            let state = app.requests.get(&RequestId::new(*collection, path.clone()));
            // A past exchange opened from the history is not this session's last status.
            let state =
                state.filter(|s| s.in_flight().is_some() || s.last().is_none_or(|d| d.past_at().is_none()));
            let badge = match state {
                Some(s) if let Some((_, since)) = s.in_flight() => {
                    let tick = app.now.instant.saturating_duration_since(since).as_millis() / 100;
                    Span::raw(SPINNER[usize::try_from(tick).unwrap_or(0) % SPINNER.len()])
                }
                Some(s) => match s.last() {
                    Some(done) => match done.status() {
                        Some(code) => Span::styled(code.to_string(), app.theme.status(code)),
                        None => Span::styled("ERR", app.theme.fail()),
                    },
                    None if matches!(s, RequestState::Cancelled { .. }) => Span::styled("✗", app.theme.dim()),
                    None => Span::raw(""),
                },
                // Not sent this session: its last status in the history, dimmed.
                None => match app.past.get(&RequestId::new(*collection, path.clone())) {
                    Some(Some(code)) => {
                        Span::styled(code.to_string(), app.theme.status(*code).patch(app.theme.dim()))
                    }
                    Some(None) => Span::styled("ERR", app.theme.dim()),
                    None => Span::raw(""),
                },
            };
            let name = path.name();
            let method_text = format!("{method:<6.6} ");
            let used = indent.len() + method_text.chars().count() + badge.width() + 1;
            let room = width.saturating_sub(used);
            let shown: String = if name.chars().count() > room {
                name.chars()
                    .take(room.saturating_sub(1))
                    .chain(std::iter::once('…'))
                    .collect()
            } else {
                format!("{name:<room$}")
            };
            Line::from(vec![
                Span::raw(indent),
                Span::styled(method_text, app.theme.method(method)),
                Span::raw(shown),
                Span::raw(" "),
                badge,
            ])
        }
        Row::Broken { error } => Line::from(vec![
            Span::styled("✘ ", app.theme.fail()),
            Span::raw(
                error
                    .path
                    .file_name()
                    .map_or_else(String::new, |f| f.to_string_lossy().into_owned()),
            ),
            Span::styled(
                match (error.line, error.column) {
                    (Some(l), Some(c)) => format!(":{l}:{c}"),
                    (Some(l), None) => format!(":{l}"),
                    _ => String::new(),
                },
                app.theme.dim(),
            ),
        ]),
    }
}
