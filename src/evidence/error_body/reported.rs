//! A success status whose body reports a failure: `ok: false`, `success: false`, a status
//! word such as `REQUEST_DENIED`, `errors: true` with per-item errors in a bulk API, a
//! non-empty `errors` / `insertErrors` / `userErrors` list, items of a batch or multi-status
//! answered 4xx or 5xx, an `error` object, and NDJSON lines that say they failed
//! (docs/diagnosis.md §Failures inside a success).
//!
//! Separate from the error formats because the question differs: not "what does this error
//! say" but "is this success one": a success body carries `errors: []` and `error: null`
//! happily, and only a body that says something failed counts.

use serde_json::{Map, Value};

use super::deep;
use super::summary::clean;

/// Lists whose items are failures, wherever they sit (GraphQL mutations nest `userErrors`
/// under `data.<mutation>`).
const FAILURE_LISTS: &[&str] = &[
    "errors",
    "insertErrors",
    "userErrors",
    "failures",
    "failed",
    "errorMessages",
    "error_list",
    "validationErrors",
];
/// Status words that say the call failed (Google Maps web services, `JSend`).
const FAILURE_WORDS: &[&str] = &[
    "error",
    "fail",
    "failed",
    "failure",
    "denied",
    "request_denied",
    "invalid_request",
    "over_query_limit",
    "over_daily_limit",
    "unknown_error",
    "max_elements_exceeded",
    "max_waypoints_exceeded",
    "not_found",
    "rejected",
    "unauthorized",
    "forbidden",
];
/// How deep failure lists are looked for.
const DEPTH: usize = 4;

/// What in a success body says it failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    /// How the body says so, for evidence: `"errors": true with 1 of 3 items failed`.
    pub how: String,
    /// The first failure's own words, when it has any.
    pub message: Option<String>,
    /// A top-level `errors` list beside `data`: the GraphQL way.
    pub graphql_like: bool,
    /// A top-level `errors` list, with or without `data` (a GraphQL request's errors).
    pub errors_at_top: bool,
}

/// The failure a success body reports, if it reports one.
pub fn reported_failure(json: Option<&Value>, lines: Option<&[Value]>) -> Option<Reported> {
    if let Some(Value::Object(object)) = json {
        return in_object(object);
    }
    if let Some(Value::Array(items)) = json {
        return in_items(items, "items");
    }
    lines.and_then(|lines| in_items(lines, "lines"))
}

/// A header that says the call did not complete (`X-KrakenD-Completed: false`, a gateway's
/// partial answer), with the body's failure words when it has any.
pub fn reported_by_headers(headers: &[(String, String)], json: Option<&Value>) -> Option<Reported> {
    let (name, value) = headers.iter().find(|(name, value)| {
        let name = name.to_ascii_lowercase();
        (name.ends_with("-completed") || name.ends_with("-success") || name.ends_with("-succeeded"))
            && matches!(value.trim().to_ascii_lowercase().as_str(), "false" | "0" | "no")
    })?;
    let message = json.and_then(|j| deep::message_and_code(j).0);
    Some(Reported {
        how: format!("{name}: {value}"),
        message,
        graphql_like: false,
        errors_at_top: false,
    })
}

