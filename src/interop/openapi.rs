//! OpenAPI descriptions (3.1, 3.0 and Swagger 2.0; JSON or YAML) read into requests: one
//! per operation, in a folder per tag (its first), named by its summary (else its
//! operationId, else `METHOD path`). The URL is `{{ base_url }}` and the path with each
//! `{param}` a variable of the request, valued from the parameter's example; required query
//! parameters and those with an example are rows reading variables too, the others listed
//! in a comment. The body is the media type's example (or one built from its schema: see
//! `example`), preferring JSON, then a form, then multipart. Security schemes become auth
//! (bearer, basic, API key; OAuth 2 and OpenID Connect as a bearer token to fetch), servers
//! the `base_url` of the collection and, when there are several, of an environment each.
//! Descriptions are normalised to 3.1 first (`normalise`) and read with the `oas3` crate's
//! model; where that model refuses the document, the error says where (`paths./pets.get…`).

mod auth;
mod example;
mod normalise;
mod outline;
mod servers;
#[cfg(test)]
mod tests;

use oas3::spec::{MediaType, Operation, Parameter, ParameterIn, PathItem, RequestBody, Spec};
use std::fmt::Write as _;

use serde_json::Value;

use crate::collection::{Body, Part, Request};
use crate::interop::{Imported, Placed, Variables};
use crate::template::Template;

use example::object_schema;
pub use outline::outline;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenApiError {
    #[error("this is not JSON or YAML: {0}")]
    Syntax(String),
    #[error("this is not an OpenAPI description: {0}")]
    NotOpenApi(String),
    #[error("this OpenAPI description does not read as one, at {at}: {message}")]
    Invalid { at: String, message: String },
}

/// A description read and normalised to OpenAPI 3.1, and the operations that opt out of
/// the document's security with `security: []` (`(path, method)`; the model reads an empty
/// list as a missing one, which falls back to the document's).
pub fn spec(text: &str) -> Result<(Spec, Vec<(String, String)>), OpenApiError> {
    let document = normalise::parse(text).map_err(OpenApiError::Syntax)?;
    if !document.is_object() {
        return Err(OpenApiError::NotOpenApi("it is not a mapping".to_owned()));
    }
    let version = normalise::version(&document).map_err(OpenApiError::NotOpenApi)?;
    let document = normalise::to_31(document, version);
    let public = public_operations(&document);
    let spec = serde_path_to_error::deserialize(document).map_err(|e| OpenApiError::Invalid {
        at: e.path().to_string(),
        message: e.inner().to_string(),
    })?;
    Ok((spec, public))
}

/// The operations whose `security` is an empty list.
fn public_operations(document: &Value) -> Vec<(String, String)> {
    let mut public = Vec::new();
    for (path, item) in document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for (method, operation) in item.as_object().into_iter().flatten() {
            if operation
                .get("security")
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty)
            {
                public.push((path.clone(), method.to_uppercase()));
            }
        }
    }
    public
}

/// The requests, variables and environments an OpenAPI description holds.
pub fn import(text: &str) -> Result<Imported, OpenApiError> {
    let (spec, public) = spec(text)?;
    let mut imported = Imported {
        name: Some(spec.info.title.trim().to_owned()).filter(|t| !t.is_empty()),
        ..Imported::default()
    };
    servers::read(&spec, &mut imported);
    let mut auth_variables = Variables::new();
    for (path, item) in spec.paths.iter().flatten() {
        for (method, operation) in operations(item) {
            let mut placed = request(&spec, path, item, method, operation, &mut imported.unmapped);
            let requirements = if public.iter().any(|(p, m)| p == path && m == method) {
                &[][..]
            } else if operation.security.is_empty() {
                &spec.security[..]
            } else {
                &operation.security[..]
            };
            let at = format!("{method} {path}");
            placed.request.auth = auth::of(
                &spec,
                requirements,
                &at,
                &mut placed.request,
                &mut auth_variables,
                &mut imported.unmapped,
            );
            imported.requests.push(placed);
        }
    }
    for (name, value) in auth_variables {
        if !imported.variables.iter().any(|(n, _)| *n == name) {
            imported.variables.push((name, value));
        }
    }
    if !spec.webhooks.is_empty() {
        imported.unmapped.push(format!(
            "{} webhook(s): they are requests the API sends, not ones to send it",
            spec.webhooks.len()
        ));
    }
    Ok(imported)
}

