//! What went over the wire: the request as sent, each redirect hop, the response, timings —
//! or the classified failure. This is the evidence every checklist item quotes.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;

/// A request exactly as it went on the wire, client-added headers included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentRequest {
    pub method: String,
    pub url: String,
    /// Every header in the order written, including `host`, `user-agent`, `accept`,
    /// `accept-encoding` and `content-length` added by the client.
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    /// The proxy the request went through, if any.
    pub proxy: Option<super::proxy::ProxyUse>,
}

impl SentRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// The status line and headers of a response, before or without its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseHead {
    pub status: u16,
    /// The reason phrase the server sent, or the standard one for the status.
    pub reason: String,
    /// `HTTP/1.1`, `HTTP/2`.
    pub version: String,
    /// Every header in the order received. Values that are not UTF-8 are decoded lossily.
    pub headers: Vec<(String, String)>,
    pub remote_addr: Option<SocketAddr>,
}

impl ResponseHead {
    /// The standard reason phrase of the status (`Not Found`), whatever the server wrote.
    pub fn standard_reason(&self) -> &'static str {
        reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// Every value of a header, in order (several field lines, or one with commas kept whole).
    pub fn header_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A complete response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub head: ResponseHead,
    /// The body after content decoding (gzip, br, deflate); of a body too large to hold
    /// (`spilled`), its first [`HELD_OF_SPILLED`] bytes.
    pub body: Bytes,
    /// Bytes received on the wire for the body, before decoding.
    pub wire_bytes: u64,
    /// The whole body, on disk, when it was larger than [`SPILL_AT`].
    pub spilled: Option<SpilledBody>,
}

/// Bodies larger than this are streamed to a temporary file instead of memory: what the
/// user looks at then costs memory independent of its size.
pub const SPILL_AT: u64 = 32 * 1024 * 1024;

/// How much of a spilled body is also held in memory, for what only reads its start (the
/// checklist's evidence, sniffing what kind of body it is).
pub const HELD_OF_SPILLED: usize = 1024 * 1024;

/// A body kept in a temporary file, deleted when the last exchange holding it goes.
#[derive(Debug, Clone)]
pub struct SpilledBody {
    file: Arc<tempfile::TempPath>,
    /// Its size in bytes, after content decoding.
    pub len: u64,
}

impl SpilledBody {
    pub fn new(file: tempfile::TempPath, len: u64) -> Self {
        Self {
            file: Arc::new(file),
            len,
        }
    }

    pub fn path(&self) -> &std::path::Path {
        &self.file
    }

    /// Opens it for reading from the start.
    pub fn open(&self) -> std::io::Result<std::fs::File> {
        std::fs::File::open(self.path())
    }
}

impl PartialEq for SpilledBody {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.path() == other.path()
    }
}

impl Eq for SpilledBody {}

impl Response {
    /// Whether `body` is the whole body (it is not when the body was spilled to disk).
    pub fn body_is_whole(&self) -> bool {
        self.spilled.is_none()
    }

    /// The body's full size in bytes, after content decoding.
    pub fn body_len(&self) -> u64 {
        self.spilled.as_ref().map_or(self.body.len() as u64, |s| s.len)
    }

    pub fn status(&self) -> u16 {
        self.head.status
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.header(name)
    }
}

/// One redirect that was followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    pub request: SentRequest,
    pub response: ResponseHead,
    /// The absolute URL the `Location` header resolved to.
    pub location: String,
    /// What changed on the way to the next request.
    pub method_changed: bool,
    pub body_dropped: bool,
    /// Credential headers removed because the redirect left the origin.
    pub stripped_headers: Vec<String>,
}

/// When things happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// Wall clock when the first request started; anchors Retry-After and token expiry.
    pub started_at: SystemTime,
    /// From the start of the last request to its response headers.
    pub headers_after: Option<Duration>,
    /// From the first request to the end of the last body, or to the failure.
    pub total: Duration,
}