fn in_object(object: &Map<String, Value>) -> Option<Reported> {
    for key in ["ok", "success", "succeeded", "successful"] {
        if object.get(key) == Some(&Value::Bool(false)) {
            return Some(found(format!("\"{key}\": false"), &Value::Object(object.clone())));
        }
    }
    if object.get("errors") == Some(&Value::Bool(true)) {
        let items = object.get("items").and_then(Value::as_array);
        let failed: Vec<&Value> = items
            .into_iter()
            .flatten()
            .filter(|item| item_failed(item))
            .collect();
        let total = items.map_or(0, Vec::len);
        let how = if total > 0 {
            format!("\"errors\": true — {} of {total} items failed", failed.len())
        } else {
            "\"errors\": true".to_owned()
        };
        return Some(match failed.first() {
            Some(first) => found(how, first),
            None => Reported {
                how,
                message: None,
                graphql_like: false,
                errors_at_top: false,
            },
        });
    }
    for key in ["status", "Status", "result", "state"] {
        if let Some(word) = object.get(key).and_then(Value::as_str)
            && failure_word(word)
        {
            return Some(found(
                format!("\"{key}\": \"{word}\""),
                &Value::Object(object.clone()),
            ));
        }
    }
    if let Some(error) = object.get("error").filter(|e| is_something(e)) {
        return Some(found("an \"error\" member".to_owned(), error));
    }
    // The `{"code": 0, "message": "success"}` convention: any other code, with a message,
    // is a failure (Milvus's `"code": 100`, many services' `errcode`, `ret`).
    for key in [
        "code",
        "errcode",
        "err_code",
        "error_code",
        "ret",
        "retcode",
        "errno",
    ] {
        if let Some(code) = object.get(key).and_then(Value::as_i64)
            && code != 0
            && code != 200
            && ["message", "msg", "errmsg", "err_msg", "error_message"]
                .iter()
                .any(|m| {
                    object
                        .get(*m)
                        .and_then(Value::as_str)
                        .is_some_and(|t| !t.trim().is_empty())
                })
        {
            return Some(found(
                format!("\"{key}\": {code}"),
                &Value::Object(object.clone()),
            ));
        }
    }
    // A body that is only a note, where data should be (Alpha Vantage's `Information`),
    // and the note says something failed or ran out.
    if object.len() <= 2
        && let Some((key, note)) = object.iter().find_map(|(key, value)| {
            let note = value.as_str()?;
            ["information", "note", "error message", "message", "msg", "detail"]
                .contains(&key.to_ascii_lowercase().as_str())
                .then_some((key, note))
        })
        && says_it_failed(note)
    {
        return Some(found(
            format!("only a \"{key}\" note"),
            &Value::String(note.to_owned()),
        ));
    }
    // `error_orders` (KrakenD's failed backend), `orders_error`: an error member by name.
    if let Some((key, error)) = object.iter().find(|(key, value)| {
        let lower = key.to_ascii_lowercase();
        (lower.starts_with("error_") || lower.ends_with("_error"))
            && (value.is_object() || value.as_str().is_some_and(|t| !t.trim().is_empty()))
    }) {
        return Some(found(format!("an \"{key}\" member"), error));
    }
    // A map of results by id (Todoist's `sync_status`), some of which carry an error.
    for (key, value) in object {
        if let Value::Object(map) = value {
            let results: Vec<&Value> = map.values().filter(|v| v.is_object()).collect();
            let failed: Vec<&&Value> = results
                .iter()
                .filter(|v| v.get("error").is_some_and(is_something))
                .collect();
            if let Some(first) = failed.first()
                && results.len() == map.len()
            {
                return Some(found(
                    format!("{} of {} in \"{key}\" failed", failed.len(), results.len()),
                    first,
                ));
            }
        }
    }
    if let Some((path, list)) = failure_list(object, "", 0) {
        let errors_at_top = path == "errors";
        // The whole list: the first item may carry only a code where a later one explains.
        return Some(Reported {
            graphql_like: errors_at_top && object.contains_key("data"),
            errors_at_top,
            ..found(
                format!("{} in \"{path}\"", count(list.len(), "error")),
                &Value::Array(list.clone()),
            )
        });
    }
    // Batch answers keep their items under a few names (`responses`, `results`, `items`, and
    // WooCommerce's `create` / `update` / `delete`); other lists may be data that merely
    // mentions statuses (a log of requests), so they are not read as outcomes.
    for key in BATCH_LISTS {
        if let Some(items) = object.get(*key).and_then(Value::as_array)
            && let Some(reported) = in_items(items, key)
        {
            return Some(reported);
        }
    }
    None
}

/// Where batch and bulk answers put the outcome of each item.
const BATCH_LISTS: &[&str] = &[
    "responses",
    "results",
    "items",
    "create",
    "update",
    "delete",
    "operations",
    "batch",
    "entries",
    "messages",
];

