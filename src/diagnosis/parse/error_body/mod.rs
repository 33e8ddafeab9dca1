//! Error bodies: which format the server used, and what it says, in one normalised summary.
//!
//! APIs explain failures in a dozen shapes (RFC 9457 problem details, Stripe, GitHub, Google,
//! JSON:API, Microsoft, DRF, Rails, …). The checklist needs the same few facts from all of them:
//! a headline, a machine code, a documentation link, a request id to quote to support, a retry
//! hint and, above all, the fields the server complains about — so that the cross-reference
//! (`crossref`) can hold each one against what was sent.
//!
//! Detection follows catalogue §4.1: the `application/problem+json` media type first, then JSON
//! shapes most specific first, then XML, HTML and plain text. Parsing is bounded (bodies over
//! 1 MiB are never parsed as JSON, walks are depth- and count-limited) and never panics.

use std::time::Duration;

use serde_json::{Map, Value};

use super::field_path::{self, PathSeg};

/// Bodies larger than this are not parsed as JSON, so a huge body cannot make diagnosis slow.
const JSON_LIMIT: usize = 1 << 20;
/// How much of a non-JSON body is read for a headline (title, first line, XML elements).
const TEXT_PREFIX: usize = 64 * 1024;
/// Longest headline or message kept, in characters, including the `…`.
const TEXT_MAX: usize = 300;
/// Most field issues kept; a body listing thousands adds nothing to a checklist.
const MAX_ISSUES: usize = 200;
/// Deepest nesting walked in DRF-style error trees and Microsoft `details`/`innererror` chains.
const MAX_DEPTH: usize = 32;

/// The error-body format a server used (catalogue §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// RFC 9457 problem details, also when rendered as `application/problem+xml`.
    ProblemJson,
    Stripe,
    GitHub,
    /// `google.rpc.Status` over HTTP/JSON (AIP-193).
    Google,
    /// Older Google APIs: `error.errors[]` with `domain`/`reason`/`location`.
    GoogleLegacy,
    JsonApi,
    /// Microsoft REST guidelines, Azure and Microsoft Graph.
    Microsoft,
    /// OAuth 2.0 token endpoint error (RFC 6749 §5.2).
    OAuth,
    GraphQl,
    /// `FastAPI`/Pydantic `detail` arrays.
    FastApi,
    /// ASP.NET Core `ValidationProblemDetails`.
    AspNet,
    Laravel,
    /// Rails `ActiveModel` errors.
    Rails,
    /// Django REST framework; also a lone `{"detail": "…"}`, which `FastAPI` sends too.
    Drf,
    AwsJson,
    /// AWS REST-XML (S3) `<Error><Code>`; Azure Storage uses the same shape.
    AwsXml,
    /// Spring Boot's default error attributes.
    Spring,
    /// `{"ok": false, "error": "…"}`, often with status 200.
    SlackStyle,
    GenericJson,
    Html,
    PlainText,
    Empty,
}

impl BodyFormat {
    /// A short name for evidence lines ("Server error format: Stripe").
    pub fn label(self) -> &'static str {
        match self {
            BodyFormat::ProblemJson => "RFC 9457 problem details",
            BodyFormat::Stripe => "Stripe",
            BodyFormat::GitHub => "GitHub",
            BodyFormat::Google => "Google API error",
            BodyFormat::GoogleLegacy => "Google API error (legacy)",
            BodyFormat::JsonApi => "JSON:API",
            BodyFormat::Microsoft => "Microsoft REST error",
            BodyFormat::OAuth => "OAuth 2.0 error",
            BodyFormat::GraphQl => "GraphQL errors",
            BodyFormat::FastApi => "FastAPI validation error",
            BodyFormat::AspNet => "ASP.NET Core validation problem",
            BodyFormat::Laravel => "Laravel validation error",
            BodyFormat::Rails => "Rails validation errors",
            BodyFormat::Drf => "Django REST framework error",
            BodyFormat::AwsJson => "AWS JSON error",
            BodyFormat::AwsXml => "XML <Error> document",
            BodyFormat::Spring => "Spring Boot error",
            BodyFormat::SlackStyle => "\"ok\": false",
            BodyFormat::GenericJson => "JSON",
            BodyFormat::Html => "HTML page",
            BodyFormat::PlainText => "plain text",
            BodyFormat::Empty => "empty body",
        }
    }
}

/// Where in the request a field issue points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Body,
    Query,
    Path,
    Header,
    Cookie,
    /// The format does not say (Rails, Laravel, DRF, Google field violations); the
    /// cross-reference tries the body, then the query.
    Unknown,
}

impl Location {
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Body => "body",
            Location::Query => "query",
            Location::Path => "path",
            Location::Header => "header",
            Location::Cookie => "cookie",
            Location::Unknown => "request",
        }
    }
}

/// One field the server complains about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    pub location: Location,
    /// Normalised; empty means the whole document or object (`non_field_errors`, pointer `""`,
    /// ASP.NET key `""`, Rails full-message strings).
    pub path: Vec<PathSeg>,
    /// As the server wrote it (for `FastAPI`, the `loc` array as JSON).
    pub raw_path: String,
    pub message: Option<String>,
    pub code: Option<String>,
}

impl FieldIssue {
    /// The path for people: `a.b[0]`, without a JSON:API `data.attributes` wrapper.
    pub fn display_path(&self) -> String {
        field_path::display(field_path::strip_json_api_prefix(&self.path))
    }
}

/// What an error body says, whatever its format (catalogue §4.0).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ErrorSummary {
    /// `None` only when nothing could be read (binary data).
    pub format: Option<BodyFormat>,
    /// Best human message: problem detail → title → vendor message → first issue (prefixed by
    /// its path, `email: can't be blank`); HTML `<title>`/`<h1>`; first line of text. One line,
    /// trimmed, at most 300 characters.
    pub headline: Option<String>,
    /// Problem `type` (unless about:blank), Stripe code, Google status/`ErrorInfo` reason,
    /// OAuth `error`, AWS `__type`, Microsoft innererror chain joined with " › ".
    pub code: Option<String>,
    pub doc_url: Option<String>,
    /// Problem `instance`, Stripe `request_log_url`, `traceId`, `error_id`/`request_id` fields.
    pub request_id: Option<String>,
    /// Google `RetryInfo.retryDelay`, DRF "Expected available in 17 seconds.".
    pub retry_hint: Option<Duration>,
    pub issues: Vec<FieldIssue>,
    /// Raw RFC 9457 `type` when present.
    pub problem_type: Option<String>,
    /// `RateLimit` draft problem extension member `violated-policies`.
    pub violated_policies: Vec<String>,
    /// Google `QuotaFailure` violations, as "subject: description".
    pub quota_violations: Vec<String>,
    /// Count of top-level GraphQL `errors` (also for 200 responses).
    pub graphql_errors: usize,
    /// `{"ok": false, "error": …}`: an error even when the status is 200.
    pub slack_ok_false: bool,
}

/// Never panics; tolerates any bytes. `content_type` is the response Content-Type header value if any.
pub fn parse_error_body(content_type: Option<&str>, body: &[u8]) -> ErrorSummary {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if body.iter().all(u8::is_ascii_whitespace) {
        return ErrorSummary {
            format: Some(BodyFormat::Empty),
            ..ErrorSummary::default()
        };
    }
    let media = media_type(content_type);
    if body.len() <= JSON_LIMIT
        && looks_like_json(&media, body)
        && let Ok(value) = serde_json::from_slice::<Value>(body)
    {
        return finish(from_json(&media, &value));
    }
    let prefix = body.get(..TEXT_PREFIX).unwrap_or(body);
    if looks_binary(prefix) {
        return ErrorSummary::default();
    }
    finish(from_text(&media, &String::from_utf8_lossy(prefix)))
}

/// Fills the headline from the first issue when the format had none.
fn finish(mut summary: ErrorSummary) -> ErrorSummary {
    if summary.headline.is_none() {
        summary.headline = summary.issues.iter().find_map(issue_headline);
    }
    summary
}

fn issue_headline(issue: &FieldIssue) -> Option<String> {
    let message = issue.message.as_deref()?;
    let path = issue.display_path();
    if path.is_empty() {
        clean(message)
    } else {
        clean(&format!("{path}: {message}"))
    }
}

/// The media type without parameters, lower case: `application/problem+json`.
fn media_type(content_type: Option<&str>) -> String {
    content_type
        .and_then(|value| value.split(';').next())
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn looks_like_json(media: &str, body: &[u8]) -> bool {
    media.contains("json")
        || body
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| matches!(b, b'{' | b'[' | b'"'))
}

/// Binary data has NUL bytes or many undecodable/control characters; text with a few stray
/// bytes is still read.
fn looks_binary(sample: &[u8]) -> bool {
    if sample.contains(&0) {
        return true;
    }
    let text = String::from_utf8_lossy(sample);
    let (mut total, mut bad) = (0_usize, 0_usize);
    for c in text.chars() {
        total += 1;
        if c == char::REPLACEMENT_CHARACTER || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        {
            bad += 1;
        }
    }
    bad * 10 > total
}

/// One line, trimmed, control characters dropped, at most 300 characters (cut with
/// `…`); `None` when nothing is left.
pub fn clean(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|word| word.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|word| !word.is_empty())
        .collect();
    let line = words.join(" ");
    if line.is_empty() {
        return None;
    }
    if line.chars().count() <= TEXT_MAX {
        return Some(line);
    }
    let mut cut: String = line.chars().take(TEXT_MAX - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    Some(cut)
}

// ----- JSON access helpers ------------------------------------------------------------------

fn str_at<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

fn obj_at<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Map<String, Value>> {
    object.get(key).and_then(Value::as_object)
}

fn arr_at<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Vec<Value>> {
    object.get(key).and_then(Value::as_array)
}

/// A cleaned string member.
fn text_at(object: &Map<String, Value>, key: &str) -> Option<String> {
    str_at(object, key).and_then(clean)
}

/// A cleaned string or number member (codes are sometimes numbers).
fn code_at(object: &Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key)? {
        Value::String(text) => clean(text),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The first of several members that holds text.
fn first_text(object: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| text_at(object, key))
}

fn is_http_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn push_issue(summary: &mut ErrorSummary, issue: FieldIssue) {
    if summary.issues.len() < MAX_ISSUES {
        summary.issues.push(issue);
    }
}

// ----- JSON detection ---------------------------------------------------------------------------

