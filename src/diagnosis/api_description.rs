//! What the API says of itself, when a collection names its OpenAPI description
//! (`openapi: api.yaml`): the servers' base paths and each operation's method, path
//! template, parameters and JSON body fields — what the checklist holds a request that
//! failed against (docs/diagnosis.md §The API's description). Plain data, built by the
//! importer's reader (`interop::openapi::outline`), matched here without any I/O.

use url::Url;

/// An API's description, reduced to what requests are held against.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ApiDescription {
    /// The file as the collection names it, for evidence.
    pub file: String,
    /// Where the API is served (the description's servers, its paths' and operations').
    pub servers: Vec<Server>,
    pub operations: Vec<Operation>,
}

/// A server: its host, and the path before the operations' (`/api/{version}`; empty for
/// the root). Either may hold `{variables}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// `None` for a server relative to where the description is served: any host.
    pub host: Option<String>,
    pub base_path: String,
}

/// One operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub method: String,
    /// As the description writes it: `/pet/{petId}`.
    pub path: String,
    pub parameters: Vec<Parameter>,
    /// The fields of its JSON request body, when it has one with properties.
    pub body: Option<Fields>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub name: String,
    /// `query`, `header`, `path` or `cookie`.
    pub location: String,
    pub required: bool,
    /// An object, which a query spells out as its own fields (`?status=x` exploded,
    /// `?filter[status]=x` as a deepObject) rather than under its name.
    pub object: bool,
    /// A single value's JSON type when it is not text: `integer`, `number` or `boolean`.
    pub kind: Option<String>,
    /// The values it allows (`enum`), as text; empty for any.
    pub allowed: Vec<String>,
}

impl Parameter {
    /// Why `value` is not one this parameter takes, if it is not: `an integer`, `one of
    /// available, pending or sold`.
    pub fn refuses(&self, value: &str) -> Option<String> {
        if !self.allowed.is_empty() && !self.allowed.iter().any(|a| a == value) {
            return Some(format!("one of {}", self.allowed.join(", ")));
        }
        match self.kind.as_deref() {
            Some("integer") if value.parse::<i64>().is_err() => Some("an integer".to_owned()),
            Some("number") if value.parse::<f64>().is_err() => Some("a number".to_owned()),
            Some("boolean") if !matches!(value, "true" | "false") => Some("true or false".to_owned()),
            _ => None,
        }
    }
}

/// An object's fields: each with whether it is required and, for an object (or a list of
/// objects), its own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fields {
    pub fields: Vec<Field>,
    /// What the schema says of fields it does not list.
    pub others: Others,
}

/// What a schema says of a field it does not list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Others {
    /// Nothing: such a field may be why the request was refused.
    #[default]
    Unlisted,
    /// `additionalProperties: false`: such a field is refused.
    Refused,
    /// The schema's to take (`additionalProperties` a schema or `true`, a discriminator's
    /// subtypes): none is reported.
    Taken,
}

