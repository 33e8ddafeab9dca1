//! What the blocks of a `.bru` file mean (Bruno's `bruToJson`, `collectionBruToJson` and
//! `envToJson`): a request file's `meta`, method block (`get { url, body, auth }`), params,
//! headers, auth blocks, bodies, vars, scripts, tests, asserts and docs; `folder.bru` and
//! `collection.bru` (`auth { mode }` and the same settings); an environment's `vars` and
//! `vars:secret`. Several blocks of one name add up, as in Bruno.

use super::lang::{Block, Content, Pair};
use super::source::{
    Auth, Body, Common, Environment, FileChoice, Folder, Part, PartValue, Request, Row, Script,
};

const METHODS: &[&str] = &[
    "get", "post", "put", "delete", "patch", "options", "head", "connect", "trace",
];

/// A request file.
pub fn request(blocks: &[Block]) -> Request {
    let meta = pairs(blocks, "meta");
    let (method, http) = blocks
        .iter()
        .find_map(|b| {
            if METHODS.contains(&b.name.as_str()) {
                Some((b.name.to_ascii_uppercase(), pairs_of(b)))
            } else if b.name == "http" {
                let http = pairs_of(b);
                let method = value(&http, "method").to_ascii_uppercase();
                Some((method, http))
            } else {
                None
            }
        })
        .unwrap_or_default();
    // A gRPC or WebSocket request has its own block instead of a method's.
    let kind = match value(&meta, "type") {
        "" if blocks.iter().any(|b| b.name == "grpc") => "grpc",
        "" if blocks.iter().any(|b| b.name == "ws") => "ws",
        "" => "http",
        kind => kind,
    };
    let auth_mode = match value(&http, "auth") {
        "" => "none",
        mode => mode,
    };
    let mut common = common(blocks);
    common.auth = Some(auth(blocks, auth_mode));
    let has_query = blocks
        .iter()
        .any(|b| b.name == "params:query" || b.name == "query");
    Request {
        name: non_empty(value(&meta, "name")),
        kind: kind.to_owned(),
        seq: value(&meta, "seq").parse().ok(),
        method,
        url: value(&http, "url").to_owned(),
        query: has_query.then(|| {
            let mut rows = rows(blocks, "params:query");
            rows.extend(self::rows(blocks, "query"));
            rows
        }),
        path: rows(blocks, "params:path"),
        body: body(blocks, value(&http, "body")),
        common,
    }
}

/// `folder.bru` or `collection.bru`: `meta { name, seq }`, `auth { mode }` and the settings
/// every request inside shares.
pub fn folder(blocks: &[Block]) -> Folder {
    let meta = pairs(blocks, "meta");
    let mut common = common(blocks);
    let mode = value(&pairs(blocks, "auth"), "mode").to_owned();
    common.auth = (!mode.is_empty()).then(|| auth(blocks, &mode));
    Folder {
        name: non_empty(value(&meta, "name")),
        seq: value(&meta, "seq").parse().ok(),
        common,
    }
}

/// `environments/NAME.bru`.
pub fn environment(name: &str, blocks: &[Block]) -> Environment {
    Environment {
        name: name.to_owned(),
        vars: rows(blocks, "vars"),
        secrets: blocks
            .iter()
            .filter(|b| b.name == "vars:secret")
            .flat_map(pairs_of)
            .filter(|p| p.enabled)
            .map(|p| p.key)
            .collect(),
    }
}

/// Headers, variables, scripts, tests, asserts and docs: what every level may hold.
fn common(blocks: &[Block]) -> Common {
    let mut scripts = Vec::new();
    for (block, kind) in [
        ("script:pre-request", "pre-request script"),
        ("script:post-response", "post-response script"),
        ("tests", "tests"),
    ] {
        if let Some(code) = text(blocks, block).filter(|c| !c.trim().is_empty()) {
            scripts.push(Script { kind, code });
        }
    }
    let local = |mut rows: Vec<Row>| {
        // `@name` is a variable of the request only, as every imported one is.
        for row in &mut rows {
            if let Some(name) = row.name.strip_prefix('@') {
                row.name = name.to_owned();
            }
        }
        rows
    };
    Common {
        headers: rows(blocks, "headers"),
        auth: None,
        vars: local(rows(blocks, "vars:pre-request")),
        post_vars: local(rows(blocks, "vars:post-response")),
        scripts,
        asserts: rows(blocks, "assert"),
        docs: text(blocks, "docs").filter(|d| !d.trim().is_empty()),
    }
}

