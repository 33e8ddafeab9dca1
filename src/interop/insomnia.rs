//! Insomnia exports (format 4, the JSON "Insomnia v4" export) read into requests: request
//! groups as folders, each request's method, URL, query parameters, headers, body (text and
//! JSON, urlencoded, multipart with files, GraphQL, a file) and auth (bearer, basic, API key;
//! a group's auth for requests without their own), the base environment as the collection's
//! variables and its sub-environments as environments. Nunjucks' `{{ _.name }}` becomes
//! `{{ name }}`; template tags (`{% response … %}`) have no equivalent and stay text, listed.
//! Disabled rows are left out. The JSON is read with serde into the part of the format this
//! needs.

use serde::Deserialize;
use serde_json::Value;

use crate::collection::{Auth, Body, KeyLocation, Part, Request};
use crate::interop::body::{template, template_source};
use crate::template::Template;

/// What an Insomnia export holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub variables: Vec<(String, String)>,
    pub environments: Vec<(String, Vec<(String, String)>)>,
    /// Each request with its folder path.
    pub requests: Vec<(Vec<String>, Request)>,
    pub unmapped: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InsomniaError {
    #[error("this is not an Insomnia export: {0}")]
    NotInsomnia(String),
    #[error("Insomnia export format {0} is not read (format 4 is: Export Data → Insomnia v4 (JSON))")]
    Format(String),
}

#[derive(Deserialize)]
struct Export {
    #[serde(rename = "__export_format")]
    format: Value,
    resources: Vec<Resource>,
}

#[derive(Deserialize)]
struct Resource {
    #[serde(rename = "_id")]
    id: String,
    #[serde(rename = "_type")]
    kind: String,
    #[serde(rename = "parentId")]
    parent: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    parameters: Vec<Row>,
    #[serde(default)]
    headers: Vec<Row>,
    body: Option<InsBody>,
    authentication: Option<Value>,
    data: Option<serde_json::Map<String, Value>>,
    description: Option<String>,
}

#[derive(Deserialize)]
struct Row {
    #[serde(default)]
    name: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    disabled: bool,
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(rename = "fileName")]
    file_name: Option<String>,
}

#[derive(Deserialize)]
struct InsBody {
    #[serde(rename = "mimeType")]
    mime_type: Option<String>,
    text: Option<String>,
    #[serde(default)]
    params: Vec<Row>,
    #[serde(rename = "fileName")]
    file_name: Option<String>,
}

/// Reads an Insomnia export's JSON.
pub fn import(text: &str) -> Result<Imported, InsomniaError> {
    let export: Export = serde_json::from_str(text).map_err(|e| InsomniaError::NotInsomnia(e.to_string()))?;
    if export.format.as_u64() != Some(4) {
        return Err(InsomniaError::Format(export.format.to_string()));
    }
    let mut imported = Imported {
        variables: Vec::new(),
        environments: Vec::new(),
        requests: Vec::new(),
        unmapped: Vec::new(),
    };
    let by_id = |id: &str| export.resources.iter().find(|r| r.id == id);
    // The base environment is the one whose parent is the workspace; the others hang off it.
    let is_workspace = |id: Option<&String>| id.and_then(|p| by_id(p)).is_some_and(|r| r.kind == "workspace");
    for env in export.resources.iter().filter(|r| r.kind == "environment") {
        let data = env
            .data
            .iter()
            .flatten()
            .map(|(k, v)| {
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let at = format!("environment {}", env.name);
                (
                    k.clone(),
                    template_source(&nunjucks(&text), &at, &mut imported.unmapped),
                )
            })
            .collect();
        if is_workspace(env.parent.as_ref()) || env.parent.is_none() {
            imported.variables = data;
        } else {
            imported.environments.push((env.name.replace('/', " "), data));
        }
    }
    for resource in export.resources.iter().filter(|r| r.kind == "request") {
        // The folders above it, outermost first, and the nearest auth among them.
        let mut folders = Vec::new();
        let mut inherited = None;
        let mut parent = resource.parent.as_deref();
        while let Some(group) = parent.and_then(by_id).filter(|g| g.kind == "request_group") {
            folders.insert(0, group.name.replace('/', " "));
            if inherited.is_none() {
                inherited = group.authentication.as_ref().filter(|a| !is_empty_auth(a));
            }
            parent = group.parent.as_deref();
        }
        let at = format!("{}/{}", folders.join("/"), resource.name);
        let request = request_of(resource, inherited, &at, &mut imported.unmapped);
        imported.requests.push((folders, request));
    }
    if text.contains("{%") {
        imported
            .unmapped
            .push("Insomnia template tags ({% … %}: chained responses, prompts, files) have no equivalent; kept as text".to_owned());
    }
    let skipped = export
        .resources
        .iter()
        .filter(|r| {
            matches!(
                r.kind.as_str(),
                "grpc_request" | "websocket_request" | "unit_test"
            )
        })
        .count();
    if skipped > 0 {
        imported.unmapped.push(format!(
            "{skipped} gRPC, WebSocket or test resources (apibench sends HTTP requests)"
        ));
    }
    Ok(imported)
}

