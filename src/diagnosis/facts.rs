//! The exchange record every rule reads: the input, plus everything derived from it — parsed
//! headers, the error body, the request body as data, the bearer token's claims, Retry-After,
//! the body as text, the credentials and placeholders sent. All of it is computed before the
//! rules run (parsing is capped by `PARSE_LIMIT`, so this stays cheap), and `Facts` is plain
//! data the rules only read: two rules asking the same thing read the same answer, and no
//! rule fills in what another reads.

use std::borrow::Cow;
use std::time::SystemTime;

use serde_json::Value;
use url::Url;

use super::clock::Clock;
use super::input::{HistoryEntry, Input};
use super::sent::body::{PARSE_LIMIT, SentBody, as_data};
use super::sent::credentials::{self, Credential};
use super::sent::placeholders::{self, Placeholder};
use crate::collection::Collection;
use crate::evidence::challenge::{Challenge, parse_challenges};
use crate::evidence::crossref::{Presence, SentData, fields_named_in, locate};
use crate::evidence::error_body::{
    ErrorSummary, FieldIssue, Location, Reported, body_json, json_lines, parse_error_body_parsed,
    reported_by_headers, reported_failure,
};
use crate::evidence::intermediary::{Generator, fingerprint_parsed};
use crate::evidence::jwt::{JwtClaims, decode_jwt};
use crate::evidence::ratelimit::{RateLimits, parse_rate_limits};
use crate::evidence::retry_after::{RetryAfter, parse_http_date, parse_retry_after};
use crate::evidence::stated_reason::{StatedReason, stated_reason};
use crate::http::{Exchange, Failure, Hop, Outcome, ResponseHead, SentRequest};
use crate::request::{PrepareError, Written};

/// Everything rules look at, derived once per diagnosis.
pub struct Facts<'a> {
    /// The clock as the response arrived (`now` is `received_at`): for wall-clock times in
    /// evidence. Nothing a rule says depends on the present; what reads against it ("in 24 s")
    /// is a `Phrase`, read when the checklist is.
    pub clock: Clock,
    pub written: Option<&'a Written>,
    pub collection: Option<&'a Collection>,
    pub history: &'a [HistoryEntry],
    pub prepare_error: Option<&'a PrepareError>,
    pub failure: Option<&'a Failure>,
    pub exchange: Option<&'a Exchange>,
    /// The last request that went out (or was about to).
    pub sent: Option<&'a SentRequest>,
    /// The first request, before any redirect changed it: what the person composed.
    pub first_sent: Option<&'a SentRequest>,
    pub hops: &'a [Hop],
    /// Status line and headers of the final response, if any arrived.
    pub head: Option<&'a ResponseHead>,
    pub body: &'a [u8],
    /// The body's full size: more than `body` holds when it was too large to hold (then
    /// `body` is its start, and what needs all of it is not judged).
    pub body_len: u64,
    /// When the response (or the failure) arrived.
    pub received_at: SystemTime,
    pub server_date: Option<SystemTime>,
    pub url: Option<Url>,
    pub error_body: ErrorSummary,
    pub sent_json: Option<Value>,
    /// Why the request body did not parse as JSON, when it was read as JSON (not a form).
    pub sent_json_error: Option<serde_json::Error>,
    pub sent_form: Vec<(String, String)>,
    pub sent_query: Vec<(String, String)>,
    pub rate_limits: RateLimits,
    pub challenges: Vec<Challenge>,
    pub proxy_challenges: Vec<Challenge>,
    pub generator: Option<Generator>,
    /// The response body as text, lossily and at most `PARSE_LIMIT` bytes, for keyword checks.
    pub body_text: Cow<'a, str>,
    /// The same in lower case, for case-insensitive keyword checks.
    pub body_lower: String,
    /// The claims of the bearer token sent, when it is a JWT.
    pub bearer_claims: Option<JwtClaims>,
    /// The response's Retry-After, parsed; the error is a short reason for the evidence.
    pub retry_after: Option<Result<RetryAfter, String>>,
    /// Every credential in the final request, redacted for evidence.
    pub credentials: Vec<Credential>,
    /// Every unresolved placeholder in what was sent, in the order the URL, headers and body
    /// hold them.
    pub placeholders: Vec<Placeholder>,
    /// What the server says went wrong, from its body, a challenge, a reason header or its
    /// status line (docs/diagnosis.md §The server's stated reason).
    pub stated: Option<StatedReason>,
    /// For a success: the failure its body reports, if it reports one (docs/diagnosis.md
    /// §Failures inside a success).
    pub reported: Option<Reported>,
    /// With a cookie jar: the cookies it held for the URL that had expired when the request
    /// left. `None` without a jar.
    pub expired_cookies: Option<&'a [crate::http::cookies::ExpiredCookie]>,
    /// The API's description, when the collection names one.
    pub api: Option<&'a super::api_description::ApiDescription>,
}

