//! The collection model: what a YAML collection means once loaded and validated.
//!
//! Every string that may hold `{{ }}` templates is a [`Template`]: parsed once, when the file
//! loads, and kept beside its text as written, so the model can be shown and edited exactly
//! as the file says and rendered (see [`crate::template`]) without parsing again.

use std::path::PathBuf;
use std::time::Duration;

use indexmap::IndexMap;

pub use crate::template::Variables;
use crate::template::{JsonTemplate, Template};

pub use super::expect::*;

/// An ordered list of name/value pairs; the values are templates. Order matters (headers,
/// query strings) and names may repeat (`?tag=a&tag=b`), so a map would lose information.
pub type Pairs = Vec<(String, Template)>;

/// One collection file.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection {
    pub name: String,
    pub description: Option<String>,
    /// The file this collection was loaded from.
    pub source: PathBuf,
    pub variables: Variables,
    pub environments: IndexMap<String, Variables>,
    pub defaults: Defaults,
    /// `cookies: true`: `Set-Cookie` feeds later requests, through a jar per environment.
    pub cookies: bool,
    /// `openapi: api.yaml`: the API's OpenAPI description (relative to this file), which
    /// the checklist holds requests against.
    pub openapi: Option<String>,
    pub items: Vec<Item>,
    /// Where each request sits, built on the first [`Collection::find`].
    pub lookup: RequestIndex,
}

/// Each request's place in the items (its index at every level), built once on the first
/// look-up: `find` runs for every send and nearly every frame, and a scan of the items each
/// time made `run --all` over a long list quadratic. Derived from the items, so it takes no
/// part in comparing collections; a collection whose items changed after it was built is
/// still answered right (each answer is checked against the items, and a miss scans them).
#[derive(Debug, Clone, Default)]
pub struct RequestIndex(std::sync::OnceLock<std::collections::HashMap<RequestPath, Vec<usize>>>);

impl PartialEq for RequestIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl RequestIndex {
    fn of(items: &[Item]) -> std::collections::HashMap<RequestPath, Vec<usize>> {
        fn walk(
            items: &[Item],
            names: &mut Vec<String>,
            at: &mut Vec<usize>,
            out: &mut std::collections::HashMap<RequestPath, Vec<usize>>,
        ) {
            for (i, item) in items.iter().enumerate() {
                at.push(i);
                match item {
                    Item::Request(r) => {
                        let mut path = names.clone();
                        path.push(r.name.clone());
                        // The first of two same-named requests, as a scan finds it.
                        out.entry(RequestPath(path)).or_insert_with(|| at.clone());
                    }
                    Item::Folder(f) => {
                        names.push(f.name.clone());
                        walk(&f.items, names, at, out);
                        names.pop();
                    }
                }
                at.pop();
            }
        }
        let mut out = std::collections::HashMap::new();
        walk(items, &mut Vec::new(), &mut Vec::new(), &mut out);
        out
    }
}

/// Settings merged into every request unless the request overrides them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Defaults {
    pub headers: Pairs,
    pub query: Pairs,
    pub auth: Option<Auth>,
    pub options: RequestOptions,
}

/// A node of the collection tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Boxed: a request is far larger than a folder, and a list of 50,000 is moved whole
    /// when a long file is read in pieces.
    Request(Box<Request>),
    Folder(Folder),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Folder {
    pub name: String,
    pub description: Option<String>,
    /// Labels every request inside carries.
    pub tags: Vec<String>,
    pub items: Vec<Item>,
}

/// A saved request, as written in the collection (templates unrendered, defaults not merged).
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub name: String,
    pub method: String,
    pub url: Template,
    pub query: Pairs,
    pub headers: Pairs,
    pub body: Option<Body>,
    pub auth: Option<Auth>,
    pub options: RequestOptions,
    pub expect: Option<Expect>,
    /// What later requests of a run read from this one's response.
    pub capture: Vec<Capture>,
    /// Labels `run --tag` selects by; a folder's tags are its requests' too.
    pub tags: Vec<String>,
    pub description: Option<String>,
    /// Request-level variables: the highest-precedence scope written in the file.
    pub variables: Variables,
}

