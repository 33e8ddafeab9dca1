//! What a request expects of its response (`expect:`) and what it keeps from it for later
//! requests (`capture:`), as the loader checked them: statuses, failure kinds, header and
//! JSONPath tests with their patterns compiled, a JSON Schema read and compiled, a duration
//! limit. Checking a response against them is `crate::expectation`'s job; this is the model.
//!
//! The format is documented in docs/collection-format.md ("Expectations", "Captures").

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde_json_path::JsonPath;

/// What a headless run expects of a response.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Expect {
    /// Any of these matches. Empty: any 2xx or 3xx, unless only `fails_with` is given.
    pub status: Vec<StatusMatcher>,
    /// The failure kinds the request is expected to end in (`timeout`, `connect`, …, the
    /// names of [`FAILURE_KINDS`]): then a response is the miss.
    pub fails_with: Vec<String>,
    /// Response headers, by name (any case).
    pub headers: Vec<HeaderExpectation>,
    /// Tests of values in a JSON body, by JSONPath.
    pub body: Vec<BodyExpectation>,
    /// Texts the body must contain.
    pub body_contains: Vec<String>,
    /// A JSON Schema the body must match.
    pub body_schema: Option<SchemaFile>,
    /// The exchange must take less than this.
    pub max_duration: Option<Duration>,
}

/// The failures `expect.fails_with` can name: how a request ends without a response.
pub const FAILURE_KINDS: &[&str] = &[
    "invalid_url",
    "template",
    "dns",
    "connect",
    "reset",
    "tls",
    "timeout",
    "redirect_loop",
    "body_too_large",
    "other",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMatcher {
    Exact(u16),
    /// `2xx` → `Class(2)`.
    Class(u16),
    /// `200-299`, both ends included.
    Range(u16, u16),
}

impl StatusMatcher {
    pub fn matches(self, status: u16) -> bool {
        match self {
            StatusMatcher::Exact(code) => code == status,
            StatusMatcher::Class(class) => status / 100 == class,
            StatusMatcher::Range(low, high) => (low..=high).contains(&status),
        }
    }
}

impl fmt::Display for StatusMatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusMatcher::Exact(code) => write!(f, "{code}"),
            StatusMatcher::Class(class) => write!(f, "{class}xx"),
            StatusMatcher::Range(low, high) => write!(f, "{low}-{high}"),
        }
    }
}

/// `headers: { Content-Type: application/json, X-Request-Id: { exists: true } }`.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderExpectation {
    /// As written; matched without regard to case.
    pub name: String,
    pub tests: Vec<ValueTest>,
}

/// `body: { $.items[0].id: { type: number } }`.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyExpectation {
    /// The JSONPath as written: what failures quote.
    pub path: String,
    pub query: JsonPath,
    /// Whether the path names at most one value (`$.items`, `$.a[0].b`) rather than
    /// selecting several (`$.items[*]`, `$..id`, a filter or a slice): `count` counts the
    /// items of the one value, or how many were selected.
    pub singular: bool,
    pub tests: Vec<ValueTest>,
}

/// Whether a JSONPath is singular as RFC 9535 §2.3.5.1 defines it: only names and indexes,
/// no wildcard, descendant, slice, filter or list of selectors (text in quotes is a name).
pub fn is_singular_path(path: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut previous = '\0';
    for c in path.chars() {
        match quote {
            Some(q) if c == q && previous != '\\' => quote = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' => quote = Some(c),
                '*' | '?' | ':' | ',' => return false,
                '.' if previous == '.' => return false,
                _ => {}
            },
        }
        previous = c;
    }
    true
}

/// One test of a header's value or of the value a JSONPath selects.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueTest {
    /// `exists: true` (present) or `exists: false` (absent).
    Exists(bool),
    /// Equal to this value: for headers, the text; for JSON, the value (numbers compared
    /// as numbers, so `42` equals `42.0`).
    Equals(serde_json::Value),
    /// The text (a JSON string's content, or any other value as JSON) matches the pattern.
    Matches(Pattern),
    /// The text contains this.
    Contains(String),
    /// The JSON type of the value.
    Type(JsonType),
    /// The number of items of an array (or members of an object); for a path that selects
    /// several values, how many it selects.
    Count(usize),
    /// A number below this one.
    LessThan(serde_json::Number),
    /// A number above this one.
    GreaterThan(serde_json::Number),
}

