//! The latest response of every request, which chained templates
//! (`{{ response.Login.body.$.token }}`) read: received in this session, or kept in the
//! history from an earlier one (a login made yesterday, until it expires). Each belongs to
//! the environment it was received in: switch from staging to production and staging's
//! token is not sent to production. A kept response is checked for expiry each time it is
//! read, so a token that dies during the session stops being sent then.
//!
//! Exchanges are shared, never copied, and the maps are persistent: a copy for each request
//! of a parallel run costs nothing, however many responses the run has seen.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::id::RequestId;
use crate::collection::RequestPath;
use crate::diagnosis::Clock;
use crate::history::KeptResponse;
use crate::http::Exchange;
use crate::template::{ResponseLookup, ResponseView};

/// A request's latest response.
#[derive(Debug, Clone)]
pub enum Latest {
    /// Received in this session or run.
    Received(Arc<Exchange>),
    /// Read back from the history: received in an earlier session.
    Kept(Arc<Kept>),
}

/// A response kept from an earlier session, and how long the collection lets it live.
#[derive(Debug, Clone)]
pub struct Kept {
    pub response: KeptResponse,
    pub max_age: Option<Duration>,
}

/// A response found for a template, borrowed.
enum Found<'a> {
    Received(&'a Arc<Exchange>),
    Kept(&'a Arc<Kept>),
}

/// A request in an environment (`None`: no environment).
type Key = (RequestId, Option<String>);

/// The latest response of each request in each environment.
#[derive(Debug, Default, Clone)]
pub struct Responses {
    received: imbl::HashMap<Key, Arc<Exchange>>,
    kept: imbl::HashMap<Key, Arc<Kept>>,
}

impl Responses {
    pub fn record(&mut self, id: RequestId, environment: Option<&str>, exchange: Arc<Exchange>) {
        self.received
            .insert((id, environment.map(str::to_owned)), exchange);
    }

    /// A response kept from an earlier session: read when this session has received none.
    pub fn recall(&mut self, id: RequestId, environment: Option<String>, kept: Kept) {
        self.kept.insert((id, environment), Arc::new(kept));
    }

    /// Drops the responses of a deleted request or folder.
    pub fn forget(&mut self, collection: usize, prefix: &[String]) {
        self.received
            .retain(|(id, _), _| !id.is_within(collection, prefix));
        self.kept.retain(|(id, _), _| !id.is_within(collection, prefix));
    }

    /// What a template reading `id` in `environment` would get at `now`.
    pub fn get(&self, id: &RequestId, environment: Option<&str>, now: SystemTime) -> Option<Latest> {
        Some(match self.find(id, environment, &Clock::system().at(now))? {
            Found::Received(exchange) => Latest::Received(Arc::clone(exchange)),
            Found::Kept(kept) => Latest::Kept(Arc::clone(kept)),
        })
    }

    /// The response received in this session, else one kept from an earlier session that has
    /// not expired at `clock`.
    fn find(&self, id: &RequestId, environment: Option<&str>, clock: &Clock) -> Option<Found<'_>> {
        let key = (id.clone(), environment.map(str::to_owned));
        if let Some(exchange) = self.received.get(&key) {
            return Some(Found::Received(exchange));
        }
        let kept = self.kept.get(&key)?;
        super::expired(&kept.response, kept.max_age, clock)
            .is_none()
            .then_some(Found::Kept(kept))
    }

    /// The exchange `id` had in this session or run, in `environment`.
    pub fn received(&self, id: &RequestId, environment: Option<&str>) -> Option<&Arc<Exchange>> {
        self.received.get(&(id.clone(), environment.map(str::to_owned)))
    }

    /// How many responses were received: a new one changes what templates can read.
    pub fn len(&self) -> usize {
        self.received.len()
    }

    pub fn is_empty(&self) -> bool {
        self.received.is_empty()
    }

    /// The responses one collection's templates can see in `environment`.
    pub fn for_collection<'a>(
        &'a self,
        collection: usize,
        environment: Option<&'a str>,
    ) -> CollectionResponses<'a> {
        CollectionResponses {
            responses: self,
            collection,
            environment,
        }
    }
}

/// [`ResponseLookup`] over one collection's responses in one environment.
#[derive(Debug, Clone, Copy)]
pub struct CollectionResponses<'a> {
    responses: &'a Responses,
    collection: usize,
    environment: Option<&'a str>,
}

impl ResponseLookup for CollectionResponses<'_> {
    fn latest(&self, request: &str) -> Option<ResponseView<'_>> {
        let id = RequestId::new(self.collection, RequestPath::parse(request));
        let clock = Clock::system();
        Some(match self.responses.find(&id, self.environment, &clock)? {
            Found::Received(exchange) => ResponseView {
                headers: &exchange.response.head.headers,
                body: &exchange.response.body,
                too_large: exchange
                    .response
                    .spilled
                    .as_ref()
                    .map(|s| crate::format::bytes(s.len)),
                kept: None,
            },
            Found::Kept(kept) => ResponseView {
                headers: &kept.response.headers,
                body: &kept.response.body,
                too_large: None,
                // "09:12:07 (3 h ago)", in the local time zone.
                kept: Some(clock.when(kept.response.at)),
            },
        })
    }
}