impl Request {
    /// A GET request with nothing but a name and a URL; the starting point for tests and
    /// for "new request" in the TUI.
    pub fn new(name: impl Into<String>, url: Template) -> Self {
        Self {
            name: name.into(),
            method: "GET".to_owned(),
            url,
            query: Pairs::new(),
            headers: Pairs::new(),
            body: None,
            auth: None,
            options: RequestOptions::default(),
            expect: None,
            capture: Vec::new(),
            tags: Vec::new(),
            description: None,
            variables: Variables::new(),
        }
    }
}

impl Request {
    /// Every template the request itself holds: URL, query, headers, body, auth, variables.
    pub fn templates(&self) -> Vec<&Template> {
        let mut all = vec![&self.url];
        all.extend(self.query.iter().chain(&self.headers).map(|(_, v)| v));
        match &self.body {
            Some(Body::Json { value, .. }) => all.extend(value.strings()),
            Some(Body::Text { text: t, .. } | Body::File { path: t, .. }) => all.push(t),
            Some(Body::Form(pairs)) => all.extend(pairs.iter().map(|(_, v)| v)),
            Some(Body::Multipart(parts)) => all.extend(parts.iter().map(|p| match p {
                Part::Value { value, .. } => value,
                Part::File { path, .. } => path,
            })),
            None => {}
        }
        all.extend(self.auth.iter().flat_map(Auth::templates));
        all.extend(self.variables.values());
        all
    }
}

/// Request content. Strings inside may hold templates.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Any YAML value, sent as JSON.
    Json {
        value: JsonTemplate,
        content_type: Option<String>,
    },
    Text {
        text: Template,
        content_type: Option<String>,
    },
    /// `application/x-www-form-urlencoded`.
    Form(Pairs),
    Multipart(Vec<Part>),
    /// The bytes of a file, path relative to the collection file.
    File {
        path: Template,
        content_type: Option<String>,
    },
}

impl Body {
    /// The Content-Type the user wrote for this body, if any.
    pub fn explicit_content_type(&self) -> Option<&str> {
        match self {
            Body::Json { content_type, .. }
            | Body::Text { content_type, .. }
            | Body::File { content_type, .. } => content_type.as_deref(),
            Body::Form(_) | Body::Multipart(_) => None,
        }
    }

    /// The kind as written in YAML (`json`, `text`, …), for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Body::Json { .. } => "json",
            Body::Text { .. } => "text",
            Body::Form(_) => "form",
            Body::Multipart(_) => "multipart",
            Body::File { .. } => "file",
        }
    }
}

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Value {
        name: String,
        value: Template,
    },
    File {
        name: String,
        path: Template,
        content_type: Option<String>,
    },
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    Header,
    Query,
}

impl KeyLocation {
    /// As the collection format spells it (`in: header`).
    pub fn as_str(self) -> &'static str {
        match self {
            KeyLocation::Header => "header",
            KeyLocation::Query => "query",
        }
    }
}

/// Authentication helper. `None` explicitly turns off an auth inherited from `defaults`.
#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    None,
    Bearer(Template),
    Basic {
        username: Template,
        password: Template,
    },
    ApiKey {
        location: KeyLocation,
        name: String,
        value: Template,
    },
}

impl Auth {
    /// The templates of its credentials.
    pub fn templates(&self) -> Vec<&Template> {
        match self {
            Auth::None => Vec::new(),
            Auth::Bearer(token) => vec![token],
            Auth::Basic { username, password } => vec![username, password],
            Auth::ApiKey { value, .. } => vec![value],
        }
    }

    /// The kind as written in YAML, for messages and evidence.
    pub fn kind(&self) -> &'static str {
        match self {
            Auth::None => "none",
            Auth::Bearer(_) => "bearer",
            Auth::Basic { .. } => "basic",
            Auth::ApiKey { .. } => "api_key",
        }
    }
}

