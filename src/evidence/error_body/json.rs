//! The JSON pipeline: the top-level value decides the path (object, array, bare string), the
//! sniffed format picks its extractor, and the common fallbacks fill in request ids and
//! documentation links.
//!
//! Separate from the shape tests (`sniff`) and the extractors so the order of the steps reads
//! in one place.

use serde_json::{Map, Value};

use super::access::{arr_at, first_text};
use super::deep;
use super::frameworks::{drf, fastapi, laravel, rails, spring};
use super::generic::{GENERIC_MESSAGE_KEYS, common_fallbacks, generic};
use super::google::{google, google_legacy};
use super::microsoft::microsoft;
use super::problem::{json_api, problem};
use super::sniff::{is_aspnet, is_drf_array, sniff};
use super::summary::{BodyFormat, ErrorSummary, Location, clean, informative};
use super::vendors::{aws_json, github, graphql, oauth, slack, stripe};
use super::walk::walk;

pub(super) fn from_json(media: &str, value: &Value) -> ErrorSummary {
    match value {
        Value::Object(object) => from_object(media, value, object),
        Value::Array(items) => from_array(value, items),
        Value::String(text) => ErrorSummary {
            format: Some(BodyFormat::GenericJson),
            headline: clean(text),
            ..ErrorSummary::default()
        },
        _ => ErrorSummary {
            format: Some(BodyFormat::GenericJson),
            ..ErrorSummary::default()
        },
    }
}

/// A top-level array: DRF `many=True` validation errors, or a list of messages/objects.
fn from_array(value: &Value, items: &[Value]) -> ErrorSummary {
    let mut summary = ErrorSummary::default();
    if is_drf_array(items, 0) {
        summary.format = Some(BodyFormat::Drf);
        walk(value, &mut Vec::new(), "", Location::Unknown, &mut summary, 0);
        return summary;
    }
    summary.format = Some(BodyFormat::GenericJson);
    summary.headline = items.iter().find_map(|item| match item {
        Value::String(text) => clean(text),
        Value::Object(object) => first_text(object, GENERIC_MESSAGE_KEYS),
        _ => None,
    });
    let (headline, code) = deep::message_and_code(value);
    summary.headline = summary.headline.or(headline);
    summary.code = code;
    deep::field_items(value, &mut summary);
    summary
}

/// `whole` is `object` as the value it came in, searched as it is rather than copied.
fn from_object(media: &str, whole: &Value, object: &Map<String, Value>) -> ErrorSummary {
    let mut summary = ErrorSummary::default();
    let format = if media.contains("problem+json") {
        if is_aspnet(object) {
            BodyFormat::AspNet
        } else {
            BodyFormat::ProblemJson
        }
    } else if media.contains("vnd.api+json") && arr_at(object, "errors").is_some() {
        BodyFormat::JsonApi
    } else {
        sniff(media, object)
    };
    summary.format = Some(format);
    extract(format, object, &mut summary);
    common_fallbacks(object, &mut summary);
    // Nothing the format knows says why, or only a stock phrase ("Bad Request", "conflict"):
    // search the whole body for a message and its code.
    let stock = summary
        .headline
        .as_deref()
        .is_some_and(|h| !informative(h, 0, ""));
    // The breadth-first search for a message and its code, made once: the headline and the
    // code below both read it (a body with neither searched it twice).
    let searched = std::cell::OnceCell::new();
    let search = || searched.get_or_init(|| deep::message_and_code(whole));
    if (summary.headline.is_none() || stock) && summary.issues.is_empty() {
        let (headline, code) = search().clone();
        if let Some(found) = headline.as_ref().filter(|h| informative(h, 0, "")) {
            summary.code = summary.code.or_else(|| summary.headline.take()).or(code);
            summary.headline = Some(found.clone());
        } else if summary.headline.is_none() {
            summary.headline = headline;
            summary.code = summary.code.or(code);
        }
    }
    if summary.code.is_none() && !matches!(format, BodyFormat::ProblemJson | BodyFormat::AspNet) {
        summary.code.clone_from(&search().1);
    }
    if summary.issues.is_empty() && format == BodyFormat::GenericJson {
        deep::field_items(whole, &mut summary);
    }
    // One error that names its field beside its message, at the top or under `error`
    // (Mollie's `field`, Razorpay's `error.field`).
    if summary.issues.is_empty() {
        deep::single_issue(object, &mut summary);
    }
    summary.details = deep::other_messages(whole, summary.headline.as_deref(), 3);
    // Codes listed without a message (`"error_codes": ["currency_required"]`) say what the
    // headline code does not.
    if summary.details.is_empty() {
        summary.details = deep::listed_codes(whole, summary.code.as_deref(), 3);
    }
    if let (Some(headline), Some(parameters)) = (&summary.headline, object.get("parameters")) {
        summary.headline = clean(&fill_parameters(headline, parameters));
    }
    summary
}

/// A message template with its parameters filled in: Magento's `%resources` and `%1`,
/// `{name}`, and keys written as they appear (`{{ value }}`).
fn fill_parameters(message: &str, parameters: &Value) -> String {
    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
    let mut out = message.to_owned();
    match parameters {
        Value::Object(map) => {
            for (key, value) in map {
                let value = text(value);
                for placeholder in [format!("%{key}"), format!("{{{key}}}")] {
                    out = out.replace(&placeholder, &value);
                }
                if key.starts_with(['{', '%', ':']) {
                    out = out.replace(key.as_str(), &value);
                }
            }
        }
        Value::Array(items) => {
            // `%1` is the first: replace from the highest so `%1` does not eat `%10`.
            for (index, value) in items.iter().enumerate().rev() {
                out = out.replace(&format!("%{}", index + 1), &text(value));
            }
        }
        _ => {}
    }
    out
}

fn extract(format: BodyFormat, object: &Map<String, Value>, summary: &mut ErrorSummary) {
    match format {
        BodyFormat::ProblemJson | BodyFormat::AspNet => problem(object, summary),
        BodyFormat::Stripe => stripe(object, summary),
        BodyFormat::GitHub => github(object, summary),
        BodyFormat::Google => google(object, summary),
        BodyFormat::GoogleLegacy => google_legacy(object, summary),
        BodyFormat::JsonApi => json_api(object, summary),
        BodyFormat::Microsoft => microsoft(object, summary),
        BodyFormat::OAuth => oauth(object, summary),
        BodyFormat::GraphQl => graphql(object, summary),
        BodyFormat::FastApi => fastapi(object, summary),
        BodyFormat::Laravel => laravel(object, summary),
        BodyFormat::Rails => rails(object, summary),
        BodyFormat::Drf => drf(object, summary),
        BodyFormat::AwsJson => aws_json(object, summary),
        BodyFormat::Spring => spring(object, summary),
        BodyFormat::SlackStyle => slack(object, summary),
        BodyFormat::GenericJson
        | BodyFormat::Ndjson
        | BodyFormat::AwsXml
        | BodyFormat::Html
        | BodyFormat::PlainText
        | BodyFormat::Empty => generic(object, summary),
    }
}
