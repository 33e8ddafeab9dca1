//! The request held against the API's own description, when the collection names one
//! (`openapi:`): is the path one it has, the method one it gives that path, every required
//! parameter there, and every body field one it describes (C.spec-*; docs/diagnosis.md
//! §The API's description). Asked by any error response.

use serde_json::Value;

use crate::diagnosis::Check;
use crate::diagnosis::api_description::{ApiDescription, Fields, Landing, Operation, Others};
use crate::diagnosis::catalogue::any_error;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;

/// How near a spelling must be to be offered as the name meant.
const NEAR: f64 = 0.7;

/// The C.spec-* checks of an error response.
pub fn checks(f: &Facts<'_>, status: u16) -> Vec<Check> {
    // The request as composed: a redirect may have led anywhere (a login page).
    let first = f.first_sent.and_then(|s| url::Url::parse(&s.url).ok());
    let (Some(api), Some(url)) = (f.api, first.as_ref().or(f.url.as_ref())) else {
        return Vec::new();
    };
    let method = f.first_sent.map_or_else(|| f.method(), |s| s.method.as_str());
    let Some(landing) = api.land(method, url) else {
        return Vec::new();
    };
    let shown_passing = matches!(status, 400 | 404 | 405 | 422);
    let mut out = vec![path(api, &landing), self::method(api, method, &landing)];
    if let Landing::Operation(op, matched) = &landing {
        // A path segment of the wrong type is often answered 404.
        if matches!(status, 400 | 404 | 422) {
            out.push(Some(parameters(f, op, matched)));
        }
        if matches!(status, 400 | 422) {
            out.push(fields(f, api, op));
        }
    }
    out.into_iter()
        .flatten()
        .filter(|c| shown_passing || c.verdict == crate::diagnosis::Verdict::Fail)
        .collect()
}

fn path(api: &ApiDescription, landing: &Landing<'_>) -> Option<Check> {
    Some(match landing {
        Landing::Operation(op, _) => Check::pass(
            any_error::SPEC_PATH,
            format!("{} is in {}", q(&op.path), q(&api.file)),
        ),
        Landing::OtherMethods { path, .. } => Check::pass(
            any_error::SPEC_PATH,
            format!("{} is in {}", q(path), q(&api.file)),
        ),
        Landing::NoPath { looked_up, nearest } => Check::fail(
            any_error::SPEC_PATH,
            format!(
                "{} has no path {}{}",
                q(&api.file),
                q(looked_up),
                nearest.map_or_else(String::new, |n| format!(" — nearest: {}", q(n)))
            ),
        ),
    })
}

fn method(api: &ApiDescription, sent: &str, landing: &Landing<'_>) -> Option<Check> {
    match landing {
        Landing::Operation(op, _) => Some(Check::pass(
            any_error::SPEC_METHOD,
            format!("{} {} is in {}", op.method, q(&op.path), q(&api.file)),
        )),
        Landing::OtherMethods { path, methods } => Some(Check::fail(
            any_error::SPEC_METHOD,
            format!(
                "{} gives {} {}, not {sent}",
                q(&api.file),
                q(path),
                quote::list(&methods.iter().map(|m| (*m).to_owned()).collect::<Vec<_>>())
            ),
        )),
        Landing::NoPath { .. } => None,
    }
}

