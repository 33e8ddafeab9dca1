//! The request pane as written: one entry per editable slot (see `state::slots`), with the
//! cursor's entry highlighted when the pane has focus. Literal secrets are masked; a
//! `{{ template }}` is shown as written, since it is not a secret.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::collection::edit::{ScalarField, Table};
use crate::collection::{Auth, Body, KeyLocation, Part, Request, RequestOptions};
use crate::http::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY, DEFAULT_TIMEOUT};
use crate::secrets;
use crate::tui::action::Action;
use crate::tui::state::{App, RequestTab};
use crate::tui::state::{Slot, auth_value, option_text, selected_slots};
use crate::tui::widgets::{pair_line, safe};

/// The lines to draw, and the index of the first line of the cursor's slot.
pub fn lines<'a>(
    request: &Request,
    defaults: &RequestOptions,
    app: &App,
    focused: bool,
) -> (Vec<Line<'a>>, usize) {
    let all = selected_slots(app, request);
    let cursor = app.editing.cursor.min(all.len().saturating_sub(1));
    let mut lines = Vec::new();
    let mut cursor_line = 0;
    let width = all
        .iter()
        .filter_map(|slot| label(request, slot))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, 24);
    for (i, slot) in all.iter().enumerate() {
        let here = lines.len();
        let mut drawn = slot_lines(request, defaults, slot, width, app);
        if focused && i == cursor {
            cursor_line = here;
            for line in &mut drawn {
                line.style = line.style.patch(app.theme.selected());
            }
        }
        lines.extend(drawn);
        if *slot == Slot::Url {
            lines.extend(under_url(request, app));
            let in_url = if app.request_tab == RequestTab::Params {
                url_query_lines(request, width, app)
            } else {
                Vec::new()
            };
            if all.len() == 1 && in_url.is_empty() {
                lines.extend(empty_tab(app).map(|text| Line::styled(text, app.theme.dim())));
            }
            lines.extend(in_url);
        }
    }
    if app.request_tab == RequestTab::Headers {
        let v = app.keymap.hint(Action::ToggleResolved);
        lines.push(Line::styled(
            format!("(defaults and auth are added when sent; {v} shows them)"),
            app.theme.dim(),
        ));
    }
    (lines, cursor_line)
}

/// Query parameters written in the URL itself (`?active=true`), listed with the table's
/// (they are edited in the URL, so they are not rows of their own).
fn url_query_lines<'a>(request: &Request, width: usize, app: &App) -> Vec<Line<'a>> {
    let url = request.url.as_str();
    let Some((_, query)) = url.split_once('?') else {
        return Vec::new();
    };
    let query = query.split('#').next().unwrap_or_default();
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let mut line = pair_line(name, &shown(Table::Query, name, value), width, Style::default());
            line.spans.push(Span::styled("  (in the URL)", app.theme.dim()));
            line
        })
        .collect()
}

fn under_url<'a>(request: &Request, app: &App) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    if let Some(description) = &request.description {
        lines.extend(crate::tui::view::description_lines(description, app));
    }
    lines
}

/// What an empty table tab says in place of its rows.
fn empty_tab(app: &App) -> Option<String> {
    let what = match app.request_tab {
        RequestTab::Params => "no query parameters",
        RequestTab::Headers => "no headers of its own",
        _ => return None,
    };
    Some(format!("{what} ({} adds one)", app.keymap.hint(Action::Add)))
}