/// Per-request transport options; every field is optional so requests can inherit from
/// `defaults`, which inherit from the built-in values (see `http::TransportOptions`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestOptions {
    pub timeout: Option<Duration>,
    pub connect_timeout: Option<Duration>,
    pub follow_redirects: Option<bool>,
    pub insecure_tls: Option<bool>,
    pub max_body: Option<u64>,
    /// Sending it twice does no more than once, so `run --retry` may resend it whatever
    /// its method (a POST that carries its own idempotency, say).
    pub idempotent: Option<bool>,
    /// How long its response, kept in the history, may feed `{{ response.… }}` in a later
    /// session (a login whose token lasts an hour says `1h`).
    pub max_age: Option<Duration>,
}

impl RequestOptions {
    /// Options from `self`, falling back to `fallback` field by field.
    #[must_use]
    pub fn or(self, fallback: RequestOptions) -> RequestOptions {
        RequestOptions {
            timeout: self.timeout.or(fallback.timeout),
            connect_timeout: self.connect_timeout.or(fallback.connect_timeout),
            follow_redirects: self.follow_redirects.or(fallback.follow_redirects),
            insecure_tls: self.insecure_tls.or(fallback.insecure_tls),
            max_body: self.max_body.or(fallback.max_body),
            idempotent: self.idempotent.or(fallback.idempotent),
            max_age: self.max_age.or(fallback.max_age),
        }
    }
}

/// The path of a request inside its collection: folder names then the request name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestPath(pub Vec<String>);

impl RequestPath {
    /// Parses `Admin/Delete user`.
    pub fn parse(text: &str) -> Self {
        Self(text.split('/').map(str::to_owned).collect())
    }

    pub fn name(&self) -> &str {
        self.0.last().map_or("", String::as_str)
    }
}

impl std::fmt::Display for RequestPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join("/"))
    }
}

impl Collection {
    /// The templates every request may render besides its own: defaults and the variables
    /// of the collection and its environments.
    pub fn shared_templates(&self) -> Vec<&Template> {
        let d = &self.defaults;
        let mut all: Vec<&Template> = d.headers.iter().chain(&d.query).map(|(_, v)| v).collect();
        all.extend(d.auth.iter().flat_map(Auth::templates));
        all.extend(self.variables.values());
        all.extend(self.environments.values().flat_map(|vars| vars.values()));
        all
    }

    /// The tags of the request at `path`: its own and those of every folder above it.
    pub fn tags_of(&self, path: &RequestPath) -> Vec<&str> {
        let mut tags = Vec::new();
        let mut items = &self.items;
        for (depth, name) in path.0.iter().enumerate() {
            let last = depth + 1 == path.0.len();
            let found = items.iter().find_map(|item| match item {
                Item::Folder(f) if !last && f.name == *name => Some((&f.tags, Some(&f.items))),
                Item::Request(r) if last && r.name == *name => Some((&r.tags, None)),
                _ => None,
            });
            let Some((own, inner)) = found else { break };
            tags.extend(own.iter().map(String::as_str));
            match inner {
                Some(inner) => items = inner,
                None => break,
            }
        }
        tags
    }

