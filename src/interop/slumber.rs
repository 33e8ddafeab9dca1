//! Slumber collections (`slumber.yml`, <https://slumber.lucaspickering.me>) read into
//! requests: the current format (v4) and the one before it (v3, with `!request`/`!folder`,
//! `!json`/`!form_urlencoded`/`!form_multipart`, `!bearer`/`!basic` tags, `chains:` and
//! query rows written `name=value`). Folders are folders; each recipe's method, URL, query
//! (a value or a list of values per name), headers, body (raw text, JSON, URL-encoded and
//! multipart forms, `{{ file('…') }}` as a file body or part) and authentication (bearer,
//! basic). Profiles are environments, named by their id; the `default: true` one also gives
//! the collection's variables. Templates are mapped by [`template`]: fields are variables,
//! `env('X')` is `{{ env.X }}`, a JSONPath or header of another recipe's response is a
//! chained response found by the recipe's id; what has no equivalent stays text, listed.
//!
//! The YAML is read as YAML first (anchors, merge keys), then keys starting with `.` are
//! dropped and `$ref`s within the file replaced, as Slumber does, and the result read with
//! serde into the part of the format this needs. A syntax error is reported with its line
//! and column.

mod template;

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer};
use serde_yaml::{Mapping, Value};

use self::template::{Context, scalar};
use crate::collection::{Auth, Body, Part, Request};
use crate::interop::body::{request_name, unique_name};
use crate::interop::{Imported, Placed};
use crate::template::{JsonTemplate, Template};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlumberError {
    /// The text is not YAML.
    #[error("line {line}, column {column}: {message}")]
    Yaml {
        line: usize,
        column: usize,
        message: String,
    },
    /// YAML, but not the shape of a Slumber collection.
    #[error("this is not a Slumber collection: {0}")]
    NotSlumber(String),
}

// An empty key (`headers:`) is an empty map, as Slumber reads it.
#[derive(Deserialize)]
struct Collection {
    #[serde(default, deserialize_with = "or_empty")]
    profiles: IndexMap<String, Profile>,
    /// v3 only.
    #[serde(default, deserialize_with = "or_empty")]
    chains: IndexMap<String, Value>,
    /// Recipes and folders by id, told apart as they are read.
    #[serde(default, deserialize_with = "or_empty")]
    requests: Mapping,
}

#[derive(Deserialize)]
struct Profile {
    #[serde(default)]
    default: bool,
    #[serde(default, deserialize_with = "or_empty")]
    data: Mapping,
}

#[derive(Deserialize)]
struct Recipe {
    method: Option<String>,
    #[serde(default)]
    url: Value,
    body: Option<Value>,
    authentication: Option<Value>,
    #[serde(default)]
    query: Value,
    #[serde(default, deserialize_with = "or_empty")]
    headers: Mapping,
}

#[derive(Deserialize)]
struct Folder {
    name: Option<String>,
    #[serde(default, deserialize_with = "or_empty")]
    requests: Mapping,
}

fn or_empty<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Reads a Slumber collection's YAML.
pub fn import(text: &str) -> Result<Imported, SlumberError> {
    let mut root: Value = serde_yaml::from_str(text).map_err(|e| located(&e))?;
    merge_keys(&mut root);
    // `$ref`s may point at the keys starting with `.`, which are then dropped.
    let original = root.clone();
    let Value::Mapping(top) = &mut root else {
        return Err(SlumberError::NotSlumber(
            "its top level is not a mapping".to_owned(),
        ));
    };
    top.retain(|key, _| !key.as_str().is_some_and(|k| k.starts_with('.')));
    if !["requests", "profiles"].iter().any(|k| top.contains_key(*k)) {
        return Err(SlumberError::NotSlumber(
            "it has neither `requests` nor `profiles`".to_owned(),
        ));
    }
    let mut imported = Imported::default();
    resolve_refs(&original, &mut root, &mut imported.unmapped);
    let collection: Collection =
        serde_yaml::from_value(root).map_err(|e| SlumberError::NotSlumber(e.to_string()))?;

    // Every recipe's place first: a template may read the response of one written after it.
    let mut recipes = Vec::new();
    walk(&collection.requests, &[], &mut recipes, &mut imported.unmapped)?;
    let mut cx = Context {
        chains: collection
            .chains
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        ..Context::default()
    };
    for (id, folder, name, _) in &recipes {
        let mut path = folder.clone();
        path.push(name.clone());
        cx.paths.entry(id.clone()).or_insert_with(|| path.join("/"));
    }
    for profile in collection.profiles.values() {
        for (key, value) in &profile.data {
            if let Some(key) = key.as_str()
                && !matches!(value, Value::String(_) | Value::Null)
            {
                cx.json_fields.insert(key.to_owned());
            }
        }
    }

    for (id, profile) in collection.profiles.iter().filter(|(id, _)| !id.starts_with('.')) {
        let at = format!("profile {id}");
        let variables = profile_variables(profile, &at, &cx, &mut imported.unmapped);
        if profile.default {
            imported.variables.clone_from(&variables);
        }
        imported.environments.push((id.replace('/', " "), variables));
    }
    for (id, folder, name, value) in recipes {
        let at = if folder.is_empty() {
            name.clone()
        } else {
            format!("{}/{name}", folder.join("/"))
        };
        let recipe: Recipe = serde_yaml::from_value(value)
            .map_err(|e| SlumberError::NotSlumber(format!("recipe `{id}`: {e}")))?;
        if scalar(&recipe.url).is_none() {
            return Err(SlumberError::NotSlumber(format!(
                "recipe `{id}`: its `url` is not text"
            )));
        }
        let request = request_of(&name, &recipe, &at, &cx, &mut imported.unmapped);
        imported.requests.push(Placed::new(folder, request));
    }
    Ok(imported)
}

