//! The YAML shape of a collection file, as serde reads it.
//!
//! Unknown keys are not rejected here: the loader collects them (with `serde_ignored`) and
//! reports every one that is not an `x-` extension, with a suggestion, at its position. That
//! way a typo is an error while `x-team: payments` is kept for tools that want it.
//! Scalars that people write as numbers (`user_id: 42`, `page: 1`) are read as text, since
//! everything ends up in a URL, header or template anyway.

use std::fmt;
use std::time::Duration;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::model::{KeyLocation, StatusMatcher};

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(extend("additionalProperties" = false, "patternProperties" = {"^x-": true}))]
pub(super) struct RawCollection {
    /// The format version: 1.
    pub version: Option<u32>,
    /// The collection's name (default: the file's name).
    pub name: Option<Scalar>,
    pub description: Option<String>,
    /// Variables every request can use as `{{ name }}`.
    #[serde(default)]
    pub variables: IndexMap<String, Scalar>,
    /// Named sets of variables that override `variables` when chosen (`E`, `--env`).
    #[serde(default)]
    pub environments: IndexMap<String, Option<IndexMap<String, Scalar>>>,
    /// Headers, query, auth and options merged into every request.
    #[serde(default)]
    pub defaults: Option<RawDefaults>,
    /// Keep a cookie jar (per environment) for this collection's requests.
    #[serde(default)]
    pub cookies: bool,
    /// The API's OpenAPI description (3.x or Swagger 2.0, JSON or YAML), relative to this
    /// file: the checklist then says when a request's path, method, parameters or body
    /// fields are not the ones it describes.
    #[serde(default)]
    pub openapi: Option<String>,
    /// Requests and folders, in the order they are shown and run.
    #[serde(default)]
    pub requests: Vec<RawItem>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(rename = "Defaults")]
#[schemars(extend("additionalProperties" = false, "patternProperties" = {"^x-": true}))]
pub(super) struct RawDefaults {
    pub headers: Option<PairList>,
    pub query: Option<PairList>,
    pub auth: Option<RawAuth>,
    pub timeout: Option<DurationValue>,
    pub connect_timeout: Option<DurationValue>,
    pub follow_redirects: Option<bool>,
    pub insecure_tls: Option<bool>,
    pub max_body: Option<ByteSize>,
    pub idempotent: Option<bool>,
    pub max_age: Option<DurationValue>,
}

/// A request or a folder; which one is decided by whether `name` or `folder` is present.
/// One struct instead of an untagged enum keeps serde's errors precise.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(expecting = "a request (with `name:`) or a folder (with `folder:`)")]
#[schemars(
    rename = "Item",
    description = "A request (with `name`) or a folder (with `folder` and `requests`)."
)]
#[schemars(extend("additionalProperties" = false, "patternProperties" = {"^x-": true}))]
pub(super) struct RawItem {
    /// The request's name (unique in its folder).
    pub name: Option<Scalar>,
    /// The folder's name.
    pub folder: Option<Scalar>,
    /// A folder's requests and folders.
    pub requests: Option<Vec<RawItem>>,
    pub description: Option<String>,
    /// The method: GET (the default), POST, PUT, PATCH, DELETE, … any token.
    pub method: Option<String>,
    /// The URL; may hold templates (`{{ base_url }}/v1/users`).
    pub url: Option<String>,
    /// Query parameters, added after any the URL has.
    pub query: Option<PairList>,
    pub headers: Option<PairList>,
    /// One of `json`, `text`, `form`, `multipart`, `file` (and `content_type`).
    pub body: Option<RawBody>,
    pub auth: Option<RawAuth>,
    /// The whole exchange's time limit (default 30s).
    pub timeout: Option<DurationValue>,
    /// Connecting's time limit (default 10s).
    pub connect_timeout: Option<DurationValue>,
    /// Follow redirects (default true).
    pub follow_redirects: Option<bool>,
    /// Accept any TLS certificate (default false).
    pub insecure_tls: Option<bool>,
    /// The largest response body (default 4GiB; past 32MiB it is kept on disk).
    pub max_body: Option<ByteSize>,
    /// Sending it twice does no more than once: `run --retry` may resend it.
    pub idempotent: Option<bool>,
    /// How long its response, kept from an earlier session, may feed `{{ response.… }}`.
    pub max_age: Option<DurationValue>,
    /// What `apibench run` expects of its response.
    pub expect: Option<RawExpect>,
    /// Variable name → a JSONPath (`$.token`), or `{ header: NAME }`: values for the requests after it.
    #[schemars(
        description = "Variable name → a JSONPath (`$.token`), or `{ header: NAME }`: values for the requests after it."
    )]
    pub capture: Option<IndexMap<String, serde_json::Value>>,
    /// Labels `apibench run --tag` selects by.
    pub tags: Option<OneOrMany>,
    /// The request's own variables: they win over every other in the file.
    pub variables: Option<IndexMap<String, Scalar>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(extend("additionalProperties" = false, "patternProperties" = {"^x-": true}))]
