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
    /// Each server's path before the operations' (`/api/v3`; empty for the root).
    pub base_paths: Vec<String>,
    pub operations: Vec<Operation>,
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
}

/// An object's fields: each with whether it is required and, for an object (or a list of
/// objects), its own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fields {
    pub fields: Vec<Field>,
    /// `additionalProperties: false`: a field not listed is refused.
    pub closed: bool,
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
    /// An operation has this method and path.
    Operation(&'a Operation),
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
    /// Where `method` on `url` lands.
    pub fn land(&self, method: &str, url: &Url) -> Landing<'_> {
        let full = url.path();
        let mut bases: Vec<&str> = self.base_paths.iter().map(|b| b.trim_end_matches('/')).collect();
        bases.sort_by_key(|b| std::cmp::Reverse(b.len()));
        bases.push("");
        let relative: Vec<&str> = bases
            .iter()
            .filter_map(|base| full.strip_prefix(base))
            .filter(|rest| rest.is_empty() || rest.starts_with('/'))
            .collect();
        for rest in &relative {
            // A concrete path matches before a templated one (`/pet/findByStatus` before
            // `/pet/{petId}`), as the specification says.
            let mut matching: Vec<&Operation> = self
                .operations
                .iter()
                .filter(|op| matches(&op.path, rest))
                .collect();
            matching
                .sort_by_key(|op| std::cmp::Reverse(op.path.split('/').filter(|s| !s.contains('{')).count()));
            if let Some(op) = matching.iter().find(|op| op.method.eq_ignore_ascii_case(method)) {
                return Landing::Operation(op);
            }
            if let Some(first) = matching.first() {
                let mut methods: Vec<&str> = matching.iter().map(|op| op.method.as_str()).collect();
                methods.dedup();
                return Landing::OtherMethods {
                    path: &first.path,
                    methods,
                };
            }
        }
        let looked_up = relative.first().map_or(full, |r| r).to_owned();
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
            base_paths: vec!["/api/v3".into()],
            operations: vec![
                op("GET", "/pet/{petId}"),
                op("DELETE", "/pet/{petId}"),
                op("GET", "/pet/findByStatus"),
                op("GET", "/files/{name}.json"),
            ],
        }
    }

    fn land(method: &str, url: &str) -> String {
        match description().land(method, &Url::parse(url).unwrap()) {
            Landing::Operation(op) => format!("{} {}", op.method, op.path),
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