/// The item's operations in the order people read them.
fn operations(item: &PathItem) -> impl Iterator<Item = (&'static str, &Operation)> {
    [
        ("GET", &item.get),
        ("POST", &item.post),
        ("PUT", &item.put),
        ("PATCH", &item.patch),
        ("DELETE", &item.delete),
        ("HEAD", &item.head),
        ("OPTIONS", &item.options),
        ("TRACE", &item.trace),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.as_ref().map(|op| (method, op)))
}

/// The request for one operation.
fn request(
    spec: &Spec,
    path: &str,
    item: &PathItem,
    method: &str,
    operation: &Operation,
    unmapped: &mut Vec<String>,
) -> Placed {
    let name = operation
        .summary
        .as_deref()
        .map(|s| s.trim().trim_end_matches('.'))
        .filter(|s| !s.is_empty() && !s.contains('\n'))
        .or(operation.operation_id.as_deref())
        .map_or_else(|| path_name(path), |s| s.replace('/', " "));
    let at = format!("{method} {path}");
    let mut request = Request::new(name, Template::literal(""));
    method.clone_into(&mut request.method);
    request.description = operation
        .description
        .clone()
        .or_else(|| item.description.clone())
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty());
    if operation.deprecated == Some(true) {
        let note = "Deprecated in the API's description.";
        request.description = Some(
            request
                .description
                .map_or_else(|| note.to_owned(), |d| format!("{note}\n\n{d}")),
        );
    }
    let mut comments = Vec::new();
    let mut optional = Vec::new();
    let mut cookies = Vec::new();
    let parameters = parameters_of(spec, item, operation, &mut |e| {
        unmapped.push(format!("{at}: a parameter is not in the description ({e})"));
    });
    // An operation (or its path) served elsewhere (uploads on their own host) says where.
    let mut url = match operation.servers.first().or(item.servers.first()) {
        Some(server) => Template::literal(&servers::url_of(server)).as_str().to_owned(),
        None => String::from("{{ base_url }}"),
    };
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        url.push_str(Template::literal(&rest[..open]).as_str());
        let Some(close) = rest[open..].find('}') else {
            rest = &rest[open..];
            break;
        };
        let param = &rest[open + 1..open + close];
        let variable = variable_name(param);
        let value = parameters
            .iter()
            .find(|p| p.location == ParameterIn::Path && p.name == param)
            .map(|p| parameter_value(p, spec))
            .unwrap_or_default();
        request
            .variables
            .insert(variable.clone(), Template::literal(&value));
        let _ = write!(url, "{{{{ {variable} }}}}");
        rest = &rest[open + close + 1..];
    }
    url.push_str(Template::literal(rest).as_str());
    request.url = Template::parse(&url).unwrap_or_else(|_| Template::literal(&url));
    for p in &parameters {
        let wanted = p.required == Some(true) || has_example(p, spec);
        match p.location {
            ParameterIn::Path => {}
            // An array or an object is spelt as its style says (`?s=a&s=b`,
            // `?f[gte]=1`): rows with the example's values.
            ParameterIn::Query if wanted && let Some(rows) = query_rows(p, spec) => {
                request.query.extend(rows);
            }
            ParameterIn::Query if wanted => {
                let variable = unique_variable(&variable_name(&p.name), &request);
                request
                    .variables
                    .insert(variable.clone(), Template::literal(&parameter_value(p, spec)));
                let value = Template::parse(format!("{{{{ {variable} }}}}"))
                    .unwrap_or_else(|_| Template::literal(""));
                request.query.push((p.name.clone(), value));
            }
            ParameterIn::Header if wanted => {
                request
                    .headers
                    .push((p.name.clone(), Template::literal(&parameter_value(p, spec))));
            }
            ParameterIn::Cookie if wanted => cookies.push(format!("{}={}", p.name, parameter_value(p, spec))),
            _ => optional.push(format!("{} ({})", p.name, location_name(p.location))),
        }
    }
    if !cookies.is_empty() {
        add_cookie(&mut request, Template::literal(&cookies.join("; ")));
    }
    if !optional.is_empty() {
        comments.push(format!("optional parameters: {}", optional.join(", ")));
    }
    if let Some(body) = &operation.request_body {
        match body.resolve(spec) {
            Ok(body) => request.body = body_of(spec, &body, &at, &mut comments, unmapped),
            Err(e) => unmapped.push(format!("{at}: its request body is not in the description ({e})")),
        }
    }
    let folder = operation
        .tags
        .first()
        .map(|t| vec![t.replace('/', " ")])
        .unwrap_or_default();
    Placed {
        folder,
        request,
        comments,
    }
}

