//! Searching and filtering the response body: what a submitted prompt asks for (a search or
//! a `JSONPath` filter, both run off the UI thread), and their results coming back.

use std::sync::Arc;

use crate::tui::body_view::{BodyView, FilterError, SEARCH_LIMIT};
use crate::tui::dialogs::{Prompt, PromptKind};
use crate::tui::message::Effect;
use crate::tui::state::{App, Pane, ResponseTab};

/// A prompt was submitted.
pub fn submitted(app: &mut App, prompt: Prompt) -> Vec<Effect> {
    match prompt.kind {
        PromptKind::Search => {
            app.body.search.clone_from(&prompt.text);
            app.body.matches.clear();
            match app.shown_body() {
                Some(view) if !prompt.text.is_empty() => {
                    if view.large.is_some() {
                        // Read from its file: seconds per gigabyte, with progress on the way.
                        app.message = Some(format!("searching for \"{}\"…", prompt.text));
                    }
                    vec![Effect::Search {
                        view,
                        query: prompt.text,
                    }]
                }
                _ => Vec::new(),
            }
        }
        PromptKind::Filter => {
            if prompt.text.trim().is_empty() {
                app.body.filter = None;
                app.body.filtered = None;
                app.body.scroll = 0;
                return Vec::new();
            }
            if let Some(view) = app.selected_done().and_then(|d| d.body.clone()) {
                vec![Effect::Filter {
                    view,
                    expr: prompt.text,
                }]
            } else {
                app.message = Some("no body to filter yet".to_owned());
                Vec::new()
            }
        }
        // The finder answers for its own query line; it never arrives here.
        PromptKind::Find => Vec::new(),
        PromptKind::SaveBody => {
            let path = prompt.text.trim();
            let body = app
                .selected_done()
                .and_then(|d| d.outcome()?.exchange())
                .map(|e| (e.response.body.clone(), e.response.spilled.clone()));
            match body {
                Some((body, spilled)) if !path.is_empty() => vec![Effect::WriteBody {
                    path: std::path::PathBuf::from(path),
                    body,
                    spilled,
                }],
                Some(_) => Vec::new(),
                None => {
                    app.message = Some("no response body to save".to_owned());
                    Vec::new()
                }
            }
        }
    }
}

/// A filter finished.
pub fn filtered(app: &mut App, expr: String, result: Result<BodyView, FilterError>) {
    match result {
        Ok(view) => {
            app.body.filtered = Some(Arc::new(view));
            app.body.filter = Some(expr);
            app.body.scroll = 0;
        }
        Err(e) => app.message = Some(format!("filter: {e}")),
    }
}

/// A search finished; a result for an older query is dropped.
/// How far a search has got, in the status bar (only a long one says: every 2^20 lines).
pub fn search_progress(app: &mut App, query: &str, lines: usize) {
    if query != app.body.search {
        return;
    }
    let total = app.shown_body().map_or(0, |v| v.line_count());
    let percent = (lines * 100).checked_div(total).unwrap_or(0).min(99);
    app.message = Some(format!("searching for \"{query}\"… {percent}% of the body"));
}

pub fn searched(app: &mut App, query: &str, matches: Vec<(usize, usize)>) {
    if query == app.body.search {
        app.body.matches = matches;
        app.body.current = 0;
        reveal_match(app);
        app.message = Some(match_position(app));
    }
}

/// `n` and `N`: the next or previous match, wrapping round.
pub fn next_match(app: &mut App, forward: bool) {
    let n = app.body.matches.len();
    if n > 0 {
        app.body.current = if forward {
            (app.body.current + 1) % n
        } else {
            (app.body.current + n - 1) % n
        };
        reveal_match(app);
    }
    app.message = Some(match_position(app));
}

fn reveal_match(app: &mut App) {
    if let Some((line, _)) = app.body.matches.get(app.body.current) {
        app.body.scroll = line.saturating_sub(3);
        app.focus = Pane::Response;
        app.response_tab = ResponseTab::Body;
    }
}

/// Where the search stands: `match 3 of 111 for "x"`.
fn match_position(app: &App) -> String {
    let query = &app.body.search;
    match app.body.matches.len() {
        0 => format!("no match for \"{query}\""),
        n => {
            let more = if n >= SEARCH_LIMIT { "+" } else { "" };
            format!("match {} of {n}{more} for \"{query}\"", app.body.current + 1)
        }
    }
}
