//! Editing a request's body and auth. A JSON body edited as a whole in the TUI is saved as
//! the smallest set of changes — the keys that changed, were added or removed — so comments
//! and layout inside the rest of the body survive.

use serde_json::Value as Json;

use super::splice::step;
use super::splice::{self, Splice, Value};
use super::tree::{Shape, Tree};
use super::{EditError, Layout, Missing, scalar};
use crate::collection::source_map::YamlPath;
use crate::collection::{Auth, Body, Part};

/// Sets the body of the request at `request`, whose body is now `current`.
pub fn set_body(
    text: &str,
    request: &YamlPath,
    current: Option<&Body>,
    body: Option<&Body>,
) -> Result<String, EditError> {
    let at = request.key("body");
    let Some(body) = body else {
        return step(text, |t| splice::remove_if_present(t, &at));
    };
    let mut out = match (current, body) {
        (Some(Body::Json { value: old, .. }), Body::Json { value: new, .. })
            if differences(old.value(), new.value(), SPLICED_CHANGES + 1) <= SPLICED_CHANGES =>
        {
            json_changes(text, &at.key("json"), old.value(), new.value())?
        }
        // A body rewritten wholesale: one splice for the whole value is far cheaper than one
        // per change (each re-reads the file), and keeping comments inside a body that
        // changed everywhere matters less. The rest of the file is untouched either way.
        (Some(Body::Json { .. }), Body::Json { value: new, .. }) => {
            let json = at.key("json");
            step(text, |t| replace_at(t, &json, &json_value(new.value(), t, &json)))?
        }
        (Some(Body::Text { .. }), Body::Text { text: new, .. }) => step(text, |t| {
            splice::set(t, &at.key("text"), &Value::Scalar(new.to_string()))
        })?,
        (Some(Body::File { .. }), Body::File { path, .. }) => step(text, |t| {
            splice::set(t, &at.key("file"), &Value::Scalar(path.to_string()))
        })?,
        _ => return step(text, |t| splice::set(t, &at, &Value::Block(body_yaml(body)))),
    };
    // The content type, when the kind stayed the same (the splices above leave it alone).
    let wanted = body.explicit_content_type();
    let has = current.and_then(Body::explicit_content_type);
    if wanted != has {
        out = match wanted {
            Some(ct) => step(&out, |t| {
                splice::set(t, &at.key("content_type"), &Value::Scalar(ct.to_owned()))
            })?,
            None => step(&out, |t| splice::remove(t, &at.key("content_type")))?,
        };
    }
    Ok(out)
}

/// Up to this many changed values, a JSON body edit is spliced value by value.
const SPLICED_CHANGES: usize = 8;

/// How many values differ between two JSON documents, counting no further than `cap`.
fn differences(old: &Json, new: &Json, cap: usize) -> usize {
    match (old, new) {
        (Json::Object(a), Json::Object(b)) => {
            let mut n = a.keys().filter(|k| !b.contains_key(*k)).count();
            for (key, value) in b {
                if n >= cap {
                    break;
                }
                n += a
                    .get(key)
                    .map_or(1, |previous| differences(previous, value, cap - n));
            }
            n.min(cap)
        }
        (Json::Array(a), Json::Array(b)) if a.len() == b.len() => {
            let mut n = 0;
            for (x, y) in a.iter().zip(b) {
                if n >= cap {
                    break;
                }
                n += differences(x, y, cap - n);
            }
            n
        }
        _ => usize::from(old != new),
    }
}

