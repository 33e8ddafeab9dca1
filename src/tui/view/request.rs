//! The request pane: the selected request as written, or resolved (secrets masked), under
//! tabs for its query, headers, body and auth.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::collection::{Auth, KeyLocation, Request};
use crate::http::ResolvedRequest;
use crate::request::{PrepareError, Prepared};
use crate::secrets;
use crate::tui::state::{App, Pane, RequestTab, ShownRequest};
use crate::tui::widgets::{fitted, pair_line, pane_block, safe};

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let focused = app.focus == Pane::Request;
    let Some((collection, path)) = app.selected() else {
        // A file that did not load: its whole error here, where there is room to read it.
        if let Some(crate::tui::state::Row::Broken { error }) = app.tree.selected_row() {
            let block = pane_block(Line::from(" Not loaded "), focused, app.theme);
            let hint = format!(
                "{} opens the file in your editor at that line; it is loaded again when saved.",
                app.keymap.hint(crate::tui::action::Action::OpenEditor)
            );
            let lines = vec![
                Line::styled(safe(&error.to_string()), app.theme.fail()),
                Line::raw(""),
                Line::styled(hint, app.theme.dim()),
            ];
            frame.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: false }).block(block),
                area,
            );
            return;
        }
        let block = pane_block(Line::from(" Request "), focused, app.theme);
        frame.render_widget(Paragraph::new("Select a request in the tree.").block(block), area);
        return;
    };
    let Some(owner) = app.collection(collection) else {
        return;
    };
    let Some(request) = owner.find(path) else {
        return;
    };
    let env = app.environment.as_deref().unwrap_or("no environment");
    let mode = if app.show_resolved {
        "resolved"
    } else {
        "as written"
    };
    // The request's name first: five requests may share one URL.
    let mut title = vec![
        Span::styled(format!(" {} ", safe(&path.to_string())), app.theme.bold()),
        Span::styled(format!("· {env} · {mode} "), app.theme.dim()),
    ];
    if app.editing.is_dirty(&owner.source) {
        title.push(Span::styled("● unsaved ", app.theme.bold()));
    }
    let block = pane_block(fitted(Line::from(title), area.width), focused, app.theme);
    let preview = app
        .preview
        .as_ref()
        .filter(|p| p.inputs.request.collection == collection && p.inputs.request.path == *path);

    let (lines, scroll) = match preview {
        Some(preview) if app.show_resolved => {
            let scroll = app.scroll.get(&Pane::Request).copied().unwrap_or(0);
            let lines = match &preview.result {
                Some(result) => resolved(request, result, preview.shown.as_ref(), app),
                None => vec![Line::styled("resolving the variables…", app.theme.dim())],
            };
            (lines, scroll)
        }
        _ => {
            let (lines, cursor_line) =
                crate::tui::view::slot_lines::lines(request, &owner.defaults.options, app, focused);
            // Keep the cursor on screen: scroll just enough to show it at the bottom (the
            // borders and the tab line take three rows).
            let room = usize::from(area.height.saturating_sub(3)).max(1);
            let width = usize::from(area.width.saturating_sub(2)).max(1);
            let rows_to_cursor: usize = lines[..=cursor_line.min(lines.len().saturating_sub(1))]
                .iter()
                .map(|l| l.width().div_ceil(width).max(1))
                .sum();
            (lines, rows_to_cursor.saturating_sub(room))
        }
    };
    // The tabs stay on the pane's first line, where a click finds them, whatever scrolls.
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let tabs = Rect {
        height: 1.min(inner.height),
        ..inner
    };
    frame.render_widget(Paragraph::new(crate::tui::view::request_tabs(app)), tabs);
    let content = Rect {
        y: inner.y + tabs.height,
        height: inner.height - tabs.height,
        ..inner
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        content,
    );
}

