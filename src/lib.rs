//! apibench: a terminal workbench for HTTP APIs that tells you why a request failed.
//!
//! Data flows one way:
//!
//! ```text
//! collection  YAML files → Collection (model), errors located at path:line:column
//!     │
//! template    "{{ base_url }}/v1/{{ id }}" → text + where each value came from
//!     │
//! http        prepare (defaults, auth, body) → ResolvedRequest → Engine::send → Outcome
//!     │                                                   (Exchange | classified Failure)
//! diagnosis   (written request, outcome, clock) → Checklist   — pure, no I/O
//!     │
//! cli / tui   run / check / demo / the terminal UI  session: chaining and responses
//! ```
//!
//! Editing goes back the other way: `collection::edit` turns a change into text splices on
//! the file as written, `collection::store` saves atomically, `collection::watch` notices
//! other editors. `demo` is the embedded demo API (also the integration tests' server).
//! `secrets` masks credentials for display; `sanitize` makes untrusted text safe for a
//! terminal; `external_editor` opens `$EDITOR` at a line.

pub mod cli;
pub mod collection;
pub mod demo;
pub mod diagnosis;
pub mod evidence;
pub mod external_editor;
pub mod format;
pub mod http;
pub mod media_type;
pub mod request;
pub mod sanitize;
pub mod secrets;
pub mod session;
pub mod suggest;
pub mod template;
pub mod tui;
