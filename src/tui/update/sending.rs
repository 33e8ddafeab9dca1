//! The life of a request: send, supersede, cancel, retry when the server's wait is over, and
//! the results coming back to be diagnosed — once, when they arrive. Requests are prepared
//! on the send's task, never here: a template error comes back as a refused result.

use std::sync::Arc;

use super::navigation::selection_changed;
use crate::session::{RequestId, Sent};
use crate::tui::message::{Effect, Remembered};
use crate::tui::state::{App, Pane};
use crate::tui::state::{Done, RequestState};

/// What to do with a send already in flight for the same request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InFlight {
    /// Let it finish and send nothing: `s s s` sends once.
    Keep,
    /// Cancel it and send again.
    Replace,
}

/// Sends the selected request.
pub fn send_selected(app: &mut App, in_flight: InFlight) -> Vec<Effect> {
    let Some(id) = app.selected_id() else {
        app.message = Some("select a request to send".to_owned());
        return Vec::new();
    };
    send(app, &id, in_flight)
}

pub fn send(app: &mut App, id: &RequestId, in_flight: InFlight) -> Vec<Effect> {
    let mut effects = Vec::new();
    if let Some((old, _)) = app.requests.get(id).and_then(RequestState::in_flight) {
        if in_flight == InFlight::Keep {
            app.message = Some(format!(
                "{id} is already being sent; {} cancels it and sends again",
                app.keymap.hint(crate::tui::action::Action::Resend)
            ));
            return effects;
        }
        effects.push(Effect::Abort { ticket: old });
        app.message = Some(format!("sent {id} again; the send in flight was cancelled"));
    }
    let state = app.requests.remove(id).unwrap_or_default();
    // In the narrow layout only one pane shows: show the one that explains the result.
    if app.size.0 < crate::tui::layout::NARROW && app.focus == Pane::Tree {
        app.focus = Pane::Checklist;
    }
    let ticket = app.next_ticket;
    app.next_ticket += 1;
    app.requests
        .insert(id.clone(), state.sending(ticket, app.now.instant));
    effects.push(Effect::Send {
        ticket,
        id: id.clone(),
        session: app.session(),
        workspace: Arc::clone(&app.workspace),
    });
    effects
}

pub fn cancel_selected(app: &mut App) -> Vec<Effect> {
    let Some(id) = app.selected_id() else {
        return Vec::new();
    };
    let Some(state) = app.requests.remove(&id) else {
        return Vec::new();
    };
    let effects = match state.in_flight() {
        Some((ticket, _)) => {
            app.message = Some(format!("cancelled {id}"));
            vec![Effect::Abort { ticket }]
        }
        None => Vec::new(),
    };
    // Cancelling also disarms a retry; a finished result stays as it is.
    let state = match state {
        RequestState::Sending { .. } => state.cancelled(),
        RequestState::RetryArmed { last, .. } => RequestState::Completed(last),
        other => other,
    };
    app.requests.insert(id, state);
    effects
}

/// Retries now if the server's wait is over, else arms a retry for when it is.
pub fn retry_selected(app: &mut App) -> Vec<Effect> {
    let now = app.clock().now;
    let wait_until = app
        .selected_done()
        .and_then(|d| d.checklist.wait_over_at())
        .filter(|t| *t > now);
    match (wait_until, app.selected_id()) {
        (Some(at), Some(id)) => {
            // The status bar counts it down from the state.
            let state = app.requests.remove(&id).unwrap_or_default();
            app.requests.insert(id, state.retry_armed(at));
            Vec::new()
        }
        (None, Some(id)) => {
            let effects = send_selected(app, InFlight::Keep);
            if !effects.is_empty() {
                app.message = Some(format!("no wait to honour: sending {id} now"));
            }
            effects
        }
        (_, None) => send_selected(app, InFlight::Keep),
    }
}

