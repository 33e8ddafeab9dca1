//! What an error body says, whatever its format: the summary, the field issues it names and
//! where they point, and the limits every reader of a body respects.

use std::time::Duration;

use crate::evidence::field_path::{self, PathSeg};

/// Longest headline or message kept, in characters, including the `…`.
pub(super) const TEXT_MAX: usize = 300;
/// Most field issues kept; a body listing thousands adds nothing to a checklist.
pub(super) const MAX_ISSUES: usize = 200;
/// Deepest nesting walked in DRF-style error trees and Microsoft `details`/`innererror` chains.
pub(super) const MAX_DEPTH: usize = 32;

/// The error-body format a server used (docs/diagnosis.md §Error bodies).
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
    /// An XML error document: AWS REST-XML (S3) and Azure Storage `<Error><Code>`, SOAP
    /// faults, any document with a message element.
    AwsXml,
    /// Spring Boot's default error attributes.
    Spring,
    /// `{"ok": false, "error": "…"}`, often with status 200.
    SlackStyle,
    GenericJson,
    /// Newline-delimited JSON (NDJSON, JSON Lines): one JSON value per line.
    Ndjson,
    Html,
    PlainText,
    Empty,
}

impl BodyFormat {
    /// Whether the body was JSON of some kind (an API's own answer, as a rule).
    pub fn is_json(self) -> bool {
        !matches!(
            self,
            BodyFormat::AwsXml | BodyFormat::Html | BodyFormat::PlainText | BodyFormat::Empty
        )
    }

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
            BodyFormat::AwsXml => "XML error document",
            BodyFormat::Spring => "Spring Boot error",
            BodyFormat::SlackStyle => "\"ok\": false",
            BodyFormat::GenericJson => "JSON",
            BodyFormat::Ndjson => "NDJSON",
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

impl ErrorSummary {
    /// A SOAP fault whose code puts the fault with the sender (`soap:Client`,
    /// `soap-env:Client.InvalidSecurityToken`, SOAP 1.2 `env:Sender`). SOAP 1.1 answers every
    /// fault with 500 (§6.2 of the SOAP 1.1 note), so its code, not the status, says whose
    /// fault it is.
    pub fn soap_sender_fault(&self) -> bool {
        if self.format != Some(BodyFormat::AwsXml) {
            return false;
        }
        self.code.as_deref().is_some_and(|code| {
            let local = code.rsplit_once(':').map_or(code, |(_, local)| local);
            let class = local.split('.').next().unwrap_or(local);
            class.eq_ignore_ascii_case("client") || class.eq_ignore_ascii_case("sender")
        })
    }
}

impl FieldIssue {
    /// The path for people: `a.b[0]`, without a JSON:API `data.attributes` wrapper.
    pub fn display_path(&self) -> String {
        field_path::display(field_path::strip_json_api_prefix(&self.path))
    }
}

/// What an error body says, whatever its format (docs/diagnosis.md §Error bodies).
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
    /// Further things the body says beyond the headline, in order: other messages of a JSON
    /// body (`details[].description`, a second error), the elements of an XML error that name
    /// what was wrong (`BucketName: acme-reprots`). At most five, each one line.
    pub details: Vec<String>,
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

/// Whether a reason says more than its status code: it has a word beyond the status phrase
/// and the stock vocabulary of error pages ("Not Found", "Error 404", "The requested resource
/// could not be found on this server", "Something went wrong", "Application Error").
pub fn informative(text: &str, status: u16, standard_reason: &str) -> bool {
    const STOCK: &[&str] = &[
        "a",
        "an",
        "the",
        "this",
        "that",
        "on",
        "of",
        "in",
        "for",
        "to",
        "is",
        "was",
        "be",
        "has",
        "have",
        "been",
        "and",
        "or",
        "not",
        "no",
        "could",
        "can",
        "cannot",
        "couldn",
        "t",
        "s",
        "does",
        "do",
        "did",
        "your",
        "you",
        "we",
        "our",
        "sorry",
        "please",
        "try",
        "again",
        "later",
        "error",
        "errors",
        "err",
        "http",
        "https",
        "status",
        "code",
        "occurred",
        "occured",
        "an",
        "has",
        "unknown",
        "unexpected",
        "something",
        "went",
        "wrong",
        "oops",
        "problem",
        "issue",
        "failed",
        "failure",
        "fail",
        "request",
        "requested",
        "resource",
        "page",
        "server",
        "url",
        "uri",
        "found",
        "find",
        "exist",
        "exists",
        "application",
        "app",
        "service",
        "internal",
        "invalid",
        "bad",
        "unable",
        "process",
        "processing",
        "handle",
        "handling",
        "message",
        "available",
        "null",
        "none",
        "false",
        "undefined",
        "details",
        "detail",
        "exception",
        "response",
        "website",
        "site",
        "web",
        "while",
        "with",
        "at",
        "moment",
        "currently",
        "temporarily",
        "when",
        "satisfied",
        "complete",
        "completed",
        "fulfilled",
        "served",
    ];
    let status_text = status.to_string();
    let standard = standard_reason.to_lowercase();
    let standard_words: Vec<&str> = standard.split(|c: char| !c.is_alphanumeric()).collect();
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            w != status_text
                && !w.chars().all(|c| c.is_ascii_digit())
                && !standard_words.contains(&w)
                && !STOCK.contains(&w)
        })
}