/// Items of a batch or lines of NDJSON that failed.
fn in_items(items: &[Value], what: &str) -> Option<Reported> {
    let failed: Vec<&Value> = items.iter().filter(|item| item_failed(item)).collect();
    let first = failed.first()?;
    // The item's own error, not its data (whose `title` would read as a message).
    Some(found(
        format!("{} of {} {what} failed", failed.len(), items.len()),
        error_part(first, 0).unwrap_or(first),
    ))
}

/// The error member of an item, a level or two down (`result.errors`).
fn error_part(value: &Value, depth: usize) -> Option<&Value> {
    let object = value.as_object()?;
    object
        .iter()
        .find(|(key, member)| {
            let lower = key.to_ascii_lowercase();
            lower.contains("error") && !lower.contains("count") && !member.is_number() && is_something(member)
        })
        .map(|(_, member)| member)
        .or_else(|| {
            (depth < 2)
                .then(|| object.values().find_map(|member| error_part(member, depth + 1)))
                .flatten()
        })
}

/// An item of a bulk or batch answer that failed: a 4xx/5xx status of its own, an error
/// member, `success: false`, or (Elasticsearch) the same one level down under its action.
fn item_failed(item: &Value) -> bool {
    let Value::Object(object) = item else {
        return false;
    };
    let status_failed = object
        .get("status")
        .and_then(|s| s.as_u64().or_else(|| s.as_str().and_then(|s| s.parse().ok())))
        .is_some_and(|s| s >= 400);
    // Postmark's batch items carry `ErrorCode: 0` when they went through.
    let error_code = ["ErrorCode", "errorCode", "error_code"].iter().any(|k| {
        object
            .get(*k)
            .and_then(Value::as_i64)
            .is_some_and(|code| code != 0)
    });
    status_failed
        || error_code
        || has_error_member(item, 0)
        || ["success", "ok"]
            .iter()
            .any(|k| object.get(*k) == Some(&Value::Bool(false)))
        || (object.len() == 1 && object.values().next().is_some_and(item_failed))
}

/// A non-empty failure list anywhere in the first levels, with its dotted path.
fn failure_list<'a>(
    object: &'a Map<String, Value>,
    prefix: &str,
    depth: usize,
) -> Option<(String, &'a Vec<Value>)> {
    for (key, value) in object {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        if names_failures(key)
            && let Value::Array(list) = value
            && list.iter().any(is_something)
        {
            return Some((path, list));
        }
        if depth < DEPTH
            && let Value::Object(inner) = value
            && let Some(found) = failure_list(inner, &path, depth + 1)
        {
            return Some(found);
        }
    }
    None
}

/// An `error`, `errors`, `error-text` or `errorMessage` member with something in it, on the
/// item or one of its members a level or two down (Weaviate's `result.errors`).
fn has_error_member(value: &Value, depth: usize) -> bool {
    let Value::Object(object) = value else {
        return false;
    };
    object.iter().any(|(key, member)| {
        let lower = key.to_ascii_lowercase();
        let named = lower.contains("error") && !lower.contains("count") && !lower.contains("rate");
        (named && !member.is_number() && is_something(member))
            || (depth < 2 && member.is_object() && has_error_member(member, depth + 1))
    })
}

