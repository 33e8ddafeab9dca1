//! The life of a request: send (template errors first), supersede, cancel, retry when the
//! server's wait is over, and the result coming back to be diagnosed.

use std::sync::Arc;
use std::time::Instant;

use super::selection_changed;
use crate::collection::RequestPath;
use crate::diagnosis::HistoryEntry;
use crate::http::Outcome;
use crate::tui::app::{App, Done, Flight, Pane};
use crate::tui::msg::Effect;

/// Sends the selected request; a template error is shown at once instead of sending.
pub fn send_selected(app: &mut App) -> Vec<Effect> {
    let Some((collection, path)) = app.selected().map(|(c, p)| (c, p.clone())) else {
        app.message = Some("select a request to send".to_owned());
        return Vec::new();
    };
    send(app, collection, &path)
}

pub(super) fn send(app: &mut App, collection: usize, path: &RequestPath) -> Vec<Effect> {
    let key = App::key_of(collection, path);
    let session = app.session();
    let mut effects = Vec::new();
    let state = app.requests.entry(key.clone()).or_default();
    if let Flight::Sending { ticket: old, .. } = state.flight {
        // A new send supersedes the one in flight, whatever becomes of the new one.
        effects.push(Effect::Abort { ticket: old });
        app.message = Some(format!("sent {path} again; the send in flight was cancelled"));
    }
    state.retry_at = None;
    // In the narrow layout only one pane shows: show the one that explains the result.
    if app.size.0 < crate::tui::layout::NARROW && app.focus == Pane::Tree {
        app.focus = Pane::Checklist;
    }
    // Template errors show before anything is sent, pointing at the field. A chained value
    // that only lacks its response is fine: the send fetches it first.
    if let Err(error) = session.prepare(&app.workspace, collection, path)
        && error.needed_response().is_none()
    {
        let sent = crate::session::Sent {
            collection,
            path: path.clone(),
            prepared: Err(error),
            outcome: None,
            needed_by: None,
        };
        let checklist = app.diagnose(collection, &sent);
        let state = app.requests.entry(key).or_default();
        state.flight = Flight::Idle;
        state.last = Some(Done::new(sent.prepared, None, checklist, 0));
        return effects;
    }
    let ticket = app.next_ticket;
    app.next_ticket += 1;
    app.requests.entry(key.clone()).or_default().flight = Flight::Sending {
        ticket,
        since: Instant::now(),
    };
    effects.push(Effect::Send {
        ticket,
        key,
        collection,
        path: path.clone(),
        session,
        workspace: Arc::clone(&app.workspace),
    });
    effects
}

pub(super) fn cancel_selected(app: &mut App) -> Vec<Effect> {
    let Some((c, p)) = app.selected().map(|(c, p)| (c, p.clone())) else {
        return Vec::new();
    };
    let Some(state) = app.requests.get_mut(&App::key_of(c, &p)) else {
        return Vec::new();
    };
    state.retry_at = None;
    match state.flight {
        Flight::Sending { ticket, .. } => {
            state.flight = Flight::Cancelled;
            app.message = Some(format!("cancelled {p}"));
            vec![Effect::Abort { ticket }]
        }
        _ => Vec::new(),
    }
}

/// Retries now if the server's wait is over, else arms a retry for when it is.
pub(super) fn retry_selected(app: &mut App) -> Vec<Effect> {
    let now = (app.clock)().now;
    let wait_until = app
        .selected_done()
        .and_then(|d| d.checklist.next_change())
        .filter(|t| *t > now);
    match (wait_until, app.selected().map(|(c, p)| (c, p.clone()))) {
        (Some(at), Some((c, p))) => {
            app.requests.entry(App::key_of(c, &p)).or_default().retry_at = Some(at);
            app.message = Some(format!("retry armed: sends {}", (app.clock)().relative(at)));
            Vec::new()
        }
        _ => send_selected(app),
    }
}

pub(super) fn on_sent(
    app: &mut App,
    ticket: u64,
    key: &crate::tui::app::RequestKey,
    results: Vec<crate::session::Sent>,
) -> Vec<Effect> {
    // The flight holding this ticket; the request may have been renamed or moved since it
    // was sent, so its key is looked up, not assumed.
    let Some(home) = app
        .requests
        .iter()
        .find(|(_, s)| matches!(s.flight, Flight::Sending { ticket: t, .. } if t == ticket))
        .map(|(k, _)| k.clone())
    else {
        return Vec::new(); // superseded or cancelled: drop the stale result
    };
    let mut effects = Vec::new();
    for sent in results {
        let sent_key = App::key_of(sent.collection, &sent.path);
        let request_key = if sent_key == *key { home.clone() } else { sent_key };
        // Each response is added to the app's own: another send may have finished meanwhile,
        // and its responses must stay for chaining.
        if let Some(Outcome::Response(exchange)) = &sent.outcome {
            let path = crate::collection::RequestPath::parse(&request_key.1);
            app.responses
                .record(request_key.0, &path, Arc::new(exchange.as_ref().clone()));
        }
        let name = format!(
            "{}/{}",
            app.collection(sent.collection).map_or("", |c| c.name.as_str()),
            sent.path
        );
        let checklist = app.diagnose(sent.collection, &sent);
        if let Some(entry) = sent
            .outcome
            .as_ref()
            .and_then(|o| HistoryEntry::of(o, Some(name)))
        {
            app.history.push(entry);
        }
        let body_ticket = app.next_ticket;
        app.next_ticket += 1;
        if let Some(Outcome::Response(exchange)) = &sent.outcome {
            effects.push(Effect::BuildBody {
                ticket: body_ticket,
                key: request_key.clone(),
                body: exchange.response.body.clone(),
                content_type: exchange.response.header("content-type").map(str::to_owned),
            });
        }
        let state = app.requests.entry(request_key).or_default();
        state.flight = Flight::Idle;
        state.last = Some(Done::new(sent.prepared, sent.outcome, checklist, body_ticket));
    }
    if app.selected().is_some_and(|(c, p)| App::key_of(c, p) == home) {
        selection_changed(app);
    }
    effects
}

pub(super) fn on_tick(app: &mut App) -> Vec<Effect> {
    let now = (app.clock)().now;
    // Re-evaluate the selected checklist so countdowns tick and flip.
    if let Some((c, p)) = app.selected().map(|(c, p)| (c, p.clone()))
        && let Some(done) = app.requests.get(&App::key_of(c, &p)).and_then(|s| s.last.clone())
        && done.checklist.next_change().is_some()
    {
        let sent = crate::session::Sent {
            collection: c,
            path: p.clone(),
            prepared: done.prepared.clone(),
            outcome: done.outcome.clone(),
            needed_by: None,
        };
        let checklist = app.diagnose(c, &sent);
        if let Some(d) = app
            .requests
            .get_mut(&App::key_of(c, &p))
            .and_then(|s| s.last.as_mut())
        {
            d.recheck(checklist);
        }
    }
    // Armed retries whose time has come.
    let due: Vec<(usize, RequestPath)> = app
        .requests
        .iter()
        .filter(|(_, s)| s.retry_at.is_some_and(|t| t <= now))
        .map(|((c, p), _)| (*c, RequestPath::parse(p)))
        .collect();
    if let Some((_, path)) = due.first() {
        app.message = Some(format!("the wait is over: sending {path} again"));
    }
    due.into_iter().flat_map(|(c, p)| send(app, c, &p)).collect()
}