fn from_json(media: &str, value: &Value) -> ErrorSummary {
    match value {
        Value::Object(object) => from_object(media, object),
        Value::Array(items) => from_array(value, items),
        Value::String(text) => ErrorSummary {
            format: Some(BodyFormat::GenericJson),
            headline: clean(text),
            ..ErrorSummary::default()
        },
        _ => ErrorSummary {
            format: Some(BodyFormat::GenericJson),
            ..ErrorSummary::default()
        },
    }
}

/// A top-level array: DRF `many=True` validation errors, or a list of messages/objects.
fn from_array(value: &Value, items: &[Value]) -> ErrorSummary {
    let mut summary = ErrorSummary::default();
    if is_drf_array(items, 0) {
        summary.format = Some(BodyFormat::Drf);
        walk(value, &mut Vec::new(), "", Location::Unknown, &mut summary, 0);
        return summary;
    }
    summary.format = Some(BodyFormat::GenericJson);
    summary.headline = items.iter().find_map(|item| match item {
        Value::String(text) => clean(text),
        Value::Object(object) => first_text(object, GENERIC_MESSAGE_KEYS),
        _ => None,
    });
    summary
}

fn from_object(media: &str, object: &Map<String, Value>) -> ErrorSummary {
    let mut summary = ErrorSummary::default();
    let format = if media.contains("problem+json") {
        if is_aspnet(object) {
            BodyFormat::AspNet
        } else {
            BodyFormat::ProblemJson
        }
    } else if media.contains("vnd.api+json") && arr_at(object, "errors").is_some() {
        BodyFormat::JsonApi
    } else {
        sniff(media, object)
    };
    summary.format = Some(format);
    extract(format, object, &mut summary);
    common_fallbacks(object, &mut summary);
    summary
}

/// A test for one format's JSON shape.
type Sniffer = fn(&Map<String, Value>) -> bool;

/// Shape sniffing, most specific first (catalogue §4.1 step 2).
fn sniff(media: &str, object: &Map<String, Value>) -> BodyFormat {
    let checks: [(Sniffer, BodyFormat); 17] = [
        (is_google, BodyFormat::Google),
        (is_google_legacy, BodyFormat::GoogleLegacy),
        (is_microsoft, BodyFormat::Microsoft),
        (is_stripe, BodyFormat::Stripe),
        (is_json_api, BodyFormat::JsonApi),
        (is_github, BodyFormat::GitHub),
        (is_slack, BodyFormat::SlackStyle),
        (is_oauth, BodyFormat::OAuth),
        (is_graphql, BodyFormat::GraphQl),
        (is_fastapi, BodyFormat::FastApi),
        (is_spring, BodyFormat::Spring),
        (is_aspnet, BodyFormat::AspNet),
        (is_problem_shape, BodyFormat::ProblemJson),
        (is_laravel, BodyFormat::Laravel),
        (is_rails, BodyFormat::Rails),
        (is_drf, BodyFormat::Drf),
        (is_aws_json, BodyFormat::AwsJson),
    ];
    if let Some((_, format)) = checks.iter().find(|(check, _)| check(object)) {
        return *format;
    }
    if media.contains("x-amz-json") && (object.contains_key("message") || object.contains_key("Message")) {
        return BodyFormat::AwsJson;
    }
    BodyFormat::GenericJson
}

fn is_google(object: &Map<String, Value>) -> bool {
    obj_at(object, "error")
        .is_some_and(|e| str_at(e, "status").is_some() && e.get("code").is_some_and(Value::is_number))
}

fn is_google_legacy(object: &Map<String, Value>) -> bool {
    obj_at(object, "error")
        .is_some_and(|e| arr_at(e, "errors").is_some() && e.get("code").is_some_and(Value::is_number))
}

fn is_microsoft(object: &Map<String, Value>) -> bool {
    obj_at(object, "error").is_some_and(|e| {
        str_at(e, "code").is_some()
            && ["target", "details", "innererror", "innerError"]
                .iter()
                .any(|key| e.contains_key(*key))
    })
}

fn is_stripe(object: &Map<String, Value>) -> bool {
    const TYPES: [&str; 7] = [
        "api_error",
        "card_error",
        "idempotency_error",
        "invalid_request_error",
        "api_connection_error",
        "authentication_error",
        "rate_limit_error",
    ];
    obj_at(object, "error")
        .is_some_and(|e| str_at(e, "type").is_some_and(|t| TYPES.contains(&t)) || e.contains_key("param"))
}

fn is_json_api(object: &Map<String, Value>) -> bool {
    arr_at(object, "errors").is_some_and(|items| {
        !items.is_empty()
            && items.iter().all(|item| {
                item.as_object().is_some_and(|e| {
                    e.get("source").is_some_and(Value::is_object)
                        || str_at(e, "status").is_some()
                        || e.contains_key("title")
                })
            })
    })
}

fn is_github(object: &Map<String, Value>) -> bool {
    object.contains_key("message") && object.contains_key("documentation_url")
}

fn is_slack(object: &Map<String, Value>) -> bool {
    object.get("ok") == Some(&Value::Bool(false)) && str_at(object, "error").is_some()
}

fn is_oauth(object: &Map<String, Value>) -> bool {
    const CODES: [&str; 15] = [
        "invalid_request",
        "invalid_client",
        "invalid_grant",
        "unauthorized_client",
        "unsupported_grant_type",
        "invalid_scope",
        "invalid_token",
        "insufficient_scope",
        "access_denied",
        "unsupported_response_type",
        "server_error",
        "temporarily_unavailable",
        "authorization_pending",
        "slow_down",
        "expired_token",
    ];
    str_at(object, "error")
        .is_some_and(|error| object.contains_key("error_description") || CODES.contains(&error))
}

fn is_graphql(object: &Map<String, Value>) -> bool {
    arr_at(object, "errors").is_some_and(|items| {
        items.iter().any(|item| {
            item.as_object().is_some_and(|e| {
                ["locations", "path", "extensions"]
                    .iter()
                    .any(|key| e.contains_key(*key))
                    || (object.contains_key("data") && e.contains_key("message"))
            })
        })
    })
}

fn is_fastapi(object: &Map<String, Value>) -> bool {
    arr_at(object, "detail").is_some_and(|items| {
        items.iter().any(|item| {
            item.as_object()
                .is_some_and(|e| e.contains_key("loc") && e.contains_key("msg"))
        })
    })
}

fn is_spring(object: &Map<String, Value>) -> bool {
    ["timestamp", "status", "error", "path"]
        .iter()
        .all(|key| object.contains_key(*key))
}

fn is_aspnet(object: &Map<String, Value>) -> bool {
    obj_at(object, "errors").is_some_and(is_object_of_string_arrays)
        && (object.contains_key("title") || object.contains_key("traceId"))
}

/// A problem-details body sent without the problem media type.
fn is_problem_shape(object: &Map<String, Value>) -> bool {
    (str_at(object, "title").is_some() || str_at(object, "detail").is_some())
        && (str_at(object, "type").is_some() || object.get("status").is_some_and(Value::is_number))
}

fn is_laravel(object: &Map<String, Value>) -> bool {
    str_at(object, "message").is_some() && obj_at(object, "errors").is_some_and(is_object_of_string_arrays)
}

fn is_rails(object: &Map<String, Value>) -> bool {
    match object.get("errors") {
        Some(Value::Object(errors)) => is_object_of_string_arrays(errors),
        Some(Value::Array(items)) => !items.is_empty() && items.iter().all(Value::is_string),
        _ => is_object_of_string_arrays(object) && all_messages_lowercase(object),
    }
}

fn is_drf(object: &Map<String, Value>) -> bool {
    let lone_detail = str_at(object, "detail").is_some() && object.len() <= 2;
    lone_detail || is_drf_object(object, 0)
}

fn is_aws_json(object: &Map<String, Value>) -> bool {
    str_at(object, "__type").is_some()
}

/// `{field: ["message", …]}` with at least one member.
fn is_object_of_string_arrays(object: &Map<String, Value>) -> bool {
    !object.is_empty()
        && object.values().all(|value| {
            value
                .as_array()
                .is_some_and(|items| items.iter().all(Value::is_string))
        })
}

/// Rails messages are fragments ("can't be blank"); DRF's are sentences ("This field is
/// required."). That is the only difference between `{"email": [...]}` from either.
fn all_messages_lowercase(object: &Map<String, Value>) -> bool {
    object
        .values()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_str)
        .all(|message| message.chars().next().is_some_and(char::is_lowercase))
}

/// Values are arrays of strings, nested such objects, or arrays of such objects, with at
/// least one message somewhere.
fn is_drf_object(object: &Map<String, Value>, depth: usize) -> bool {
    depth < MAX_DEPTH
        && !object.is_empty()
        && object.values().all(|value| is_drf_value(value, depth + 1))
        && object.values().any(has_message)
}

fn is_drf_value(value: &Value, depth: usize) -> bool {
    match value {
        Value::Array(items) => is_drf_array(items, depth) || items.iter().all(Value::is_string),
        Value::Object(object) => object.is_empty() || is_drf_object(object, depth),
        _ => false,
    }
}

fn is_drf_array(items: &[Value], depth: usize) -> bool {
    depth < MAX_DEPTH
        && items.iter().any(Value::is_object)
        && items.iter().all(|item| match item {
            Value::Object(object) => object.is_empty() || is_drf_object(object, depth + 1),
            Value::String(_) => true,
            _ => false,
        })
        && items.iter().any(has_message)
}

fn has_message(value: &Value) -> bool {
    let mut stack = vec![value];
    let mut visited = 0;
    while let Some(current) = stack.pop() {
        visited += 1;
        if visited > 10_000 {
            return false;
        }
        match current {
            Value::String(_) => return true,
            Value::Array(items) => stack.extend(items),
            Value::Object(object) => stack.extend(object.values()),
            _ => {}
        }
    }
    false
}

// ----- JSON extraction --------------------------------------------------------------------------

fn extract(format: BodyFormat, object: &Map<String, Value>, summary: &mut ErrorSummary) {
    match format {
        BodyFormat::ProblemJson | BodyFormat::AspNet => problem(object, summary),
        BodyFormat::Stripe => stripe(object, summary),
        BodyFormat::GitHub => github(object, summary),
        BodyFormat::Google => google(object, summary),
        BodyFormat::GoogleLegacy => google_legacy(object, summary),
        BodyFormat::JsonApi => json_api(object, summary),
        BodyFormat::Microsoft => microsoft(object, summary),
        BodyFormat::OAuth => oauth(object, summary),
        BodyFormat::GraphQl => graphql(object, summary),
        BodyFormat::FastApi => fastapi(object, summary),
        BodyFormat::Laravel => laravel(object, summary),
        BodyFormat::Rails => rails(object, summary),
        BodyFormat::Drf => drf(object, summary),
        BodyFormat::AwsJson => aws_json(object, summary),
        BodyFormat::Spring => spring(object, summary),
        BodyFormat::SlackStyle => slack(object, summary),
        BodyFormat::GenericJson
        | BodyFormat::AwsXml
        | BodyFormat::Html
        | BodyFormat::PlainText
        | BodyFormat::Empty => generic(object, summary),
    }
}

