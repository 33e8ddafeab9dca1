//! What the edits act on: the selected request, the slot under the request pane's cursor,
//! and whether a value fits the one-line field that would edit it.

use crate::collection::Request;
use crate::session::RequestId;
use crate::tui::action::Action;
use crate::tui::state::{App, Slot, selected_slots};

/// The selected request and where it is.
pub fn selected(app: &App) -> Option<(RequestId, Request)> {
    let id = app.selected_id()?;
    let request = app.workspace.request(&id)?.clone();
    Some((id, request))
}

/// The slot under the request pane's cursor.
pub fn current_slot(app: &App, request: &Request) -> Option<Slot> {
    let all = selected_slots(app, request);
    all.get(app.editing.cursor.min(all.len().saturating_sub(1)))
        .cloned()
}

/// One-line fields cannot hold a value written over several lines (a PEM block, a folded
/// description) without flattening it; such values are edited in `$EDITOR`.
pub fn fits_one_line(app: &mut App, values: &[&str]) -> bool {
    if values.iter().any(|v| v.contains('\n')) {
        let o = app.keymap.hint(Action::OpenEditor);
        app.message = Some(format!("this value spans several lines; {o} edits it in $EDITOR"));
        return false;
    }
    true
}
