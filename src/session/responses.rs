//! The latest response of every request, which chained templates
//! (`{{ response.Login.body.$.token }}`) read: received in this session, or kept in the
//! history from an earlier one (a login made yesterday, until it expires). Exchanges are
//! shared, never copied, and the map is persistent: a copy for each request of a parallel
//! run costs nothing, however many responses the run has seen.

use std::sync::Arc;
use std::time::SystemTime;

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
    Kept(Arc<KeptResponse>),
}

impl Latest {
    fn view(&self, now: SystemTime) -> ResponseView<'_> {
        match self {
            Latest::Received(exchange) => ResponseView {
                headers: &exchange.response.head.headers,
                body: &exchange.response.body,
                kept: None,
            },
            Latest::Kept(kept) => ResponseView {
                headers: &kept.headers,
                body: &kept.body,
                // "09:12:07 (3 h ago)", in the local time zone.
                kept: Some(Clock::system().at(now).when(kept.at)),
            },
        }
    }
}

/// The latest response of each request.
#[derive(Debug, Default, Clone)]
pub struct Responses {
    latest: imbl::HashMap<RequestId, Latest>,
}

impl Responses {
    pub fn record(&mut self, id: RequestId, exchange: Arc<Exchange>) {
        self.latest.insert(id, Latest::Received(exchange));
    }

    /// A response kept from an earlier session, unless this one has received a response
    /// already.
    pub fn recall(&mut self, id: RequestId, kept: KeptResponse) {
        self.latest
            .entry(id)
            .or_insert_with(|| Latest::Kept(Arc::new(kept)));
    }

    /// Drops the responses of a deleted request or folder.
    pub fn forget(&mut self, collection: usize, prefix: &[String]) {
        self.latest.retain(|id, _| !id.is_within(collection, prefix));
    }

    pub fn get(&self, id: &RequestId) -> Option<&Latest> {
        self.latest.get(id)
    }

    /// The exchange `id` had in this session or run, if it had one.
    pub fn received(&self, id: &RequestId) -> Option<&Arc<Exchange>> {
        match self.latest.get(id)? {
            Latest::Received(exchange) => Some(exchange),
            Latest::Kept(_) => None,
        }
    }

    /// How many requests have a response: a new one changes what templates can read.
    pub fn len(&self) -> usize {
        self.latest.len()
    }

    pub fn is_empty(&self) -> bool {
        self.latest.is_empty()
    }

    /// The responses one collection's templates can see.
    pub fn for_collection(&self, collection: usize) -> CollectionResponses<'_> {
        CollectionResponses {
            responses: self,
            collection,
        }
    }
}

/// [`ResponseLookup`] over one collection's responses.
#[derive(Debug, Clone, Copy)]
pub struct CollectionResponses<'a> {
    responses: &'a Responses,
    collection: usize,
}

impl ResponseLookup for CollectionResponses<'_> {
    fn latest(&self, request: &str) -> Option<ResponseView<'_>> {
        let id = RequestId::new(self.collection, RequestPath::parse(request));
        self.responses
            .latest
            .get(&id)
            .map(|latest| latest.view(SystemTime::now()))
    }
}
