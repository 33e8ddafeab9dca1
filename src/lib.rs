//! apibench: a terminal workbench for HTTP APIs that tells you why a request failed.
//!
//! Layers point one way (down); `tests/it/architecture.rs` holds the arrows and checks them,
//! and `docs/architecture.md` explains them:
//!
//! ```text
//! template    "{{ base_url }}/v1/{{ id }}" parsed once; rendered with where each value came from
//!     │
//! collection  YAML files → Collection (model of parsed templates), errors at path:line:column;
//!     │       byte-exact edits, atomic saves, watching files
//! http        the transport: ResolvedRequest → Engine::send → Outcome (Exchange | Failure)
//!     │       (knows neither the model nor templates)
//! request     building: collection::Request + Context → Prepared { written, request }
//!     │
//! evidence    reading what servers say: challenges, Retry-After, rate limits, error bodies…
//!     │
//! diagnosis   (written, outcome, clock) → Checklist — pure, a typed catalogue of checks
//!     │
//! expectation (expect, outcome) → what was expected beside what came; captures — pure
//!     │
//! history     the masked record of a finished request; the SQLite history of them
//!     │
//! session     Workspace, RequestId, responses for chaining, Session::send, Sent::diagnose
//!     │
//! cli / tui   run / check / explain / demo, and the terminal UI
//! ```
//!
//! Leaves below everything: `format` (sizes and durations, read and written), `media_type`,
//! `secrets` (masking credentials), `sanitize` (untrusted text made safe for a terminal),
//! `suggest` (did-you-mean), `external_editor`. `demo` is the embedded demo API (also the
//! integration tests' server).

pub mod cli;
pub mod collection;
pub mod demo;
pub mod diagnosis;
pub mod evidence;
pub mod expectation;
pub mod external_editor;
pub mod format;
pub mod history;
pub mod http;
pub mod interop;
pub mod media_type;
pub mod request;
pub mod sanitize;
pub mod secrets;
pub mod session;
pub mod suggest;
pub mod template;
pub mod tui;