/// RFC 9457 members plus the known extension shapes (§4.2), ASP.NET included.
fn problem(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    if let Some(kind) = str_at(object, "type") {
        summary.problem_type = Some(kind.to_owned());
        if kind != "about:blank" {
            summary.code = clean(kind);
            if is_http_url(kind) {
                summary.doc_url = clean(kind);
            }
        }
    }
    summary.headline = first_text(object, &["detail", "title"]);
    summary.request_id = text_at(object, "instance");
    summary.violated_policies = ["violated-policies", "violated_policies"]
        .iter()
        .filter_map(|key| arr_at(object, key))
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(clean)
        .collect();
    match object.get("errors") {
        Some(Value::Array(items)) => pointer_items(items, summary),
        Some(Value::Object(errors)) => object_of_arrays(errors, aspnet_location, summary),
        _ => {}
    }
    for key in ["invalid-params", "invalid_params"] {
        named_items(
            arr_at(object, key),
            "name",
            &["reason", "detail", "message"],
            summary,
        );
    }
    named_items(
        arr_at(object, "violations"),
        "field",
        &["message", "detail"],
        summary,
    );
    if summary.code.is_none() {
        summary.code = code_at(object, "code").or_else(|| text_at(object, "error"));
    }
}

/// ASP.NET keys: `$.a.b` paths and `""` (body missing) are about the body; model names may
/// come from anywhere the binder looked.
fn aspnet_location(key: &str) -> Location {
    if key.is_empty() || key.starts_with('$') {
        Location::Body
    } else {
        Location::Unknown
    }
}

/// Items naming their field with `pointer`/`parameter`/`header`, directly or under `source`
/// (RFC 9457 `errors[]`, JSON:API).
fn pointer_items(items: &[Value], summary: &mut ErrorSummary) {
    for item in items.iter().filter_map(Value::as_object) {
        let source = obj_at(item, "source");
        let member = |key: &str| str_at(item, key).or_else(|| source.and_then(|s| str_at(s, key)));
        let (location, path, raw) = if let Some(pointer) = member("pointer") {
            (Location::Body, field_path::from_json_pointer(pointer), pointer)
        } else if let Some(parameter) = member("parameter") {
            (Location::Query, field_path::from_dotted(parameter), parameter)
        } else if let Some(header) = member("header") {
            (Location::Header, vec![PathSeg::Key(header.to_owned())], header)
        } else if let Some(field) = member("field").or_else(|| member("name")) {
            (Location::Unknown, field_path::from_any(field), field)
        } else {
            continue;
        };
        let issue = FieldIssue {
            location,
            path,
            raw_path: raw.to_owned(),
            message: first_text(item, &["detail", "message", "title", "reason"]),
            code: code_at(item, "code"),
        };
        push_issue(summary, issue);
    }
}

/// `[{name: …, reason: …}]`-style lists (`invalid-params`, `violations`).
fn named_items(
    items: Option<&Vec<Value>>,
    name_key: &str,
    message_keys: &[&str],
    summary: &mut ErrorSummary,
) {
    for item in items.into_iter().flatten().filter_map(Value::as_object) {
        let Some(name) = str_at(item, name_key) else {
            continue;
        };
        let issue = FieldIssue {
            location: Location::Unknown,
            path: field_path::from_any(name),
            raw_path: name.to_owned(),
            message: first_text(item, message_keys),
            code: code_at(item, "code"),
        };
        push_issue(summary, issue);
    }
}

/// `{field: [messages]}` where field names are dotted paths (Rails, Laravel, ASP.NET).
fn object_of_arrays(errors: &Map<String, Value>, location: fn(&str) -> Location, summary: &mut ErrorSummary) {
    for (key, value) in errors {
        let mut path = field_path::from_any(key);
        walk(value, &mut path, key, location(key), summary, 0);
    }
}

/// The DRF recursive walk (§4.8): object key → key segment, array index → index segment, each
/// string → one issue at the current path; `non_field_errors` stays at the parent's path.
fn walk(
    value: &Value,
    path: &mut Vec<PathSeg>,
    raw: &str,
    location: Location,
    summary: &mut ErrorSummary,
    depth: usize,
) {
    if depth > MAX_DEPTH || summary.issues.len() >= MAX_ISSUES {
        return;
    }
    match value {
        Value::String(message) => push_issue(
            summary,
            FieldIssue {
                location,
                path: path.clone(),
                raw_path: raw.to_owned(),
                message: clean(message),
                code: None,
            },
        ),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                if item.is_string() {
                    walk(item, path, raw, location, summary, depth + 1);
                } else {
                    path.push(PathSeg::Index(index));
                    walk(
                        item,
                        path,
                        &format!("{raw}[{index}]"),
                        location,
                        summary,
                        depth + 1,
                    );
                    path.pop();
                }
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                let child_raw = if raw.is_empty() {
                    key.clone()
                } else {
                    format!("{raw}.{key}")
                };
                if key == "non_field_errors" {
                    walk(member, path, &child_raw, location, summary, depth + 1);
                } else {
                    path.push(PathSeg::Key(key.clone()));
                    walk(member, path, &child_raw, location, summary, depth + 1);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

fn stripe(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let Some(error) = obj_at(object, "error") else {
        return;
    };
    summary.headline = text_at(error, "message");
    summary.code = text_at(error, "code").or_else(|| text_at(error, "type"));
    summary.doc_url = text_at(error, "doc_url");
    summary.request_id = text_at(error, "request_log_url");
    if let Some(param) = str_at(error, "param") {
        let issue = FieldIssue {
            location: Location::Body,
            path: field_path::from_dotted(param),
            raw_path: param.to_owned(),
            message: summary.headline.clone(),
            code: summary.code.clone(),
        };
        push_issue(summary, issue);
    }
}

fn github(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    summary.headline = text_at(object, "message");
    summary.doc_url = text_at(object, "documentation_url");
    for item in arr_at(object, "errors").into_iter().flatten() {
        let issue = match item {
            Value::String(message) => FieldIssue {
                location: Location::Body,
                path: Vec::new(),
                raw_path: String::new(),
                message: clean(message),
                code: None,
            },
            Value::Object(error) => {
                let field = str_at(error, "field").unwrap_or("");
                let code = text_at(error, "code");
                let mut path: Vec<PathSeg> = error
                    .get("index")
                    .and_then(Value::as_u64)
                    .and_then(|i| usize::try_from(i).ok())
                    .map(PathSeg::Index)
                    .into_iter()
                    .collect();
                path.extend(field_path::from_dotted(field));
                FieldIssue {
                    location: Location::Body,
                    path,
                    raw_path: field.to_owned(),
                    message: text_at(error, "message").or_else(|| code.as_deref().map(github_code_text)),
                    code,
                }
            }
            _ => continue,
        };
        push_issue(summary, issue);
    }
}

/// GitHub's documented error codes in words, for items that carry no message.
fn github_code_text(code: &str) -> String {
    match code {
        "missing" => "resource does not exist".to_owned(),
        "missing_field" => "is required but was not sent".to_owned(),
        "invalid" => "is not formatted correctly".to_owned(),
        "already_exists" => "already exists".to_owned(),
        "unprocessable" => "could not be processed".to_owned(),
        other => other.replace('_', " "),
    }
}

fn google(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let Some(error) = obj_at(object, "error") else {
        return;
    };
    summary.headline = text_at(error, "message");
    summary.code = text_at(error, "status");
    for detail in arr_at(error, "details")
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let kind = str_at(detail, "@type")
            .and_then(|t| t.rsplit(['.', '/']).next())
            .unwrap_or("");
        google_detail(kind, detail, summary);
    }
    google_legacy_issues(error, summary);
}

/// One `google.rpc` detail message, by the last segment of its `@type`.
fn google_detail(kind: &str, detail: &Map<String, Value>, summary: &mut ErrorSummary) {
    match kind {
        "BadRequest" => {
            for violation in arr_at(detail, "fieldViolations")
                .into_iter()
                .flatten()
                .filter_map(Value::as_object)
            {
                let Some(field) = str_at(violation, "field") else {
                    continue;
                };
                let localized = obj_at(violation, "localizedMessage").and_then(|m| text_at(m, "message"));
                let issue = FieldIssue {
                    location: Location::Unknown,
                    path: field_path::from_dotted(field),
                    raw_path: field.to_owned(),
                    message: localized.or_else(|| text_at(violation, "description")),
                    code: text_at(violation, "reason"),
                };
                push_issue(summary, issue);
            }
        }
        "ErrorInfo" => {
            if let Some(reason) = text_at(detail, "reason") {
                summary.code = Some(reason);
            }
        }
        "RetryInfo" => summary.retry_hint = detail.get("retryDelay").and_then(proto_duration),
        "QuotaFailure" => {
            let violations = arr_at(detail, "violations")
                .into_iter()
                .flatten()
                .filter_map(Value::as_object);
            summary.quota_violations.extend(violations.filter_map(|v| {
                match (text_at(v, "subject"), text_at(v, "description")) {
                    (Some(subject), Some(description)) => Some(format!("{subject}: {description}")),
                    (subject, description) => subject.or(description),
                }
            }));
        }
        "Help" => {
            let link = arr_at(detail, "links")
                .into_iter()
                .flatten()
                .filter_map(Value::as_object)
                .find_map(|l| text_at(l, "url"));
            summary.doc_url = summary.doc_url.take().or(link);
        }
        "LocalizedMessage" => {
            if let Some(message) = text_at(detail, "message") {
                summary.headline = Some(message);
            }
        }
        "RequestInfo" => {
            summary.request_id = summary.request_id.take().or_else(|| text_at(detail, "requestId"));
        }
        _ => {}
    }
}

/// A protobuf `Duration` in JSON: `"30s"`, `"1.5s"`, or `{"seconds": 30, "nanos": 0}`.
pub fn proto_duration(value: &Value) -> Option<Duration> {
    let seconds = match value {
        Value::String(text) => text.trim().strip_suffix('s')?.parse::<f64>().ok()?,
        Value::Object(parts) => {
            let whole = parts
                .get("seconds")
                .and_then(|s| s.as_f64().or_else(|| s.as_str()?.parse().ok()))?;
            whole + parts.get("nanos").and_then(Value::as_f64).unwrap_or(0.0) / 1e9
        }
        _ => return None,
    };
    Duration::try_from_secs_f64(seconds).ok()
}

fn google_legacy(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let Some(error) = obj_at(object, "error") else {
        return;
    };
    summary.headline = text_at(error, "message");
    let items = || {
        arr_at(error, "errors")
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
    };
    summary.code = items().find_map(|item| text_at(item, "reason"));
    summary.doc_url = items().find_map(|item| text_at(item, "extendedHelp"));
    google_legacy_issues(error, summary);
}

/// Legacy `error.errors[]` items that name a `location`; `locationType` says where.
fn google_legacy_issues(error: &Map<String, Value>, summary: &mut ErrorSummary) {
    for item in arr_at(error, "errors")
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let Some(location) = str_at(item, "location") else {
            continue;
        };
        let (kind, path) = match str_at(item, "locationType") {
            Some("header") => (Location::Header, vec![PathSeg::Key(location.to_owned())]),
            Some("parameter") => (Location::Query, field_path::from_dotted(location)),
            _ => (Location::Unknown, field_path::from_dotted(location)),
        };
        let issue = FieldIssue {
            location: kind,
            path,
            raw_path: location.to_owned(),
            message: text_at(item, "message"),
            code: text_at(item, "reason"),
        };
        push_issue(summary, issue);
    }
}

fn json_api(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let items = arr_at(object, "errors").map_or(&[][..], Vec::as_slice);
    if let Some(first) = items.iter().find_map(Value::as_object) {
        summary.headline = first_text(first, &["detail", "title"]);
        summary.code = code_at(first, "code");
        summary.request_id = code_at(first, "id");
        summary.doc_url = obj_at(first, "links").and_then(|links| match links.get("about") {
            Some(Value::String(url)) => clean(url),
            Some(Value::Object(link)) => text_at(link, "href"),
            _ => None,
        });
    }
    pointer_items(items, summary);
}

fn microsoft(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let Some(error) = obj_at(object, "error") else {
        return;
    };
    summary.headline = text_at(error, "message");
    let mut chain = Vec::new();
    let mut inner = inner_error(error);
    let mut depth = 0;
    while let Some(current) = inner {
        depth += 1;
        if depth > MAX_DEPTH {
            break;
        }
        if let Some(code) = text_at(current, "code") {
            chain.push(code);
        }
        if summary.request_id.is_none() {
            summary.request_id = first_text(current, &["request-id", "client-request-id"]);
        }
        inner = inner_error(current);
    }
    summary.code = if chain.is_empty() {
        text_at(error, "code")
    } else {
        Some(chain.join(" › "))
    };
    let has_details = arr_at(error, "details").is_some_and(|d| !d.is_empty());
    if has_details {
        microsoft_details(error, summary, 0);
    } else if let Some(target) = str_at(error, "target") {
        push_issue(summary, microsoft_issue(target, error));
    }
}

fn inner_error(error: &Map<String, Value>) -> Option<&Map<String, Value>> {
    obj_at(error, "innererror").or_else(|| obj_at(error, "innerError"))
}

fn microsoft_details(error: &Map<String, Value>, summary: &mut ErrorSummary, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for detail in arr_at(error, "details")
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        if let Some(target) = str_at(detail, "target") {
            push_issue(summary, microsoft_issue(target, detail));
        }
        microsoft_details(detail, summary, depth + 1);
    }
}