/// A regular expression, checked when the collection loads.
#[derive(Debug, Clone)]
pub struct Pattern(pub regex::Regex);

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

/// The JSON types `type:` can name; `integer` is a number without a fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    String,
    Number,
    Integer,
    Boolean,
    Array,
    Object,
    Null,
}

impl JsonType {
    pub const NAMES: &[&str] = &[
        "string", "number", "integer", "boolean", "array", "object", "null",
    ];

    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "string" => JsonType::String,
            "number" => JsonType::Number,
            "integer" => JsonType::Integer,
            "boolean" => JsonType::Boolean,
            "array" => JsonType::Array,
            "object" => JsonType::Object,
            "null" => JsonType::Null,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Number => "number",
            JsonType::Integer => "integer",
            JsonType::Boolean => "boolean",
            JsonType::Array => "array",
            JsonType::Object => "object",
            JsonType::Null => "null",
        }
    }

    /// The type of `value`, as named here (`number` for every number).
    pub fn of(value: &serde_json::Value) -> Self {
        match value {
            serde_json::Value::String(_) => JsonType::String,
            serde_json::Value::Number(_) => JsonType::Number,
            serde_json::Value::Bool(_) => JsonType::Boolean,
            serde_json::Value::Array(_) => JsonType::Array,
            serde_json::Value::Object(_) => JsonType::Object,
            serde_json::Value::Null => JsonType::Null,
        }
    }

    /// Whether `value` is of this type (`integer` accepts `3` and `3.0`, not `3.5`).
    pub fn admits(self, value: &serde_json::Value) -> bool {
        match (self, value) {
            (JsonType::Integer, serde_json::Value::Number(n)) => {
                n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
            }
            (JsonType::Number, serde_json::Value::Number(_)) => true,
            (wanted, value) => wanted == Self::of(value) && wanted != JsonType::Integer,
        }
    }
}

/// `body_schema: schemas/user.json`: the file as written and the schema it holds, read and
/// compiled when the collection loads.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaFile {
    /// As written, relative to the collection file.
    pub written: String,
    pub path: PathBuf,
    pub schema: serde_json::Value,
}

impl SchemaFile {
    /// The schema compiled, its relative `$ref`s (`"$ref": "address.json"`) read from files
    /// beside it.
    pub fn validator(&self) -> Result<jsonschema::Validator, String> {
        compile_schema(&self.schema, &self.path)
    }
}

/// Compiles `schema`, read from `path`, with that file as the base of its relative `$ref`s.
pub fn compile_schema(
    schema: &serde_json::Value,
    path: &std::path::Path,
) -> Result<jsonschema::Validator, String> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut options = jsonschema::options();
    if let Ok(base) = url::Url::from_file_path(&absolute) {
        options = options.with_base_uri(base.to_string());
    }
    options.build(schema).map_err(|e| e.to_string())
}

/// `capture: { token: $.access_token, request_id: { header: X-Request-Id } }`: values a
/// response gives the requests sent after it in the same run, as variables.
#[derive(Debug, Clone, PartialEq)]
pub struct Capture {
    /// The variable later templates read: `{{ token }}`.
    pub variable: String,
    pub from: CaptureSource,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CaptureSource {
    /// The first value a JSONPath selects in the JSON body (a string as its text, anything
    /// else as JSON).
    Body { path: String, query: JsonPath },
    /// A response header's value.
    Header(String),
}

impl fmt::Display for CaptureSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaptureSource::Body { path, .. } => f.write_str(path),
            CaptureSource::Header(name) => write!(f, "header {name}"),
        }
    }
}

impl Expect {
    /// Whether `status` is one this expects (any 2xx or 3xx when no `status` is written,
    /// none when only failures are expected).
    pub fn admits_status(&self, status: u16) -> bool {
        if self.status.is_empty() {
            return self.fails_with.is_empty() && (200..400).contains(&status);
        }
        self.status.iter().any(|m| m.matches(status))
    }

