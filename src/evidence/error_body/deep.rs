//! Error JSON as the world writes it, beyond the formats `sniff` knows by shape: the message
//! at any depth under the keys services commonly use, a machine code beside it, and the
//! fields error items name in any path notation (docs/diagnosis.md §Error bodies, last step).
//!
//! Separate from `generic` because it searches: breadth-first, shallowest first, within a
//! node budget, so a message nested as `{"fault": {"detail": {"errorcode": …}}}` or
//! `{"errors": [{"meta": {"message": …}}]}` is found and a huge body costs no more than a
//! small one.

use serde_json::{Map, Value};

use super::access::push_issue;
use super::summary::{ErrorSummary, FieldIssue, Location, clean, informative};
use crate::evidence::field_path;

/// Keys that hold a message for people, most telling first.
const MESSAGE_KEYS: &[&str] = &[
    "message",
    "error_description",
    "errorMessage",
    "error_message",
    "error-text",
    "error_text",
    "errorText",
    "error-message",
    "err_msg",
    "errmsg",
    "detail",
    "details",
    "msg",
    "Message",
    "description",
    "Description",
    "reason",
    "errorSummary",
    "faultstring",
    "status_message",
    "statusMessage",
    "title",
    "error",
    "Error",
    "cause",
    "text",
    "hint",
    "explanation",
];

/// Keys that hold a machine code.
const CODE_KEYS: &[&str] = &[
    "code",
    "error_code",
    "errorCode",
    "error_tag",
    "errorTag",
    "Code",
    "category",
    "type",
    "reason",
    "errorType",
    "error_type",
    "error",
    "faultcode",
    "status",
    "id",
];

/// Keys under which a field issue names its field.
const FIELD_KEYS: &[&str] = &[
    "field",
    "param",
    "parameter",
    "path",
    "loc",
    "property",
    "propertyPath",
    "property_path",
    "pointer",
    "key",
    "attribute",
    "target",
    "fieldName",
    "field_name",
    "instancePath",
    "dataPath",
    "jsonPath",
    "json_path",
    "source",
    "location",
    "name",
];

/// How many JSON nodes a search looks at, at most.
const NODE_BUDGET: usize = 2_000;
/// How deep a search goes.
const DEPTH: usize = 8;

/// The first message for people found breadth-first, and a code beside it.
pub(super) fn message_and_code(value: &Value) -> (Option<String>, Option<String>) {
    let mut code_only: Option<String> = None;
    let mut first_code: Option<String> = None;
    for node in breadth_first(value) {
        match node {
            Value::Object(object) => {
                if let Some(message) = sentence_in(object) {
                    let code = code_in(object).filter(|c| *c != message).or(first_code);
                    return (Some(message), code);
                }
                if first_code.is_none() {
                    first_code = code_in(object);
                }
                if code_only.is_none() {
                    code_only = MESSAGE_KEYS.iter().find_map(|k| word_at(object, k));
                }
            }
            Value::Array(items) => {
                if let Some(text) = items.iter().find_map(|i| i.as_str().filter(|t| is_sentence(t))) {
                    return (clean(text), first_code);
                }
            }
            _ => {}
        }
    }
    // Only a code-like word (`"error": "invalid_grant"`): it is the message as well.
    (code_only.clone(), first_code.or(code_only))
}

/// The objects and arrays of a document, breadth first (shallowest first), at most
/// `NODE_BUDGET` of them and `DEPTH` levels down.
fn breadth_first(value: &Value) -> impl Iterator<Item = &Value> {
    let mut queue = std::collections::VecDeque::from([(value, 0_usize)]);
    std::iter::from_fn(move || {
        let (node, depth) = queue.pop_front()?;
        if depth < DEPTH {
            let children: Box<dyn Iterator<Item = &Value>> = match node {
                Value::Object(object) => Box::new(object.values()),
                Value::Array(items) => Box::new(items.iter()),
                _ => Box::new(std::iter::empty()),
            };
            queue.extend(
                children
                    .filter(|v| v.is_object() || v.is_array())
                    .map(|v| (v, depth + 1)),
            );
        }
        Some(node)
    })
    .take(NODE_BUDGET)
}