    /// Every request with its path, depth first in file order.
    pub fn requests(&self) -> Vec<(RequestPath, &Request)> {
        fn walk<'a>(items: &'a [Item], prefix: &mut Vec<String>, out: &mut Vec<(RequestPath, &'a Request)>) {
            for item in items {
                match item {
                    Item::Request(request) => {
                        let mut path = prefix.clone();
                        path.push(request.name.clone());
                        out.push((RequestPath(path), request));
                    }
                    Item::Folder(folder) => {
                        prefix.push(folder.name.clone());
                        walk(&folder.items, prefix, out);
                        prefix.pop();
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.items, &mut Vec::new(), &mut out);
        out
    }

    /// The request at `path`, if any.
    pub fn find(&self, path: &RequestPath) -> Option<&Request> {
        let index = self.lookup.0.get_or_init(|| RequestIndex::of(&self.items));
        if let Some(found) = index.get(path).and_then(|at| self.at(at, path)) {
            return Some(found);
        }
        self.scan(path)
    }

    /// Where the request at `path` sits: its index at every level, folders first.
    pub fn position(&self, path: &RequestPath) -> Option<Vec<usize>> {
        let index = self.lookup.0.get_or_init(|| RequestIndex::of(&self.items));
        if let Some(at) = index.get(path)
            && self.at(at, path).is_some()
        {
            return Some(at.clone());
        }
        // The index predates a change to the items: walk them.
        let (name, folders) = path.0.split_last()?;
        let mut items = &self.items;
        let mut at = Vec::with_capacity(path.0.len());
        for folder in folders {
            let (i, inner) = items.iter().enumerate().find_map(|(i, item)| match item {
                Item::Folder(f) if &f.name == folder => Some((i, &f.items)),
                _ => None,
            })?;
            at.push(i);
            items = inner;
        }
        at.push(
            items
                .iter()
                .position(|item| matches!(item, Item::Request(r) if &r.name == name))?,
        );
        Some(at)
    }

    /// The request at `at` (an index per level), to change in place; `None` when a step
    /// is not a folder or the last is not a request.
    pub fn request_at_mut(&mut self, at: &[usize]) -> Option<&mut Request> {
        let (last, outer) = at.split_last()?;
        let mut items = &mut self.items;
        for i in outer {
            items = match items.get_mut(*i)? {
                Item::Folder(f) => &mut f.items,
                Item::Request(_) => return None,
            };
        }
        match items.get_mut(*last)? {
            Item::Request(r) => Some(r),
            Item::Folder(_) => None,
        }
    }

    /// The request at `at` (an index per level), if it is the one `path` names.
    fn at(&self, at: &[usize], path: &RequestPath) -> Option<&Request> {
        let (name, folders) = path.0.split_last()?;
        let (last, outer) = at.split_last()?;
        let mut items = &self.items;
        for (i, folder) in outer.iter().zip(folders) {
            items = match items.get(*i)? {
                Item::Folder(f) if &f.name == folder => &f.items,
                _ => return None,
            };
        }
        match items.get(*last)? {
            Item::Request(r) if &r.name == name && outer.len() == folders.len() => Some(r),
            _ => None,
        }
    }

    fn scan(&self, path: &RequestPath) -> Option<&Request> {
        let (name, folders) = path.0.split_last()?;
        let mut items = &self.items;
        for folder in folders {
            items = items.iter().find_map(|item| match item {
                Item::Folder(f) if &f.name == folder => Some(&f.items),
                _ => None,
            })?;
        }
        items.iter().find_map(|item| match item {
            Item::Request(r) if &r.name == name => Some(&**r),
            _ => None,
        })
    }

    /// The folder holding this collection's file, against which relative paths resolve.
    pub fn base_dir(&self) -> PathBuf {
        self.source
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collection(yaml: &str) -> Collection {
        crate::collection::parse_collection(yaml, std::path::Path::new("c.yaml")).unwrap()
    }

    #[test]
    fn find_answers_by_path_at_any_depth_and_after_the_items_change() {
        let mut c = collection(
            "requests:\n  - name: A\n    url: http://x/a\n  - folder: F\n    requests:\n      - name: A\n        url: http://x/fa\n      - folder: G\n        requests:\n          - name: B\n            url: http://x/fgb\n",
        );
        let url = |c: &Collection, p: &str| c.find(&RequestPath::parse(p)).map(|r| r.url.to_string());
        assert_eq!(url(&c, "A").as_deref(), Some("http://x/a"));
        assert_eq!(url(&c, "F/A").as_deref(), Some("http://x/fa"));
        assert_eq!(url(&c, "F/G/B").as_deref(), Some("http://x/fgb"));
        assert_eq!(url(&c, "F/B"), None);
        assert_eq!(url(&c, "G/B"), None);

        // Changed after the index was built: answers still follow the items.
        c.items.swap(0, 1);
        c.items.push(Item::Request(Box::new(Request::new(
            "New",
            crate::template::Template::parse("http://x/new").unwrap(),
        ))));
        assert_eq!(url(&c, "A").as_deref(), Some("http://x/a"));
        assert_eq!(url(&c, "F/G/B").as_deref(), Some("http://x/fgb"));
        assert_eq!(url(&c, "New").as_deref(), Some("http://x/new"));
    }
}
