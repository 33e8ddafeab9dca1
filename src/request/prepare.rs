//! From a request as written to a request ready to send: merge `defaults`, render every
//! template, apply the auth helper, encode the body — and keep a record of how each field
//! came to be, which is what the checklist quotes ("`{{ token }}` is empty; it comes from
//! environment `staging`").

use std::fmt;
use std::path::PathBuf;

use bytes::Bytes;

use super::body::{self, EncodedBody};
use super::options::transport_options;
use crate::collection::{Auth, Body, Collection, KeyLocation, Part, Request, RequestPath, Variables};
use crate::http::ResolvedRequest;
use crate::template::{
    EnvLookup, JsonTemplate, Origin, RenderError, Rendered, Resolution, ResponseLookup, Scope, Template,
};

/// Everything a request's templates may refer to, besides the collection itself.
pub struct Context<'a> {
    pub collection: &'a Collection,
    /// The active environment, if any.
    pub environment: Option<&'a str>,
    /// `--var name=value`: beats every variable in the file.
    pub overrides: &'a Variables,
    /// Values earlier responses of the run gave (`capture:`): after `--var`, before the file.
    pub captured: &'a Variables,
    pub env: &'a dyn EnvLookup,
    pub responses: &'a dyn ResponseLookup,
}

impl fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("collection", &self.collection.name)
            .field("environment", &self.environment)
            .finish_non_exhaustive()
    }
}

/// Which part of a request a template sits in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Url,
    Query(String),
    Header(String),
    Body,
    /// A `file:` path (body or multipart part).
    FilePath,
    Auth(AuthField),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthField {
    BearerToken,
    Username,
    Password,
    ApiKey,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Url => f.write_str("url"),
            Field::Query(name) => write!(f, "query parameter `{name}`"),
            Field::Header(name) => write!(f, "header `{name}`"),
            Field::Body => f.write_str("body"),
            Field::FilePath => f.write_str("file path"),
            Field::Auth(AuthField::BearerToken) => f.write_str("auth bearer token"),
            Field::Auth(AuthField::Username) => f.write_str("auth username"),
            Field::Auth(AuthField::Password) => f.write_str("auth password"),
            Field::Auth(AuthField::ApiKey) => f.write_str("auth api_key value"),
        }
    }
}

/// How one templated field rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldUse {
    pub field: Field,
    /// The template as written.
    pub template: String,
    pub rendered: String,
    pub uses: Vec<Resolution>,
}

/// Where a header on the resolved request came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderSource {
    Defaults,
    Request,
    /// Added by the auth helper.
    Auth,
    /// Content-Type chosen from the body kind.
    Body,
}

/// The request as written, and what rendering made of it: the "intent" side of a diagnosis.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub collection: String,
    pub path: RequestPath,
    /// The request exactly as in the file (defaults not merged).
    pub request: Request,
    /// The auth in effect after `defaults` (None for `auth: none` or no auth at all).
    pub auth: Option<Auth>,
    pub auth_from_defaults: bool,
    /// False when the auth helper added nothing because its credential rendered empty
    /// (an empty `Authorization: Bearer ` helps no one; the checklist says why it is missing).
    pub auth_applied: bool,
    pub environment: Option<String>,
    pub fields: Vec<FieldUse>,
    /// Each header of the resolved request, by position, and where it came from.
    pub header_sources: Vec<HeaderSource>,
}

impl Written {
    /// Uses of templates in the auth helper's fields.
    pub fn auth_uses(&self) -> impl Iterator<Item = &FieldUse> {
        self.fields.iter().filter(|f| matches!(f.field, Field::Auth(_)))
    }
}

/// A request ready to send, with its record.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub written: Written,
    pub request: ResolvedRequest,
}

/// Why a request could not be prepared; shown before sending, pointing at the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrepareError {
    #[error("{field}: {error}{}", only_in(defined_in))]
    Template {
        field: Field,
        template: String,
        error: RenderError,
        /// The environments that define an unknown variable, when some do: the request runs
        /// with `--env` (or an environment picked in the TUI).
        defined_in: Vec<String>,
    },
    #[error("{field}: cannot read `{}`: {message}", path.display())]
    File {
        field: Field,
        path: PathBuf,
        message: String,
    },
    #[error("collection `{collection}` has no request `{path}`{}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    NoSuchRequest {
        collection: String,
        path: String,
        suggestion: Option<String>,
    },
    #[error(
        "environment `{name}` is not defined in collection `{collection}`{}",
        suggest(available)
    )]
    UnknownEnvironment {
        name: String,
        collection: String,
        available: Vec<String>,
    },
}