/// The auth of `mode`, its fields from the `auth:MODE` block.
fn auth(blocks: &[Block], mode: &str) -> Auth {
    let fields = pairs(blocks, &format!("auth:{mode}"))
        .into_iter()
        .map(|p| (p.key, p.value))
        .collect();
    Auth {
        mode: mode.to_owned(),
        fields,
    }
}

/// The body of `mode` (the method block's `body:`); the file may hold other modes' bodies,
/// kept by Bruno for when the mode changes back, and those are not sent.
fn body(blocks: &[Block], mode: &str) -> Body {
    let raw = |name: &str, content_type| {
        // `body { … }` is the older spelling of `body:json`.
        let text =
            text(blocks, name).or_else(|| (name == "body:json").then(|| text(blocks, "body")).flatten());
        text.map_or(Body::None, |text| Body::Raw { text, content_type })
    };
    match mode {
        "" | "none" => Body::None,
        "json" => raw("body:json", "application/json"),
        "text" => raw("body:text", "text/plain"),
        "xml" => raw("body:xml", "application/xml"),
        "sparql" => raw("body:sparql", "application/sparql-query"),
        "formUrlEncoded" => Body::Form(rows(blocks, "body:form-urlencoded")),
        "multipartForm" => Body::Multipart(
            pairs(blocks, "body:multipart-form")
                .into_iter()
                .map(|p| {
                    let (value, content_type) = content_type(&p.value);
                    let value = match file_paths(value) {
                        Some(paths) => PartValue::Files(paths),
                        None => PartValue::Text(value.to_owned()),
                    };
                    Part {
                        name: p.key,
                        value,
                        content_type,
                        enabled: p.enabled,
                    }
                })
                .collect(),
        ),
        "graphql" => Body::GraphQl {
            query: text(blocks, "body:graphql").unwrap_or_default(),
            variables: text(blocks, "body:graphql:vars").unwrap_or_default(),
        },
        "file" => Body::File(
            pairs(blocks, "body:file")
                .into_iter()
                .filter_map(|p| {
                    let (value, content_type) = content_type(&p.value);
                    Some(FileChoice {
                        path: file_paths(value)?.join("|"),
                        content_type,
                        selected: p.enabled,
                    })
                })
                .collect(),
        ),
        other => Body::Other(other.to_owned()),
    }
}

/// `value @contentType(text/csv)` as the value and the type.
fn content_type(value: &str) -> (&str, Option<String>) {
    if let Some(start) = value.rfind("@contentType(")
        && let Some(inner) = value[start + "@contentType(".len()..]
            .trim_end()
            .strip_suffix(')')
    {
        return (
            value[..start].trim_end(),
            Some(inner.trim().to_owned()).filter(|t| !t.is_empty()),
        );
    }
    (value, None)
}

/// `@file(a.png|b.png)` as its paths.
fn file_paths(value: &str) -> Option<Vec<String>> {
    let inner = value.strip_prefix("@file(")?.strip_suffix(')')?;
    Some(
        inner
            .split('|')
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

fn pairs_of(block: &Block) -> Vec<Pair> {
    match &block.content {
        Content::Pairs(pairs) | Content::List(pairs) => pairs.clone(),
        Content::Text(_) => Vec::new(),
    }
}

/// The rows of every block called `name`.
fn pairs(blocks: &[Block], name: &str) -> Vec<Pair> {
    blocks
        .iter()
        .filter(|b| b.name == name)
        .flat_map(pairs_of)
        .collect()
}

fn rows(blocks: &[Block], name: &str) -> Vec<Row> {
    pairs(blocks, name)
        .into_iter()
        .map(|p| Row {
            name: p.key,
            value: p.value,
            enabled: p.enabled,
        })
        .collect()
}

/// The text of the blocks called `name`, one after the other.
fn text(blocks: &[Block], name: &str) -> Option<String> {
    let texts: Vec<&str> = blocks
        .iter()
        .filter(|b| b.name == name)
        .filter_map(|b| match &b.content {
            Content::Text(text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    (!texts.is_empty()).then(|| texts.join("\n"))
}

/// The value of the first enabled row called `key`, empty if none.
fn value<'a>(pairs: &'a [Pair], key: &str) -> &'a str {
    pairs
        .iter()
        .find(|p| p.key == key)
        .map_or("", |p| p.value.as_str())
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}
