//! The response pane: status line, then the body (pretty, highlighted, searchable; only the
//! visible lines are drawn), the headers, or the raw message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{pair_line, pane_block, safe, tab_line};
use crate::http::{Failure, Outcome};
use crate::tui::app::{App, Done, Flight, Pane, ResponseTab};
use crate::tui::body::{BodyKind, BodyView};
use crate::tui::highlight::json_line;
use crate::tui::update::shown_body;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let focused = app.focus == Pane::Response;
    let state = app.selected_state();
    let done = state.and_then(|s| s.last.as_ref());
    let title = title(app, state.map(|s| &s.flight), done);
    let block = pane_block(title, focused, app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let Some(done) = done else {
        let hint = match state.map(|s| &s.flight) {
            Some(Flight::Sending { .. }) => format!(
                "waiting for the response — {} cancels",
                app.keymap.hint(crate::tui::action::Action::Cancel)
            ),
            _ => format!(
                "{} sends the selected request",
                app.keymap.hint(crate::tui::action::Action::Send)
            ),
        };
        frame.render_widget(Paragraph::new(Line::styled(hint, app.theme.dim())), inner);
        return;
    };
    let tabs = Rect { height: 1, ..inner };
    frame.render_widget(
        Paragraph::new(tab_line(
            &ResponseTab::ALL,
            app.response_tab,
            ResponseTab::title,
            app,
        )),
        tabs,
    );
    let content = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    match (&done.outcome, app.response_tab) {
        (None, _) => {
            let text = match &done.prepared {
                Err(e) => format!("Not sent: {}", safe(&e.to_string())),
                Ok(_) => "Not sent.".to_owned(),
            };
            frame.render_widget(
                Paragraph::new(text)
                    .style(app.theme.fail())
                    .wrap(Wrap { trim: false }),
                content,
            );
        }
        (Some(Outcome::Failure(failure)), _) => draw_failure(frame, content, failure, app),
        (Some(Outcome::Response(_)), ResponseTab::Body) => draw_body(frame, content, app, done),
        (Some(Outcome::Response(exchange)), ResponseTab::Headers) => {
            let headers = &exchange.response.head.headers;
            let width = headers.iter().map(|(n, _)| n.len()).max().unwrap_or(0).min(28);
            let lines: Vec<Line<'_>> = headers
                .iter()
                .map(|(n, v)| pair_line(n, v, width, app.theme.bold()))
                .collect();
            draw_scrolled(frame, content, lines, app);
        }
        (Some(Outcome::Response(exchange)), ResponseTab::Raw) => {
            let head = &exchange.response.head;
            let mut lines = vec![Line::styled(
                format!("{} {} {}", head.version, head.status, safe(&head.reason)),
                app.theme.bold(),
            )];
            lines.extend(
                head.headers
                    .iter()
                    .map(|(n, v)| Line::raw(format!("{}: {}", safe(n), safe(v)))),
            );
            lines.push(Line::raw(""));
            let body = &exchange.response.body;
            let shown = &body[..body.len().min(64 * 1024)];
            lines.extend(String::from_utf8_lossy(shown).lines().map(|l| Line::raw(safe(l))));
            if body.len() > shown.len() {
                lines.push(Line::styled("… (the Body tab shows all of it)", app.theme.dim()));
            }
            draw_scrolled(frame, content, lines, app);
        }
    }
}

fn title<'a>(app: &App, flight: Option<&Flight>, done: Option<&Done>) -> Line<'a> {
    let mut spans = vec![Span::raw(" Response ")];
    if let Some(Flight::Sending { since, .. }) = flight {
        let elapsed = app.now.saturating_duration_since(*since);
        spans.push(Span::styled(
            format!("· sending… {} ", crate::format::elapsed(elapsed)),
            app.theme.unknown(),
        ));
        return Line::from(spans);
    }
    match done.and_then(|d| d.outcome.as_ref()) {
        Some(Outcome::Response(e)) => {
            let head = &e.response.head;
            spans.push(Span::styled(
                format!("· {} {} ", head.status, safe(&head.reason)),
                app.theme.status(head.status),
            ));
            spans.push(Span::styled(
                format!(
                    "· {} · {} ",
                    crate::format::elapsed(e.timing.total),
                    crate::format::bytes(e.response.body.len() as u64)
                ),
                app.theme.dim(),
            ));
        }
        Some(Outcome::Failure(f)) => {
            spans.push(Span::styled(format!("· {} ", f.kind.as_str()), app.theme.fail()));
        }
        None => {}
    }
    if matches!(flight, Some(Flight::Cancelled)) {
        spans.push(Span::styled("· cancelled ", app.theme.dim()));
    }
    Line::from(spans)
}

