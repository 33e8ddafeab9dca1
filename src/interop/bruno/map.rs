//! What a Bruno request becomes in apibench, with the collection and folders above it: its
//! method, URL (`:id` a request variable, the query as rows), headers (the collection's and
//! folders' first, its own winning), body by mode, auth (`inherit` is the nearest folder's,
//! then the collection's), variables (its own, then its folders'). Bruno's `{{var}}` becomes
//! `{{ var }}` and `{{process.env.X}}` `{{ env.X }}`; what cannot run here (scripts, tests,
//! asserts, post-response variables) becomes comment lines.

use crate::collection::{Auth, Body, KeyLocation, Part, Request};
use crate::interop::body::{PathParams, path_params, template, template_source};
use crate::template::Template;

use super::source;

/// `text` with Bruno's templates made apibench's.
pub fn t(text: &str, at: &str, unmapped: &mut Vec<String>) -> Template {
    template(&process_env(text), at, unmapped)
}

/// The template source of a variable's value.
pub fn variable(text: &str, at: &str, unmapped: &mut Vec<String>) -> String {
    template_source(&process_env(text), at, unmapped)
}

/// `{{process.env.X}}` (the process environment, or the collection's `.env` file) in the
/// spelling `template_source` reads as `{{ env.X }}`.
fn process_env(text: &str) -> String {
    text.replace("{{process.env.", "{{$env.")
        .replace("{{ process.env.", "{{ $env.")
}

/// The request, and the comments kept beside it. `scopes` are the collection's root, then
/// each folder above it, outermost first.
pub fn request(
    src: &source::Request,
    name: &str,
    scopes: &[&source::Common],
    at: &str,
    unmapped: &mut Vec<String>,
) -> (Request, Vec<String>) {
    let mut url = src.url.clone();
    if src.query.is_some()
        && let Some(cut) = url.find('?')
    {
        // The rows are the query (disabled ones too, which the URL leaves out).
        url.truncate(cut);
    }
    let path: Vec<&source::Row> = src.path.iter().filter(|r| r.enabled).collect();
    if !path.is_empty() {
        url = path_variables(&url, &path);
    }
    let mut request = Request::new(name, t(&url, at, unmapped));
    request.method = if src.method.is_empty() {
        "GET".to_owned()
    } else {
        src.method.clone()
    };
    request.description.clone_from(&src.common.docs);
    for row in path {
        request
            .variables
            .insert(row.name.clone(), t(&row.value, at, unmapped));
    }
    request.query = enabled(src.query.iter().flatten())
        .map(|r| (r.name.clone(), t(&r.value, at, unmapped)))
        .collect();
    // The request's own variables, then its folders' (the collection's are the collection's).
    for scope in std::iter::once(&src.common).chain(scopes.iter().skip(1).rev().copied()) {
        for row in enabled(&scope.vars) {
            if !request.variables.contains_key(&row.name) {
                let value = t(&row.value, at, unmapped);
                request.variables.insert(row.name.clone(), value);
            }
        }
    }
    let mut content_type = None;
    for (name, value) in headers(scopes, &src.common) {
        // A templated type stays a header: a body's content type is plain text.
        if name.eq_ignore_ascii_case("content-type") && !value.contains("{{") {
            content_type = Some(value.to_owned());
        } else {
            request.headers.push((name.to_owned(), t(value, at, unmapped)));
        }
    }
    request.body = body(&src.body, content_type.clone(), at, unmapped);
    if request.body.is_none()
        && let Some(content_type) = content_type
    {
        request
            .headers
            .push(("Content-Type".to_owned(), Template::literal(&content_type)));
    }
    request.auth = resolved_auth(src, scopes).and_then(|(auth, around)| match auth.mode.as_str() {
        // Left out unless it turns off an auth the collection has.
        "none" if !around => None,
        _ => auth_of(auth, at, unmapped),
    });
    let mut off = switched_off_rows("header", &src.common.headers);
    off.extend(switched_off_rows("query", src.query.iter().flatten()));
    match &src.body {
        source::Body::Form(rows) => off.extend(switched_off_rows("form field", rows)),
        source::Body::Multipart(parts) => off.extend(
            parts
                .iter()
                .filter(|p| !p.enabled)
                .map(|p| format!("form field {}", p.name)),
        ),
        _ => {}
    }
    say_switched_off(at, &off, unmapped);
    (request, comments(&src.common, ""))
}

