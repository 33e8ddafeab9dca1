//! The `run --output json` document (and `--report json=FILE`): one JSON value scripts and
//! CI can rely on. It is versioned (`"schema": 1`); every key is always present (null when
//! there is nothing to say); the shape is the contract in docs/cli.md and
//! docs/run-output.schema.json, which a test checks real output against. Changing a field
//! name breaks users: add fields, and bump `schema` for anything else.

use std::time::Duration;

use serde_json::{Map, Value, json};

use super::ran::Ran;
use super::view::ResultView;
use crate::diagnosis::Checklist;
use crate::http::{Outcome, SentRequest};
use crate::secrets;
use crate::session::Workspace;

/// The version of the document's shape.
pub const SCHEMA: u64 = 1;

/// Bodies in the JSON document are cut here, with `"body_truncated": true`.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The whole run: version, summary, load errors, results.
pub fn document(
    workspace: &Workspace,
    results: &[Ran],
    show_secrets: bool,
    took: Duration,
    interrupted: bool,
) -> Value {
    let met = results.iter().filter(|r| r.met()).count();
    json!({
        "schema": SCHEMA,
        "summary": {
            "total": results.len(),
            "met": met,
            "unmet": results.len() - met,
            "elapsed_ms": elapsed_ms(took),
            "interrupted": interrupted,
        },
        "load_errors": workspace.errors.iter().map(|e| json!({
            "file": e.path.display().to_string(),
            "line": e.line,
            "column": e.column,
            "message": e.problem.to_string(),
        })).collect::<Vec<_>>(),
        "results": results.iter().map(|r| {
            let mut value = result(&r.view(workspace, show_secrets));
            if let Some(parent) = &r.sent.needed_by {
                value["needed_by"] = json!(parent.to_string());
            }
            if !show_secrets {
                mask_strings(&mut value, &r.secrets);
            }
            value
        }).collect::<Vec<_>>(),
    })
}

/// Masks every credential the request carried wherever it appears in its result (a body
/// that echoes the Authorization header, a checklist quoting it).
fn mask_strings(value: &mut Value, secrets: &[String]) {
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
                    response.insert("body_bytes".into(), json!(r.body.len()));
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

fn elapsed_ms(d: std::time::Duration) -> f64 {
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

    /// The example in docs/cli.md is a document the shipped schema accepts, and says the
    /// version this code writes.
    #[test]
    fn the_documented_example_is_valid_against_the_shipped_schema() {
        let page = include_str!("../../docs/cli.md");
        let example = page
            .split("```json\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("docs/cli.md has a JSON example");
        let example: Value = serde_json::from_str(example).expect("the example is JSON");
        let schema: Value = serde_json::from_str(include_str!("../../docs/run-output.schema.json")).unwrap();
        let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
        let errors: Vec<String> = validator.iter_errors(&example).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(example["schema"], SCHEMA);
        assert_eq!(schema["properties"]["schema"]["const"], SCHEMA);
    }

    #[test]
    fn elapsed_has_one_decimal() {
        assert!((elapsed_ms(std::time::Duration::from_micros(3249)) - 3.2).abs() < f64::EPSILON);
    }
}
