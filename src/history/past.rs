//! A stored exchange read back into the shapes the panes draw — the exchange and its
//! checklist — so a past response opens where a live one does. What comes back is what was
//! stored: masked where the record is masked, the body cut where it was cut, the checklist
//! as it was judged then (checks this build no longer knows are left out).

use std::time::{Duration, SystemTime};

use base64::Engine as _;
use serde_json::Value;

use crate::diagnosis::{Check, Checklist};
use crate::http::{Exchange, Response, ResponseHead, SentRequest, Timing};

/// The exchange and checklist of a stored record that holds a response; `None` for one that
/// failed before a response (there is nothing for the response pane to show).
pub fn read_back(record: &Value, at: SystemTime) -> Option<(Exchange, Checklist)> {
    let response = record.get("response").filter(|r| r.is_object())?;
    let request = &record["request"];
    let exchange = Exchange {
        request: SentRequest {
            method: text(&request["method"]),
            url: text(&request["url"]),
            headers: headers(&request["headers"]),
            body: body(request).into(),
            proxy: None,
        },
        hops: Vec::new(),
        response: Response {
            head: ResponseHead {
                status: u16::try_from(response["status"].as_u64()?).ok()?,
                reason: text(&response["reason"]),
                version: text(&response["http_version"]),
                headers: headers(&response["headers"]),
                remote_addr: None,
            },
            body: body(response).into(),
            wire_bytes: response["body_bytes"].as_u64().unwrap_or(0),
            spilled: None,
        },
        timing: Timing {
            started_at: at,
            headers_after: None,
            total: Duration::from_secs_f64(response["elapsed_ms"].as_f64().unwrap_or(0.0).max(0.0) / 1000.0),
        },
    };
    let diagnosis = &record["diagnosis"];
    let checks = diagnosis["checks"]
        .as_array()
        .map(|checks| {
            checks
                .iter()
                .filter_map(|c| {
                    Check::restored(
                        c["id"].as_str()?,
                        c["label"].as_str()?,
                        c["verdict"].as_str()?,
                        c["evidence"].as_str().unwrap_or_default(),
                        c["severity"].as_str(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let checklist = Checklist {
        title: text(&diagnosis["title"]),
        summary: text(&diagnosis["summary"]),
        checks,
        tips: diagnosis["tips"]
            .as_array()
            .map(|tips| tips.iter().map(text).collect())
            .unwrap_or_default(),
    };
    Some((exchange, checklist))
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn headers(value: &Value) -> Vec<(String, String)> {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

/// `body` as text, or `body_base64` decoded.
fn body(side: &Value) -> Vec<u8> {
    match (side["body"].as_str(), side["body_base64"].as_str()) {
        (Some(text), _) => text.as_bytes().to_vec(),
        (None, Some(encoded)) => base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .unwrap_or_default(),
        (None, None) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_stored_response_comes_back_with_its_checklist_as_judged() {
        let record = json!({
            "request": {"method": "GET", "url": "http://x/v1/me", "headers": [["authorization", "Bearer ****"]], "body": null, "body_base64": null},
            "response": {"status": 401, "reason": "Unauthorized", "http_version": "HTTP/1.1", "elapsed_ms": 12.5,
                "headers": [["content-type", "application/json"]], "body": "{\"error\":\"x\"}", "body_base64": null, "body_bytes": 13},
            "error": null,
            "diagnosis": {"title": "401 Unauthorized", "summary": "Not accepted.", "tips": ["Check the token."],
                "checks": [
                    {"id": "401.creds-sent", "label": "Credentials were sent", "verdict": "pass", "evidence": "Authorization: Bearer **** was sent", "severity": null},
                    {"id": "401.challenge", "label": "The server's challenge raises no error", "verdict": "fail", "evidence": "invalid_token", "severity": "likely"},
                    {"id": "C.stated-reason", "label": "The server states no reason of its own", "verdict": "fail", "evidence": "Server says \"x\" — because ✘ The server's challenge raises no error (401.challenge)", "severity": "likely"},
                    {"id": "9.no-such-check", "label": "Gone", "verdict": "fail", "evidence": "", "severity": null}
                ]},
        });
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let (exchange, checklist) = read_back(&record, at).unwrap();
        assert_eq!(exchange.response.head.status, 401);
        assert_eq!(&exchange.response.body[..], b"{\"error\":\"x\"}");
        assert_eq!(exchange.request.header("authorization"), Some("Bearer ****"));
        assert_eq!(exchange.timing.started_at, at);
        assert_eq!(exchange.timing.total, Duration::from_micros(12_500));
        assert_eq!(checklist.title, "401 Unauthorized");
        let ids: Vec<&str> = checklist.checks.iter().map(Check::id).collect();
        assert_eq!(
            ids,
            ["401.creds-sent", "401.challenge", "C.stated-reason"],
            "an unknown check is left out"
        );
        assert_eq!(
            checklist.problems(),
            1,
            "a symptom is counted with its cause, as it was"
        );
        assert_eq!(checklist.tips, ["Check the token."]);

        let failed = json!({"request": {"method": "GET", "url": "http://x/"}, "response": null, "error": {"kind": "timeout"}});
        assert!(read_back(&failed, at).is_none());
    }
}