/// An operation's parameters, references followed: the path item's, then its own, which
/// override those of the same name and place; one that leads nowhere goes to `missing`.
pub(super) fn parameters_of(
    spec: &Spec,
    item: &PathItem,
    operation: &Operation,
    missing: &mut dyn FnMut(oas3::spec::RefError),
) -> Vec<Parameter> {
    let mut parameters: Vec<Parameter> = Vec::new();
    for reference in item.parameters.iter().chain(&operation.parameters) {
        match reference.resolve(spec) {
            Ok(p) => {
                parameters.retain(|q| !(q.name == p.name && q.location == p.location));
                parameters.push(p);
            }
            Err(e) => missing(e),
        }
    }
    parameters
}

/// `cookie` added to the request's one `Cookie` header (RFC 6265 §5.4: a single header).
pub(super) fn add_cookie(request: &mut Request, cookie: Template) {
    match request
        .headers
        .iter_mut()
        .find(|(n, _)| n.eq_ignore_ascii_case("cookie"))
    {
        Some((_, value)) => {
            let joined = format!("{}; {}", value.as_str(), cookie.as_str());
            *value = Template::parse(&joined).unwrap_or_else(|_| Template::literal(&joined));
        }
        None => request.headers.push(("Cookie".to_owned(), cookie)),
    }
}

/// The query rows of an array or object parameter, as its `style` and `explode` spell it
/// (OpenAPI 3.1 §4.8.12.4: form and exploded by default); `None` for a single value.
fn query_rows(p: &Parameter, spec: &Spec) -> Option<Vec<(String, Template)>> {
    use oas3::spec::ParameterStyle;
    let value = parameter_example(p, spec)?;
    let style = p.style.unwrap_or(ParameterStyle::Form);
    let explode = p.explode.unwrap_or(style == ParameterStyle::Form);
    let row = |name: &str, value: &str| (name.to_owned(), Template::literal(value));
    match value {
        Value::Array(items) => {
            let texts: Vec<String> = items.iter().map(scalar_text).collect();
            Some(match style {
                ParameterStyle::Form if explode => texts.iter().map(|t| row(&p.name, t)).collect(),
                ParameterStyle::SpaceDelimited => vec![row(&p.name, &texts.join(" "))],
                ParameterStyle::PipeDelimited => vec![row(&p.name, &texts.join("|"))],
                _ => vec![row(&p.name, &texts.join(","))],
            })
        }
        Value::Object(fields) => Some(match style {
            ParameterStyle::DeepObject => fields
                .iter()
                .map(|(k, v)| row(&format!("{}[{k}]", p.name), &scalar_text(v)))
                .collect(),
            ParameterStyle::Form if explode => fields.iter().map(|(k, v)| row(k, &scalar_text(v))).collect(),
            _ => {
                let flat: Vec<String> = fields
                    .iter()
                    .flat_map(|(k, v)| [k.clone(), scalar_text(v)])
                    .collect();
                vec![row(&p.name, &flat.join(","))]
            }
        }),
        _ => None,
    }
}

/// A name for an operation with neither summary nor id: its path, `pet {petId}` (the tree
/// shows the method beside it).
fn path_name(path: &str) -> String {
    let name = path
        .split('/')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() { "root".to_owned() } else { name }
}

pub(super) fn location_name(location: ParameterIn) -> &'static str {
    match location {
        ParameterIn::Path => "path",
        ParameterIn::Query => "query",
        ParameterIn::Header => "header",
        ParameterIn::Cookie => "cookie",
    }
}

/// A variable name for a parameter: `pet_id` stays, `page[size]` becomes `page_size`.
pub(super) fn variable_name(parameter: &str) -> String {
    let mut name = String::new();
    for c in parameter.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            name.push(c);
        } else if !name.is_empty() && !name.ends_with('_') {
            name.push('_');
        }
    }
    let mut name = name.trim_end_matches('_').to_owned();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        name.insert(0, '_');
    }
    name
}

fn unique_variable(base: &str, request: &Request) -> String {
    crate::interop::body::unique_name(base, |n| request.variables.contains_key(n)).replace(' ', "_")
}

fn has_example(p: &Parameter, spec: &Spec) -> bool {
    p.example.is_some()
        || !p.examples.is_empty()
        || p.schema
            .as_ref()
            .and_then(|s| object_schema(s, spec))
            .and_then(example::given)
            .is_some()
}

/// A parameter's example: its own, else its schema's, else one built from the schema.
fn parameter_example(p: &Parameter, spec: &Spec) -> Option<Value> {
    p.example
        .clone()
        .or_else(|| {
            p.examples
                .values()
                .find_map(|e| e.resolve(spec).ok().and_then(|e| e.value))
        })
        .or_else(|| p.schema.as_ref().map(|s| example::example(s, spec)))
}