fn microsoft_issue(target: &str, error: &Map<String, Value>) -> FieldIssue {
    FieldIssue {
        location: Location::Unknown,
        path: field_path::from_any(target),
        raw_path: target.to_owned(),
        message: text_at(error, "message"),
        code: text_at(error, "code"),
    }
}

fn oauth(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    summary.code = text_at(object, "error");
    summary.headline = first_text(object, &["error_description", "error"]);
    summary.doc_url = text_at(object, "error_uri");
}

/// GraphQL `path` is a path in the *response*, not in what was sent, so it yields no issues.
fn graphql(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let items = arr_at(object, "errors").map_or(&[][..], Vec::as_slice);
    summary.graphql_errors = items.len();
    let errors = || items.iter().filter_map(Value::as_object);
    summary.headline = errors().find_map(|e| text_at(e, "message"));
    summary.code = errors().find_map(|e| obj_at(e, "extensions").and_then(|x| code_at(x, "code")));
}

fn fastapi(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    for item in arr_at(object, "detail")
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let loc = arr_at(item, "loc").map_or(&[][..], Vec::as_slice);
        let prefix = loc.first().and_then(Value::as_str).and_then(|first| match first {
            "body" => Some(Location::Body),
            "query" => Some(Location::Query),
            "path" => Some(Location::Path),
            "header" => Some(Location::Header),
            "cookie" => Some(Location::Cookie),
            _ => None,
        });
        let (location, rest) = match prefix {
            Some(location) => (location, loc.get(1..).unwrap_or(&[])),
            None => (Location::Unknown, loc),
        };
        let issue = FieldIssue {
            location,
            path: field_path::from_loc(rest),
            raw_path: Value::Array(loc.to_vec()).to_string(),
            message: text_at(item, "msg"),
            code: text_at(item, "type"),
        };
        push_issue(summary, issue);
    }
}

fn laravel(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    summary.headline = text_at(object, "message");
    if let Some(errors) = obj_at(object, "errors") {
        object_of_arrays(errors, |_| Location::Unknown, summary);
    }
}

fn rails(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    match object.get("errors") {
        Some(Value::Object(errors)) => object_of_arrays(errors, |_| Location::Unknown, summary),
        Some(errors @ Value::Array(_)) => walk(errors, &mut Vec::new(), "", Location::Unknown, summary, 0),
        _ => object_of_arrays(object, |_| Location::Unknown, summary),
    }
}

fn drf(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    if let Some(detail) = str_at(object, "detail") {
        summary.headline = clean(detail);
        summary.retry_hint = throttle_wait(detail);
    }
    for (key, value) in object {
        if key == "detail" && value.is_string() {
            continue;
        }
        let mut path = if key == "non_field_errors" {
            Vec::new()
        } else {
            vec![PathSeg::Key(key.clone())]
        };
        walk(value, &mut path, key, Location::Unknown, summary, 0);
    }
}

/// DRF throttling: "Request was throttled. Expected available in 17 seconds."
pub fn throttle_wait(text: &str) -> Option<Duration> {
    const MARKER: &str = "expected available in ";
    let lower = text.to_ascii_lowercase();
    let start = lower.find(MARKER)? + MARKER.len();
    let rest = lower.get(start..)?;
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let after = rest.get(number.len()..)?.trim_start();
    if !after.starts_with("second") {
        return None;
    }
    Duration::try_from_secs_f64(number.parse().ok()?).ok()
}

fn aws_json(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    summary.code = str_at(object, "__type")
        .map(|kind| {
            let after_hash = kind.rsplit('#').next().unwrap_or(kind);
            after_hash.split(':').next().unwrap_or(after_hash)
        })
        .and_then(clean)
        .or_else(|| first_text(object, &["code", "Code"]));
    summary.headline = first_text(object, &["message", "Message", "errorMessage"]);
}

fn spring(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    summary.headline = text_at(object, "message")
        .filter(|m| m != "No message available")
        .or_else(|| text_at(object, "error"));
    for item in arr_at(object, "errors")
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let Some(field) = str_at(item, "field") else {
            continue;
        };
        let issue = FieldIssue {
            location: Location::Unknown,
            path: field_path::from_dotted(field),
            raw_path: field.to_owned(),
            message: first_text(item, &["defaultMessage", "message"]),
            code: text_at(item, "code"),
        };
        push_issue(summary, issue);
    }
}

fn slack(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    summary.slack_ok_false = true;
    summary.code = text_at(object, "error");
    summary.headline = summary.code.clone();
}

const GENERIC_MESSAGE_KEYS: &[&str] = &[
    "message",
    "error_description",
    "detail",
    "msg",
    "title",
    "errorMessage",
    "error_message",
    "Message",
    "description",
];

/// Whatever looks like a message and a code (§4.1 last step), plus `errors[]` items that name
/// a field.
fn generic(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let nested = obj_at(object, "error");
    summary.headline = first_text(object, GENERIC_MESSAGE_KEYS)
        .or_else(|| nested.and_then(|e| first_text(e, GENERIC_MESSAGE_KEYS)))
        .or_else(|| text_at(object, "error"))
        .or_else(|| {
            let items = arr_at(object, "errors")?;
            items
                .iter()
                .filter_map(Value::as_object)
                .find_map(|e| first_text(e, GENERIC_MESSAGE_KEYS))
        });
    summary.code = ["code", "errorCode", "error_code"]
        .iter()
        .find_map(|key| code_at(object, key))
        .or_else(|| nested.and_then(|e| code_at(e, "code").or_else(|| code_at(e, "type"))))
        .or_else(|| {
            summary
                .headline
                .is_some()
                .then(|| text_at(object, "error"))
                .flatten()
        })
        .filter(|code| Some(code) != summary.headline.as_ref());
    for item in arr_at(object, "errors")
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let Some(field) = ["field", "param", "parameter", "name", "path"]
            .iter()
            .find_map(|k| str_at(item, k))
        else {
            continue;
        };
        let issue = FieldIssue {
            location: Location::Unknown,
            path: field_path::from_any(field),
            raw_path: field.to_owned(),
            message: first_text(item, GENERIC_MESSAGE_KEYS),
            code: code_at(item, "code"),
        };
        push_issue(summary, issue);
    }
}

/// Request ids and documentation links under the names APIs commonly use, wherever the format
/// itself did not provide one.
fn common_fallbacks(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    const ID_KEYS: &[&str] = &[
        "request_id",
        "requestId",
        "RequestId",
        "error_id",
        "errorId",
        "traceId",
        "trace_id",
        "correlation_id",
        "correlationId",
    ];
    const DOC_KEYS: &[&str] = &[
        "doc_url",
        "documentation_url",
        "error_uri",
        "more_info",
        "help_url",
    ];
    let scopes: Vec<&Map<String, Value>> = [Some(object), obj_at(object, "error"), obj_at(object, "meta")]
        .into_iter()
        .flatten()
        .collect();
    if summary.request_id.is_none() {
        summary.request_id = scopes
            .iter()
            .find_map(|scope| ID_KEYS.iter().find_map(|key| code_at(scope, key)));
    }
    if summary.doc_url.is_none() {
        summary.doc_url = scopes
            .iter()
            .find_map(|scope| DOC_KEYS.iter().find_map(|key| text_at(scope, key)))
            .filter(|url| is_http_url(url));
    }
}

