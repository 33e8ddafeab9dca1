//! Titles, one-line summaries and the static tips for each status and failure class.

use super::facts::Facts;
use crate::http::{FailureKind, Outcome};
use crate::request::PrepareError;

/// Headers that identify a request to the API's support, in the order vendors name them.
const SUPPORT_HEADERS: [&str; 7] = [
    "x-request-id",
    "x-amzn-requestid",
    "x-github-request-id",
    "cf-ray",
    "x-correlation-id",
    "traceparent",
    "request-id",
];

/// "Quote this in support requests: X-Request-Id: …" — a footer line, when there is an id.
pub fn support_ids(f: &Facts<'_>) -> Vec<String> {
    if f.status().is_none_or(|s| s < 400) {
        return Vec::new();
    }
    let from_header = SUPPORT_HEADERS
        .iter()
        .find_map(|h| f.header(h).map(|v| format!("{h}: {v}")));
    let from_body = f
        .error_body
        .request_id
        .as_ref()
        .map(|id| format!("request id {id}"));
    from_header
        .or(from_body)
        .map(|id| vec![format!("Quote this in support requests: {id}")])
        .unwrap_or_default()
}

/// `("401 Unauthorized", "The server did not accept your credentials.")`.
pub fn title_and_summary(outcome: Result<&Outcome, &PrepareError>) -> (String, String) {
    match outcome {
        Err(PrepareError::Template { .. } | PrepareError::NoSuchRequest { .. }) => (
            "Template error".to_owned(),
            "The request could not be built: a template did not resolve, so nothing was sent.".to_owned(),
        ),
        Err(PrepareError::File { .. }) => (
            "File not readable".to_owned(),
            "A file the request sends could not be read, so nothing was sent.".to_owned(),
        ),
        Err(PrepareError::UnknownEnvironment { .. }) => (
            "Unknown environment".to_owned(),
            "The selected environment does not exist in this collection, so nothing was sent.".to_owned(),
        ),
        Ok(Outcome::Failure(failure)) => {
            let (title, summary) = failure_text(failure.kind);
            (title.to_owned(), summary.to_owned())
        }
        Ok(Outcome::Response(exchange)) => {
            let head = &exchange.response.head;
            (
                format!("{} {}", head.status, head.reason),
                status_summary(head.status).to_owned(),
            )
        }
    }
}

fn failure_text(kind: FailureKind) -> (&'static str, &'static str) {
    match kind {
        FailureKind::InvalidUrl => (
            "Invalid request",
            "The URL or a header could not be used, so nothing was sent.",
        ),
        FailureKind::Template => (
            "Template error",
            "A template did not resolve, so nothing was sent.",
        ),
        FailureKind::Dns => (
            "DNS lookup failed",
            "The host name did not resolve to an address; the request never left this machine.",
        ),
        FailureKind::Connect => (
            "Connection failed",
            "No connection could be opened to the server; the request was not sent.",
        ),
        FailureKind::Reset => (
            "Connection reset",
            "The connection closed before a complete response; the server may or may not have acted on the request.",
        ),
        FailureKind::Tls => (
            "TLS handshake failed",
            "The secure connection could not be set up; the request was not sent.",
        ),
        FailureKind::Timeout => ("Timed out", "No complete response arrived within the time limit."),
        FailureKind::RedirectLoop => (
            "Too many redirects",
            "The server kept redirecting; apibench stopped following.",
        ),
        FailureKind::BodyTooLarge => (
            "Response too large",
            "The response body passed the size limit; apibench stopped reading it.",
        ),
        FailureKind::Other => (
            "Request failed",
            "The request failed for a reason apibench could not classify.",
        ),
    }
}

fn status_summary(status: u16) -> &'static str {
    match status {
        200..=299 => "The request succeeded.",
        300..=399 => "The server redirected the request.",
        400 => "The server rejected the request as malformed or invalid.",
        401 => "The server did not accept your credentials.",
        403 => "The server understood the request but refuses to allow it.",
        404 => "The server found nothing at this URL.",
        405 => "The URL exists but does not support this method.",
        406 => "The server cannot produce a response in a format you accept.",
        407 => "A proxy between you and the server wants credentials.",
        408 => "The server gave up waiting for the complete request.",
        409 => "The request conflicts with the current state of the resource.",
        410 => "The resource was removed on purpose and will not come back.",
        411 => "The server requires a Content-Length.",
        412 => "A condition in the request headers did not hold on the server.",
        413 => "The request body is larger than the server accepts.",
        414 => "The URL is longer than the server accepts.",
        415 => "The server does not accept the body's format.",
        422 => "The body was understood but its content is not valid.",
        428 => "The server requires a conditional request (If-Match) to prevent lost updates.",
        429 => "You sent too many requests; the server wants you to slow down.",
        431 => "The request headers are larger than the server accepts.",
        _ if status < 500 => "The server rejected the request.",
        500 => "The server failed while handling the request.",
        501 => "The server does not implement what the request asks for.",
        502 => "A gateway or proxy got a bad answer from the server behind it.",
        503 => "The service is temporarily unavailable.",
        504 => "A gateway or proxy timed out waiting for the server behind it.",
        _ if status < 600 => "The server failed.",
        _ => "The server answered with an unusual status.",
    }
}

