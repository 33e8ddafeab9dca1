//! What each named action does (the keymap's, the help screen's, the harness's): moving,
//! sending, the environment, search and filter, and the edits, which `edit_actions` routes.

use super::navigation::{collapse_or_tab, next_in, open_row, page, scroll, signed, switch_tab};
use super::sending::{InFlight, cancel_selected, retry_selected, send_selected};
use super::{edit_actions, prompts};
use crate::tui::action::Action;
use crate::tui::dialogs::{Choice, Confirm, Finder, Help, Overlay, Page, Prompt, PromptKind, Scope};
use crate::tui::message::Effect;
use crate::tui::state::{App, Pane};

/// Carries out a named action.
pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => quit(app),
        Action::Help => app.overlay = Overlay::Help(Help::default()),
        Action::Messages => {
            // Opened at its newest message: the end.
            let mut log = Help {
                page: Page::Messages,
                ..Help::default()
            };
            log.scroll = u16::MAX;
            app.overlay = Overlay::Help(log);
        }
        Action::Copy => return copy_menu(app),
        Action::Cookies => cookie_list(app),
        Action::PastExchanges => return past_exchanges(app),
        Action::SaveBody => save_body(app),
        Action::NextPane => app.focus = next_in(&Pane::ALL, app.focus, 1),
        Action::PrevPane => app.focus = next_in(&Pane::ALL, app.focus, -1),
        Action::Widen => return resize_focused(app, 1),
        Action::Narrow => return resize_focused(app, -1),
        Action::ToggleLayout => {
            app.resized.response_beside = !app.resized.response_beside;
            app.resized.request_extra = 0;
            return vec![Effect::RememberLayout(app.resized)];
        }
        Action::Up => return scroll(app, -1),
        Action::Down => return scroll(app, 1),
        Action::PageUp => return scroll(app, -signed(page(app))),
        Action::PageDown => return scroll(app, signed(page(app))),
        Action::Top => return scroll(app, isize::MIN / 2),
        Action::Bottom => return scroll(app, isize::MAX / 2),
        Action::Select => return select(app),
        Action::Collapse => collapse_or_tab(app, false),
        Action::Expand => collapse_or_tab(app, true),
        Action::NextTab => switch_tab(app, 1),
        Action::PrevTab => switch_tab(app, -1),
        Action::Send => return send_selected(app, InFlight::Keep),
        Action::Resend => return send_selected(app, InFlight::Replace),
        Action::Cancel => return cancel_selected(app),
        Action::Retry => return retry_selected(app),
        Action::SwitchEnvironment => {
            app.overlay = Overlay::Choice(Choice::environment(
                app.environment_names(),
                app.environment.as_deref(),
            ));
        }
        Action::ToggleResolved => app.show_resolved = !app.show_resolved,
        Action::Find => open_finder(app, Scope::Everything),
        // In the tree, `/` finds a request; elsewhere it searches the body.
        Action::Search if app.focus == Pane::Tree => open_finder(app, Scope::Requests),
        Action::Search => {
            app.overlay = Overlay::Prompt(Prompt::new(PromptKind::Search, String::new()));
        }
        Action::NextMatch => prompts::next_match(app, true),
        Action::PrevMatch => prompts::next_match(app, false),
        Action::Filter => {
            let offer = app.body.filter.clone().unwrap_or_else(|| "$.".to_owned());
            app.overlay = Overlay::Prompt(Prompt::new(PromptKind::Filter, offer));
        }
        Action::ToggleWrap => app.body.wrap = !app.body.wrap,
        Action::TogglePasses => app.show_passes = !app.show_passes,
        Action::Edit
        | Action::Add
        | Action::Delete
        | Action::ToggleRow
        | Action::Rename
        | Action::Duplicate
        | Action::Move
        | Action::NewFolder
        | Action::ChangeMethod
        | Action::Variables
        | Action::Save
        | Action::Undo
        | Action::Redo
        | Action::OpenEditor => return edit_actions::act(app, action),
    }
    Vec::new()
}

/// Grows (`step` 1) or shrinks (-1) the focused pane: two columns at a time for the side
/// panes, a row for the request and response.
fn resize_focused(app: &mut App, step: i16) -> Vec<Effect> {
    // A size remembered from a larger terminal may sit past a limit: start from what shows.
    app.resized = crate::tui::layout::within_screen(app);
    let before = (crate::tui::layout::areas(app), app.resized);
    nudge(&mut app.resized, app.focus, step);
    // At a limit the layout clamps: take the step back, so the way back is one key away.
    if crate::tui::layout::areas(app) == before.0 {
        app.resized = before.1;
        return Vec::new();
    }
    vec![Effect::RememberLayout(app.resized)]
}

fn nudge(sizing: &mut crate::tui::state::Sizing, pane: Pane, step: i16) {
    match pane {
        Pane::Tree => sizing.tree_extra = sizing.tree_extra.saturating_add(2 * step),
        Pane::Checklist => sizing.checklist_extra = sizing.checklist_extra.saturating_add(2 * step),
        Pane::Request => sizing.request_extra = sizing.request_extra.saturating_add(step),
        Pane::Response => sizing.request_extra = sizing.request_extra.saturating_sub(step),
    }
}

fn open_finder(app: &mut App, scope: Scope) {
    app.overlay = Overlay::Finder(Box::new(Finder::new(&app.workspace, &app.keymap, scope)));
}

/// Quits, asking first when edits are unsaved.
fn quit(app: &mut App) {
    let dirty = app.editing.dirty_files();
    if dirty.is_empty() {
        app.quit = true;
    } else {
        app.overlay = Overlay::Confirm(Confirm::quit(&dirty));
    }
}