/// A YAML error with its line and column moved out of the message.
fn located(error: &serde_yaml::Error) -> SlumberError {
    let message = error.to_string();
    let (head, context) = message
        .split_once(", while ")
        .map_or((message.as_str(), None), |(h, c)| (h, Some(c)));
    let cut = |text: &str| text.split(" at line ").next().unwrap_or(text).to_owned();
    let message = match context {
        Some(context) => format!("{} (while {})", cut(head), cut(context)),
        None => cut(head),
    };
    let location = error.location();
    SlumberError::Yaml {
        line: location.as_ref().map_or(0, serde_yaml::Location::line),
        column: location.as_ref().map_or(0, serde_yaml::Location::column),
        message,
    }
}

/// YAML merge keys (v3 wrote `<<: *base`): the merged mapping's keys go where `<<` is,
/// those written beside it win.
fn merge_keys(node: &mut Value) {
    match node {
        Value::Mapping(map) => {
            if map.contains_key("<<") {
                let mut merged = Mapping::new();
                for (key, value) in std::mem::take(map) {
                    if key.as_str() != Some("<<") {
                        merged.insert(key, value);
                        continue;
                    }
                    let sources = match value {
                        Value::Sequence(items) => items,
                        other => vec![other],
                    };
                    for source in sources {
                        let Value::Mapping(source) = source else { continue };
                        for (k, v) in source {
                            // A key written after `<<` replaces this value in place.
                            if !merged.contains_key(&k) {
                                merged.insert(k, v);
                            }
                        }
                    }
                }
                *map = merged;
            }
            for value in map.values_mut() {
                merge_keys(value);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(merge_keys),
        Value::Tagged(tagged) => merge_keys(&mut tagged.value),
        _ => {}
    }
}

/// How many values `$ref`s may bring in, all told: a few refs each pointing twice at the
/// next would otherwise bring in 2^n copies.
const REF_BUDGET: usize = 10_000;

/// How many `$ref`s may be followed one inside the other.
const REF_DEPTH: usize = 32;

/// What [`resolve_refs`] keeps while it expands.
struct Refs<'a> {
    root: &'a Value,
    /// The refs being expanded, outermost first: one met again inside itself is a cycle.
    expanding: Vec<String>,
    /// Values refs may still bring in.
    budget: usize,
    /// The budget ran out: no more refs are expanded.
    exhausted: bool,
    unmapped: &'a mut Vec<String>,
}

impl Refs<'_> {
    /// Says `line` once, however often it happens.
    fn note(&mut self, line: String) {
        if !self.unmapped.contains(&line) {
            self.unmapped.push(line);
        }
    }

    /// What `reference` brings in, its own refs expanded; `None` when it points at nothing,
    /// at itself, too deep, or past the budget (each said).
    fn expand(&mut self, reference: &str) -> Option<Value> {
        if self.expanding.iter().any(|r| r == reference) {
            self.note(format!("`$ref: {reference}` refers to itself; left out"));
            return None;
        }
        if self.expanding.len() >= REF_DEPTH {
            self.note(format!(
                "`$ref: {reference}` is more than {REF_DEPTH} `$ref`s deep; left out"
            ));
            return None;
        }
        if self.exhausted {
            return None;
        }
        let root = self.root;
        let target = pointed(root, reference, self.unmapped)?;
        let Some(size) = size_within(target, self.budget) else {
            self.exhausted = true;
            self.note(format!(
                "`$ref`s bring in more than {REF_BUDGET} values; `$ref: {reference}` and every one after it left out"
            ));
            return None;
        };
        self.budget -= size;
        let mut target = target.clone();
        self.expanding.push(reference.to_owned());
        self.resolve(&mut target);
        self.expanding.pop();
        Some(target)
    }

    /// Replaces each `$ref` to a place in this file by what it points at, as Slumber does:
    /// alone in its mapping it is replaced by the value; beside other keys, the pointed
    /// mapping's keys are put where `$ref` is (keys written after it win). A `$ref` to
    /// another file is dropped, and said.
    fn resolve(&mut self, node: &mut Value) {
        match node {
            Value::Mapping(map) => {
                if let Some(reference) = map.get("$ref") {
                    let reference = scalar(reference).unwrap_or_default();
                    let target = self.expand(&reference).unwrap_or(Value::Null);
                    if map.len() == 1 {
                        *node = target;
                        return;
                    }
                    let mut merged = Mapping::new();
                    let mut target = Some(target);
                    for (key, value) in std::mem::take(map) {
                        if key.as_str() == Some("$ref") {
                            if let Some(Value::Mapping(target)) = target.take() {
                                merged.extend(target);
                            }
                        } else {
                            merged.insert(key, value);
                        }
                    }
                    *map = merged;
                }
                for value in map.values_mut() {
                    self.resolve(value);
                }
            }
            Value::Sequence(items) => items.iter_mut().for_each(|item| self.resolve(item)),
            Value::Tagged(tagged) => self.resolve(&mut tagged.value),
            _ => {}
        }
    }
}