// ----- text formats -----------------------------------------------------------------------------

fn from_text(media: &str, text: &str) -> ErrorSummary {
    let lower = text.to_ascii_lowercase();
    let start = lower.trim_start();
    if (lower.contains("<error>") || lower.contains("<error ")) && lower.contains("<code>") {
        return aws_xml(text, &lower);
    }
    if media.contains("problem+xml") || start.starts_with("<problem") || lower.contains("<problem xmlns") {
        return problem_xml(text, &lower);
    }
    let head = lower.get(..1024).unwrap_or(&lower);
    let html_markers = ["<!doctype html", "<html", "<head", "<body", "<title"];
    if media.contains("html") || html_markers.iter().any(|m| head.contains(m)) {
        return html(text, &lower);
    }
    let headline = if media.contains("xml") || start.starts_with("<?xml") {
        first_line(&strip_tags(text, "\n"))
    } else {
        first_line(text)
    };
    ErrorSummary {
        format: Some(BodyFormat::PlainText),
        headline,
        ..ErrorSummary::default()
    }
}

fn first_line(text: &str) -> Option<String> {
    text.lines().find_map(clean)
}

fn aws_xml(text: &str, lower: &str) -> ErrorSummary {
    ErrorSummary {
        format: Some(BodyFormat::AwsXml),
        code: element_text(text, lower, "code"),
        headline: element_text(text, lower, "message"),
        request_id: element_text(text, lower, "requestid"),
        ..ErrorSummary::default()
    }
}

fn problem_xml(text: &str, lower: &str) -> ErrorSummary {
    let kind = element_text(text, lower, "type");
    let mut summary = ErrorSummary {
        format: Some(BodyFormat::ProblemJson),
        headline: element_text(text, lower, "detail").or_else(|| element_text(text, lower, "title")),
        request_id: element_text(text, lower, "instance"),
        problem_type: kind.clone(),
        ..ErrorSummary::default()
    };
    if let Some(kind) = kind.filter(|k| k != "about:blank") {
        summary.doc_url = is_http_url(&kind).then(|| kind.clone());
        summary.code = Some(kind);
    }
    summary
}

fn html(text: &str, lower: &str) -> ErrorSummary {
    let headline = element_text(text, lower, "title")
        .or_else(|| element_text(text, lower, "h1"))
        .or_else(|| first_line(&strip_tags(text, "\n")));
    ErrorSummary {
        format: Some(BodyFormat::Html),
        headline,
        ..ErrorSummary::default()
    }
}

/// The text of the first `<name>` or `<name …>` element, tags inside removed and entities
/// decoded. `lower` is `text` in ASCII lower case, so byte positions agree.
fn element_text(text: &str, lower: &str, name: &str) -> Option<String> {
    let open = format!("<{name}");
    let close = format!("</{name}");
    let mut from = 0;
    while let Some(found) = lower.get(from..).and_then(|rest| rest.find(&open)) {
        let tag_start = from + found;
        let after_name = tag_start + open.len();
        let next = lower.get(after_name..)?.chars().next()?;
        if next == '>' || next.is_whitespace() {
            let content_start = after_name + lower.get(after_name..)?.find('>')? + 1;
            let content_end = content_start + lower.get(content_start..)?.find(&close)?;
            let inner = text.get(content_start..content_end)?;
            return clean(&strip_tags(inner, ""));
        }
        from = after_name;
    }
    None
}

/// Markup removed, entities decoded; each tag becomes `separator` (a line break keeps block
/// text apart when looking for a first line; nothing keeps `Deni<b>ed</b>` one word).
fn strip_tags(text: &str, separator: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push_str(separator);
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out)
}