/// A request that got a response (of any status).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// The last request sent, the one `response` answers.
    pub request: SentRequest,
    /// Redirects followed before it, in order.
    pub hops: Vec<Hop>,
    pub response: Response,
    pub timing: Timing,
}

/// The kinds of failure that stop a request before a full response, as named in the
/// `run --output json` contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureKind {
    InvalidUrl,
    /// A template could not be rendered (set by the caller; the engine never sees templates).
    Template,
    Dns,
    Connect,
    Reset,
    Tls,
    Timeout,
    RedirectLoop,
    BodyTooLarge,
    Other,
}

impl FailureKind {
    /// The stable `snake_case` name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::InvalidUrl => "invalid_url",
            FailureKind::Template => "template",
            FailureKind::Dns => "dns",
            FailureKind::Connect => "connect",
            FailureKind::Reset => "reset",
            FailureKind::Tls => "tls",
            FailureKind::Timeout => "timeout",
            FailureKind::RedirectLoop => "redirect_loop",
            FailureKind::BodyTooLarge => "body_too_large",
            FailureKind::Other => "other",
        }
    }
}

/// Where in the life of a request a failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Before anything was sent: the URL or a header value could not be used.
    Build,
    /// Resolving the host name, connecting, or the TLS handshake.
    Connect,
    /// The request was (at least partly) sent; no response headers yet.
    WaitingForResponse,
    /// Headers arrived; reading the body.
    ReadingBody,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Build => "building the request",
            Phase::Connect => "connecting",
            Phase::WaitingForResponse => "waiting for the response",
            Phase::ReadingBody => "reading the body",
        }
    }

    /// Whether the server can have seen the request at all.
    pub fn request_may_have_arrived(self) -> bool {
        matches!(self, Phase::WaitingForResponse | Phase::ReadingBody)
    }
}

/// A request that failed before a complete response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: FailureKind,
    pub phase: Phase,
    /// One line for people.
    pub message: String,
    /// The whole `source()` chain, outermost first, for the "raw error" view and for checks
    /// that look for a specific cause; just the message when no error stopped the send
    /// (a redirect limit, a body too large).
    pub chain: Vec<String>,
    /// The `std::io::ErrorKind` found in the chain, if any (`ConnectionRefused`, …).
    pub io_kind: Option<std::io::ErrorKind>,
    /// The request that failed, when it got far enough to be built.
    pub request: Option<SentRequest>,
    pub hops: Vec<Hop>,
    /// Status and headers, when they arrived before the failure (e.g. body too large).
    pub response: Option<ResponseHead>,
    /// The addresses the host resolved to, looked up after a connect failure for evidence.
    pub resolved: Vec<SocketAddr>,
    /// For timeouts: the limit that fired.
    pub limit: Option<Duration>,
    pub timing: Timing,
}

/// What one send produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Response(Arc<Exchange>),
    Failure(Box<Failure>),
}

impl Outcome {
    pub fn status(&self) -> Option<u16> {
        match self {
            Outcome::Response(e) => Some(e.response.status()),
            Outcome::Failure(_) => None,
        }
    }

    pub fn exchange(&self) -> Option<&Exchange> {
        match self {
            Outcome::Response(e) => Some(e),
            Outcome::Failure(_) => None,
        }
    }

    pub fn failure(&self) -> Option<&Failure> {
        match self {
            Outcome::Response(_) => None,
            Outcome::Failure(f) => Some(f),
        }
    }

    /// The last request that went out (or was about to).
    pub fn sent(&self) -> Option<&SentRequest> {
        match self {
            Outcome::Response(e) => Some(&e.request),
            Outcome::Failure(f) => f.request.as_ref(),
        }
    }

    pub fn hops(&self) -> &[Hop] {
        match self {
            Outcome::Response(e) => &e.hops,
            Outcome::Failure(f) => &f.hops,
        }
    }

    pub fn timing(&self) -> Timing {
        match self {
            Outcome::Response(e) => e.timing,
            Outcome::Failure(f) => f.timing,
        }
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}
