//! A Bruno collection as both of its file formats say it (`.bru` blocks and `OpenCollection`
//! YAML), before it means anything to apibench: the two readers fill these, the mapping reads
//! them. Values are Bruno's text, `{{var}}` and all.

/// `name: value`; `enabled` is false for a disabled row (`~name` in `.bru`, `disabled: true`
/// in YAML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    pub value: String,
    pub enabled: bool,
}

/// An auth mode (`bearer`, `basic`, `apikey`, `inherit`, `none`, `digest`, …) and its fields
/// as Bruno names them (`token`; `username`, `password`; `key`, `value`, `placement`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Auth {
    pub mode: String,
    pub fields: Vec<(String, String)>,
}

impl Auth {
    pub fn mode(mode: &str) -> Self {
        Self {
            mode: mode.to_owned(),
            fields: Vec::new(),
        }
    }

    /// A field's value, empty when absent.
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// The body a request sends, by Bruno's body mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    None,
    /// `json`, `text`, `xml`, `sparql`: the text and the type Bruno sends it with.
    Raw {
        text: String,
        content_type: &'static str,
    },
    Form(Vec<Row>),
    Multipart(Vec<Part>),
    GraphQl {
        query: String,
        /// The variables as written (JSON, maybe with `{{var}}`), empty if none.
        variables: String,
    },
    /// `body:file`: the files it may send; the selected one is sent.
    File(Vec<FileChoice>),
    /// A mode this does not read (`grpc`, `ws`, a newer one).
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub value: PartValue,
    pub content_type: Option<String>,
    pub enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartValue {
    Text(String),
    /// `@file(a.png|b.png)`: one part per file.
    Files(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChoice {
    pub path: String,
    pub content_type: Option<String>,
    pub selected: bool,
}

/// Code Bruno runs and apibench does not, with what Bruno calls it (`pre-request script`,
/// `post-response script`, `tests`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub kind: &'static str,
    pub code: String,
}

/// What a collection, a folder and a request may each set, the outer ones for every request
/// inside.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Common {
    pub headers: Vec<Row>,
    /// `None` when this level does not say (a folder passes its parent's on).
    pub auth: Option<Auth>,
    /// Pre-request variables (`vars:pre-request`).
    pub vars: Vec<Row>,
    /// Post-response variables: a name and the expression Bruno reads from the response.
    pub post_vars: Vec<Row>,
    pub scripts: Vec<Script>,
    /// `res.status: eq 200`, as name and value.
    pub asserts: Vec<Row>,
    pub docs: Option<String>,
}

/// A collection's root or a folder: its name (when it gives one), place and settings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Folder {
    pub name: Option<String>,
    pub seq: Option<f64>,
    pub common: Common,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub name: Option<String>,
    /// `http`, `graphql`, or what apibench cannot send (`grpc`, `ws`, `websocket`, …).
    pub kind: String,
    pub seq: Option<f64>,
    pub method: String,
    pub url: String,
    /// The query rows, when the file lists them (then the URL's own query is theirs).
    pub query: Option<Vec<Row>>,
    /// `:id` in the path, with its value.
    pub path: Vec<Row>,
    pub body: Body,
    pub common: Common,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environment {
    pub name: String,
    pub vars: Vec<Row>,
    /// Secret variables: their names only (Bruno keeps the values outside the files).
    pub secrets: Vec<String>,
}
