//! The corpus files as data: one product's exchanges, each a request in the collection format,
//! what came back, and what the checklist should say first. The keys are documented in
//! `tests/corpus/README.md`; unknown keys are errors, so a typo cannot silently drop an
//! expectation.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_yaml::Value;

/// One corpus file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductFile {
    pub product: String,
    pub docs: String,
    pub exchanges: Vec<Entry>,
}

/// One exchange and what the checklist should make of it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub name: String,
    pub doc: String,
    pub cause: String,
    /// A request mapping of the collection format.
    pub request: Value,
    #[serde(default)]
    pub variables: Option<Value>,
    #[serde(default)]
    pub environments: Option<Value>,
    #[serde(default)]
    pub defaults: Option<Value>,
    #[serde(default)]
    pub environment: Option<String>,
    #[serde(default)]
    pub env: IndexMap<String, String>,
    #[serde(default)]
    pub siblings: Vec<Value>,
    #[serde(default)]
    pub earlier: Vec<Earlier>,
    #[serde(default)]
    pub redirects: Vec<Redirect>,
    #[serde(default)]
    pub response: Option<ResponseSpec>,
    #[serde(default)]
    pub failure: Option<FailureSpec>,
    #[serde(default)]
    pub elapsed: Option<String>,
    #[serde(default)]
    pub later: Option<String>,
    pub expect: Expect,
}

/// An exchange of the same session before this one.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Earlier {
    pub request: Option<String>,
    #[serde(default = "get")]
    pub method: String,
    pub url: String,
    #[serde(default)]
    pub headers: Headers,
    pub status: Option<u16>,
    #[serde(default)]
    pub failure: Option<String>,
    pub ago: String,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub elapsed: Option<String>,
}

fn get() -> String {
    "GET".to_owned()
}

/// A redirect followed on the way to the final response.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Redirect {
    pub status: u16,
    pub location: String,
    #[serde(default)]
    pub headers: Headers,
}

/// The response as received.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSpec {
    pub status: u16,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub headers: Headers,
    #[serde(default)]
    pub body: Option<Value>,
}

/// A failure before a complete response.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailureSpec {
    pub kind: String,
    pub phase: String,
    pub message: String,
    #[serde(default)]
    pub chain: Vec<String>,
    #[serde(default)]
    pub io: Option<String>,
    #[serde(default)]
    pub resolved: Vec<String>,
    #[serde(default)]
    pub limit: Option<String>,
    #[serde(default)]
    pub response: Option<ResponseSpec>,
}

/// Headers as a map, or as `[name, value]` pairs when a name repeats.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
pub enum Headers {
    #[default]
    None,
    Map(IndexMap<String, Value>),
    Pairs(Vec<(String, Value)>),
}

impl Headers {
    pub fn pairs(&self) -> Vec<(String, String)> {
        let text = |v: &Value| match v {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim_end()
                .to_owned(),
        };
        match self {
            Headers::None => Vec::new(),
            Headers::Map(map) => map.iter().map(|(k, v)| (k.clone(), text(v))).collect(),
            Headers::Pairs(pairs) => pairs.iter().map(|(k, v)| (k.clone(), text(v))).collect(),
        }
    }
}

/// What the checklist should say first.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Check ids, any of which is right as the first failure; `[none]` for a healthy control.
    pub checks: Checks,
    #[serde(default)]
    pub quotes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Checks {
    One(String),
    Any(Vec<String>),
}

impl Expect {
    pub fn checks(&self) -> Vec<&str> {
        match &self.checks {
            Checks::One(id) => vec![id.as_str()],
            Checks::Any(ids) => ids.iter().map(String::as_str).collect(),
        }
    }

    /// A healthy control: nothing may fail.
    pub fn is_healthy(&self) -> bool {
        self.checks() == ["none"]
    }
}
