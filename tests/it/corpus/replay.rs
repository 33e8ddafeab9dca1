//! A corpus entry replayed through the real pipeline: its request is loaded as a collection,
//! prepared as a send prepares it and put on the wire as the engine would put it, the redirects
//! are followed as the engine follows them, and the recorded response or failure takes the
//! place of the network. What reaches `diagnose` is what a real send of this request would
//! have handed it.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use apibench::collection::{Collection, RequestPath, Variables, parse_collection};
use apibench::diagnosis::{Checklist, Clock, HistoryEntry, Input, diagnose};
use apibench::format::parse_duration;
use apibench::http::{
    Exchange, Failure, FailureKind, Hop, Outcome, Phase, Response, ResponseHead, SentRequest, Timing, as_sent,
};
use apibench::request::{Context, PrepareError, Prepared, prepare};
use apibench::template::{EnvLookup, NoResponses, Origin};
use bytes::Bytes;
use serde_yaml::{Mapping, Value};
use url::Url;

use super::format::{Earlier, Entry, FailureSpec, Headers, Redirect, ResponseSpec};

/// 2026-11-26 08:00:00 UTC: when every corpus exchange starts.
pub const STARTED_AT: u64 = 1_795_680_000;

pub fn started_at() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(STARTED_AT)
}

/// The process environment an entry describes.
struct EntryEnv<'a>(&'a indexmap::IndexMap<String, String>);

impl EnvLookup for EntryEnv<'_> {
    fn lookup(&self, name: &str) -> Option<(String, Origin)> {
        self.0.get(name).map(|v| (v.clone(), Origin::ProcessEnv))
    }
}

/// The entry's checklist, or why the entry itself is broken. `file` is the corpus file, whose
/// folder `file:` bodies are read relative to.
pub fn checklist(entry: &Entry, file: &Path) -> Result<Checklist, String> {
    let collection = collection(entry, file)?;
    let (path, request) = collection
        .requests()
        .pop()
        .ok_or_else(|| "the collection has no request".to_owned())?;
    let env = EntryEnv(&entry.env);
    let overrides = Variables::new();
    let context = Context {
        collection: &collection,
        environment: entry.environment.as_deref(),
        overrides: &overrides,
        captured: &apibench::collection::Variables::new(),
        env: &env,
        responses: &NoResponses,
    };
    let elapsed = duration(entry.elapsed.as_deref(), "120ms")?;
    let clock = Clock::utc(started_at() + elapsed + duration(entry.later.as_deref(), "1s")?);
    let history = entry
        .earlier
        .iter()
        .map(|e| earlier(e, &collection, &context))
        .collect::<Result<Vec<_>, _>>()?;
    let prepared: Result<Prepared, PrepareError> = prepare(&context, &path, request);
    let list = match prepared {
        Err(error) => diagnose(
            &Input {
                written: None,
                outcome: Err(&error),
                collection: Some(&collection),
                history: &history,
                expired_cookies: None,
                api: None,
            },
            &clock,
        ),
        Ok(prepared) => {
            let outcome = outcome(entry, &prepared, elapsed)?;
            diagnose(
                &Input {
                    written: Some(&prepared.written),
                    outcome: Ok(&outcome),
                    collection: Some(&collection),
                    history: &history,
                    expired_cookies: None,
                    api: None,
                },
                &clock,
            )
        }
    };
    Ok(list)
}

/// The entry's request, siblings, variables and defaults as one collection file.
fn collection(entry: &Entry, file: &Path) -> Result<Collection, String> {
    let mut top = Mapping::new();
    top.insert("name".into(), Value::String(collection_name(file)));
    for (key, value) in [
        ("variables", &entry.variables),
        ("environments", &entry.environments),
        ("defaults", &entry.defaults),
    ] {
        if let Some(value) = value {
            top.insert(key.into(), value.clone());
        }
    }
    let mut request = entry.request.clone();
    let Value::Mapping(map) = &mut request else {
        return Err("`request` is not a mapping".to_owned());
    };
    if !map.contains_key("name") {
        map.insert("name".into(), Value::String(entry.name.replace('/', " ")));
    }
    let mut requests = entry.siblings.clone();
    requests.push(request);
    top.insert("requests".into(), Value::Sequence(requests));
    let text = serde_yaml::to_string(&Value::Mapping(top)).map_err(|e| e.to_string())?;
    parse_collection(&text, file).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!("the request does not load:\n{}\n---\n{text}", lines.join("\n"))
    })
}

fn collection_name(file: &Path) -> String {
    file.file_stem()
        .map_or_else(|| "corpus".to_owned(), |s| s.to_string_lossy().into_owned())
}

fn duration(text: Option<&str>, default: &str) -> Result<Duration, String> {
    let text = text.unwrap_or(default);
    parse_duration(text).map_err(|e| format!("`{text}`: {e}"))
}

