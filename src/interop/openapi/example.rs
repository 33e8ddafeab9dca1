//! An example value for a schema, for the body or parameter an imported request starts
//! with: the schema's own `example`/`examples`/`default`/`const`/first `enum` value where
//! it has one, else one built from its type and format the way Swagger UI fills its "try it
//! out" forms (`"string"`, `0`, `true`, `"2024-01-01T00:00:00Z"` for a date-time). Read-only
//! properties are left out of request bodies. References are followed a bounded number of
//! times, so a recursive schema (a tree of categories) ends.

use oas3::spec::{ObjectOrReference, ObjectSchema, Schema, SchemaType as Type, Spec};
use serde_json::{Map, Value, json};

/// How deep an example goes into nested objects and arrays.
const MAX_DEPTH: usize = 8;

/// How many schemas one example is built from, however wide they fan out.
const VALUE_BUDGET: usize = 2_000;

/// Where building an example is: the references followed, outermost first, and how many
/// more schemas it may read.
struct Walk<'a> {
    path: Vec<&'a str>,
    budget: usize,
}

/// The object schema `schema` is, its references followed (`None`: a boolean schema or a
/// reference that leads nowhere or around in a circle).
pub fn object_schema<'a>(schema: &'a Schema, spec: &'a Spec) -> Option<&'a ObjectSchema> {
    match schema {
        Schema::Boolean(_) => None,
        Schema::Object(object) => object_or_reference(object, spec),
    }
}

fn object_or_reference<'a>(
    object: &'a ObjectOrReference<ObjectSchema>,
    spec: &'a Spec,
) -> Option<&'a ObjectSchema> {
    let mut current = object;
    for _ in 0..32 {
        match current {
            ObjectOrReference::Object(schema) => return Some(schema),
            ObjectOrReference::Ref { ref_path, .. } => {
                let name = component_name(ref_path, "schemas")?;
                match spec.components.as_ref()?.schemas.get(&name)? {
                    Schema::Boolean(_) => return None,
                    Schema::Object(next) => current = next,
                }
            }
        }
    }
    None
}

/// `Pet` from `#/components/schemas/Pet` (JSON Pointer escapes undone).
fn component_name(reference: &str, kind: &str) -> Option<String> {
    let name = reference
        .strip_prefix("#/components/")?
        .strip_prefix(kind)?
        .strip_prefix('/')?;
    let name = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
    Some(name.replace("~1", "/").replace("~0", "~"))
}

/// An example value for `schema`.
pub fn example(schema: &Schema, spec: &Spec) -> Value {
    let mut walk = Walk {
        path: Vec::new(),
        budget: VALUE_BUDGET,
    };
    example_at(schema, spec, &mut walk).unwrap_or(Value::Null)
}

/// The example, or `None` for a schema already being built further up (a category's
/// parent category), which its property then leaves out.
fn example_at<'a>(schema: &'a Schema, spec: &'a Spec, walk: &mut Walk<'a>) -> Option<Value> {
    let reference = match schema {
        Schema::Object(object) => match object.as_ref() {
            ObjectOrReference::Ref { ref_path, .. } => Some(ref_path.as_str()),
            ObjectOrReference::Object(_) => None,
        },
        Schema::Boolean(_) => None,
    };
    if reference.is_some_and(|r| walk.path.contains(&r)) || walk.path.len() >= MAX_DEPTH || walk.budget == 0 {
        return None;
    }
    let object = object_schema(schema, spec)?;
    walk.budget -= 1;
    walk.path.push(reference.unwrap_or(""));
    let value = of_object_schema(object, spec, walk);
    walk.path.pop();
    Some(value)
}

/// The example a schema gives itself, if it gives one.
pub fn given(object: &ObjectSchema) -> Option<Value> {
    object
        .example
        .clone()
        .or_else(|| object.examples.first().cloned())
        .or_else(|| object.default.clone())
        .or_else(|| object.const_value.clone())
        .or_else(|| object.enum_values.first().cloned())
}