fn suggest(available: &[String]) -> String {
    if available.is_empty() {
        " (it defines no environments)".to_owned()
    } else {
        format!(" (it defines {})", available.join(", "))
    }
}

impl PrepareError {
    /// The request another one waits for, when the only problem is a missing chained response.
    pub fn needed_response(&self) -> Option<&str> {
        match self {
            PrepareError::Template { error, .. } => error.needed_response(),
            _ => None,
        }
    }
}

/// The variables of environment `name` in `collection`: the one check of an environment
/// choice, for `prepare` and for commands that refuse a bad `--env` before sending anything.
pub fn environment<'c>(collection: &'c Collection, name: &str) -> Result<&'c Variables, PrepareError> {
    collection
        .environments
        .get(name)
        .ok_or_else(|| PrepareError::UnknownEnvironment {
            name: name.to_owned(),
            collection: collection.name.clone(),
            available: collection.environments.keys().cloned().collect(),
        })
}

/// Prepares the request at `path` of `ctx.collection`.
pub fn prepare(ctx: &Context<'_>, path: &RequestPath, request: &Request) -> Result<Prepared, PrepareError> {
    prepare_in(ctx, path, request).map_err(|error| error.naming_environments(ctx.collection, ctx.environment))
}

fn prepare_in(ctx: &Context<'_>, path: &RequestPath, request: &Request) -> Result<Prepared, PrepareError> {
    let collection = ctx.collection;
    let empty = Variables::new();
    let environment_vars = match ctx.environment {
        None => &empty,
        Some(name) => environment(collection, name)?,
    };
    let mut layers = vec![
        (Origin::CommandLine, ctx.overrides),
        (Origin::Captured, ctx.captured),
        (Origin::Request, &request.variables),
    ];
    if let Some(name) = ctx.environment {
        layers.push((Origin::Environment(name.to_owned()), environment_vars));
    }
    layers.push((Origin::Collection, &collection.variables));
    let scope = Scope {
        layers,
        env: ctx.env,
        responses: ctx.responses,
    };
    let mut builder = Builder {
        scope: &scope,
        fields: Vec::new(),
    };

    // URL and query: defaults' query first, a request parameter of the same name replaces it.
    let mut url = builder.render(Field::Url, &request.url)?;
    let mut query = Vec::new();
    for (name, value) in merge(&collection.defaults.query, &request.query) {
        let value = builder.render(Field::Query(name.clone()), value)?;
        query.push((name.clone(), value));
    }

    let (auth, auth_from_defaults) = match (&request.auth, &collection.defaults.auth) {
        (Some(Auth::None), _) | (None, Some(Auth::None) | None) => (None, false),
        (Some(auth), _) => (Some(auth.clone()), false),
        (None, Some(auth)) => (Some(auth.clone()), true),
    };

    let mut headers = Vec::new();
    let mut header_sources = Vec::new();
    for (name, value) in &collection.defaults.headers {
        if !request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            headers.push((name.clone(), builder.render(Field::Header(name.clone()), value)?));
            header_sources.push(HeaderSource::Defaults);
        }
    }
    for (name, value) in &request.headers {
        headers.push((name.clone(), builder.render(Field::Header(name.clone()), value)?));
        header_sources.push(HeaderSource::Request);
    }
    let has_header =
        |headers: &[(String, String)], name: &str| headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));

    let body = match &request.body {
        None => EncodedBody::empty(),
        Some(body) => builder.body(body, &collection.base_dir())?,
    };
    if let Some(content_type) = &body.content_type
        && !has_header(&headers, "content-type")
    {
        headers.push(("Content-Type".to_owned(), content_type.clone()));
        header_sources.push(HeaderSource::Body);
    }

    let mut auth_applied = false;
    match &auth {
        None | Some(Auth::None) => {}
        Some(Auth::Bearer(token)) => {
            let token = builder.render(Field::Auth(AuthField::BearerToken), token)?;
            if !token.trim().is_empty() && !has_header(&headers, "authorization") {
                auth_applied = true;
                headers.push(("Authorization".to_owned(), format!("Bearer {token}")));
                header_sources.push(HeaderSource::Auth);
            }
        }
        Some(Auth::Basic { username, password }) => {
            let user = builder.render(Field::Auth(AuthField::Username), username)?;
            let pass = builder.render(Field::Auth(AuthField::Password), password)?;
            if !(has_header(&headers, "authorization") || user.is_empty() && pass.is_empty()) {
                use base64::Engine as _;
                auth_applied = true;
                let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
                headers.push(("Authorization".to_owned(), format!("Basic {encoded}")));
                header_sources.push(HeaderSource::Auth);
            }
        }
        Some(Auth::ApiKey {
            location,
            name,
            value,
        }) => {
            let value = builder.render(Field::Auth(AuthField::ApiKey), value)?;
            if !value.trim().is_empty() {
                match location {
                    KeyLocation::Header => {
                        if !has_header(&headers, name) {
                            auth_applied = true;
                            headers.push((name.clone(), value));
                            header_sources.push(HeaderSource::Auth);
                        }
                    }
                    KeyLocation::Query => {
                        auth_applied = true;
                        query.push((name.clone(), value));
                    }
                }
            }
        }
    }

    append_query(&mut url, &query);
    let options = transport_options(request.options.or(collection.defaults.options));
    // What a redirect to another origin must not carry: what the auth helper added, and any
    // header whose value came from a secret-named variable or the environment (an
    // `X-Signature: {{ db_password }}` is a credential whatever its name).
    let credential_headers = headers
        .iter()
        .zip(&header_sources)
        .filter(|((name, _), source)| {
            matches!(source, HeaderSource::Auth)
                || builder.fields.iter().any(|f| {
                    matches!(&f.field, Field::Header(h) if h.eq_ignore_ascii_case(name))
                        && f.uses.iter().any(carries_a_credential)
                })
        })
        .map(|((name, _), _)| name.clone())
        .collect();
    Ok(Prepared {
        written: Written {
            collection: collection.name.clone(),
            path: path.clone(),
            request: request.clone(),
            auth,
            auth_from_defaults,
            auth_applied,
            environment: ctx.environment.map(str::to_owned),
            fields: builder.fields,
            header_sources,
        },
        request: ResolvedRequest {
            method: request.method.clone(),
            url,
            headers,
            body: body.bytes,
            options,
            credential_headers,
        },
    })
}

