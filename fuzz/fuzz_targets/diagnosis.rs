//! Fuzz target: the checklist. The first byte says how the request went out (ad hoc, or
//! one of a small fixed collection's requests, in which environment), whether it failed
//! before a full response, and whether an earlier exchange of it came back 200; the rest is
//! the response as HTTP message text (`common/message.rs`): arbitrary status, headers and
//! body. It is diagnosed (`apibench::diagnosis::diagnose`) and read again later
//! (`Checklist::as_of`). Diagnosis must never panic or hang, whatever came back.

#![no_main]

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use apibench::collection::{Collection, RequestPath, Variables};
use apibench::diagnosis::{Clock, HistoryEntry, Input, diagnose};
use apibench::http::{
    Exchange, Failure, FailureKind, Outcome, Phase, Response, ResponseHead, SentRequest, Timing,
};
use apibench::request::Prepared;
use apibench::template::{EnvLookup, NoResponses, Origin};
use bytes::Bytes;
use libfuzzer_sys::fuzz_target;

#[path = "common/message.rs"]
mod message;

use message::Message;

const COLLECTION: &str = r#"name: Fuzz
variables:
  base_url: https://api.example.com
  token: "{{ env.TOKEN }}"
environments:
  staging:
    base_url: https://staging.example.com
requests:
  - name: List users
    url: "{{ base_url }}/v1/users"
    query:
      page: "2"
    auth:
      bearer: "{{ token }}"
  - name: Create user
    method: POST
    url: "{{ base_url }}/v1/users"
    headers:
      Content-Type: application/json
    body:
      json:
        name: Ada
        email: ada@example.com
  - name: Log in
    method: POST
    url: "{{ base_url }}/v1/login"
    auth:
      basic:
        username: ada
        password: "{{ env.PASSWORD }}"
"#;

struct OneEnv;

impl EnvLookup for OneEnv {
    fn lookup(&self, name: &str) -> Option<(String, Origin)> {
        (name == "TOKEN").then(|| ("tok-123".to_owned(), Origin::ProcessEnv))
    }
}

/// 2026-11-25 12:00:00 UTC.
const T0: u64 = 1_795_608_000;

/// The bits of the first byte.
const WHICH_REQUEST: u8 = 0b0000_0011;
const STAGING: u8 = 0b0000_0100;
const FAILED: u8 = 0b0000_1000;
const EARLIER: u8 = 0b0001_0000;

fuzz_target!(|data: &[u8]| {
    let Some((&how, rest)) = data.split_first() else {
        return;
    };
    let message = Message::parse(rest);
    let collection = apibench::collection::parse_collection(COLLECTION, Path::new("fuzz.yaml"))
        .expect("the collection loads");
    let prepared = match how & WHICH_REQUEST {
        0 => None,
        i => prepared(&collection, usize::from(i - 1), how & STAGING != 0),
    };
    let sent = prepared.as_ref().map_or_else(
        || SentRequest {
            method: "GET".to_owned(),
            url: "https://api.example.com/v1/users?page=2".to_owned(),
            headers: vec![("accept".to_owned(), "*/*".to_owned())],
            body: Bytes::new(),
            proxy: None,
        },
        |p| SentRequest {
            method: p.request.method.clone(),
            url: p.request.url.clone(),
            headers: p.request.headers.clone(),
            body: p.request.body.clone(),
            proxy: None,
        },
    );
    let started_at = SystemTime::UNIX_EPOCH + Duration::from_secs(T0);
    let total = Duration::from_millis(u64::from(how >> 5) * 700 + 120);
    let timing = Timing {
        started_at,
        headers_after: Some(total),
        total,
    };
    let head = ResponseHead {
        status: message.status,
        reason: message.reason,
        version: message.version,
        headers: message.headers,
        remote_addr: None,
    };
    let outcome = if how & FAILED == 0 {
        Outcome::Response(Arc::new(Exchange {
            request: sent,
            hops: Vec::new(),
            response: Response {
                head,
                wire_bytes: message.body.len() as u64,
                body: Bytes::from(message.body),
                spilled: None,
            },
            timing,
        }))
    } else {
        let body = String::from_utf8_lossy(&message.body);
        let mut chain = body.lines().map(str::to_owned);
        Outcome::Failure(Box::new(Failure {
            kind: KINDS[usize::from(head.status) % KINDS.len()],
            phase: PHASES[usize::from(head.status / 10) % PHASES.len()],
            message: chain.next().unwrap_or_default(),
            chain: chain.collect(),
            io_kind: None,
            request: Some(sent),
            hops: Vec::new(),
            response: (head.status >= 100).then_some(head),
            resolved: Vec::new(),
            limit: Some(Duration::from_secs(30)),
            timing,
        }))
    };
    let history: Vec<HistoryEntry> = (how & EARLIER != 0)
        .then(|| HistoryEntry::of(&outcome, None))
        .flatten()
        .map(|mut entry| {
            entry.status = Some(200);
            entry.failure = None;
            entry.at = started_at - Duration::from_secs(300);
            entry
        })
        .into_iter()
        .collect();
    let input = Input {
        written: prepared.as_ref().map(|p| &p.written),
        outcome: Ok(&outcome),
        collection: Some(&collection),
        history: &history,
        expired_cookies: None,
        api: None,
    };
    let clock = Clock::utc(started_at + total);
    let checklist = diagnose(&input, &clock);
    let _ = (
        checklist.problems(),
        checklist.first_failure(),
        checklist.wait_over_at(),
    );
    if let Some(next) = checklist.next_change() {
        let _ = checklist.as_of(&clock.at(next));
    }
    let _ = checklist.as_of(&clock.at(started_at + total + Duration::from_secs(3600)));
});

const KINDS: &[FailureKind] = &[
    FailureKind::InvalidUrl,
    FailureKind::Template,
    FailureKind::Dns,
    FailureKind::Connect,
    FailureKind::Reset,
    FailureKind::Tls,
    FailureKind::Timeout,
    FailureKind::RedirectLoop,
    FailureKind::BodyTooLarge,
    FailureKind::Other,
];

const PHASES: &[Phase] = &[
    Phase::Build,
    Phase::Connect,
    Phase::WaitingForResponse,
    Phase::ReadingBody,
];

/// Request `i` of the collection, prepared (in the staging environment, or none).
fn prepared(collection: &Collection, i: usize, staging: bool) -> Option<Prepared> {
    let (path, request): (RequestPath, _) = collection.requests().into_iter().nth(i)?;
    let none = Variables::new();
    let ctx = apibench::request::Context {
        collection,
        environment: staging.then_some("staging"),
        overrides: &none,
        captured: &none,
        env: &OneEnv,
        responses: &NoResponses,
    };
    apibench::request::prepare(&ctx, &path, request).ok()
}