impl Others {
    /// What an object whose schema is all of `self` and `other` (`allOf`) says.
    #[must_use]
    pub fn and(self, other: Others) -> Others {
        match (self, other) {
            (Others::Taken, _) | (_, Others::Taken) => Others::Taken,
            (Others::Refused, _) | (_, Others::Refused) => Others::Refused,
            _ => Others::Unlisted,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub required: bool,
    pub children: Option<Fields>,
}

/// Where a request lands in the description.
#[derive(Debug, Clone, PartialEq)]
pub enum Landing<'a> {
    /// An operation has this method and path; the path as matched (the base path taken off).
    Operation(&'a Operation, String),
    /// The path is there, under other methods only.
    OtherMethods { path: &'a str, methods: Vec<&'a str> },
    /// No path matches; the nearest by spelling, if one is near, and the path held against
    /// the description (the base path taken off).
    NoPath {
        looked_up: String,
        nearest: Option<&'a str>,
    },
}

impl ApiDescription {
    /// Where `method` on `url` lands; `None` when `url` is on a host none of the servers
    /// is and its path is none of the description's either (a token endpoint, a login page
    /// a redirect led to): the description says nothing of it. A host it does not list with
    /// a path it has (staging, a local copy) is held against it.
    pub fn land(&self, method: &str, url: &Url) -> Option<Landing<'_>> {
        let host = url.host_str().unwrap_or_default();
        let described_host = self.servers.is_empty()
            || self.servers.iter().any(|s| {
                s.host
                    .as_deref()
                    .is_none_or(|h| h.eq_ignore_ascii_case(host) || segment_matches(h, host))
            });
        let full = url.path();
        let mut bases: Vec<&str> = self
            .servers
            .iter()
            .map(|s| s.base_path.trim_end_matches('/'))
            .collect();
        bases.sort_by_key(|b| std::cmp::Reverse(b.len()));
        bases.dedup();
        bases.push("");
        let relative: Vec<String> = bases.iter().filter_map(|base| strip_base(base, full)).collect();
        let landing = self.land_relative(method, full, &relative);
        (described_host || !matches!(landing, Landing::NoPath { .. })).then_some(landing)
    }

    fn land_relative(&self, method: &str, full: &str, relative: &[String]) -> Landing<'_> {
        // HEAD is GET without the body (RFC 9110 §9.3.2): a path that has GET takes it.
        let wanted = |op: &Operation| {
            op.method.eq_ignore_ascii_case(method)
                || (method.eq_ignore_ascii_case("HEAD") && op.method.eq_ignore_ascii_case("GET"))
        };
        for rest in relative {
            let rest = rest.as_str();
            // A concrete path matches before a templated one (`/pet/findByStatus` before
            // `/pet/{petId}`), as the specification says.
            let mut matching: Vec<&Operation> = self
                .operations
                .iter()
                .filter(|op| matches(&op.path, rest))
                .collect();
            matching
                .sort_by_key(|op| std::cmp::Reverse(op.path.split('/').filter(|s| !s.contains('{')).count()));
            if let Some(op) = matching.iter().find(|op| wanted(op)) {
                return Landing::Operation(op, rest.to_owned());
            }
            if let Some(first) = matching.first() {
                let mut methods: Vec<&str> = matching
                    .iter()
                    .filter(|op| op.path == first.path)
                    .map(|op| op.method.as_str())
                    .collect();
                methods.dedup();
                return Landing::OtherMethods {
                    path: &first.path,
                    methods,
                };
            }
        }
        let looked_up = relative.first().map_or(full, String::as_str).to_owned();
        let nearest = self
            .operations
            .iter()
            .map(|op| {
                (
                    strsim::normalized_levenshtein(&filled(&op.path, &looked_up), &looked_up),
                    &op.path,
                )
            })
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, path)| path.as_str());
        Landing::NoPath { looked_up, nearest }
    }
}

/// The value each `{name}` segment of `template` has in `path` (decoded), when the path
/// fits the template: `[("petId", "10")]` for `/pet/{petId}` and `/pet/10`.
pub fn path_values(template: &str, path: &str) -> Vec<(String, String)> {
    if !matches(template, path) {
        return Vec::new();
    }
    template
        .trim_end_matches('/')
        .split('/')
        .zip(path.trim_end_matches('/').split('/'))
        .filter_map(|(t, p)| {
            let name = t.strip_prefix('{')?.strip_suffix('}')?;
            let value = percent_encoding::percent_decode_str(p)
                .decode_utf8_lossy()
                .into_owned();
            Some((name.to_owned(), value))
        })
        .collect()
}

/// `path` with the server's base path (`/api/{version}`) taken off, when it starts with it.
fn strip_base(base: &str, path: &str) -> Option<String> {
    if base.is_empty() {
        return Some(path.to_owned());
    }
    let base: Vec<&str> = base.split('/').collect();
    let segments: Vec<&str> = path.split('/').collect();
    if segments.len() < base.len() || !base.iter().zip(&segments).all(|(b, p)| segment_matches(b, p)) {
        return None;
    }
    let rest = segments[base.len()..].join("/");
    Some(if rest.is_empty() {
        String::new()
    } else {
        format!("/{rest}")
    })
}

