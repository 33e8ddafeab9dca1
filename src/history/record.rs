//! The one serialized form of a finished request — what was sent and came back, every
//! expectation checked, the checklist — as `run --output json` prints it, the reports
//! embed it and the history stores it. Its shape is the contract of docs/cli.md and
//! docs/run-output.schema.json (`"schema": 1`): every key always present, credentials
//! masked unless asked, including where the server echoed them back.

use std::time::Duration;

use serde_json::{Map, Value, json};

use crate::diagnosis::Checklist;
use crate::expectation::Checked;
use crate::http::{Outcome, SentRequest};
use crate::request::PrepareError;
use crate::secrets;

/// The version of the document's shape.
pub const SCHEMA: u64 = 1;

/// Bodies are cut here, with `"body_truncated": true`.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// A retry (or a refusal to retry) before the result kept.
#[derive(Debug, Clone)]
pub struct Attempt {
    /// What came and why it was (not) sent again.
    pub why: String,
    pub waited: Duration,
}

/// Everything one result needs, borrowed from the run.
#[derive(Debug)]
pub struct ResultView<'a> {
    /// `Demo API/Admin/Delete user`.
    pub full_path: String,
    pub name: &'a str,
    /// As written, for requests that could not be prepared.
    pub written_method: &'a str,
    pub written_url: &'a str,
    pub outcome: Result<&'a Outcome, &'a PrepareError>,
    pub checklist: &'a Checklist,
    /// Every expectation checked, met or not.
    pub checked: &'a [Checked],
    pub attempts: &'a [Attempt],
    pub show_secrets: bool,
}

impl ResultView<'_> {
    /// `url` with its credentials masked, unless `--show-secrets` asked for them.
    pub fn shown_url(&self, url: &str) -> String {
        if self.show_secrets {
            url.to_owned()
        } else {
            secrets::mask_url(url)
        }
    }

    pub fn met(&self) -> bool {
        self.checked.iter().all(|c| c.met)
    }
}

/// Response bodies up to this size are read for credentials they hand out.
pub const SCANNED_FOR_SECRETS: usize = 256 * 1024;

/// The credentials a finished request carried — in what it sent, and in credential-named
/// fields of what came back (the `token` a login returns) — to mask wherever they appear.
pub fn secrets_of(outcome: Result<&Outcome, &PrepareError>) -> Vec<String> {
    let mut found = match outcome.ok().and_then(Outcome::sent) {
        Some(request) => {
            let body = String::from_utf8_lossy(&request.body);
            secrets::carried(
                &request.url,
                &request.headers,
                &body,
                request.header("content-type"),
            )
        }
        None => Vec::new(),
    };
    // A body that hands out a token is small; a large one is data, and reading it whole as
    // JSON (on the UI thread, after every send) cost a 5 MB body 0.1 s and 60 MB.
    if let Ok(Outcome::Response(exchange)) = outcome
        && exchange.response.body.len() <= SCANNED_FOR_SECRETS
        && exchange.response.body_is_whole()
    {
        let body = String::from_utf8_lossy(&exchange.response.body);
        found.extend(secrets::in_body(&body, exchange.response.header("content-type")));
        found.sort_by_key(|s| std::cmp::Reverse(s.len()));
        found.dedup();
    }
    found
}

/// `known` with `more` added: longest first, each once (what [`secrets_of`] found in one
/// exchange joining what the run or session found before — a token a login returned is
/// masked in every later request that sends it, whatever the header is called).
pub fn with_secrets(mut known: Vec<String>, more: &[String]) -> Vec<String> {
    known.extend(more.iter().cloned());
    known.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    known.dedup();
    known
}

/// One result as the document holds it, masked unless `view.show_secrets`; `secrets` are
/// the values [`secrets_of`] found.
pub fn result_json(view: &ResultView<'_>, secrets: &[String]) -> Value {
    let mut value = result(view);
    if !view.show_secrets {
        mask_strings(&mut value, secrets);
        // A body that is not text is base64, where no text search sees a secret: masked in
        // its bytes.
        for side in ["request", "response"] {
            if let Some(encoded) = value[side]["body_base64"].as_str() {
                use base64::Engine as _;
                let engine = base64::engine::general_purpose::STANDARD;
                if let Ok(bytes) = engine.decode(encoded) {
                    let masked = secrets::mask_echoed_bytes(&bytes, secrets);
                    value[side]["body_base64"] = json!(engine.encode(masked));
                }
            }
        }
    }
    value
}

