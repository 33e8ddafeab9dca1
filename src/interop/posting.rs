//! Posting collections (<https://posting.sh>) read into requests. A Posting collection is a
//! directory: each request a `NAME.posting.yaml` file, each subdirectory a folder, shown
//! (and imported) in Posting's order: a folder's requests by method then name, then its
//! subfolders by name. Each request's method, URL (with its `:name` path parameters as the
//! request's variables), query parameters, headers, body (text and JSON, URL-encoded form),
//! auth (basic, bearer) and options (redirects, TLS verification, timeout) come across;
//! disabled rows are left out, and listed. Posting's `$name` and `${name}` are `{{ name }}`
//! (`$$` is a literal `$`, as Python's `string.Template`, which Posting substitutes with,
//! reads it).
//!
//! Variables come from the `.env` files of the directory, read with `dotenvy` as apibench
//! reads a `.env`: `.env` and `posting.env` (the one Posting loads by itself) are the
//! collection's variables, any other `NAME.env` the environment NAME. In them `${X}` is
//! python-dotenv's interpolation: `{{ X }}` when the file sets X above, else `{{ env.X }}`.
//! A variable whose name says it is a secret (`TOKEN`, `API_KEY`) is left empty, and said:
//! the collection is meant to be shared, a `.env` is not.
//! Scripts cannot run here: each is listed and named in a comment beside its request; digest
//! auth, a proxy and cookies switched off are listed too. Each file is read with serde into
//! the part of the format this needs; an error names the file (and the line and column).

mod dotenv;
mod text;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Deserializer};