fn slot_lines<'a>(
    request: &Request,
    defaults: &RequestOptions,
    slot: &Slot,
    width: usize,
    app: &App,
) -> Vec<Line<'a>> {
    let bold = app.theme.bold();
    let pair = |name: &str, value: &str| pair_line(name, value, width, bold);
    let line = match slot {
        Slot::Url => Line::from(vec![
            Span::styled(
                format!("{} ", request.method),
                app.theme.method(&request.method).patch(bold),
            ),
            Span::raw(safe(&crate::secrets::mask_written_url(request.url.as_str()))),
        ]),
        Slot::Row { table, index } => {
            let rows = table.rows(request);
            let Some((name, value)) = rows.get(*index) else {
                return Vec::new();
            };
            pair(name, &shown(*table, name, value.as_str()))
        }
        Slot::Off { table, row } => Line::styled(
            format!(
                "{:<width$} {}   (off)",
                format!("# {}", safe(&row.name)),
                safe(&shown(*table, &row.name, &row.value))
            ),
            app.theme.dim(),
        ),
        Slot::BodyKind => {
            let kind = request.body.as_ref().map_or("none", Body::kind);
            let ct = request
                .body
                .as_ref()
                .and_then(Body::explicit_content_type)
                .map_or(String::new(), |c| format!("  ({})", safe(c)));
            pair("body", &format!("{kind}{ct}"))
        }
        Slot::BodyText => return body_text(request, app),
        Slot::BodyFile => match &request.body {
            Some(Body::File { path, .. }) => pair("file", path.as_str()),
            _ => return Vec::new(),
        },
        Slot::Part(i) => match &request.body {
            Some(Body::Multipart(parts)) => match parts.get(*i) {
                Some(Part::Value { name, value }) => pair(name, &shown(Table::Form, name, value.as_str())),
                Some(Part::File { name, path, .. }) => pair(name, &format!("file: {path}")),
                None => return Vec::new(),
            },
            _ => return Vec::new(),
        },
        Slot::AuthKind => {
            let kind = match &request.auth {
                None => format!(
                    "inherit (the collection's defaults apply; {} shows them)",
                    app.keymap.hint(Action::ToggleResolved)
                ),
                Some(Auth::None) => "none (turns off the collection's default auth)".to_owned(),
                Some(auth) => auth.kind().to_owned(),
            };
            pair("auth", &kind)
        }
        Slot::Auth(part) => {
            let value = auth_value(request.auth.as_ref(), *part);
            pair(
                part.label(),
                &if part.is_secret() {
                    secrets::mask_written(&value)
                } else {
                    value
                },
            )
        }
        Slot::ApiKeyLocation => {
            let place = match &request.auth {
                Some(Auth::ApiKey { location, .. }) => *location,
                _ => KeyLocation::Header,
            };
            pair("goes in", place.as_str())
        }
        Slot::Name => pair("name", &request.name),
        Slot::Method => pair("method", &request.method),
        Slot::Description => match &request.description {
            Some(d) => pair("description", d.lines().next().unwrap_or_default()),
            None => inherit(
                "description",
                &format!("none; {} adds one", app.keymap.hint(Action::Edit)),
                width,
            ),
        },
        Slot::Option(field) => {
            let value = option_text(&request.options, *field);
            if value.is_empty() {
                inherit(field.key(), &inherited(defaults, *field), width)
            } else {
                pair(field.key(), &value)
            }
        }
        Slot::Expect => return expect_lines(request, width, app),
        Slot::Var(name) => {
            let value = request
                .variables
                .get(name)
                .map(ToString::to_string)
                .unwrap_or_default();
            let value = if secrets::is_secret_param(name) {
                secrets::mask_written(&value)
            } else {
                value
            };
            pair(&format!("var {name}"), &value)
        }
    };
    let mut lines = vec![line];
    if let Slot::Auth(part) = slot
        && part.is_secret()
        && auth_value(request.auth.as_ref(), *part).is_empty()
    {
        lines.push(Line::styled("  ✘ empty: nothing will be sent", app.theme.fail()));
    }
    lines
}

