//! Parsers for the evidence a checklist quotes: response headers and error bodies. Each is
//! written once, tolerant of malformed input (never a panic), and tested on the examples in
//! the troubleshooting catalogue.

pub mod api_version;
pub mod challenge;
pub mod crossref;
mod entities;
pub mod error_body;
pub mod field_path;
pub mod intermediary;
pub mod jwt;
pub mod negotiation;
pub mod ratelimit;
pub mod retry_after;
pub mod text;