impl<'a> Facts<'a> {
    pub fn new(input: &Input<'a>, clock: &Clock) -> Self {
        let (outcome, prepare_error) = match input.outcome {
            Ok(outcome) => (Some(outcome), None),
            Err(error) => (None, Some(error)),
        };
        let exchange = outcome.and_then(Outcome::exchange);
        let failure = outcome.and_then(Outcome::failure);
        let sent = outcome.and_then(Outcome::sent);
        let hops = outcome.map_or(&[][..], Outcome::hops);
        let first_sent = hops.first().map(|h| &h.request).or(sent);
        let head = exchange
            .map(|e| &e.response.head)
            .or_else(|| failure.and_then(|f| f.response.as_ref()));
        let body: &[u8] = exchange.map_or(&[], |e| &e.response.body);
        let body_len = exchange.map_or(0, |e| e.response.body_len());
        let whole = exchange.is_none_or(|e| e.response.body_is_whole());
        let received_at = outcome.map_or(clock.now, |o| {
            let t = o.timing();
            t.started_at + t.total
        });
        let server_date = head.and_then(|h| h.header("date")).and_then(parse_http_date);
        let url = sent.and_then(|s| Url::parse(&s.url).ok());
        let content_type = head.and_then(|h| h.header("content-type"));
        // The response body is parsed as JSON once, for the error body and the fingerprint.
        let parsed = head.is_some() && whole && body.len() <= PARSE_LIMIT;
        let response_json = parsed.then(|| body_json(content_type, body)).flatten();
        let mut error_body = if parsed {
            parse_error_body_parsed(content_type, body, response_json.as_ref())
        } else {
            ErrorSummary::default()
        };
        let SentBody {
            json: sent_json,
            json_error: sent_json_error,
            form: sent_form,
        } = sent.map(as_data).unwrap_or_default();
        let sent_query: Vec<(String, String)> = url
            .as_ref()
            .map(|u| {
                u.query_pairs()
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let headers: &[(String, String)] = head.map_or(&[], |h| &h.headers);
        let body_text = String::from_utf8_lossy(&body[..body.len().min(PARSE_LIMIT)]);
        let body_lower = body_text.to_ascii_lowercase();
        let bearer_claims = authorization(sent)
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .and_then(|(_, token)| decode_jwt(token));
        let mut credentials = credentials::find(sent, &sent_query, sent_json.as_ref(), &sent_form);
        if credentials.is_empty() {
            credentials.extend(credentials::from_auth_helper(input.written, sent, &sent_query));
        }
        credentials::trace_chained(&mut credentials, input.written);
        let placeholders = placeholders::find(url.as_ref(), &sent_query, sent);
        let challenges = parse_challenges(head.into_iter().flat_map(|h| h.header_all("www-authenticate")));
        let stated = head.and_then(|h| {
            stated_reason(
                h.status,
                h.standard_reason(),
                &h.reason,
                &h.headers,
                &error_body,
                &challenges,
            )
        });
        // A body that names fields only in its words ("Required field 'reference' is not
        // provided.") names them as well as one with a field list.
        if error_body.issues.is_empty()
            && let Some(reason) = stated.as_ref().filter(|r| r.informative)
        {
            let sent = SentData {
                json: sent_json.as_ref(),
                form: &sent_form,
                query: &sent_query,
                headers: sent.map_or(&[], |s| &s.headers),
            };
            error_body.issues = std::iter::once(&reason.text)
                .chain(&reason.details)
                .flat_map(|message| issues_named_in(message, &sent))
                .collect();
        }
        let reported = head
            .filter(|h| (200..300).contains(&h.status) && parsed)
            .and_then(|h| {
                reported_failure(response_json.as_ref(), json_lines(body).as_deref())
                    .or_else(|| reported_by_headers(&h.headers, response_json.as_ref()))
            });
        Self {
            clock: clock.at(received_at),
            written: input.written,
            expired_cookies: input.expired_cookies,
            api: input.api,
            collection: input.collection,
            history: input.history,
            prepare_error,
            failure,
            exchange,
            sent,
            first_sent,
            hops,
            head,
            body,
            body_len,
            received_at,
            server_date,
            url,
            error_body,
            sent_json,
            sent_json_error,
            sent_form,
            sent_query,
            rate_limits: parse_rate_limits(headers, received_at, server_date),
            challenges,
            proxy_challenges: parse_challenges(
                head.into_iter().flat_map(|h| h.header_all("proxy-authenticate")),
            ),
            generator: head
                .map(|h| fingerprint_parsed(&h.headers, content_type, body, response_json.as_ref())),
            body_text,
            body_lower,
            bearer_claims,
            retry_after: head.and_then(|h| h.header("retry-after")).map(parse_retry_after),
            credentials,
            placeholders,
            stated,
            reported,
        }
    }

    pub fn status(&self) -> Option<u16> {
        self.head.filter(|_| self.exchange.is_some()).map(|h| h.status)
    }

    /// A response header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.head.and_then(|h| h.header(name))
    }

    /// A header of the request as sent.
    pub fn sent_header(&self, name: &str) -> Option<&'a str> {
        self.sent.and_then(|s| s.header(name))
    }

