//! Rule tests: small exchange factories and tables of named cases, each asserting one
//! check's verdict and evidence. Every rule has a pass, a fail and (where it can) an
//! unknown case.

mod auth;
mod auth_context;
mod client;
mod common;
mod conditions;
mod content;
mod countdown;
mod limits;
mod method;
mod network;
mod network_context;
mod not_found;
mod order;
mod properties;
mod rate;
mod redirects;
mod request;
mod server;
mod spec;

use std::time::{Duration, SystemTime};

use bytes::Bytes;

use super::{Check, Checklist, Clock, HistoryEntry, Input, Verdict, diagnose};
use crate::http::{
    Exchange, Failure, FailureKind, Hop, Outcome, Phase, Response, ResponseHead, SentRequest, Timing,
};

/// 2026-11-25 12:00:00 UTC: when every test exchange starts.
pub const T0: u64 = 1_795_608_000;

pub fn at(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
}

/// An exchange under construction: the request as sent and what came back.
#[derive(Debug, Clone)]
pub struct Ex {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub status: Option<u16>,
    pub reason: String,
    /// `HTTP/1.1` unless a test says otherwise.
    pub version: String,
    pub response_headers: Vec<(String, String)>,
    pub response_body: Vec<u8>,
    pub failure: Option<(FailureKind, Phase, String)>,
    pub chain: Vec<String>,
    pub io_kind: Option<std::io::ErrorKind>,
    pub resolved: Vec<std::net::SocketAddr>,
    pub limit: Option<Duration>,
    pub hops: Vec<Hop>,
    pub elapsed: Duration,
    pub proxy: Option<crate::http::ProxyUse>,
}

impl Ex {
    pub fn new(method: &str, url: &str) -> Self {
        Self {
            method: method.to_owned(),
            url: url.to_owned(),
            headers: vec![
                ("host".to_owned(), authority(url)),
                ("user-agent".to_owned(), "apibench/test".to_owned()),
                ("accept".to_owned(), "*/*".to_owned()),
            ],
            body: Vec::new(),
            status: None,
            reason: String::new(),
            version: "HTTP/1.1".to_owned(),
            response_headers: Vec::new(),
            response_body: Vec::new(),
            failure: None,
            chain: Vec::new(),
            io_kind: None,
            resolved: Vec::new(),
            limit: None,
            hops: Vec::new(),
            elapsed: Duration::from_millis(40),
            proxy: None,
        }
    }

    /// The response came back in this HTTP version (`HTTP/1.0`).
    pub fn version(mut self, version: &str) -> Self {
        version.clone_into(&mut self.version);
        self
    }

    pub fn get(url: &str) -> Self {
        Self::new("GET", url)
    }

    pub fn post_json(url: &str, body: &str) -> Self {
        Self::new("POST", url)
            .header("Content-Type", "application/json")
            .body(body)
    }