/// Words of a note that says the call did not do its work.
fn says_it_failed(note: &str) -> bool {
    let lower = note.to_ascii_lowercase();
    [
        "error",
        "invalid",
        "exceeded",
        "rate limit",
        "limit is",
        "denied",
        "not found",
        "failed",
        "unauthorized",
        "forbidden",
        "expired",
        "missing",
        "required",
        "not allowed",
        "rejected",
        "subscribe",
        "premium",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// A list named for failures: the known names, and any name that says fail, error or
/// reject (`failedItems`, `failed_records`, `rejectedRows`).
fn names_failures(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    FAILURE_LISTS.contains(&key) || ["fail", "error", "reject"].iter().any(|w| lower.contains(w))
}

/// A status word that says the call failed: one of the known words, or a code whose parts
/// say so (`FIELD_ERROR`, `WRONG_CREDENTIALS_ERROR`, `auth-failed`).
fn failure_word(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    FAILURE_WORDS.contains(&lower.as_str())
        || lower.split(['_', '-', ' ', '.']).any(|part| {
            matches!(
                part,
                "error" | "failed" | "failure" | "denied" | "rejected" | "invalid" | "exceeded"
            )
        })
}

fn is_something(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => a.iter().any(is_something),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The failure with its own words: a message at any depth, else its code, else the value
/// itself when it is text.
fn found(how: String, failure: &Value) -> Reported {
    let (message, code) = deep::message_and_code(failure);
    let message = match (message, code) {
        (Some(m), Some(c)) if !m.contains(&c) => Some(format!("{m} ({c})")),
        (Some(m), _) => Some(m),
        (None, Some(c)) => Some(c),
        // Words under a key no list names (Braze's `"type": "'external_id' … is required"`).
        (None, None) => failure
            .as_str()
            .and_then(clean)
            .or_else(|| deep::any_sentence(failure)),
    };
    Reported {
        how,
        message,
        graphql_like: false,
        errors_at_top: false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::reported_failure;

    fn said(body: &serde_json::Value) -> Option<(String, Option<String>)> {
        reported_failure(Some(body), None).map(|r| (r.how, r.message))
    }

    #[test]
    fn a_bulk_answer_with_errors_true_names_the_failed_item() {
        let body = json!({"took": 3, "errors": true, "items": [
            {"index": {"_id": "1", "status": 201, "result": "created"}},
            {"index": {"_id": "2", "status": 400, "error": {"type": "document_parsing_exception",
                "reason": "failed to parse field [price] of type [float]"}}},
        ]});
        let (how, message) = said(&body).unwrap();
        assert_eq!(how, "\"errors\": true — 1 of 2 items failed");
        assert_eq!(
            message.as_deref(),
            Some("failed to parse field [price] of type [float] (document_parsing_exception)")
        );
    }

    #[test]
    fn nested_user_errors_and_status_words_are_failures() {
        let body = json!({"data": {"productCreate": {"product": null,
            "userErrors": [{"field": ["title"], "message": "Title can't be blank"}]}}});
        let (how, message) = said(&body).unwrap();
        assert_eq!(how, "1 error in \"data.productCreate.userErrors\"");
        assert_eq!(message.as_deref(), Some("Title can't be blank"));
        let body = json!({"results": [], "status": "REQUEST_DENIED",
            "error_message": "API keys with referer restrictions cannot be used with this API."});
        assert_eq!(said(&body).unwrap().0, "\"status\": \"REQUEST_DENIED\"");
    }

    #[test]
    fn a_multi_status_item_with_its_own_error_status_is_a_failure() {
        let body = json!({"responses": [
            {"id": "1", "status": 200, "body": {}},
            {"id": "2", "status": 404, "body": {"error": {"code": "itemNotFound", "message": "The resource could not be found."}}},
        ]});
        let (how, message) = said(&body).unwrap();
        assert_eq!(how, "1 of 2 responses failed");
        assert_eq!(
            message.as_deref(),
            Some("The resource could not be found. (itemNotFound)")
        );
    }

    #[test]
    fn batch_items_under_any_name_and_nonzero_error_codes_are_failures() {
        let body = json!({"create": [{"id": 11, "name": "Tee"}, {"id": 0, "error": {"code": "product_invalid_sku", "message": "Invalid or duplicated SKU."}}]});
        let (how, message) = said(&body).unwrap();
        assert_eq!(how, "1 of 2 create failed");
        assert_eq!(
            message.as_deref(),
            Some("Invalid or duplicated SKU. (product_invalid_sku)")
        );
        let body = json!([{"ErrorCode": 0, "Message": "OK"}, {"ErrorCode": 300, "Message": "Invalid 'To' address: 'ana.ruiz@example'."}]);
        let (how, message) = said(&body).unwrap();
        assert_eq!(how, "1 of 2 items failed");
        assert_eq!(
            message.as_deref(),
            Some("Invalid 'To' address: 'ana.ruiz@example'.")
        );
    }

    #[test]
    fn failures_are_read_by_the_names_services_give_them() {
        let body = json!({"status": "FIELD_ERROR", "formFields": [{"id": "email", "error": "This email already exists."}]});
        assert_eq!(said(&body).unwrap().0, "\"status\": \"FIELD_ERROR\"");
        let body = json!({"message": "success", "errors": [{"type": "'external_id' or 'email' is required", "input_array": "attributes", "index": 0}]});
        let (_, message) = said(&body).unwrap();
        assert_eq!(message.as_deref(), Some("'external_id' or 'email' is required"));
        let body = json!({"message": "PARTIAL_SUCCESS", "result": [{"id": 1}], "failedItems": [{"index": 1, "error": {"message": "The value is not valid for a CHECKBOX column."}}]});
        let (how, message) = said(&body).unwrap();
        assert_eq!(how, "1 error in \"failedItems\"");
        assert_eq!(
            message.as_deref(),
            Some("The value is not valid for a CHECKBOX column.")
        );
        let body = json!({"user": {"id": 42}, "error_orders": {"http_status_code": 503, "http_body": "upstream connect error"}});
        assert_eq!(said(&body).unwrap().0, "an \"error_orders\" member");
        let body = json!({"sync_status": {"997d": {"error": "Project not found", "error_tag": "PROJECT_NOT_FOUND"}}, "sync_token": "x"});
        let (how, message) = said(&body).unwrap();
        assert_eq!(how, "1 of 1 in \"sync_status\" failed");
        assert_eq!(message.as_deref(), Some("Project not found (PROJECT_NOT_FOUND)"));
    }

    #[test]
    fn codes_notes_and_nested_item_errors_are_failures() {
        let body = json!({"code": 100, "message": "collection not found[database=default][collection=book]"});
        assert_eq!(said(&body).unwrap().0, "\"code\": 100");
        let body = json!({"Information": "Our standard API rate limit is 25 requests per day."});
        let (how, message) = said(&body).unwrap();
        assert_eq!(how, "only a \"Information\" note");
        assert!(message.unwrap().contains("25 requests per day"));
        let body = json!({"message-count": "1", "messages": [{"to": "447700900318", "status": "29", "error-text": "Non White-listed Destination - rejected"}]});
        assert!(
            said(&body)
                .unwrap()
                .1
                .unwrap()
                .starts_with("Non White-listed Destination - rejected")
        );
        let body = json!([{"id": "a", "result": {}}, {"id": "b", "result": {"errors": {"error": [{"message": "invalid text property 'wordCount': not a string"}]}}}]);
        assert_eq!(said(&body).unwrap().0, "1 of 2 items failed");
    }

    #[test]
    fn a_success_that_carries_empty_errors_is_a_success() {
        for body in [
            json!({"data": {"x": 1}, "errors": []}),
            json!({"ok": true, "error": null}),
            json!({"status": "OK", "results": [{"status": 200}]}),
            json!({"errors": false, "items": [{"index": {"status": 201}}]}),
            json!({"error_rate": 0.02, "failures": [], "sync_status": {"a": "ok"}}),
            json!({"status": "active", "state": "running"}),
            json!({"code": 0, "message": "success", "data": []}),
            json!({"message": "Created"}),
            json!([{"id": 1, "error_count": 0, "errors": []}]),
            json!([{"id": 1}, {"id": 2}]),
        ] {
            assert_eq!(said(&body), None, "{body}");
        }
    }

    #[test]
    fn ndjson_lines_that_failed_are_counted() {
        let lines = [
            json!({"success": true}),
            json!({"success": false, "error": "Bad JSON.", "document": "{"}),
        ];
        let r = reported_failure(None, Some(&lines)).unwrap();
        assert_eq!(r.how, "1 of 2 lines failed");
        assert_eq!(r.message.as_deref(), Some("Bad JSON."));
    }
}