/// `header X-Debug` for each switched-off row (`~X-Debug` in `.bru`, `disabled: true` in YAML)
/// of `rows`, which are `kind` rows.
pub fn switched_off_rows<'a>(kind: &str, rows: impl IntoIterator<Item = &'a source::Row>) -> Vec<String> {
    rows.into_iter()
        .filter(|r| !r.enabled)
        .map(|r| format!("{kind} {}", r.name))
        .collect()
}

/// One line for `at` naming the switched-off rows `off`, which are left out.
pub fn say_switched_off(at: &str, off: &[String], unmapped: &mut Vec<String>) {
    if !off.is_empty() {
        unmapped.push(format!("{at}: switched-off rows left out: {}", off.join(", ")));
    }
}

/// `:id` path segments as `{{id}}`.
fn path_variables(url: &str, path: &[&source::Row]) -> String {
    path_params(
        url,
        PathParams::Segments,
        |name| path.iter().any(|r| r.name == name),
        |name| format!("{{{{{name}}}}}"),
    )
}

/// The enabled headers of the collection, its folders and the request, a later one of the
/// same name replacing an earlier one in its place.
fn headers<'a>(scopes: &[&'a source::Common], own: &'a source::Common) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for scope in scopes.iter().copied().chain([own]) {
        for row in enabled(&scope.headers) {
            match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(&row.name)) {
                Some(header) => *header = (&row.name, &row.value),
                None => out.push((&row.name, &row.value)),
            }
        }
    }
    out
}

/// The auth the request sends (`inherit`: the nearest folder's that says one, else the
/// collection's), and whether the collection or a folder above has one.
fn resolved_auth<'a>(
    src: &'a source::Request,
    scopes: &[&'a source::Common],
) -> Option<(&'a source::Auth, bool)> {
    let says = |auth: &&source::Auth| auth.mode != "inherit";
    let around = scopes
        .iter()
        .filter_map(|s| s.auth.as_ref())
        .any(|a| a.mode != "inherit" && a.mode != "none");
    let own = src.common.auth.as_ref()?;
    let auth = if own.mode == "inherit" {
        scopes.iter().rev().find_map(|s| s.auth.as_ref().filter(says))?
    } else {
        own
    };
    Some((auth, around))
}

fn auth_of(auth: &source::Auth, at: &str, unmapped: &mut Vec<String>) -> Option<Auth> {
    let mut t = |field: &str| t(auth.field(field), at, unmapped);
    match auth.mode.as_str() {
        "none" => Some(Auth::None),
        "bearer" => Some(Auth::Bearer(t("token"))),
        "basic" => Some(Auth::Basic {
            username: t("username"),
            password: t("password"),
        }),
        "apikey" => Some(Auth::ApiKey {
            location: if auth.field("placement") == "queryparams" {
                KeyLocation::Query
            } else {
                KeyLocation::Header
            },
            name: match auth.field("key") {
                "" => "X-API-Key".to_owned(),
                key => key.to_owned(),
            },
            value: t("value"),
        }),
        other => {
            unmapped.push(format!(
                "{at}: {other} auth is not one apibench has (bearer, basic, api key)"
            ));
            None
        }
    }
}