/// Each `$ref` in `node` replaced by what it points at in `root` (see [`Refs::resolve`]);
/// cycles, refs too deep and those past [`REF_BUDGET`] values are left out, and said.
fn resolve_refs(root: &Value, node: &mut Value, unmapped: &mut Vec<String>) {
    Refs {
        root,
        expanding: Vec::new(),
        budget: REF_BUDGET,
        exhausted: false,
        unmapped,
    }
    .resolve(node);
}

/// How many values `value` holds (itself included), when that is at most `limit`.
fn size_within(value: &Value, limit: usize) -> Option<usize> {
    let mut count = 0;
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        count += 1;
        if count > limit {
            return None;
        }
        match value {
            Value::Mapping(map) => pending.extend(map.iter().flat_map(|(k, v)| [k, v])),
            Value::Sequence(items) => pending.extend(items),
            Value::Tagged(tagged) => pending.push(&tagged.value),
            _ => {}
        }
    }
    Some(count)
}

/// The value a `$ref` points at (`#/.base/headers`, a JSON pointer into this file).
fn pointed<'v>(root: &'v Value, reference: &str, unmapped: &mut Vec<String>) -> Option<&'v Value> {
    let Some(pointer) = reference.strip_prefix('#') else {
        unmapped.push(format!(
            "`$ref: {reference}` points into another file, which is not read; left out"
        ));
        return None;
    };
    let mut at = root;
    for step in pointer.split('/').skip(1) {
        let step = step.replace("~1", "/").replace("~0", "~");
        at = match at {
            Value::Mapping(map) => map.get(step.as_str()),
            Value::Sequence(items) => step.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        }
        .or_else(|| {
            unmapped.push(format!("`$ref: {reference}` points at nothing; left out"));
            None
        })?;
    }
    Some(at)
}

/// Each recipe under `nodes` with its id, folder path, unique name and definition, in order.
fn walk(
    nodes: &Mapping,
    folder: &[String],
    out: &mut Vec<(String, Vec<String>, String, Value)>,
    unmapped: &mut Vec<String>,
) -> Result<(), SlumberError> {
    let mut folder_names: Vec<String> = Vec::new();
    let mut request_names: Vec<String> = Vec::new();
    for (id, node) in nodes {
        let id = scalar(id).unwrap_or_default();
        if id.starts_with('.') {
            continue;
        }
        // v3 says which a node is by its tag; v4 by its keys, as Slumber does.
        let (tag, node) = match node {
            Value::Tagged(tagged) => (
                tagged.tag.to_string().trim_start_matches('!').to_owned(),
                tagged.value.clone(),
            ),
            other => (String::new(), other.clone()),
        };
        let has = |key: &str| node.get(key).is_some();
        let is_recipe = tag == "request" || (tag != "folder" && (has("method") || has("url")));
        if is_recipe {
            let own = node.get("name").and_then(scalar).unwrap_or_else(|| id.clone());
            let own = if own.is_empty() {
                request_name(&node.get("url").and_then(scalar).unwrap_or_default())
            } else {
                own.replace('/', " ")
            };
            let name = unique_name(&own, |n| request_names.iter().any(|t| t == n));
            request_names.push(name.clone());
            out.push((id, folder.to_vec(), name, node));
        } else if tag == "folder" || has("requests") {
            let children: Folder = serde_yaml::from_value(node)
                .map_err(|e| SlumberError::NotSlumber(format!("folder `{id}`: {e}")))?;
            let own = children.name.unwrap_or_else(|| id.clone()).replace('/', " ");
            let name = unique_name(&own, |n| folder_names.iter().any(|t| t == n));
            folder_names.push(name.clone());
            let mut path = folder.to_vec();
            path.push(name);
            walk(&children.requests, &path, out, unmapped)?;
        } else {
            unmapped.push(format!(
                "`{id}` is neither a recipe (no `method` or `url`) nor a folder (no `requests`); left out"
            ));
        }
    }
    Ok(())
}