    /// The outcomes it accepts, as a person says them: `401`, `2xx`, `200 or 204`,
    /// `a failure (timeout)`.
    pub fn describe(&self) -> String {
        let mut all: Vec<String> = self.status.iter().map(ToString::to_string).collect();
        if all.is_empty() && self.fails_with.is_empty() {
            all.push("2xx or 3xx".to_owned());
        }
        all.extend(self.fails_with.iter().map(|kind| format!("a failure ({kind})")));
        match all.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        }
    }
}

impl Expect {
    /// The expectations as an `expect:` block says them, the keys in the order the format
    /// documents: what the TUI's editor opens with. Reading it back gives this `Expect`.
    pub fn to_yaml(&self) -> String {
        use serde_yaml::{Mapping, Value as Yaml};
        let mut map = Mapping::new();
        let one_or_list = |mut items: Vec<Yaml>| {
            if items.len() == 1 {
                items.remove(0)
            } else {
                Yaml::Sequence(items)
            }
        };
        if !self.status.is_empty() {
            let statuses = self
                .status
                .iter()
                .map(|m| match m {
                    StatusMatcher::Exact(code) => Yaml::Number((*code).into()),
                    other => Yaml::String(other.to_string()),
                })
                .collect();
            map.insert("status".into(), one_or_list(statuses));
        }
        if !self.headers.is_empty() {
            let headers = self
                .headers
                .iter()
                .map(|h| (Yaml::String(h.name.clone()), tests_yaml(&h.tests)))
                .collect();
            map.insert("headers".into(), Yaml::Mapping(headers));
        }
        if !self.body.is_empty() {
            let body = self
                .body
                .iter()
                .map(|b| (Yaml::String(b.path.clone()), tests_yaml(&b.tests)))
                .collect();
            map.insert("body".into(), Yaml::Mapping(body));
        }
        if !self.body_contains.is_empty() {
            let texts = self.body_contains.iter().cloned().map(Yaml::String).collect();
            map.insert("body_contains".into(), one_or_list(texts));
        }
        if let Some(schema) = &self.body_schema {
            map.insert("body_schema".into(), Yaml::String(schema.written.clone()));
        }
        if let Some(limit) = self.max_duration {
            map.insert(
                "max_duration".into(),
                Yaml::String(crate::format::duration_setting(limit)),
            );
        }
        if !self.fails_with.is_empty() {
            let kinds = self.fails_with.iter().cloned().map(Yaml::String).collect();
            map.insert("fails_with".into(), one_or_list(kinds));
        }
        if map.is_empty() {
            return String::new();
        }
        serde_yaml::to_string(&Yaml::Mapping(map)).unwrap_or_default()
    }
}