/// The smallest text changes turning `old` into `new` at `path`.
fn json_changes(text: &str, path: &YamlPath, old: &Json, new: &Json) -> Result<String, EditError> {
    match (old, new) {
        (Json::Object(a), Json::Object(b)) => {
            let mut out = text.to_owned();
            for (key, value) in b {
                if let Some(previous) = a.get(key) {
                    out = json_changes(&out, &path.key(key), previous, value)?;
                } else {
                    out = step(&out, |t| {
                        splice::insert_entry(t, path, key, &json_value(value, t, path))
                    })?;
                }
            }
            for key in a.keys().filter(|k| !b.contains_key(*k)) {
                out = step(&out, |t| splice::remove(t, &path.key(key)))?;
            }
            Ok(out)
        }
        (Json::Array(a), Json::Array(b)) if a.len() == b.len() => {
            let mut out = text.to_owned();
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                out = json_changes(&out, &path.index(i), x, y)?;
            }
            Ok(out)
        }
        _ if old == new => Ok(text.to_owned()),
        (_, Json::String(s))
            if !old.is_object() && !old.is_array() && !path.0.is_empty() && is_key_path(path) =>
        {
            step(text, |t| splice::set(t, path, &Value::Scalar(s.clone())))
        }
        _ => step(text, |t| replace_at(t, path, &json_value(new, t, path))),
    }
}

fn is_key_path(path: &YamlPath) -> bool {
    matches!(path.0.last(), Some(crate::collection::source_map::Seg::Key(_)))
}

/// Replaces the value at `path`, which may be a sequence item.
fn replace_at(tree: &Tree<'_>, path: &YamlPath, value: &Value) -> Result<Splice, EditError> {
    if is_key_path(path) {
        return splice::set(tree, path, value);
    }
    let node = tree
        .node(path)
        .ok_or_else(|| EditError::from(Missing::Node(path.clone())))?;
    let inline = match value {
        Value::Flow(f) => f.clone(),
        Value::Scalar(s) => scalar::inline(s, scalar::Style::of(&tree.text[node.range.clone()])),
        Value::Block(_) => {
            return Err(Layout::ListItem(path.clone()).into());
        }
    };
    Ok(Splice {
        range: node.range,
        with: inline,
    })
}

/// How to write a JSON value at `path`: flow (JSON is valid YAML) inside flow collections
/// and for scalars, block YAML otherwise.
fn json_value(value: &Json, tree: &Tree<'_>, path: &YamlPath) -> Value {
    let parent_is_flow = {
        let parent = YamlPath(path.0[..path.0.len().saturating_sub(1)].to_vec());
        tree.node(&parent)
            .is_some_and(|n| matches!(n.shape, Shape::FlowMapping | Shape::FlowSequence))
    };
    let here_is_flow = tree
        .node(path)
        .is_some_and(|n| matches!(n.shape, Shape::FlowMapping | Shape::FlowSequence));
    match value {
        Json::String(s) => Value::Scalar(s.clone()),
        Json::Object(m) if m.is_empty() => Value::Flow("{}".to_owned()),
        Json::Array(a) if a.is_empty() => Value::Flow("[]".to_owned()),
        Json::Object(_) | Json::Array(_) if !parent_is_flow && !here_is_flow => Value::Block(yaml_of(value)),
        other => Value::Flow(other.to_string()),
    }
}

/// A JSON value as block YAML at indentation 0.
fn yaml_of(value: &Json) -> String {
    serde_yaml::to_string(value)
        .unwrap_or_default()
        .trim_end()
        .to_owned()
}