/// A parameter's value as text: its example, else its schema's, else one built from it.
fn parameter_value(p: &Parameter, spec: &Spec) -> String {
    let value = parameter_example(p, spec).unwrap_or(Value::Null);
    match value {
        Value::String(s) => s,
        Value::Null => String::new(),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join(","),
        other => other.to_string(),
    }
}

/// The body for a request body: the first JSON media type, else a form, else multipart,
/// else the first there is.
fn body_of(
    spec: &Spec,
    body: &RequestBody,
    at: &str,
    comments: &mut Vec<String>,
    unmapped: &mut Vec<String>,
) -> Option<Body> {
    let essence = |t: &str| crate::media_type::essence(t);
    let pick = |want: &dyn Fn(&str) -> bool| body.content.iter().find(|(t, _)| want(&essence(t)));
    let (content_type, media) = pick(&|t| crate::media_type::is_json_type(t))
        .or_else(|| pick(&|t| t == "application/x-www-form-urlencoded"))
        .or_else(|| pick(&|t| t == "multipart/form-data"))
        .or_else(|| body.content.iter().next())?;
    if body.content.len() > 1 {
        let others: Vec<&str> = body
            .content
            .keys()
            .filter(|t| *t != content_type)
            .map(String::as_str)
            .collect();
        comments.push(format!("the API also takes this body as: {}", others.join(", ")));
    }
    let value = media_example(spec, media);
    let kind = essence(content_type);
    if kind == "multipart/form-data" {
        let Value::Object(fields) = value else {
            return Some(Body::Multipart(Vec::new()));
        };
        let binary = |name: &str| {
            media
                .schema
                .as_ref()
                .and_then(|s| object_schema(s, spec))
                .and_then(|s| s.properties.get(name))
                .and_then(|s| object_schema(s, spec))
                .is_some_and(|s| {
                    s.format.as_deref() == Some("binary")
                        || s.items
                            .as_deref()
                            .and_then(|i| object_schema(i, spec))
                            .is_some_and(|i| i.format.as_deref() == Some("binary"))
                })
        };
        let parts = fields
            .into_iter()
            .map(|(name, value)| {
                if binary(&name) {
                    // No file to name: the part is empty, and the comment says how to
                    // attach one (an invented path would not pass `apibench check`).
                    comments.push(format!(
                        "`{name}` is a file to upload: write its part as {{ name: {name}, file: PATH }}"
                    ));
                    unmapped.push(format!("{at}: the multipart field `{name}` is a file to choose"));
                    Part::Value {
                        value: Template::literal(""),
                        name,
                    }
                } else {
                    Part::Value {
                        value: Template::literal(&scalar_text(&value)),
                        name,
                    }
                }
            })
            .collect();
        return Some(Body::Multipart(parts));
    }
    if kind == "application/x-www-form-urlencoded" {
        if let Value::Object(fields) = value {
            return Some(Body::Form(
                fields
                    .into_iter()
                    .map(|(n, v)| (n, Template::literal(&scalar_text(&v))))
                    .collect(),
            ));
        }
        return Some(Body::Form(Vec::new()));
    }
    if crate::media_type::is_json_type(&kind) {
        let text = serde_json::to_string(&value).unwrap_or_default();
        let content_type = (content_type != "application/json").then_some(content_type.as_str());
        return Some(crate::interop::body::of(
            &text,
            Some(content_type.unwrap_or("application/json")),
            "application/json",
        ))
        .map(|b| match b {
            Body::Json { value, .. } => Body::Json {
                value,
                content_type: content_type.map(str::to_owned),
            },
            other => other,
        });
    }
    let text = match value {
        Value::String(s) => s,
        Value::Null => String::new(),
        other => other.to_string(),
    };
    Some(Body::Text {
        text: Template::literal(&text),
        content_type: Some(content_type.clone()),
    })
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A media type's example: `example`, else the first of `examples`, else one from its
/// schema.
fn media_example(spec: &Spec, media: &MediaType) -> Value {
    use oas3::spec::MediaTypeExamples;
    let given = match &media.examples {
        Some(MediaTypeExamples::Example { example }) => Some(example.clone()),
        Some(MediaTypeExamples::Examples { examples }) => examples
            .values()
            .find_map(|e| e.resolve(spec).ok().and_then(|e| e.value)),
        None => None,
    };
    given
        .or_else(|| media.schema.as_ref().map(|s| example::example(s, spec)))
        .unwrap_or(Value::Null)
}