fn of_object_schema<'a>(object: &'a ObjectSchema, spec: &'a Spec, walk: &mut Walk<'a>) -> Value {
    if let Some(value) = given(object) {
        return value;
    }
    if !object.all_of.is_empty() {
        let mut merged = Map::new();
        let mut other = None;
        for part in &object.all_of {
            match example_at(part, spec, walk) {
                Some(Value::Object(fields)) => merged.extend(fields),
                value => other = other.or(value),
            }
        }
        merged.extend(properties(object, spec, walk));
        return if merged.is_empty() {
            other.unwrap_or(Value::Null)
        } else {
            Value::Object(merged)
        };
    }
    if let Some(first) = object.one_of.first().or_else(|| object.any_of.first()) {
        return example_at(first, spec, walk).unwrap_or(Value::Null);
    }
    match main_type(object) {
        Some(Type::Object) => Value::Object(properties(object, spec, walk)),
        Some(Type::Array) => match (&object.items, object.prefix_items.is_empty()) {
            (_, false) => Value::Array(
                object
                    .prefix_items
                    .iter()
                    .filter_map(|item| example_at(item, spec, walk))
                    .collect(),
            ),
            (Some(items), true) => Value::Array(example_at(items, spec, walk).into_iter().collect()),
            (None, true) => json!([]),
        },
        Some(Type::String) => Value::String(string_for(object.format.as_deref())),
        Some(Type::Integer) => json!(bound(object).map_or(0, integer_at_least)),
        Some(Type::Number) => bound(object).map_or(json!(0), |n| json!(n)),
        Some(Type::Boolean) => json!(true),
        Some(Type::Null) | None => Value::Null,
    }
}

/// The schema's type, the first that is not `null` when it allows several; an object when
/// it has properties and no type.
pub fn main_type(object: &ObjectSchema) -> Option<Type> {
    use oas3::spec::SchemaTypeSet;
    match &object.schema_type {
        Some(SchemaTypeSet::Single(t)) => Some(*t),
        Some(SchemaTypeSet::Multiple(types)) => types
            .iter()
            .copied()
            .find(|t| *t != Type::Null)
            .or(Some(Type::Null)),
        None if !object.properties.is_empty() || object.additional_properties.is_some() => Some(Type::Object),
        None if object.items.is_some() => Some(Type::Array),
        None => None,
    }
}

/// The smallest integer `bound` allows, within what an `i64` holds exactly.
#[expect(clippy::cast_possible_truncation, reason = "clamped to the exact range first")]
fn integer_at_least(bound: f64) -> i64 {
    bound.ceil().clamp(-9.0e15, 9.0e15) as i64
}

/// The lowest value a number may take, if the schema bounds it.
fn bound(object: &ObjectSchema) -> Option<f64> {
    object
        .minimum
        .as_ref()
        .or(object.exclusive_minimum.as_ref())
        .and_then(serde_json::Number::as_f64)
}

fn properties<'a>(object: &'a ObjectSchema, spec: &'a Spec, walk: &mut Walk<'a>) -> Map<String, Value> {
    object
        .properties
        .iter()
        .filter(|(_, schema)| object_schema(schema, spec).is_none_or(|s| s.read_only != Some(true)))
        .filter_map(|(name, schema)| Some((name.clone(), example_at(schema, spec, walk)?)))
        .collect()
}

/// A string of `format`, as Swagger UI would fill it in.
fn string_for(format: Option<&str>) -> String {
    match format {
        Some("date-time") => "2024-01-01T00:00:00Z",
        Some("date") => "2024-01-01",
        Some("time") => "00:00:00",
        Some("email") => "user@example.com",
        Some("uuid") => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        Some("uri" | "url") => "https://example.com",
        Some("hostname") => "example.com",
        Some("ipv4") => "192.0.2.1",
        Some("ipv6") => "2001:db8::1",
        Some("password") => "password",
        Some("byte") => "U3dhZ2dlciByb2Nrcw==",
        Some("binary") => "",
        _ => "string",
    }
    .to_owned()
}
