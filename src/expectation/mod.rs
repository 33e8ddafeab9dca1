//! Whether what came back is what the collection expects (`expect:`), and what it gives the
//! requests after it (`capture:`). Pure functions of the request's expectations and its
//! outcome, for `run`, its reports and the TUI alike.
//!
//! Every expectation checked is kept with what was expected and what came, met or not: the
//! text output prints the misses ("✘ status: expected 401, got 200"), the reports and the
//! JSON print them all beside each other.

mod capture;
mod value;

pub use capture::{Captured, capture};

use serde_json::Value;

use crate::collection::{BodyExpectation, Expect, HeaderExpectation, ValueTest};
use crate::http::{Exchange, Outcome};
use crate::request::PrepareError;
use value::{shown, shown_text};

/// One expectation, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// What was checked: `status`, `header content-type`, `$.items[0].id`, `body`,
    /// `body_schema`, `duration`.
    pub what: String,
    pub expected: String,
    pub actual: String,
    pub met: bool,
}

impl Checked {
    fn new(
        what: impl Into<String>,
        expected: impl Into<String>,
        actual: impl Into<String>,
        met: bool,
    ) -> Self {
        Self {
            what: what.into(),
            expected: expected.into(),
            actual: actual.into(),
            met,
        }
    }
}

impl std::fmt::Display for Checked {
    /// `status: expected 401, got 200`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: expected {}, got {}",
            self.what, self.expected, self.actual
        )
    }
}

/// Each expectation as a line a person reads, phrased as the failures phrase what was
/// expected: `status: 201`, `header content-type: "application/json"`, `$.id: integer`.
pub fn describe(expect: &Expect) -> Vec<String> {
    let mut lines = vec![format!("status: {}", expect.describe())];
    for header in &expect.headers {
        let name = header.name.to_ascii_lowercase();
        lines.extend(
            header
                .tests
                .iter()
                .map(|t| format!("header {name}: {}", value::expected(t))),
        );
    }
    for body in &expect.body {
        lines.extend(
            body.tests
                .iter()
                .map(|t| format!("{}: {}", body.path, value::expected(t))),
        );
    }
    lines.extend(
        expect
            .body_contains
            .iter()
            .map(|t| format!("body: to contain {}", shown_text(t))),
    );
    if let Some(schema) = &expect.body_schema {
        lines.push(format!("body_schema: a body matching {}", schema.written));
    }
    if let Some(limit) = expect.max_duration {
        lines.push(format!(
            "duration: under {}",
            crate::format::duration_setting(limit)
        ));
    }
    lines
}

/// Every expectation of `expect` (any 2xx or 3xx when there is none) checked against
/// `outcome`; the status (or the failure) first.
pub fn check(expect: Option<&Expect>, outcome: Result<&Outcome, &PrepareError>) -> Vec<Checked> {
    let default = Expect::default();
    let expect = expect.unwrap_or(&default);
    let wanted = expect.describe();
    match outcome {
        Err(_) => vec![Checked::new(
            "status",
            wanted,
            "nothing: the request was not sent",
            false,
        )],
        Ok(Outcome::Failure(failure)) => {
            let kind = failure.kind.as_str();
            let met = expect.fails_with.iter().any(|k| k == kind);
            vec![Checked::new(
                "status",
                wanted,
                format!("no response ({kind})"),
                met,
            )]
        }
        Ok(Outcome::Response(exchange)) => response(expect, exchange, wanted),
    }
}