#[schemars(rename = "Body")]
pub(super) struct RawBody {
    #[serde(default, deserialize_with = "present")]
    pub json: Option<serde_json::Value>,
    pub text: Option<String>,
    pub form: Option<PairList>,
    pub multipart: Option<Vec<RawPart>>,
    pub file: Option<String>,
    pub content_type: Option<String>,
}

/// Keeps `json: null` as `Some(Null)`: an explicit null body is different from no `json` key.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<serde_json::Value>, D::Error> {
    serde_json::Value::deserialize(d).map(Some)
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(extend("additionalProperties" = false, "patternProperties" = {"^x-": true}))]
#[schemars(rename = "Part")]
pub(super) struct RawPart {
    pub name: Scalar,
    pub value: Option<Scalar>,
    pub file: Option<String>,
    pub content_type: Option<String>,
}

/// `auth: none`, or a map with exactly one of `bearer`, `basic`, `api_key`.
///
/// Read by hand rather than as a serde enum: `serde_yaml` reports an unknown enum key as
/// "expected a YAML tag", while a struct with optional fields names the unknown field and
/// lets us suggest the right one.
#[derive(Debug)]
pub(super) enum RawAuth {
    None,
    Fields(RawAuthFields),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "AuthFields")]
#[schemars(extend("additionalProperties" = false, "patternProperties" = {"^x-": true}))]
pub(super) struct RawAuthFields {
    pub bearer: Option<Scalar>,
    pub basic: Option<RawBasic>,
    pub api_key: Option<RawApiKey>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Basic")]
#[schemars(extend("additionalProperties" = false, "patternProperties" = {"^x-": true}))]
pub(super) struct RawBasic {
    pub username: Scalar,
    #[serde(default)]
    pub password: Scalar,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "ApiKey")]
#[schemars(extend("additionalProperties" = false, "patternProperties" = {"^x-": true}))]
pub(super) struct RawApiKey {
    #[serde(rename = "in")]
    pub location: RawKeyLocation,
    pub name: String,
    pub value: Scalar,
}

impl<'de> Deserialize<'de> for RawAuth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawAuth;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`none`, or one of `bearer`, `basic`, `api_key`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawAuth, E> {
                if v == "none" {
                    Ok(RawAuth::None)
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawAuth, A::Error> {
                RawAuthFields::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawAuth::Fields)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "KeyLocation")]
pub(super) enum RawKeyLocation {
    Header,
    Query,
}

impl From<RawKeyLocation> for KeyLocation {
    fn from(raw: RawKeyLocation) -> Self {
        match raw {
            RawKeyLocation::Header => KeyLocation::Header,
            RawKeyLocation::Query => KeyLocation::Query,
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(extend("additionalProperties" = false, "patternProperties" = {"^x-": true}))]
#[schemars(rename = "Expect")]
pub(super) struct RawExpect {
    #[serde(default)]
    pub status: Option<StatusList>,
    /// The failure kinds it is expected to end in: one, or a list.
    #[serde(default)]
    pub fails_with: Option<OneOrMany>,
    /// Header name → a value, or a map of tests (`exists`, `equals`, `matches`, `contains`).
    pub headers: Option<IndexMap<String, serde_json::Value>>,
    /// JSONPath → a value, or a map of tests.
    pub body: Option<IndexMap<String, serde_json::Value>>,
    pub body_contains: Option<OneOrMany>,
    pub body_schema: Option<String>,
    pub max_duration: Option<DurationValue>,
}

/// One text or a list of them; numbers and booleans read as they are written (`404`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged, expecting = "a text, or a list of texts")]
pub(super) enum OneOrMany {
    One(Scalar),
    Many(Vec<Scalar>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(one) => vec![one.0],
            OneOrMany::Many(many) => many.into_iter().map(|s| s.0).collect(),
        }
    }
}

/// A YAML scalar read as text, as written: strings, numbers and booleans; null reads as empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                // Read as text, numbers keep their spelling (`1.10`, `007`, `0x1F`); YAML's
                // null spellings still mean "empty" (a quoted "null" does too: the parser
                // does not say which it was).
                if matches!(v, "~" | "null" | "Null" | "NULL") {
                    return Ok(Scalar::default());
                }
                Ok(Scalar(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::default())
            }
        }
        d.deserialize_str(V)
    }
}