/// The name column of a slot's line, for aligning the values.
fn label(request: &Request, slot: &Slot) -> Option<String> {
    Some(match slot {
        Slot::Row { table, index } => table.rows(request).get(*index)?.0.clone(),
        Slot::Off { row, .. } => format!("# {}", row.name),
        Slot::Part(i) => match &request.body {
            Some(Body::Multipart(parts)) => match parts.get(*i)? {
                Part::Value { name, .. } | Part::File { name, .. } => name.clone(),
            },
            _ => return None,
        },
        Slot::Option(field) => field.key().to_owned(),
        Slot::Var(name) => format!("var {name}"),
        Slot::Expect => "expect".to_owned(),
        Slot::Description => "description".to_owned(),
        Slot::Auth(part) => part.label().to_owned(),
        Slot::Name => "name".to_owned(),
        Slot::Method => "method".to_owned(),
        Slot::BodyKind => "body".to_owned(),
        Slot::BodyFile => "file".to_owned(),
        Slot::AuthKind => "auth".to_owned(),
        Slot::ApiKeyLocation => "goes in".to_owned(),
        Slot::Url | Slot::BodyText => return None,
    })
}

/// What `apibench run` expects of the request: one line each, or what it expects without.
fn expect_lines<'a>(request: &Request, width: usize, app: &App) -> Vec<Line<'a>> {
    let Some(expect) = &request.expect else {
        return vec![inherit(
            "expect",
            &format!(
                "any 2xx or 3xx in `apibench run`; {} writes expectations",
                app.keymap.hint(Action::Edit)
            ),
            width,
        )];
    };
    let described = crate::expectation::describe(expect);
    let mut lines = Vec::with_capacity(described.len());
    for (i, line) in described.iter().enumerate() {
        let name = if i == 0 { "expect" } else { "" };
        lines.push(pair_line(name, line, width, app.theme.bold()));
    }
    lines
}

/// An option left to inherit: its name, and the default in a dim style.
fn inherit<'a>(name: &str, default: &str, width: usize) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{name:<width$} "), Style::default()),
        Span::styled(
            format!("({default})"),
            Style::default().add_modifier(ratatui::style::Modifier::DIM),
        ),
    ])
}

/// What an option left unset gets: the collection's default, else the built-in one.
fn inherited(defaults: &RequestOptions, field: ScalarField) -> String {
    let from_defaults = option_text(defaults, field);
    if !from_defaults.is_empty() {
        return format!("{from_defaults} from the collection's defaults");
    }
    let built_in = match field {
        ScalarField::Timeout => crate::format::duration_setting(DEFAULT_TIMEOUT),
        ScalarField::ConnectTimeout => crate::format::duration_setting(DEFAULT_CONNECT_TIMEOUT),
        ScalarField::FollowRedirects => "true".to_owned(),
        ScalarField::InsecureTls => "false".to_owned(),
        ScalarField::MaxBody => crate::format::size_setting(DEFAULT_MAX_BODY),
        ScalarField::Name | ScalarField::Method | ScalarField::Url | ScalarField::Description => {
            String::new()
        }
    };
    format!("default {built_in}")
}

fn body_text<'a>(request: &Request, app: &App) -> Vec<Line<'a>> {
    let text = match &request.body {
        Some(Body::Json { value, .. }) => {
            let mut shown = value.value().clone();
            secrets::mask_written_json(&mut shown);
            serde_json::to_string_pretty(&shown).unwrap_or_default()
        }
        Some(Body::Text { text, .. }) => text.to_string(),
        _ => return Vec::new(),
    };
    if text.is_empty() {
        let e = app.keymap.hint(Action::Edit);
        return vec![Line::styled(format!("(empty; {e} edits)"), app.theme.dim())];
    }
    text.lines().map(|l| Line::raw(safe(l))).collect()
}

/// A row value as it may be shown: literal credentials masked.
fn shown(table: Table, name: &str, value: &str) -> String {
    match table {
        _ if value.contains("{{") => value.to_owned(),
        // An Authorization value keeps its scheme visible.
        Table::Headers => secrets::mask_header_value(name, value),
        _ if table.is_secret(name) => secrets::mask_written(value),
        Table::Query | Table::Form => value.to_owned(),
    }
}
