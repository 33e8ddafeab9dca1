//! `update`: the only place the app changes. A message and the time it arrived in, the state
//! changed and effects out — no terminal, no network, no clock, no view code — so it is
//! tested directly.
//!
//! ```text
//! Msg::Key ─► keys ─► a dialog's keys ─► answers (edits, then what follows)
//!                └──► actions ─► navigation · sending · prompts · edit_actions ─► slot_edits / tree_edits
//!                                                                     └──► files (apply, undo, save, disk)
//! (`vocabulary` tells the forms and the body editor what `{{` can complete to.)
//! ```

mod actions;
mod answers;
mod edit_actions;
pub(crate) mod files;
mod keys;
mod mouse;
mod navigation;
mod past;
mod prompts;
mod selection;
mod sending;
mod slot_edits;
mod tree_edits;
mod vocabulary;

use std::sync::Arc;

pub use self::actions::act;
use crate::tui::message::{Effect, Msg};
use crate::tui::state::{App, Now, Preview};

/// Applies one message that arrived at `now`. Returns the work to do; `app.quit` says when
/// to stop.
pub fn update(app: &mut App, msg: Msg, now: Now) -> Vec<Effect> {
    app.now = now;
    let before = app.message.clone();
    let mut effects = handle(app, msg);
    log_message(app, before.as_deref());
    effects.extend(refresh_preview(app));
    effects.extend(files::refresh_disabled(app));
    // Renames and moves carry their requests' history to the new paths.
    effects.extend(
        std::mem::take(&mut app.history_moves)
            .into_iter()
            .map(|(file, from, to)| Effect::MoveHistory { file, from, to }),
    );
    effects
}

fn handle(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => {
            // A message says what the last action did; the next key moves on from it.
            app.message = None;
            // The user moves on: the cursor no longer waits to follow a new row.
            app.editing.cursor_follows = None;
            keys::on_key(app, key)
        }
        Msg::Mouse(mouse) => mouse::on_mouse(app, mouse),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            Vec::new()
        }
        Msg::Drawn(frame) => {
            app.last_frame = frame;
            Vec::new()
        }
        Msg::Action(action) => act(app, action),
        Msg::SwitchedOffFound {
            source,
            generation,
            rows,
        } => {
            files::switched_off_found(app, source, generation, rows);
            Vec::new()
        }
        Msg::Sent { ticket, id, results } => sending::on_sent(app, ticket, &id, results),
        Msg::Prepared { inputs, result } => {
            // The copy menu waiting for this request gets it.
            if let crate::tui::dialogs::Overlay::Copy(menu) = &mut app.overlay
                && menu.waiting
                && menu.request == inputs.request
            {
                let why = result.as_ref().as_ref().err().map(ToString::to_string);
                menu.resolved(match &*result {
                    Ok(prepared) => Ok(&prepared.request),
                    Err(_) => Err(why.as_deref().unwrap_or_default()),
                });
            }
            // Only the latest preview is kept: one for an older selection or text is dropped.
            if let Some(preview) = app.preview.as_mut().filter(|p| p.inputs == inputs) {
                preview.shown = result
                    .as_ref()
                    .as_ref()
                    .ok()
                    .map(|prepared| crate::tui::state::ShownRequest::of(prepared, &app.secrets));
                preview.result = Some(*result);
            }
            Vec::new()
        }
        Msg::BodyReady { ticket, id, view } => {
            if let Some(done) = app.requests.get_mut(&id).and_then(|s| s.last_mut())
                && done.body_ticket == ticket
            {
                done.body = Some(view);
            }
            Vec::new()
        }
        Msg::Filtered { expr, result } => {
            prompts::filtered(app, expr, result);
            Vec::new()
        }
        Msg::SearchProgress { query, lines } => {
            prompts::search_progress(app, &query, lines);
            Vec::new()
        }
        Msg::Searched { query, matches } => {
            prompts::searched(app, &query, matches);
            Vec::new()
        }
        Msg::Paste(text) => {
            keys::on_paste(app, &text);
            Vec::new()
        }
        Msg::Saved { path, result } => files::saved(app, &path, result),
        Msg::FileChanged(path) => {
            files::file_changed(app, &path);
            Vec::new()
        }
        Msg::Tick => sending::on_tick(app),
        Msg::Terminate => {
            app.quit = true;
            Vec::new()
        }
        Msg::Notice(text) => {
            app.message = Some(text);
            Vec::new()
        }
        Msg::PastListed { request, entries } => {
            if let crate::tui::dialogs::Overlay::Past(past) = &mut app.overlay
                && past.request == request
            {
                past.entries = Some(entries);
            }
            Vec::new()
        }
        Msg::PastRead { id, record, compared } => past::read(app, id, &record, compared),
        Msg::Past {
            statuses,
            kept,
            expired,
            jars,
        } => {
            app.past = statuses.into_iter().collect();
            for (collection, environment, json) in jars {
                match crate::http::cookies::CookieJar::from_json(&json) {
                    Some(jar) => app.jars.restore(collection, environment, jar),
                    None => app
                        .messages
                        .push("a kept cookie jar could not be read; it starts empty".to_owned()),
                }
            }
            for (id, environment, kept) in kept {
                app.responses.recall(id, environment, kept);
            }
            for why in expired {
                app.messages.push(why);
            }
            // What templates read changed: the resolved view is prepared again.
            refresh_preview(app).into_iter().collect()
        }
        Msg::EditorClosed { path, outcome } => {
            app.suspend = None;
            app.message = Some(outcome);
            files::file_changed(app, &path);
            Vec::new()
        }
    }
}

/// A message the status bar shows now and did not before goes in the log, where it can be
/// read in full after the next key clears it.
fn log_message(app: &mut App, before: Option<&str>) {
    if let Some(message) = app.message.as_deref()
        && Some(message) != before
        && app.messages.last().map(String::as_str) != Some(message)
    {
        app.messages.push(message.to_owned());
        if app.messages.len() > crate::tui::state::MESSAGE_LOG {
            app.messages.remove(0);
        }
    }
}

/// Asks for the resolved view's request to be prepared when it is shown and what it reads
/// changed; forgets it when it is hidden.
fn refresh_preview(app: &mut App) -> Option<Effect> {
    let Some(inputs) = app.preview_inputs() else {
        app.preview = None;
        return None;
    };
    if app.preview.as_ref().is_some_and(|p| p.inputs == inputs) {
        return None;
    }
    app.preview = Some(Preview {
        inputs: inputs.clone(),
        result: None,
        shown: None,
    });
    Some(Effect::Prepare {
        inputs,
        session: app.session(),
        workspace: Arc::clone(&app.workspace),
    })
}