/// Name/value pairs written as a map (`page: 1`) or, for repeated names, as a list of
/// `{name, value}` entries.
#[derive(Debug, Clone, Default)]
pub(super) struct PairList {
    pub pairs: Vec<(String, String)>,
    /// Written as a list of `{name, value}` rather than a map; decides how errors are located.
    pub written_as_list: bool,
}

/// One `{name, value}` entry of the list form. Read by hand so a wrong entry is reported as
/// "expected a {name, value} entry", not with a Rust type name.
struct NamedValue {
    name: Scalar,
    value: Scalar,
}

impl<'de> Deserialize<'de> for NamedValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = NamedValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a `{name, value}` entry")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NamedValue, A::Error> {
                let (mut name, mut value) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "name" => name = Some(map.next_value::<Scalar>()?),
                        "value" => value = Some(map.next_value::<Scalar>()?),
                        // Reported (or kept, for `x-` keys) by the loader, like any unknown key.
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(NamedValue {
                    name: name.ok_or_else(|| de::Error::missing_field("name"))?,
                    value: value.unwrap_or_default(),
                })
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for PairList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PairList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of names to values, or a list of {name, value}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PairList, A::Error> {
                let mut pairs = Vec::new();
                while let Some((k, v)) = map.next_entry::<Scalar, Scalar>()? {
                    pairs.push((k.0, v.0));
                }
                Ok(PairList {
                    pairs,
                    written_as_list: false,
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PairList, A::Error> {
                let mut pairs = Vec::new();
                while let Some(item) = seq.next_element::<NamedValue>()? {
                    pairs.push((item.name.0, item.value.0));
                }
                Ok(PairList {
                    pairs,
                    written_as_list: true,
                })
            }
            fn visit_unit<E: de::Error>(self) -> Result<PairList, E> {
                Ok(PairList::default())
            }
        }
        d.deserialize_any(V)
    }
}

/// `30s`, `1m 30s`, `500ms`, or a bare number of seconds.
#[derive(Debug, Clone, Copy)]
pub(super) struct DurationValue(pub Duration);

