//! The second pass: the raw shape serde read, checked and converted into the model. Every
//! problem is kept with the YAML path that locates it, so one pass reports them all.

use std::path::Path;

use indexmap::IndexMap;

use super::super::model::{
    Auth, Body, Collection, Defaults, Folder, Item, Pairs, Part, Request, RequestOptions, Variables,
};
use super::super::raw::{OneOrMany, PairList, RawAuth, RawBody, RawCollection, RawDefaults, RawItem, Scalar};
use super::super::source_map::{Seg, Target, YamlPath};
use crate::template::{JsonStep, JsonTemplate, SyntaxError, Template};

/// A problem found after deserializing, with the YAML path that locates it.
pub(super) struct Problem {
    pub(super) path: YamlPath,
    pub(super) target: Target,
    /// When pointing inside a scalar: its text and the byte offset within it.
    pub(super) inner: Option<String>,
    pub(super) offset: usize,
    pub(super) message: String,
}

#[derive(Default)]
pub(super) struct Converter {
    pub(super) problems: Vec<Problem>,
    /// The collection file's folder: where `body_schema` files are read from.
    pub(super) base_dir: std::path::PathBuf,
}

impl Converter {
    /// A converter for a file at `source`: `body_schema` files are read beside it.
    pub(super) fn in_folder_of(source: &Path) -> Self {
        Self {
            problems: Vec::new(),
            base_dir: source.parent().map(Path::to_path_buf).unwrap_or_default(),
        }
    }

    pub(super) fn problem(&mut self, path: YamlPath, target: Target, message: impl Into<String>) {
        self.problems.push(Problem {
            path,
            target,
            inner: None,
            offset: 0,
            message: message.into(),
        });
    }

    /// Parses a template; the error points inside the scalar at the bad `{{`. A bad template
    /// is a problem, so the empty one returned in its place never reaches a collection.
    ///
    /// Where it is (`path`) is only worked out for a problem: a long file's templates are
    /// nearly all fine, and building each one's path was a good part of a load.
    fn template(&mut self, text: String, path: impl FnOnce() -> YamlPath) -> Template {
        match Template::parse_owned(text) {
            Ok(template) => template,
            Err((e, text)) => {
                self.bad_template(path(), text, &e);
                Template::default()
            }
        }
    }

    fn bad_template(&mut self, path: YamlPath, text: String, error: &SyntaxError) {
        self.problems.push(Problem {
            path,
            target: Target::Value,
            offset: error.span.start,
            inner: Some(text),
            message: format!("bad template: {}", error.message),
        });
    }

    /// Keys serde skipped: `x-` extensions are kept silently; anything else is a typo or a
    /// field of another kind, reported at the key with the names that were possible there.
    pub(super) fn unknown_keys(&mut self, ignored: &[String]) {
        for dotted in ignored {
            let path = YamlPath(
                dotted
                    .split('.')
                    // `?` marks a hand-written visitor's inner map (auth); it is the same place.
                    .filter(|seg| *seg != "?")
                    .map(|seg| {
                        seg.parse::<usize>()
                            .map_or_else(|_| Seg::Key(seg.to_owned()), Seg::Index)
                    })
                    .collect(),
            );
            let Some((Seg::Key(key), parent)) = path.0.split_last() else {
                continue;
            };
            if key.starts_with("x-") {
                continue;
            }
            let parent = YamlPath(parent.to_vec());
            let expected = fields_at(&parent);
            let names = expected
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let guess = crate::suggest::closest(key, expected.iter().copied());
            let prefix = if parent.0.is_empty() {
                String::new()
            } else {
                format!("{parent}: ")
            };
            let message = match guess.first() {
                Some(best) => {
                    format!("{prefix}unknown field `{key}`: did you mean `{best}`? (expected one of {names})")
                }
                None => format!(
                    "{prefix}unknown field `{key}` (expected one of {names}, or an `x-` extension key)"
                ),
            };
            self.problem(path.clone(), Target::Key, message);
        }
    }

    pub(super) fn collection(&mut self, raw: RawCollection, source: &Path) -> Collection {
        let root = YamlPath::default();
        self.base_dir = source.parent().map(Path::to_path_buf).unwrap_or_default();
        if let Some(version) = raw.version
            && version != 1
        {
            self.problem(
                root.key("version"),
                Target::Value,
                format!(
                    "collection format version {version} is not supported; this apibench reads version 1"
                ),
            );
        }
        let name = raw.name.map_or_else(
            || {
                source
                    .file_stem()
                    .map_or_else(|| "collection".to_owned(), |s| s.to_string_lossy().into_owned())
            },
            |n| n.0,
        );
        let variables = self.variables(raw.variables, || root.key("variables"));
        let mut environments = IndexMap::new();
        for (env_name, vars) in raw.environments {
            let path = root.key("environments").key(&env_name);
            let vars = self.variables(vars.unwrap_or_default(), || path.clone());
            environments.insert(env_name, vars);
        }
        let defaults = self.defaults(raw.defaults.unwrap_or_default(), &root.key("defaults"));
        let items = self.items(raw.requests, &root.key("requests"));
        Collection {
            name,
            description: raw.description,
            source: source.to_path_buf(),
            variables,
            environments,
            defaults,
            cookies: raw.cookies,
            openapi: raw.openapi,
            items,
            lookup: crate::collection::model::RequestIndex::default(),
        }
    }

