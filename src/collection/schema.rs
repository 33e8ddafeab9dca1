//! The collection format as a JSON Schema, generated from the very types the loader reads
//! (`raw.rs`, through `schemars`), so an editor that completes and validates with it (the
//! YAML language server: `# yaml-language-server: $schema=…`) agrees with apibench. The types
//! serde reads by hand (a text that may be written as a number, rows as a map or a list,
//! durations, sizes, statuses, `auth`) say their shapes here. The shipped file,
//! `docs/schemas/collection.schema.json`, is checked against this by a test that rewrites it
//! with `APIBENCH_BLESS=1`.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::raw::{
    ByteSize, DurationValue, PairList, RawAuth, RawAuthFields, RawCollection, Scalar, StatusList,
};

/// The schema, as the shipped file holds it.
pub fn collection_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(RawCollection)).unwrap_or_default();
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "$id".to_owned(),
            "https://apibench.dev/schemas/collection.schema.json".into(),
        );
        object.insert("title".to_owned(), "apibench collection".into());
        object.insert(
            "description".to_owned(),
            "A collection of HTTP requests for apibench (docs/collection-format.md).".into(),
        );
    }
    schema
}

impl JsonSchema for Scalar {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Text; a number or true/false is read as the text written (`1.10` stays `1.10`); empty or `~` is the empty text.",
            "type": ["string", "number", "boolean", "null"]
        })
    }
}

impl JsonSchema for PairList {
    fn schema_name() -> Cow<'static, str> {
        "Rows".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Scalar>();
        json_schema!({
            "description": "Rows of name and value: a map, or a list of `{name, value}` when a name repeats. Values may hold templates.",
            "oneOf": [
                { "type": ["object", "null"], "additionalProperties": text },
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": { "name": { "type": "string" }, "value": text },
                        "required": ["name"],
                        "additionalProperties": false,
                        "patternProperties": { "^x-": true }
                    }
                }
            ]
        })
    }
}

impl JsonSchema for DurationValue {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A duration: seconds as a number (`30`, `1.5`), or text with units (`500ms`, `30s`, `2m`, `1h`, `1m 30s`, `PT1M30S`).",
            "oneOf": [
                { "type": "number", "minimum": 0 },
                { "type": "string", "pattern": "^\\s*(P|[0-9.])" }
            ]
        })
    }
}

impl JsonSchema for ByteSize {
    fn schema_name() -> Cow<'static, str> {
        "Size".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A size: bytes as a number, or a number with a unit (`10MB`, `512KiB`, `1.5GB`).",
            "oneOf": [
                { "type": "integer", "minimum": 0 },
                { "type": "string", "pattern": "^\\s*[0-9.]+\\s*[A-Za-z]*\\s*$" }
            ]
        })
    }
}

impl JsonSchema for StatusList {
    fn schema_name() -> Cow<'static, str> {
        "Statuses".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let one = serde_json::json!({
            "oneOf": [
                { "type": "integer", "minimum": 100, "maximum": 599 },
                { "type": "string", "pattern": "^\\s*([1-5][0-9][0-9]|[1-5]xx|[1-5][0-9][0-9]\\s*-\\s*[1-5][0-9][0-9])\\s*$" }
            ]
        });
        json_schema!({
            "description": "A status (`200`), a class (`2xx`), a range (`200-299`), or a list of them.",
            "oneOf": [one.clone(), { "type": "array", "items": one }]
        })
    }
}

impl JsonSchema for RawAuth {
    fn schema_name() -> Cow<'static, str> {
        "Auth".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let fields = generator.subschema_for::<RawAuthFields>();
        json_schema!({
            "description": "`none`, or one of `bearer`, `basic`, `api_key`.",
            "oneOf": [{ "const": "none" }, fields]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/schemas/collection.schema.json");

    fn validator() -> jsonschema::Validator {
        jsonschema::validator_for(&collection_schema()).expect("the schema is a valid JSON Schema")
    }

    fn json_of(yaml: &str) -> serde_json::Value {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn the_shipped_schema_is_the_one_the_types_make() {
        let text = format!(
            "{}\n",
            serde_json::to_string_pretty(&collection_schema()).unwrap()
        );
        if std::env::var_os("APIBENCH_BLESS").is_some() {
            std::fs::write(SHIPPED, &text).unwrap();
        }
        let shipped = std::fs::read_to_string(SHIPPED).unwrap_or_default();
        assert!(
            shipped == text,
            "docs/schemas/collection.schema.json is stale: run `APIBENCH_BLESS=1 cargo test --lib collection::schema`"
        );
    }

    #[test]
    fn the_shipped_collections_and_the_starter_are_valid() {
        let validator = validator();
        for (name, yaml) in [
            (
                "collections/demo.yaml",
                std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/collections/demo.yaml"))
                    .unwrap(),
            ),
            (
                "collections/github.yaml",
                std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/collections/github.yaml"))
                    .unwrap(),
            ),
            ("the init starter", crate::cli::STARTER.to_owned()),
        ] {
            let errors: Vec<String> = validator
                .iter_errors(&json_of(&yaml))
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:#?}");
        }
    }

    #[test]
    fn a_mistyped_key_and_a_wrong_value_are_flagged_and_extensions_are_not() {
        let validator = validator();
        let bad = "requests:\n  - name: A\n    url: https://x/\n    hedaers: { A: b }\n    timeout: soon\n";
        let errors: Vec<String> = validator
            .iter_errors(&json_of(bad))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.iter().any(|e| e.contains("hedaers")), "{errors:#?}");
        assert!(errors.len() >= 2, "{errors:#?}");
        let bad_auth = "requests:\n  - name: A\n    url: https://x/\n    auth: { beraer: abc }\n";
        assert!(!validator.is_valid(&json_of(bad_auth)), "a mistyped auth kind");
        let extended = "x-team: platform\nrequests:\n  - name: A\n    url: https://x/\n    x-owner: ada\n    headers:\n      - { name: A, value: b }\n";
        assert!(validator.is_valid(&json_of(extended)));
    }
}
