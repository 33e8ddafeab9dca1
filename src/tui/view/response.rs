//! The response pane: status line, then the body (pretty, highlighted, searchable; only the
//! visible lines are drawn), the headers, or the raw message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::http::{Failure, Outcome};
use crate::tui::body_view::{BodyFormat, BodyView};
use crate::tui::highlight::json_line;
use crate::tui::state::{App, LastFrame, Pane, ResponseTab};
use crate::tui::state::{Done, RequestState};
use crate::tui::widgets::{fitted, pair_line, pane_block, safe, tab_line};

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, measured: &mut LastFrame) {
    let focused = app.focus == Pane::Response;
    let state = app.selected_state();
    let done = state.and_then(RequestState::last);
    let title = title(app, state, done);
    let block = pane_block(fitted(title, area.width), focused, app.theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let Some(done) = done else {
        let hint = if state.is_some_and(RequestState::is_sending) {
            format!(
                "waiting for the response — {} cancels",
                app.keymap.hint(crate::tui::action::Action::Cancel)
            )
        } else {
            format!(
                "{} sends the selected request",
                app.keymap.hint(crate::tui::action::Action::Send)
            )
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
            app.theme,
        )),
        tabs,
    );
    let content = content_area(inner);
    match (done.outcome(), app.response_tab) {
        (None, _) => {
            let text = match done.refusal() {
                Some(e) => format!("Not sent: {}", safe(&e.to_string())),
                None => "Not sent.".to_owned(),
            };
            frame.render_widget(
                Paragraph::new(text)
                    .style(app.theme.fail())
                    .wrap(Wrap { trim: false }),
                content,
            );
        }
        (Some(Outcome::Response(_)), ResponseTab::Body) => {
            measured.body_room = draw_body(frame, content, app, done);
            draw_position(frame, tabs, app, measured.body_room);
        }
        (Some(_), _) => {
            let text = wrapped(scrolled_lines(app, done));
            measured.response_room = scroll_room(&text, content);
            // Clamped here too: a resize can leave the stored offset past the end.
            let scroll = app
                .scroll
                .get(&Pane::Response)
                .copied()
                .unwrap_or(0)
                .min(measured.response_room);
            frame.render_widget(
                text.scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
                content,
            );
        }
    }
}