    fn variables(&mut self, raw: IndexMap<String, Scalar>, path: impl Fn() -> YamlPath) -> Variables {
        raw.into_iter()
            .map(|(name, value)| {
                let value = self.template(value.0, || path().key(&name));
                (name, value)
            })
            .collect()
    }

    fn pairs(&mut self, raw: Option<PairList>, path: impl Fn() -> YamlPath) -> Pairs {
        let PairList {
            pairs,
            written_as_list,
        } = raw.unwrap_or_default();
        pairs
            .into_iter()
            .enumerate()
            .map(|(i, (name, value))| {
                // A map entry is found by its key; a `{name, value}` list entry by its index.
                let at = || {
                    if written_as_list {
                        path().index(i).key("value")
                    } else {
                        path().key(&name)
                    }
                };
                let value = self.template(value, at);
                (name, value)
            })
            .collect()
    }

    fn defaults(&mut self, raw: RawDefaults, path: &YamlPath) -> Defaults {
        Defaults {
            headers: self.pairs(raw.headers, || path.key("headers")),
            query: self.pairs(raw.query, || path.key("query")),
            auth: raw.auth.map(|a| self.auth(a, &path.key("auth"))),
            options: RequestOptions {
                timeout: raw.timeout.map(|d| d.0),
                connect_timeout: raw.connect_timeout.map(|d| d.0),
                follow_redirects: raw.follow_redirects,
                insecure_tls: raw.insecure_tls,
                max_body: raw.max_body.map(|s| s.0),
                idempotent: raw.idempotent,
                max_age: raw.max_age.map(|d| d.0),
            },
        }
    }

    fn items(&mut self, raw: Vec<RawItem>, path: &YamlPath) -> Vec<Item> {
        let mut items = Vec::with_capacity(raw.len());
        // Hashed: a list of 50,000 requests is checked in linear time, not 50,000² compares.
        let mut seen_requests: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut seen_folders: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (i, raw_item) in raw.into_iter().enumerate() {
            let item_path = path.index(i);
            let Some(item) = self.item(raw_item, &item_path) else {
                continue;
            };
            let (seen, kind, key) = match &item {
                Item::Request(r) => (&mut seen_requests, "request", (r.name.clone(), "name")),
                Item::Folder(f) => (&mut seen_folders, "folder", (f.name.clone(), "folder")),
            };
            if seen.contains(&key.0) {
                self.problem(
                    item_path.key(key.1),
                    Target::Value,
                    format!("duplicate {kind} name `{}` in this folder; names must be unique so `run --request` can find them", key.0),
                );
            } else {
                seen.insert(key.0);
            }
            items.push(item);
        }
        items
    }

    pub(super) fn item(&mut self, mut raw: RawItem, path: &YamlPath) -> Option<Item> {
        match (raw.name.take(), raw.folder.take()) {
            (Some(_), Some(_)) => {
                self.problem(
                    path.key("folder"),
                    Target::Key,
                    "an entry has both `name` and `folder`; a request has `name`, a folder has `folder`",
                );
                None
            }
            (None, None) => {
                self.problem(
                    path.clone(),
                    Target::Value,
                    "this entry has neither `name` (a request) nor `folder` (a folder of requests)",
                );
                None
            }
            (None, Some(folder)) => Some(Item::Folder(self.folder(raw, folder.0, path))),
            (Some(name), None) => Some(Item::Request(Box::new(self.request(raw, name.0, path)))),
        }
    }

    fn folder(&mut self, raw: RawItem, name: String, path: &YamlPath) -> Folder {
        let request_only = [
            ("method", raw.method.is_some()),
            ("url", raw.url.is_some()),
            ("query", raw.query.is_some()),
            ("headers", raw.headers.is_some()),
            ("body", raw.body.is_some()),
            ("auth", raw.auth.is_some()),
            ("expect", raw.expect.is_some()),
            ("capture", raw.capture.is_some()),
            ("variables", raw.variables.is_some()),
            ("timeout", raw.timeout.is_some()),
            ("connect_timeout", raw.connect_timeout.is_some()),
            ("follow_redirects", raw.follow_redirects.is_some()),
            ("insecure_tls", raw.insecure_tls.is_some()),
            ("max_body", raw.max_body.is_some()),
            ("idempotent", raw.idempotent.is_some()),
            ("max_age", raw.max_age.is_some()),
        ];
        for (field, present) in request_only {
            if present {
                self.problem(
                    path.key(field),
                    Target::Key,
                    format!("`{field}` belongs to a request, not a folder; folders hold `folder`, `description`, `tags` and `requests`"),
                );
            }
        }
        Folder {
            name,
            description: raw.description,
            tags: raw.tags.map(OneOrMany::into_vec).unwrap_or_default(),
            items: self.items(raw.requests.unwrap_or_default(), &path.key("requests")),
        }
    }

