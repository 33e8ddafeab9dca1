//! What the request holds at the place a server names — present, empty, missing (with the
//! closest name and why it is close), at another nesting level, or impossible to tell — and
//! what was sent, as the cross-reference sees it.

use serde_json::Value;

/// Reasons a near miss is close, as `Presence::Missing` reports them.
pub const CASE_DIFFERS: &str = "case differs";
pub const SNAKE_VS_CAMEL: &str = "snake_case vs camelCase";
pub const KEBAB_VS_CAMEL: &str = "kebab-case vs camelCase";
pub const SNAKE_VS_KEBAB: &str = "snake_case vs kebab-case";
pub const STYLE_DIFFERS: &str = "naming style differs";
pub const EDIT_DISTANCE_1: &str = "edit distance 1";
pub const EDIT_DISTANCE_2: &str = "edit distance 2";
pub const OTHER_DEPTH: &str = "same key at another depth";
pub const QUERY_NOT_BODY: &str = "in the query instead of the body";
pub const BODY_NOT_QUERY: &str = "in the body instead of the query";

/// Deepest level searched for a key at another depth.
pub(super) const SEARCH_DEPTH: usize = 16;
/// Most nodes visited in one search.
pub(super) const SEARCH_NODES: usize = 10_000;

/// What the request holds at the place a server names.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// Found: the value sent (as JSON; form/query values are JSON strings) and its JSON type name ("string", "number", "boolean", "null", "array", "object").
    Present {
        value: serde_json::Value,
        json_type: &'static str,
    },
    /// Found but empty string / empty array / null.
    Empty { value: serde_json::Value },
    /// Not found; `near` is the closest candidate key path and why it is close ("case differs", "`snake_case` vs `camelCase`", "edit distance 1", "same key at another depth", "in the query instead of the body").
    /// The reasons are the `pub const`s of this module.
    Missing { near: Option<(String, &'static str)> },
    /// Found at another nesting level (wrapper mismatch, docs/checks.md, `422.wrapper`): where
    /// it actually is.
    ElsewhereInBody { actual: String },
    /// No structured data to look in (e.g. body not JSON/form and nothing in query).
    CannotTell,
}

/// What was sent, as the cross-reference sees it.
#[derive(Debug, Clone, Copy)]
pub struct SentData<'a> {
    /// The body parsed as JSON, when it was JSON.
    pub json: Option<&'a serde_json::Value>,
    /// Form fields (urlencoded or multipart text parts), names as written (`user[email]`).
    pub form: &'a [(String, String)],
    /// Query parameters, decoded.
    pub query: &'a [(String, String)],
    /// Request headers as sent.
    pub headers: &'a [(String, String)],
}

/// The JSON type name of a value, as JSON Schema and people call it.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub(super) fn classify(value: &Value) -> Presence {
    let empty = match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    };
    if empty {
        Presence::Empty { value: value.clone() }
    } else {
        Presence::Present {
            value: value.clone(),
            json_type: json_type(value),
        }
    }
}