/// The common named entities and numeric character references; anything else stays as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        let decoded = after
            .find(';')
            .filter(|&semi| semi <= 10)
            .and_then(|semi| Some((entity(after.get(..semi)?)?, semi)));
        if let Some((c, semi)) = decoded {
            out.push(c);
            rest = after.get(semi + 1..).unwrap_or("");
        } else {
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let numeric = |digits: &str, radix| u32::from_str_radix(digits, radix).ok().and_then(char::from_u32);
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            match number.strip_prefix(['x', 'X']) {
                Some(hex) => numeric(hex, 16),
                None => numeric(number, 10),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(content_type: &str, body: &str) -> ErrorSummary {
        parse_error_body(Some(content_type), body.as_bytes())
    }

    fn json(body: &str) -> ErrorSummary {
        parse("application/json", body)
    }

    fn key(k: &str) -> PathSeg {
        PathSeg::Key(k.to_owned())
    }

    fn issue(
        location: Location,
        path: Vec<PathSeg>,
        raw: &str,
        message: &str,
        code: Option<&str>,
    ) -> FieldIssue {
        FieldIssue {
            location,
            path,
            raw_path: raw.to_owned(),
            message: Some(message.to_owned()),
            code: code.map(str::to_owned),
        }
    }

    const RFC9457_ERRORS: &str = r##"{
      "type": "https://example.net/validation-error",
      "title": "Your request is not valid.",
      "status": 422,
      "errors": [
        { "detail": "must be a positive integer", "pointer": "#/age" },
        { "detail": "must be 'green', 'red' or 'blue'", "pointer": "#/profile/color" }
      ]
    }"##;

    #[test]
    fn problem_details_with_pointer_errors() {
        let s = parse("application/problem+json", RFC9457_ERRORS);
        assert_eq!(s.format, Some(BodyFormat::ProblemJson));
        assert_eq!(s.headline.as_deref(), Some("Your request is not valid."));
        assert_eq!(s.code.as_deref(), Some("https://example.net/validation-error"));
        assert_eq!(s.doc_url.as_deref(), Some("https://example.net/validation-error"));
        assert_eq!(
            s.problem_type.as_deref(),
            Some("https://example.net/validation-error")
        );
        assert_eq!(
            s.issues,
            vec![
                issue(
                    Location::Body,
                    vec![key("age")],
                    "#/age",
                    "must be a positive integer",
                    None
                ),
                issue(
                    Location::Body,
                    vec![key("profile"), key("color")],
                    "#/profile/color",
                    "must be 'green', 'red' or 'blue'",
                    None
                ),
            ]
        );
    }

    #[test]
    fn problem_detail_beats_title_and_instance_is_the_request_id() {
        let s = parse(
            "application/problem+json; charset=utf-8",
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"No order 42","instance":"/orders/42#req-7"}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::ProblemJson));
        assert_eq!(s.headline.as_deref(), Some("No order 42"));
        assert_eq!(s.code, None);
        assert_eq!(s.doc_url, None);
        assert_eq!(s.problem_type.as_deref(), Some("about:blank"));
        assert_eq!(s.request_id.as_deref(), Some("/orders/42#req-7"));
    }

    #[test]
    fn problem_details_with_invalid_params_in_both_spellings() {
        for member in ["invalid-params", "invalid_params"] {
            let body = format!(
                r#"{{"type":"https://example.net/validation-error","title":"Your request parameters didn't validate.",
                   "{member}":[{{"name":"age","reason":"must be a positive integer"}},
                               {{"name":"color","reason":"must be 'green', 'red' or 'blue'"}}]}}"#
            );
            let s = parse("application/problem+json", &body);
            assert_eq!(
                s.headline.as_deref(),
                Some("Your request parameters didn't validate.")
            );
            assert_eq!(
                s.issues,
                vec![
                    issue(
                        Location::Unknown,
                        vec![key("age")],
                        "age",
                        "must be a positive integer",
                        None
                    ),
                    issue(
                        Location::Unknown,
                        vec![key("color")],
                        "color",
                        "must be 'green', 'red' or 'blue'",
                        None
                    ),
                ],
                "{member}"
            );
        }
    }

    #[test]
    fn problem_violations_and_rate_limit_policies_are_read() {
        let s = parse(
            "application/problem+json",
            r#"{"type":"https://iana.org/assignments/http-problem-types#quota-exceeded","title":"Too Many Requests",
               "violated-policies":["daily","burst"],"violations":[{"field":"user.name","message":"must not be blank"}]}"#,
        );
        assert_eq!(s.violated_policies, vec!["daily".to_owned(), "burst".to_owned()]);
        assert_eq!(
            s.issues,
            vec![issue(
                Location::Unknown,
                vec![key("user"), key("name")],
                "user.name",
                "must not be blank",
                None
            )]
        );
    }

    #[test]
    fn problem_shape_without_problem_media_type_is_recognised() {
        let s = json(
            r#"{"type":"https://example.net/out-of-credit","title":"You do not have enough credit.","status":403}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::ProblemJson));
        assert_eq!(s.headline.as_deref(), Some("You do not have enough credit."));
    }

    #[test]
    fn stripe_param_in_bracket_notation() {
        let s = json(
            r#"{ "error": {
                "type": "invalid_request_error",
                "code": "parameter_missing",
                "param": "line_items[0][price]",
                "message": "Missing required param: line_items[0][price].",
                "doc_url": "https://docs.stripe.com/error-codes/parameter-missing",
                "request_log_url": "https://dashboard.stripe.com/test/logs/req_abc"
            } }"#,
        );
        assert_eq!(s.format, Some(BodyFormat::Stripe));
        assert_eq!(
            s.headline.as_deref(),
            Some("Missing required param: line_items[0][price].")
        );
        assert_eq!(s.code.as_deref(), Some("parameter_missing"));
        assert_eq!(
            s.doc_url.as_deref(),
            Some("https://docs.stripe.com/error-codes/parameter-missing")
        );
        assert_eq!(
            s.request_id.as_deref(),
            Some("https://dashboard.stripe.com/test/logs/req_abc")
        );
        assert_eq!(
            s.issues,
            vec![issue(
                Location::Body,
                vec![key("line_items"), PathSeg::Index(0), key("price")],
                "line_items[0][price]",
                "Missing required param: line_items[0][price].",
                Some("parameter_missing")
            )]
        );
    }

    #[test]
    fn stripe_catalogue_example_names_amount() {
        let s = json(
            r#"{ "error": { "type": "invalid_request_error", "code": "parameter_missing", "param": "amount",
                 "message": "Missing required param: amount." } }"#,
        );
        assert_eq!(s.issues.len(), 1);
        assert_eq!(s.issues[0].path, vec![key("amount")]);
        assert_eq!(s.issues[0].location, Location::Body);
    }

    #[test]
    fn github_validation_failed() {
        let s = json(
            r#"{ "message": "Validation Failed",
                 "errors": [ { "resource": "Issue", "field": "title", "code": "missing_field" } ],
                 "documentation_url": "https://docs.github.com/rest/issues/issues#create-an-issue",
                 "status": "422" }"#,
        );
        assert_eq!(s.format, Some(BodyFormat::GitHub));
        assert_eq!(s.headline.as_deref(), Some("Validation Failed"));
        assert_eq!(
            s.doc_url.as_deref(),
            Some("https://docs.github.com/rest/issues/issues#create-an-issue")
        );
        assert_eq!(
            s.issues,
            vec![issue(
                Location::Body,
                vec![key("title")],
                "title",
                "is required but was not sent",
                Some("missing_field")
            )]
        );
    }

    #[test]
    fn github_string_errors_and_indexed_items() {
        let s = json(
            r#"{ "message": "Validation Failed",
                 "errors": [ "Title is too long", {"resource":"Label","field":"name","code":"invalid","index":2,"message":"bad name"} ],
                 "documentation_url": "https://docs.github.com/rest" }"#,
        );
        assert_eq!(
            s.issues,
            vec![
                issue(Location::Body, vec![], "", "Title is too long", None),
                issue(
                    Location::Body,
                    vec![PathSeg::Index(2), key("name")],
                    "name",
                    "bad name",
                    Some("invalid")
                ),
            ]
        );
    }

    const GOOGLE_BAD_REQUEST: &str = r#"{ "error": {
        "code": 400,
        "message": "Invalid value at 'email_addresses[1].email'",
        "status": "INVALID_ARGUMENT",
        "details": [
          { "@type": "type.googleapis.com/google.rpc.BadRequest",
            "fieldViolations": [
              { "field": "emailAddresses[1].email", "description": "Invalid email address",
                "reason": "INVALID_EMAIL_ADDRESS" } ] } ] } }"#;

    #[test]
    fn google_bad_request_field_violations() {
        let s = json(GOOGLE_BAD_REQUEST);
        assert_eq!(s.format, Some(BodyFormat::Google));
        assert_eq!(
            s.headline.as_deref(),
            Some("Invalid value at 'email_addresses[1].email'")
        );
        assert_eq!(s.code.as_deref(), Some("INVALID_ARGUMENT"));
        assert_eq!(
            s.issues,
            vec![issue(
                Location::Unknown,
                vec![key("emailAddresses"), PathSeg::Index(1), key("email")],
                "emailAddresses[1].email",
                "Invalid email address",
                Some("INVALID_EMAIL_ADDRESS")
            )]
        );
    }

    #[test]
    fn google_quota_error_info_and_retry_info() {
        let s = json(
            r#"{ "error": {
                "code": 429,
                "message": "Quota exceeded for quota metric 'Read requests'",
                "status": "RESOURCE_EXHAUSTED",
                "details": [
                  { "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com",
                    "metadata": { "service": "sheets.googleapis.com" } },
                  { "@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "30s" },
                  { "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                    "violations": [ { "subject": "project:123", "description": "Read requests per minute" } ] },
                  { "@type": "type.googleapis.com/google.rpc.Help",
                    "links": [ { "description": "Quotas", "url": "https://cloud.google.com/docs/quotas" } ] },
                  { "@type": "type.googleapis.com/google.rpc.RequestInfo", "requestId": "r-77" } ] } }"#,
        );
        assert_eq!(s.format, Some(BodyFormat::Google));
        assert_eq!(s.code.as_deref(), Some("RATE_LIMIT_EXCEEDED"));
        assert_eq!(s.retry_hint, Some(Duration::from_secs(30)));
        assert_eq!(
            s.quota_violations,
            vec!["project:123: Read requests per minute".to_owned()]
        );
        assert_eq!(s.doc_url.as_deref(), Some("https://cloud.google.com/docs/quotas"));
        assert_eq!(s.request_id.as_deref(), Some("r-77"));
        assert!(s.issues.is_empty());
    }

    #[test]
    fn google_localized_message_is_preferred_and_fractional_delays_parse() {
        let s = json(
            r#"{"error":{"code":503,"message":"The service is currently unavailable.","status":"UNAVAILABLE",
               "details":[{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"Try again shortly."},
                          {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}}"#,
        );
        assert_eq!(s.headline.as_deref(), Some("Try again shortly."));
        assert_eq!(s.retry_hint, Some(Duration::from_millis(1500)));
    }

    #[test]
    fn proto_durations_in_both_renderings() {
        assert_eq!(
            proto_duration(&serde_json::json!("0.25s")),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            proto_duration(&serde_json::json!({"seconds": 2, "nanos": 500_000_000})),
            Some(Duration::from_millis(2500))
        );
        assert_eq!(proto_duration(&serde_json::json!("30")), None);
        assert_eq!(proto_duration(&serde_json::json!("-1s")), None);
    }

    #[test]
    fn google_legacy_errors_map_location_type() {
        let s = json(
            r#"{"error":{"errors":[
                 {"domain":"global","reason":"required","message":"Login Required","locationType":"header","location":"Authorization"},
                 {"domain":"global","reason":"invalidParameter","message":"Invalid value '-1'. Values must be within the range: [1, 500]","locationType":"parameter","location":"maxResults"},
                 {"domain":"usageLimits","reason":"dailyLimitExceeded","message":"Daily Limit Exceeded"}],
               "code":401,"message":"Login Required"}}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::GoogleLegacy));
        assert_eq!(s.headline.as_deref(), Some("Login Required"));
        assert_eq!(s.code.as_deref(), Some("required"));
        assert_eq!(
            s.issues,
            vec![
                issue(
                    Location::Header,
                    vec![key("Authorization")],
                    "Authorization",
                    "Login Required",
                    Some("required")
                ),
                issue(
                    Location::Query,
                    vec![key("maxResults")],
                    "maxResults",
                    "Invalid value '-1'. Values must be within the range: [1, 500]",
                    Some("invalidParameter")
                ),
            ]
        );
    }

    #[test]
    fn json_api_pointer_parameter_and_header_sources() {
        let s = parse(
            "application/vnd.api+json",
            r#"{ "errors": [
                { "id": "e-1", "status": "422", "code": "too_short", "title": "Invalid Attribute",
                  "detail": "First name must contain at least two characters.",
                  "source": { "pointer": "/data/attributes/firstName" },
                  "links": { "about": "https://example.com/errors/too_short" } },
                { "status": "400", "title": "Invalid Query Parameter", "detail": "The resource does not have an `auther` relationship path.",
                  "source": { "parameter": "include" } },
                { "status": "400", "title": "Missing header", "source": { "header": "X-Api-Version" } },
                { "status": "422", "title": "Missing data", "source": { "pointer": "" } },
                { "status": "500", "title": "Oops" } ] }"#,
        );
        assert_eq!(s.format, Some(BodyFormat::JsonApi));
        assert_eq!(
            s.headline.as_deref(),
            Some("First name must contain at least two characters.")
        );
        assert_eq!(s.code.as_deref(), Some("too_short"));
        assert_eq!(s.request_id.as_deref(), Some("e-1"));
        assert_eq!(s.doc_url.as_deref(), Some("https://example.com/errors/too_short"));
        assert_eq!(
            s.issues,
            vec![
                issue(
                    Location::Body,
                    vec![key("data"), key("attributes"), key("firstName")],
                    "/data/attributes/firstName",
                    "First name must contain at least two characters.",
                    Some("too_short")
                ),
                issue(
                    Location::Query,
                    vec![key("include")],
                    "include",
                    "The resource does not have an `auther` relationship path.",
                    None
                ),
                issue(
                    Location::Header,
                    vec![key("X-Api-Version")],
                    "X-Api-Version",
                    "Missing header",
                    None
                ),
                issue(Location::Body, vec![], "", "Missing data", None),
            ]
        );
        assert_eq!(s.issues[0].display_path(), "firstName");
    }

    #[test]
    fn json_api_is_sniffed_without_its_media_type() {
        let s = json(
            r#"{"errors":[{"status":"422","title":"Invalid Attribute","source":{"pointer":"/data/attributes/age"}}]}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::JsonApi));
        assert_eq!(s.headline.as_deref(), Some("Invalid Attribute"));
    }

    #[test]
    fn microsoft_nested_details_and_innererror_chain() {
        let s = json(
            r#"{ "error": {
                "code": "BadArgument",
                "message": "Multiple errors in ContactInfo data",
                "target": "ContactInfo",
                "details": [
                  { "code": "NullValue", "target": "PhoneNumber", "message": "Phone number must not be null" },
                  { "code": "MalformedValue", "target": "Address", "message": "Address is not valid",
                    "details": [ { "code": "TooLong", "target": "Address.Street", "message": "Street is too long" } ] } ],
                "innererror": { "code": "PasswordError",
                                "innererror": { "code": "PasswordDoesNotMeetPolicy" } } } }"#,
        );
        assert_eq!(s.format, Some(BodyFormat::Microsoft));
        assert_eq!(s.headline.as_deref(), Some("Multiple errors in ContactInfo data"));
        assert_eq!(
            s.code.as_deref(),
            Some("PasswordError › PasswordDoesNotMeetPolicy")
        );
        assert_eq!(
            s.issues,
            vec![
                issue(
                    Location::Unknown,
                    vec![key("PhoneNumber")],
                    "PhoneNumber",
                    "Phone number must not be null",
                    Some("NullValue")
                ),
                issue(
                    Location::Unknown,
                    vec![key("Address")],
                    "Address",
                    "Address is not valid",
                    Some("MalformedValue")
                ),
                issue(
                    Location::Unknown,
                    vec![key("Address"), key("Street")],
                    "Address.Street",
                    "Street is too long",
                    Some("TooLong")
                ),
            ]
        );
    }

    #[test]
    fn microsoft_top_level_target_and_graph_request_id() {
        let s = json(
            r#"{"error":{"code":"InvalidRequest","message":"Invalid filter clause","target":"$filter",
               "innerError":{"date":"2024-01-01T00:00:00","request-id":"9f1c","client-request-id":"9f1c-c"}}}"#,
        );
        assert_eq!(s.code.as_deref(), Some("InvalidRequest"));
        assert_eq!(s.request_id.as_deref(), Some("9f1c"));
        assert_eq!(
            s.issues,
            vec![issue(
                Location::Unknown,
                vec![key("$filter")],
                "$filter",
                "Invalid filter clause",
                Some("InvalidRequest")
            )]
        );
    }

    const DRF_NESTED: &str = r#"{ "email": ["Enter a valid email address."],
      "profile": { "age": ["A valid integer is required."] },
      "items": [ {}, { "sku": ["This field is required."] } ],
      "non_field_errors": ["The fields start, end must make a unique set."] }"#;

    #[test]
    fn drf_nested_errors_and_non_field_errors() {
        let s = json(DRF_NESTED);
        assert_eq!(s.format, Some(BodyFormat::Drf));
        assert_eq!(
            s.issues,
            vec![
                issue(
                    Location::Unknown,
                    vec![key("email")],
                    "email",
                    "Enter a valid email address.",
                    None
                ),
                issue(
                    Location::Unknown,
                    vec![key("profile"), key("age")],
                    "profile.age",
                    "A valid integer is required.",
                    None
                ),
                issue(
                    Location::Unknown,
                    vec![key("items"), PathSeg::Index(1), key("sku")],
                    "items[1].sku",
                    "This field is required.",
                    None
                ),
                issue(
                    Location::Unknown,
                    vec![],
                    "non_field_errors",
                    "The fields start, end must make a unique set.",
                    None
                ),
            ]
        );
        assert_eq!(s.headline.as_deref(), Some("email: Enter a valid email address."));
    }

    #[test]
    fn drf_detail_string_is_the_headline() {
        let s = json(r#"{"detail": "Authentication credentials were not provided."}"#);
        assert_eq!(s.format, Some(BodyFormat::Drf));
        assert_eq!(
            s.headline.as_deref(),
            Some("Authentication credentials were not provided.")
        );
        assert!(s.issues.is_empty());
        assert_eq!(s.retry_hint, None);
    }

    #[test]
    fn drf_throttle_text_gives_a_retry_hint() {
        let s = json(r#"{"detail": "Request was throttled. Expected available in 17 seconds."}"#);
        assert_eq!(s.retry_hint, Some(Duration::from_secs(17)));
        assert_eq!(
            throttle_wait("Expected available in 1 second."),
            Some(Duration::from_secs(1))
        );
        assert_eq!(throttle_wait("Expected available in soon."), None);
    }

    #[test]
    fn drf_many_true_top_level_array() {
        let s = json(r#"[{}, {"name": ["This field is required."]}]"#);
        assert_eq!(s.format, Some(BodyFormat::Drf));
        assert_eq!(
            s.issues,
            vec![issue(
                Location::Unknown,
                vec![PathSeg::Index(1), key("name")],
                "[1].name",
                "This field is required.",
                None
            )]
        );
    }

    #[test]
    fn rails_errors_object_of_arrays() {
        let s = json(
            r#"{ "errors": { "email": ["can't be blank", "is invalid"], "age": ["must be greater than 0"] } }"#,
        );
        assert_eq!(s.format, Some(BodyFormat::Rails));
        assert_eq!(
            s.issues,
            vec![
                issue(
                    Location::Unknown,
                    vec![key("email")],
                    "email",
                    "can't be blank",
                    None
                ),
                issue(Location::Unknown, vec![key("email")], "email", "is invalid", None),
                issue(
                    Location::Unknown,
                    vec![key("age")],
                    "age",
                    "must be greater than 0",
                    None
                ),
            ]
        );
        assert_eq!(s.headline.as_deref(), Some("email: can't be blank"));
    }

    #[test]
    fn rails_bare_object_of_fragments_with_nested_attribute_keys() {
        let s = json(r#"{ "email": ["can't be blank"], "address.city": ["is too short"] }"#);
        assert_eq!(s.format, Some(BodyFormat::Rails));
        assert_eq!(
            s.issues,
            vec![
                issue(
                    Location::Unknown,
                    vec![key("email")],
                    "email",
                    "can't be blank",
                    None
                ),
                issue(
                    Location::Unknown,
                    vec![key("address"), key("city")],
                    "address.city",
                    "is too short",
                    None
                ),
            ]
        );
    }

    #[test]
    fn rails_full_message_strings_keep_an_empty_path() {
        let s = json(r#"{ "errors": ["Email can't be blank", "Age must be greater than 0"] }"#);
        assert_eq!(s.format, Some(BodyFormat::Rails));
        assert_eq!(
            s.issues,
            vec![
                issue(Location::Unknown, vec![], "", "Email can't be blank", None),
                issue(Location::Unknown, vec![], "", "Age must be greater than 0", None),
            ]
        );
        assert_eq!(s.headline.as_deref(), Some("Email can't be blank"));
    }

    #[test]
    fn aspnet_validation_problem_details() {
        let s = parse(
            "application/problem+json; charset=utf-8",
            r#"{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.",
               "status":400,"errors":{"Name":["The Name field is required."],
               "$.age":["The JSON value could not be converted to System.Int32. Path: $.age | LineNumber: 0 | BytePositionInLine: 12."],
               "":["A non-empty request body is required."]},"traceId":"00-abc-def-00"}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::AspNet));
        assert_eq!(
            s.headline.as_deref(),
            Some("One or more validation errors occurred.")
        );
        assert_eq!(s.request_id.as_deref(), Some("00-abc-def-00"));
        assert_eq!(
            s.code.as_deref(),
            Some("https://tools.ietf.org/html/rfc9110#section-15.5.1")
        );
        assert_eq!(
            s.issues,
            vec![
                issue(
                    Location::Unknown,
                    vec![key("Name")],
                    "Name",
                    "The Name field is required.",
                    None
                ),
                issue(
                    Location::Body,
                    vec![key("age")],
                    "$.age",
                    "The JSON value could not be converted to System.Int32. Path: $.age | LineNumber: 0 | BytePositionInLine: 12.",
                    None
                ),
                issue(
                    Location::Body,
                    vec![],
                    "",
                    "A non-empty request body is required.",
                    None
                ),
            ]
        );
    }

    #[test]
    fn aspnet_is_sniffed_from_plain_json_too() {
        let s = json(
            r#"{"title":"One or more validation errors occurred.","status":400,"errors":{"Name":["Required."]},"traceId":"t-1"}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::AspNet));
        assert_eq!(s.request_id.as_deref(), Some("t-1"));
    }

    #[test]
    fn laravel_dotted_keys() {
        let s = json(
            r#"{"message":"The email field is required. (and 1 more error)",
               "errors":{"email":["The email field is required."],"items.0.sku":["The items.0.sku field is required."]}}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::Laravel));
        assert_eq!(
            s.headline.as_deref(),
            Some("The email field is required. (and 1 more error)")
        );
        assert_eq!(
            s.issues,
            vec![
                issue(
                    Location::Unknown,
                    vec![key("email")],
                    "email",
                    "The email field is required.",
                    None
                ),
                issue(
                    Location::Unknown,
                    vec![key("items"), PathSeg::Index(0), key("sku")],
                    "items.0.sku",
                    "The items.0.sku field is required.",
                    None
                ),
            ]
        );
    }

    #[test]
    fn fastapi_pydantic_v2_locations() {
        let s = json(
            r#"{"detail":[
                {"type":"missing","loc":["body","name"],"msg":"Field required","input":{"age":3}},
                {"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"ten"},
                {"type":"missing","loc":["header","x-api-key"],"msg":"Field required","input":null},
                {"type":"string_too_short","loc":["body","items",1,"sku"],"msg":"String should have at least 3 characters"}]}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::FastApi));
        assert_eq!(s.headline.as_deref(), Some("name: Field required"));
        assert_eq!(
            s.issues,
            vec![
                issue(
                    Location::Body,
                    vec![key("name")],
                    r#"["body","name"]"#,
                    "Field required",
                    Some("missing")
                ),
                issue(
                    Location::Query,
                    vec![key("limit")],
                    r#"["query","limit"]"#,
                    "Input should be a valid integer, unable to parse string as an integer",
                    Some("int_parsing")
                ),
                issue(
                    Location::Header,
                    vec![key("x-api-key")],
                    r#"["header","x-api-key"]"#,
                    "Field required",
                    Some("missing")
                ),
                issue(
                    Location::Body,
                    vec![key("items"), PathSeg::Index(1), key("sku")],
                    r#"["body","items",1,"sku"]"#,
                    "String should have at least 3 characters",
                    Some("string_too_short")
                ),
            ]
        );
    }

    #[test]
    fn fastapi_pydantic_v1_and_unknown_location_prefix() {
        let s = json(
            r#"{"detail":[{"loc":["body","age"],"msg":"field required","type":"value_error.missing"},
                          {"loc":["age"],"msg":"value is not a valid integer","type":"type_error.integer"}]}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::FastApi));
        assert_eq!(
            s.issues,
            vec![
                issue(
                    Location::Body,
                    vec![key("age")],
                    r#"["body","age"]"#,
                    "field required",
                    Some("value_error.missing")
                ),
                issue(
                    Location::Unknown,
                    vec![key("age")],
                    r#"["age"]"#,
                    "value is not a valid integer",
                    Some("type_error.integer")
                ),
            ]
        );
    }

    #[test]
    fn oauth_token_error() {
        let s = json(
            r#"{"error":"invalid_grant","error_description":"Refresh token expired","error_uri":"https://auth.example.com/docs/errors#invalid_grant"}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::OAuth));
        assert_eq!(s.code.as_deref(), Some("invalid_grant"));
        assert_eq!(s.headline.as_deref(), Some("Refresh token expired"));
        assert_eq!(
            s.doc_url.as_deref(),
            Some("https://auth.example.com/docs/errors#invalid_grant")
        );
    }

    #[test]
    fn oauth_error_without_description() {
        let s = json(r#"{"error":"invalid_client"}"#);
        assert_eq!(s.format, Some(BodyFormat::OAuth));
        assert_eq!(s.headline.as_deref(), Some("invalid_client"));
    }

    #[test]
    fn graphql_errors_are_counted_and_give_no_field_issues() {
        let s = json(
            r#"{"errors":[{"message":"Name for character with ID 1002 could not be fetched.","locations":[{"line":2,"column":3}],
                "path":["user","friends",1,"name"],"extensions":{"code":"BAD_USER_INPUT"}},
                {"message":"second"}],"data":null}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::GraphQl));
        assert_eq!(s.graphql_errors, 2);
        assert_eq!(
            s.headline.as_deref(),
            Some("Name for character with ID 1002 could not be fetched.")
        );
        assert_eq!(s.code.as_deref(), Some("BAD_USER_INPUT"));
        assert!(s.issues.is_empty());
    }

    #[test]
    fn aws_json_type_loses_its_namespace() {
        let s = parse(
            "application/x-amz-json-1.0",
            r#"{"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"1 validation error detected"}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::AwsJson));
        assert_eq!(s.code.as_deref(), Some("ValidationException"));
        assert_eq!(s.headline.as_deref(), Some("1 validation error detected"));
    }

    #[test]
    fn api_gateway_message_is_generic() {
        let s = json(r#"{"message":"Missing Authentication Token"}"#);
        assert_eq!(s.format, Some(BodyFormat::GenericJson));
        assert_eq!(s.headline.as_deref(), Some("Missing Authentication Token"));
    }

    #[test]
    fn aws_rest_xml_error() {
        let s = parse(
            "application/xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code>\
             <Message>The request signature we calculated does not match the signature you provided.</Message>\
             <RequestId>4442587FB7D0A2F9</RequestId><HostId>abc=</HostId></Error>",
        );
        assert_eq!(s.format, Some(BodyFormat::AwsXml));
        assert_eq!(s.code.as_deref(), Some("SignatureDoesNotMatch"));
        assert_eq!(
            s.headline.as_deref(),
            Some("The request signature we calculated does not match the signature you provided.")
        );
        assert_eq!(s.request_id.as_deref(), Some("4442587FB7D0A2F9"));
    }

    #[test]
    fn problem_xml_is_read_as_problem_details() {
        let s = parse(
            "application/problem+xml",
            r#"<?xml version="1.0"?><problem xmlns="urn:ietf:rfc:7807"><type>https://example.com/probs/out-of-credit</type>
               <title>You do not have enough credit.</title><detail>Balance is 30, cost is 50.</detail></problem>"#,
        );
        assert_eq!(s.format, Some(BodyFormat::ProblemJson));
        assert_eq!(s.headline.as_deref(), Some("Balance is 30, cost is 50."));
        assert_eq!(s.code.as_deref(), Some("https://example.com/probs/out-of-credit"));
        assert_eq!(
            s.problem_type.as_deref(),
            Some("https://example.com/probs/out-of-credit")
        );
    }

    #[test]
    fn spring_default_error_attributes() {
        let s = json(
            r#"{"timestamp":"2024-05-01T10:00:00.000+00:00","status":400,"error":"Bad Request","message":"Validation failed for object='user'",
               "errors":[{"field":"email","defaultMessage":"must be a well-formed email address","code":"Email"}],"path":"/api/users"}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::Spring));
        assert_eq!(s.headline.as_deref(), Some("Validation failed for object='user'"));
        assert_eq!(
            s.issues,
            vec![issue(
                Location::Unknown,
                vec![key("email")],
                "email",
                "must be a well-formed email address",
                Some("Email")
            )]
        );
        let bare =
            json(r#"{"timestamp":"2024-05-01T10:00:00Z","status":404,"error":"Not Found","path":"/api/x"}"#);
        assert_eq!(bare.headline.as_deref(), Some("Not Found"));
    }

    #[test]
    fn slack_ok_false() {
        let s = json(r#"{"ok":false,"error":"invalid_auth"}"#);
        assert_eq!(s.format, Some(BodyFormat::SlackStyle));
        assert!(s.slack_ok_false);
        assert_eq!(s.code.as_deref(), Some("invalid_auth"));
        assert_eq!(s.headline.as_deref(), Some("invalid_auth"));
    }

    #[test]
    fn generic_json_message_code_and_request_id() {
        let s = json(r#"{"error":{"message":"Something broke","code":1001},"request_id":"req_9"}"#);
        assert_eq!(s.format, Some(BodyFormat::GenericJson));
        assert_eq!(s.headline.as_deref(), Some("Something broke"));
        assert_eq!(s.code.as_deref(), Some("1001"));
        assert_eq!(s.request_id.as_deref(), Some("req_9"));
    }

    #[test]
    fn html_title_then_h1() {
        let s = parse(
            "text/html",
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center></body></html>",
        );
        assert_eq!(s.format, Some(BodyFormat::Html));
        assert_eq!(s.headline.as_deref(), Some("502 Bad Gateway"));
        let h1 = parse_error_body(None, b"<!DOCTYPE html><html><body><H1 class=\"x\">Access <b>Denied</b> &amp; logged</H1></body></html>");
        assert_eq!(h1.format, Some(BodyFormat::Html));
        assert_eq!(h1.headline.as_deref(), Some("Access Denied & logged"));
    }

    #[test]
    fn html_without_title_or_h1_uses_its_first_text() {
        let s = parse(
            "text/html",
            "<html><body><p>\n  Service &#39;x&#x27; down </p></body></html>",
        );
        assert_eq!(s.headline.as_deref(), Some("Service 'x' down"));
    }

    #[test]
    fn plain_text_first_line() {
        let s = parse(
            "text/plain",
            "\n\n  upstream connect error or disconnect/reset before headers  \nreset reason: overflow\n",
        );
        assert_eq!(s.format, Some(BodyFormat::PlainText));
        assert_eq!(
            s.headline.as_deref(),
            Some("upstream connect error or disconnect/reset before headers")
        );
    }

    #[test]
    fn invalid_json_falls_back_to_text() {
        let s = json("{\"message\": \"unterminated");
        assert_eq!(s.format, Some(BodyFormat::PlainText));
        assert_eq!(s.headline.as_deref(), Some("{\"message\": \"unterminated"));
    }

    #[test]
    fn empty_and_whitespace_bodies_are_empty() {
        for body in [&b""[..], b"  \r\n\t", b"\xEF\xBB\xBF"] {
            let s = parse_error_body(Some("application/json"), body);
            assert_eq!(
                s,
                ErrorSummary {
                    format: Some(BodyFormat::Empty),
                    ..ErrorSummary::default()
                }
            );
        }
    }

    #[test]
    fn garbage_bytes_read_as_nothing() {
        let s = parse_error_body(
            Some("application/octet-stream"),
            &[0x89, b'P', b'N', b'G', 0, 0x1a, 0xff, 0xfe, 0x03],
        );
        assert_eq!(s, ErrorSummary::default());
        let s = parse_error_body(None, &[0xff, 0xfe, 0xfd, 0xc3, 0x28, 0xa0, 0xa1, 0x01, 0x02]);
        assert_eq!(s.format, None);
    }

    #[test]
    fn headline_is_one_line_and_capped_at_300_characters() {
        let long = "é".repeat(400);
        let s = json(&format!(r#"{{"message":"first\nsecond\t {long}"}}"#));
        let headline = s.headline.unwrap_or_default();
        assert_eq!(headline.chars().count(), 300);
        assert!(headline.starts_with("first second éé"));
        assert!(headline.ends_with('…'));
        assert!(!headline.contains('\n'));
    }

    #[test]
    fn bodies_over_one_mebibyte_are_not_parsed_as_json() {
        let mut body = String::from(r#"{"message":"big","pad":""#);
        body.push_str(&"x".repeat(JSON_LIMIT));
        body.push_str("\"}");
        let s = json(&body);
        assert_eq!(s.format, Some(BodyFormat::PlainText));
        assert!(s.headline.unwrap_or_default().starts_with("{\"message\":\"big\""));
    }

    #[test]
    fn deeply_nested_json_does_not_overflow() {
        let body = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert_eq!(json(&body).format, Some(BodyFormat::PlainText));
        let nested = format!("{}[\"x\"]{}", "{\"a\":".repeat(100), "}".repeat(100));
        assert_eq!(
            json(&nested).format,
            Some(BodyFormat::GenericJson),
            "too deep for DRF sniffing"
        );
        let deep_errors = format!(r#"{{"title":"t","errors":{{"f":{nested}}}}}"#);
        let s = parse("application/problem+json", &deep_errors);
        assert!(s.issues.is_empty(), "deeper than the walk limit: {:?}", s.issues);
        let shallow = format!(
            r#"{{"title":"t","errors":{{"f":{}["x"]{}}}}}"#,
            "{\"a\":".repeat(3),
            "}".repeat(3)
        );
        let s = parse("application/problem+json", &shallow);
        assert_eq!(s.issues.len(), 1);
        assert_eq!(s.issues[0].raw_path, "f.a.a.a");
    }

    #[test]
    fn generic_errors_array_gives_headline_and_named_fields() {
        let s = json(
            r#"{"errors":[{"message":"Rate limit exceeded","code":88},{"field":"q","message":"too long"}]}"#,
        );
        assert_eq!(s.format, Some(BodyFormat::GenericJson));
        assert_eq!(s.headline.as_deref(), Some("Rate limit exceeded"));
        assert_eq!(
            s.issues,
            vec![issue(Location::Unknown, vec![key("q")], "q", "too long", None)]
        );
    }

    #[test]
    fn pseudo_random_bytes_never_panic() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet: &[u8] = b"{}[]\":,<>/!-abcdefXYZ0123456789 \n\t\\.#$&;errorsdetailmessage";
        let pick = |r: u64, len: usize| usize::try_from(r % u64::try_from(len).unwrap_or(1)).unwrap_or(0);
        let content_types = [
            None,
            Some("application/json"),
            Some("application/problem+json"),
            Some("text/html"),
            Some("application/xml"),
        ];
        for round in 0..400_usize {
            let len = pick(next(), 300);
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if round % 2 == 0 {
                        alphabet[pick(r, alphabet.len())]
                    } else {
                        r.to_le_bytes()[0]
                    }
                })
                .collect();
            let content_type = content_types[round % content_types.len()];
            let s = parse_error_body(content_type, &bytes);
            assert!(
                s.headline
                    .as_ref()
                    .is_none_or(|h| h.chars().count() <= TEXT_MAX && !h.contains('\n'))
            );
        }
    }

    #[test]
    fn structured_json_fragments_around_known_shapes_never_panic() {
        let bodies = [
            r#"{"error":{"code":400,"status":"X","details":[1,{"@type":5},{"@type":"x.BadRequest","fieldViolations":[3,{"field":7}]}]}}"#,
            r#"{"error":{"code":"A","innererror":{"innererror":{"innererror":{}}},"details":[{"details":[{"target":1}]}]}}"#,
            r#"{"errors":[{"source":{"pointer":5}},{"source":null,"status":"1"}]}"#,
            r#"{"detail":[{"loc":"body","msg":1},{"loc":[],"msg":"x"}]}"#,
            r#"{"error":{"type":"card_error","param":null}}"#,
            r#"{"message":"m","documentation_url":3,"errors":[null,1,["x"],{"field":null}]}"#,
            r#"{"error":{"code":400,"errors":[{"location":3},{}]}}"#,
            r#"{"error":{"status":"S","code":1,"details":[{"@type":"x.RetryInfo","retryDelay":"1e400s"}]}}"#,
        ];
        for body in bodies {
            let _ = json(body);
        }
    }
}
