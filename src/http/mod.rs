//! The HTTP transport: send a resolved request, record the exchange. It knows neither the
//! collection model nor templates: a [`ResolvedRequest`] comes in (built by `request`), an
//! [`Outcome`] goes out.
//!
//! ```text
//! ResolvedRequest ──Engine::send──► Outcome (Exchange | classified Failure)
//! ```

mod classify;
pub mod cookies;
mod engine;
mod exchange;
mod proxy;
mod request;

pub use engine::{ACCEPT_ENCODING, Engine, Refusal, USER_AGENT, as_sent, is_downgrade};
pub use exchange::{
    Exchange, Failure, FailureKind, HELD_OF_SPILLED, Hop, Outcome, Phase, Response, ResponseHead, SPILL_AT,
    SentRequest, SpilledBody, Timing,
};
pub use proxy::{ProxyRefusal, ProxyUse, proxy_setting};
pub use request::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT, ResolvedRequest,
    TransportOptions,
};

#[cfg(test)]
pub mod testing;