/// Masks every credential the request carried wherever it appears in its result (a body
/// that echoes the Authorization header, a checklist quoting it).
pub fn mask_strings(value: &mut Value, secrets: &[String]) {
    if secrets.is_empty() {
        return;
    }
    match value {
        Value::String(text) => {
            let masked = secrets::mask_echoes(text, secrets);
            if masked != *text {
                *text = masked;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| mask_strings(v, secrets)),
        Value::Object(map) => map.values_mut().for_each(|v| mask_strings(v, secrets)),
        _ => {}
    }
}

fn result(view: &ResultView<'_>) -> Value {
    let (request, response, error) = match view.outcome {
        Err(prepare_error) => (
            written_json(view),
            Value::Null,
            json!({"kind": "template", "message": prepare_error.to_string()}),
        ),
        Ok(outcome) => {
            let request = match outcome.sent() {
                Some(sent) => sent_json(view, sent),
                None => written_json(view),
            };
            match outcome {
                Outcome::Response(exchange) => {
                    let r = &exchange.response;
                    let mut response = Map::new();
                    response.insert("status".into(), json!(r.head.status));
                    response.insert("reason".into(), json!(r.head.reason));
                    response.insert("http_version".into(), json!(r.head.version));
                    response.insert("elapsed_ms".into(), json!(elapsed_ms(exchange.timing.total)));
                    let headers: Vec<(String, String)> = if view.show_secrets {
                        r.head.headers.clone()
                    } else {
                        secrets::mask_headers(&r.head.headers)
                    };
                    response.insert("headers".into(), headers_json(&headers));
                    body_fields(&mut response, &r.body);
                    if !r.body_is_whole() {
                        // Its start is all that was held (and past the cut already).
                        response.insert("body_truncated".into(), json!(true));
                    }
                    response.insert("body_bytes".into(), json!(r.body_len()));
                    (request, Value::Object(response), Value::Null)
                }
                Outcome::Failure(failure) => (
                    request,
                    Value::Null,
                    json!({"kind": failure.kind.as_str(), "message": failure.message}),
                ),
            }
        }
    };
    json!({
        "path": view.full_path,
        "request": request,
        "response": response,
        "error": error,
        "expectation_met": view.met(),
        "expectations": view.checked.iter().map(|c| json!({
            "what": c.what,
            "expected": c.expected,
            "actual": c.actual,
            "met": c.met,
        })).collect::<Vec<_>>(),
        "retries": view.attempts.iter().map(|a| json!({
            "why": a.why,
            "waited_ms": elapsed_ms(a.waited),
        })).collect::<Vec<_>>(),
        "needed_by": null,
        "diagnosis": checklist_json(view.checklist),
    })
}

/// The request as written, for one that never reached the wire.
fn written_json(view: &ResultView<'_>) -> Value {
    json!({
        "name": view.name,
        "path": view.full_path,
        "method": view.written_method,
        "url": view.shown_url(view.written_url),
        "headers": [],
        "body": null,
        "body_base64": null,
        "body_truncated": false,
    })
}

fn sent_json(view: &ResultView<'_>, sent: &SentRequest) -> Value {
    let headers: Vec<(String, String)> = if view.show_secrets {
        sent.headers.clone()
    } else {
        secrets::mask_headers(&sent.headers)
    };
    let mut request = Map::new();
    request.insert("name".into(), json!(view.name));
    request.insert("path".into(), json!(view.full_path));
    request.insert("method".into(), json!(sent.method));
    request.insert("url".into(), json!(view.shown_url(&sent.url)));
    request.insert("headers".into(), headers_json(&headers));
    if sent.body.is_empty() {
        body_fields(&mut request, &[]);
        request.insert("body".into(), Value::Null);
    } else if view.show_secrets {
        body_fields(&mut request, &sent.body);
    } else {
        match std::str::from_utf8(&sent.body) {
            Ok(text) => {
                let masked = secrets::mask_body(text, sent.header("content-type"));
                body_fields(&mut request, masked.as_bytes());
            }
            Err(_) => body_fields(&mut request, &sent.body),
        }
    }
    Value::Object(request)
}

/// Header names lowercased (as HTTP/2 and the contract show them), order kept.
fn headers_json(headers: &[(String, String)]) -> Value {
    Value::Array(
        headers
            .iter()
            .map(|(n, v)| json!([n.to_ascii_lowercase(), v]))
            .collect(),
    )
}

/// `body` as text when it is UTF-8, else `body_base64`; cut at [`BODY_LIMIT`]. All three
/// keys are always there.
fn body_fields(target: &mut Map<String, Value>, body: &[u8]) {
    let truncated = body.len() > BODY_LIMIT;
    target.insert("body".into(), Value::Null);
    target.insert("body_base64".into(), Value::Null);
    target.insert("body_truncated".into(), json!(truncated));
    let mut cut = &body[..body.len().min(BODY_LIMIT)];
    match std::str::from_utf8(cut) {
        Ok(text) => {
            target.insert("body".into(), json!(text));
        }
        Err(e) if truncated && e.error_len().is_none() => {
            // The cut fell inside a UTF-8 sequence: back off to the last whole character.
            cut = &cut[..e.valid_up_to()];
            target.insert("body".into(), json!(std::str::from_utf8(cut).unwrap_or_default()));
        }
        Err(_) => {
            use base64::Engine as _;
            target.insert("body".into(), Value::Null);
            target.insert(
                "body_base64".into(),
                json!(base64::engine::general_purpose::STANDARD.encode(cut)),
            );
        }
    }
}

pub fn elapsed_ms(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 10_000.0).round() / 10.0
}

