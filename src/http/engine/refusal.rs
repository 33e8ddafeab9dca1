//! Why a request could not be put on the wire: the URL, a header, the method, the proxy
//! setting or the client. Each becomes a `Failure` in the build phase; its kind says which
//! part of the request to look at.

use crate::http::exchange::FailureKind;
use crate::http::proxy::ProxyRefusal;

/// A request refused before it was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("`{url}` is not a valid URL: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("`{url}` uses the scheme `{scheme}:`; only http and https are supported")]
    UnsupportedScheme { url: String, scheme: String },
    #[error("`{0}` has no host")]
    NoHost(String),
    #[error("`{0}` is not a valid HTTP method")]
    InvalidMethod(String),
    #[error("header name `{0}` is not valid (letters, digits and -!#$%&'*+.^_`|~ only)")]
    InvalidHeaderName(String),
    #[error("the value of header `{name}` contains a control character (line break?) at position {position}")]
    ControlInHeaderValue { name: String, position: usize },
    /// The HTTP library would not build the request.
    #[error("{0}")]
    Unbuildable(String),
    #[error("{0}")]
    Proxy(#[from] ProxyRefusal),
    #[error("could not set up the HTTP client: {0}")]
    Client(String),
}

impl Refusal {
    /// The failure kind a refusal is reported as.
    pub fn kind(&self) -> FailureKind {
        match self {
            Refusal::InvalidUrl { .. }
            | Refusal::UnsupportedScheme { .. }
            | Refusal::NoHost(_)
            | Refusal::InvalidMethod(_)
            | Refusal::InvalidHeaderName(_)
            | Refusal::ControlInHeaderValue { .. }
            | Refusal::Unbuildable(_) => FailureKind::InvalidUrl,
            Refusal::Proxy(_) | Refusal::Client(_) => FailureKind::Other,
        }
    }
}
