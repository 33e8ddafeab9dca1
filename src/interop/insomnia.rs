//! Insomnia exports read into requests: format 4 (the JSON "Insomnia v4" export) and format 5
//! (the YAML of Insomnia 10 and later, `collection.insomnia.rest/5.0`, read into format 4's
//! resources first). Request groups are folders; each request's method, URL (`:id` with
//! its path parameter a request variable), query parameters, headers (its folders' first),
//! body (text and JSON, urlencoded, multipart with files, GraphQL, a file) and auth (bearer,
//! basic, API key; a group's auth for requests without their own) come across; the base
//! environment is the collection's variables, its sub-environments are environments and a
//! folder's environment is its requests' variables. Nunjucks' `{{ _.name }}` becomes
//! `{{ name }}`; template tags (`{% response … %}`) have no equivalent and stay text, listed.
//! A request's follow-redirects setting (`on`, `off`) is its option. Disabled rows are left
//! out, and listed. Pre-request and after-response scripts cannot run here: each is listed and
//! kept as comments at the end of its requests. A folder whose parents lead back to it is
//! said. The files are read with serde into the part of the format this needs.

mod resource;
mod v5;

use serde::Deserialize;
use serde_json::Value;

use crate::collection::{Auth, Body, KeyLocation, Part, Request};
use crate::interop::Placed;
use crate::interop::body::{PathParams, path_params, template, template_source, value_text};
use crate::template::Template;

use self::resource::{InsBody, Resource};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InsomniaError {
    #[error("this is not an Insomnia export: {0}")]
    NotInsomnia(String),
    #[error(
        "Insomnia export format {0} is not read (format 4 is: Export Data → Insomnia v4 (JSON); so is a collection exported as YAML by Insomnia 10 or later)"
    )]
    Format(String),
}

#[derive(Deserialize)]
struct Export {
    #[serde(rename = "__export_format")]
    format: Value,
    resources: Vec<Resource>,
}

/// Reads an Insomnia export, v4 JSON or v5 YAML, in the shape every format shares: scripts
/// are kept as comments beside their requests.
pub fn import(text: &str) -> Result<crate::interop::Imported, InsomniaError> {
    Ok(from_resources(&resources_of(text)?, text))
}

/// The resources of a v4 export (JSON) or a v5 one (YAML).
fn resources_of(text: &str) -> Result<Vec<Resource>, InsomniaError> {
    if text.trim_start().starts_with(['{', '[']) {
        let export: Export =
            serde_json::from_str(text).map_err(|e| InsomniaError::NotInsomnia(e.to_string()))?;
        if export.format.as_u64() != Some(4) {
            return Err(InsomniaError::Format(export.format.to_string()));
        }
        Ok(export.resources)
    } else {
        v5::resources(text).map_err(|problem| match problem {
            v5::Problem::NotInsomnia(why) => InsomniaError::NotInsomnia(why),
            v5::Problem::Format(kind) => InsomniaError::Format(kind),
        })
    }
}

/// What `resources` bring, scripts kept beside their requests as comments.
fn from_resources(resources: &[Resource], text: &str) -> crate::interop::Imported {
    let mut imported = crate::interop::Imported {
        name: resources
            .iter()
            .find(|r| r.kind == "workspace")
            .map(|r| r.name.trim().to_owned())
            .filter(|n| !n.is_empty()),
        ..crate::interop::Imported::default()
    };
    let by_id = |id: &str| resources.iter().find(|r| r.id == id);
    // The base environment is the one whose parent is the workspace; the others hang off it.
    let is_workspace = |id: Option<&String>| id.and_then(|p| by_id(p)).is_some_and(|r| r.kind == "workspace");
    for env in resources.iter().filter(|r| r.kind == "environment") {
        let at = format!("environment {}", env.name);
        let data = variables(env.data.iter().flatten(), &at, &mut imported.unmapped);
        if is_workspace(env.parent.as_ref()) || env.parent.is_none() {
            imported.variables = data;
        } else {
            imported.environments.push((env.name.replace('/', " "), data));
        }
    }
    let mut said = Vec::new();
    for resource in resources.iter().filter(|r| r.kind == "request") {
        // The folders above it, outermost first.
        let mut groups: Vec<&Resource> = Vec::new();
        let mut parent = resource.parent.as_deref();
        while let Some(group) = parent.and_then(by_id).filter(|g| g.kind == "request_group") {
            // Folders whose parentIds point at each other would be walked up forever.
            if groups.iter().any(|g| g.id == group.id) {
                let line = format!(
                    "folder {}: its parentId leads back to itself; the folders above it are left out",
                    group.name
                );
                if !imported.unmapped.contains(&line) {
                    imported.unmapped.push(line);
                }
                break;
            }
            groups.insert(0, group);
            parent = group.parent.as_deref();
        }
        let folders: Vec<String> = groups.iter().map(|g| g.name.replace('/', " ")).collect();
        let at = format!("{}/{}", folders.join("/"), resource.name);
        let (kept, kept_inside) = (
            "kept beside it as comments",
            "kept beside each request inside as comments",
        );
        let mut comments = Vec::new();
        for (depth, group) in groups.iter().enumerate() {
            let whose = format!("folder {} ", folders[..=depth].join("/"));
            let lines = scripts(group, &whose);
            if !said.contains(&group.id) {
                said.push(group.id.clone());
                let folder = folders[..=depth].join("/");
                if !lines.is_empty() {
                    imported.unmapped.push(format!(
                        "{folder}: the folder's scripts cannot run here; {kept_inside}"
                    ));
                }
                switched_off(&folder, &[("header", &group.headers)], &mut imported.unmapped);
            }
            comments.extend(lines);
        }
        let own = scripts(resource, "");
        if !own.is_empty() {
            imported
                .unmapped
                .push(format!("{at}: its scripts cannot run here; {kept}"));
        }
        comments.extend(own);
        let request = request_of(resource, &groups, &at, &mut imported.unmapped);
        imported.requests.push(Placed {
            folder: folders,
            request,
            comments,
        });
    }
    if text.contains("{%") {
        imported
            .unmapped
            .push("Insomnia template tags ({% … %}: chained responses, prompts, files) have no equivalent; kept as text".to_owned());
    }
    let skipped = resources
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
    imported
}

