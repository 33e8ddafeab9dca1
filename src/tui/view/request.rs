//! The request pane: the selected request as written, or resolved (secrets masked), under
//! tabs for its query, headers, body and auth.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{pair_line, pane_block, safe, tab_line};
use crate::collection::{Auth, Body, KeyLocation, Part, Request};
use crate::http::{PrepareError, Prepared};
use crate::secrets;
use crate::tui::app::{App, Pane, RequestTab};

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let focused = app.focus == Pane::Request;
    let Some((collection, path)) = app.selected() else {
        let block = pane_block(Line::from(" Request "), focused, app);
        frame.render_widget(Paragraph::new("Select a request in the tree.").block(block), area);
        return;
    };
    let Some(request) = app.collection(collection).and_then(|c| c.find(path)) else {
        return;
    };
    let env = app.environment.as_deref().unwrap_or("no environment");
    let mode = if app.show_resolved {
        "resolved"
    } else {
        "as written"
    };
    let title = Line::from(vec![
        Span::raw(" Request "),
        Span::styled(format!("· {env} · {mode} "), app.theme.dim()),
    ]);
    let block = pane_block(title, focused, app);
    let preview = app
        .preview
        .as_ref()
        .filter(|(key, _)| *key == App::key_of(collection, path))
        .map(|(_, p)| p);

    let mut lines = vec![url_line(request, preview, app)];
    if let Some(Err(error)) = preview {
        lines.push(Line::styled(
            format!("✘ {}", safe(&error.to_string())),
            app.theme.fail(),
        ));
    }
    if let Some(description) = &request.description {
        lines.push(Line::styled(safe(description.trim()), app.theme.dim()));
    }
    let current = RequestTab::ALL
        .iter()
        .position(|t| *t == app.request_tab)
        .unwrap_or(0);
    lines.push(tab_line(&["Params", "Headers", "Body", "Auth"], current, app));
    let resolved = preview.and_then(|p| p.as_ref().ok());
    lines.extend(match app.request_tab {
        RequestTab::Params => params(request, resolved, app),
        RequestTab::Headers => headers(request, resolved, app),
        RequestTab::Body => body(request, resolved, app),
        RequestTab::Auth => auth(request, resolved, app),
    });
    let scroll = u16::try_from(app.scroll.get(&Pane::Request).copied().unwrap_or(0)).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

fn url_line<'a>(request: &Request, preview: Option<&Result<Prepared, PrepareError>>, app: &App) -> Line<'a> {
    let url = match preview {
        Some(Ok(p)) => secrets::mask_url(&p.request.url),
        _ => request.url.clone(),
    };
    Line::from(vec![
        Span::styled(
            format!("{} ", request.method),
            app.theme.method(&request.method).patch(app.theme.bold()),
        ),
        Span::raw(safe(&url)),
    ])
}

fn params<'a>(request: &Request, resolved: Option<&Prepared>, app: &App) -> Vec<Line<'a>> {
    let pairs: Vec<(String, String)> = match resolved {
        Some(p) => url::Url::parse(&p.request.url)
            .map(|u| {
                u.query_pairs()
                    .map(|(k, v)| {
                        let v = if secrets::is_secret_param(&k) && !v.is_empty() {
                            "****".to_owned()
                        } else {
                            v.into_owned()
                        };
                        (k.into_owned(), v)
                    })
                    .collect()
            })
            .unwrap_or_default(),
        None => request.query.clone(),
    };
    list(&pairs, "no query parameters", app)
}

fn headers<'a>(request: &Request, resolved: Option<&Prepared>, app: &App) -> Vec<Line<'a>> {
    if let Some(p) = resolved {
        list(&secrets::mask_headers(&p.request.headers), "no headers", app)
    } else {
        let mut lines = list(&request.headers, "no headers of its own", app);
        lines.push(Line::styled(
            "(defaults and auth are added when sent; v shows them)",
            app.theme.dim(),
        ));
        lines
    }
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

fn body<'a>(request: &Request, resolved: Option<&Prepared>, app: &App) -> Vec<Line<'a>> {
    if let Some(p) = resolved {
        if p.request.body.is_empty() {
            return vec![Line::styled("no body", app.theme.dim())];
        }
        let text = String::from_utf8_lossy(&p.request.body);
        let masked = secrets::mask_body(&text, p.request.header("content-type"));
        return masked.lines().map(|l| Line::raw(safe(l))).collect();
    }
    let Some(body) = &request.body else {
        return vec![Line::styled("no body", app.theme.dim())];
    };
    let mut lines = vec![Line::styled(format!("{} body", body.kind()), app.theme.dim())];
    match body {
        Body::Json { value, .. } => {
            let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
            lines.extend(pretty.lines().map(|l| Line::raw(safe(l))));
        }
        Body::Text { text, .. } => lines.extend(text.lines().map(|l| Line::raw(safe(l)))),
        Body::Form(pairs) => lines.extend(list(pairs, "empty form", app)),
        Body::File { path, .. } => lines.push(Line::raw(format!("file: {}", safe(path)))),
        Body::Multipart(parts) => lines.extend(parts.iter().map(|part| match part {
            Part::Value { name, value } => pair_line(name, value, 12, app.theme.bold()),
            Part::File { name, path, .. } => pair_line(name, &format!("file: {path}"), 12, app.theme.bold()),
        })),
    }
    lines
}

fn auth<'a>(request: &Request, resolved: Option<&Prepared>, app: &App) -> Vec<Line<'a>> {
    let (auth, from_defaults) = match (&request.auth, resolved) {
        (Some(a), _) => (Some(a.clone()), false),
        (None, Some(p)) => (p.written.auth.clone(), p.written.auth_from_defaults),
        (None, None) => (None, false),
    };
    let bold = app.theme.bold();
    let mut lines = Vec::new();
    match auth {
        None | Some(Auth::None) if resolved.is_none() && request.auth.is_none() => {
            lines.push(Line::styled(
                "none here (the collection's defaults may add one; v shows them)",
                app.theme.dim(),
            ));
        }
        None | Some(Auth::None) => lines.push(Line::styled("no auth", app.theme.dim())),
        Some(Auth::Bearer(token)) => lines.push(pair_line("bearer", &token, 8, bold)),
        Some(Auth::Basic { username, password }) => {
            lines.push(pair_line("username", &username, 8, bold));
            lines.push(pair_line("password", &password, 8, bold));
        }
        Some(Auth::ApiKey {
            location,
            name,
            value,
        }) => {
            let place = match location {
                KeyLocation::Header => "header",
                KeyLocation::Query => "query",
            };
            lines.push(pair_line("api key", &format!("{place} {name}: {value}"), 8, bold));
        }
    }
    if from_defaults {
        lines.push(Line::styled("(from the collection's defaults)", app.theme.dim()));
    }
    if let Some(p) = resolved
        && p.written.auth.is_some()
    {
        let sent: Vec<(String, String)> = p
            .request
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("authorization") || secrets::is_secret_header(n))
            .cloned()
            .collect();
        if p.written.auth_applied && !sent.is_empty() {
            for (n, v) in secrets::mask_headers(&sent) {
                lines.push(pair_line("sent as", &format!("{n}: {v}"), 8, bold));
            }
        } else if !p.written.auth_applied {
            lines.push(Line::styled(
                "✘ its credential is empty, so nothing will be sent",
                app.theme.fail(),
            ));
        }
    }
    lines
}