use self::text::{literal, strays, template, url_with_path_params};
use crate::collection::{Auth, Body, Request};
use crate::interop::body::{request_name, unique_name};
use crate::interop::{Imported, Placed};
use crate::template::Template;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostingError {
    #[error("{}: {message}", path.display())]
    Read { path: PathBuf, message: String },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Yaml {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: {message}", path.display())]
    NotPosting { path: PathBuf, message: String },
    #[error("{}:{line}: {message}", path.display())]
    DotEnv {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// A `*.posting.yaml` file: Posting's `RequestModel` (src/posting/collection.py).
#[derive(Deserialize, Default)]
#[serde(default)]
struct RequestFile {
    name: Text,
    description: Text,
    method: Text,
    url: Text,
    body: Option<PostingBody>,
    auth: Option<PostingAuth>,
    headers: Vec<Row>,
    params: Vec<Row>,
    path_params: Vec<Row>,
    scripts: Scripts,
    options: Options,
}

#[derive(Deserialize)]
struct Row {
    name: Text,
    #[serde(default)]
    value: Text,
    #[serde(default = "enabled")]
    enabled: bool,
}

fn enabled() -> bool {
    true
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PostingBody {
    content: Option<Text>,
    form_data: Option<Vec<Row>>,
    content_type: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PostingAuth {
    #[serde(rename = "type")]
    kind: Option<String>,
    basic: Option<Credentials>,
    bearer_token: Option<Token>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Credentials {
    username: Text,
    password: Text,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Token {
    token: Text,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Scripts {
    setup: Option<String>,
    on_request: Option<String>,
    on_response: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Options {
    follow_redirects: Option<bool>,
    verify_ssl: Option<bool>,
    attach_cookies: Option<bool>,
    proxy_url: Option<Text>,
    timeout: Option<f64>,
}

/// A YAML scalar as text, whatever YAML made of it (`value: 123`, `enabled: yes`).
#[derive(Default)]
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<Text, E> {
                Ok(Text(String::new()))
            }
            fn visit_none<E>(self) -> Result<Text, E> {
                Ok(Text(String::new()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Reads the Posting collection in `dir`.
pub fn import(dir: &Path) -> Result<Imported, PostingError> {
    if !dir.is_dir() {
        return Err(PostingError::Read {
            path: dir.to_path_buf(),
            message: "not a directory (a Posting collection is one)".to_owned(),
        });
    }
    let mut imported = Imported::default();
    for path in entries(dir)?.0 {
        let file = file_name(&path);
        let Some(stem) = file.strip_suffix(".env") else {
            continue;
        };
        let text = std::fs::read_to_string(&path).map_err(|e| PostingError::Read {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let mut variables =
            dotenv::variables(&text, &file, &mut imported.unmapped).map_err(|bad| PostingError::DotEnv {
                path: path.clone(),
                line: bad.line,
                message: bad.message,
            })?;
        withhold_secrets(&mut variables, &file, &mut imported.unmapped);
        if matches!(stem, "" | "posting") {
            for (name, value) in variables {
                imported.variables.retain(|(n, _)| *n != name);
                imported.variables.push((name, value));
            }
        } else {
            imported.environments.push((stem.replace('/', " "), variables));
        }
    }
    walk(dir, &[], &mut imported)?;
    if imported.requests.is_empty() {
        imported
            .unmapped
            .push(format!("no *.posting.yaml file in {}", dir.display()));
    }
    Ok(imported)
}

/// Empties each variable of `variables` (from the `.env` file `file`) whose name says it holds
/// a secret (`TOKEN`, `API_KEY`, `PASSWORD`…), and names them in one line: the collection is a
/// file meant to be shared, a `.env` is not. A value that only refers to other variables
/// (`${DEV_API_KEY}`) holds no secret and is kept.
fn withhold_secrets(variables: &mut [(String, String)], file: &str, unmapped: &mut Vec<String>) {
    use crate::template::{Expr, Segment};
    let only_references = |source: &str| {
        Template::parse(source).is_ok_and(|t| {
            t.parts().iter().all(|p| {
                matches!(
                    p,
                    Segment::Expr {
                        expr: Expr::Var(_) | Expr::Env(_),
                        ..
                    }
                )
            })
        })
    };
    let mut withheld = Vec::new();
    for (name, value) in variables.iter_mut() {
        if (crate::secrets::is_secret_param(name) || crate::secrets::is_secret_header(name))
            && !only_references(value)
        {
            value.clear();
            withheld.push(name.clone());
        }
    }
    let (what, them) = match withheld.len() {
        0 => return,
        1 => ("a secret", "it"),
        _ => ("secrets", "them"),
    };
    unmapped.push(format!(
        "{}: {what} in {file}; not copied into the collection — set {them} in an environment or apibench's .env",
        withheld.join(", ")
    ));
}

/// The files and the subdirectories of `dir`, each by name.
fn entries(dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>), PostingError> {
    let read_error = |e: std::io::Error| PostingError::Read {
        path: dir.to_path_buf(),
        message: e.to_string(),
    };
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        // A symbolic link to a directory is not followed (it could lead back up).
        let kind = entry.file_type().map_err(read_error)?;
        if kind.is_dir() {
            dirs.push(entry.path());
        } else if entry.path().is_file() {
            files.push(entry.path());
        }
    }
    files.sort();
    dirs.sort();
    Ok((files, dirs))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The requests of `dir` (by method, then name, as Posting's tree has them), then those of
/// its subdirectories.
fn walk(dir: &Path, folder: &[String], imported: &mut Imported) -> Result<(), PostingError> {
    let (files, dirs) = entries(dir)?;
    let mut requests = Vec::new();
    for path in files {
        let Some(stem) = file_name(&path).strip_suffix(".posting.yaml").map(str::to_owned) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).map_err(|e| PostingError::Read {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let file: RequestFile = serde_yaml::from_str(&text).map_err(|e| yaml_error(&path, &e))?;
        requests.push((stem, file));
    }
    let rank = |method: &str| {
        let method = if method.is_empty() { "GET" } else { method };
        ["GET", "POST", "PUT", "PATCH", "DELETE"]
            .iter()
            .position(|m| m.eq_ignore_ascii_case(method))
            .unwrap_or(5)
    };
    requests.sort_by(|(_, a), (_, b)| {
        rank(&a.method.0)
            .cmp(&rank(&b.method.0))
            .then_with(|| a.name.0.cmp(&b.name.0))
    });
    let mut names: Vec<String> = Vec::new();
    for (stem, file) in requests {
        let own = [file.name.0.as_str(), stem.as_str()]
            .into_iter()
            .find(|n| !n.trim().is_empty())
            .map_or_else(|| request_name(&file.url.0), |n| n.replace('/', " "));
        let name = unique_name(&own, |n| names.iter().any(|t| t == n));
        names.push(name.clone());
        let at = if folder.is_empty() {
            name.clone()
        } else {
            format!("{}/{name}", folder.join("/"))
        };
        let (request, comments) = request_of(name, &file, &at, &mut imported.unmapped);
        imported.requests.push(Placed {
            folder: folder.to_vec(),
            request,
            comments,
        });
    }
    for sub in dirs {
        let mut path = folder.to_vec();
        path.push(file_name(&sub).replace('/', " "));
        walk(&sub, &path, imported)?;
    }
    Ok(())
}

fn yaml_error(path: &Path, error: &serde_yaml::Error) -> PostingError {
    let message = error.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
    match error.location() {
        Some(at) => PostingError::Yaml {
            path: path.to_path_buf(),
            line: at.line(),
            column: at.column(),
            message,
        },
        None => PostingError::NotPosting {
            path: path.to_path_buf(),
            message,
        },
    }
}

fn request_of(
    name: String,
    file: &RequestFile,
    at: &str,
    unmapped: &mut Vec<String>,
) -> (Request, Vec<String>) {
    let names: Vec<&str> = file.path_params.iter().map(|p| p.name.0.as_str()).collect();
    let url = url_with_path_params(&file.url.0, &names);
    let mut request = Request::new(name, template(&url, at, unmapped));
    request.method = if file.method.0.is_empty() {
        "GET".to_owned()
    } else {
        file.method.0.to_ascii_uppercase()
    };
    request.description = Some(file.description.0.clone()).filter(|d| !d.trim().is_empty());
    for param in &file.path_params {
        request
            .variables
            .insert(param.name.0.clone(), template(&param.value.0, at, unmapped));
    }
    request.query = rows(&file.params, at, unmapped);
    let body = file.body.as_ref();
    let content = body
        .and_then(|b| b.content.as_ref())
        .map(|c| c.0.as_str())
        .filter(|c| !c.is_empty());
    let form: Vec<&Row> = body
        .and_then(|b| b.form_data.as_ref())
        .into_iter()
        .flatten()
        .filter(|r| r.enabled)
        .collect();
    // A text body takes the Content-Type header (or the type Posting noted) as its own.
    let mut content_type = body.and_then(|b| b.content_type.clone());
    let mut headers = Vec::new();
    for header in file.headers.iter().filter(|h| h.enabled) {
        if content.is_some()
            && form.is_empty()
            && header.name.0.eq_ignore_ascii_case("content-type")
            && !header.value.0.contains('$')
        {
            content_type = Some(header.value.0.clone());
        } else {
            headers.push(header);
        }
    }
    request.headers = headers
        .into_iter()
        .map(|h| {
            (
                name_of(&h.name.0, at, unmapped),
                template(&h.value.0, at, unmapped),
            )
        })
        .collect();
    if !form.is_empty() && content.is_some() {
        unmapped.push(format!(
            "{at}: it has both a text body and form data; the form is kept"
        ));
    }
    request.body = if form.is_empty() {
        content.map(|content| match literal(content) {
            Some(text) => {
                strays(content, at, unmapped);
                crate::interop::body::of(&text, content_type.as_deref(), "text/plain")
            }
            None => Body::Text {
                text: template(content, at, unmapped),
                content_type,
            },
        })
    } else {
        let rows = form.iter().map(|r| {
            (
                name_of(&r.name.0, at, unmapped),
                template(&r.value.0, at, unmapped),
            )
        });
        Some(Body::Form(rows.collect()))
    };
    request.auth = file.auth.as_ref().and_then(|a| auth_of(a, at, unmapped));
    let options = &file.options;
    if options.follow_redirects == Some(false) {
        request.options.follow_redirects = Some(false);
    }
    if options.verify_ssl == Some(false) {
        request.options.insecure_tls = Some(true);
    }
    request.options.timeout = options
        .timeout
        .filter(|t| t.is_finite() && *t > 0.0)
        .map(Duration::from_secs_f64);
    if options.attach_cookies == Some(false) {
        unmapped.push(format!(
            "{at}: `attach_cookies: false` is not kept (apibench keeps cookies per collection, with `cookies: true`)"
        ));
    }
    if let Some(proxy) = options.proxy_url.as_ref().filter(|p| !p.0.is_empty()) {
        unmapped.push(format!(
            "{at}: the proxy {} is not kept (apibench has no proxy option)",
            proxy.0
        ));
    }
    let off: Vec<String> = [
        ("header", &file.headers),
        ("query", &file.params),
        (
            "form field",
            body.and_then(|b| b.form_data.as_ref()).unwrap_or(&Vec::new()),
        ),
    ]
    .iter()
    .flat_map(|(kind, rows)| {
        rows.iter()
            .filter(|r| !r.enabled)
            .map(move |r| format!("{kind} {}", r.name.0))
    })
    .collect();
    if !off.is_empty() {
        unmapped.push(format!("{at}: switched-off rows left out: {}", off.join(", ")));
    }
    (request, scripts(&file.scripts, at, unmapped))
}

/// Enabled rows, names as written and values as templates.
fn rows(rows: &[Row], at: &str, unmapped: &mut Vec<String>) -> Vec<(String, Template)> {
    rows.iter()
        .filter(|r| r.enabled)
        .map(|r| {
            (
                name_of(&r.name.0, at, unmapped),
                template(&r.value.0, at, unmapped),
            )
        })
        .collect()
}

/// A header, parameter or field name: Posting substitutes variables there, apibench does not.
fn name_of(name: &str, at: &str, unmapped: &mut Vec<String>) -> String {
    if text::pieces(name)
        .iter()
        .any(|p| matches!(p, text::Piece::Var(_)))
    {
        unmapped.push(format!(
            "{at}: the name `{name}` holds a variable; names are not templates here, kept as written"
        ));
    }
    name.to_owned()
}

fn auth_of(auth: &PostingAuth, at: &str, unmapped: &mut Vec<String>) -> Option<Auth> {
    match auth.kind.as_deref()? {
        "basic" => {
            let basic = auth.basic.as_ref();
            let field = |f: fn(&Credentials) -> &Text| basic.map(|b| f(b).0.clone()).unwrap_or_default();
            let username = field(|c| &c.username);
            let password = field(|c| &c.password);
            Some(Auth::Basic {
                username: template(&username, at, unmapped),
                password: template(&password, at, unmapped),
            })
        }
        "bearer_token" => {
            let token = auth
                .bearer_token
                .as_ref()
                .map(|t| t.token.0.clone())
                .unwrap_or_default();
            Some(Auth::Bearer(template(&token, at, unmapped)))
        }
        other => {
            unmapped.push(format!(
                "{at}: {other} auth is not one apibench has (bearer, basic, api key)"
            ));
            None
        }
    }
}

/// Each script as a comment naming it; said once per request.
fn scripts(scripts: &Scripts, at: &str, unmapped: &mut Vec<String>) -> Vec<String> {
    let all = [
        ("setup", &scripts.setup),
        ("on_request", &scripts.on_request),
        ("on_response", &scripts.on_response),
    ];
    let comments: Vec<String> = all
        .iter()
        .filter_map(|(stage, path)| {
            let path = path.as_deref().filter(|p| !p.trim().is_empty())?;
            Some(format!("posting {stage} script (not run by apibench): {path}"))
        })
        .collect();
    if !comments.is_empty() {
        unmapped.push(format!(
            "{at}: its scripts cannot run here; they are named beside it as comments"
        ));
    }
    comments
}

#[cfg(test)]
mod tests;
