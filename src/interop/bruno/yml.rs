//! Bruno's YAML collection format (`OpenCollection`, Bruno 3): `opencollection.yml` at the
//! root (`info.name`, `request:` defaults for every request), `folder.yml` in a folder, a
//! `.yml` file per request (`info { name, type, seq }`, `http { method, url, headers, params,
//! body, auth }` or `graphql { … }`, `runtime { variables, scripts, assertions, actions }`,
//! `docs`) and `environments/*.yml`. The shapes are those Bruno's own reader takes
//! (`packages/bruno-filestore/src/formats/yml` in usebruno/bruno), read leniently with serde:
//! a value may be text or a number, a missing field is empty.

use serde::Deserialize;
use serde_json::Value;

use super::source::{
    Auth, Body, Common, Environment, FileChoice, Folder, Part, PartValue, Request, Row, Script,
};

#[derive(Deserialize, Default)]
#[serde(default)]
struct Info {
    name: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    seq: Option<f64>,
}

/// `opencollection.yml` and `folder.yml`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct FolderFile {
    info: Info,
    request: Defaults,
    docs: Value,
}

/// What a collection or folder sets for every request inside.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Defaults {
    headers: Vec<Entry>,
    auth: Option<Value>,
    variables: Vec<Entry>,
    scripts: Vec<ScriptEntry>,
    actions: Vec<Value>,
}

/// A request file.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RequestFile {
    info: Info,
    http: Option<Details>,
    graphql: Option<Details>,
    runtime: Runtime,
    docs: Value,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Details {
    method: Option<String>,
    url: String,
    headers: Vec<Entry>,
    params: Vec<Entry>,
    body: Option<Value>,
    auth: Option<Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Runtime {
    variables: Vec<Entry>,
    scripts: Vec<ScriptEntry>,
    assertions: Vec<Assertion>,
    actions: Vec<Value>,
}

/// A header, parameter, variable or form field.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Entry {
    name: String,
    value: Value,
    disabled: bool,
    /// `query` or `path` for a parameter; `text` or `file` for a multipart field.
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(rename = "contentType")]
    content_type: Option<String>,
    secret: bool,
}