/// Every message for people in the body, breadth-first, besides `except`: what a body says
/// beyond its headline. At most `limit`.
pub(super) fn other_messages(value: &Value, except: Option<&str>, limit: usize) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut keep = |text: &str| {
        if let Some(text) = clean(text)
            && is_sentence(&text)
            && Some(text.as_str()) != except
            && !except.is_some_and(|e| e.contains(&text))
            && !found.contains(&text)
        {
            found.push(text);
        }
    };
    for node in breadth_first(value) {
        match node {
            Value::Object(object) => MESSAGE_KEYS
                .iter()
                .filter_map(|key| object.get(*key).and_then(Value::as_str))
                .for_each(&mut keep),
            Value::Array(items) => items.iter().filter_map(Value::as_str).for_each(&mut keep),
            _ => {}
        }
    }
    found.truncate(limit);
    found
}

/// Codes listed under a key that names codes or errors (`"error_codes": ["currency_required",
/// "amount_invalid"]`, `"errors": ["ERR_NO_SUCH_USER"]`), besides `except`. At most `limit`.
pub(super) fn listed_codes(value: &Value, except: Option<&str>, limit: usize) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for node in breadth_first(value) {
        let Value::Object(object) = node else { continue };
        for (key, member) in object {
            let key = key.to_ascii_lowercase();
            if !(key.contains("code") || key == "errors") {
                continue;
            }
            let Some(items) = member.as_array() else { continue };
            for text in items.iter().filter_map(Value::as_str) {
                if let Some(code) = clean(text)
                    && !is_sentence(&code)
                    && Some(code.as_str()) != except
                    && !found.contains(&code)
                {
                    found.push(code);
                }
            }
        }
    }
    found.truncate(limit);
    found
}

/// The first string anywhere in `value` that reads as a sentence, whatever its key: the last
/// resort for an error item that states its problem under a key of its own.
pub(super) fn any_sentence(value: &Value) -> Option<String> {
    breadth_first(value).find_map(|node| match node {
        Value::Object(object) => object
            .values()
            .filter_map(Value::as_str)
            .find(|t| is_sentence(t) && !looks_like_url(t))
            .and_then(clean),
        _ => None,
    })
}

/// A member that reads as a sentence (has a space, or is long), by key priority.
fn sentence_in(object: &Map<String, Value>) -> Option<String> {
    MESSAGE_KEYS.iter().find_map(|key| {
        let text = object.get(*key)?.as_str()?;
        is_sentence(text).then(|| clean(text)).flatten()
    })
}

fn word_at(object: &Map<String, Value>, key: &str) -> Option<String> {
    let text = object.get(key)?.as_str()?;
    (!is_sentence(text) && !text.trim().is_empty() && !looks_like_url(text))
        .then(|| clean(text))
        .flatten()
}

fn code_in(object: &Map<String, Value>) -> Option<String> {
    // A word says more than a number (`PROJECT_NOT_FOUND` over `20`): words first.
    let word = CODE_KEYS.iter().find_map(|key| match object.get(*key)? {
        // A bare `"status": "error"` names no code, and an `id` is one only when it reads as
        // a name (`VersionMismatch`), not a request or record id.
        Value::String(text)
            if !is_sentence(text)
                && !looks_like_url(text)
                && !matches!(
                    text.to_ascii_lowercase().as_str(),
                    "error" | "fail" | "failed" | "failure" | ""
                )
                && (*key != "id"
                    || (text.len() <= 64 && !text.chars().any(|c| c.is_ascii_digit() || c == '-'))) =>
        {
            clean(text)
        }
        _ => None,
    });
    word.or_else(|| {
        CODE_KEYS.iter().find_map(|key| match object.get(*key)? {
            Value::Number(n) if *key != "status" && *key != "id" => Some(n.to_string()),
            _ => None,
        })
    })
}

/// Words for people rather than a code: a space between words, not a URL, and more than a
/// stock phrase ("Bad Request", "An error occurred").
fn is_sentence(text: &str) -> bool {
    let text = text.trim();
    text.contains(' ')
        && !looks_like_url(text)
        && text.chars().any(char::is_alphabetic)
        && informative(text, 0, "")
}