/// The rows under the response tabs.
fn content_area(inner: Rect) -> Rect {
    Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

fn wrapped(lines: Vec<Line<'_>>) -> Paragraph<'_> {
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// How far `text` scrolls in `area`: at most until its last row is at the bottom.
fn scroll_room(text: &Paragraph<'_>, area: Rect) -> usize {
    text.line_count(area.width)
        .saturating_sub(usize::from(area.height))
}

/// A response header's value as shown: a `Set-Cookie` (a session is a credential) masked
/// by name, a `Location`'s password and keys as in any URL, and any credential the session
/// knows masked where the server echoes it.
fn shown_header(name: &str, value: &str, app: &App) -> String {
    crate::secrets::mask_echoes(&crate::secrets::mask_header_value(name, value), &app.secrets)
}

/// The text of the headers tab, the raw tab, or a failure on any tab.
fn scrolled_lines<'a>(app: &App, done: &Done) -> Vec<Line<'a>> {
    match (done.outcome(), app.response_tab) {
        (None, _) => Vec::new(),
        (Some(Outcome::Failure(failure)), _) => failure_lines(failure, app),
        (Some(Outcome::Response(exchange)), ResponseTab::Headers | ResponseTab::Body) => {
            let headers = &exchange.response.head.headers;
            let width = headers.iter().map(|(n, _)| n.len()).max().unwrap_or(0).min(28);
            headers
                .iter()
                .map(|(n, v)| pair_line(n, &shown_header(n, v, app), width, app.theme.bold()))
                .collect()
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
                    .map(|(n, v)| Line::raw(format!("{}: {}", safe(n), safe(&shown_header(n, v, app))))),
            );
            lines.push(Line::raw(""));
            let body = &exchange.response.body;
            let shown = &body[..body.len().min(64 * 1024)];
            let text = crate::secrets::mask_echoes(&String::from_utf8_lossy(shown), &app.secrets);
            lines.extend(text.lines().map(|l| Line::raw(safe(l))));
            if body.len() > shown.len() {
                lines.push(Line::styled("… (the Body tab shows all of it)", app.theme.dim()));
            }
            lines
        }
    }
}

fn title<'a>(app: &App, state: Option<&RequestState>, done: Option<&Done>) -> Line<'a> {
    let mut spans = vec![Span::raw(" Response ")];
    if let Some((_, since)) = state.and_then(RequestState::in_flight) {
        let elapsed = app.now.instant.saturating_duration_since(since);
        spans.push(Span::styled(
            format!("· sending… {} ", crate::format::elapsed(elapsed)),
            app.theme.unknown(),
        ));
        return Line::from(spans);
    }
    // After a cancel the panes show the send before it: say so before its status, so the
    // old result does not read as what the cancel did.
    let cancelled = matches!(state, Some(RequestState::Cancelled { .. }));
    let lead = if cancelled { "· previous: " } else { "· " };
    if let Some((id, at)) = done.and_then(Done::past_at) {
        spans.push(Span::styled(
            format!("· past #{id}, {} ", app.clock().when(at)),
            app.theme.unknown(),
        ));
    }
    match done.and_then(Done::outcome) {
        Some(Outcome::Response(e)) => {
            let head = &e.response.head;
            spans.push(Span::styled(
                format!("{lead}{} {} ", head.status, safe(&head.reason)),
                app.theme.status(head.status),
            ));
            spans.push(Span::styled(
                format!(
                    "· {} · {} ",
                    crate::format::elapsed(e.timing.total),
                    crate::format::bytes(e.response.body_len())
                ),
                app.theme.dim(),
            ));
        }
        Some(Outcome::Failure(f)) => {
            spans.push(Span::styled(
                format!("{lead}{} ", f.kind.as_str()),
                app.theme.fail(),
            ));
        }
        None => {}
    }
    if cancelled {
        spans.push(Span::styled("· cancelled ", app.theme.dim()));
    }
    Line::from(spans)
}

fn failure_lines<'a>(failure: &Failure, app: &App) -> Vec<Line<'a>> {
    let mut lines = vec![Line::styled(
        format!("✘ {}: {}", failure.kind.as_str(), safe(&failure.message)),
        app.theme.fail(),
    )];
    // A timeout's message already says where it stopped.
    let phase = failure.phase.as_str();
    if !failure.message.contains(phase) {
        lines.push(Line::styled(format!("while {phase}"), app.theme.dim()));
    }
    lines.push(Line::raw(""));
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
            safe(&crate::secrets::mask_url(&hop.location))
        )));
    }
    lines
}

/// Only the lines on screen are sliced, sanitised and coloured. Returns how far the body
/// scrolls in `area`.
fn draw_body(frame: &mut Frame<'_>, area: Rect, app: &App, done: &Done) -> usize {
    let Some(view) = app.shown_body() else {
        let text = if done.body_ticket == 0 {
            ""
        } else {
            "formatting the body…"
        };
        frame.render_widget(Paragraph::new(Line::styled(text, app.theme.dim())), area);
        return 0;
    };
    let mut lines = body_heading(&view, app);
    let height = usize::from(area.height).saturating_sub(lines.len());
    let room = body_room(&view, area, app);
    let first = app.body.scroll.min(room);
    let width = usize::from(area.width);
    for i in first..(first + height).min(view.line_count()) {
        if app.body.wrap {
            // Only the rows left on screen are cut from the line: a 20 MB line is not
            // coloured and wrapped whole on every frame.
            let left = usize::from(area.height).saturating_sub(lines.len()).max(1);
            let line = body_line(&view, i, app, width * left + 1);
            lines.extend(hanging_rows(line, width).into_iter().take(left));
        } else {
            lines.push(clipped(body_line(&view, i, app, width + 1), width, app));
        }
        if lines.len() >= usize::from(area.height) {
            break;
        }
    }
    frame.render_widget(body_paragraph(lines, app), area);
    room
}