    /// Adds a request header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Removes a request header the factory added.
    pub fn without(mut self, name: &str) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self
    }

    pub fn body(mut self, body: &str) -> Self {
        self.body = body.as_bytes().to_vec();
        self
    }

    /// The response status (and its standard reason).
    pub fn status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self.reason = reqwest::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or_default()
            .to_owned();
        self
    }

    pub fn res(mut self, name: &str, value: &str) -> Self {
        self.response_headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn res_body(mut self, body: &str) -> Self {
        self.response_body = body.as_bytes().to_vec();
        self
    }

    /// A JSON response body with its Content-Type.
    pub fn json(self, body: &str) -> Self {
        self.res("content-type", "application/json").res_body(body)
    }

    pub fn problem(self, body: &str) -> Self {
        self.res("content-type", "application/problem+json")
            .res_body(body)
    }

    pub fn fail(mut self, kind: FailureKind, phase: Phase, message: &str) -> Self {
        self.failure = Some((kind, phase, message.to_owned()));
        self
    }

    pub fn chain(mut self, chain: &[&str]) -> Self {
        self.chain = chain.iter().map(|s| (*s).to_owned()).collect();
        self
    }

    pub fn hop(mut self, hop: Hop) -> Self {
        self.hops.push(hop);
        self
    }

    /// Sent through `http://proxy.corp:3128`, configured by `HTTP_PROXY` / `HTTPS_PROXY`.
    pub fn proxied(mut self) -> Self {
        let url = url::Url::parse(&self.url).expect("a proxied test URL parses");
        self.proxy = crate::http::proxy_setting(&url, &|name| {
            matches!(name, "HTTP_PROXY" | "HTTPS_PROXY").then(|| "http://proxy.corp:3128".to_owned())
        })
        .expect("a usable proxy setting");
        self
    }

    pub fn elapsed(mut self, d: Duration) -> Self {
        self.elapsed = d;
        self
    }

    pub fn sent(&self) -> SentRequest {
        let mut headers = self.headers.clone();
        let framed = headers.iter().any(|(n, _)| {
            n.eq_ignore_ascii_case("content-length") || n.eq_ignore_ascii_case("transfer-encoding")
        });
        if !self.body.is_empty() && !framed {
            headers.push(("content-length".to_owned(), self.body.len().to_string()));
        }
        SentRequest {
            method: self.method.clone(),
            url: self.url.clone(),
            headers,
            body: Bytes::from(self.body.clone()),
            proxy: self.proxy.clone(),
        }
    }

    fn head(&self) -> ResponseHead {
        ResponseHead {
            status: self.status.unwrap_or(200),
            reason: self.reason.clone(),
            version: self.version.clone(),
            headers: self.response_headers.clone(),
            remote_addr: None,
        }
    }

    pub fn outcome(&self) -> Outcome {
        let timing = Timing {
            started_at: at(T0),
            headers_after: Some(self.elapsed),
            total: self.elapsed,
        };
        if let Some((kind, phase, message)) = &self.failure {
            return Outcome::Failure(Box::new(Failure {
                kind: *kind,
                phase: *phase,
                message: message.clone(),
                chain: self.chain.clone(),
                io_kind: self.io_kind,
                request: Some(self.sent()),
                hops: self.hops.clone(),
                response: self.status.map(|_| self.head()),
                resolved: self.resolved.clone(),
                limit: self.limit,
                timing,
            }));
        }
        Outcome::Response(std::sync::Arc::new(Exchange {
            request: self.sent(),
            hops: self.hops.clone(),
            response: Response {
                head: self.head(),
                body: Bytes::from(self.response_body.clone()),
                wire_bytes: self.response_body.len() as u64,
                spilled: None,
            },
            timing,
        }))
    }
}

/// `host[:port]` as the engine writes the Host header.
fn authority(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .map(|u| match (u.host_str(), u.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_owned(),
            _ => String::new(),
        })
        .unwrap_or_default()
}

/// A redirect hop from `from` to `to`.
pub fn hop(method: &str, from: &str, status: u16, to: &str) -> Hop {
    Hop {
        request: Ex::new(method, from).sent(),
        response: ResponseHead {
            status,
            reason: String::new(),
            version: "HTTP/1.1".to_owned(),
            headers: vec![("location".to_owned(), to.to_owned())],
            remote_addr: None,
        },
        location: to.to_owned(),
        method_changed: false,
        body_dropped: false,
        stripped_headers: Vec::new(),
    }
}

/// `ex` after redirects along `urls`: a GET hop with `status` from each URL to the next.
pub fn redirected(urls: &[&str], status: u16, mut ex: Ex) -> Ex {
    for pair in urls.windows(2) {
        ex = ex.hop(hop("GET", pair[0], status, pair[1]));
    }
    ex
}

/// The checklist one second after the exchange, in UTC, with no request-as-written.
pub fn diag(ex: &Ex) -> Checklist {
    diag_full(ex, None, None, &[], at(T0 + 1))
}

pub fn diag_at(ex: &Ex, now: SystemTime) -> Checklist {
    diag_full(ex, None, None, &[], now)
}

pub fn diag_history(ex: &Ex, history: &[HistoryEntry]) -> Checklist {
    diag_full(ex, None, None, history, at(T0 + 1))
}

pub fn diag_full(
    ex: &Ex,
    written: Option<&crate::request::Written>,
    collection: Option<&crate::collection::Collection>,
    history: &[HistoryEntry],
    now: SystemTime,
) -> Checklist {
    let outcome = ex.outcome();
    diagnose(
        &Input {
            written,
            collection,
            history,
            ..input(&outcome)
        },
        &Clock::utc(now),
    )
}

/// The input of a diagnosis of `outcome` and nothing else: no request as written, no
/// collection, history, cookie jar or API description (set what a test needs over it).
pub fn input(outcome: &crate::http::Outcome) -> Input<'_> {
    Input {
        written: None,
        outcome: Ok(outcome),
        collection: None,
        history: &[],
        expired_cookies: None,
        api: None,
    }
}

