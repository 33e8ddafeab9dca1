//! 401, 403 and 407: were credentials sent, in the scheme the server asks for, still valid,
//! and meant for this host — or is something in between (a proxy, a WAF) refusing.
//!
//! One entry point per status (`unauthorized`, `forbidden`, `proxy_auth_required`); the
//! credential finder and the token checks are shared by more than one of them.

mod challenge;
mod forbidden;
mod proxy;
mod token;
mod unauthorized;

pub use forbidden::forbidden;
pub use proxy::proxy_auth_required;
pub use unauthorized::unauthorized;