/// Where the body's screenful is, right of the tabs: `lines 41-60 of 400 · 10%`.
fn draw_position(frame: &mut Frame<'_>, row: Rect, app: &App, room: usize) {
    let Some(view) = app.shown_body() else { return };
    let total = view.line_count();
    if total == 0 {
        return;
    }
    let first = app.body.scroll.min(room);
    let percent = (first * 100).checked_div(room).unwrap_or(100);
    let text = format!("line {} of {total} · {percent}% ", first + 1);
    // Only where it fits beside the tab labels, never over them.
    let labels = tab_line(&ResponseTab::ALL, app.response_tab, ResponseTab::title, app.theme).width();
    let width = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    if usize::from(row.width) < labels + usize::from(width) + 1 {
        return;
    }
    let at = Rect {
        x: row.x + row.width - width,
        width,
        ..row
    };
    frame.render_widget(Paragraph::new(Line::styled(text, app.theme.dim())), at);
}

/// A line cut to `width` columns ends in `…`, so a cut line says it was cut (`w` wraps).
fn clipped<'a>(line: Line<'a>, width: usize, app: &App) -> Line<'a> {
    use unicode_width::UnicodeWidthChar;
    if width == 0 || line.width() <= width {
        return line;
    }
    let mut room = width - 1;
    let mut spans = Vec::new();
    for span in line.spans {
        let mut text = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if w > room {
                room = 0;
                break;
            }
            room -= w;
            text.push(c);
        }
        spans.push(Span::styled(text, span.style));
        if room == 0 {
            break;
        }
    }
    spans.push(Span::styled("…", app.theme.dim()));
    Line::from(spans)
}

/// A wrapped body line as screen rows, each continuation indented as far as the line
/// itself, so a wrapped JSON value stays under its key (up to half the width).
fn hanging_rows(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthChar;
    if width == 0 || line.width() <= width {
        return vec![line];
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let indent = text.chars().take_while(|c| *c == ' ').count().min(width / 2);
    let mut rows = Vec::new();
    let mut row: Vec<Span<'static>> = Vec::new();
    let mut room = width;
    for span in line.spans {
        let mut piece = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if w > room {
                if !piece.is_empty() {
                    row.push(Span::styled(std::mem::take(&mut piece), span.style));
                }
                rows.push(Line::from(std::mem::take(&mut row)));
                row.push(Span::raw(" ".repeat(indent)));
                room = width - indent;
            }
            room = room.saturating_sub(w);
            piece.push(c);
        }
        if !piece.is_empty() {
            row.push(Span::styled(piece, span.style));
        }
    }
    rows.push(Line::from(row));
    rows
}

/// What comes above the body's lines: why it is shown as it is, or that it is empty.
fn body_heading<'a>(view: &BodyView, app: &App) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    if let Some(note) = &view.note {
        lines.push(Line::styled(safe(note), app.theme.dim()));
    }
    if view.kind == BodyFormat::Empty {
        lines.push(Line::styled("(empty body)", app.theme.dim()));
    }
    lines
}

fn body_paragraph<'a>(lines: Vec<Line<'a>>, app: &App) -> Paragraph<'a> {
    let paragraph = Paragraph::new(lines);
    if app.body.wrap {
        paragraph.wrap(Wrap { trim: false })
    } else {
        paragraph
    }
}