/// Static advice, from what every API guide says for the code. Shown after the checks.
pub fn tips(outcome: Result<&Outcome, &PrepareError>) -> Vec<String> {
    let lines: &[&str] = match outcome {
        Err(_) => {
            &["Check the variable names against the collection's variables and the selected environment."]
        }
        Ok(Outcome::Failure(failure)) => failure_tips(failure.kind),
        Ok(Outcome::Response(exchange)) => status_tips(exchange.response.status()),
    };
    lines.iter().map(|s| (*s).to_owned()).collect()
}

fn status_tips(status: u16) -> &'static [&'static str] {
    match status {
        400 => &[
            "Check required parameters, data types and JSON syntax against the endpoint's documentation.",
            "Never resend a 400 unchanged: fix the request first.",
        ],
        401 => &[
            "Confirm the header name and scheme the API documents (Authorization: Bearer, X-API-Key, …).",
            "Regenerate the key or token, and check it belongs to this environment.",
        ],
        403 => &[
            "Verify that your account, plan or role allows this operation.",
            "Check the key belongs to the right project; retrying with the same credentials will not help.",
        ],
        404 => &[
            "Check the URL against the docs: typos, API version, plural or singular, the environment's base URL.",
            "Check that the id exists in this environment.",
        ],
        405 => &["Use a method the documentation lists for this URL."],
        406 => &["Send Accept: application/json or */*."],
        407 => &["Ask for proxy credentials, or bypass the proxy for this host (NO_PROXY)."],
        409 => &["Fetch the current state, reconcile, then resubmit."],
        410 => &["Migrate to the successor endpoint or API version."],
        411 => &["Send the body with a Content-Length."],
        412 => &["Re-read the resource and apply your change with the fresh ETag."],
        413 => &["Send a smaller body, or use the API's upload endpoint."],
        414 => &["Move large parameters into a POST body."],
        415 => &["Set Content-Type to the format the API documents (usually application/json)."],
        422 => {
            &["Check each field the server names against the documented types, formats and allowed values."]
        }
        428 => &["Read the resource first, then send its ETag in If-Match."],
        429 => &[
            "Slow down: wait for the time the server gives, then retry with exponential backoff and jitter.",
            "Check your plan's quotas if the limit is daily or monthly.",
        ],
        431 => &["Trim large headers: cookies and oversized tokens are the usual culprits."],
        500 => &[
            "Retry an idempotent request once or twice with backoff; if it persists, report it with the request id.",
            "Compare with the last request that worked: the difference is the likely trigger.",
        ],
        501 => &["Use a method or feature the server supports; check the API version."],
        502 => &[
            "The server behind the gateway failed or is restarting: retry idempotent requests with backoff.",
            "For POST and PATCH, check whether the change was applied before retrying.",
        ],
        503 => &[
            "Wait for the time in Retry-After (or back off), then retry.",
            "Check the service's status page for maintenance or incidents.",
        ],
        504 => &[
            "The server behind the gateway was too slow: ask for less (smaller pages, fewer expansions) or retry later.",
            "For unsafe methods, check whether the change was applied before retrying.",
        ],
        _ => &[],
    }
}

fn failure_tips(kind: FailureKind) -> &'static [&'static str] {
    match kind {
        FailureKind::InvalidUrl | FailureKind::Template => &["Fix the URL or header, then send again."],
        FailureKind::Dns => &[
            "Check the host name for typos and the environment's base URL.",
            "Private names need the VPN or cluster network they live in.",
        ],
        FailureKind::Connect => &[
            "Check that the service is running and listening on that host and port.",
            "Nothing reached the server, so retrying is safe once it is up.",
        ],
        FailureKind::Reset => &[
            "Idempotent requests (GET, PUT, DELETE) are safe to retry on a new connection.",
            "For POST and PATCH, check whether the change was applied before retrying.",
        ],
        FailureKind::Tls => &[
            "Check the host name matches the certificate and that the port speaks TLS.",
            "Only for servers you control: insecure_tls: true skips verification.",
        ],
        FailureKind::Timeout => &[
            "Raise the request's timeout if the endpoint is known to be slow, or ask for less data.",
            "A response timeout on POST may still have been processed; check before retrying.",
        ],
        FailureKind::RedirectLoop => &["Call the final URL directly, and check the server's redirect rules."],
        FailureKind::BodyTooLarge => &["Raise max_body for this request, or ask the API for smaller pages."],
        FailureKind::Other => &["Look at the raw error chain for the underlying cause."],
    }
}
