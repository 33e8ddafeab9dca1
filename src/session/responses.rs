//! The latest response of every request, which chained templates
//! (`{{ response.Login.body.$.token }}`) read. Exchanges are shared, never copied, and the
//! map is persistent: a copy for each request of a parallel run costs nothing, however many
//! responses the run has seen.

use std::sync::Arc;

use super::id::RequestId;
use crate::collection::RequestPath;
use crate::http::Exchange;
use crate::template::{ResponseLookup, ResponseView};

/// The latest response of each request.
#[derive(Debug, Default, Clone)]
pub struct Responses {
    latest: imbl::HashMap<RequestId, Arc<Exchange>>,
}

impl Responses {
    pub fn record(&mut self, id: RequestId, exchange: Arc<Exchange>) {
        self.latest.insert(id, exchange);
    }

    /// Drops the responses of a deleted request or folder.
    pub fn forget(&mut self, collection: usize, prefix: &[String]) {
        self.latest.retain(|id, _| !id.is_within(collection, prefix));
    }

    pub fn get(&self, id: &RequestId) -> Option<&Arc<Exchange>> {
        self.latest.get(id)
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
        self.responses.latest.get(&id).map(|e| ResponseView {
            headers: &e.response.head.headers,
            body: &e.response.body,
        })
    }
}
