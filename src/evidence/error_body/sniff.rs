//! Format detection for JSON objects: one shape test per format, tried most specific first
//! (docs/diagnosis.md §Error bodies), and the recursive test for DRF-style error trees.
//!
//! Separate from extraction because detection weighs every format's shape at once, in a fixed
//! order, while each extractor only knows its own.

use serde_json::{Map, Value};

use super::access::{arr_at, obj_at, str_at};
use super::summary::{BodyFormat, MAX_DEPTH};

/// A test for one format's JSON shape.
type Sniffer = fn(&Map<String, Value>) -> bool;

/// Shape sniffing, most specific first (docs/diagnosis.md §Error bodies).
pub(super) fn sniff(media: &str, object: &Map<String, Value>) -> BodyFormat {
    let checks: [(Sniffer, BodyFormat); 17] = [
        (is_google, BodyFormat::Google),
        (is_google_legacy, BodyFormat::GoogleLegacy),
        (is_microsoft, BodyFormat::Microsoft),
        (is_stripe, BodyFormat::Stripe),
        (is_json_api, BodyFormat::JsonApi),
        (is_github, BodyFormat::GitHub),
        (is_slack, BodyFormat::SlackStyle),
        (is_oauth, BodyFormat::OAuth),
        (is_graphql, BodyFormat::GraphQl),
        (is_fastapi, BodyFormat::FastApi),
        (is_spring, BodyFormat::Spring),
        (is_aspnet, BodyFormat::AspNet),
        (is_problem_shape, BodyFormat::ProblemJson),
        (is_laravel, BodyFormat::Laravel),
        (is_rails, BodyFormat::Rails),
        (is_drf, BodyFormat::Drf),
        (is_aws_json, BodyFormat::AwsJson),
    ];
    if let Some((_, format)) = checks.iter().find(|(check, _)| check(object)) {
        return *format;
    }
    if media.contains("x-amz-json") && (object.contains_key("message") || object.contains_key("Message")) {
        return BodyFormat::AwsJson;
    }
    BodyFormat::GenericJson
}

fn is_google(object: &Map<String, Value>) -> bool {
    obj_at(object, "error")
        .is_some_and(|e| str_at(e, "status").is_some() && e.get("code").is_some_and(Value::is_number))
}

fn is_google_legacy(object: &Map<String, Value>) -> bool {
    obj_at(object, "error")
        .is_some_and(|e| arr_at(e, "errors").is_some() && e.get("code").is_some_and(Value::is_number))
}

fn is_microsoft(object: &Map<String, Value>) -> bool {
    obj_at(object, "error").is_some_and(|e| {
        str_at(e, "code").is_some()
            && ["target", "details", "innererror", "innerError"]
                .iter()
                .any(|key| e.contains_key(*key))
    })
}

fn is_stripe(object: &Map<String, Value>) -> bool {
    const TYPES: [&str; 7] = [
        "api_error",
        "card_error",
        "idempotency_error",
        "invalid_request_error",
        "api_connection_error",
        "authentication_error",
        "rate_limit_error",
    ];
    obj_at(object, "error")
        .is_some_and(|e| str_at(e, "type").is_some_and(|t| TYPES.contains(&t)) || e.contains_key("param"))
}

fn is_json_api(object: &Map<String, Value>) -> bool {
    arr_at(object, "errors").is_some_and(|items| {
        !items.is_empty()
            && items.iter().all(|item| {
                item.as_object().is_some_and(|e| {
                    e.get("source").is_some_and(Value::is_object)
                        || str_at(e, "status").is_some()
                        || e.contains_key("title")
                })
            })
    })
}

fn is_github(object: &Map<String, Value>) -> bool {
    object.contains_key("message") && object.contains_key("documentation_url")
}

fn is_slack(object: &Map<String, Value>) -> bool {
    object.get("ok") == Some(&Value::Bool(false)) && str_at(object, "error").is_some()
}

fn is_oauth(object: &Map<String, Value>) -> bool {
    const CODES: [&str; 15] = [
        "invalid_request",
        "invalid_client",
        "invalid_grant",
        "unauthorized_client",
        "unsupported_grant_type",
        "invalid_scope",
        "invalid_token",
        "insufficient_scope",
        "access_denied",
        "unsupported_response_type",
        "server_error",
        "temporarily_unavailable",
        "authorization_pending",
        "slow_down",
        "expired_token",
    ];
    str_at(object, "error")
        .is_some_and(|error| object.contains_key("error_description") || CODES.contains(&error))
}