/// Whether one template use (not what it expanded to) is a credential: a secret-named
/// variable's value, or — when `environment_counts` — any value read from the environment
/// or a `.env` file, where secrets live.
pub fn is_credential(r: &crate::template::Resolution, environment_counts: bool) -> bool {
    (environment_counts && r.from_environment()) || crate::secrets::is_secret_param(r.name())
}

/// Whether a template use put a credential in, itself or in what it expanded to.
fn carries_a_credential(r: &crate::template::Resolution) -> bool {
    is_credential(r, true) || r.nested.iter().any(carries_a_credential)
}

/// `base` pairs, with any name also in `over` replaced by `over`'s value(s).
fn merge<'p>(base: &'p [(String, Template)], over: &'p [(String, Template)]) -> Vec<&'p (String, Template)> {
    base.iter()
        .filter(|(n, _)| !over.iter().any(|(o, _)| o == n))
        .chain(over.iter())
        .collect()
}

/// Appends form-encoded pairs to the URL's query, keeping what the URL already has.
fn append_query(url: &mut String, pairs: &[(String, String)]) {
    if pairs.is_empty() {
        return;
    }
    let encoded: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let (before_fragment, fragment) = match url.find('#') {
        Some(i) => (url[..i].to_owned(), url[i..].to_owned()),
        None => (url.clone(), String::new()),
    };
    let separator = if before_fragment.contains('?') {
        if before_fragment.ends_with('?') || before_fragment.ends_with('&') {
            ""
        } else {
            "&"
        }
    } else {
        "?"
    };
    *url = format!("{before_fragment}{separator}{encoded}{fragment}");
}

