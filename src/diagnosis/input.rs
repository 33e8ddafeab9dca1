//! What a diagnosis may look at: the request as written, what happened, the collection and
//! the session's earlier exchanges.

use std::time::SystemTime;

use url::Url;

use crate::collection::Collection;
use crate::http::{Outcome, SentRequest};
use crate::request::{PrepareError, Written};

/// Everything a diagnosis may look at.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The request as written and how its templates resolved (absent for ad-hoc sends).
    pub written: Option<&'a Written>,
    /// What happened: an outcome, or the reason the request could not be prepared.
    pub outcome: Result<&'a Outcome, &'a PrepareError>,
    /// The collection the request belongs to, for comparisons with sibling requests.
    pub collection: Option<&'a Collection>,
    /// Earlier exchanges of the session, oldest first (may be empty).
    pub history: &'a [HistoryEntry],
    /// With a cookie jar: the cookies it held for the URL that had expired when the request
    /// left (so were not sent). `None` without a jar.
    pub expired_cookies: Option<&'a [crate::http::cookies::ExpiredCookie]>,
    /// The API's description, when the collection names one (`openapi:`).
    pub api: Option<&'a super::api_description::ApiDescription>,
}

/// One earlier exchange of the session, for checks that compare ("worked 5 minutes ago").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub at: SystemTime,
    /// `Collection/Folder/Request`, when the exchange came from a saved request.
    pub request: Option<String>,
    pub sent: SentRequest,
    /// None when the request failed at the network level.
    pub status: Option<u16>,
    pub failure: Option<crate::http::FailureKind>,
    /// How long the exchange took.
    pub elapsed: std::time::Duration,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub location: Option<String>,
}

impl HistoryEntry {
    /// The history record of an outcome.
    pub fn of(outcome: &Outcome, request: Option<String>) -> Option<Self> {
        let sent = outcome.sent()?.clone();
        let timing = outcome.timing();
        let head = match outcome {
            Outcome::Response(e) => Some(&e.response.head),
            Outcome::Failure(f) => f.response.as_ref(),
        };
        Some(Self {
            at: timing.started_at + timing.total,
            request,
            sent,
            status: outcome.status(),
            failure: outcome.failure().map(|f| f.kind),
            elapsed: timing.total,
            content_type: head.and_then(|h| h.header("content-type")).map(str::to_owned),
            etag: head.and_then(|h| h.header("etag")).map(str::to_owned),
            location: head.and_then(|h| h.header("location")).map(str::to_owned),
        })
    }

    pub fn host(&self) -> Option<String> {
        Url::parse(&self.sent.url).ok()?.host_str().map(str::to_owned)
    }
}