    fn request(&mut self, raw: RawItem, name: String, path: &YamlPath) -> Request {
        if raw.requests.is_some() {
            self.problem(
                path.key("requests"),
                Target::Key,
                "a request cannot hold `requests`; use `folder: NAME` for a folder",
            );
        }
        if name.trim().is_empty() {
            self.problem(path.key("name"), Target::Value, "a request name cannot be empty");
        } else if name.contains('/') {
            self.problem(
                path.key("name"),
                Target::Value,
                "a request name cannot contain `/`, which separates folders in request paths",
            );
        }
        let method = raw.method.unwrap_or_else(|| "GET".to_owned());
        if method.is_empty() || !method.bytes().all(is_token_char) {
            self.problem(
                path.key("method"),
                Target::Value,
                format!("`{method}` is not an HTTP method; expected GET, POST, PUT, PATCH, DELETE or another token"),
            );
        }
        let url = if let Some(url) = raw.url {
            self.template(url, || path.key("url"))
        } else {
            self.problem(
                path.key("name"),
                Target::Key,
                format!("request `{name}` has no `url`"),
            );
            Template::default()
        };
        let variables = raw.variables.unwrap_or_default();
        Request {
            method,
            url,
            query: self.pairs(raw.query, || path.key("query")),
            headers: self.pairs(raw.headers, || path.key("headers")),
            body: raw.body.and_then(|b| self.body(b, &path.key("body"))),
            auth: raw.auth.map(|a| self.auth(a, &path.key("auth"))),
            options: RequestOptions {
                timeout: raw.timeout.map(|d| d.0),
                connect_timeout: raw.connect_timeout.map(|d| d.0),
                follow_redirects: raw.follow_redirects,
                insecure_tls: raw.insecure_tls,
                max_body: raw.max_body.map(|s| s.0),
                idempotent: raw.idempotent,
                max_age: raw.max_age.map(|d| d.0),
            },
            expect: raw
                .expect
                .map(|e| self.expect(e, &path.key("expect"), &self.base_dir.clone())),
            capture: raw
                .capture
                .map(|c| self.captures(c, &path.key("capture")))
                .unwrap_or_default(),
            tags: raw.tags.map(OneOrMany::into_vec).unwrap_or_default(),
            description: raw.description,
            variables: self.variables(variables, || path.key("variables")),
            name,
        }
    }

    fn body(&mut self, raw: RawBody, path: &YamlPath) -> Option<Body> {
        let kinds = [
            ("json", raw.json.is_some()),
            ("text", raw.text.is_some()),
            ("form", raw.form.is_some()),
            ("multipart", raw.multipart.is_some()),
            ("file", raw.file.is_some()),
        ];
        self.one_kind(path, "a body", "", &kinds)?;
        if raw.content_type.is_some() && (raw.form.is_some() || raw.multipart.is_some()) {
            self.problem(
                path.key("content_type"),
                Target::Key,
                "form and multipart bodies set their own Content-Type; set a header to override it",
            );
        }
        let content_type = raw.content_type;
        if let Some(value) = raw.json {
            let value = self.json_templates(value, &path.key("json"));
            return Some(Body::Json { value, content_type });
        }
        if let Some(text) = raw.text {
            let text = self.template(text, || path.key("text"));
            return Some(Body::Text { text, content_type });
        }
        if let Some(form) = raw.form {
            return Some(Body::Form(self.pairs(Some(form), || path.key("form"))));
        }
        if let Some(file) = raw.file {
            let path = self.template(file, || path.key("file"));
            return Some(Body::File { path, content_type });
        }
        let parts = raw.multipart.unwrap_or_default();
        let mut out = Vec::with_capacity(parts.len());
        for (i, part) in parts.into_iter().enumerate() {
            let part_path = path.key("multipart").index(i);
            match (part.value, part.file) {
                (Some(value), None) => {
                    if part.content_type.is_some() {
                        self.problem(
                            part_path.key("content_type"),
                            Target::Key,
                            "`content_type` applies to file parts only",
                        );
                    }
                    let value = self.template(value.0, || part_path.key("value"));
                    out.push(Part::Value {
                        name: part.name.0,
                        value,
                    });
                }
                (None, Some(file)) => {
                    let file = self.template(file, || part_path.key("file"));
                    out.push(Part::File {
                        name: part.name.0,
                        path: file,
                        content_type: part.content_type,
                    });
                }
                _ => self.problem(
                    part_path.key("name"),
                    Target::Key,
                    "a multipart part has either `value` or `file`, not both or neither",
                ),
            }
        }
        Some(Body::Multipart(out))
    }