fn looks_like_url(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Field issues from error items anywhere in the body: an object that names a field under
/// one of the keys services use, in any notation (a path string, dotted or bracketed, a JSON
/// pointer, or an array of segments), with the message beside it.
pub(super) fn field_items(value: &Value, summary: &mut ErrorSummary) {
    let mut path = Vec::new();
    let tree = value.get("errors").filter(|e| e.is_object()).unwrap_or(value);
    error_tree(tree, &mut path, summary, 0);
    if !summary.issues.is_empty() {
        return;
    }
    let mut queue = std::collections::VecDeque::from([(value, 0_usize, false)]);
    let mut seen = 0;
    while let Some((node, depth, in_list)) = queue.pop_front() {
        seen += 1;
        if seen > NODE_BUDGET {
            return;
        }
        match node {
            Value::Object(object) => {
                if in_list && let Some(issue) = issue_of(object) {
                    push_issue(summary, issue);
                    continue;
                }
                if depth < DEPTH {
                    queue.extend(object.values().map(|v| (v, depth + 1, false)));
                }
            }
            Value::Array(items) if depth < DEPTH => {
                queue.extend(items.iter().map(|v| (v, depth + 1, true)));
            }
            _ => {}
        }
    }
}

/// A body that is one error naming one field: `{"detail": …, "field": "amount.value"}` or
/// `{"error": {"description": …, "field": "amount"}}`.
pub(super) fn single_issue(object: &Map<String, Value>, summary: &mut ErrorSummary) {
    let nested = object.get("error").and_then(Value::as_object);
    for candidate in std::iter::once(object).chain(nested) {
        let named = [
            "field",
            "param",
            "parameter",
            "property",
            "propertyPath",
            "pointer",
            "attribute",
        ]
        .iter()
        .any(|key| {
            candidate
                .get(*key)
                .is_some_and(|v| v.is_string() || v.is_array() || v.is_object())
        });
        if named && let Some(issue) = issue_of(candidate) {
            push_issue(summary, issue);
            return;
        }
    }
}

/// Error trees that mirror the request (Discord's `errors.embeds.0.description._errors`):
/// object keys and array indices are the path, and an `_errors` list of messages holds the
/// issues at that path.
fn error_tree(value: &Value, path: &mut Vec<field_path::PathSeg>, summary: &mut ErrorSummary, depth: usize) {
    let Value::Object(object) = value else { return };
    if depth > DEPTH {
        return;
    }
    if let Some(Value::Array(items)) = object.get("_errors") {
        let message = items.iter().find_map(|item| match item {
            Value::String(text) => clean(text),
            Value::Object(o) => MESSAGE_KEYS
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str).and_then(clean)),
            _ => None,
        });
        let code = items.iter().filter_map(Value::as_object).find_map(code_in);
        if !path.is_empty() {
            push_issue(
                summary,
                FieldIssue {
                    location: Location::Unknown,
                    path: path.clone(),
                    raw_path: field_path::display(path),
                    message,
                    code,
                },
            );
        }
    }
    for (key, child) in object {
        if key == "_errors" || !child.is_object() {
            continue;
        }
        path.push(key.parse().map_or_else(
            |_| field_path::PathSeg::Key(key.clone()),
            field_path::PathSeg::Index,
        ));
        error_tree(child, path, summary, depth + 1);
        path.pop();
    }
}

/// One error item as a field issue, when it names a field and says something about it.
fn issue_of(object: &Map<String, Value>) -> Option<FieldIssue> {
    let message = sentence_in(object).or_else(|| MESSAGE_KEYS.iter().find_map(|k| word_at(object, k)));
    let (raw, path) = FIELD_KEYS.iter().find_map(|key| {
        let value = object.get(*key)?;
        // `name` and `location` name a field only beside a message, and only as text.
        if matches!(*key, "name" | "location") && (message.is_none() || !value.is_string()) {
            return None;
        }
        field_of(value)
    })?;
    // `source: {pointer | parameter}` (JSON:API style) is read by its own format; a `path`
    // that is a URL path is not a field.
    if raw.starts_with("/v") && raw.matches('/').count() > 2 {
        return None;
    }
    message.as_ref()?;
    Some(FieldIssue {
        location: location_of(object),
        path,
        raw_path: raw,
        message,
        code: code_in(object),
    })
}

fn field_of(value: &Value) -> Option<(String, Vec<field_path::PathSeg>)> {
    match value {
        Value::String(raw) if !raw.trim().is_empty() && !raw.contains(' ') => {
            Some((raw.clone(), field_path::from_any(raw)))
        }
        Value::Array(segments)
            if !segments.is_empty() && segments.iter().all(|s| s.is_string() || s.is_number()) =>
        {
            let segments = strip_location(segments);
            let path = field_path::from_loc(segments);
            (!path.is_empty()).then(|| (Value::Array(segments.to_vec()).to_string(), path))
        }
        Value::Object(object) => ["pointer", "parameter", "path", "field"]
            .iter()
            .find_map(|k| object.get(*k).and_then(field_of)),
        _ => None,
    }
}