/// A value written plainly when the only test is equality to a value that does not read as
/// tests (a mapping would); a mapping of tests otherwise.
fn tests_yaml(tests: &[ValueTest]) -> serde_yaml::Value {
    use serde_yaml::Value as Yaml;
    let json = |v: &serde_json::Value| serde_yaml::to_value(v).unwrap_or(Yaml::Null);
    if let [ValueTest::Equals(value)] = tests
        && !value.is_object()
    {
        return json(value);
    }
    let map = tests
        .iter()
        .map(|test| {
            let (key, value) = match test {
                ValueTest::Exists(b) => ("exists", Yaml::Bool(*b)),
                ValueTest::Equals(v) => ("equals", json(v)),
                ValueTest::Matches(p) => ("matches", Yaml::String(p.to_string())),
                ValueTest::Contains(t) => ("contains", Yaml::String(t.clone())),
                ValueTest::Type(t) => ("type", Yaml::String(t.as_str().to_owned())),
                ValueTest::Count(n) => ("count", Yaml::Number((*n as u64).into())),
                ValueTest::LessThan(n) => ("less_than", json(&serde_json::Value::Number(n.clone()))),
                ValueTest::GreaterThan(n) => ("greater_than", json(&serde_json::Value::Number(n.clone()))),
            };
            (Yaml::String(key.to_owned()), value)
        })
        .collect();
    Yaml::Mapping(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_includes_both_ends() {
        assert!(StatusMatcher::Range(200, 299).matches(200));
        assert!(StatusMatcher::Range(200, 299).matches(299));
        assert!(!StatusMatcher::Range(200, 299).matches(300));
        assert_eq!(StatusMatcher::Range(200, 204).to_string(), "200-204");
    }

    #[test]
    fn no_status_written_means_success_unless_only_a_failure_is_expected() {
        let plain = Expect::default();
        assert!(plain.admits_status(204));
        assert!(plain.admits_status(302));
        assert!(!plain.admits_status(404));
        assert_eq!(plain.describe(), "2xx or 3xx");
        let failing = Expect {
            fails_with: vec!["timeout".into()],
            ..Expect::default()
        };
        assert!(!failing.admits_status(200));
        assert_eq!(failing.describe(), "a failure (timeout)");
    }

    #[test]
    fn integer_admits_whole_numbers_only() {
        use serde_json::json;
        assert!(JsonType::Integer.admits(&json!(3)));
        assert!(JsonType::Integer.admits(&json!(3.0)));
        assert!(!JsonType::Integer.admits(&json!(3.5)));
        assert!(JsonType::Number.admits(&json!(3.5)));
        assert!(!JsonType::String.admits(&json!(3)));
        assert!(JsonType::Null.admits(&json!(null)));
        for name in JsonType::NAMES {
            assert_eq!(JsonType::parse(name).map(JsonType::as_str), Some(*name));
        }
    }

    #[test]
    fn an_expect_block_reads_back_as_the_same_expectations() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("user.json"), r#"{"type":"object"}"#).unwrap();
        let source = dir.path().join("c.yaml");
        let written = concat!(
            "status: [200, 2xx, 200-204]\n",
            "headers:\n  Content-Type: application/json\n  X-Id: { exists: true, matches: '^[0-9]+$' }\n",
            "body:\n  $.id: 42\n  $.user: { equals: { name: Ada } }\n  $.tags: { count: 2, type: array }\n",
            "  $.total: { greater_than: 0, less_than: 2.5 }\n",
            "  $.name: 'yes'\n",
            "body_contains: [hello, world]\n",
            "body_schema: user.json\n",
            "max_duration: 1.5s\n",
        );
        let expect = crate::collection::parse_expect(written, &source)
            .unwrap()
            .unwrap();
        let again = crate::collection::parse_expect(&expect.to_yaml(), &source)
            .unwrap()
            .unwrap();
        assert_eq!(again, expect, "{}", expect.to_yaml());
        let failing = crate::collection::parse_expect("fails_with: [timeout, connect]\n", &source)
            .unwrap()
            .unwrap();
        assert_eq!(failing.to_yaml(), "fails_with:\n- timeout\n- connect\n");
        assert_eq!(Expect::default().to_yaml(), "");
    }

    #[test]
    fn an_expect_block_with_a_problem_is_located_in_its_own_text() {
        let errors =
            crate::collection::parse_expect("status: 200\nbody:\n  id: 1\n", std::path::Path::new("c.yaml"))
                .unwrap_err();
        assert_eq!(
            (errors[0].line, errors[0].column),
            (Some(3), Some(3)),
            "{errors:?}"
        );
        assert!(
            errors[0].message().contains("`id` is not a JSONPath"),
            "{}",
            errors[0]
        );
        let errors =
            crate::collection::parse_expect("status: nope\n", std::path::Path::new("c.yaml")).unwrap_err();
        assert_eq!(errors[0].line, Some(1));
        assert!(errors[0].message().starts_with("status: `nope`"), "{}", errors[0]);
    }

    #[test]
    fn singular_paths_name_one_value() {
        for path in ["$", "$.items", "$.a[0].b", "$['a,b']", "$[\"x*\"]"] {
            assert!(is_singular_path(path), "{path}");
        }
        for path in [
            "$.items[*]",
            "$..id",
            "$.a[?@.id == 1]",
            "$.a[0:2]",
            "$.a[0,1]",
            "$.*",
        ] {
            assert!(!is_singular_path(path), "{path}");
        }
    }
}