    pub fn method(&self) -> &'a str {
        self.sent.map_or("GET", |s| s.method.as_str())
    }

    pub fn host(&self) -> String {
        self.url
            .as_ref()
            .and_then(|u| u.host_str())
            .unwrap_or("the server")
            .to_owned()
    }

    /// `host:port` as connected to.
    pub fn authority(&self) -> String {
        match &self.url {
            Some(u) => match u.port_or_known_default() {
                Some(port) => format!("{}:{port}", u.host_str().unwrap_or_default()),
                None => u.host_str().unwrap_or_default().to_owned(),
            },
            None => "the server".to_owned(),
        }
    }

    /// The scheme and credential of the Authorization header as sent.
    pub fn authorization(&self) -> Option<(&'a str, &'a str)> {
        authorization(self.sent)
    }

    /// What the cross-reference of error-body fields looks in.
    pub fn sent_data(&self) -> SentData<'_> {
        SentData {
            json: self.sent_json.as_ref(),
            form: &self.sent_form,
            query: &self.sent_query,
            headers: self.sent.map_or(&[], |s| &s.headers),
        }
    }

    /// Whether the method is idempotent (RFC 9110 §9.2.2).
    pub fn idempotent(&self) -> bool {
        matches!(
            self.method(),
            "GET" | "HEAD" | "OPTIONS" | "TRACE" | "PUT" | "DELETE"
        )
    }

    /// Other requests of the same collection, written URLs, for "differs from siblings".
    pub fn sibling_urls(&self) -> Vec<&'a str> {
        let (Some(collection), Some(written)) = (self.collection, self.written) else {
            return Vec::new();
        };
        collection
            .requests()
            .into_iter()
            .filter(|(path, _)| *path != written.path)
            .map(|(_, r)| r.url.as_str())
            .collect()
    }
}