fn profile_variables(
    profile: &Profile,
    at: &str,
    cx: &Context,
    unmapped: &mut Vec<String>,
) -> Vec<(String, String)> {
    let mut variables = Vec::new();
    for (key, value) in &profile.data {
        let Some(key) = scalar(key) else { continue };
        let source = if let Some(text) = scalar(value) {
            template::source(&text, at, cx, unmapped)
        } else {
            unmapped.push(format!(
                "{at}: `{key}` is a list or a mapping; kept as its JSON text"
            ));
            let json = serde_json::to_string(value).unwrap_or_default();
            Template::literal(&json).into_string()
        };
        variables.push((key, source));
    }
    variables
}

fn request_of(name: &str, recipe: &Recipe, at: &str, cx: &Context, unmapped: &mut Vec<String>) -> Request {
    let url = scalar(&recipe.url).unwrap_or_default();
    let mut request = Request::new(name, template::template(&url, at, cx, unmapped));
    request.method = recipe.method.as_deref().unwrap_or("GET").to_ascii_uppercase();
    for (name, value) in query_rows(&recipe.query, at, unmapped) {
        let value = template::template(&value, at, cx, unmapped);
        request.query.push((name, value));
    }
    // A raw or JSON body takes the Content-Type header as its own.
    let takes_type = recipe.body.as_ref().is_some_and(|b| {
        let kind = body_kind(b).0;
        !matches!(kind.as_str(), "form_urlencoded" | "form_multipart")
    });
    let mut content_type = None;
    for (header, value) in &recipe.headers {
        let (Some(header), Some(value)) = (scalar(header), scalar(value)) else {
            unmapped.push(format!("{at}: a header that is not text; left out"));
            continue;
        };
        if takes_type && header.eq_ignore_ascii_case("content-type") && !value.contains("{{") {
            content_type = Some(value);
            continue;
        }
        let value = template::template(&value, at, cx, unmapped);
        request.headers.push((header, value));
    }
    request.body = recipe
        .body
        .as_ref()
        .and_then(|b| body_of(b, content_type, at, cx, unmapped));
    request.auth = recipe
        .authentication
        .as_ref()
        .and_then(|a| auth_of(a, at, cx, unmapped));
    request
}

/// Query rows, names and values as written: v4's map of a value or a list of values per
/// name, v3's list of `name=value`.
fn query_rows(query: &Value, at: &str, unmapped: &mut Vec<String>) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    match query {
        Value::Mapping(map) => {
            for (name, value) in map {
                let name = scalar(name).unwrap_or_default();
                match value {
                    Value::Sequence(values) => {
                        rows.extend(values.iter().filter_map(scalar).map(|v| (name.clone(), v)));
                    }
                    value => rows.extend(scalar(value).map(|v| (name, v))),
                }
            }
        }
        Value::Sequence(items) => {
            for item in items {
                match scalar(item).as_deref().and_then(|i| i.split_once('=')) {
                    Some((name, value)) => rows.push((name.to_owned(), value.to_owned())),
                    None => unmapped.push(format!(
                        "{at}: a query parameter not written `name=value`; left out"
                    )),
                }
            }
        }
        _ => {}
    }
    rows
}

/// A body's kind and its data: v4's `{type, data}`, v3's tag, or raw (`""`).
fn body_kind(body: &Value) -> (String, Value) {
    match body {
        Value::Tagged(tagged) => (
            tagged.tag.to_string().trim_start_matches('!').to_owned(),
            tagged.value.clone(),
        ),
        Value::Mapping(map) if map.contains_key("type") => (
            map.get("type").and_then(scalar).unwrap_or_default(),
            map.get("data").cloned().unwrap_or(Value::Null),
        ),
        other => (String::new(), other.clone()),
    }
}