    /// Parses the templates in every string of a JSON body, each error at its string.
    fn json_templates(&mut self, value: serde_json::Value, path: &YamlPath) -> JsonTemplate {
        JsonTemplate::parse(value).unwrap_or_else(|errors| {
            for error in errors {
                let at = error.at.iter().fold(path.clone(), |at, step| match step {
                    JsonStep::Key(key) => at.key(key),
                    JsonStep::Index(i) => at.index(*i),
                });
                self.bad_template(at, error.text, &error.error);
            }
            JsonTemplate::default()
        })
    }

    /// The one kind a body or auth has, of those `kinds` lists as present. None, or several,
    /// is a problem at `path` — unless a problem is already reported inside it (a misspelt
    /// kind is an unknown key, and "needs one of" would say the same thing twice).
    fn one_kind<'k>(
        &mut self,
        path: &YamlPath,
        what: &str,
        hint: &str,
        kinds: &[(&'k str, bool)],
    ) -> Option<&'k str> {
        let present: Vec<&str> = kinds.iter().filter(|(_, p)| *p).map(|(k, _)| *k).collect();
        if let [only] = present[..] {
            return Some(only);
        }
        let already_reported = self.problems.iter().any(|p| p.path.0.starts_with(&path.0));
        if present.is_empty() && already_reported {
            return None;
        }
        let names: Vec<String> = kinds.iter().map(|(k, _)| format!("`{k}`")).collect();
        let message = if present.is_empty() {
            let (last, rest) = names.split_last().expect("kinds are listed");
            format!("{what} needs one of {} or {last}{hint}", rest.join(", "))
        } else {
            format!(
                "{what} has exactly one kind, but this one has {}",
                present.join(" and ")
            )
        };
        self.problem(path.clone(), Target::Key, message);
        None
    }

    fn auth(&mut self, raw: RawAuth, path: &YamlPath) -> Auth {
        let fields = match raw {
            RawAuth::None => return Auth::None,
            RawAuth::Fields(fields) => fields,
        };
        let kinds = [
            ("bearer", fields.bearer.is_some()),
            ("basic", fields.basic.is_some()),
            ("api_key", fields.api_key.is_some()),
        ];
        if self
            .one_kind(path, "auth", " (or `auth: none`)", &kinds)
            .is_none()
        {
            return Auth::None;
        }
        if let Some(token) = fields.bearer {
            return Auth::Bearer(self.template(token.0, || path.key("bearer")));
        }
        if let Some(basic) = fields.basic {
            let at = path.key("basic");
            return Auth::Basic {
                username: self.template(basic.username.0, || at.key("username")),
                password: self.template(basic.password.0, || at.key("password")),
            };
        }
        let key = fields.api_key.expect("exactly one auth kind is present");
        let at = path.key("api_key");
        if key.name.trim().is_empty() {
            self.problem(
                at.key("name"),
                Target::Value,
                "an API key needs a header or parameter name",
            );
        }
        Auth::ApiKey {
            location: key.location.into(),
            name: key.name,
            value: self.template(key.value.0, || at.key("value")),
        }
    }
}

/// The keys a mapping at `parent` accepts.
fn fields_at(parent: &YamlPath) -> &'static [&'static str] {
    use super::super::raw::fields;
    let key = |i: usize| match parent.0.get(parent.0.len().wrapping_sub(i)) {
        Some(Seg::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    let last_is_index = matches!(parent.0.last(), Some(Seg::Index(_)));
    match (key(1), key(2)) {
        _ if parent.0.is_empty() => fields::COLLECTION,
        (Some("defaults"), _) => fields::DEFAULTS,
        (Some("body"), _) => fields::BODY,
        (Some("auth"), _) => fields::AUTH,
        (Some("basic"), Some("auth")) => fields::BASIC,
        (Some("api_key"), Some("auth")) => fields::API_KEY,
        (Some("expect"), _) => fields::EXPECT,
        (_, Some("capture")) => fields::CAPTURE,
        (_, Some("headers" | "body")) if key(3) == Some("expect") => fields::TEST,
        (None, Some("multipart")) if last_is_index => fields::PART,
        (None, Some("query" | "headers" | "form")) if last_is_index => fields::NAMED_VALUE,
        _ => fields::ITEM,
    }
}

/// RFC 9110 token characters, allowed in method names.
fn is_token_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}