impl Entry {
    fn row(&self) -> Row {
        Row {
            name: self.name.clone(),
            value: text(&self.value),
            enabled: !self.disabled,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ScriptEntry {
    #[serde(rename = "type")]
    kind: String,
    code: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Assertion {
    expression: String,
    operator: String,
    value: Value,
    disabled: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EnvironmentFile {
    name: Option<String>,
    variables: Vec<Entry>,
}

/// `opencollection.yml` or a `folder.yml`.
pub fn folder(yaml: &str) -> Result<Folder, String> {
    let file: FolderFile = parse(yaml)?;
    let mut common = defaults(&file.request);
    common.docs = docs(&file.docs);
    Ok(Folder {
        name: file.info.name,
        seq: file.info.seq,
        common,
    })
}

/// A request's `.yml` file; `None` for a YAML file that is no item (no `info.type`).
pub fn request(yaml: &str) -> Result<Option<Request>, String> {
    let file: RequestFile = parse(yaml)?;
    let Some(kind) = file.info.kind.clone() else {
        return Ok(None);
    };
    let graphql = kind == "graphql";
    let details = if graphql { file.graphql } else { file.http }.unwrap_or_default();
    let mut common = Common {
        headers: details.headers.iter().map(Entry::row).collect(),
        // An absent auth is none: Bruno writes nothing for it.
        auth: Some(details.auth.as_ref().map_or_else(|| Auth::mode("none"), auth)),
        vars: file.runtime.variables.iter().map(Entry::row).collect(),
        post_vars: post_vars(&file.runtime.actions),
        scripts: scripts(&file.runtime.scripts),
        asserts: file
            .runtime
            .assertions
            .iter()
            .map(|a| Row {
                name: a.expression.clone(),
                value: match text(&a.value) {
                    value if value.is_empty() => a.operator.clone(),
                    value => format!("{} {value}", a.operator),
                },
                enabled: !a.disabled,
            })
            .collect(),
        docs: docs(&file.docs),
    };
    common
        .headers
        .retain(|h| !h.name.is_empty() || !h.value.is_empty());
    let params = |kind: &str| -> Vec<Row> {
        details
            .params
            .iter()
            .filter(|p| p.kind.as_deref().unwrap_or("query") == kind)
            .map(Entry::row)
            .collect()
    };
    let body = if graphql {
        let body = details.body.clone().unwrap_or(Value::Null);
        Body::GraphQl {
            query: text(&body["query"]),
            variables: text(&body["variables"]),
        }
    } else {
        details.body.as_ref().map_or(Body::None, body)
    };
    let method = details
        .method
        .clone()
        .unwrap_or_else(|| if graphql { "POST" } else { "GET" }.to_owned());
    Ok(Some(Request {
        name: file.info.name,
        kind,
        seq: file.info.seq,
        method: method.to_ascii_uppercase(),
        url: details.url.clone(),
        query: Some(params("query")),
        path: params("path"),
        body,
        common,
    }))
}

/// `environments/NAME.yml`; `stem` names it when the file does not.
pub fn environment(stem: &str, yaml: &str) -> Result<Environment, String> {
    let file: EnvironmentFile = parse(yaml)?;
    let (secrets, vars): (Vec<&Entry>, Vec<&Entry>) = file.variables.iter().partition(|v| v.secret);
    Ok(Environment {
        name: file.name.unwrap_or_else(|| stem.to_owned()),
        vars: vars.into_iter().map(Entry::row).collect(),
        secrets: secrets
            .into_iter()
            .filter(|v| !v.disabled)
            .map(|v| v.name.clone())
            .collect(),
    })
}

fn parse<T: for<'de> Deserialize<'de> + Default>(yaml: &str) -> Result<T, String> {
    if yaml.trim().is_empty() {
        return Ok(T::default());
    }
    serde_yaml::from_str(yaml).map_err(|e| e.to_string())
}

fn defaults(request: &Defaults) -> Common {
    Common {
        headers: request.headers.iter().map(Entry::row).collect(),
        auth: request.auth.as_ref().map(auth),
        vars: request.variables.iter().map(Entry::row).collect(),
        post_vars: post_vars(&request.actions),
        scripts: scripts(&request.scripts),
        asserts: Vec::new(),
        docs: None,
    }
}

/// `inherit`, or `{type: bearer, token: …}` and the like; `placement: query` is Bruno's
/// `queryparams`.
fn auth(value: &Value) -> Auth {
    if let Value::String(mode) = value {
        return Auth::mode(mode);
    }
    let Some(fields) = value.as_object() else {
        return Auth::mode("none");
    };
    let mode = fields.get("type").map_or_else(|| "none".to_owned(), text);
    let fields = fields
        .iter()
        .filter(|(k, _)| *k != "type")
        .map(|(k, v)| {
            let value = text(v);
            let value = if k == "placement" && value == "query" {
                "queryparams".to_owned()
            } else {
                value
            };
            (k.clone(), value)
        })
        .collect();
    Auth { mode, fields }
}

/// `{type: json, data: "…"}`, `{type: form-urlencoded, data: [rows]}`, `{type: multipart-form,
/// data: [{name, type: text|file, value}]}`, `{type: file, data: [{filePath, contentType,
/// selected}]}`.
fn body(value: &Value) -> Body {
    let data = &value["data"];
    let entries = || -> Vec<Entry> { serde_json::from_value(data.clone()).unwrap_or_default() };
    let raw = |content_type| Body::Raw {
        text: text(data),
        content_type,
    };
    match value["type"].as_str().unwrap_or("none") {
        "none" => Body::None,
        "json" => raw("application/json"),
        "text" => raw("text/plain"),
        "xml" => raw("application/xml"),
        "sparql" => raw("application/sparql-query"),
        "form-urlencoded" => Body::Form(entries().iter().map(Entry::row).collect()),
        "multipart-form" => Body::Multipart(
            entries()
                .into_iter()
                .map(|e| Part {
                    value: match (e.kind.as_deref(), &e.value) {
                        (Some("file"), Value::Array(paths)) => {
                            PartValue::Files(paths.iter().map(text).collect())
                        }
                        (Some("file"), path) => PartValue::Files(vec![text(path)]),
                        (_, value) => PartValue::Text(text(value)),
                    },
                    name: e.name,
                    content_type: e.content_type.filter(|t| !t.is_empty()),
                    enabled: !e.disabled,
                })
                .collect(),
        ),
        "file" => Body::File(
            data.as_array()
                .into_iter()
                .flatten()
                .map(|f| FileChoice {
                    path: text(&f["filePath"]),
                    content_type: Some(text(&f["contentType"])).filter(|t| !t.is_empty()),
                    selected: f["selected"].as_bool().unwrap_or(false),
                })
                .collect(),
        ),
        other => Body::Other(other.to_owned()),
    }
}

/// Scripts by Bruno's name for them (`before-request` is the pre-request script).
fn scripts(entries: &[ScriptEntry]) -> Vec<Script> {
    entries
        .iter()
        .filter(|s| !s.code.trim().is_empty())
        .map(|s| Script {
            kind: match s.kind.as_str() {
                "before-request" => "pre-request script",
                "after-response" => "post-response script",
                "tests" => "tests",
                _ => "script",
            },
            code: s.code.clone(),
        })
        .collect()
}

/// `set-variable` actions after the response: Bruno's post-response variables.
fn post_vars(actions: &[Value]) -> Vec<Row> {
    actions
        .iter()
        .filter(|a| a["type"] == "set-variable")
        .map(|a| Row {
            name: text(&a["variable"]["name"]),
            value: text(&a["selector"]["expression"]),
            enabled: a["disabled"].as_bool() != Some(true),
        })
        .collect()
}

/// Docs as text, or `{content: …}`.
fn docs(value: &Value) -> Option<String> {
    let text = match value {
        Value::Object(o) => o.get("content").map(text).unwrap_or_default(),
        other => text(other),
    };
    (!text.trim().is_empty()).then_some(text)
}

/// A value as text: strings as they are, a typed value (`{type: number, data: "3"}`) as its
/// data, null as empty, anything else as JSON.
fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Object(o) if o.contains_key("data") => text(&o["data"]),
        other => crate::interop::body::value_text(other),
    }
}
