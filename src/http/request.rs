//! A request ready for the wire: templates rendered, defaults merged, body encoded.

use std::time::Duration;

use bytes::Bytes;

/// Used when neither the request nor `defaults` set a value.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_MAX_REDIRECTS: usize = 10;
/// Large enough for the exports and logs people do fetch, small enough to stop a runaway
/// stream filling the disk. A body larger than [`SPILL_AT`](super::SPILL_AT) goes to a temporary file, so this only
/// limits what is kept on disk, not memory.
pub const DEFAULT_MAX_BODY: u64 = 4 * 1024 * 1024 * 1024;

/// Transport settings with every default filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransportOptions {
    /// The whole exchange, redirects and body included.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub follow_redirects: bool,
    pub max_redirects: usize,
    pub insecure_tls: bool,
    /// Decoded body size limit in bytes.
    pub max_body: u64,
}

impl Default for TransportOptions {
    fn default() -> Self {
        Self {
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            follow_redirects: true,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            insecure_tls: false,
            max_body: DEFAULT_MAX_BODY,
        }
    }
}

/// What the engine sends. Header values are final; the engine only adds what every HTTP
/// client adds (host, user-agent, accept, accept-encoding, content-length) and records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedRequest {
    pub method: String,
    /// The full URL, query included.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    pub options: TransportOptions,
    /// Headers the request's auth added (an API key's header may have any name): stripped,
    /// like every header the secret rules call a credential, when a redirect leaves the origin.
    pub credential_headers: Vec<String>,
}

impl ResolvedRequest {
    /// A bodiless request with default options; handy for tests and ad-hoc sends.
    pub fn get(url: impl Into<String>) -> Self {
        Self {
            method: "GET".to_owned(),
            url: url.into(),
            headers: Vec::new(),
            body: Bytes::new(),
            options: TransportOptions::default(),
            credential_headers: Vec::new(),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}
