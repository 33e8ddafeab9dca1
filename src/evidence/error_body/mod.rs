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
//!
//! This file holds the summary types and the entry point. The stages live beside it: `json`
//! (the JSON pipeline), `sniff` (which format it is), one extractor module per family of
//! formats (`problem`, `google`, `microsoft`, `vendors`, `frameworks`, `generic`), `walk` (the
//! shared error-tree walk), `access` (member lookups) and `text` (XML, HTML, plain text).

mod access;
mod frameworks;
mod generic;
mod google;
mod json;
mod microsoft;
mod problem;
mod sniff;
mod text;
mod vendors;
mod walk;

#[cfg(test)]
mod tests;

use std::time::Duration;

use serde_json::Value;

use self::json::from_json;
use self::text::from_text;
use super::field_path::{self, PathSeg};

pub use frameworks::throttle_wait;
pub use google::proto_duration;

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
    parse_error_body_parsed(content_type, body, body_json(content_type, body).as_ref())
}

/// The body as JSON, read the way [`parse_error_body`] reads it: without a byte-order mark, up
/// to 1 MiB, when the type says JSON or the body starts like JSON.
pub fn body_json(content_type: Option<&str>, body: &[u8]) -> Option<Value> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    (body.len() <= JSON_LIMIT && looks_like_json(&media_type(content_type), body))
        .then(|| serde_json::from_slice(body).ok())
        .flatten()
}

/// [`parse_error_body`] of a body the caller already parsed with [`body_json`].
pub fn parse_error_body_parsed(
    content_type: Option<&str>,
    body: &[u8],
    json: Option<&Value>,
) -> ErrorSummary {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if body.iter().all(u8::is_ascii_whitespace) {
        return ErrorSummary {
            format: Some(BodyFormat::Empty),
            ..ErrorSummary::default()
        };
    }
    let media = media_type(content_type);
    if let Some(value) = json {
        return finish(from_json(&media, value));
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
    content_type.map(crate::media_type::essence).unwrap_or_default()
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