/// Why the answer is a redirect the transport would not follow — down from https to plain
/// http, or to a scheme that is not http(s) — or `None`.
fn refused_redirect(exchange: &Exchange) -> Option<String> {
    let head = &exchange.response.head;
    if !matches!(head.status, 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    let from = url::Url::parse(&exchange.request.url).ok()?;
    let to = from.join(head.header("location")?.trim()).ok()?;
    let shown = crate::secrets::mask_url(to.as_str());
    if crate::http::is_downgrade(&from, &to) {
        Some(format!("a redirect down to plain http ({shown}), not followed"))
    } else if !matches!(to.scheme(), "http" | "https") {
        Some(format!(
            "a redirect to {shown}, which is not http(s), not followed"
        ))
    } else {
        None
    }
}

fn response(expect: &Expect, exchange: &Exchange, wanted: String) -> Vec<Checked> {
    let status = exchange.response.status();
    let refused = refused_redirect(exchange).filter(|_| expect.status.is_empty());
    let mut checked = vec![match refused {
        // A 3xx is fine by default, but not one the transport refused to follow: the
        // request never reached what it asked for.
        Some(why) => Checked::new("status", wanted, format!("{status}, {why}"), false),
        None => Checked::new("status", wanted, status.to_string(), expect.admits_status(status)),
    }];
    for header in &expect.headers {
        checked.extend(header_tests(header, exchange));
    }
    let needs_json = !expect.body.is_empty() || expect.body_schema.is_some();
    let json: Result<Value, String> = if needs_json && !exchange.response.body_is_whole() {
        Err(format!(
            "a body of {}, too large to hold: kept on disk, not read as JSON",
            crate::format::bytes(exchange.response.body_len())
        ))
    } else if needs_json {
        serde_json::from_slice(&exchange.response.body).map_err(|_| not_json(exchange))
    } else {
        Err(String::new())
    };
    for body in &expect.body {
        checked.extend(body_tests(body, &json));
    }
    if !expect.body_contains.is_empty() {
        let text = String::from_utf8_lossy(&exchange.response.body);
        for wanted in &expect.body_contains {
            let met = match &exchange.response.spilled {
                // A body on disk is searched there, a piece at a time.
                Some(spilled) => file_contains(spilled, wanted.as_bytes()).unwrap_or(false),
                None => text.contains(wanted.as_str()),
            };
            let actual = if met {
                "it".to_owned()
            } else {
                format!(
                    "a body without it ({})",
                    crate::format::bytes(exchange.response.body_len())
                )
            };
            checked.push(Checked::new(
                "body",
                format!("to contain {}", shown_text(wanted)),
                actual,
                met,
            ));
        }
    }
    if let Some(schema) = &expect.body_schema {
        checked.push(schema_test(schema, &json));
    }
    if let Some(limit) = expect.max_duration {
        let took = exchange.timing.total;
        checked.push(Checked::new(
            "duration",
            format!("under {}", crate::format::duration_setting(limit)),
            crate::format::elapsed(took),
            took < limit,
        ));
    }
    checked
}

/// Whether a body kept on disk holds `needle`: read in pieces that overlap by the needle's
/// length, so a match across two pieces is found.
fn file_contains(spilled: &crate::http::SpilledBody, needle: &[u8]) -> std::io::Result<bool> {
    use std::io::Read as _;
    if needle.is_empty() {
        return Ok(true);
    }
    let finder = memchr::memmem::Finder::new(needle);
    let mut file = spilled.open()?;
    let mut buf = vec![0u8; 1024 * 1024 + needle.len()];
    let mut kept = 0;
    loop {
        let n = file.read(&mut buf[kept..])?;
        if n == 0 {
            return Ok(false);
        }
        let filled = kept + n;
        if finder.find(&buf[..filled]).is_some() {
            return Ok(true);
        }
        kept = (needle.len() - 1).min(filled);
        buf.copy_within(filled - kept..filled, 0);
    }
}

/// "a body that is not JSON (text/html, 1.2 KB)".
fn not_json(exchange: &Exchange) -> String {
    let kind = exchange
        .response
        .header("content-type")
        .unwrap_or("no Content-Type");
    let size = crate::format::bytes(exchange.response.body.len() as u64);
    if exchange.response.body.is_empty() {
        "an empty body".to_owned()
    } else {
        format!("a body that is not JSON ({kind}, {size})")
    }
}

fn header_tests(header: &HeaderExpectation, exchange: &Exchange) -> Vec<Checked> {
    let what = format!("header {}", header.name.to_ascii_lowercase());
    let values: Vec<&str> = exchange.response.head.header_all(&header.name).collect();
    // Set-Cookie and the like are masked in what is shown, never in what is compared.
    let show = |v: &str| shown_text(&crate::secrets::mask_header_value(&header.name, v));
    header
        .tests
        .iter()
        .map(|test| {
            let Some(first) = values.first() else {
                let met = matches!(test, ValueTest::Exists(false));
                return Checked::new(&what, value::expected(test), "no such header", met);
            };
            let joined = values.join(", ");
            let (met, actual) = match test {
                ValueTest::Exists(wanted) => (*wanted, show(first)),
                ValueTest::Equals(Value::String(wanted)) => {
                    (values.iter().any(|v| v == wanted), show(&joined))
                }
                ValueTest::Equals(other) => {
                    let wanted = other.to_string();
                    (values.iter().any(|v| *v == wanted), show(&joined))
                }
                ValueTest::Matches(pattern) => (values.iter().any(|v| pattern.0.is_match(v)), show(&joined)),
                ValueTest::Contains(part) => (joined.contains(part.as_str()), show(&joined)),
                // The loader refuses these for headers.
                ValueTest::Type(_)
                | ValueTest::Count(_)
                | ValueTest::LessThan(_)
                | ValueTest::GreaterThan(_) => (false, show(&joined)),
            };
            Checked::new(&what, value::expected(test), actual, met)
        })
        .collect()
}

fn body_tests(body: &BodyExpectation, json: &Result<Value, String>) -> Vec<Checked> {
    let json = match json {
        Ok(json) => json,
        Err(why) => {
            return body
                .tests
                .iter()
                .map(|test| Checked::new(&body.path, value::expected(test), why, false))
                .collect();
        }
    };
    let found: Vec<&Value> = body.query.query(json).all();
    body.tests
        .iter()
        .map(|test| {
            let (met, actual) = value::test(test, &found, body.singular);
            Checked::new(&body.path, value::expected(test), actual, met)
        })
        .collect()
}

fn schema_test(schema: &crate::collection::SchemaFile, json: &Result<Value, String>) -> Checked {
    let expected = format!("a body matching {}", schema.written);
    let json = match json {
        Ok(json) => json,
        Err(why) => return Checked::new("body_schema", expected, why, false),
    };
    let Ok(validator) = schema.validator() else {
        // The loader compiled it once already; a schema cannot stop compiling since.
        return Checked::new("body_schema", expected, "a schema that does not compile", false);
    };
    let errors: Vec<String> = validator
        .iter_errors(json)
        .take(3)
        .map(|e| {
            let at = e.instance_path().to_string();
            let at = if at.is_empty() { "the body".to_owned() } else { at };
            format!("{at}: {e}")
        })
        .collect();
    if errors.is_empty() {
        Checked::new("body_schema", expected, "a body that matches", true)
    } else {
        Checked::new(
            "body_schema",
            expected,
            shown(&Value::String(errors.join("; "))),
            false,
        )
    }
}

#[cfg(test)]
mod tests;