/// A history entry: `ex` finished `secs_ago` seconds before T0.
pub fn past(ex: &Ex, secs_ago: u64) -> HistoryEntry {
    let mut entry = HistoryEntry::of(&ex.outcome(), None).expect("the factory always has a request");
    entry.at = at(T0 - secs_ago);
    entry
}

/// The check with `id`; panics with the whole checklist when it is missing.
pub fn check<'a>(checklist: &'a Checklist, id: &str) -> &'a Check {
    checklist
        .checks
        .iter()
        .find(|c| c.id() == id)
        .unwrap_or_else(|| panic!("no {id} in {:#?}", checklist.checks))
}

pub fn absent(checklist: &Checklist, id: &str) -> bool {
    checklist.checks.iter().all(|c| c.id() != id)
}

/// One named case of a rule table.
pub struct Case {
    pub name: &'static str,
    pub ex: Ex,
    pub id: &'static str,
    pub verdict: Verdict,
    /// Text the evidence must contain.
    pub evidence: &'static str,
    /// Earlier exchanges of the session the case is diagnosed against.
    pub history: Vec<HistoryEntry>,
}

impl Case {
    /// The same case, diagnosed after `history`.
    pub fn after(mut self, history: Vec<HistoryEntry>) -> Self {
        self.history = history;
        self
    }
}

pub fn case(name: &'static str, ex: Ex, id: &'static str, verdict: Verdict, evidence: &'static str) -> Case {
    Case {
        name,
        ex,
        id,
        verdict,
        evidence,
        history: Vec::new(),
    }
}

/// Runs a table: every case must produce its verdict with its evidence.
pub fn run(cases: Vec<Case>) {
    let mut failures = Vec::new();
    for c in cases {
        let list = diag_history(&c.ex, &c.history);
        match list.checks.iter().find(|k| k.id() == c.id) {
            None => failures.push(format!(
                "{}: no {} (got {:?})",
                c.name,
                c.id,
                list.checks.iter().map(Check::id).collect::<Vec<_>>()
            )),
            Some(k) if k.verdict != c.verdict || !k.evidence.contains(c.evidence) => failures.push(format!(
                "{}: {} is {:?} «{}», expected {:?} containing «{}»",
                c.name, c.id, k.verdict, k.evidence, c.verdict, c.evidence
            )),
            Some(_) => {}
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Runs a table of cases where the rule must not apply.
pub fn run_absent(cases: Vec<(&'static str, Ex, &'static str)>) {
    let failures: Vec<String> = cases
        .into_iter()
        .filter_map(|(name, ex, id)| {
            let list = diag(&ex);
            (!absent(&list, id)).then(|| format!("{name}: {id} should not apply, got {:?}", check(&list, id)))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// No environment variables at all.
pub struct NoEnv;

impl crate::template::EnvLookup for NoEnv {
    fn lookup(&self, _name: &str) -> Option<(String, crate::template::Origin)> {
        None
    }
}

/// A collection parsed from `yaml` and its request `name` prepared under `environment`: the
/// request as written, for rules that ask where a value came from.
pub fn prepared(
    yaml: &str,
    name: &str,
    environment: Option<&str>,
) -> (crate::collection::Collection, crate::request::Written) {
    let (collection, prepared) = crate::request::prepared_from_yaml(yaml, name, environment, &NoEnv);
    (collection, prepared.written)
}

/// The checklist of `ex` sent from request `name` of the collection `yaml`, one second after.
pub fn diag_written(ex: &Ex, yaml: &str, name: &str, environment: Option<&str>) -> Checklist {
    let (collection, written) = prepared(yaml, name, environment);
    diag_full(ex, Some(&written), Some(&collection), &[], at(T0 + 1))
}

/// Runs `look` on the facts of `ex` (sent from `written`, if given), one second after.
pub fn with_facts<R>(
    ex: &Ex,
    written: Option<&crate::request::Written>,
    look: impl FnOnce(&super::facts::Facts<'_>) -> R,
) -> R {
    let outcome = ex.outcome();
    let clock = Clock::utc(at(T0 + 1));
    let input = Input {
        written,
        outcome: Ok(&outcome),
        collection: None,
        history: &[],
        expired_cookies: None,
        api: None,
    };
    look(&super::facts::Facts::new(&input, &clock))
}
