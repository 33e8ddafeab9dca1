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
    pub items: Vec<Item>,
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
#[expect(
    clippy::large_enum_variant,
    reason = "folders are few; boxing every request would cost more than the padding"
)]
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Request(Request),
    Folder(Folder),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Folder {
    pub name: String,
    pub description: Option<String>,
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
            description: None,
            variables: Variables::new(),
        }
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
        }
    }
}

/// What a headless run expects of a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expect {
    /// Any of these matches. Empty only when `fails_with` is not.
    pub status: Vec<StatusMatcher>,
    /// The failure kinds the request is expected to end in (`timeout`, `connect`, …, the
    /// names of [`FAILURE_KINDS`]): then a response is the miss.
    pub fails_with: Vec<String>,
}

/// The failures `expect.fails_with` can name: how a request ends without a response.
pub const FAILURE_KINDS: &[&str] = &[
    "invalid_url",
    "template",
    "dns",
    "connect",
    "reset",
    "tls",
    "timeout",
    "redirect_loop",
    "body_too_large",
    "other",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMatcher {
    Exact(u16),
    /// `2xx` → `Class(2)`.
    Class(u16),
}

impl StatusMatcher {
    pub fn matches(self, status: u16) -> bool {
        match self {
            StatusMatcher::Exact(code) => code == status,
            StatusMatcher::Class(class) => status / 100 == class,
        }
    }
}

impl std::fmt::Display for StatusMatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StatusMatcher::Exact(code) => write!(f, "{code}"),
            StatusMatcher::Class(class) => write!(f, "{class}xx"),
        }
    }
}

impl Expect {
    /// Whether `status` meets this expectation.
    pub fn is_met_by(&self, status: u16) -> bool {
        self.status.iter().any(|m| m.matches(status))
    }

    /// What it accepts, as a person says it: `401`, `2xx`, `200 or 204`, `a timeout`.
    pub fn describe(&self) -> String {
        let mut all: Vec<String> = self.status.iter().map(ToString::to_string).collect();
        all.extend(self.fails_with.iter().map(|kind| format!("a failure ({kind})")));
        match all.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
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
        let (name, folders) = path.0.split_last()?;
        let mut items = &self.items;
        for folder in folders {
            items = items.iter().find_map(|item| match item {
                Item::Folder(f) if &f.name == folder => Some(&f.items),
                _ => None,
            })?;
        }
        items.iter().find_map(|item| match item {
            Item::Request(r) if &r.name == name => Some(r),
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
