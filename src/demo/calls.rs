//! What the demo API was asked, in the order it was asked: each request's method, path with
//! query, headers and body size. Tests read it to assert how a client called the API (the
//! dependency of a chained request went first and once, a request that failed to prepare sent
//! nothing, a timed-out request was not retried). Only the latest [`CAPACITY`] calls are kept
//! (their heads, never their bodies), so a demo left running for days stays small.

use std::collections::VecDeque;
use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Body;
use axum::extract::{Request, State};
use futures_util::TryStreamExt as _;

/// How many calls the log keeps; older ones are dropped (and counted).
pub const CAPACITY: usize = 1024;

/// One request as the demo API received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub method: String,
    /// The path with its query, as on the request line (`/v1/slow?ms=5000`). A request sent
    /// through a proxy in absolute form is logged by its path all the same.
    pub path: String,
    /// Name (lower case, as HTTP/1.1 servers see it) and value, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body's length: its `Content-Length`, or for a chunked body the bytes the handler
    /// read of it.
    pub body_bytes: u64,
}

impl Call {
    /// The path without its query: what routes match on.
    pub fn route(&self) -> &str {
        self.path.split_once('?').map_or(&self.path, |(path, _)| path)
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether this call is `method path`: a `path` without `?` matches any query, and `*`
    /// matches any method or any path.
    pub fn is(&self, method: &str, path: &str) -> bool {
        let target = if path.contains('?') {
            self.path.as_str()
        } else {
            self.route()
        };
        (method == "*" || self.method.eq_ignore_ascii_case(method)) && (path == "*" || target == path)
    }
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} ({} body bytes)",
            self.method, self.path, self.body_bytes
        )
    }
}

/// A call as logged: a chunked body's size is counted as it is read, after the entry is made.
#[derive(Debug)]
struct Entry {
    call: Call,
    streamed: Option<Arc<AtomicU64>>,
}

#[derive(Debug, Default)]
struct Entries {
    kept: VecDeque<Entry>,
    dropped: u64,
}

/// The capped log of calls, shared by the server task and its handle.
#[derive(Debug, Default)]
pub struct CallLog {
    entries: Mutex<Entries>,
}

impl CallLog {
    /// Logs `request` and hands it on; a chunked body is wrapped to count its bytes.
    pub fn record(&self, request: Request) -> Request {
        let (parts, body) = request.into_parts();
        let declared = parts
            .headers
            .get(axum::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        let (body, streamed) = if declared.is_some() {
            (body, None)
        } else {
            let read = Arc::new(AtomicU64::new(0));
            let tally = Arc::clone(&read);
            let chunks = body.into_data_stream().inspect_ok(move |chunk| {
                tally.fetch_add(chunk.len() as u64, Ordering::Relaxed);
            });
            (Body::from_stream(chunks), Some(read))
        };
        let call = Call {
            method: parts.method.as_str().to_owned(),
            path: parts
                .uri
                .path_and_query()
                .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned()),
            headers: parts
                .headers
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body_bytes: declared.unwrap_or(0),
        };
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.kept.len() == CAPACITY {
            entries.kept.pop_front();
            entries.dropped += 1;
        }
        entries.kept.push_back(Entry { call, streamed });
        drop(entries);
        Request::from_parts(parts, body)
    }

    /// The calls kept, oldest first.
    pub fn calls(&self) -> Vec<Call> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .kept
            .iter()
            .map(|entry| {
                let mut call = entry.call.clone();
                if let Some(count) = &entry.streamed {
                    call.body_bytes = count.load(Ordering::Relaxed);
                }
                call
            })
            .collect()
    }

    /// How many calls were dropped to keep the log within [`CAPACITY`].
    pub fn dropped(&self) -> u64 {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .dropped
    }
}

/// The layer function that logs every request before it is routed.
pub(super) async fn record(State(log): State<Arc<CallLog>>, request: Request) -> Request {
    log.record(request)
}

/// That `method path` is called exactly `times` times (matched as [`Call::is`] does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    pub method: String,
    pub path: String,
    pub times: usize,
}

impl Expectation {
    pub fn new(method: &str, path: &str, times: usize) -> Self {
        Self {
            method: method.to_owned(),
            path: path.to_owned(),
            times,
        }
    }
}

