//! What another tool's request becomes in a collection, whatever the tool: a body from the
//! bytes it sends and their type, and a name from the URL. JSON that reads back
//! to the very same bytes is kept as YAML, a form as rows, anything else as text, byte for
//! byte; every value stays literal (an imported `{{ token }}` is text, not a variable).

use crate::collection::Body;
use crate::template::{JsonTemplate, Template};

/// The body for `data` sent with `content_type`; `untyped` is the type the sender would
/// give data without one (curl: a form).
pub fn of(data: &str, content_type: Option<&str>, untyped: &str) -> Body {
    let essence = content_type.map(crate::media_type::essence);
    let is_json = essence.as_deref().is_some_and(crate::media_type::is_json_type);
    if is_json
        && let Ok(value) = serde_json::from_str::<serde_json::Value>(data)
        && serde_json::to_string(&value).is_ok_and(|compact| compact == data)
        && let Ok(value) = JsonTemplate::parse(literal_strings(value))
    {
        return Body::Json {
            value,
            content_type: content_type
                .filter(|c| *c != "application/json")
                .map(str::to_owned),
        };
    }
    let content_type = content_type.unwrap_or(untyped);
    if crate::media_type::essence(content_type) == "application/x-www-form-urlencoded"
        && let Some(rows) = form_rows(data)
    {
        return Body::Form(rows);
    }
    Body::Text {
        text: Template::literal(data),
        content_type: Some(content_type.to_owned()),
    }
}

/// `data` as form rows, when every piece is `name=value` and reads back the same.
fn form_rows(data: &str) -> Option<Vec<(String, Template)>> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(data.as_bytes())
        .into_owned()
        .collect();
    let rebuilt: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&pairs)
        .finish();
    let same = url::form_urlencoded::parse(rebuilt.as_bytes())
        .into_owned()
        .collect::<Vec<_>>()
        == pairs;
    (same && !pairs.is_empty() && data.split('&').all(|p| p.contains('='))).then(|| {
        pairs
            .into_iter()
            .map(|(n, v)| (n, Template::literal(&v)))
            .collect()
    })
}

/// Every string of `value` escaped as a literal template.
fn literal_strings(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(Template::literal(&s).as_str().to_owned()),
        Value::Array(items) => Value::Array(items.into_iter().map(literal_strings).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, literal_strings(v))).collect()),
        other => other,
    }
}

/// `customers`: the URL's last path segment (or its host). The method is not in it: the
/// tree shows each request's method beside its name.
pub fn request_name(url: &str) -> String {
    let parsed = url::Url::parse(url).ok();
    let segment = parsed
        .as_ref()
        .and_then(|u| {
            u.path_segments()?
                .rev()
                .find(|s| !s.is_empty())
                .map(str::to_owned)
        })
        .or_else(|| parsed.as_ref().and_then(|u| u.host_str().map(str::to_owned)))
        // A URL that is a template (`{{host}}/v1/users/7`): its last segment as written.
        .or_else(|| {
            let path = url.split(['?', '#']).next().unwrap_or(url);
            path.rsplit('/')
                .find(|s| !s.is_empty() && !s.contains("{{"))
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "request".to_owned());
    percent_encoding::percent_decode_str(&segment)
        .decode_utf8_lossy()
        .replace('/', " ")
}

/// `text` with each `{{ }}` of another tool (Postman, the HTTP clients) made apibench's, as
/// a template (literal where it has no equivalent); `at` says where, for what is listed.
pub fn template(text: &str, at: &str, unmapped: &mut Vec<String>) -> Template {
    let source = template_source(text, at, unmapped);
    Template::parse(&source).unwrap_or_else(|_| Template::literal(text))
}

/// The template source for `text`: `{{name}}` → `{{ name }}`, `{{$processEnv X}}` →
/// `{{ env.X }}`, `{{r.response.body.$.x}}` → `{{ response.r.body.$.x }}`; anything else
/// inside braces is kept as literal text.
pub fn template_source(text: &str, at: &str, unmapped: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            out.push_str(Template::literal(&rest[open..]).as_str());
            return out;
        };
        let inner = after[..close].trim();
        let mapped = if let Some(name) = inner
            .strip_prefix("$processEnv ")
            .or_else(|| inner.strip_prefix("$dotenv "))
            .or_else(|| inner.strip_prefix("$env."))
        {
            Some(format!("{{{{ env.{} }}}}", name.trim().trim_start_matches('%')))
        } else if let Some((request, path)) = inner.split_once(".response.body.") {
            Some(format!("{{{{ response.{request}.body.{path} }}}}"))
        } else if let Some((request, header)) = inner.split_once(".response.headers.") {
            Some(format!("{{{{ response.{request}.header.{header} }}}}"))
        } else if !inner.starts_with('$')
            && !inner.is_empty()
            && inner.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c))
        {
            Some(format!("{{{{ {inner} }}}}"))
        } else {
            None
        };
        if let Some(mapped) = mapped.filter(|m| Template::parse(m).is_ok()) {
            out.push_str(&mapped);
        } else {
            unmapped.push(format!("{at}: {{{{{inner}}}}} has no equivalent; kept as text"));
            out.push_str(Template::literal(&format!("{{{{{inner}}}}}")).as_str());
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

/// The variables `requests` use that are in neither `defined` nor `known` (the source tool
/// kept them in an environment of its own), in the order first used.
pub fn undefined_variables<'a>(
    requests: impl IntoIterator<Item = &'a crate::collection::Request>,
    defined: &[(String, String)],
    known: &crate::collection::Variables,
) -> Vec<String> {
    let mut missing: Vec<String> = Vec::new();
    for request in requests {
        for template in request.templates() {
            for (expr, _) in template.exprs() {
                if let crate::template::Expr::Var(name) = expr
                    && !request.variables.contains_key(name)
                    && !defined.iter().any(|(n, _)| n == name)
                    && !known.contains_key(name)
                    && !missing.contains(name)
                {
                    missing.push(name.clone());
                }
            }
        }
    }
    missing
}

