//! Holding each field the server names against what was sent (docs/diagnosis.md
//! §Cross-referencing fields).
//!
//! A server saying "amount is required" is only half the story; the evidence people need is
//! "…and your body has `amout`" or "…and you sent it in the query". `locate` answers that for
//! one [`FieldIssue`]: the value sent, or the closest thing that was sent instead and why it is
//! close. `expected_type` and `allowed_values` read the server's message for the type and the
//! enumeration it wanted, so a check can compare them with the value.
//!
//! Values are returned as sent: redacting secrets is the evidence's job (docs/diagnosis.md
//! §Evidence).
//! Searches are bounded (depth and node count), so a large request body cannot slow a checklist.
//!
//! This file holds `locate`. Beside it: `presence` (the result types), `tree` (what was sent, seen as
//! one document), `lookup` (the searches by location and the explanation of a miss), `names`
//! (how close two field names are) and `message` (reading types and enumerations from the
//! server's words).

mod lookup;
mod message;
mod names;
mod presence;
mod tree;

#[cfg(test)]
mod tests;

use self::lookup::{anywhere, in_body, in_named, in_query, whole_document};
pub use self::presence::{
    BODY_NOT_QUERY, CASE_DIFFERS, EDIT_DISTANCE_1, EDIT_DISTANCE_2, KEBAB_VS_CAMEL, OTHER_DEPTH, Presence,
    QUERY_NOT_BODY, SNAKE_VS_CAMEL, SNAKE_VS_KEBAB, STYLE_DIFFERS, SentData, json_type,
};
use self::tree::{cookies, last_name};
use super::error_body::{FieldIssue, Location};

pub use message::{allowed_values, expected_type, fields_named_in};

/// Where the issue's field is in what was sent, or what was sent instead (docs/diagnosis.md
/// §Cross-referencing fields).
pub fn locate(issue: &FieldIssue, sent: &SentData<'_>) -> Presence {
    let path = issue.path.as_slice();
    if path.is_empty() {
        return whole_document(issue, sent);
    }
    match issue.location {
        Location::Body => in_body(path, sent),
        Location::Query => in_query(path, sent),
        Location::Header => in_named(&last_name(issue), sent.headers),
        Location::Cookie => in_named(&last_name(issue), &cookies(sent.headers)),
        Location::Path => Presence::CannotTell,
        Location::Unknown => anywhere(path, sent),
    }
}