fn draw_failure(frame: &mut Frame<'_>, area: Rect, failure: &Failure, app: &App) {
    let mut lines = vec![
        Line::styled(
            format!("✘ {}: {}", failure.kind.as_str(), safe(&failure.message)),
            app.theme.fail(),
        ),
        Line::styled(format!("while {}", failure.phase.as_str()), app.theme.dim()),
        Line::raw(""),
    ];
    if !failure.chain.is_empty() {
        lines.push(Line::styled("error chain", app.theme.bold()));
        lines.extend(
            failure
                .chain
                .iter()
                .map(|c| Line::raw(format!("  → {}", safe(c)))),
        );
    }
    for hop in &failure.hops {
        lines.push(Line::raw(format!(
            "↪ {} → {}",
            hop.response.status,
            safe(&hop.location)
        )));
    }
    draw_scrolled(frame, area, lines, app);
}

fn draw_scrolled(frame: &mut Frame<'_>, area: Rect, lines: Vec<Line<'_>>, app: &App) {
    let scroll = u16::try_from(app.scroll.get(&Pane::Response).copied().unwrap_or(0)).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

/// Only the lines on screen are sliced, sanitised and coloured.
fn draw_body(frame: &mut Frame<'_>, area: Rect, app: &App, done: &Done) {
    let Some(view) = shown_body(app) else {
        let text = if done.body_ticket == 0 {
            ""
        } else {
            "formatting the body…"
        };
        frame.render_widget(Paragraph::new(Line::styled(text, app.theme.dim())), area);
        return;
    };
    let mut lines: Vec<Line<'_>> = Vec::new();
    if let Some(note) = &view.note {
        lines.push(Line::styled(safe(note), app.theme.dim()));
    }
    if view.kind == BodyKind::Empty {
        lines.push(Line::styled("(empty body)", app.theme.dim()));
    }
    let height = usize::from(area.height).saturating_sub(lines.len());
    let first = app.body.scroll.min(view.line_count().saturating_sub(1));
    for i in first..(first + height).min(view.line_count()) {
        lines.push(body_line(&view, i, app));
    }
    let mut paragraph = Paragraph::new(lines);
    if app.body.wrap {
        paragraph = paragraph.wrap(Wrap { trim: false });
    }
    frame.render_widget(paragraph, area);
}

fn body_line<'a>(view: &BodyView, i: usize, app: &App) -> Line<'a> {
    let raw = view.line(i);
    // Matches are in order: find this line's run instead of scanning all of them per line.
    let all = &app.body.matches;
    let first = all.partition_point(|(line, _)| *line < i);
    let matches: Vec<(usize, bool)> = all[first..]
        .iter()
        .take_while(|(line, _)| *line == i)
        .enumerate()
        .map(|(n, (_, col))| (*col, first + n == app.body.current))
        .collect();
    if !matches.is_empty() {
        return highlighted_matches(&raw, &matches, app.body.search.len(), app);
    }
    if view.kind == BodyKind::Json {
        return Line::from(
            json_line(&raw)
                .into_iter()
                .map(|(token, text)| Span::styled(safe(text), app.theme.json(token)))
                .collect::<Vec<_>>(),
        );
    }
    Line::raw(safe(&raw))
}

/// A line with search matches marked; the current one stands out.
fn highlighted_matches<'a>(line: &str, matches: &[(usize, bool)], len: usize, app: &App) -> Line<'a> {
    let mut spans = Vec::new();
    let mut at = 0;
    for &(col, current) in matches {
        let (start, end) = (col.min(line.len()), (col + len).min(line.len()));
        if start < at || !line.is_char_boundary(start) || !line.is_char_boundary(end) {
            continue;
        }
        spans.push(Span::raw(safe(&line[at..start])));
        spans.push(Span::styled(safe(&line[start..end]), app.theme.matched(current)));
        at = end;
    }
    spans.push(Span::raw(safe(&line[at..])));
    Line::from(spans)
}
