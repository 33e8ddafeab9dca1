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
//! cli         run / check / demo                  session: chaining and responses
//! ```
//!
//! `demo` is the embedded demo API (also the integration tests' server). `secrets` masks
//! credentials for display; `sanitize` makes untrusted text safe for a terminal.

pub mod cli;
pub mod collection;
pub mod demo;
pub mod diagnosis;
pub mod format;
pub mod http;
pub mod sanitize;
pub mod secrets;
pub mod session;
pub mod suggest;
pub mod template;
pub mod tui;