/// One line for `at` naming its switched-off rows (`disabled: true`), which are left out:
/// `List products: switched-off rows left out: header X-Debug, query sort`.
fn switched_off(at: &str, rows: &[(&str, &[resource::Row])], unmapped: &mut Vec<String>) {
    let off: Vec<String> = rows
        .iter()
        .flat_map(|(kind, rows)| {
            rows.iter()
                .filter(|r| r.disabled)
                .map(move |r| format!("{kind} {}", r.name))
        })
        .collect();
    if !off.is_empty() {
        unmapped.push(format!("{at}: switched-off rows left out: {}", off.join(", ")));
    }
}

/// An environment's (or folder's) variables as template sources. The vault (Insomnia's
/// encrypted secrets) does not leave the machine that holds it: said, not brought.
fn variables<'a>(
    data: impl IntoIterator<Item = (&'a String, &'a Value)>,
    at: &str,
    unmapped: &mut Vec<String>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, value) in data {
        if name == "__insomnia_vault" {
            unmapped.push(format!("{at}: its vault secrets are not in the export; left out"));
            continue;
        }
        out.push((
            name.clone(),
            template_source(&nunjucks(&value_text(value)), at, unmapped),
        ));
    }
    out
}

/// A resource's scripts as comment lines; `whose` says where they come from.
fn scripts(resource: &Resource, whose: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (kind, code) in [
        ("pre-request", &resource.pre_request_script),
        ("after-response", &resource.after_response_script),
    ] {
        if code.trim().is_empty() {
            continue;
        }
        out.push(format!("insomnia {whose}{kind} script (not run by apibench):"));
        out.extend(code.lines().map(|l| format!("  {l}")));
    }
    out
}

/// Nunjucks' `{{ _.name }}` as `{{ name }}`.
fn nunjucks(text: &str) -> String {
    text.replace("{{ _.", "{{ ").replace("{{_.", "{{")
}

fn is_empty_auth(auth: &Value) -> bool {
    auth.as_object().is_none_or(|o| o.get("type").is_none())
}

/// The request `r`, in the folders `groups` (outermost first).
fn request_of(r: &Resource, groups: &[&Resource], at: &str, unmapped: &mut Vec<String>) -> Request {
    let path: Vec<&resource::Row> = r.path_parameters.iter().filter(|p| !p.name.is_empty()).collect();
    let url = path_variables(&r.url, &path);
    let mut t = |text: &str| template(&nunjucks(text), at, unmapped);
    let mut request = Request::new(r.name.replace('/', " "), t(&url));
    for parameter in path {
        let value = t(&parameter.value);
        request.variables.insert(parameter.name.clone(), value);
    }
    // A folder's environment is its requests' variables, the nearest folder's first.
    for group in groups.iter().rev() {
        let Some(Value::Object(environment)) = &group.environment else {
            continue;
        };
        for (name, value) in environment {
            if !request.variables.contains_key(name) {
                let value = t(&value_text(value));
                request.variables.insert(name.clone(), value);
            }
        }
    }
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
    // The folders' headers, then the request's: the nearest of one name wins, in its place.
    let mut headers: Vec<(&str, &str)> = Vec::new();
    for row in groups
        .iter()
        .chain([&r])
        .flat_map(|g| &g.headers)
        .filter(|h| !h.disabled)
    {
        match headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(&row.name))
        {
            Some(header) => *header = (&row.name, &row.value),
            None => headers.push((&row.name, &row.value)),
        }
    }
    let mut content_type = None;
    for (name, value) in headers {
        if name.eq_ignore_ascii_case("content-type") {
            content_type = Some(value.to_owned());
        } else {
            request.headers.push((name.to_owned(), t(value)));
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
    let inherited = groups
        .iter()
        .rev()
        .find_map(|g| g.authentication.as_ref().filter(|a| !is_empty_auth(a)));
    let own = r.authentication.as_ref().filter(|a| !is_empty_auth(a));
    request.auth = own.or(inherited).and_then(|a| auth_of(a, at, unmapped));
    match r.follow_redirects.as_str() {
        "on" => request.options.follow_redirects = Some(true),
        "off" => request.options.follow_redirects = Some(false),
        _ => {}
    }
    // A form's rows are its body's; another body leaves them out anyway.
    let form: &[resource::Row] = match (&r.body, &request.body) {
        (Some(body), Some(Body::Form(_) | Body::Multipart(_))) => &body.params,
        _ => &[],
    };
    switched_off(
        at,
        &[
            ("header", &r.headers),
            ("query", &r.parameters),
            ("form field", form),
        ],
        unmapped,
    );
    request
}

/// `:id` path segments that have a path parameter as `{{id}}`.
fn path_variables(url: &str, path: &[&resource::Row]) -> String {
    path_params(
        url,
        PathParams::Segments,
        |name| path.iter().any(|p| p.name == name),
        |name| format!("{{{{{name}}}}}"),
    )
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
