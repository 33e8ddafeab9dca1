//! The application layer, below both faces (CLI and TUI): the workspace of loaded
//! collections, the latest responses, sending with dependencies, and the one place a sent
//! request is diagnosed.
//!
//! ```text
//! Workspace::load(path) ──► Session::send(&workspace, &RequestId) ──► Vec<Sent> (dependencies first)
//!                                                                        │
//!                              Sent::diagnose(&workspace, history, clock) ┴──► Checklist
//! ```

mod api;
mod cookies;
mod id;
mod kept;
mod responses;
mod send;
mod sent;
mod workspace;

pub use cookies::Jars;
pub use id::RequestId;
pub use kept::expired;
pub use responses::{CollectionResponses, Kept, Latest, Responses};
pub use send::{Session, keep_captured};
pub use sent::{Exchanged, Sent};
pub use workspace::{FindError, Workspace};