fn timing(elapsed: Duration) -> Timing {
    Timing {
        started_at: started_at(),
        headers_after: Some(elapsed),
        total: elapsed,
    }
}

/// What a send of the prepared request would have come back with, given the entry's record.
fn outcome(entry: &Entry, prepared: &Prepared, elapsed: Duration) -> Result<Outcome, String> {
    let mut sent = match as_sent(&prepared.request) {
        Ok(sent) => sent,
        Err((refusal, sent)) => {
            return Ok(Outcome::Failure(Box::new(Failure {
                kind: refusal.kind(),
                phase: Phase::Build,
                message: refusal.to_string(),
                chain: Vec::new(),
                io_kind: None,
                request: sent,
                hops: Vec::new(),
                response: None,
                resolved: Vec::new(),
                limit: None,
                timing: timing(elapsed),
            })));
        }
    };
    let mut hops = Vec::new();
    for redirect in &entry.redirects {
        let (hop, next) = follow(&sent, redirect)?;
        hops.push(hop);
        sent = next;
    }
    match (&entry.response, &entry.failure) {
        (Some(response), None) => Ok(Outcome::Response(std::sync::Arc::new(Exchange {
            request: sent,
            hops,
            response: response_of(response)?,
            timing: timing(elapsed),
        }))),
        (None, Some(failure)) => Ok(Outcome::Failure(Box::new(failure_of(
            failure, sent, hops, elapsed,
        )?))),
        _ => Err("an exchange has exactly one of `response` and `failure`".to_owned()),
    }
}

fn head_of(spec: &ResponseSpec) -> ResponseHead {
    ResponseHead {
        status: spec.status,
        reason: spec.reason.clone().unwrap_or_else(|| {
            reqwest::StatusCode::from_u16(spec.status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("")
                .to_owned()
        }),
        version: spec.version.clone().unwrap_or_else(|| "HTTP/1.1".to_owned()),
        headers: spec.headers.pairs(),
        remote_addr: None,
    }
}

fn response_of(spec: &ResponseSpec) -> Result<Response, String> {
    let body = match &spec.body {
        None | Some(Value::Null) => Bytes::new(),
        Some(Value::String(text)) => Bytes::from(text.clone()),
        Some(structured) => Bytes::from(serde_json::to_vec(structured).map_err(|e| e.to_string())?),
    };
    Ok(Response {
        head: head_of(spec),
        wire_bytes: body.len() as u64,
        spilled: None,
        body,
    })
}

fn failure_of(
    spec: &FailureSpec,
    sent: SentRequest,
    hops: Vec<Hop>,
    elapsed: Duration,
) -> Result<Failure, String> {
    let kind = match spec.kind.as_str() {
        "invalid_url" => FailureKind::InvalidUrl,
        "dns" => FailureKind::Dns,
        "connect" => FailureKind::Connect,
        "reset" => FailureKind::Reset,
        "tls" => FailureKind::Tls,
        "timeout" => FailureKind::Timeout,
        "redirect_loop" => FailureKind::RedirectLoop,
        "body_too_large" => FailureKind::BodyTooLarge,
        "other" => FailureKind::Other,
        other => return Err(format!("unknown failure kind `{other}`")),
    };
    let phase = match spec.phase.as_str() {
        "build" => Phase::Build,
        "connect" => Phase::Connect,
        "waiting" => Phase::WaitingForResponse,
        "reading" => Phase::ReadingBody,
        other => return Err(format!("unknown phase `{other}`")),
    };
    let io_kind = spec.io.as_deref().map(io_kind).transpose()?;
    let resolved = spec
        .resolved
        .iter()
        .map(|a| a.parse().map_err(|e| format!("address `{a}`: {e}")))
        .collect::<Result<Vec<_>, String>>()?;
    let limit = spec.limit.as_deref().map(|l| duration(Some(l), "")).transpose()?;
    let mut chain = spec.chain.clone();
    if chain.is_empty() {
        chain.push(spec.message.clone());
    }
    Ok(Failure {
        kind,
        phase,
        message: spec.message.clone(),
        chain,
        io_kind,
        request: Some(sent),
        hops,
        response: spec.response.as_ref().map(head_of),
        resolved,
        limit,
        timing: timing(elapsed),
    })
}

fn io_kind(name: &str) -> Result<std::io::ErrorKind, String> {
    use std::io::ErrorKind as K;
    Ok(match name {
        "ConnectionRefused" => K::ConnectionRefused,
        "ConnectionReset" => K::ConnectionReset,
        "ConnectionAborted" => K::ConnectionAborted,
        "NotConnected" => K::NotConnected,
        "TimedOut" => K::TimedOut,
        "UnexpectedEof" => K::UnexpectedEof,
        "BrokenPipe" => K::BrokenPipe,
        "AddrNotAvailable" => K::AddrNotAvailable,
        "HostUnreachable" => K::HostUnreachable,
        "NetworkUnreachable" => K::NetworkUnreachable,
        "PermissionDenied" => K::PermissionDenied,
        "Other" => K::Other,
        other => return Err(format!("unknown io kind `{other}`")),
    })
}

/// Follows one redirect as the engine does: 303, and 301/302 after POST, turn into a GET
/// without a body; credentials stay behind when the origin changes.
fn follow(sent: &SentRequest, redirect: &Redirect) -> Result<(Hop, SentRequest), String> {
    let from = Url::parse(&sent.url).map_err(|e| format!("`{}`: {e}", sent.url))?;
    let to = from
        .join(&redirect.location)
        .map_err(|e| format!("Location `{}`: {e}", redirect.location))?;
    let method_changed = match redirect.status {
        303 => sent.method != "GET" && sent.method != "HEAD",
        301 | 302 => sent.method == "POST",
        _ => false,
    };
    let body_dropped = method_changed && !sent.body.is_empty();
    let cross_origin = from.origin() != to.origin();
    let mut headers = redirect.headers.pairs();
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("location")) {
        headers.push(("Location".to_owned(), redirect.location.clone()));
    }
    let mut stripped = Vec::new();
    let mut next_headers = Vec::new();
    for (name, value) in &sent.headers {
        let lower = name.to_ascii_lowercase();
        let credential = matches!(lower.as_str(), "authorization" | "cookie" | "proxy-authorization");
        let body_header = matches!(
            lower.as_str(),
            "content-type" | "content-length" | "content-encoding"
        );
        if cross_origin && credential {
            stripped.push(lower);
        } else if method_changed && body_header {
        } else if lower == "host" {
            next_headers.push((name.clone(), host_header(&to)));
        } else {
            next_headers.push((name.clone(), value.clone()));
        }
    }
    let next = SentRequest {
        method: if method_changed {
            "GET".to_owned()
        } else {
            sent.method.clone()
        },
        url: to.to_string(),
        headers: next_headers,
        body: if method_changed {
            Bytes::new()
        } else {
            sent.body.clone()
        },
        proxy: sent.proxy.clone(),
    };
    let hop = Hop {
        request: sent.clone(),
        response: head_of(&ResponseSpec {
            status: redirect.status,
            reason: None,
            version: None,
            headers: super::format::Headers::Pairs(
                headers.into_iter().map(|(n, v)| (n, Value::String(v))).collect(),
            ),
            body: None,
        }),
        location: to.to_string(),
        method_changed,
        body_dropped,
        stripped_headers: stripped,
    };
    Ok((hop, next))
}