/// `base`, or `base 2`, `base 3`, … : the first name `taken` does not hold.
pub fn unique_name(base: &str, taken: impl Fn(&str) -> bool) -> String {
    std::iter::once(base.to_owned())
        .chain((2..=10_000).map(|n| format!("{base} {n}")))
        .find(|name| !taken(name))
        .unwrap_or_else(|| base.to_owned())
}

/// `request` with every template's source passed through `rewrite` (a template that no
/// longer parses is kept as it was): how an import moves its chained references.
pub fn rewrite_templates(request: &mut crate::collection::Request, rewrite: &dyn Fn(&str) -> String) {
    use crate::collection::Part;
    let apply = |t: &mut Template| {
        let source = rewrite(t.as_str());
        if source != t.as_str()
            && let Ok(parsed) = Template::parse(&source)
        {
            *t = parsed;
        }
    };
    apply(&mut request.url);
    request
        .query
        .iter_mut()
        .chain(request.headers.iter_mut())
        .for_each(|(_, v)| apply(v));
    match &mut request.body {
        Some(Body::Json { value, .. }) => {
            let rewritten = rewrite_strings(value.value().clone(), rewrite);
            if let Ok(parsed) = JsonTemplate::parse(rewritten) {
                *value = parsed;
            }
        }
        Some(Body::Text { text: t, .. } | Body::File { path: t, .. }) => apply(t),
        Some(Body::Form(pairs)) => pairs.iter_mut().for_each(|(_, v)| apply(v)),
        Some(Body::Multipart(parts)) => {
            for part in parts {
                match part {
                    Part::Value { value, .. } => apply(value),
                    Part::File { path, .. } => apply(path),
                }
            }
        }
        None => {}
    }
    match &mut request.auth {
        Some(crate::collection::Auth::Bearer(token)) => apply(token),
        Some(crate::collection::Auth::Basic { username, password }) => {
            apply(username);
            apply(password);
        }
        Some(crate::collection::Auth::ApiKey { value, .. }) => apply(value),
        Some(crate::collection::Auth::None) | None => {}
    }
    request.variables.values_mut().for_each(apply);
}

fn rewrite_strings(value: serde_json::Value, rewrite: &dyn Fn(&str) -> String) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(rewrite(&s)),
        Value::Array(items) => Value::Array(items.into_iter().map(|v| rewrite_strings(v, rewrite)).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, rewrite_strings(v, rewrite)))
                .collect(),
        ),
        other => other,
    }
}

