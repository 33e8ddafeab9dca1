//! Two exchanges compared the way a person reads them: the status, the headers (added,
//! removed, changed; `Date` left out, it always changes), and a JSON body structurally —
//! each path added, removed or changed (`$.data[0].name: "Ada" → "Grace"`) — rather than
//! as lines of text. A body that is not JSON is compared as a whole.

use serde_json::{Value, json};

/// What changed from one record to another.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// Status (or failure kind) before and after, when they differ.
    pub status: Option<(String, String)>,
    pub headers: Vec<Change>,
    pub body: Vec<Change>,
}

/// One difference, at a header name or a JSON path.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Added { at: String, value: Value },
    Removed { at: String, value: Value },
    Changed { at: String, from: Value, to: Value },
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.status.is_none() && self.headers.is_empty() && self.body.is_empty()
    }

    /// One line per difference: `status: 200 → 500`, `+ header x-cache: "HIT"`.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some((from, to)) = &self.status {
            lines.push(format!("status: {from} → {to}"));
        }
        let line = |kind: &str, change: &Change| match change {
            Change::Added { at, value } => format!("+ {kind}{at}: {}", shown(value)),
            Change::Removed { at, value } => format!("- {kind}{at}: {}", shown(value)),
            Change::Changed { at, from, to } => format!("~ {kind}{at}: {} → {}", shown(from), shown(to)),
        };
        lines.extend(self.headers.iter().map(|c| line("header ", c)));
        lines.extend(self.body.iter().map(|c| line("", c)));
        lines
    }

    /// One row per difference, side by side: what, before, after (`—` where a side has
    /// none).
    pub fn rows(&self) -> Vec<[String; 3]> {
        let mut rows = Vec::new();
        if let Some((from, to)) = &self.status {
            rows.push(["status".to_owned(), from.clone(), to.clone()]);
        }
        let row = |kind: &str, change: &Change| match change {
            Change::Added { at, value } => [format!("{kind}{at}"), "—".to_owned(), shown(value)],
            Change::Removed { at, value } => [format!("{kind}{at}"), shown(value), "—".to_owned()],
            Change::Changed { at, from, to } => [format!("{kind}{at}"), shown(from), shown(to)],
        };
        rows.extend(self.headers.iter().map(|c| row("header ", c)));
        rows.extend(self.body.iter().map(|c| row("", c)));
        rows
    }

    pub fn to_json(&self) -> Value {
        let changes = |all: &[Change]| -> Vec<Value> {
            all.iter()
                .map(|c| match c {
                    Change::Added { at, value } => json!({"change": "added", "at": at, "to": value}),
                    Change::Removed { at, value } => json!({"change": "removed", "at": at, "from": value}),
                    Change::Changed { at, from, to } => {
                        json!({"change": "changed", "at": at, "from": from, "to": to})
                    }
                })
                .collect()
        };
        json!({
            "status": self.status.as_ref().map(|(from, to)| json!({"from": from, "to": to})),
            "headers": changes(&self.headers),
            "body": changes(&self.body),
        })
    }
}

/// The differences from `older` to `newer`, two records of [`super::record`].
pub fn between(older: &Value, newer: &Value) -> Changes {
    let outcome = |r: &Value| match r["response"]["status"].as_u64() {
        Some(status) => status.to_string(),
        None => format!(
            "no response ({})",
            r["error"]["kind"].as_str().unwrap_or("not sent")
        ),
    };
    let (a, b) = (outcome(older), outcome(newer));
    let mut changes = Changes {
        status: (a != b).then_some((a, b)),
        ..Changes::default()
    };
    headers(
        &older["response"]["headers"],
        &newer["response"]["headers"],
        &mut changes.headers,
    );
    let (x, y) = (&older["response"]["body"], &newer["response"]["body"]);
    let (bx, by) = (
        &older["response"]["body_base64"],
        &newer["response"]["body_base64"],
    );
    let parsed = |v: &Value| v.as_str().and_then(|t| serde_json::from_str::<Value>(t).ok());
    match (parsed(x), parsed(y)) {
        (Some(a), Some(b)) => walk("$", &a, &b, &mut changes.body),
        _ if x == y && bx != by => changes.body.push(Change::Changed {
            at: "body".to_owned(),
            from: Value::String("binary".to_owned()),
            to: Value::String("other binary".to_owned()),
        }),
        _ if x != y => changes.body.push(Change::Changed {
            at: "body".to_owned(),
            from: text_summary(x),
            to: text_summary(y),
        }),
        _ => {}
    }
    changes
}