/// `; it is defined only in environment `prod` — choose one with --env`.
fn only_in(environments: &[String]) -> String {
    match environments {
        [] => String::new(),
        [one] => format!("; it is defined only in environment `{one}` — choose it with --env"),
        many => format!(
            "; it is defined only in environments {} — choose one with --env",
            many.iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

impl PrepareError {
    /// The same error, naming the environments that define the unknown variable it is about
    /// (other than the one in use).
    fn naming_environments(self, collection: &Collection, current: Option<&str>) -> Self {
        match self {
            PrepareError::Template {
                field,
                template,
                error: error @ RenderError::UnknownVariable { .. },
                ..
            } => {
                let RenderError::UnknownVariable { name, .. } = &error else {
                    unreachable!("matched above")
                };
                let defined_in = collection
                    .environments
                    .iter()
                    .filter(|(env, vars)| Some(env.as_str()) != current && vars.contains_key(name))
                    .map(|(env, _)| env.clone())
                    .collect();
                PrepareError::Template {
                    field,
                    template,
                    error,
                    defined_in,
                }
            }
            other => other,
        }
    }
}

struct Builder<'s, 'a> {
    scope: &'s Scope<'a>,
    fields: Vec<FieldUse>,
}

impl Builder<'_, '_> {
    fn render(&mut self, field: Field, template: &Template) -> Result<String, PrepareError> {
        let Rendered { text, uses } =
            self.scope
                .render(template)
                .map_err(|error| PrepareError::Template {
                    field: field.clone(),
                    template: template.to_string(),
                    error,
                    defined_in: Vec::new(),
                })?;
        if !uses.is_empty() {
            self.fields.push(FieldUse {
                field,
                template: template.to_string(),
                rendered: text.clone(),
                uses,
            });
        }
        Ok(text)
    }

    fn body(&mut self, body: &Body, base_dir: &std::path::Path) -> Result<EncodedBody, PrepareError> {
        match body {
            Body::Json { value, content_type } => {
                let rendered = self.json(value)?;
                Ok(body::json(&rendered, content_type.as_deref()))
            }
            Body::Text { text, content_type } => {
                let text = self.render(Field::Body, text)?;
                Ok(body::text(text, content_type.as_deref()))
            }
            Body::Form(pairs) => {
                let mut rendered = Vec::with_capacity(pairs.len());
                for (name, value) in pairs {
                    rendered.push((name.clone(), self.render(Field::Body, value)?));
                }
                Ok(body::form(&rendered))
            }
            Body::File { path, content_type } => {
                let path = base_dir.join(self.render(Field::FilePath, path)?);
                let bytes = read_file(&path)?;
                Ok(body::file(bytes, &path, content_type.as_deref()))
            }
            Body::Multipart(parts) => {
                let mut rendered = Vec::with_capacity(parts.len());
                for part in parts {
                    rendered.push(match part {
                        Part::Value { name, value } => body::PartData::Value {
                            name: name.clone(),
                            value: self.render(Field::Body, value)?,
                        },
                        Part::File {
                            name,
                            path,
                            content_type,
                        } => {
                            let path = base_dir.join(self.render(Field::FilePath, path)?);
                            body::PartData::File {
                                name: name.clone(),
                                bytes: read_file(&path)?,
                                content_type: content_type.clone(),
                                path,
                            }
                        }
                    });
                }
                Ok(body::multipart(&rendered))
            }
        }
    }

    fn json(&mut self, value: &JsonTemplate) -> Result<serde_json::Value, PrepareError> {
        value.render(|template| self.render(Field::Body, template))
    }
}

fn read_file(path: &std::path::Path) -> Result<Bytes, PrepareError> {
    std::fs::read(path)
        .map(Bytes::from)
        .map_err(|e| PrepareError::File {
            field: Field::FilePath,
            path: path.to_path_buf(),
            message: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_is_appended_with_the_right_separator() {
        let mut url = "http://x/a".to_owned();
        append_query(
            &mut url,
            &[("page".into(), "1".into()), ("q".into(), "a b&c".into())],
        );
        assert_eq!(url, "http://x/a?page=1&q=a+b%26c");
        let mut url = "http://x/a?z=1#frag".to_owned();
        append_query(&mut url, &[("page".into(), "2".into())]);
        assert_eq!(url, "http://x/a?z=1&page=2#frag");
    }

    #[test]
    fn request_pairs_replace_default_pairs_of_the_same_name() {
        let pair = |name: &str, value: &str| (name.to_owned(), Template::parse(value).unwrap());
        let base = vec![pair("a", "1"), pair("b", "1")];
        let over = vec![pair("b", "2"), pair("b", "3")];
        assert_eq!(
            merge(&base, &over),
            vec![&pair("a", "1"), &pair("b", "2"), &pair("b", "3")]
        );
    }
}
