//! Outcomes built by hand, for the unit tests of the layers above that read them
//! (expectations, retries) without a server.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;

use super::{Exchange, Failure, FailureKind, Outcome, Phase, Response, ResponseHead, SentRequest, Timing};

/// `method http://x/` with these headers, answered with `status`, `headers` and `body` in
/// 120 ms.
pub fn answered(
    method: &str,
    sent_headers: &[(&str, &str)],
    status: u16,
    headers: &[(&str, &str)],
    body: &str,
) -> Outcome {
    Outcome::Response(Arc::new(Exchange {
        request: sent(method, sent_headers),
        hops: Vec::new(),
        response: Response {
            head: ResponseHead {
                status,
                reason: String::new(),
                version: "HTTP/1.1".into(),
                headers: pairs(headers),
                remote_addr: None,
            },
            body: Bytes::from(body.to_owned()),
            wire_bytes: body.len() as u64,
            spilled: None,
        },
        timing: timing(Duration::from_millis(120)),
    }))
}

/// `method http://x/` ending in `kind` during `phase`.
pub fn failed(method: &str, kind: FailureKind, phase: Phase) -> Outcome {
    Outcome::Failure(Box::new(Failure {
        kind,
        phase,
        message: format!("{} failure", kind.as_str()),
        chain: Vec::new(),
        io_kind: None,
        request: Some(sent(method, &[])),
        hops: Vec::new(),
        response: None,
        resolved: Vec::new(),
        limit: None,
        timing: timing(Duration::from_secs(1)),
    }))
}

fn sent(method: &str, headers: &[(&str, &str)]) -> SentRequest {
    SentRequest {
        method: method.into(),
        url: "http://x/".into(),
        headers: pairs(headers),
        body: Bytes::new(),
        proxy: None,
    }
}

fn pairs(headers: &[(&str, &str)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

fn timing(total: Duration) -> Timing {
    Timing {
        started_at: SystemTime::UNIX_EPOCH,
        headers_after: Some(total),
        total,
    }
}