fn headers(older: &Value, newer: &Value, out: &mut Vec<Change>) {
    let pairs = |v: &Value| -> Vec<(String, String)> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| Some((p[0].as_str()?.to_ascii_lowercase(), p[1].as_str()?.to_owned())))
            .filter(|(name, _)| name != "date")
            .collect()
    };
    let (a, b) = (pairs(older), pairs(newer));
    let joined = |all: &[(String, String)], name: &str| -> Option<String> {
        let values: Vec<&str> = all
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect();
        (!values.is_empty()).then(|| values.join(", "))
    };
    let mut names: Vec<&String> = a.iter().chain(&b).map(|(n, _)| n).collect();
    names.sort();
    names.dedup();
    for name in names {
        match (joined(&a, name), joined(&b, name)) {
            (Some(from), Some(to)) if from != to => out.push(Change::Changed {
                at: name.clone(),
                from: Value::String(from),
                to: Value::String(to),
            }),
            (None, Some(to)) => out.push(Change::Added {
                at: name.clone(),
                value: Value::String(to),
            }),
            (Some(from), None) => out.push(Change::Removed {
                at: name.clone(),
                value: Value::String(from),
            }),
            _ => {}
        }
    }
}

/// Every path where `a` and `b` differ, objects by key and arrays by index.
fn walk(at: &str, a: &Value, b: &Value, out: &mut Vec<Change>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, from) in x {
                let here = format!("{at}{}", key_step(key));
                match y.get(key) {
                    Some(to) => walk(&here, from, to, out),
                    None => out.push(Change::Removed {
                        at: here,
                        value: from.clone(),
                    }),
                }
            }
            for (key, to) in y.iter().filter(|(k, _)| !x.contains_key(*k)) {
                out.push(Change::Added {
                    at: format!("{at}{}", key_step(key)),
                    value: to.clone(),
                });
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (from, to)) in x.iter().zip(y).enumerate() {
                walk(&format!("{at}[{i}]"), from, to, out);
            }
            for (i, from) in x.iter().enumerate().skip(y.len()) {
                out.push(Change::Removed {
                    at: format!("{at}[{i}]"),
                    value: from.clone(),
                });
            }
            for (i, to) in y.iter().enumerate().skip(x.len()) {
                out.push(Change::Added {
                    at: format!("{at}[{i}]"),
                    value: to.clone(),
                });
            }
        }
        _ if a != b => out.push(Change::Changed {
            at: at.to_owned(),
            from: a.clone(),
            to: b.clone(),
        }),
        _ => {}
    }
}

/// `.name`, or `['odd key']` when the key is not a plain name.
fn key_step(key: &str) -> String {
    let plain = key.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_alphanumeric() || c == '_');
    if plain {
        format!(".{key}")
    } else {
        format!("[{}]", Value::String(key.to_owned()))
    }
}

fn text_summary(body: &Value) -> Value {
    match body.as_str() {
        Some(text) => Value::String(format!("{} of text", crate::format::bytes(text.len() as u64))),
        None => Value::Null,
    }
}

fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 80 {
        format!("{}…", text.chars().take(80).collect::<String>())
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(status: u16, headers: &Value, body: &str) -> Value {
        json!({"response": {"status": status, "headers": headers, "body": body}, "error": null})
    }

    #[test]
    fn json_bodies_are_compared_path_by_path() {
        let a = record(
            200,
            &json!([["content-type", "application/json"], ["date", "x"]]),
            r#"{"data":[{"id":1,"name":"Ada"}],"total":1}"#,
        );
        let b = record(
            500,
            &json!([
                ["content-type", "application/json"],
                ["x-cache", "HIT"],
                ["date", "y"]
            ]),
            r#"{"data":[{"id":1,"name":"Grace"},{"id":2}],"page":2}"#,
        );
        let changes = between(&a, &b);
        assert_eq!(
            changes.lines(),
            [
                "status: 200 → 500",
                "+ header x-cache: \"HIT\"",
                "~ $.data[0].name: \"Ada\" → \"Grace\"",
                "+ $.data[1]: {\"id\":2}",
                "- $.total: 1",
                "+ $.page: 2",
            ]
        );
        assert_eq!(changes.to_json()["body"][0]["change"], "changed");
    }

    #[test]
    fn the_same_exchange_twice_has_no_changes_and_text_bodies_compare_whole() {
        let a = record(200, &json!([["date", "x"]]), "hello");
        assert!(between(&a, &record(200, &json!([["date", "y"]]), "hello")).is_empty());
        let changes = between(&a, &record(200, &json!([]), "hello!"));
        assert_eq!(changes.lines(), ["~ body: \"5 B of text\" → \"6 B of text\""]);
    }

    #[test]
    fn odd_keys_are_quoted() {
        let a = record(200, &json!([]), r#"{"a-b":1}"#);
        let b = record(200, &json!([]), r#"{"a-b":2}"#);
        assert_eq!(between(&a, &b).lines(), ["~ $[\"a-b\"]: 1 → 2"]);
    }
}