/// `enter`: edits in the request pane; in the tree, folds a folder or opens a request in
/// the request pane. It never sends: a DELETE must not fire by accident.
fn select(app: &mut App) -> Vec<Effect> {
    if app.focus == Pane::Request {
        return edit_actions::act(app, Action::Edit);
    }
    if app.focus == Pane::Tree && !open_row(app) {
        // Opened as when it is first selected: its tab, the cursor on that tab's first row.
        super::navigation::request_opened(app);
        app.focus = Pane::Request;
    }
    Vec::new()
}

/// Opens the copy menu for the selected request: its response, the filter's value, and the
/// request as sent (or, when it was not sent, as it would be: prepared on a task).
fn copy_menu(app: &mut App) -> Vec<Effect> {
    let Some(id) = app.selected_id() else {
        app.message = Some("select a request to copy from it".to_owned());
        return Vec::new();
    };
    let done = app.selected_done();
    let response = done.and_then(|d| d.outcome()?.exchange());
    // The request as it went out: what was prepared, with the cookies the jar added.
    let sent = done.and_then(|d| d.sent()?.result.as_ref().ok()).map(|e| {
        let mut request = e.prepared.request.clone();
        let first = e.outcome.hops().first().map(|h| &h.request).or(e.outcome.sent());
        if request.header("cookie").is_none()
            && let Some(cookie) = first.and_then(|s| s.header("cookie"))
        {
            request.headers.push(("cookie".to_owned(), cookie.to_owned()));
        }
        request
    });
    let past = done.is_some_and(|d| d.past_at().is_some());
    let filtered = app
        .body
        .filter
        .as_deref()
        .zip(app.body.filtered.as_deref())
        .map(|(expr, view)| (expr, view.text.as_str()));
    let mut menu = crate::tui::dialogs::CopyMenu::new(
        id.clone(),
        response,
        filtered,
        sent.as_ref(),
        app.secrets.clone(),
    );
    if past {
        menu.as_it_would_be_sent_now();
    }
    let mut effects = Vec::new();
    if sent.is_none() {
        let inputs = crate::tui::state::PreviewInputs {
            request: id,
            generation: app.editing.generation,
            environment: app.environment.clone(),
            exchanges: app.history.len(),
        };
        menu.waiting = true;
        effects.push(Effect::Prepare {
            inputs,
            session: app.session(),
            workspace: std::sync::Arc::clone(&app.workspace),
        });
    }
    app.overlay = Overlay::Copy(Box::new(menu));
    effects
}

/// Opens the cookie jar of the selected request's collection in the current environment.
fn cookie_list(app: &mut App) {
    let Some(collection) = app.selected().map(|(c, _)| c).or(app.collection(0).map(|_| 0)) else {
        return;
    };
    let Some(c) = app.collection(collection) else {
        return;
    };
    let jar = app.jars.existing(collection, app.environment.as_deref());
    let title = format!(
        "{} · {}",
        c.name,
        app.environment.as_deref().unwrap_or("no environment")
    );
    app.overlay = Overlay::Cookies(Box::new(crate::tui::dialogs::CookieList {
        collection,
        title,
        rows: crate::tui::dialogs::rows_of(jar.as_deref(), app.now.wall),
        selected: 0,
        off: !c.cookies,
    }));
}

/// Puts `text` on the clipboard and says what went there (`what`: "the response body (25
/// B)"), and whether it was cut to fit. A request is never cut: half a command is worse
/// than none.
pub fn copied(app: &mut App, text: String, what: &str) -> Vec<Effect> {
    let limit = crate::tui::dialogs::COPY_LIMIT;
    if text.len() > limit && what.starts_with("the request") {
        app.message = Some(format!(
            "{what} is {}, more than the clipboard takes ({}): nothing was copied",
            crate::format::bytes(text.len() as u64),
            crate::format::bytes(limit as u64)
        ));
        return Vec::new();
    }
    let text = if text.len() > limit {
        let mut end = limit;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        app.message = Some(format!(
            "copied the first {} of {what} to the clipboard",
            crate::format::bytes(end as u64)
        ));
        text[..end].to_owned()
    } else {
        app.message = Some(format!("copied {what} to the clipboard"));
        text
    };
    vec![Effect::Copy(text)]
}

/// Opens the selected request's past exchanges; the list is read off the UI thread.
fn past_exchanges(app: &mut App) -> Vec<Effect> {
    let Some(id) = app.selected_id() else {
        app.message = Some("select a request to see its past exchanges".to_owned());
        return Vec::new();
    };
    let Some(collection) = app.collection(id.collection) else {
        return Vec::new();
    };
    let file = crate::history::file_key(&collection.source);
    let path = id.path.to_string();
    app.overlay = Overlay::Past(Box::new(crate::tui::dialogs::Past::new(id.clone())));
    vec![Effect::ListPast {
        request: id,
        file,
        path,
    }]
}

/// Asks where to save the selected response's body, offering a name from its type.
fn save_body(app: &mut App) {
    let Some(exchange) = app.selected_done().and_then(|d| d.outcome()?.exchange()) else {
        app.message = Some("no response body to save: send the request first".to_owned());
        return;
    };
    let extension = exchange
        .response
        .header("content-type")
        .and_then(|ct| mime_guess::get_mime_extensions_str(&crate::media_type::essence(ct)))
        .and_then(|all| all.first())
        .map_or("bin", |e| e);
    let name = format!("response.{extension}");
    app.overlay = Overlay::Prompt(crate::tui::dialogs::Prompt::new(
        crate::tui::dialogs::PromptKind::SaveBody,
        name,
    ));
}