fn body_of(
    body: &Value,
    content_type: Option<String>,
    at: &str,
    cx: &Context,
    unmapped: &mut Vec<String>,
) -> Option<Body> {
    let (kind, data) = body_kind(body);
    let fields = |data: &Value| -> Vec<(String, String)> {
        data.as_mapping()
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((scalar(k)?, scalar(v)?)))
            .collect()
    };
    match kind.as_str() {
        "" | "stream" => {
            let Some(text) = scalar(&data) else {
                unmapped.push(format!(
                    "{at}: a body that is neither text nor a known type; left out"
                ));
                return None;
            };
            if let Some(path) = template::file_path(&text, cx) {
                return Some(Body::File {
                    path: Template::literal(&path),
                    content_type,
                });
            }
            // Text without expressions is kept as JSON or form rows when it reads as them.
            if let Some(literal) = template::literal_text(&text) {
                return Some(crate::interop::body::of(
                    &literal,
                    content_type.as_deref(),
                    "text/plain",
                ));
            }
            Some(Body::Text {
                text: template::template(&text, at, cx, unmapped),
                content_type,
            })
        }
        "json" => {
            let json = match serde_json::to_value(&data) {
                Ok(json) => json,
                Err(e) => {
                    unmapped.push(format!("{at}: the JSON body cannot be JSON ({e}); left out"));
                    return None;
                }
            };
            let mapped = json_strings(json.clone(), &mut |s| template::json_string(s, at, cx, unmapped));
            match JsonTemplate::parse(mapped) {
                Ok(value) => Some(Body::Json {
                    value,
                    content_type: content_type
                        .filter(|c| crate::media_type::essence(c) != "application/json"),
                }),
                // Kept as the JSON Slumber wrote, its expressions as text, rather than lost.
                Err(errors) => {
                    unmapped.push(format!(
                        "{at}: the JSON body has {} string(s) apibench cannot read as templates; the body is kept as text, as written",
                        errors.len()
                    ));
                    let text = serde_json::to_string_pretty(&json).unwrap_or_default();
                    Some(Body::Text {
                        text: Template::literal(&text),
                        content_type: Some(content_type.unwrap_or_else(|| "application/json".to_owned())),
                    })
                }
            }
        }
        "form_urlencoded" => Some(Body::Form(
            fields(&data)
                .into_iter()
                .map(|(n, v)| (n, template::template(&v, at, cx, unmapped)))
                .collect(),
        )),
        "form_multipart" => Some(Body::Multipart(
            fields(&data)
                .into_iter()
                .map(|(name, value)| match template::file_path(&value, cx) {
                    Some(path) => Part::File {
                        name,
                        path: Template::literal(&path),
                        content_type: None,
                    },
                    None => Part::Value {
                        name,
                        value: template::template(&value, at, cx, unmapped),
                    },
                })
                .collect(),
        )),
        other => {
            unmapped.push(format!(
                "{at}: a body of type `{other}` is not one Slumber has; left out"
            ));
            None
        }
    }
}

/// Every string of `value` replaced by what `map` makes of it.
fn json_strings(value: serde_json::Value, map: &mut impl FnMut(&str) -> String) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        J::String(s) => J::String(map(&s)),
        J::Array(items) => J::Array(items.into_iter().map(|i| json_strings(i, map)).collect()),
        J::Object(entries) => J::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k, json_strings(v, map)))
                .collect(),
        ),
        other => other,
    }
}

fn auth_of(auth: &Value, at: &str, cx: &Context, unmapped: &mut Vec<String>) -> Option<Auth> {
    // v3: `!bearer TOKEN`, `!basic {username, password}`; v4: `{type, …}`.
    let (kind, fields) = match auth {
        Value::Tagged(tagged) => (
            tagged.tag.to_string().trim_start_matches('!').to_owned(),
            tagged.value.clone(),
        ),
        other => (
            other.get("type").and_then(scalar).unwrap_or_default(),
            other.clone(),
        ),
    };
    let field = |key: &str| fields.get(key).and_then(scalar).unwrap_or_default();
    let mut t = |text: &str| template::template(text, at, cx, unmapped);
    match kind.as_str() {
        "bearer" => Some(Auth::Bearer(
            t(&scalar(&fields).unwrap_or_else(|| field("token"))),
        )),
        "basic" => Some(Auth::Basic {
            username: t(&field("username")),
            password: t(&field("password")),
        }),
        other => {
            unmapped.push(format!(
                "{at}: authentication `{other}` is not one apibench has (bearer, basic)"
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests;
