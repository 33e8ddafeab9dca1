//! Slumber's template language made apibench's. Slumber (v4) writes expressions inside
//! `{{ }}`: profile fields (`{{ host }}`), literals, function calls with positional and keyword
//! arguments and pipes (`{{ response('login') | jsonpath('$.token') }}`, where the piped value
//! is the call's last argument); `{_{` writes a literal `{{`. Slumber v3 wrote
//! `{{chains.token}}` for a chain defined under `chains:` and `{{env.NAME}}`.
//!
//! What apibench has an equivalent for is mapped: a field is a variable, `env('X')` is
//! `{{ env.X }}`, a JSONPath of another recipe's response or one of its headers is a chained
//! response (`{{ response.Auth/Log in.body.$.token }}`), found by the recipe's id; v3 chains
//! of those kinds too. Everything else (prompts, commands, files, selects, …) has none: it is
//! kept as literal text and said once, with why.

mod parse;

use std::collections::{HashMap, HashSet};

use serde_yaml::Value;

use self::parse::{Call, Chunk, Expr, chunks};
use crate::template::{Template, is_variable_name};

/// What mapping needs to know of the collection.
#[derive(Debug, Default)]
pub struct Context {
    /// Recipe id → the request's path in apibench (`Auth/Log in`).
    pub paths: HashMap<String, String>,
    /// v3 chains by id, as written under `chains:`.
    pub chains: HashMap<String, Value>,
    /// Profile fields holding a value that is not text (a number, a list): Slumber puts them
    /// in a JSON body as that value, so they are marked `| json` there.
    pub json_fields: HashSet<String>,
}

/// The apibench template source for Slumber's `text`; `at` says where, for what is listed.
pub fn source(text: &str, at: &str, cx: &Context, unmapped: &mut Vec<String>) -> String {
    let mut out = String::new();
    for chunk in chunks(text) {
        match chunk {
            Chunk::Raw(raw) => out.push_str(Template::literal(&raw).as_str()),
            Chunk::Bad(written) => {
                unmapped.push(format!(
                    "{at}: `{written}` is not a template Slumber reads; kept as text"
                ));
                out.push_str(Template::literal(&written).as_str());
            }
            Chunk::Expr { expr, written } => out.push_str(&mapped(&expr, &written, false, at, cx, unmapped)),
        }
    }
    out
}

/// [`source`] as a template (literal where it does not parse, which mapping prevents).
pub fn template(text: &str, at: &str, cx: &Context, unmapped: &mut Vec<String>) -> Template {
    Template::parse(source(text, at, cx, unmapped)).unwrap_or_else(|_| Template::literal(text))
}

/// A string of a JSON body: as [`source`], except that one expression alone giving a JSON
/// value (a JSONPath of a response, a field that is not text) is marked `| json`, since
/// Slumber puts such a value in the body as itself, not as a string.
pub fn json_string(text: &str, at: &str, cx: &Context, unmapped: &mut Vec<String>) -> String {
    if let [Chunk::Expr { expr, written }] = chunks(text).as_slice() {
        return mapped(expr, written, true, at, cx, unmapped);
    }
    source(text, at, cx, unmapped)
}

/// The text Slumber sends for `text` when it holds no expression (escapes undone).
pub fn literal_text(text: &str) -> Option<String> {
    chunks(text)
        .into_iter()
        .map(|chunk| match chunk {
            Chunk::Raw(raw) => Some(raw),
            Chunk::Expr { .. } | Chunk::Bad(_) => None,
        })
        .collect()
}