/// A JSON value as text: a string as it is, anything else (a number, `true`, `null`, a list)
/// as its JSON. What a variable or field holding a value that is not a string becomes.
pub fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// How a tool writes path parameters (`:id`) in a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathParams {
    /// Bruno's and Insomnia's: a whole path segment `:name`, anywhere before the `?`.
    Segments,
    /// Posting's: `:name` anywhere in the path (after the host, up to `?` or `#`), the name
    /// letters, digits and `_`; `::` is a literal `:`.
    Inline,
}

/// `url` with each `:name` path parameter for which `is_param(name)` holds written as
/// `write(name)` (`{{id}}`, `${id}`), the rest as it is (in [`PathParams::Inline`], `::` as
/// `:`): one reading of path parameters for every importer.
pub fn path_params(
    url: &str,
    syntax: PathParams,
    is_param: impl Fn(&str) -> bool,
    write: impl Fn(&str) -> String,
) -> String {
    let (start, end) = match syntax {
        PathParams::Segments => (0, url.find('?').unwrap_or(url.len())),
        PathParams::Inline => {
            let start = url
                .find("://")
                .map_or(0, |s| url[s + 3..].find('/').map_or(url.len(), |p| s + 3 + p));
            let end = url[start..].find(['?', '#']).map_or(url.len(), |e| start + e);
            (start, end)
        }
    };
    let path = &url[start..end];
    let mut out = String::with_capacity(url.len());
    let mut at = 0;
    while let Some(found) = path[at..].find(':') {
        let colon = at + found;
        out.push_str(&path[at..colon]);
        let after = &path[colon + 1..];
        let (name, replaced) = match syntax {
            PathParams::Inline if after.starts_with(':') => {
                out.push(':');
                at = colon + 2;
                continue;
            }
            PathParams::Inline => {
                let len = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                let name = &after[..len];
                (name, !name.is_empty() && is_param(name))
            }
            PathParams::Segments => {
                let starts_segment = colon == 0 || path[..colon].ends_with('/');
                let name = &after[..after.find('/').unwrap_or(after.len())];
                (name, starts_segment && is_param(name))
            }
        };
        if replaced {
            out.push_str(&write(name));
            at = colon + 1 + name.len();
        } else {
            out.push(':');
            at = colon + 1;
        }
    }
    out.push_str(&path[at..]);
    format!("{}{out}{}", &url[..start], &url[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_value_is_text_as_a_string_or_as_its_json() {
        assert_eq!(value_text(&serde_json::json!("a \"b\"")), "a \"b\"");
        assert_eq!(value_text(&serde_json::json!(20)), "20");
        assert_eq!(value_text(&serde_json::json!(true)), "true");
        assert_eq!(value_text(&serde_json::json!(null)), "null");
        assert_eq!(value_text(&serde_json::json!([1, "x"])), r#"[1,"x"]"#);
    }

    #[test]
    fn a_whole_segment_path_parameter_becomes_what_write_makes_of_it() {
        let braces = |n: &str| format!("{{{{{n}}}}}");
        let known = |n: &str| ["id", "sku"].contains(&n);
        assert_eq!(
            path_params(
                "http://h:8080/users/:id/items/:sku?x=:id",
                PathParams::Segments,
                known,
                braces
            ),
            "http://h:8080/users/{{id}}/items/{{sku}}?x=:id"
        );
        assert_eq!(
            path_params(":id/x", PathParams::Segments, known, braces),
            "{{id}}/x"
        );
        // Not a whole segment, or not a parameter: as written.
        assert_eq!(
            path_params(
                "/a/:id.json/:other/x:id/::id",
                PathParams::Segments,
                known,
                braces
            ),
            "/a/:id.json/:other/x:id/::id"
        );
    }

    #[test]
    fn an_inline_path_parameter_ends_at_a_non_word_character_and_a_double_colon_is_a_colon() {
        let dollar = |n: &str| format!("${{{n}}}");
        let known = |n: &str| n == "id";
        assert_eq!(
            path_params(
                "https://h:1/u/:id.json/t::x/:other?q=:id#:id",
                PathParams::Inline,
                known,
                dollar
            ),
            "https://h:1/u/${id}.json/t:x/:other?q=:id#:id"
        );
        assert_eq!(
            path_params("/:id:id", PathParams::Inline, known, dollar),
            "/${id}${id}"
        );
    }
}