pub fn checklist_json(checklist: &Checklist) -> Value {
    json!({
        "title": checklist.title,
        "summary": checklist.summary,
        "checks": checklist.checks.iter().map(|c| {
            let mut check = Map::new();
            check.insert("id".into(), json!(c.id()));
            check.insert("label".into(), json!(c.label));
            check.insert("verdict".into(), json!(c.verdict.as_str()));
            check.insert("evidence".into(), json!(c.evidence));
            check.insert("severity".into(), json!(c.severity.map(crate::diagnosis::Severity::as_str)));
            check.insert("cite".into(), json!(c.cite));
            Value::Object(check)
        }).collect::<Vec<_>>(),
        "tips": checklist.tips,
    })
}

/// How a line of [`described`] reads: plain, a miss (an unmet expectation, a failure, a
/// failing check), or quiet (the body).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Miss,
    Quiet,
}

/// Lines of body [`described`] shows, each cut at this many characters.
const DESCRIBED_BODY_LINES: usize = 12;
const DESCRIBED_LINE_CHARS: usize = 200;

/// A stored result for people, as `apibench history show` and the TUI's past exchanges show
/// it: what was sent, the unmet expectations, the status (or the failure), the checklist's
/// failing checks with their evidence, the start of the body. The text is as stored: the
/// caller makes it safe for its screen.
pub fn described(record: &Value) -> Vec<(Tone, String)> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let mut lines = vec![(
        Tone::Plain,
        format!(
            "{} {}",
            text(&record["request"]["method"]),
            text(&record["request"]["url"])
        ),
    )];
    for e in record["expectations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["met"] == false)
    {
        lines.push((
            Tone::Miss,
            format!(
                "✘ {}: expected {}, got {}",
                text(&e["what"]),
                text(&e["expected"]),
                text(&e["actual"])
            ),
        ));
    }
    let response = &record["response"];
    if response.is_object() {
        lines.push((
            Tone::Plain,
            format!(
                "{} {} · {} ms · {}",
                response["status"],
                text(&response["reason"]),
                response["elapsed_ms"],
                crate::format::bytes(response["body_bytes"].as_u64().unwrap_or(0))
            ),
        ));
    } else {
        lines.push((
            Tone::Miss,
            format!(
                "✘ {}: {}",
                text(&record["error"]["kind"]),
                text(&record["error"]["message"])
            ),
        ));
    }
    let d = &record["diagnosis"];
    lines.push((
        Tone::Plain,
        format!("{} — {}", text(&d["title"]), text(&d["summary"])),
    ));
    for c in d["checks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["verdict"] == "fail")
    {
        lines.push((Tone::Miss, format!("  ✘ {}", text(&c["label"]))));
        lines.push((Tone::Plain, format!("    {}", text(&c["evidence"]))));
    }
    if let Some(body) = response["body"].as_str() {
        for line in body.lines().take(DESCRIBED_BODY_LINES) {
            let mut shown: String = line.chars().take(DESCRIBED_LINE_CHARS).collect();
            if shown.len() < line.len() {
                shown.push('…');
            }
            lines.push((Tone::Quiet, format!("│ {shown}")));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_text_base64_or_truncated() {
        let mut m = Map::new();
        body_fields(&mut m, b"hello");
        assert_eq!(m["body"], "hello");
        let mut m = Map::new();
        body_fields(&mut m, &[0xff, 0x00]);
        assert_eq!(m["body"], Value::Null);
        assert_eq!(m["body_base64"], "/wA=");
        assert_eq!(m["body_truncated"], false);
        let mut m = Map::new();
        let big = "é".repeat(BODY_LIMIT); // two bytes each, BODY_LIMIT even: the cut lands between two
        body_fields(&mut m, big.as_bytes());
        assert_eq!(m["body_truncated"], true);
        assert_eq!(m["body"].as_str().unwrap().len(), BODY_LIMIT);
    }

    #[test]
    fn a_cut_inside_a_character_backs_off_to_the_last_whole_one() {
        // One ASCII byte first shifts every "é" to an odd offset, so byte BODY_LIMIT - 1 is
        // the first half of one: the text stops just before it instead of turning to base64.
        let big = format!("a{}", "é".repeat(BODY_LIMIT / 2));
        assert_eq!(big.len(), BODY_LIMIT + 1);
        let mut m = Map::new();
        body_fields(&mut m, big.as_bytes());
        assert_eq!(m["body_truncated"], true);
        assert_eq!(m["body_base64"], Value::Null);
        assert_eq!(m["body"].as_str().unwrap().len(), BODY_LIMIT - 1);
    }

    #[test]
    fn elapsed_has_one_decimal() {
        assert!((elapsed_ms(std::time::Duration::from_micros(3249)) - 3.2).abs() < f64::EPSILON);
    }

    #[test]
    fn a_stored_result_is_described_with_its_misses_marked() {
        let record = json!({
            "request": {"method": "GET", "url": "http://x/me"},
            "expectations": [{"what": "status", "expected": "200", "actual": "401", "met": false}],
            "response": {"status": 401, "reason": "Unauthorized", "elapsed_ms": 3.5, "body_bytes": 2, "body": "{}"},
            "diagnosis": {"title": "401 Unauthorized", "summary": "No.", "checks": [
                {"label": "Credentials were sent", "evidence": "none", "verdict": "fail"},
                {"label": "Fine", "evidence": "yes", "verdict": "pass"}
            ]},
        });
        let lines = described(&record);
        let texts: Vec<&str> = lines.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "GET http://x/me",
                "✘ status: expected 200, got 401",
                "401 Unauthorized · 3.5 ms · 2 B",
                "401 Unauthorized — No.",
                "  ✘ Credentials were sent",
                "    none",
                "│ {}",
            ]
        );
        assert_eq!(lines[1].0, Tone::Miss);
        assert_eq!(lines[6].0, Tone::Quiet);
        let failed = json!({"request": {"method": "GET", "url": "u"}, "response": null,
            "error": {"kind": "timeout", "message": "slow"}, "diagnosis": {}});
        assert_eq!(described(&failed)[1], (Tone::Miss, "✘ timeout: slow".to_owned()));
    }
}