/// The path of `{{ file('path') }}` when that is all of `text` (a v3 `!file` chain too): a
/// body or form field that is a file's content.
pub fn file_path(text: &str, cx: &Context) -> Option<String> {
    let chunks = chunks(text);
    let [Chunk::Expr { expr, .. }] = chunks.as_slice() else {
        return None;
    };
    match resolved(expr, cx)? {
        Expr::Call(call) if call.name == "file" && call.kwargs.is_empty() => match call.args.as_slice() {
            [Expr::Str(path)] if !path.contains("{{") => Some(path.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// One expression as apibench source: `{{ … }}` when it maps, else its text kept literal.
fn mapped(
    expr: &Expr,
    written: &str,
    as_json: bool,
    at: &str,
    cx: &Context,
    unmapped: &mut Vec<String>,
) -> String {
    let result = map(expr, at, cx, unmapped).and_then(|m| match m {
        Mapped::Text(text) => Ok(Template::literal(&text).into_string()),
        Mapped::Expr(inner) => {
            let marker = if as_json && unpacks(expr, cx) {
                " | json"
            } else {
                ""
            };
            let text = format!("{{{{ {inner}{marker} }}}}");
            Template::parse(format!("{{{{ {inner} }}}}"))
                .map(|_| text)
                .map_err(|e| format!("apibench cannot read `{inner}` ({e})"))
        }
    });
    result.unwrap_or_else(|reason| {
        unmapped.push(format!("{at}: `{written}`: {reason}; kept as text"));
        Template::literal(written).into_string()
    })
}

/// What an expression becomes.
enum Mapped {
    /// The inside of an apibench `{{ }}`.
    Expr(String),
    /// Literal text (`{{ 'abc' }}`).
    Text(String),
}

fn map(expr: &Expr, at: &str, cx: &Context, unmapped: &mut Vec<String>) -> Result<Mapped, String> {
    match expr {
        Expr::Field(name) if is_variable_name(name) => Ok(Mapped::Expr(name.clone())),
        Expr::Field(name) => Err(format!("`{name}` cannot name an apibench variable")),
        Expr::Env(name) => env(name),
        Expr::Str(text) | Expr::Number(text) => Ok(Mapped::Text(text.clone())),
        Expr::Bool(b) => Ok(Mapped::Text(b.to_string())),
        Expr::Null => Ok(Mapped::Text(String::new())),
        Expr::Chain(id) => {
            let definition = cx
                .chains
                .get(id)
                .ok_or_else(|| format!("no chain `{id}` in the file"))?;
            let expr = chain(definition).map_err(|why| format!("chain `{id}`: {why}"))?;
            map(&expr, at, cx, unmapped).map_err(|why| format!("chain `{id}`: {why}"))
        }
        Expr::Bytes(_) | Expr::Array(_) | Expr::Object(_) => {
            Err("a literal list, object or byte string has no equivalent".to_owned())
        }
        Expr::Call(call) => map_call(call, at, cx, unmapped),
    }
}

fn map_call(call: &Call, at: &str, cx: &Context, unmapped: &mut Vec<String>) -> Result<Mapped, String> {
    let args = call.args.as_slice();
    match (call.name.as_str(), args) {
        ("env", [Expr::Str(name)]) if call.kwargs.is_empty() => env(name),
        ("env", _) if call.kwarg("default").is_some() => {
            Err("apibench has no default for an environment variable".to_owned())
        }
        ("sensitive", [value]) => map(value, at, cx, unmapped),
        ("jsonpath", [Expr::Str(path), value]) => {
            if let Some(Expr::Str(mode)) = call.kwarg("mode")
                && mode == "array"
            {
                return Err("mode='array' gives a list; apibench gives the first match".to_owned());
            }
            // JSON reads the same trimmed or not.
            let value = match value {
                Expr::Call(trim) if trim.name == "trim" && trim.args.len() == 1 => &trim.args[0],
                other => other,
            };
            let Expr::Call(response) = resolved(value, cx).ok_or("no such chain")? else {
                return Err("apibench reads a JSONPath of a response only".to_owned());
            };
            if response.name != "response" {
                return Err(format!("apibench reads a JSONPath of a response, not of {}()", response.name));
            }
            let request = upstream(&response, at, cx, unmapped)?;
            Ok(Mapped::Expr(format!("response.{request}.body.{path}")))
        }
        ("response_header", [_, Expr::Str(header)]) => {
            let request = upstream(call, at, cx, unmapped)?;
            Ok(Mapped::Expr(format!("response.{request}.header.{header}")))
        }
        ("response", _) => Err(
            "the whole body has no equivalent; apibench reads a value at a JSONPath (`| jsonpath('$.…')`) or a header"
                .to_owned(),
        ),
        ("prompt" | "select", _) => Err(format!("{}() asks at each send; apibench does not", call.name)),
        ("command", _) => Err("command() runs a program; apibench does not".to_owned()),
        ("file", _) => Err("file() reads a file into a value; apibench reads files as a body or a multipart part only".to_owned()),
        (name, _) => Err(format!("{name}() has no equivalent")),
    }
}

/// `{{ env.NAME }}`, when NAME can be one.
fn env(name: &str) -> Result<Mapped, String> {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(Mapped::Expr(format!("env.{name}")))
    } else {
        Err(format!(
            "`{name}` cannot name an environment variable in apibench"
        ))
    }
}

/// The apibench path of the recipe a `response(…)`/`response_header(…)` reads; a trigger
/// apibench does not follow is said.
fn upstream(call: &Call, at: &str, cx: &Context, unmapped: &mut Vec<String>) -> Result<String, String> {
    let Some(Expr::Str(id)) = call.args.first() else {
        return Err("the recipe is not named by its id".to_owned());
    };
    let path = cx
        .paths
        .get(id)
        .ok_or_else(|| format!("no recipe `{id}` in the file"))?;
    if let Some(trigger) = call.kwarg("trigger") {
        let trigger = match trigger {
            Expr::Str(t) | Expr::Number(t) => t.clone(),
            _ => "?".to_owned(),
        };
        if !matches!(trigger.as_str(), "never" | "no_history") {
            unmapped.push(format!(
                "{at}: trigger='{trigger}' of `{id}` is not kept: apibench sends `{path}` first when it has no response of it, and otherwise reads the latest (its `max_age` says for how long)"
            ));
        }
    }
    Ok(path.clone())
}

/// Whether the expression gives a JSON value Slumber unpacks into a JSON body.
fn unpacks(expr: &Expr, cx: &Context) -> bool {
    match resolved(expr, cx) {
        Some(Expr::Field(name)) => cx.json_fields.contains(&name),
        Some(Expr::Call(call)) if call.name == "sensitive" => {
            call.args.first().is_some_and(|a| unpacks(a, cx))
        }
        Some(Expr::Call(call)) => call.name == "jsonpath",
        _ => false,
    }
}

/// The expression with a v3 chain replaced by its definition.
fn resolved(expr: &Expr, cx: &Context) -> Option<Expr> {
    match expr {
        Expr::Chain(id) => chain(cx.chains.get(id)?).ok(),
        other => Some(other.clone()),
    }
}

/// A v3 chain as the v4 expression Slumber's own migration writes for it: `!request` is
/// `response(…)` or `response_header(…)`, its `selector` a `jsonpath(…)`, and so on.
fn chain(definition: &Value) -> Result<Expr, String> {
    let source = definition.get("source").ok_or("it has no source")?;
    let (kind, fields) = tag_of(source);
    let text = |key: &str| fields.get(key).and_then(scalar).map(Expr::Str);
    let kwargs = |keys: &[&str]| -> Vec<(String, Expr)> {
        keys.iter()
            .filter_map(|k| text(k).map(|v| ((*k).to_owned(), v)))
            .collect()
    };
    let mut expr = match kind.as_str() {
        "request" => {
            let recipe = text("recipe").ok_or("its request names no recipe")?;
            let trigger = fields.get("trigger").map(|t| match tag_of(t) {
                (kind, value) if kind == "expire" => scalar(value).unwrap_or_default(),
                (kind, _) => kind,
            });
            let mut call = match fields.get("section").map(tag_of) {
                Some((section, name)) if section == "header" => Call::new(
                    "response_header",
                    vec![recipe, Expr::Str(scalar(name).unwrap_or_default())],
                ),
                _ => Call::new("response", vec![recipe]),
            };
            if let Some(trigger) = trigger.filter(|t| t != "never") {
                call.kwargs.push(("trigger".to_owned(), Expr::Str(trigger)));
            }
            call
        }
        "env" => Call::new("env", text("variable").into_iter().collect()),
        "file" => Call::new("file", text("path").into_iter().collect()),
        "command" => {
            let argv = fields
                .get("command")
                .and_then(Value::as_sequence)
                .map(|items| items.iter().filter_map(scalar).map(Expr::Str).collect())
                .unwrap_or_default();
            let mut call = Call::new("command", vec![Expr::Array(argv)]);
            call.kwargs = kwargs(&["stdin"]);
            call
        }
        "prompt" | "select" => {
            let mut call = Call::new(&kind, Vec::new());
            call.kwargs = kwargs(&["message", "default"]);
            call
        }
        other => return Err(format!("a source !{other} is not one Slumber had")),
    };
    let option = |key: &str| definition.get(key).and_then(scalar);
    if let Some(mode) = option("trim").filter(|t| t != "none") {
        let mut trim = Call::new("trim", vec![Expr::Call(expr)]);
        trim.kwargs.push(("mode".to_owned(), Expr::Str(mode)));
        expr = trim;
    }
    if let Some(selector) = option("selector") {
        let mut jsonpath = Call::new("jsonpath", vec![Expr::Str(selector), Expr::Call(expr)]);
        if let Some(mode) = option("selector_mode").filter(|m| m != "auto") {
            jsonpath.kwargs.push(("mode".to_owned(), Expr::Str(mode)));
        }
        expr = jsonpath;
    }
    if definition.get("sensitive").and_then(Value::as_bool) == Some(true) {
        expr = Call::new("sensitive", vec![Expr::Call(expr)]);
    }
    Ok(Expr::Call(expr))
}

/// A YAML tag's name (`!request` → `request`) and the value under it; a value without a tag
/// is its own.
fn tag_of(value: &Value) -> (String, &Value) {
    match value {
        Value::Tagged(tagged) => (
            tagged.tag.to_string().trim_start_matches('!').to_owned(),
            &tagged.value,
        ),
        Value::String(s) => (s.clone(), &Value::Null),
        other => (String::new(), other),
    }
}

/// A YAML scalar as the text Slumber reads it as.
pub fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Null => Some(String::new()),
        Value::Tagged(tagged) => scalar(&tagged.value),
        Value::Sequence(_) | Value::Mapping(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_underscore_escape_is_a_literal_brace_pair() {
        let cx = Context::default();
        let mut unmapped = Vec::new();
        assert_eq!(
            source("{_{raw}} and {_{{ host }}", "t", &cx, &mut unmapped),
            r#"{{ "{{" }}raw}} and {{{ host }}"#
        );
        assert!(unmapped.is_empty());
    }

    #[test]
    fn text_that_is_not_a_slumber_template_is_kept_and_said() {
        let cx = Context::default();
        let mut unmapped = Vec::new();
        let out = source("a {{ 1abc( }} b", "req", &cx, &mut unmapped);
        assert_eq!(Template::parse(&out).unwrap().exprs().count(), 1, "{out}");
        assert!(
            unmapped[0].contains("not a template Slumber reads"),
            "{unmapped:?}"
        );
    }

    #[test]
    fn nothing_panics_on_text_cut_anywhere() {
        let cx = Context::default();
        let text =
            "{{ response('a', trigger=\"1h\") | jsonpath('$.x') }}é{_{ b'\\x0' [1, {'k': 2}] env('X') }}";
        for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            source(&text[..end], "t", &cx, &mut Vec::new());
        }
    }
}
