//! An OpenAPI description reduced to what the checklist holds requests against
//! (`diagnosis::api_description`): the servers' base paths, and each operation's method,
//! path, parameters and JSON body fields (required ones marked, objects and lists of
//! objects with their own, `additionalProperties: false` kept). A collection names the
//! description with `openapi:`; the workspace reads it through here.

use oas3::spec::{ObjectSchema, ParameterIn, Schema, Spec};

use super::{OpenApiError, object_schema, operations, spec};
use crate::diagnosis::api_description::{ApiDescription, Field, Fields, Operation, Parameter};

/// How deep body fields are followed (a recursive schema stops here too).
const MAX_DEPTH: usize = 6;

/// The description in `text`, named `file` in evidence.
pub fn outline(text: &str, file: &str) -> Result<ApiDescription, OpenApiError> {
    let (spec, _) = spec(text)?;
    let base_paths = spec
        .servers
        .iter()
        .map(|server| {
            let mut url = server.url.clone();
            for (name, variable) in &server.variables {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
            }
            match url.split_once("://") {
                Some((_, rest)) => rest.find('/').map_or(String::new(), |i| rest[i..].to_owned()),
                None => url,
            }
            .trim_end_matches('/')
            .to_owned()
        })
        .collect();
    let mut described = ApiDescription {
        file: file.to_owned(),
        base_paths,
        operations: Vec::new(),
    };
    for (path, item) in spec.paths.iter().flatten() {
        for (method, operation) in operations(item) {
            let mut parameters: Vec<Parameter> = Vec::new();
            for p in item
                .parameters
                .iter()
                .chain(&operation.parameters)
                .filter_map(|p| p.resolve(&spec).ok())
            {
                let location = match p.location {
                    ParameterIn::Path => "path",
                    ParameterIn::Query => "query",
                    ParameterIn::Header => "header",
                    ParameterIn::Cookie => "cookie",
                };
                parameters.retain(|q| !(q.name == p.name && q.location == location));
                parameters.push(Parameter {
                    name: p.name.clone(),
                    location: location.to_owned(),
                    required: p.required == Some(true) || location == "path",
                });
            }
            let body = operation
                .request_body
                .as_ref()
                .and_then(|b| b.resolve(&spec).ok())
                .and_then(|b| {
                    b.content
                        .iter()
                        .find(|(t, _)| crate::media_type::is_json_type(&crate::media_type::essence(t)))
                        .and_then(|(_, media)| media.schema.clone())
                })
                .and_then(|schema| fields(&schema, &spec, 0));
            described.operations.push(Operation {
                method: method.to_owned(),
                path: path.clone(),
                parameters,
                body,
            });
        }
    }
    Ok(described)
}

/// The fields of an object schema (allOf merged; of a oneOf/anyOf, the union, none
/// required), or `None` when it is not an object with properties.
fn fields(schema: &Schema, spec: &Spec, depth: usize) -> Option<Fields> {
    if depth > MAX_DEPTH {
        return None;
    }
    let object = object_schema(schema, spec)?;
    let mut out = Fields {
        fields: Vec::new(),
        closed: matches!(object.additional_properties, Some(Schema::Boolean(ref b)) if !b.0),
    };
    add_properties(object, spec, depth, &mut out);
    for part in &object.all_of {
        if let Some(more) = fields(part, spec, depth + 1) {
            merge(&mut out, more, true);
        }
    }
    for part in object.one_of.iter().chain(&object.any_of) {
        if let Some(more) = fields(part, spec, depth + 1) {
            merge(&mut out, more, false);
            // Any alternative may be the one sent: none closes the object.
            out.closed = false;
        }
    }
    (!out.fields.is_empty()).then_some(out)
}

fn add_properties(object: &ObjectSchema, spec: &Spec, depth: usize, out: &mut Fields) {
    for (name, property) in &object.properties {
        let children = fields(property, spec, depth + 1).or_else(|| {
            // A list of objects: the objects' fields.
            let items = object_schema(property, spec)?.items.as_deref()?;
            fields(items, spec, depth + 1)
        });
        out.fields.push(Field {
            name: name.clone(),
            required: object.required.contains(name),
            children,
        });
    }
}

/// `more`'s fields added to `into`'s; required ones stay required only for `allOf`.
fn merge(into: &mut Fields, more: Fields, keep_required: bool) {
    for mut field in more.fields {
        field.required &= keep_required;
        match into.fields.iter_mut().find(|f| f.name == field.name) {
            Some(existing) => existing.required |= field.required,
            None => into.fields.push(field),
        }
    }
    into.closed |= keep_required && more.closed;
}