fn body(
    src: &source::Body,
    content_type: Option<String>,
    at: &str,
    unmapped: &mut Vec<String>,
) -> Option<Body> {
    match src {
        source::Body::None => None,
        source::Body::Raw {
            text,
            content_type: sent,
        } => {
            if text.trim().is_empty() {
                return None;
            }
            let content_type = content_type.unwrap_or_else(|| (*sent).to_owned());
            Some(if text.contains("{{") {
                Body::Text {
                    text: t(text, at, unmapped),
                    content_type: Some(content_type),
                }
            } else {
                crate::interop::body::of(text, Some(&content_type), "text/plain")
            })
        }
        source::Body::Form(rows) => Some(Body::Form(
            enabled(rows)
                .map(|r| (r.name.clone(), t(&r.value, at, unmapped)))
                .collect(),
        )),
        source::Body::Multipart(parts) => Some(Body::Multipart(
            parts
                .iter()
                .filter(|p| p.enabled)
                .flat_map(|p| match &p.value {
                    source::PartValue::Text(value) => vec![Part::Value {
                        name: p.name.clone(),
                        value: t(value, at, unmapped),
                    }],
                    source::PartValue::Files(paths) => paths
                        .iter()
                        .map(|path| Part::File {
                            name: p.name.clone(),
                            path: Template::literal(path),
                            content_type: p.content_type.clone(),
                        })
                        .collect(),
                })
                .collect(),
        )),
        source::Body::GraphQl { query, variables } => {
            Some(graphql(query, variables, content_type, at, unmapped))
        }
        source::Body::File(files) => {
            let Some(file) = files.iter().find(|f| f.selected) else {
                unmapped.push(format!("{at}: its file body has no file selected; left out"));
                return None;
            };
            Some(Body::File {
                path: Template::literal(&file.path),
                content_type: content_type.or_else(|| file.content_type.clone()),
            })
        }
        source::Body::Other(mode) => {
            unmapped.push(format!("{at}: a body of mode {mode} is not read"));
            None
        }
    }
}

/// Sent as JSON `{query, variables}`, as Bruno sends it. Variables that are not JSON as
/// written (`{"id": {{id}}}`) go into the text as they are.
fn graphql(
    query: &str,
    variables: &str,
    content_type: Option<String>,
    at: &str,
    unmapped: &mut Vec<String>,
) -> Body {
    let content_type = content_type.unwrap_or_else(|| "application/json".to_owned());
    let parsed = match variables.trim() {
        "" => Some(serde_json::Value::Null),
        vars => serde_json::from_str::<serde_json::Value>(vars).ok(),
    };
    let text = match parsed {
        Some(vars) => serde_json::json!({ "query": query, "variables": vars }).to_string(),
        None => format!(
            "{{\"query\":{},\"variables\":{}}}",
            serde_json::Value::from(query),
            variables.trim()
        ),
    };
    if text.contains("{{") {
        Body::Text {
            text: t(&text, at, unmapped),
            content_type: Some(content_type),
        }
    } else {
        crate::interop::body::of(&text, Some(&content_type), "application/json")
    }
}

/// What `common` holds that cannot run here, as comment lines; `whose` says where it comes
/// from (`folder Admin `, or empty for the request's own).
pub fn comments(common: &source::Common, whose: &str) -> Vec<String> {
    let mut out = Vec::new();
    for script in &common.scripts {
        out.push(format!("bruno {whose}{} (not run by apibench):", script.kind));
        out.extend(script.code.lines().map(|l| format!("  {l}")));
    }
    for (rows, what) in [
        (&common.asserts, "assert (not checked by apibench)"),
        (&common.post_vars, "post-response vars (not set by apibench)"),
    ] {
        let rows: Vec<&source::Row> = enabled(rows).collect();
        if !rows.is_empty() {
            out.push(format!("bruno {whose}{what}:"));
            out.extend(rows.iter().map(|r| format!("  {}: {}", r.name, r.value)));
        }
    }
    out
}

/// What `common` holds that cannot run here, in a few words (`a pre-request script, tests`).
pub fn cannot_run(common: &source::Common) -> Option<String> {
    let mut what: Vec<String> = common.scripts.iter().map(|s| s.kind.to_owned()).collect();
    if common.asserts.iter().any(|r| r.enabled) {
        what.push("asserts".to_owned());
    }
    if common.post_vars.iter().any(|r| r.enabled) {
        what.push("post-response vars".to_owned());
    }
    (!what.is_empty()).then(|| what.join(", "))
}

fn enabled<'a>(rows: impl IntoIterator<Item = &'a source::Row>) -> impl Iterator<Item = &'a source::Row> {
    rows.into_iter().filter(|r| r.enabled)
}
