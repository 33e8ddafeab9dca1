//! Every OpenAPI description brought to one shape before it is read: the text (JSON or
//! YAML, whose unquoted `200:` keys are numbers) to a JSON value, a Swagger 2.0 document
//! to OpenAPI 3 (what the swagger2openapi converter does: `host`/`basePath`/`schemes` to
//! `servers`, body and form parameters to a `requestBody`, `definitions` and
//! `securityDefinitions` to `components`), and OpenAPI 3.0's schema spellings to 3.1's
//! (`nullable`, boolean `exclusiveMinimum`), so one model (the `oas3` crate's, which is
//! 3.1's) reads all three. Specifications: <https://spec.openapis.org/oas/v2.0>,
//! <https://spec.openapis.org/oas/v3.0.3>, <https://spec.openapis.org/oas/v3.1.1> (the
//! 3.0 → 3.1 changes are in the 3.1 release notes, "Schema Object").

use serde_json::{Map, Value, json};

/// Keys whose values are data the API takes or gives (examples, defaults, allowed
/// values), never description: the rewrites below leave them as written.
const DATA_KEYS: [&str; 6] = ["example", "examples", "default", "enum", "const", "x-example"];

/// `visit` on every value of `object` but the data under `DATA_KEYS`.
fn for_each_schema_value(object: &mut Map<String, Value>, mut visit: impl FnMut(&mut Value)) {
    for (key, value) in object.iter_mut() {
        if !DATA_KEYS.contains(&key.as_str()) {
            visit(value);
        }
    }
}

/// The version a description declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

/// `text` as a JSON value; a syntax error says where.
pub fn parse(text: &str) -> Result<Value, String> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('{') {
        return serde_json::from_str(text).map_err(|e| e.to_string());
    }
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    Ok(yaml_to_json(yaml))
}

/// A YAML value as JSON: keys that are numbers or booleans (`200:`) become their text.
fn yaml_to_json(value: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => serde_json::to_value(&n).unwrap_or(Value::Null),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (key_text(k), yaml_to_json(v)))
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

fn key_text(key: serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(s) => s,
        serde_yaml::Value::Null => "null".to_owned(),
        other => match yaml_to_json(other) {
            Value::String(s) => s,
            value => value.to_string(),
        },
    }
}

/// The version `document` declares, or what it says instead.
pub fn version(document: &Value) -> Result<Version, String> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if let Some(swagger) = document.get("swagger") {
        return match text(swagger).as_str() {
            "2.0" => Ok(Version::Swagger2),
            other => Err(format!("swagger: {other}")),
        };
    }
    match document.get("openapi").map(text) {
        Some(v) if v.starts_with("3.0") => Ok(Version::OpenApi30),
        Some(v) if v.starts_with("3.1") || v.starts_with("3.2") => Ok(Version::OpenApi31),
        Some(other) => Err(format!("openapi: {other}")),
        None => Err("it has neither `openapi:` nor `swagger:`".to_owned()),
    }
}

/// `document` in OpenAPI 3.1's shape, whatever version it declares.
pub fn to_31(mut document: Value, version: Version) -> Value {
    if version == Version::Swagger2 {
        document = swagger_to_30(document);
    }
    if version != Version::OpenApi31 {
        schemas_to_31(&mut document);
        if let Some(object) = document.as_object_mut() {
            object.insert("openapi".to_owned(), json!("3.1.0"));
        }
    }
    urls_absolute(&mut document);
    document
}

/// The URLs the model reads as absolute made so: an OAuth flow's relative `tokenUrl`
/// (3.1 allows one, relative to the server) joined to the first server; a relative link to
/// terms, a contact, a licence or external docs, which nothing here follows, left out.
fn urls_absolute(document: &mut Value) {
    let is_absolute = |v: &Value| v.as_str().is_some_and(|s| url::Url::parse(s).is_ok());
    let base = document
        .pointer("/servers/0/url")
        .and_then(Value::as_str)
        .and_then(|s| url::Url::parse(s).ok())
        .or_else(|| url::Url::parse("http://localhost/").ok());
    if let Some(Value::Object(schemes)) = document.pointer_mut("/components/securitySchemes") {
        for flow in schemes
            .values_mut()
            .filter_map(|s| s.get_mut("flows").and_then(Value::as_object_mut))
            .flat_map(|flows| flows.values_mut())
            .filter_map(Value::as_object_mut)
        {
            for key in ["tokenUrl", "authorizationUrl", "refreshUrl"] {
                let Some(value) = flow.get(key) else { continue };
                if is_absolute(value) {
                    continue;
                }
                let joined = value
                    .as_str()
                    .and_then(|s| base.as_ref()?.join(s).ok())
                    .map(|u| u.to_string());
                match joined {
                    Some(url) => flow.insert(key.to_owned(), Value::String(url)),
                    None => flow.remove(key),
                };
            }
        }
    }
    for pointer in ["/info/termsOfService", "/info/contact/url", "/info/license/url"] {
        if document.pointer(pointer).is_some_and(|v| !is_absolute(v)) {
            let (parent, key) = pointer.rsplit_once('/').unwrap_or_default();
            if let Some(Value::Object(object)) = document.pointer_mut(parent) {
                object.remove(key);
            }
        }
    }
    drop_relative_docs(document, &is_absolute);
}

