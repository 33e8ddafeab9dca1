//! Postman collections (format v2.1, and v2.0, which reads the same here) read into
//! requests: folders as folders; each request's method, URL, headers, query, body (raw,
//! JSON, urlencoded, form-data with files, a file, GraphQL as its JSON) and auth (bearer,
//! basic, API key, inherited from its folder or the collection); collection variables as
//! the collection's. Postman's `{{var}}` becomes apibench's `{{ var }}`; its dynamic
//! variables (`{{$guid}}`) stay text. Disabled headers, query parameters and form fields are
//! left out, and named. Scripts (pre-request and test) cannot run here: each is listed and kept as YAML
//! comments at the end of its request. The JSON is read with serde into the part of the
//! format this needs (<https://schema.postman.com/collection/json/v2.1.0/draft-07/docs/index.html>).

use serde::Deserialize;
use serde_json::Value;

use crate::collection::{Auth, Body, KeyLocation, Part, Request};
use crate::interop::body::{template, template_source};
use crate::template::Template;

/// What a Postman collection holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub name: String,
    pub variables: Vec<(String, String)>,
    /// Each request with its folder path and the comments kept beside it.
    pub requests: Vec<(Vec<String>, Request, Vec<String>)>,
    pub unmapped: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostmanError {
    #[error("this is not a Postman collection: {0}")]
    NotPostman(String),
    #[error("Postman collection format {0} is not read (v2.0 and v2.1 are; export as v2.1)")]
    Version(String),
}

#[derive(Deserialize)]
struct Collection {
    info: Info,
    #[serde(default)]
    item: Vec<Item>,
    #[serde(default)]
    variable: Vec<KeyValue>,
    auth: Option<PmAuth>,
    #[serde(default)]
    event: Vec<Event>,
}

#[derive(Deserialize)]
struct Info {
    name: String,
    #[serde(default)]
    schema: String,
}

#[derive(Deserialize)]
struct Item {
    name: String,
    /// A folder has items; a request has a request.
    #[serde(rename = "item")]
    children: Option<Vec<Item>>,
    request: Option<PmRequest>,
    auth: Option<PmAuth>,
    #[serde(default)]
    event: Vec<Event>,
}

#[derive(Deserialize)]
struct PmRequest {
    #[serde(default = "get")]
    method: String,
    url: Option<Url>,
    #[serde(default)]
    header: Vec<KeyValue>,
    body: Option<PmBody>,
    auth: Option<PmAuth>,
    description: Option<Value>,
}

