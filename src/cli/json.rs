//! The `run --output json` document (and `--report json=FILE`): the version, a summary, the
//! files that did not load, and each result in the one serialized form of
//! [`crate::history::record`]. The shape is the contract in docs/cli.md and
//! docs/run-output.schema.json, which a test checks real output against.

use std::time::Duration;

use serde_json::{Value, json};

use super::ran::Kept;
use crate::history::record::{SCHEMA, elapsed_ms};
use crate::session::Workspace;

/// The whole run: version, summary, load errors, results.
pub fn document(workspace: &Workspace, results: &[Kept], took: Duration, interrupted: bool) -> Value {
    let met = results.iter().filter(|r| r.met).count();
    json!({
        "schema": SCHEMA,
        "summary": {
            "total": results.len(),
            "met": met,
            "unmet": results.len() - met,
            "elapsed_ms": elapsed_ms(took),
            "interrupted": interrupted,
        },
        "load_errors": workspace.errors.iter().map(|e| json!({
            "file": e.path.display().to_string(),
            "line": e.line,
            "column": e.column,
            "message": e.problem.to_string(),
        })).collect::<Vec<_>>(),
        "results": results.iter().map(|r| r.json.clone().unwrap_or(Value::Null)).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example in docs/cli.md is a document the shipped schema accepts, and says the
    /// version this code writes.
    #[test]
    fn the_documented_example_is_valid_against_the_shipped_schema() {
        let page = include_str!("../../docs/cli.md");
        let example = page
            .split("```json\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("docs/cli.md has a JSON example");
        let example: Value = serde_json::from_str(example).expect("the example is JSON");
        let schema: Value = serde_json::from_str(include_str!("../../docs/run-output.schema.json")).unwrap();
        let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
        let errors: Vec<String> = validator.iter_errors(&example).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(example["schema"], SCHEMA);
        assert_eq!(schema["properties"]["schema"]["const"], SCHEMA);
    }
}