fn drop_relative_docs(value: &mut Value, is_absolute: &dyn Fn(&Value) -> bool) {
    match value {
        Value::Object(object) => {
            if object
                .get("externalDocs")
                .is_some_and(|docs| !docs.get("url").is_some_and(is_absolute))
            {
                object.remove("externalDocs");
            }
            for_each_schema_value(object, |v| drop_relative_docs(v, is_absolute));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| drop_relative_docs(v, is_absolute)),
        _ => {}
    }
}

/// 3.0's `nullable: true` as a `"null"` type, its boolean exclusive bounds as numbers.
fn schemas_to_31(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if object.get("nullable") == Some(&Value::Bool(true)) {
                object.remove("nullable");
                match object.get_mut("type") {
                    Some(Value::String(t)) => {
                        let t = t.clone();
                        object.insert("type".to_owned(), json!([t, "null"]));
                    }
                    Some(Value::Array(types)) if !types.contains(&json!("null")) => types.push(json!("null")),
                    _ => {}
                }
            } else if object.get("nullable").is_some_and(Value::is_boolean) {
                object.remove("nullable");
            }
            for (flag, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
                match object.get(flag) {
                    Some(Value::Bool(true)) => {
                        let limit = object.remove(bound).unwrap_or(Value::Null);
                        if limit.is_number() {
                            object.insert(flag.to_owned(), limit);
                        } else {
                            object.remove(flag);
                        }
                    }
                    Some(Value::Bool(false)) => {
                        object.remove(flag);
                    }
                    _ => {}
                }
            }
            for_each_schema_value(object, schemas_to_31);
        }
        Value::Array(items) => items.iter_mut().for_each(schemas_to_31),
        _ => {}
    }
}

/// A Swagger 2.0 document as OpenAPI 3.0.
fn swagger_to_30(document: Value) -> Value {
    let Value::Object(mut doc) = document else {
        return document;
    };
    let consumes = strings(doc.get("consumes"));
    let produces = strings(doc.get("produces"));
    let mut out = Map::new();
    out.insert("openapi".to_owned(), json!("3.0.3"));
    if let Some(info) = doc.remove("info") {
        out.insert("info".to_owned(), info);
    }
    out.insert("servers".to_owned(), Value::Array(servers(&doc)));
    let shared_parameters = doc.get("parameters").cloned().unwrap_or(Value::Null);
    let mut paths = Map::new();
    if let Some(Value::Object(items)) = doc.remove("paths") {
        for (path, item) in items {
            let Value::Object(item) = item else { continue };
            let mut converted = Map::new();
            for (key, value) in item {
                let value = match key.as_str() {
                    "get" | "put" | "post" | "delete" | "options" | "head" | "patch" => {
                        operation(value, &consumes, &produces, &shared_parameters)
                    }
                    "parameters" => Value::Array(
                        value
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter(|p| !is_body_or_form(&resolved_parameter(p, &shared_parameters)))
                            .map(|p| parameter(p.clone()))
                            .collect(),
                    ),
                    _ => value,
                };
                converted.insert(key, value);
            }
            paths.insert(path, Value::Object(converted));
        }
    }
    out.insert("paths".to_owned(), Value::Object(paths));
    let mut components = Map::new();
    if let Some(definitions) = doc.remove("definitions") {
        components.insert("schemas".to_owned(), definitions);
    }
    if let Some(Value::Object(parameters)) = doc.remove("parameters") {
        let kept = parameters
            .into_iter()
            .filter(|(_, p)| !is_body_or_form(p))
            .map(|(n, p)| (n, parameter(p)))
            .collect();
        components.insert("parameters".to_owned(), Value::Object(kept));
    }
    if let Some(Value::Object(responses)) = doc.remove("responses") {
        let converted = responses
            .into_iter()
            .map(|(n, r)| (n, response(r, &produces)))
            .collect();
        components.insert("responses".to_owned(), Value::Object(converted));
    }
    if let Some(Value::Object(schemes)) = doc.remove("securityDefinitions") {
        let converted = schemes
            .into_iter()
            .map(|(n, s)| (n, security_scheme(s)))
            .collect();
        components.insert("securitySchemes".to_owned(), Value::Object(converted));
    }
    out.insert("components".to_owned(), Value::Object(components));
    for key in ["security", "tags", "externalDocs"] {
        if let Some(value) = doc.remove(key) {
            out.insert(key.to_owned(), value);
        }
    }
    let mut out = Value::Object(out);
    swagger_schemas(&mut out);
    out
}