/// A whole body as block YAML (used when its kind changes).
pub fn body_yaml(body: &Body) -> String {
    let ct = |c: &Option<String>| {
        c.as_ref().map_or(String::new(), |c| {
            format!("\ncontent_type: {}", scalar::inline(c, scalar::Style::Plain))
        })
    };
    let scalar_line = |key: &str, text: &str| {
        if text.contains('\n') {
            format!("{key}: {}", scalar::multiline(text, 2))
        } else {
            format!("{key}: {}", scalar::inline(text, scalar::Style::Plain))
        }
    };
    match body {
        Body::Json { value, content_type } => {
            let inner = match value.value() {
                Json::Object(m) if !m.is_empty() => {
                    format!("json:\n{}", splice::indent_block(&yaml_of(value.value()), 2))
                }
                Json::Array(a) if !a.is_empty() => {
                    format!("json:\n{}", splice::indent_block(&yaml_of(value.value()), 2))
                }
                other => format!(
                    "json: {}",
                    if other.is_string() {
                        yaml_of(other)
                    } else {
                        other.to_string()
                    }
                ),
            };
            format!("{inner}{}", ct(content_type))
        }
        Body::Text { text, content_type } => {
            format!("{}{}", scalar_line("text", text.as_str()), ct(content_type))
        }
        Body::File { path, content_type } => {
            format!("{}{}", scalar_line("file", path.as_str()), ct(content_type))
        }
        Body::Form(pairs) if pairs.is_empty() => "form: {}".to_owned(),
        Body::Form(pairs) => {
            let rows: Vec<String> = pairs
                .iter()
                .map(|(k, v)| {
                    format!(
                        "  {}: {}",
                        scalar::plain_or_double(k),
                        scalar::inline(v.as_str(), scalar::Style::Plain)
                    )
                })
                .collect();
            format!("form:\n{}", rows.join("\n"))
        }
        Body::Multipart(parts) if parts.is_empty() => "multipart: []".to_owned(),
        Body::Multipart(parts) => {
            let rows: Vec<String> = parts
                .iter()
                .map(|p| match p {
                    Part::Value { name, value } => format!(
                        "  - {{ name: {}, value: {} }}",
                        scalar::inline(name, scalar::Style::Double),
                        scalar::inline(value.as_str(), scalar::Style::Double)
                    ),
                    Part::File {
                        name,
                        path,
                        content_type,
                    } => format!(
                        "  - {{ name: {}, file: {}{} }}",
                        scalar::inline(name, scalar::Style::Double),
                        scalar::inline(path.as_str(), scalar::Style::Double),
                        content_type.as_ref().map_or(String::new(), |c| format!(
                            ", content_type: {}",
                            scalar::inline(c, scalar::Style::Double)
                        ))
                    ),
                })
                .collect();
            format!("multipart:\n{}", rows.join("\n"))
        }
    }
}

/// Sets the auth of the request at `request`, whose auth is now `current`.
pub fn set_auth(
    text: &str,
    request: &YamlPath,
    current: Option<&Auth>,
    auth: Option<&Auth>,
) -> Result<String, EditError> {
    let at = request.key("auth");
    let set = |text: &str, path: YamlPath, value: Value| step(text, |t| splice::set(t, &path, &value));
    match (current, auth) {
        (_, None) => step(text, |t| splice::remove_if_present(t, &at)),
        (_, Some(Auth::None)) => step(text, |t| splice::set(t, &at, &Value::Flow("none".to_owned()))),
        (Some(Auth::Bearer(_)), Some(Auth::Bearer(token))) => {
            set(text, at.key("bearer"), Value::Scalar(token.to_string()))
        }
        (Some(Auth::Basic { .. }), Some(Auth::Basic { username, password })) => {
            let basic = at.key("basic");
            let text = set(text, basic.key("username"), Value::Scalar(username.to_string()))?;
            set(&text, basic.key("password"), Value::Scalar(password.to_string()))
        }
        (
            Some(Auth::ApiKey { .. }),
            Some(Auth::ApiKey {
                location,
                name,
                value,
            }),
        ) => {
            let key = at.key("api_key");
            let text = set(text, key.key("in"), Value::Flow(location.as_str().to_owned()))?;
            let text = set(&text, key.key("name"), Value::Scalar(name.clone()))?;
            set(&text, key.key("value"), Value::Scalar(value.to_string()))
        }
        (_, Some(new)) => step(text, |t| splice::set(t, &at, &Value::Block(auth_yaml(new)))),
    }
}

pub(super) fn auth_yaml(auth: &Auth) -> String {
    let s = |v: &str| scalar::inline(v, scalar::Style::Plain);
    match auth {
        Auth::None => "none".to_owned(),
        Auth::Bearer(token) => format!("bearer: {}", s(token.as_str())),
        Auth::Basic { username, password } => {
            format!(
                "basic:\n  username: {}\n  password: {}",
                s(username.as_str()),
                s(password.as_str())
            )
        }
        Auth::ApiKey {
            location,
            name,
            value,
        } => format!(
            "api_key:\n  in: {}\n  name: {}\n  value: {}",
            location.as_str(),
            s(name),
            s(value.as_str())
        ),
    }
}