/// The first line of the body's last screenful in `area`: its last line at the bottom,
/// counted in screen rows when lines wrap. Only that screenful is measured.
fn body_room(view: &BodyView, area: Rect, app: &App) -> usize {
    let count = view.line_count();
    let rows_of = |lines: Vec<Line<'_>>| body_paragraph(lines, app).line_count(area.width);
    let mut rows = usize::from(area.height).saturating_sub(rows_of(body_heading(view, app)));
    let mut first = count;
    while first > 0 {
        let needed = if app.body.wrap {
            // Measured on as much of the line as could fill the rows left, plus one.
            let cells = usize::from(area.width) * (rows + 1) + 1;
            hanging_rows(body_line(view, first - 1, app, cells), usize::from(area.width)).len()
        } else {
            1
        };
        if needed > rows {
            break;
        }
        rows -= needed;
        first -= 1;
    }
    // A line taller than the pane still starts at its top.
    first.min(count.saturating_sub(1))
}

/// Body line `i`, coloured and with its search matches marked, cut to its first `cells`
/// characters (what can reach the screen; a cut line still reads as wider than the pane).
fn body_line<'a>(view: &BodyView, i: usize, app: &App, cells: usize) -> Line<'a> {
    let whole = view.line(i);
    let raw = match whole.char_indices().nth(cells) {
        Some((cut, _)) => std::borrow::Cow::Borrowed(&whole[..cut]),
        None => std::borrow::Cow::Borrowed(whole.as_ref()),
    };
    // Matches are in order: find this line's run instead of scanning all of them per line.
    let all = &app.body.matches;
    let first = all.partition_point(|(line, _)| *line < i);
    let matches: Vec<(usize, bool)> = all[first..]
        .iter()
        .take_while(|(line, _)| *line == i)
        .enumerate()
        .map(|(n, (_, col))| (*col, first + n == app.body.current))
        .collect();
    // The line's own colours (JSON tokens), as byte ranges of it.
    let tokens: Vec<(Style, std::ops::Range<usize>)> = if view.kind == BodyFormat::Json {
        let mut at = 0;
        json_line(&raw)
            .into_iter()
            .map(|(token, text)| {
                let range = at..at + text.len();
                at = range.end;
                (app.theme.json(token), range)
            })
            .collect()
    } else {
        vec![(Style::default(), 0..raw.len())]
    };
    Line::from(highlighted(&raw, &tokens, &matches, app.body.search.len(), app))
}

/// The line's spans in their own colours, with search matches marked over them (the
/// current one stands out): a match keeps the JSON colours around it.
fn highlighted<'a>(
    line: &str,
    tokens: &[(Style, std::ops::Range<usize>)],
    matches: &[(usize, bool)],
    len: usize,
    app: &App,
) -> Vec<Span<'a>> {
    let found: Vec<(std::ops::Range<usize>, bool)> = matches
        .iter()
        .map(|&(col, current)| (col.min(line.len())..(col + len).min(line.len()), current))
        .filter(|(r, _)| line.is_char_boundary(r.start) && line.is_char_boundary(r.end))
        .collect();
    let mut spans = Vec::new();
    for (style, token) in tokens {
        let mut at = token.start;
        for (hit, current) in &found {
            if hit.end <= at || hit.start >= token.end {
                continue;
            }
            let (from, to) = (hit.start.max(at), hit.end.min(token.end));
            if from > at {
                spans.push(Span::styled(safe(&line[at..from]), *style));
            }
            spans.push(Span::styled(safe(&line[from..to]), app.theme.matched(*current)));
            at = to;
        }
        if at < token.end {
            spans.push(Span::styled(safe(&line[at..token.end]), *style));
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::body_line;
    use crate::tui::body_view::BodyView;

    /// A frame cuts from a line only what can reach the screen: one 1 MB line yields at most
    /// the cells asked for, coloured, not the megabyte (the wrapped view asks for its rows).
    #[test]
    fn a_body_line_is_cut_to_the_cells_that_can_be_shown_before_it_is_coloured() {
        let app = crate::tui::tests::app();
        let view = BodyView::build(bytes::Bytes::from("x".repeat(1 << 20)), Some("text/plain"));
        let line = body_line(&view, 0, &app, 81);
        assert_eq!(line.width(), 81);
        let short = BodyView::build(bytes::Bytes::from_static(b"short"), Some("text/plain"));
        assert_eq!(body_line(&short, 0, &app, 81).width(), 5);
    }
}
