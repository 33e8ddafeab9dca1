//! The HTTP engine: prepare a request from the collection, send it, record the exchange.
//!
//! ```text
//! collection::Request ──prepare(Context)──► Prepared { written, request: ResolvedRequest }
//!                                                          │
//!                                        Engine::send ─────┘──► Outcome (Exchange | Failure)
//! ```

mod body;
mod classify;
mod engine;
mod exchange;
mod prepare;
mod proxy;
mod request;

pub use engine::{Engine, USER_AGENT};
pub use exchange::{
    Exchange, Failure, FailureKind, Hop, Outcome, Phase, Response, ResponseHead, SentRequest, Timing,
};
pub use prepare::{
    AuthField, Context, Field, FieldUse, HeaderSource, PrepareError, Prepared, Written, environment, prepare,
};
pub use proxy::{ProxyUse, proxy_setting};
pub use request::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT, ResolvedRequest,
    TransportOptions,
};
