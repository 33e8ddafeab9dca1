//! Fuzz target: the evidence parsers the checklist reads responses with — challenges
//! (`WWW-Authenticate`, `Proxy-Authenticate`), every generation of rate-limit header,
//! `Retry-After` and HTTP dates, error bodies of every dialect, JWTs, API versions in paths,
//! negotiation headers (`Allow`, `Accept`, media types), the stated reason, intermediary
//! fingerprints, versions, field paths and the messages that name fields. The input is a
//! response as HTTP message text (`common/message.rs`): arbitrary header
//! values and bodies; none may panic or hang.

#![no_main]

use std::time::{Duration, SystemTime};

use apibench::evidence::{
    api_version, challenge, crossref, error_body, field_path, intermediary, jwt, negotiation, ratelimit,
    retry_after, stated_reason, text, versions,
};
use libfuzzer_sys::fuzz_target;

#[path = "common/message.rs"]
mod message;

use message::Message;

/// What the request sent, for the parsers that compare.
const SENT_QUERY: &[(&str, &str)] = &[("page", "2"), ("api-version", "2024-01-01"), ("user_name", "ada")];
const SENT_PATH: &str = "/v2/users/42";

/// 2026-11-25 12:00:00 UTC.
fn received_at() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_608_000)
}

fuzz_target!(|data: &[u8]| {
    let input = Message::parse(data);
    let headers = &input.headers;
    let query: Vec<(String, String)> = SENT_QUERY
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    let received_at = received_at();
    let server_date = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("date"))
        .and_then(|(_, v)| retry_after::parse_http_date(v));
    let ct = input.header("content-type");

    let challenges = challenge::parse_challenges(
        headers
            .iter()
            .filter(|(n, _)| {
                n.eq_ignore_ascii_case("www-authenticate") || n.eq_ignore_ascii_case("proxy-authenticate")
            })
            .map(|(_, v)| v.as_str()),
    );
    for c in &challenges {
        let _ = (
            c.param("error"),
            c.scopes(),
            c.is_stale(),
            c.is_connection_oriented(),
            c.is("bearer"),
        );
    }

    let limits = ratelimit::parse_rate_limits(headers, received_at, server_date);
    let _ = format!("{limits:?}");

    for (name, value) in headers {
        if let Ok(after) = retry_after::parse_retry_after(value) {
            let _ = retry_after::retry_at(after, received_at, server_date);
            let wait = retry_after::wait(after, received_at, server_date);
            let _ = retry_after::is_unusually_long(wait, Duration::from_secs(3600));
        }
        if let Some(date) = retry_after::parse_http_date(value) {
            let _ = retry_after::to_local_clock(date, received_at, server_date);
            let _ = retry_after::is_notable_skew(retry_after::clock_skew_secs(date, received_at));
        }
        let _ = ratelimit::classify_reset(value, received_at, server_date, Some(Duration::from_secs(60)));
        let _ = ratelimit::classify_reset(value, received_at, None, None);
        let _ = jwt::decode_jwt(value.strip_prefix("Bearer ").unwrap_or(value));
        let _ = negotiation::parse_allow(value);
        for range in negotiation::parse_media_list(value) {
            let _ = negotiation::media_matches(&range, ct.unwrap_or("application/json"));
        }
        let _ = negotiation::media_param(value, "charset").map(|c| negotiation::is_utf8(&c));
        let _ = negotiation::coding_accepted(value, "gzip");
        let _ = negotiation::essence(value);
        let _ = error_body::throttle_wait(value);
        let _ = field_path::display(&field_path::from_any(value));
        let _ = field_path::display_brackets(&field_path::from_json_pointer(value));
        let _ = field_path::from_dotted(value);
        let _ = crossref::expected_type(value);
        let _ = crossref::allowed_values(value);
        let _ = crossref::fields_named_in(value);
        let _ = text::clip(value);
        let _ = text::clip_reason(value);
        let _ = text::percent_decode(value);
        let _ = apibench::secrets::mask_header_value(name, value);
        let _ = apibench::sanitize::for_terminal(value, true);
    }

    let _ = api_version::in_path(SENT_PATH);
    for (_, value) in headers {
        let _ = api_version::in_path(value);
        let _ = api_version::is_version(value);
        let _ = api_version::compare(value, "v2");
    }

    let summary = error_body::parse_error_body(ct, &input.body);
    let _ = summary.soap_sender_fault();
    let json = error_body::body_json(ct, &input.body);
    let lines = error_body::json_lines(&input.body);
    let _ = error_body::parse_error_body_parsed(ct, &input.body, json.as_ref());
    let _ = error_body::reported_failure(json.as_ref(), lines.as_deref());
    let _ = error_body::reported_by_headers(headers, json.as_ref());
    if let Some(value) = &json {
        let _ = error_body::proto_duration(value);
    }
    let sent = crossref::SentData {
        json: json.as_ref(),
        form: &query,
        query: &query,
        headers,
    };
    for issue in &summary.issues {
        let _ = crossref::locate(issue, &sent);
    }
    let _ = stated_reason::stated_reason(
        input.status,
        "Bad Request",
        &input.reason,
        headers,
        &summary,
        &challenges,
    )
    .map(|r| r.source.describe());
    let _ = intermediary::fingerprint(headers, ct, &input.body);
    let _ = intermediary::fingerprint_parsed(headers, ct, &input.body, json.as_ref());
    let _ = intermediary::html_title(&String::from_utf8_lossy(&input.body));
    let _ = versions::current_version(headers, json.as_ref());
    let _ = versions::sent_version(headers, &query, json.as_ref());
});