fn parameters(f: &Facts<'_>, op: &Operation, matched: &str) -> Check {
    let sent_headers = f.sent.map_or(&[][..], |s| &s.headers[..]);
    let cookies: Vec<String> = sent_headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("cookie"))
        .flat_map(|(_, v)| {
            v.split(';')
                .filter_map(|c| c.split_once('='))
                .map(|(n, _)| n.trim().to_owned())
        })
        .collect();
    let was_sent = |name: &str, location: &str| match location {
        "query" => f.sent_query.iter().any(|(n, _)| n == name),
        "header" => sent_headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)),
        "cookie" => cookies.iter().any(|n| n == name),
        _ => true,
    };
    let mut missing = Vec::new();
    let mut required = 0;
    for p in op
        .parameters
        .iter()
        // An object in the query is spelt as its own fields (`?status=x`,
        // `?filter[status]=x`), never under its name: nothing to look for.
        .filter(|p| p.required && p.location != "path" && !(p.object && p.location == "query"))
    {
        required += 1;
        if was_sent(&p.name, &p.location) {
            continue;
        }
        let near = (p.location == "query")
            .then(|| nearest(&p.name, f.sent_query.iter().map(|(n, _)| n.as_str())))
            .flatten();
        missing.push(match near {
            Some(near) => format!(
                "required {} parameter {} was not sent (you sent {} — the same, misspelt?)",
                p.location,
                q(&p.name),
                q(near)
            ),
            None => format!("required {} parameter {} was not sent", p.location, q(&p.name)),
        });
    }
    // Values the description types (integer, number, boolean) or lists (enum): the path's
    // segments and the query's values.
    let path_values = crate::diagnosis::api_description::path_values(&op.path, matched);
    let sent = path_values
        .iter()
        .map(|(n, v)| ("path", n, v))
        .chain(f.sent_query.iter().map(|(n, v)| ("query", n, v)));
    for (location, name, value) in sent {
        let refused = op
            .parameters
            .iter()
            .find(|p| p.location == location && p.name == *name && !p.object)
            .and_then(|p| p.refuses(value));
        if let Some(wanted) = refused {
            missing.push(format!(
                "{location} parameter {} is {wanted} in the description; the request sent {}",
                q(name),
                q(value)
            ));
        }
    }
    if missing.is_empty() {
        Check::pass(
            any_error::SPEC_PARAMETERS,
            match required {
                0 => format!(
                    "{} {} requires no parameters beyond its path",
                    op.method,
                    q(&op.path)
                ),
                n => format!(
                    "All {n} required parameter{} of {} {} were sent",
                    if n == 1 { "" } else { "s" },
                    op.method,
                    q(&op.path)
                ),
            },
        )
    } else {
        Check::fail(any_error::SPEC_PARAMETERS, capitalised(&missing.join("; ")))
    }
}

fn fields(f: &Facts<'_>, api: &ApiDescription, op: &Operation) -> Option<Check> {
    let schema = op.body.as_ref()?;
    let Some(Value::Object(sent)) = &f.sent_json else {
        return None;
    };
    let mut findings = Findings::default();
    walk(sent, schema, "", &mut findings);
    let Findings {
        missing,
        unknown,
        likely,
    } = findings;
    if missing.is_empty() && unknown.is_empty() {
        return Some(Check::pass(
            any_error::SPEC_FIELDS,
            format!(
                "Every field sent is one {} {} describes in {}, and every required one is there",
                op.method,
                q(&op.path),
                q(&api.file)
            ),
        ));
    }
    let mut lines: Vec<String> = missing
        .iter()
        .map(|m| format!("required field {} was not sent", q(m)))
        .collect();
    lines.extend(unknown);
    let evidence = format!(
        "{} (the schema of {} {} in {})",
        capitalised(&lines.join("; ")),
        op.method,
        q(&op.path),
        q(&api.file)
    );
    Some(if likely || !missing.is_empty() {
        Check::fail(any_error::SPEC_FIELDS, evidence)
    } else {
        Check::possible(any_error::SPEC_FIELDS, evidence)
    })
}

#[derive(Default)]
struct Findings {
    missing: Vec<String>,
    unknown: Vec<String>,
    /// An unknown field is near a described one, or the schema refuses others.
    likely: bool,
}

/// How many findings are worth reading; the rest are counted.
const MAX_FINDINGS: usize = 8;

fn walk(sent: &serde_json::Map<String, Value>, schema: &Fields, prefix: &str, findings: &mut Findings) {
    let at = |name: &str| {
        if prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{prefix}.{name}")
        }
    };
    for field in schema.fields.iter().filter(|f| f.required) {
        if !sent.contains_key(&field.name) && findings.missing.len() < MAX_FINDINGS {
            findings.missing.push(at(&field.name));
        }
    }
    for (name, value) in sent {
        let Some(field) = schema.fields.iter().find(|f| f.name == *name) else {
            if schema.others == Others::Taken || findings.unknown.len() >= MAX_FINDINGS {
                continue;
            }
            let near = nearest(name, schema.fields.iter().map(|f| f.name.as_str()));
            findings.likely |= near.is_some() || schema.others == Others::Refused;
            findings.unknown.push(match near {
                Some(near) => format!(
                    "{} is not a field it describes — nearest: {}",
                    q(&at(name)),
                    q(&at(near))
                ),
                None => format!("{} is not a field it describes", q(&at(name))),
            });
            continue;
        };
        let Some(children) = &field.children else { continue };
        match value {
            Value::Object(object) => walk(object, children, &at(name), findings),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate().take(20) {
                    if let Value::Object(object) = item {
                        walk(object, children, &format!("{}[{i}]", at(name)), findings);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The candidate spelt most like `name`, if one is near enough (and not `name` itself).
fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    candidates
        .filter(|c| *c != name)
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= NEAR + 0.15)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A name or path quoted for evidence: `"/pet/{petId}"`.
fn q(text: &str) -> String {
    format!("\"{}\"", quote::text(text))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
