//! Evidence parsers: what response headers and error bodies say, read once and typed —
//! authentication challenges, Retry-After and the server clock, every generation of rate-limit
//! headers, negotiation headers, JWT claims, error-body dialects, intermediary fingerprints,
//! and the cross-reference of the fields a server names with what was sent.
//!
//! A library of its own: it knows nothing of checklists, verdicts or the request model, so
//! it imports only the small leaves `media_type` and `suggest` (the architecture test holds
//! it to that). Each parser is tolerant of
//! malformed input (never a panic) and tested on the examples of the formats it reads
//! (docs/diagnosis.md describes them).

pub mod api_version;
pub mod challenge;
pub mod crossref;
pub mod differences;
mod entities;
pub mod error_body;
pub mod field_path;
pub mod intermediary;
pub mod jwt;
pub mod negotiation;
pub mod ratelimit;
pub mod retry_after;
pub mod stated_reason;
pub mod text;
pub mod versions;