fn host_header(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => String::new(),
    }
}

/// An earlier exchange of the session, as the history records it. Without `headers`, an
/// exchange of a request of the collection went out as that request prepares now — what the
/// session would have recorded.
fn earlier(spec: &Earlier, collection: &Collection, context: &Context<'_>) -> Result<HistoryEntry, String> {
    let prepared_as = spec
        .request
        .as_ref()
        .filter(|_| matches!(spec.headers, Headers::None))
        .and_then(|name| {
            let path = RequestPath::parse(name);
            let request = collection.find(&path)?;
            let prepared = prepare(context, &path, request).ok()?;
            as_sent(&prepared.request).ok()
        });
    let ago = duration(Some(&spec.ago), "")?;
    let elapsed = duration(spec.elapsed.as_deref(), "120ms")?;
    let failure = spec
        .failure
        .as_deref()
        .map(|kind| match kind {
            "dns" => Ok(FailureKind::Dns),
            "connect" => Ok(FailureKind::Connect),
            "timeout" => Ok(FailureKind::Timeout),
            "tls" => Ok(FailureKind::Tls),
            "reset" => Ok(FailureKind::Reset),
            other => Err(format!("unknown earlier failure `{other}`")),
        })
        .transpose()?;
    Ok(HistoryEntry {
        at: started_at() - ago + elapsed,
        request: spec.request.as_ref().map(|name| {
            let path = RequestPath::parse(name);
            format!("{}/{path}", collection.name)
        }),
        sent: SentRequest {
            method: spec.method.clone(),
            url: spec.url.clone(),
            headers: prepared_as
                .as_ref()
                .map_or_else(|| spec.headers.pairs(), |s| s.headers.clone()),
            body: prepared_as.map_or_else(Bytes::new, |s| s.body),
            proxy: None,
        },
        status: spec.status,
        failure,
        elapsed,
        content_type: spec.content_type.clone(),
        etag: None,
        location: None,
    })
}