/// `["body", "user", "email"]`: the first segment names where, not what.
fn strip_location(segments: &[Value]) -> &[Value] {
    match segments.first().and_then(Value::as_str) {
        Some("body" | "query" | "path" | "header" | "cookie") if segments.len() > 1 => &segments[1..],
        _ => segments,
    }
}

fn location_of(object: &Map<String, Value>) -> Location {
    let said = ["in", "location", "locationType", "source"]
        .iter()
        .find_map(|k| object.get(*k).and_then(Value::as_str))
        .map(str::to_ascii_lowercase);
    match said.as_deref() {
        Some("query" | "querystring" | "parameter") => Location::Query,
        Some("body" | "json" | "payload") => Location::Body,
        Some("header" | "headers") => Location::Header,
        Some("path") => Location::Path,
        _ => Location::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{field_items, message_and_code};
    use crate::evidence::error_body::ErrorSummary;

    #[test]
    fn a_message_is_found_at_any_depth_under_common_keys() {
        let body = json!({"fault": {"faultstring": "Invalid ApiKey for given resource",
            "detail": {"errorcode": "oauth.v2.InvalidApiKeyForGivenResource"}}});
        assert_eq!(
            message_and_code(&body),
            (Some("Invalid ApiKey for given resource".into()), None)
        );
        let body = json!({"errors": [{"status": "401", "meta": {"reason": "The token was revoked by its owner"}, "code": "token_revoked"}]});
        assert_eq!(
            message_and_code(&body).0.as_deref(),
            Some("The token was revoked by its owner")
        );
    }

    #[test]
    fn the_shallowest_sentence_wins_over_deeper_ones() {
        let body =
            json!({"error": {"message": "Outer reason here", "inner": {"message": "inner reason here"}}});
        assert_eq!(message_and_code(&body).0.as_deref(), Some("Outer reason here"));
    }

    #[test]
    fn a_code_alone_is_the_message_when_nothing_reads_as_a_sentence() {
        let body = json!({"error": "invalid_api_key"});
        assert_eq!(
            message_and_code(&body),
            (Some("invalid_api_key".into()), Some("invalid_api_key".into()))
        );
    }

    #[test]
    fn a_url_is_never_the_message() {
        let body = json!({"type": "https://example.com/probs/x", "detail": "https://example.com"});
        assert_eq!(message_and_code(&body).0, None);
    }

    #[test]
    fn field_items_are_read_in_every_path_notation() {
        let body = json!({"errors": [
            {"field": "user.email", "message": "is not a valid address"},
            {"loc": ["body", "items", 0, "qty"], "msg": "value is not a valid integer"},
            {"pointer": "/data/attributes/name", "detail": "must not be blank"},
            {"propertyPath": "address[street]", "message": "This value should not be blank."},
            {"source": {"parameter": "page"}, "detail": "must be positive"},
        ]});
        let mut summary = ErrorSummary::default();
        field_items(&body, &mut summary);
        let paths: Vec<String> = summary
            .issues
            .iter()
            .map(super::super::FieldIssue::display_path)
            .collect();
        assert_eq!(
            paths,
            ["user.email", "items[0].qty", "name", "address.street", "page"]
        );
    }

    #[test]
    fn an_error_tree_that_mirrors_the_request_names_the_field() {
        let body = json!({"code": 50035, "message": "Invalid Form Body", "errors": {"embeds": {"0": {"description": {"_errors": [
            {"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 4096 or fewer in length."}]}}}}});
        let mut summary = ErrorSummary::default();
        field_items(&body, &mut summary);
        let issue = &summary.issues[0];
        assert_eq!(issue.display_path(), "embeds[0].description");
        assert_eq!(issue.message.as_deref(), Some("Must be 4096 or fewer in length."));
        assert_eq!(issue.code.as_deref(), Some("BASE_TYPE_MAX_LENGTH"));
    }

    #[test]
    fn a_name_without_a_message_names_no_field() {
        let body = json!({"errors": [{"name": "ValidationError"}]});
        let mut summary = ErrorSummary::default();
        field_items(&body, &mut summary);
        assert!(summary.issues.is_empty());
    }
}
