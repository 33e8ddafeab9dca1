//! What the screen shows, and nothing it does: the one place TUI state lives. Only `update`
//! changes it; the view reads it.

mod app;
mod editing;
mod frame;
mod panes;
mod request;
mod slots;
mod tree;

pub use app::{App, BodyState, MESSAGE_LOG, Preview, PreviewInputs, ShownRequest, Suspend};
pub use editing::Editing;
pub use frame::{LastFrame, Now};
pub use panes::{Border, Pane, RequestTab, ResponseTab, Sizing};
pub use request::{Done, RequestState};
pub use slots::{Slot, auth_value, option_text, selected_slots, slots, table_of};
pub use tree::{Row, TreeState};
