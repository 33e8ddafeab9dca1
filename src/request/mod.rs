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