/// Whether `path` (as sent, percent-encoded) fits `template` (`/pet/{petId}`): literal
/// segments equal, a `{name}` standing for one segment or part of one. A trailing slash
/// is not a difference.
pub fn matches(template: &str, path: &str) -> bool {
    let template: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let path: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    template.len() == path.len() && template.iter().zip(&path).all(|(t, p)| segment_matches(t, p))
}

fn segment_matches(template: &str, segment: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
    let Some(open) = template.find('{') else {
        return template == decoded;
    };
    let Some(close) = template[open..].find('}').map(|c| open + c) else {
        return template == decoded;
    };
    let (prefix, suffix) = (&template[..open], &template[close + 1..]);
    if suffix.contains('{') {
        // Two variables in one segment: their literal parts in order is as near as it gets.
        return decoded.starts_with(prefix) && !decoded.is_empty();
    }
    decoded.len() > prefix.len() + suffix.len() && decoded.starts_with(prefix) && decoded.ends_with(suffix)
}

/// `template` with each `{variable}` segment replaced by the segment of `path` at its
/// place, so `/pets/{id}` reads `/pets/7` against `/pet/7` and spelling alone differs.
fn filled(template: &str, path: &str) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    template
        .split('/')
        .enumerate()
        .map(|(i, t)| {
            if t.contains('{') {
                segments.get(i).copied().unwrap_or(t)
            } else {
                t
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn description() -> ApiDescription {
        let op = |method: &str, path: &str| Operation {
            method: method.into(),
            path: path.into(),
            parameters: Vec::new(),
            body: None,
        };
        ApiDescription {
            file: "api.yaml".into(),
            servers: vec![
                Server {
                    host: Some("a.example".into()),
                    base_path: "/api/{version}".into(),
                },
                Server {
                    host: Some("localhost".into()),
                    base_path: String::new(),
                },
            ],
            operations: vec![
                op("GET", "/pet/{petId}"),
                op("DELETE", "/pet/{petId}"),
                op("GET", "/pet/findByStatus"),
                op("GET", "/files/{name}.json"),
            ],
        }
    }

    fn land(method: &str, url: &str) -> String {
        match description()
            .land(method, &Url::parse(url).unwrap())
            .expect("a host of the description")
        {
            Landing::Operation(op, _) => format!("{} {}", op.method, op.path),
            Landing::OtherMethods { path, methods } => format!("{path} takes {}", methods.join(",")),
            Landing::NoPath { looked_up, nearest } => format!("no {looked_up} (near {nearest:?})"),
        }
    }

    #[test]
    fn a_request_lands_on_its_operation_under_the_servers_base_path() {
        assert_eq!(land("GET", "https://a.example/api/v3/pet/10"), "GET /pet/{petId}");
        assert_eq!(
            land("get", "https://a.example/api/v3/pet/10/"),
            "GET /pet/{petId}"
        );
        assert_eq!(
            land("GET", "https://a.example/api/v3/pet/findByStatus?status=sold"),
            "GET /pet/findByStatus"
        );
        assert_eq!(
            land("GET", "https://a.example/api/v3/files/report.json"),
            "GET /files/{name}.json"
        );
        assert_eq!(
            land("GET", "http://localhost:8080/pet/10"),
            "GET /pet/{petId}",
            "without the base path too"
        );
    }

    #[test]
    fn another_method_on_a_described_path_is_named_with_the_methods_it_takes() {
        assert_eq!(
            land("PATCH", "https://a.example/api/v3/pet/10"),
            "/pet/{petId} takes GET,DELETE"
        );
    }

    #[test]
    fn a_path_not_described_names_the_nearest_that_is() {
        assert_eq!(
            land("GET", "https://a.example/api/v3/pets/10"),
            "no /pets/10 (near Some(\"/pet/{petId}\"))"
        );
        assert_eq!(
            land("GET", "https://a.example/api/v3/orders"),
            "no /orders (near None)"
        );
        assert_eq!(
            land("GET", "https://a.example/api/v3/files/report.xml"),
            "no /files/report.xml (near Some(\"/files/{name}.json\"))"
        );
    }
}