fn is_graphql(object: &Map<String, Value>) -> bool {
    arr_at(object, "errors").is_some_and(|items| {
        items.iter().any(|item| {
            item.as_object().is_some_and(|e| {
                ["locations", "path", "extensions"]
                    .iter()
                    .any(|key| e.contains_key(*key))
                    || (object.contains_key("data") && e.contains_key("message"))
            })
        })
    })
}

fn is_fastapi(object: &Map<String, Value>) -> bool {
    arr_at(object, "detail").is_some_and(|items| {
        items.iter().any(|item| {
            item.as_object()
                .is_some_and(|e| e.contains_key("loc") && e.contains_key("msg"))
        })
    })
}

fn is_spring(object: &Map<String, Value>) -> bool {
    ["timestamp", "status", "error", "path"]
        .iter()
        .all(|key| object.contains_key(*key))
}

pub(super) fn is_aspnet(object: &Map<String, Value>) -> bool {
    obj_at(object, "errors").is_some_and(is_object_of_string_arrays)
        && (object.contains_key("title") || object.contains_key("traceId"))
}

/// A problem-details body sent without the problem media type.
fn is_problem_shape(object: &Map<String, Value>) -> bool {
    (str_at(object, "title").is_some() || str_at(object, "detail").is_some())
        && (str_at(object, "type").is_some() || object.get("status").is_some_and(Value::is_number))
}

fn is_laravel(object: &Map<String, Value>) -> bool {
    str_at(object, "message").is_some() && obj_at(object, "errors").is_some_and(is_object_of_string_arrays)
}

fn is_rails(object: &Map<String, Value>) -> bool {
    match object.get("errors") {
        Some(Value::Object(errors)) => is_object_of_string_arrays(errors),
        Some(Value::Array(items)) => !items.is_empty() && items.iter().all(Value::is_string),
        _ => is_object_of_string_arrays(object) && all_messages_lowercase(object),
    }
}

fn is_drf(object: &Map<String, Value>) -> bool {
    let lone_detail = str_at(object, "detail").is_some() && object.len() <= 2;
    lone_detail || is_drf_object(object, 0)
}

fn is_aws_json(object: &Map<String, Value>) -> bool {
    str_at(object, "__type").is_some()
}

/// `{field: ["message", …]}` with at least one member.
fn is_object_of_string_arrays(object: &Map<String, Value>) -> bool {
    !object.is_empty()
        && object.values().all(|value| {
            value
                .as_array()
                .is_some_and(|items| items.iter().all(Value::is_string))
        })
}

/// Rails messages are fragments ("can't be blank"); DRF's are sentences ("This field is
/// required."). That is the only difference between `{"email": [...]}` from either.
fn all_messages_lowercase(object: &Map<String, Value>) -> bool {
    object
        .values()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_str)
        .all(|message| message.chars().next().is_some_and(char::is_lowercase))
}

/// Values are arrays of strings, nested such objects, or arrays of such objects, with at
/// least one message somewhere.
fn is_drf_object(object: &Map<String, Value>, depth: usize) -> bool {
    depth < MAX_DEPTH
        && !object.is_empty()
        && object.values().all(|value| is_drf_value(value, depth + 1))
        && object.values().any(has_message)
}

fn is_drf_value(value: &Value, depth: usize) -> bool {
    match value {
        Value::Array(items) => is_drf_array(items, depth) || items.iter().all(Value::is_string),
        Value::Object(object) => object.is_empty() || is_drf_object(object, depth),
        _ => false,
    }
}

pub(super) fn is_drf_array(items: &[Value], depth: usize) -> bool {
    depth < MAX_DEPTH
        && items.iter().any(Value::is_object)
        && items.iter().all(|item| match item {
            Value::Object(object) => object.is_empty() || is_drf_object(object, depth + 1),
            Value::String(_) => true,
            _ => false,
        })
        && items.iter().any(has_message)
}

fn has_message(value: &Value) -> bool {
    let mut stack = vec![value];
    let mut visited = 0;
    while let Some(current) = stack.pop() {
        visited += 1;
        if visited > 10_000 {
            return false;
        }
        match current {
            Value::String(_) => return true,
            Value::Array(items) => stack.extend(items),
            Value::Object(object) => stack.extend(object.values()),
            _ => {}
        }
    }
    false
}
