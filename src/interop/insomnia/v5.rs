//! Insomnia's YAML export (Insomnia 10 and later: `type: collection.insomnia.rest/5.0`, and a
//! design document's `spec.insomnia.rest/5.0`, which holds a collection too) read into the
//! flat resource list of a v4 export, as Insomnia does when it imports one
//! (`import-v5-parser.ts` and `insomnia-v5.ts` in Kong/insomnia): `collection:` is a tree of
//! requests and folders (`children`), siblings shown by `meta.sortKey`; `environments:` is the
//! base environment (`data`) with its `subEnvironments`; `cookieJar` and `certificates` are
//! not requests and are not read.

use serde::Deserialize;
use serde_json::Value;

use super::resource::{InsBody, Resource, Row};

#[derive(Deserialize)]
struct File {
    #[serde(rename = "type")]
    kind: String,
    /// The collection's name (`Shop API`).
    #[serde(default)]
    name: String,
    #[serde(default)]
    meta: Meta,
    #[serde(default)]
    collection: Vec<Item>,
    environments: Option<EnvironmentTree>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Meta {
    id: Option<String>,
    description: Option<String>,
    #[serde(rename = "sortKey")]
    sort_key: Option<f64>,
}

/// A folder (no `method`, `url` nor `reflectionApi`), a request (a `method`), a gRPC request
/// (`reflectionApi`) or a WebSocket or Socket.IO one (a `url` and no `method`).
#[derive(Deserialize, Default)]
#[serde(default)]
struct Item {
    #[serde(deserialize_with = "super::resource::text")]
    name: String,
    meta: Meta,
    url: Option<Value>,
    method: Option<Value>,
    #[serde(rename = "reflectionApi")]
    reflection_api: Option<Value>,
    children: Option<Vec<Item>>,
    body: Option<InsBody>,
    parameters: Option<Vec<Row>>,
    #[serde(rename = "pathParameters")]
    path_parameters: Option<Vec<Row>>,
    headers: Option<Vec<Row>>,
    authentication: Option<Value>,
    scripts: Scripts,
    environment: Option<Value>,
    settings: Settings,
}

/// A request's settings; only what apibench has a field for.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Settings {
    /// `global` (the app's setting), `on` or `off`.
    #[serde(rename = "followRedirects", deserialize_with = "super::resource::text")]
    follow_redirects: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Scripts {
    #[serde(rename = "preRequest", deserialize_with = "super::resource::text")]
    pre_request: String,
    #[serde(rename = "afterResponse", deserialize_with = "super::resource::text")]
    after_response: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EnvironmentTree {
    #[serde(deserialize_with = "super::resource::text")]
    name: String,
    meta: Meta,
    data: Option<serde_json::Map<String, Value>>,
    #[serde(rename = "subEnvironments")]
    sub_environments: Vec<EnvironmentTree>,
}

/// The file's resources, or why it is not an Insomnia v5 collection.
pub(super) fn resources(yaml: &str) -> Result<Vec<Resource>, Problem> {
    let file: File = serde_yaml::from_str(yaml).map_err(|e| Problem::NotInsomnia(e.to_string()))?;
    if !["collection.insomnia.rest/5.0", "spec.insomnia.rest/5.0"].contains(&file.kind.as_str()) {
        return Err(Problem::Format(file.kind));
    }
    let workspace = file
        .meta
        .id
        .clone()
        .unwrap_or_else(|| "__WORKSPACE_ID__".to_owned());
    let mut out = vec![Resource {
        id: workspace.clone(),
        kind: "workspace".to_owned(),
        name: file.name.clone(),
        ..Resource::default()
    }];
    if let Some(base) = file.environments {
        let base_id = base.meta.id.unwrap_or_else(|| "__BASE_ENVIRONMENT__".to_owned());
        out.push(Resource {
            id: base_id.clone(),
            kind: "environment".to_owned(),
            parent: Some(workspace.clone()),
            name: base.name,
            data: base.data,
            ..Resource::default()
        });
        for (index, sub) in base.sub_environments.into_iter().enumerate() {
            out.push(Resource {
                id: sub.meta.id.unwrap_or_else(|| format!("__ENVIRONMENT_{index}__")),
                kind: "environment".to_owned(),
                parent: Some(base_id.clone()),
                name: sub.name,
                data: sub.data,
                ..Resource::default()
            });
        }
    }
    walk(file.collection, &workspace, &mut out);
    Ok(out)
}

/// Why a YAML file is not read.
pub(super) enum Problem {
    NotInsomnia(String),
    /// The file's `type`, which is not a collection's.
    Format(String),
}

fn walk(mut items: Vec<Item>, parent: &str, out: &mut Vec<Resource>) {
    // Insomnia shows siblings by sort key (a missing one is 0); the sort is stable.
    items.sort_by(|a, b| {
        let key = |i: &Item| i.meta.sort_key.unwrap_or(0.0);
        key(a).total_cmp(&key(b))
    });
    for item in items {
        let id = item
            .meta
            .id
            .clone()
            .unwrap_or_else(|| format!("__ITEM_{}__", out.len()));
        let kind = if item.method.is_some() {
            "request"
        } else if item.reflection_api.is_some() {
            "grpc_request"
        } else if item.url.is_some() {
            "websocket_request"
        } else {
            "request_group"
        };
        let text = |value: Option<Value>| match value {
            Some(Value::Null) | None => String::new(),
            Some(other) => crate::interop::body::value_text(&other),
        };
        out.push(Resource {
            id: id.clone(),
            kind: kind.to_owned(),
            parent: Some(parent.to_owned()),
            name: item.name,
            method: text(item.method),
            url: text(item.url),
            parameters: item.parameters.unwrap_or_default(),
            path_parameters: item.path_parameters.unwrap_or_default(),
            headers: item.headers.unwrap_or_default(),
            body: item.body,
            authentication: item.authentication,
            environment: item.environment,
            description: item.meta.description,
            pre_request_script: item.scripts.pre_request,
            after_response_script: item.scripts.after_response,
            follow_redirects: item.settings.follow_redirects,
            data: None,
        });
        if kind == "request_group" {
            walk(item.children.unwrap_or_default(), &id, out);
        }
    }
}