impl<'de> Deserialize<'de> for DurationValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DurationValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration like 30s, 500ms or 1m 30s")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DurationValue, E> {
                Ok(DurationValue(Duration::from_secs(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DurationValue, E> {
                u64::try_from(v)
                    .map(|v| DurationValue(Duration::from_secs(v)))
                    .map_err(|_| E::custom("a duration cannot be negative"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<DurationValue, E> {
                Duration::try_from_secs_f64(v)
                    .map(DurationValue)
                    .map_err(|_| E::custom(format!("{v} is not a valid number of seconds")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DurationValue, E> {
                crate::format::parse_duration(v)
                    .map(DurationValue)
                    .map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// A byte count: a number, or text with a unit (`10MB`, `512 KiB`).
#[derive(Debug, Clone, Copy)]
pub(super) struct ByteSize(pub u64);

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ByteSize;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a size like 10MB, 512KiB or a number of bytes")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ByteSize, E> {
                Ok(ByteSize(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ByteSize, E> {
                u64::try_from(v)
                    .map(ByteSize)
                    .map_err(|_| E::custom("a size cannot be negative"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ByteSize, E> {
                crate::format::parse_size(v).map(ByteSize).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// `204`, `2xx`, or a list of either.
#[derive(Debug, Clone)]
pub(super) struct StatusList(pub Vec<StatusMatcher>);

impl<'de> Deserialize<'de> for StatusList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StatusList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a status code (204), a class (2xx), a range (200-299), or a list of them")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<StatusList, E> {
                status_code(v).map(|m| StatusList(vec![m])).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<StatusList, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom(format!("{v} is not an HTTP status code")))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StatusList, E> {
                status_text(v).map(|m| StatusList(vec![m])).map_err(E::custom)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StatusList, A::Error> {
                let mut all = Vec::new();
                while let Some(item) = seq.next_element::<Scalar>()? {
                    all.push(status_text(&item.0).map_err(de::Error::custom)?);
                }
                if all.is_empty() {
                    return Err(de::Error::custom("the list of expected statuses is empty"));
                }
                Ok(StatusList(all))
            }
        }
        d.deserialize_any(V)
    }
}

fn status_code(v: u64) -> Result<StatusMatcher, String> {
    u16::try_from(v)
        .ok()
        .filter(|c| (100..=599).contains(c))
        .map(StatusMatcher::Exact)
        .ok_or_else(|| format!("{v} is not an HTTP status code (100–599)"))
}

fn status_text(text: &str) -> Result<StatusMatcher, String> {
    let t = text.trim();
    if let Some(class) = t.strip_suffix("xx").or_else(|| t.strip_suffix("XX")) {
        return class
            .parse::<u16>()
            .ok()
            .filter(|c| (1..=5).contains(c))
            .map(StatusMatcher::Class)
            .ok_or_else(|| format!("`{text}` is not a status class (1xx–5xx)"));
    }
    if let Some((low, high)) = t.split_once('-') {
        let bound = |b: &str| match status_code(b.trim().parse::<u64>().unwrap_or(0)) {
            Ok(StatusMatcher::Exact(code)) => Some(code),
            _ => None,
        };
        return match (bound(low), bound(high)) {
            (Some(low), Some(high)) if low <= high => Ok(StatusMatcher::Range(low, high)),
            _ => Err(format!("`{text}` is not a status range like 200-299")),
        };
    }
    t.parse::<u64>()
        .map_err(|_| format!("`{text}` is not a status code, a class like 2xx or a range like 200-299"))
        .and_then(status_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_forms() {
        assert_eq!(status_text("2xx").unwrap(), StatusMatcher::Class(2));
        assert_eq!(status_text("404").unwrap(), StatusMatcher::Exact(404));
        assert!(status_text("6xx").is_err());
        assert_eq!(status_text("200-204").unwrap(), StatusMatcher::Range(200, 204));
        assert!(status_text("299-200").is_err());
        assert!(status_text("200-999").is_err());
        assert!(status_code(42).is_err());
    }
}

/// The keys each kind of mapping accepts, in declaration order, for "did you mean".
pub(super) mod fields {
    pub const COLLECTION: &[&str] = &[
        "version",
        "name",
        "description",
        "variables",
        "environments",
        "defaults",
        "cookies",
        "openapi",
        "requests",
    ];
    pub const DEFAULTS: &[&str] = &[
        "headers",
        "query",
        "auth",
        "timeout",
        "connect_timeout",
        "follow_redirects",
        "insecure_tls",
        "max_body",
        "idempotent",
        "max_age",
    ];
    pub const ITEM: &[&str] = &[
        "name",
        "folder",
        "requests",
        "description",
        "method",
        "url",
        "query",
        "headers",
        "body",
        "auth",
        "timeout",
        "connect_timeout",
        "follow_redirects",
        "insecure_tls",
        "max_body",
        "idempotent",
        "max_age",
        "expect",
        "capture",
        "tags",
        "variables",
    ];
    pub const BODY: &[&str] = &["json", "text", "form", "multipart", "file", "content_type"];
    pub const PART: &[&str] = &["name", "value", "file", "content_type"];
    pub const AUTH: &[&str] = &["bearer", "basic", "api_key"];
    pub const BASIC: &[&str] = &["username", "password"];
    pub const API_KEY: &[&str] = &["in", "name", "value"];
    pub const EXPECT: &[&str] = &[
        "status",
        "headers",
        "body",
        "body_contains",
        "body_schema",
        "max_duration",
        "fails_with",
    ];
    /// The tests a header or a JSONPath can carry.
    pub const TEST: &[&str] = &[
        "exists",
        "equals",
        "matches",
        "contains",
        "type",
        "count",
        "less_than",
        "greater_than",
    ];
    pub const CAPTURE: &[&str] = &["header"];
    pub const NAMED_VALUE: &[&str] = &["name", "value"];
}

#[cfg(test)]
mod scalar_tests {
    use super::Scalar;

    fn read(yaml: &str) -> String {
        serde_yaml::from_str::<Scalar>(yaml).unwrap().0
    }

    #[test]
    fn numbers_keep_their_spelling_and_null_is_empty() {
        assert_eq!(read("1.10"), "1.10");
        assert_eq!(read("007"), "007");
        assert_eq!(read("0x1F"), "0x1F");
        assert_eq!(read("true"), "true");
        assert_eq!(read("\"q\""), "q");
        assert_eq!(read("~"), "");
        assert_eq!(read("null"), "");
    }
}
