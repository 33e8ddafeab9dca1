//! Checking `expect:` and `capture:` as they load: every status, failure kind, header test,
//! JSONPath, pattern and schema file is read here, and a bad one is a problem located at the
//! key or value that holds it ("`$.items[`: not a JSONPath: …"), never a surprise mid-run.

use std::path::Path;

use indexmap::IndexMap;
use serde_json::Value;
use serde_json_path::JsonPath;

use super::super::model::{
    BodyExpectation, Capture, CaptureSource, Expect, FAILURE_KINDS, HeaderExpectation, JsonType, Pattern,
    SchemaFile, ValueTest,
};
use super::super::raw::{OneOrMany, RawExpect, fields};
use super::super::source_map::{Target, YamlPath};
use super::convert::Converter;

impl Converter {
    /// `expect`: statuses, failure kinds, header and body tests, a schema, a duration limit.
    pub(super) fn expect(&mut self, raw: RawExpect, path: &YamlPath, base_dir: &Path) -> Expect {
        let fails_with = raw.fails_with.map(OneOrMany::into_vec).unwrap_or_default();
        for kind in &fails_with {
            if !FAILURE_KINDS.contains(&kind.as_str()) {
                self.problem(
                    path.key("fails_with"),
                    Target::Value,
                    format!(
                        "unknown failure `{kind}`; expected one of {}",
                        FAILURE_KINDS.join(", ")
                    ),
                );
            }
        }
        let headers = raw
            .headers
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(name, value)| {
                let at = path.key("headers").key(&name);
                let tests = self.tests(value, &at, Subject::Header)?;
                Some(HeaderExpectation { name, tests })
            })
            .collect();
        let body = raw
            .body
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(written, value)| {
                let at = path.key("body").key(&written);
                let query = self.json_path(&written, &at, Target::Key);
                let tests = self.tests(value, &at, Subject::Json)?;
                Some(BodyExpectation {
                    singular: super::super::model::is_singular_path(&written),
                    path: written,
                    query: query?,
                    tests,
                })
            })
            .collect();
        let body_schema = raw
            .body_schema
            .and_then(|written| self.schema_file(written, &path.key("body_schema"), base_dir));
        let expect = Expect {
            status: raw.status.map(|s| s.0).unwrap_or_default(),
            fails_with,
            headers,
            body,
            body_contains: raw.body_contains.map(OneOrMany::into_vec).unwrap_or_default(),
            body_schema,
            max_duration: raw.max_duration.map(|d| d.0),
        };
        if expect == Expect::default() && !self.problems.iter().any(|p| p.path.0.starts_with(&path.0)) {
            self.problem(
                path.clone(),
                Target::Key,
                format!(
                    "`expect` names nothing to check: give one of {}",
                    fields::EXPECT.join(", ")
                ),
            );
        }
        expect
    }

    /// `capture`: variable → a JSONPath into the body, or `{ header: NAME }`.
    pub(super) fn captures(&mut self, raw: IndexMap<String, Value>, path: &YamlPath) -> Vec<Capture> {
        let mut captures = Vec::new();
        for (variable, source) in raw {
            let at = path.key(&variable);
            if !crate::template::is_variable_name(&variable) {
                self.problem(
                    at.clone(),
                    Target::Key,
                    format!("`{variable}` cannot be a variable name: start with a letter or `_`, then letters, digits, `_` or `-`"),
                );
                continue;
            }
            let from = match source {
                Value::String(written) => self
                    .json_path(&written, &at, Target::Value)
                    .map(|query| CaptureSource::Body { path: written, query }),
                Value::Object(map)
                    if map.len() == 1 && matches!(map.get("header"), Some(Value::String(_))) =>
                {
                    map.get("header")
                        .and_then(Value::as_str)
                        .map(|name| CaptureSource::Header(name.to_owned()))
                }
                _ => {
                    self.problem(
                        at,
                        Target::Value,
                        "a capture is a JSONPath into the body (`$.token`) or `{ header: NAME }`",
                    );
                    None
                }
            };
            if let Some(from) = from {
                captures.push(Capture { variable, from });
            }
        }
        captures
    }

    /// A JSONPath as RFC 9535 writes it (`$.items[0].id`), located where it is written.
    fn json_path(&mut self, written: &str, at: &YamlPath, target: Target) -> Option<JsonPath> {
        if !written.starts_with('$') {
            self.problem(
                at.clone(),
                target,
                format!("`{written}` is not a JSONPath: a path starts at the body's root, `$` (as in `$.{written}`)"),
            );
            return None;
        }
        match JsonPath::parse(written) {
            Ok(query) => Some(query),
            Err(e) => {
                self.problem(at.clone(), target, format!("`{written}` is not a JSONPath: {e}"));
                None
            }
        }
    }

    /// A value (`application/json`, `42`): equals; a mapping: the tests it names.
    fn tests(&mut self, value: Value, at: &YamlPath, subject: Subject) -> Option<Vec<ValueTest>> {
        let Value::Object(map) = value else {
            let wanted = match (subject, value) {
                // A header is text: `max-age=60` and `60` alike; null is empty.
                (Subject::Header, Value::String(text)) => Value::String(text),
                (Subject::Header, Value::Null) => Value::String(String::new()),
                (Subject::Header, Value::Array(_)) => {
                    self.problem(
                        at.clone(),
                        Target::Value,
                        "a header is one text: give its value, or a mapping of tests",
                    );
                    return None;
                }
                (Subject::Header, other) => Value::String(other.to_string()),
                (Subject::Json, other) => other,
            };
            return Some(vec![ValueTest::Equals(wanted)]);
        };
        if map.is_empty() {
            self.problem(
                at.clone(),
                Target::Value,
                format!("no test given; expected one of {}", allowed(subject).join(", ")),
            );
            return None;
        }
        let mut tests = Vec::new();
        for (name, value) in map {
            let here = at.key(&name);
            match Self::test(&name, value, subject) {
                Ok(test) => tests.push(test),
                Err((target, message)) => self.problem(here, target, message),
            }
        }
        Some(tests)
    }

    fn test(name: &str, value: Value, subject: Subject) -> Result<ValueTest, (Target, String)> {
        let wrong = |what: &str| Err((Target::Value, format!("`{name}` takes {what}")));
        if !allowed(subject).contains(&name) {
            let suggestion = crate::suggest::closest(name, allowed(subject).iter().copied());
            let hint = suggestion
                .first()
                .map_or(String::new(), |s| format!("did you mean `{s}`? "));
            return Err((
                Target::Key,
                format!(
                    "unknown test `{name}`: {hint}(expected one of {})",
                    allowed(subject).join(", ")
                ),
            ));
        }
        match (name, value) {
            ("exists", Value::Bool(b)) => Ok(ValueTest::Exists(b)),
            ("exists", _) => wrong("true or false"),
            ("equals", Value::String(text)) => Ok(ValueTest::Equals(Value::String(text))),
            ("equals", other) if subject == Subject::Header => {
                Ok(ValueTest::Equals(Value::String(other.to_string())))
            }
            ("equals", other) => Ok(ValueTest::Equals(other)),
            ("contains", Value::String(text)) => Ok(ValueTest::Contains(text)),
            ("contains", _) => wrong("a text"),
            ("matches", Value::String(pattern)) => regex::Regex::new(&pattern)
                .map(|re| ValueTest::Matches(Pattern(re)))
                .map_err(|e| {
                    (
                        Target::Value,
                        format!("`{pattern}` is not a regular expression: {}", last_line(&e)),
                    )
                }),
            ("matches", _) => wrong("a regular expression"),
            ("type", Value::String(t)) => JsonType::parse(&t).map(ValueTest::Type).ok_or_else(|| {
                (
                    Target::Value,
                    format!(
                        "unknown type `{t}`; expected one of {}",
                        JsonType::NAMES.join(", ")
                    ),
                )
            }),
            ("type", _) => wrong(&format!("a type name ({})", JsonType::NAMES.join(", "))),
            ("count", Value::Number(n)) => n
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .map(ValueTest::Count)
                .ok_or((
                    Target::Value,
                    "`count` takes a whole number, 0 or more".to_owned(),
                )),
            ("count", _) => wrong("a whole number"),
            ("less_than", Value::Number(n)) => Ok(ValueTest::LessThan(n)),
            ("greater_than", Value::Number(n)) => Ok(ValueTest::GreaterThan(n)),
            ("less_than" | "greater_than", _) => wrong("a number"),
            _ => wrong("a value"),
        }
    }

    /// `body_schema: FILE`, read and compiled now so a broken schema is a load error.
    fn schema_file(&mut self, written: String, at: &YamlPath, base_dir: &Path) -> Option<SchemaFile> {
        let path = base_dir.join(&written);
        let schema = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read the schema `{}`: {e}", path.display()))
            .and_then(|text| {
                serde_json::from_str::<Value>(&text)
                    .map_err(|e| format!("the schema `{}` is not JSON: {e}", path.display()))
            })
            .and_then(|schema| {
                super::super::model::compile_schema(&schema, &path)
                    .map(|_| schema)
                    .map_err(|e| format!("`{}` is not a usable JSON Schema: {e}", path.display()))
            });
        match schema {
            Ok(schema) => Some(SchemaFile {
                written,
                path,
                schema,
            }),
            Err(message) => {
                self.problem(at.clone(), Target::Value, message);
                None
            }
        }
    }
}

/// What a test reads: a header's text, or a JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Header,
    Json,
}

/// The tests each subject takes: `type`, `count` and the comparisons mean nothing for a
/// header.
fn allowed(subject: Subject) -> &'static [&'static str] {
    match subject {
        Subject::Header => &fields::TEST[..4],
        Subject::Json => fields::TEST,
    }
}

/// The regex crate explains a syntax error over several lines, pointing with `^`; its last
/// line says what is wrong ("unclosed group"), which is what fits on a located error's line.
fn last_line(error: &regex::Error) -> String {
    let text = error.to_string();
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_owned()
}