/// A send finished: each request it sent (dependencies first) is recorded, diagnosed and its
/// body built — unless the send was superseded or cancelled meanwhile.
pub fn on_sent(app: &mut App, ticket: u64, id: &RequestId, results: Vec<Sent>) -> Vec<Effect> {
    // The request holding this ticket; it may have been renamed or moved since it was sent,
    // so it is looked up by the ticket, not assumed to be `id`.
    let Some(home) = app
        .requests
        .iter()
        .find(|(_, s)| s.in_flight().is_some_and(|(t, _)| t == ticket))
        .map(|(k, _)| k.clone())
    else {
        return Vec::new(); // superseded or cancelled: drop the stale result
    };
    let mut effects = Vec::new();
    for mut sent in results {
        if sent.id == *id {
            sent.id = home.clone();
        }
        let sent = Arc::new(sent);
        // Each response is added to the app's own: another send may have finished meanwhile,
        // and its responses must stay for chaining.
        if let Ok(crate::http::Outcome::Response(exchange)) = sent.outcome() {
            let environment = app.environment.clone();
            app.responses
                .record(sent.id.clone(), environment.as_deref(), Arc::clone(exchange));
        }
        if let Ok(exchanged) = &sent.result {
            crate::session::keep_captured(&mut app.captured, &exchanged.captured);
        }
        let checklist = sent.diagnose(&app.workspace, &app.history, &app.clock());
        if let Some(entry) = sent.history_entry(&app.workspace) {
            app.history.push(entry);
        }
        let own = sent.secrets();
        app.secrets = crate::history::record::with_secrets(std::mem::take(&mut app.secrets), &own);
        if let Some(remembered) = remembered(app, &sent, &checklist) {
            effects.push(Effect::Remember(Box::new(remembered)));
        }
        let body_ticket = app.next_ticket;
        app.next_ticket += 1;
        if let Ok(crate::http::Outcome::Response(exchange)) = sent.outcome() {
            effects.push(Effect::BuildBody {
                ticket: body_ticket,
                id: sent.id.clone(),
                body: exchange.response.body.clone(),
                spilled: exchange.response.spilled.clone(),
                content_type: exchange.response.header("content-type").map(str::to_owned),
                secrets: app.secrets.clone(),
            });
        }
        let id = sent.id.clone();
        // The last status, as the tree shows it when a past exchange is opened over it.
        app.past.insert(id.clone(), sent.status());
        app.requests.insert(
            id,
            RequestState::finished(Done::new(sent, checklist, body_ticket)),
        );
    }
    effects.extend(keep_cookies(app, home.collection));
    if app.selected_id().as_ref() == Some(&home) {
        selection_changed(app);
    }
    effects
}

/// Keeps the cookie jar of `collection` in the current environment for the next session,
/// when the collection keeps cookies and a jar exists.
pub fn keep_cookies(app: &App, collection: usize) -> Option<Effect> {
    let source = &app.collection(collection).filter(|c| c.cookies)?.source;
    let jar = app.jars.existing(collection, app.environment.as_deref())?;
    Some(Effect::KeepCookies {
        file: crate::history::file_key(source),
        environment: app.environment.clone(),
        at: app.now.wall,
        jar: jar.to_json(),
    })
}

/// Time passed: countdowns redraw from their stored checklists (nothing is diagnosed
/// again), and armed retries whose time has come are sent.
pub fn on_tick(app: &mut App) -> Vec<Effect> {
    let now = app.now.wall;
    let due: Vec<RequestId> = app
        .requests
        .iter()
        .filter(|(_, s)| s.retry_at().is_some_and(|t| t <= now))
        .map(|(id, _)| id.clone())
        .collect();
    if let Some(id) = due.first() {
        app.message = Some(format!("the wait is over: sending {id} again"));
    }
    due.iter().flat_map(|id| send(app, id, InFlight::Keep)).collect()
}

/// What the history keeps of a finished send; nothing for a request that was not sent (a
/// template still being written is not an exchange).
fn remembered(app: &App, sent: &Arc<Sent>, checklist: &crate::diagnosis::Checklist) -> Option<Remembered> {
    sent.outcome().ok()?;
    let collection = app.workspace.collection_of(&sent.id)?;
    let request = collection.find(&sent.id.path)?;
    Some(Remembered {
        sent: Arc::clone(sent),
        checklist: checklist.clone(),
        checked: crate::expectation::check(request.expect.as_ref(), sent.outcome()),
        file: crate::history::file_key(&collection.source),
        collection: collection.name.clone(),
        environment: app.environment.clone(),
        written_method: request.method.clone(),
        written_url: request.url.to_string(),
        secrets: app.secrets.clone(),
    })
}