/// The request as it will be sent: variables resolved, defaults merged, secrets masked.
/// `shown` is the request masked by name and by value (a secret variable's value is hidden in
/// whatever header, query or body it went into, as are the credentials earlier responses
/// handed out), made once when the preview arrived.
fn resolved<'a>(
    request: &Request,
    preview: &Result<Prepared, PrepareError>,
    shown: Option<&ShownRequest>,
    app: &App,
) -> Vec<Line<'a>> {
    let prepared = preview.as_ref().ok();
    let (method, url) = match shown {
        Some(shown) => (shown.request.method.clone(), shown.request.url.clone()),
        None => (
            request.method.clone(),
            secrets::mask_written_url(request.url.as_ref()),
        ),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{method} "),
            app.theme.method(&method).patch(app.theme.bold()),
        ),
        Span::raw(safe(&url)),
    ])];
    if let Err(error) = preview {
        lines.push(Line::styled(
            format!("✘ {}", safe(&error.to_string())),
            app.theme.fail(),
        ));
    }
    if let Some(description) = &request.description {
        lines.extend(crate::tui::view::description_lines(description, app));
    }
    let (Some(p), Some(shown)) = (prepared, shown) else {
        return lines;
    };
    lines.extend(match app.request_tab {
        RequestTab::Params => list(&shown.query, "no query parameters", app),
        RequestTab::Headers => list(&shown.request.headers, "no headers", app),
        RequestTab::Body => body(&shown.request, app),
        RequestTab::Auth => auth(p, app),
        RequestTab::Options => options(p, app),
    });
    lines
}

fn list<'a>(pairs: &[(String, String)], empty: &str, app: &App) -> Vec<Line<'a>> {
    if pairs.is_empty() {
        return vec![Line::styled(empty.to_owned(), app.theme.dim())];
    }
    let width = pairs
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    pairs
        .iter()
        .map(|(k, v)| pair_line(k, v, width, app.theme.bold()))
        .collect()
}

/// The body of the masked request.
fn body<'a>(shown: &ResolvedRequest, app: &App) -> Vec<Line<'a>> {
    if shown.body.is_empty() {
        return vec![Line::styled("no body", app.theme.dim())];
    }
    String::from_utf8_lossy(&shown.body)
        .lines()
        .map(|l| Line::raw(safe(l)))
        .collect()
}

/// Transport options with every default filled in.
fn options<'a>(p: &Prepared, app: &App) -> Vec<Line<'a>> {
    let o = &p.request.options;
    let bold = app.theme.bold();
    vec![
        pair_line("timeout", &crate::format::duration(o.timeout), 16, bold),
        pair_line(
            "connect_timeout",
            &crate::format::duration(o.connect_timeout),
            16,
            bold,
        ),
        pair_line("follow_redirects", &o.follow_redirects.to_string(), 16, bold),
        pair_line("insecure_tls", &o.insecure_tls.to_string(), 16, bold),
        pair_line("max_body", &crate::format::bytes(o.max_body), 16, bold),
    ]
}

fn auth<'a>(p: &Prepared, app: &App) -> Vec<Line<'a>> {
    let bold = app.theme.bold();
    let auth = match &p.written.auth {
        None | Some(Auth::None) => return vec![Line::styled("no auth", app.theme.dim())],
        Some(auth) => auth,
    };
    let origin = if p.written.auth_from_defaults {
        " (from the collection's defaults)"
    } else {
        ""
    };
    let mut lines = vec![pair_line("auth", &format!("{}{origin}", auth.kind()), 8, bold)];
    if let Auth::ApiKey {
        location: KeyLocation::Query,
        name,
        ..
    } = auth
    {
        lines.push(pair_line(
            "sent as",
            &format!("query parameter {name}=****"),
            8,
            bold,
        ));
        return lines;
    }
    let sent: Vec<(String, String)> = p
        .request
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("authorization") || secrets::is_secret_header(n))
        .cloned()
        .collect();
    if !p.written.auth_applied {
        lines.push(Line::styled(
            "✘ its credential is empty, so nothing will be sent",
            app.theme.fail(),
        ));
    }
    for (n, v) in secrets::mask_headers(&sent) {
        lines.push(pair_line("sent as", &format!("{n}: {v}"), 8, bold));
    }
    lines
}
