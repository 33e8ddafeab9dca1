//! A past exchange read from the history: shown in the response and checklist panes like a
//! live one, marked past (its id and when it was sent), until the request is sent again;
//! two of them compared side by side in the past-exchanges dialog. One that failed before a
//! response has nothing for the panes and is described in the dialog instead.

use crate::tui::dialogs::Overlay;
use crate::tui::message::Effect;
use crate::tui::state::{App, Done, Pane, RequestState};

pub fn read(
    app: &mut App,
    id: i64,
    record: &serde_json::Value,
    compared: Option<(i64, Vec<[String; 3]>)>,
) -> Vec<Effect> {
    let Overlay::Past(past) = &mut app.overlay else {
        return Vec::new();
    };
    if let Some((older, rows)) = compared {
        past.compare(older, id, &rows);
        return Vec::new();
    }
    let request = past.request.clone();
    let at = past
        .entries
        .iter()
        .flatten()
        .find(|s| s.id == id)
        .map_or(std::time::UNIX_EPOCH, |s| s.at);
    let in_flight = app.requests.get(&request).is_some_and(RequestState::is_sending);
    let read_back = crate::history::past::read_back(record, at);
    let (Some((exchange, checklist)), false) = (read_back, in_flight) else {
        past.show(id, record);
        return Vec::new();
    };
    let body_ticket = app.next_ticket;
    app.next_ticket += 1;
    let effect = Effect::BuildBody {
        ticket: body_ticket,
        id: request.clone(),
        body: exchange.response.body.clone(),
        spilled: None,
        content_type: exchange.response.header("content-type").map(str::to_owned),
        secrets: app.secrets.clone(),
    };
    let outcome = crate::http::Outcome::Response(std::sync::Arc::new(exchange));
    app.requests.insert(
        request.clone(),
        RequestState::finished(Done::past(id, at, outcome, checklist, body_ticket)),
    );
    app.overlay = Overlay::None;
    app.message = Some(format!(
        "past #{id}, sent {}; s sends it again",
        app.clock().when(at)
    ));
    if app.selected_id().as_ref() == Some(&request) {
        super::navigation::selection_changed(app);
        app.focus = Pane::Response;
    }
    vec![effect]
}