/// The fields a message names in its words, as field issues carrying the message: those it
/// says are fields, and words that name something the request has.
fn issues_named_in(message: &str, sent: &SentData<'_>) -> Vec<FieldIssue> {
    fields_named_in(message)
        .into_iter()
        .map(|(name, explicit)| {
            let issue = FieldIssue {
                location: Location::Unknown,
                path: crate::evidence::field_path::from_any(&name),
                raw_path: name,
                message: Some(message.to_owned()),
                code: None,
            };
            (issue, explicit)
        })
        .filter(|(issue, explicit)| {
            *explicit
                || !matches!(
                    locate(issue, sent),
                    Presence::Missing { near: None } | Presence::CannotTell
                )
        })
        .map(|(issue, _)| issue)
        .collect()
}

/// The scheme and credential of the Authorization header of `sent`.
/// The Authorization value as (scheme, credential); a bare credential has no scheme (`""`),
/// so a key is never taken for a scheme name and quoted whole.
fn authorization(sent: Option<&SentRequest>) -> Option<(&str, &str)> {
    let value = sent?.header("authorization")?.trim();
    Some(value.split_once(' ').map_or(("", value), |(s, c)| (s, c.trim())))
}

#[cfg(test)]
mod tests {
    use crate::diagnosis::tests::{Ex, with_facts};

    #[test]
    fn what_rules_share_is_computed_before_they_run() {
        // {"exp":1} as a JWT payload.
        let ex = Ex::get("https://api.example.com/")
            .header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJleHAiOjF9.c2ln")
            .status(429)
            .res("retry-after", "30")
            .res_body("Slow DOWN");
        with_facts(&ex, None, |f| {
            let claims = f.bearer_claims.as_ref().expect("the token is a JWT");
            assert_eq!(claims.exp, Some(1));
            assert!(
                std::ptr::eq(claims, f.bearer_claims.as_ref().unwrap()),
                "decoded again"
            );
            let retry = f.retry_after.as_ref().expect("Retry-After was sent");
            assert!(
                std::ptr::eq(retry, f.retry_after.as_ref().unwrap()),
                "parsed again"
            );
            assert_eq!(f.body_lower, "slow down");
            assert!(
                std::ptr::eq(f.body_lower.as_str(), f.body_lower.as_str()),
                "lower-cased again"
            );
            assert_eq!(f.body_text, "Slow DOWN");
            assert_eq!(f.authorization().map(|(scheme, _)| scheme), Some("Bearer"));
        });
    }

    /// One JSON parse feeds both readers of the response body.
    #[test]
    fn the_response_json_serves_the_error_body_and_the_fingerprint() {
        let body = "\u{feff}{\"message\":\"failure to get a peer from the ring-balancer\"}";
        let ex = Ex::get("https://api.example.com/").status(503).json(body);
        with_facts(&ex, None, |f| {
            assert_eq!(
                f.error_body.headline.as_deref(),
                Some("failure to get a peer from the ring-balancer")
            );
            let generator = f.generator.as_ref().expect("a response arrived");
            assert_eq!(generator.who.as_deref(), Some("Kong"), "{generator:?}");
        });
    }

    #[test]
    fn credentials_are_found_before_the_rules_run() {
        let ex = Ex::post_json("https://api.example.com/login", r#"{"password":"hunter2"}"#)
            .header("X-API-Key", "k")
            .status(401);
        with_facts(&ex, None, |f| {
            let shown: Vec<&str> = f.credentials.iter().map(|c| c.shown.as_str()).collect();
            assert_eq!(
                shown,
                ["X-API-Key: **** (1 chars)", "body field password: **** (7 chars)"]
            );
            assert!(
                std::ptr::eq(f.credentials.as_slice(), f.credentials.as_slice()),
                "found again"
            );
        });
    }
}