fn get() -> String {
    "GET".to_owned()
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Url {
    Text(String),
    Parts {
        #[serde(default)]
        raw: String,
        /// Path variables: `:id` in the path, with its value.
        #[serde(default)]
        variable: Vec<KeyValue>,
        /// The query's rows, switched-off ones too (`raw` has only those sent).
        #[serde(default)]
        query: Vec<KeyValue>,
    },
}

#[derive(Deserialize)]
struct KeyValue {
    key: String,
    #[serde(default)]
    value: Value,
    #[serde(default)]
    disabled: bool,
    #[serde(rename = "type")]
    kind: Option<String>,
    src: Option<Value>,
    /// A form-data part's own type.
    #[serde(rename = "contentType")]
    content_type: Option<String>,
}

impl KeyValue {
    fn text(&self) -> String {
        match &self.value {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }
}

#[derive(Deserialize)]
struct PmBody {
    mode: Option<String>,
    raw: Option<String>,
    #[serde(default)]
    urlencoded: Vec<KeyValue>,
    #[serde(default)]
    formdata: Vec<KeyValue>,
    file: Option<Value>,
    graphql: Option<Value>,
    options: Option<Value>,
}

#[derive(Deserialize)]
struct PmAuth {
    #[serde(rename = "type")]
    kind: String,
    #[serde(flatten)]
    fields: serde_json::Map<String, Value>,
}

#[derive(Deserialize)]
struct Event {
    listen: String,
    script: Option<Script>,
}

#[derive(Deserialize)]
struct Script {
    #[serde(default)]
    exec: Value,
}

/// Reads a Postman collection's JSON.
pub fn import(text: &str) -> Result<Imported, PostmanError> {
    let collection: Collection =
        serde_json::from_str(text).map_err(|e| PostmanError::NotPostman(e.to_string()))?;
    let schema = &collection.info.schema;
    if !schema.is_empty() && !schema.contains("v2.1") && !schema.contains("v2.0") {
        return Err(PostmanError::Version(schema.clone()));
    }
    let mut imported = Imported {
        name: collection.info.name,
        variables: Vec::new(),
        requests: Vec::new(),
        unmapped: Vec::new(),
    };
    for variable in collection.variable.iter().filter(|v| !v.disabled) {
        let at = format!("variable {}", variable.key);
        let value = template_source(&variable.text(), &at, &mut imported.unmapped);
        imported.variables.push((variable.key.clone(), value));
    }
    let scripts = scripts(&collection.event);
    if !scripts.is_empty() {
        imported
            .unmapped
            .push("the collection's scripts cannot run here; they are kept beside each request".to_owned());
    }
    let auth = collection.auth.as_ref();
    walk(&collection.item, &[], auth, &scripts, &mut imported);
    Ok(imported)
}

fn walk(
    items: &[Item],
    folder: &[String],
    inherited: Option<&PmAuth>,
    inherited_scripts: &[String],
    out: &mut Imported,
) {
    for item in items {
        let mut comments = inherited_scripts.to_vec();
        comments.extend(scripts(&item.event));
        match (&item.children, &item.request) {
            (Some(children), _) => {
                let mut path = folder.to_vec();
                path.push(item.name.replace('/', " "));
                // A folder that inherits passes its parent's auth on.
                let own = item.auth.as_ref().filter(|a| a.kind != "inherit");
                walk(children, &path, own.or(inherited), &comments, out);
            }
            (None, Some(request)) => {
                let at = if folder.is_empty() {
                    item.name.clone()
                } else {
                    format!("{}/{}", folder.join("/"), item.name)
                };
                if !scripts(&item.event).is_empty() {
                    out.unmapped.push(format!(
                        "{at}: its scripts cannot run here; they are kept beside it as comments"
                    ));
                }
                let request = request_of(&item.name, request, inherited, &at, &mut out.unmapped);
                out.requests.push((folder.to_vec(), request, comments));
            }
            (None, None) => out
                .unmapped
                .push(format!("{}: neither a request nor a folder", item.name)),
        }
    }
}

fn request_of(
    name: &str,
    pm: &PmRequest,
    inherited: Option<&PmAuth>,
    at: &str,
    unmapped: &mut Vec<String>,
) -> Request {
    let (mut url, path_variables) = match &pm.url {
        Some(Url::Text(text)) => (text.clone(), &[][..]),
        Some(Url::Parts { raw, variable, .. }) => (raw.clone(), variable.as_slice()),
        None => (String::new(), &[][..]),
    };
    // `:id` in the path is a variable of the request: `{{ id }}`, its value its own.
    for variable in path_variables {
        let (path, query) = url
            .split_once('?')
            .map_or((url.as_str(), None), |(p, q)| (p, Some(q)));
        let marker = format!(":{}", variable.key);
        let path: Vec<String> = path
            .split('/')
            .map(|segment| {
                if segment == marker {
                    format!("{{{{{}}}}}", variable.key)
                } else {
                    segment.to_owned()
                }
            })
            .collect();
        url = match query {
            Some(query) => format!("{}?{query}", path.join("/")),
            None => path.join("/"),
        };
    }
    let mut request = Request::new(name.replace('/', " "), template(&url, at, unmapped));
    for variable in path_variables {
        request
            .variables
            .insert(variable.key.clone(), template(&variable.text(), at, unmapped));
    }
    request.method = pm.method.to_ascii_uppercase();
    request.description = pm.description.as_ref().and_then(|d| match d {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("content").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    });
    // Switched-off rows are not sent, so not imported; said, with their names.
    let query = match &pm.url {
        Some(Url::Parts { query, .. }) => query.as_slice(),
        _ => &[],
    };
    let forms = pm
        .body
        .iter()
        .flat_map(|b| b.urlencoded.iter().chain(&b.formdata));
    let off: Vec<String> = pm
        .header
        .iter()
        .filter(|h| h.disabled)
        .map(|h| format!("header {}", h.key))
        .chain(
            query
                .iter()
                .filter(|q| q.disabled)
                .map(|q| format!("query {}", q.key)),
        )
        .chain(
            forms
                .filter(|f| f.disabled)
                .map(|f| format!("form field {}", f.key)),
        )
        .collect();
    if !off.is_empty() {
        unmapped.push(format!("{at}: switched-off rows left out: {}", off.join(", ")));
    }
    let mut content_type = None;
    for header in pm.header.iter().filter(|h| !h.disabled) {
        // A templated type stays a header: a body's content type is plain text.
        if header.key.eq_ignore_ascii_case("content-type") && !header.text().contains("{{") {
            content_type = Some(template_source(&header.text(), at, unmapped));
            continue;
        }
        request
            .headers
            .push((header.key.clone(), template(&header.text(), at, unmapped)));
    }
    request.body = pm
        .body
        .as_ref()
        .and_then(|b| body(b, content_type.clone(), at, unmapped));
    if request.body.is_none()
        && let Some(content_type) = content_type
    {
        request
            .headers
            .push(("Content-Type".to_owned(), template(&content_type, at, unmapped)));
    }
    // A request's own auth, else its folder's or the collection's ("inherit").
    let auth = match &pm.auth {
        Some(own) if own.kind != "inherit" => Some(own),
        _ => inherited,
    };
    request.auth = auth.and_then(|a| auth_of(a, at, unmapped));
    request
}

fn body(b: &PmBody, content_type: Option<String>, at: &str, unmapped: &mut Vec<String>) -> Option<Body> {
    match b.mode.as_deref() {
        Some("raw") => {
            let raw = b.raw.clone().unwrap_or_default();
            if raw.is_empty() {
                return None;
            }
            let language = b
                .options
                .as_ref()
                .and_then(|o| o.pointer("/raw/language"))
                .and_then(Value::as_str);
            let content_type = content_type.or_else(|| match language {
                Some("json") => Some("application/json".to_owned()),
                Some("xml") => Some("application/xml".to_owned()),
                Some("html") => Some("text/html".to_owned()),
                Some("javascript") => Some("application/javascript".to_owned()),
                _ => None,
            });
            Some(if raw.contains("{{") {
                Body::Text {
                    text: template(&raw, at, unmapped),
                    content_type,
                }
            } else {
                crate::interop::body::of(&raw, content_type.as_deref(), "text/plain")
            })
        }
        Some("urlencoded") => Some(Body::Form(
            b.urlencoded
                .iter()
                .filter(|f| !f.disabled)
                .map(|f| (f.key.clone(), template(&f.text(), at, unmapped)))
                .collect(),
        )),
        Some("formdata") => Some(Body::Multipart(
            b.formdata
                .iter()
                .filter(|f| !f.disabled)
                .map(|f| {
                    if f.kind.as_deref() == Some("file") {
                        return Part::File {
                            name: f.key.clone(),
                            path: Template::literal(&src_path(f.src.as_ref())),
                            content_type: f.content_type.clone(),
                        };
                    }
                    if let Some(kind) = &f.content_type {
                        unmapped.push(format!(
                            "{at}: the form field `{}` is sent as {kind} in Postman; here a text part has no type of its own",
                            f.key
                        ));
                    }
                    Part::Value {
                        name: f.key.clone(),
                        value: template(&f.text(), at, unmapped),
                    }
                })
                .collect(),
        )),
        Some("file") => Some(Body::File {
            path: Template::literal(&src_path(b.file.as_ref().and_then(|f| f.get("src")))),
            content_type,
        }),
        Some("graphql") => {
            // Sent as JSON `{query, variables}`, as Postman sends it.
            let graphql = b.graphql.clone().unwrap_or(Value::Null);
            let variables = graphql
                .get("variables")
                .and_then(Value::as_str)
                .and_then(|v| serde_json::from_str::<Value>(v).ok())
                .unwrap_or(Value::Null);
            let query = graphql.get("query").cloned().unwrap_or(Value::Null);
            let text = serde_json::json!({ "query": query, "variables": variables }).to_string();
            Some(crate::interop::body::of(
                &text,
                Some(content_type.as_deref().unwrap_or("application/json")),
                "application/json",
            ))
        }
        Some(other) => {
            unmapped.push(format!("{at}: a body of mode {other} is not read"));
            None
        }
        None => None,
    }
}

fn src_path(src: Option<&Value>) -> String {
    match src {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .first()
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    }
}

/// A value of Postman's auth fields: `[{key, value}, …]` (v2.1) or `{key: value}` (v2.0).
fn field(auth: &PmAuth, key: &str) -> Option<String> {
    let fields = auth.fields.get(&auth.kind)?;
    let value = match fields {
        Value::Array(items) => items
            .iter()
            .find(|i| i.get("key").and_then(Value::as_str) == Some(key))
            .and_then(|i| i.get("value"))?,
        Value::Object(map) => map.get(key)?,
        _ => return None,
    };
    Some(match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

fn auth_of(auth: &PmAuth, at: &str, unmapped: &mut Vec<String>) -> Option<Auth> {
    let mut t = |text: Option<String>| template(&text.unwrap_or_default(), at, unmapped);
    match auth.kind.as_str() {
        "noauth" => Some(Auth::None),
        "bearer" => Some(Auth::Bearer(t(field(auth, "token")))),
        "basic" => Some(Auth::Basic {
            username: t(field(auth, "username")),
            password: t(field(auth, "password")),
        }),
        "apikey" => {
            let location = match field(auth, "in").as_deref() {
                Some("query") => KeyLocation::Query,
                _ => KeyLocation::Header,
            };
            Some(Auth::ApiKey {
                location,
                name: field(auth, "key").unwrap_or_else(|| "X-API-Key".to_owned()),
                value: t(field(auth, "value")),
            })
        }
        other => {
            unmapped.push(format!(
                "{at}: {other} auth is not one apibench has (bearer, basic, api key)"
            ));
            None
        }
    }
}

/// Each script as comment lines: `postman test script:` then its lines.
fn scripts(events: &[Event]) -> Vec<String> {
    let mut out = Vec::new();
    for event in events {
        let lines: Vec<String> = match event.script.as_ref().map(|s| &s.exec) {
            Some(Value::Array(lines)) => lines
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            Some(Value::String(text)) => text.lines().map(str::to_owned).collect(),
            _ => Vec::new(),
        };
        if lines.iter().all(|l| l.trim().is_empty()) {
            continue;
        }
        out.push(format!("postman {} script (not run by apibench):", event.listen));
        out.extend(lines.into_iter().map(|l| format!("  {l}")));
    }
    out
}

#[cfg(test)]
mod tests;
