//! An OpenAPI description reduced to what the checklist holds requests against
//! (`diagnosis::api_description`): the servers' base paths, and each operation's method,
//! path, parameters and JSON body fields (required ones marked, objects and lists of
//! objects with their own, `additionalProperties: false` kept). A collection names the
//! description with `openapi:`; the workspace reads it through here.

use oas3::spec::{ObjectSchema, Schema, Spec};

use super::{OpenApiError, object_schema, operations, spec};
use crate::diagnosis::api_description::{
    ApiDescription, Field, Fields, Operation, Others, Parameter, Server,
};

/// How deep body fields are followed (a recursive schema stops here too).
const MAX_DEPTH: usize = 6;

/// The description in `text`, named `file` in evidence.
pub fn outline(text: &str, file: &str) -> Result<ApiDescription, OpenApiError> {
    let (spec, _) = spec(text)?;
    let mut described = ApiDescription {
        file: file.to_owned(),
        servers: Vec::new(),
        operations: Vec::new(),
    };
    // Every server the description names: the document's, its paths' and operations'.
    let every_server = spec
        .servers
        .iter()
        .chain(spec.paths.iter().flatten().flat_map(|(_, item)| {
            item.servers
                .iter()
                .chain(operations(item).flat_map(|(_, op)| op.servers.iter()))
        }));
    for server in every_server {
        let server = served_at(server);
        if !described.servers.contains(&server) {
            described.servers.push(server);
        }
    }
    for (path, item) in spec.paths.iter().flatten() {
        for (method, operation) in operations(item) {
            let mut parameters: Vec<Parameter> = Vec::new();
            for p in super::parameters_of(&spec, item, operation, &mut |_| {}) {
                let location = super::location_name(p.location);
                // Accept, Content-Type and Authorization described as header parameters
                // are ignored (OpenAPI 3.1 §4.8.12.1): the media types and security say.
                if location == "header"
                    && ["accept", "content-type", "authorization"]
                        .contains(&p.name.to_ascii_lowercase().as_str())
                {
                    continue;
                }
                let schema = p.schema.as_ref().and_then(|s| object_schema(s, &spec));
                let main_type = schema.and_then(super::example::main_type);
                let object = main_type == Some(oas3::spec::SchemaType::Object);
                let kind = match main_type {
                    Some(oas3::spec::SchemaType::Integer) => Some("integer".to_owned()),
                    Some(oas3::spec::SchemaType::Number) => Some("number".to_owned()),
                    Some(oas3::spec::SchemaType::Boolean) => Some("boolean".to_owned()),
                    _ => None,
                };
                let allowed = schema
                    .map(|s| {
                        s.enum_values
                            .iter()
                            .map(crate::interop::body::value_text)
                            .collect()
                    })
                    .unwrap_or_default();
                parameters.push(Parameter {
                    name: p.name.clone(),
                    location: location.to_owned(),
                    required: p.required == Some(true) || location == "path",
                    object,
                    kind,
                    allowed,
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
                .and_then(|schema| Walker::new(&spec).fields(&schema));
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

/// Where a server is: its host and base path as written, `{variables}` kept (they stand
/// for any value when a request is matched); a relative URL has no host.
fn served_at(server: &oas3::spec::Server) -> Server {
    let url = server.url.trim_end_matches('/');
    match url.split_once("://") {
        Some((_, rest)) => {
            let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
            let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            let host = host.split(':').next().unwrap_or(host);
            Server {
                host: Some(host.to_owned()),
                base_path: path.to_owned(),
            }
        }
        None => Server {
            host: None,
            base_path: url.to_owned(),
        },
    }
}

/// Reads body fields, each `$ref` followed once per branch (a schema that contains itself
/// stops where it recurs) and no more than `FIELD_BUDGET` fields in all, however wide the
/// schemas fan out.
struct Walker<'a> {
    spec: &'a Spec,
    /// The references being followed, outermost first.
    following: Vec<String>,
    budget: usize,
}

/// How many fields one body's description is read to.
const FIELD_BUDGET: usize = 5_000;

impl<'a> Walker<'a> {
    fn new(spec: &'a Spec) -> Self {
        Self {
            spec,
            following: Vec::new(),
            budget: FIELD_BUDGET,
        }
    }

    /// The fields of an object schema (allOf merged; of a oneOf/anyOf, the union, none
    /// required), or `None` when it is not an object with properties.
    fn fields(&mut self, schema: &Schema) -> Option<Fields> {
        let reference = match schema {
            Schema::Object(object) => match object.as_ref() {
                oas3::spec::ObjectOrReference::Ref { ref_path, .. } => Some(ref_path.as_str()),
                oas3::spec::ObjectOrReference::Object(_) => None,
            },
            Schema::Boolean(_) => None,
        };
        if self.following.len() > MAX_DEPTH
            || self.budget == 0
            || reference.is_some_and(|r| self.following.iter().any(|f| f == r))
        {
            return None;
        }
        let object = object_schema(schema, self.spec)?;
        self.following.push(reference.unwrap_or_default().to_owned());
        let out = self.object_fields(object);
        self.following.pop();
        (!out.fields.is_empty()).then_some(out)
    }

    fn object_fields(&mut self, object: &ObjectSchema) -> Fields {
        // Extra fields are the schema's to take when it is a map of anything, or has
        // subtypes a discriminator picks (a `Cat` sent where a `Pet` is described).
        let others = match &object.additional_properties {
            _ if object.discriminator.is_some() => Others::Taken,
            Some(Schema::Object(_) | Schema::Boolean(oas3::spec::BooleanSchema(true))) => Others::Taken,
            Some(Schema::Boolean(_)) => Others::Refused,
            None => Others::Unlisted,
        };
        let mut out = Fields {
            fields: Vec::new(),
            others,
        };
        for (name, property) in &object.properties {
            if self.budget == 0 {
                break;
            }
            self.budget -= 1;
            let children = self.fields(property).or_else(|| {
                // A list of objects: the objects' fields.
                let items = object_schema(property, self.spec)?.items.as_deref()?;
                self.fields(items)
            });
            // A read-only property is the server's to fill: required in what it returns,
            // never in what it is sent.
            let read_only = object_schema(property, self.spec).is_some_and(|p| p.read_only == Some(true));
            out.fields.push(Field {
                name: name.clone(),
                required: object.required.contains(name) && !read_only,
                children,
            });
        }
        for part in &object.all_of {
            if let Some(more) = self.fields(part) {
                merge(&mut out, more, true);
            }
        }
        for part in object.one_of.iter().chain(&object.any_of) {
            if let Some(more) = self.fields(part) {
                merge(&mut out, more, false);
                // Any alternative may be the one sent: none refuses what another lists.
                if out.others == Others::Refused {
                    out.others = Others::Unlisted;
                }
            }
        }
        out
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
    into.others = if keep_required {
        into.others.and(more.others)
    } else if more.others == Others::Taken {
        Others::Taken
    } else {
        into.others
    };
}
