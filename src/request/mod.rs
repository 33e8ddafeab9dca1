//! Building a request: from a request as written in the collection to the request the
//! transport sends, with a record of how every template rendered.
//!
//! ```text
//! collection::Request ──prepare(Context)──► Prepared { written, request: http::ResolvedRequest }
//! ```
//!
//! This layer knows the collection model and templates; the transport below it (`http`)
//! knows neither.

mod body;
mod options;
mod prepare;

pub use options::transport_options;
pub use prepare::{
    AuthField, Context, Field, FieldUse, HeaderSource, PrepareError, Prepared, Written, environment,
    is_credential, prepare,
};

/// For tests: the collection parsed from `yaml` and its request `name` prepared with no
/// under `environment`, reading the process environment from `env`.
#[cfg(test)]
pub(crate) fn prepared_from_yaml(
    yaml: &str,
    name: &str,
    environment: Option<&str>,
    env: &dyn crate::template::EnvLookup,
) -> (crate::collection::Collection, Prepared) {
    let collection = crate::collection::parse_collection(yaml, std::path::Path::new("c.yaml"))
        .expect("test collection parses");
    let path = crate::collection::RequestPath::parse(name);
    let none = crate::collection::Variables::new();
    let ctx = Context {
        collection: &collection,
        environment,
        overrides: &none,
        captured: &none,
        env,
        responses: &crate::template::NoResponses,
    };
    let request = collection.find(&path).expect("the request is in the collection");
    let prepared = prepare(&ctx, &path, request).expect("test request prepares");
    (collection, prepared)
}