/// Nunjucks' `{{ _.name }}` as `{{ name }}`.
fn nunjucks(text: &str) -> String {
    text.replace("{{ _.", "{{ ").replace("{{_.", "{{")
}

fn is_empty_auth(auth: &Value) -> bool {
    auth.as_object().is_none_or(|o| o.get("type").is_none())
}

fn request_of(r: &Resource, inherited: Option<&Value>, at: &str, unmapped: &mut Vec<String>) -> Request {
    let mut t = |text: &str| template(&nunjucks(text), at, unmapped);
    let mut request = Request::new(r.name.replace('/', " "), t(&r.url));
    request.method = if r.method.is_empty() {
        "GET".to_owned()
    } else {
        r.method.to_ascii_uppercase()
    };
    request.description = r.description.clone().filter(|d| !d.is_empty());
    request.query = r
        .parameters
        .iter()
        .filter(|p| !p.disabled)
        .map(|p| (p.name.clone(), t(&p.value)))
        .collect();
    let mut content_type = None;
    for header in r.headers.iter().filter(|h| !h.disabled) {
        if header.name.eq_ignore_ascii_case("content-type") {
            content_type = Some(header.value.clone());
        } else {
            request.headers.push((header.name.clone(), t(&header.value)));
        }
    }
    if let Some(body) = &r.body {
        let mime = content_type.clone().or_else(|| body.mime_type.clone());
        request.body = body_of(body, mime, at, unmapped);
    }
    if request.body.is_none()
        && let Some(content_type) = content_type
    {
        request
            .headers
            .push(("Content-Type".to_owned(), Template::literal(&content_type)));
    }
    let own = r.authentication.as_ref().filter(|a| !is_empty_auth(a));
    request.auth = own.or(inherited).and_then(|a| auth_of(a, at, unmapped));
    request
}

fn body_of(body: &InsBody, mime: Option<String>, at: &str, unmapped: &mut Vec<String>) -> Option<Body> {
    let essence = mime
        .as_deref()
        .map(crate::media_type::essence)
        .unwrap_or_default();
    let rows = || body.params.iter().filter(|p| !p.disabled);
    if essence == "application/x-www-form-urlencoded" {
        return Some(Body::Form(
            rows()
                .map(|p| (p.name.clone(), template(&nunjucks(&p.value), at, unmapped)))
                .collect(),
        ));
    }
    if essence == "multipart/form-data" {
        return Some(Body::Multipart(
            rows()
                .map(|p| match (&p.kind, &p.file_name) {
                    (Some(kind), Some(file)) if kind == "file" => Part::File {
                        name: p.name.clone(),
                        path: Template::literal(file),
                        content_type: None,
                    },
                    _ => Part::Value {
                        name: p.name.clone(),
                        value: template(&nunjucks(&p.value), at, unmapped),
                    },
                })
                .collect(),
        ));
    }
    if let Some(file) = &body.file_name {
        return Some(Body::File {
            path: Template::literal(file),
            content_type: mime,
        });
    }
    let text = body.text.as_deref().filter(|t| !t.is_empty())?;
    // Insomnia keeps GraphQL as the JSON it sends, under its own type.
    let mime = if essence == "application/graphql" {
        Some("application/json".to_owned())
    } else {
        mime
    };
    Some(if text.contains("{{") || text.contains("{%") {
        Body::Text {
            text: template(&nunjucks(text), at, unmapped),
            content_type: mime,
        }
    } else {
        crate::interop::body::of(text, mime.as_deref(), "text/plain")
    })
}

fn auth_of(auth: &Value, at: &str, unmapped: &mut Vec<String>) -> Option<Auth> {
    if auth.get("disabled").and_then(Value::as_bool) == Some(true) {
        return None;
    }
    let field = |key: &str| {
        auth.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let mut t = |text: &str| template(&nunjucks(text), at, unmapped);
    match auth.get("type").and_then(Value::as_str)? {
        "none" => Some(Auth::None),
        "bearer" if field("prefix").is_empty() || field("prefix").eq_ignore_ascii_case("bearer") => {
            Some(Auth::Bearer(t(&field("token"))))
        }
        "basic" => Some(Auth::Basic {
            username: t(&field("username")),
            password: t(&field("password")),
        }),
        "apikey" => Some(Auth::ApiKey {
            location: if field("addTo") == "queryParams" {
                KeyLocation::Query
            } else {
                KeyLocation::Header
            },
            name: field("key"),
            value: t(&field("value")),
        }),
        other => {
            unmapped.push(format!(
                "{at}: {other} auth is not one apibench has (bearer, basic, api key)"
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests;