/// `host`, `basePath` and `schemes` as servers (no host: the path alone, which the
/// importer reports as relative).
fn servers(doc: &Map<String, Value>) -> Vec<Value> {
    let base = doc.get("basePath").and_then(Value::as_str).unwrap_or("");
    let Some(host) = doc.get("host").and_then(Value::as_str) else {
        return if base.is_empty() {
            Vec::new()
        } else {
            vec![json!({ "url": base })]
        };
    };
    let mut schemes = strings(doc.get("schemes"));
    if schemes.is_empty() {
        schemes.push("https".to_owned());
    }
    schemes
        .iter()
        .map(|scheme| json!({ "url": format!("{scheme}://{host}{base}") }))
        .collect()
}

fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// A parameter, its `$ref` to the document's `parameters` followed.
fn resolved_parameter(parameter: &Value, shared: &Value) -> Value {
    parameter
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/parameters/"))
        .and_then(|name| shared.get(name))
        .unwrap_or(parameter)
        .clone()
}

fn is_body_or_form(parameter: &Value) -> bool {
    matches!(
        parameter.get("in").and_then(Value::as_str),
        Some("body" | "formData")
    )
}

/// A 2.0 operation as 3.0: body and form parameters become its `requestBody`.
fn operation(value: Value, consumes: &[String], produces: &[String], shared: &Value) -> Value {
    let Value::Object(mut op) = value else {
        return value;
    };
    let consumes = Some(strings(op.get("consumes")))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| consumes.to_vec());
    let produces = Some(strings(op.get("produces")))
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| produces.to_vec());
    op.remove("consumes");
    op.remove("produces");
    op.remove("schemes");
    let mut parameters = Vec::new();
    let mut body = None;
    let mut form = Vec::new();
    for p in op
        .remove("parameters")
        .and_then(|p| p.as_array().cloned())
        .unwrap_or_default()
    {
        let resolved = resolved_parameter(&p, shared);
        match resolved.get("in").and_then(Value::as_str) {
            Some("body") => body = Some(resolved),
            Some("formData") => form.push(resolved),
            _ => parameters.push(parameter(p)),
        }
    }
    if !parameters.is_empty() {
        op.insert("parameters".to_owned(), Value::Array(parameters));
    }
    if let Some(body) = body {
        let types = if consumes.is_empty() {
            vec!["application/json".to_owned()]
        } else {
            consumes.clone()
        };
        let mut media = Map::new();
        if let Some(schema) = body.get("schema") {
            media.insert("schema".to_owned(), schema.clone());
        }
        if let Some(example) = body.get("x-example").or_else(|| body.get("example")) {
            media.insert("example".to_owned(), example.clone());
        }
        let content: Map<String, Value> = types
            .into_iter()
            .map(|t| (t, Value::Object(media.clone())))
            .collect();
        op.insert(
            "requestBody".to_owned(),
            json!({ "content": content, "required": body.get("required").cloned().unwrap_or(json!(false)) }),
        );
    } else if !form.is_empty() {
        let has_file = form
            .iter()
            .any(|p| p.get("type").and_then(Value::as_str) == Some("file"));
        let media_type = if has_file || consumes.iter().any(|c| c.starts_with("multipart/")) {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        let mut properties = Map::new();
        let mut required = Vec::new();
        for p in &form {
            let name = p
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            if p.get("required") == Some(&Value::Bool(true)) {
                required.push(json!(name));
            }
            properties.insert(name, schema_of_parameter(p));
        }
        op.insert(
            "requestBody".to_owned(),
            json!({ "content": { media_type: { "schema": {
                "type": "object", "properties": properties, "required": required } } } }),
        );
    }
    if let Some(Value::Object(responses)) = op.remove("responses") {
        let converted = responses
            .into_iter()
            .map(|(code, r)| (code, response(r, &produces)))
            .collect();
        op.insert("responses".to_owned(), Value::Object(converted));
    }
    Value::Object(op)
}