/// Checks `expected` against `calls`; on a miss, says which expectations failed and lists
/// every call received, so the failure reads without a debugger. `dropped` calls make counts
/// unknowable, which is a miss too.
pub fn verify(expected: &[Expectation], calls: &[Call], dropped: u64) -> Result<(), String> {
    let mut misses: Vec<String> = expected
        .iter()
        .filter_map(|e| {
            let got = calls.iter().filter(|c| c.is(&e.method, &e.path)).count();
            (got != e.times).then(|| {
                format!(
                    "expected {} {} {}, got {got}",
                    e.method,
                    e.path,
                    crate::format::count(e.times, "time", "times")
                )
            })
        })
        .collect();
    if dropped > 0 && !expected.is_empty() {
        misses.push(format!(
            "{} fell out of the log, so counts are unknown",
            crate::format::count(dropped, "call", "calls")
        ));
    }
    if misses.is_empty() {
        return Ok(());
    }
    let mut report = format!(
        "the demo API was not called as expected:\n  {}",
        misses.join("\n  ")
    );
    report.push_str("\ncalls received, in order:");
    if calls.is_empty() {
        report.push_str(" none");
    }
    for call in calls {
        let _ = write!(report, "\n  {call}");
    }
    Err(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, uri: &str, headers: &[(&str, &str)], body: &'static str) -> Request {
        let mut builder = axum::http::Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::from(body)).unwrap()
    }

    #[test]
    fn a_call_is_logged_with_its_method_path_query_headers_and_declared_size() {
        let log = CallLog::default();
        let _ = log.record(request(
            "POST",
            "/v1/users?page=2",
            &[("Content-Type", "application/json"), ("Content-Length", "7")],
            "{\"a\":1}",
        ));
        let calls = log.calls();
        assert_eq!(calls.len(), 1);
        let call = &calls[0];
        assert_eq!(
            (call.method.as_str(), call.path.as_str()),
            ("POST", "/v1/users?page=2")
        );
        assert_eq!(call.route(), "/v1/users");
        assert_eq!(call.header("content-type"), Some("application/json"));
        assert_eq!(call.body_bytes, 7);
        assert!(call.is("post", "/v1/users"));
        assert!(call.is("POST", "/v1/users?page=2"));
        assert!(!call.is("POST", "/v1/users?page=3"));
        assert!(call.is("*", "/v1/users") && call.is("*", "*") && !call.is("GET", "*"));
    }

    #[tokio::test]
    async fn a_chunked_body_is_counted_as_the_handler_reads_it() {
        let log = CallLog::default();
        let forwarded = log.record(request("PUT", "/v1/echo", &[], "12345"));
        assert_eq!(log.calls()[0].body_bytes, 0, "nothing read yet");
        let body = axum::body::to_bytes(forwarded.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(&body[..], b"12345", "the handler gets the body unchanged");
        assert_eq!(log.calls()[0].body_bytes, 5);
    }

    #[test]
    fn the_log_keeps_the_latest_calls_and_counts_the_dropped() {
        let log = CallLog::default();
        for i in 0..CAPACITY + 3 {
            let _ = log.record(request("GET", &format!("/v1/users/{i}"), &[], ""));
        }
        let calls = log.calls();
        assert_eq!(calls.len(), CAPACITY);
        assert_eq!(calls[0].path, "/v1/users/3");
        assert_eq!(log.dropped(), 3);
        let unknown = verify(&[Expectation::new("GET", "/v1/users/3", 1)], &calls, 3).unwrap_err();
        assert!(unknown.contains("3 calls fell out of the log"), "{unknown}");
    }

    #[test]
    fn an_unmet_expectation_names_itself_and_lists_the_calls() {
        let log = CallLog::default();
        let _ = log.record(request("GET", "/v1/me", &[], ""));
        let calls = log.calls();
        assert_eq!(verify(&[Expectation::new("GET", "/v1/me", 1)], &calls, 0), Ok(()));
        let report = verify(
            &[
                Expectation::new("POST", "/v1/login", 1),
                Expectation::new("GET", "/v1/me", 1),
            ],
            &calls,
            0,
        )
        .unwrap_err();
        assert_eq!(
            report,
            "the demo API was not called as expected:\n  expected POST /v1/login 1 time, got 0\n\
             calls received, in order:\n  GET /v1/me (0 body bytes)"
        );
        assert!(verify(&[Expectation::new("GET", "/", 0)], &[], 0).is_ok());
    }
}
