//! JSON bodies whose strings are templates: the value as written, with every string parsed
//! once at load, and rendered by walking the value in the same order.
//!
//! A template always renders to a JSON string (`"{{ id }}"` → `"42"`), except a string that
//! is one template marked `| json` (`"{{ id | json }}"`): what it renders is read as JSON and
//! takes the string's place as that value (`42`, `true`, `[1, 2]`); text that is not JSON
//! stays a string.

use serde_json::Value;

use super::parse::{SyntaxError, Template};

/// A JSON value as written, and the template each of its strings parses to (in document
/// order: arrays by index, objects in key order). Keys are not templates.
#[derive(Debug, Clone, Default)]
pub struct JsonTemplate {
    value: Value,
    strings: Vec<Template>,
    /// For each of `strings`: whether it renders as a JSON value (`| json`).
    as_value: Vec<bool>,
}

/// The expression of a string written `{{ EXPR | json }}`: a template that renders as a JSON
/// value rather than a string.
pub fn json_value_template(text: &str) -> Option<&str> {
    let inner = text.trim().strip_prefix("{{")?.strip_suffix("}}")?;
    let (expr, marker) = inner.rsplit_once('|')?;
    (marker.trim() == "json" && !expr.contains("{{") && !expr.trim().is_empty()).then(|| expr.trim())
}

/// Two bodies are the same when they were written the same.
impl PartialEq for JsonTemplate {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

/// One step from a JSON value into a child, to locate a bad string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonStep {
    Key(String),
    Index(usize),
}

/// A string of a JSON body that is not a valid template, and where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonSyntaxError {
    pub at: Vec<JsonStep>,
    pub text: String,
    pub error: SyntaxError,
}

impl JsonTemplate {
    /// Parses every string of `value`; reports each bad one with its place.
    pub fn parse(value: Value) -> Result<Self, Vec<JsonSyntaxError>> {
        let mut strings = Vec::new();
        let mut errors = Vec::new();
        collect(&value, &mut Vec::new(), &mut strings, &mut errors);
        if errors.is_empty() {
            let as_value = strings_of(&value)
                .map(|s| json_value_template(s).is_some())
                .collect();
            Ok(Self {
                value,
                strings,
                as_value,
            })
        } else {
            Err(errors)
        }
    }

    /// The value as written, templates unrendered.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The templates of the strings, in document order.
    pub fn strings(&self) -> &[Template] {
        &self.strings
    }

    /// The value with each string replaced by what `render` makes of its template.
    pub fn render<E>(&self, mut render: impl FnMut(&Template) -> Result<String, E>) -> Result<Value, E> {
        let mut next = self.strings.iter().zip(&self.as_value);
        rebuild(&self.value, &mut next, &mut render)
    }
}

/// The strings of a value in document order (the order `collect` parses them in).
fn strings_of(value: &Value) -> Box<dyn Iterator<Item = &str> + '_> {
    match value {
        Value::String(text) => Box::new(std::iter::once(text.as_str())),
        Value::Array(items) => Box::new(items.iter().flat_map(strings_of)),
        Value::Object(map) => Box::new(map.values().flat_map(strings_of)),
        _ => Box::new(std::iter::empty()),
    }
}

fn collect(
    value: &Value,
    at: &mut Vec<JsonStep>,
    strings: &mut Vec<Template>,
    errors: &mut Vec<JsonSyntaxError>,
) {
    match value {
        Value::String(text) => match Template::parse(
            json_value_template(text).map_or_else(|| text.clone(), |expr| format!("{{{{ {expr} }}}}")),
        ) {
            Ok(template) => strings.push(template),
            Err(error) => errors.push(JsonSyntaxError {
                at: at.clone(),
                text: text.clone(),
                error,
            }),
        },
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(JsonStep::Index(i));
                collect(item, at, strings, errors);
                at.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                at.push(JsonStep::Key(key.clone()));
                collect(item, at, strings, errors);
                at.pop();
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn rebuild<'t, E>(
    value: &Value,
    strings: &mut impl Iterator<Item = (&'t Template, &'t bool)>,
    render: &mut impl FnMut(&Template) -> Result<String, E>,
) -> Result<Value, E> {
    Ok(match value {
        // Parsing pushed one template per string in this same order, so there is one here.
        Value::String(text) => match strings.next() {
            Some((template, true)) => {
                let rendered = render(template)?;
                serde_json::from_str(&rendered).unwrap_or(Value::String(rendered))
            }
            Some((template, false)) => Value::String(render(template)?),
            None => Value::String(text.clone()),
        },
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| rebuild(item, strings, render))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, item)| Ok((key.clone(), rebuild(item, strings, render)?)))
                .collect::<Result<_, E>>()?,
        ),
        other => other.clone(),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_template_marked_json_renders_as_a_json_value() {
        let body = JsonTemplate::parse(json!({"id": "{{ id | json }}", "tags": "{{ tags|json }}", "name": "{{ id }}", "bad": "{{ word | json }}"}))
            .unwrap();
        let rendered = body
            .render(|t| {
                Ok::<_, ()>(match t.as_str() {
                    "{{ id }}" => "42".to_owned(),
                    "{{ tags }}" => "[\"a\", \"b\"]".to_owned(),
                    _ => "not json".to_owned(),
                })
            })
            .unwrap();
        assert_eq!(
            rendered,
            json!({"id": 42, "tags": ["a", "b"], "name": "42", "bad": "not json"})
        );
        assert_eq!(json_value_template("{{ a | json }}"), Some("a"));
        assert_eq!(json_value_template("{{ a }}"), None);
        assert_eq!(json_value_template("x {{ a | json }}"), None);
    }

    #[test]
    fn strings_render_in_place_and_everything_else_is_kept() {
        let body =
            JsonTemplate::parse(json!({"name": "{{ who }}", "n": 3, "tags": ["a", "{{ t }}"], "ok": true}))
                .unwrap();
        assert_eq!(body.strings().len(), 3);
        let rendered = body
            .render(|t| Ok::<_, ()>(t.as_str().replace("{{ who }}", "Ada").replace("{{ t }}", "b")))
            .unwrap();
        assert_eq!(
            rendered,
            json!({"name": "Ada", "n": 3, "tags": ["a", "b"], "ok": true})
        );
    }

    #[test]
    fn every_bad_string_is_reported_with_its_place() {
        let errors = JsonTemplate::parse(json!({"a": ["ok", "{{ x"], "b": {"c": "{{ }}"}})).unwrap_err();
        let places: Vec<_> = errors.iter().map(|e| e.at.clone()).collect();
        assert_eq!(
            places,
            vec![
                vec![JsonStep::Key("a".into()), JsonStep::Index(1)],
                vec![JsonStep::Key("b".into()), JsonStep::Key("c".into())],
            ]
        );
    }
}