/// Keys of a 2.0 non-body parameter that describe its value, which 3.0 keeps in `schema`.
const VALUE_KEYS: [&str; 16] = [
    "type",
    "format",
    "items",
    "default",
    "enum",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "multipleOf",
];

fn schema_of_parameter(p: &Value) -> Value {
    let mut schema = Map::new();
    for key in VALUE_KEYS {
        if let Some(value) = p.get(key) {
            schema.insert(key.to_owned(), value.clone());
        }
    }
    if let Some(description) = p.get("description") {
        schema.insert("description".to_owned(), description.clone());
    }
    Value::Object(schema)
}

/// A 2.0 path, query or header parameter as 3.0 (a `$ref` kept as it is).
fn parameter(value: Value) -> Value {
    if value.get("$ref").is_some() {
        return value;
    }
    let schema = schema_of_parameter(&value);
    let Value::Object(mut p) = value else {
        return value;
    };
    for key in VALUE_KEYS {
        p.remove(key);
    }
    // 2.0's array spellings as 3.x's style: `csv` (the default) is form, not exploded.
    let is_array = p.get("type").and_then(Value::as_str) == Some("array")
        || schema.get("type").and_then(Value::as_str) == Some("array");
    if is_array {
        let (style, explode) = match p.get("collectionFormat").and_then(Value::as_str) {
            Some("multi") => ("form", true),
            Some("ssv") => ("spaceDelimited", false),
            Some("pipes") => ("pipeDelimited", false),
            _ => ("form", false),
        };
        if p.get("in").and_then(Value::as_str) == Some("query") {
            p.insert("style".to_owned(), json!(style));
            p.insert("explode".to_owned(), json!(explode));
        }
    }
    p.remove("collectionFormat");
    p.remove("allowEmptyValue");
    if let Some(example) = p.remove("x-example") {
        p.insert("example".to_owned(), example);
    }
    p.insert("schema".to_owned(), schema);
    Value::Object(p)
}

/// A 2.0 response as 3.0: its schema under each type the operation produces.
fn response(value: Value, produces: &[String]) -> Value {
    if value.get("$ref").is_some() {
        return value;
    }
    let Value::Object(mut r) = value else {
        return value;
    };
    r.entry("description").or_insert(json!(""));
    let schema = r.remove("schema");
    let examples = r.remove("examples");
    r.remove("headers");
    if let Some(schema) = schema {
        let types = if produces.is_empty() {
            vec!["application/json".to_owned()]
        } else {
            produces.to_vec()
        };
        let content: Map<String, Value> = types
            .into_iter()
            .map(|t| {
                let mut media = json!({ "schema": schema.clone() });
                if let Some(example) = examples.as_ref().and_then(|e| e.get(&t)) {
                    media["example"] = example.clone();
                }
                (t, media)
            })
            .collect();
        r.insert("content".to_owned(), Value::Object(content));
    }
    Value::Object(r)
}

fn security_scheme(value: Value) -> Value {
    match value.get("type").and_then(Value::as_str) {
        Some("basic") => {
            json!({ "type": "http", "scheme": "basic", "description": value.get("description") })
        }
        Some("oauth2") => {
            let flow = match value.get("flow").and_then(Value::as_str) {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                _ => "authorizationCode",
            };
            let mut flow_object = Map::new();
            for key in ["authorizationUrl", "tokenUrl", "scopes"] {
                if let Some(v) = value.get(key) {
                    flow_object.insert(key.to_owned(), v.clone());
                }
            }
            flow_object.entry("scopes").or_insert(json!({}));
            json!({ "type": "oauth2", "flows": { flow: flow_object } })
        }
        _ => value,
    }
}

/// 2.0's own schema spellings: `$ref`s into `definitions`, `parameters` and `responses`
/// pointed at `components`; `type: file` as a binary string; `x-nullable`.
fn swagger_schemas(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get_mut("$ref") {
                for (from, to) in [
                    ("#/definitions/", "#/components/schemas/"),
                    ("#/parameters/", "#/components/parameters/"),
                    ("#/responses/", "#/components/responses/"),
                ] {
                    if let Some(rest) = reference.strip_prefix(from) {
                        *reference = format!("{to}{rest}");
                        break;
                    }
                }
            }
            if object.get("type").and_then(Value::as_str) == Some("file") {
                object.insert("type".to_owned(), json!("string"));
                object.insert("format".to_owned(), json!("binary"));
            }
            if let Some(nullable) = object.remove("x-nullable") {
                object.insert("nullable".to_owned(), nullable);
            }
            for_each_schema_value(object, swagger_schemas);
        }
        Value::Array(items) => items.iter_mut().for_each(swagger_schemas),
        _ => {}
    }
}
