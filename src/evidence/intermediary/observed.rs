//! The response as the detectors read it: headers looked up case-insensitively, the body with
//! a lower-cased twin for matching, and its shape (JSON, HTML, text, empty); plus the helpers
//! that quote headers and body text as evidence.
//!
//! Separate because every detector reads the response through it, whatever product it looks
//! for.

use crate::evidence::negotiation::essence;
pub(super) use crate::evidence::text::clip;

/// What the body looks like, which decides how much header signals can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Json,
    Html,
    Text,
    Empty,
}

/// The response as the detectors read it.
pub(super) struct Observed<'a> {
    pub(super) headers: &'a [(String, String)],
    pub(super) text: &'a str,
    /// `text` with ASCII lowercased: same byte offsets, so positions found here slice `text`.
    pub(super) lower: String,
    pub(super) shape: Shape,
    /// The body parsed as JSON, when it is JSON.
    pub(super) json: Option<&'a serde_json::Value>,
}

impl<'a> Observed<'a> {
    pub(super) fn new(
        headers: &'a [(String, String)],
        content_type: Option<&str>,
        text: &'a str,
        json: Option<&'a serde_json::Value>,
    ) -> Self {
        let lower = text.to_ascii_lowercase();
        let shape = shape_of(content_type, &lower);
        Self {
            headers,
            text,
            lower,
            shape,
            json,
        }
    }

    pub(super) fn header(&self, name: &str) -> Option<(&'a str, &'a str)> {
        named(self.headers, name).next()
    }

    /// The first header whose name starts with `prefix` (case-insensitive), e.g. `x-kong-`.
    pub(super) fn header_with_prefix(&self, prefix: &str) -> Option<(&'a str, &'a str)> {
        self.headers
            .iter()
            .find(|(n, _)| {
                n.trim()
                    .get(..prefix.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
            })
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The `Server` header and its product name without version (`nginx/1.25.3` → `nginx`).
    pub(super) fn server(&self) -> Option<(&'a str, &'a str, &'a str)> {
        let (name, value) = self.header("server")?;
        let product = value.trim().split(['/', ' ']).next().filter(|p| !p.is_empty())?;
        Some((name, value, product))
    }

    pub(super) fn server_is(&self, product: &str) -> Option<String> {
        let (name, value, found) = self.server()?;
        found.eq_ignore_ascii_case(product).then(|| quote(name, value))
    }

    /// The body from the start of `needle` (lowercase) to the end of its line or the next
    /// tag, quoted.
    pub(super) fn excerpt_at(&self, needle: &str) -> Option<String> {
        let start = self.lower.find(needle)?;
        let rest = self.text.get(start..)?;
        let end = rest.find(['\n', '\r', '<']).unwrap_or(rest.len());
        Some(format!("Body \"{}\"", clip(rest.get(..end)?.trim())))
    }

    /// The products named by every `Via` entry.
    pub(super) fn via_products(&self) -> Vec<&'a str> {
        named(self.headers, "via")
            .flat_map(|(_, v)| v.split(','))
            .filter_map(via_product)
            .collect()
    }
}

/// Headers called `name` (case-insensitive), as (name as received, value).
pub(super) fn named<'h>(
    headers: &'h [(String, String)],
    name: &str,
) -> impl Iterator<Item = (&'h str, &'h str)> {
    headers
        .iter()
        .filter(move |(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(n, v)| (n.as_str(), v.as_str()))
}

/// `Name: value` as evidence, value cut at 120 characters.
pub(super) fn quote(name: &str, value: &str) -> String {
    format!("{}: {}", name.trim(), clip(value.trim()))
}

/// Sniffs the body first (a JSON-declared response whose body is HTML is an error page from
/// someone else), then falls back to the declared type.
fn shape_of(content_type: Option<&str>, lower: &str) -> Shape {
    let start = lower.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if start.is_empty() {
        return Shape::Empty;
    }
    if start.starts_with(['{', '[']) {
        return Shape::Json;
    }
    let html_tags = [
        "<html",
        "<!doctype html",
        "<head",
        "<body",
        "<title",
        "<h1",
        "<center",
    ];
    if start.starts_with('<') && html_tags.iter().any(|t| start.contains(t)) {
        return Shape::Html;
    }
    match content_type {
        Some(ct) if matches!(essence(ct).as_str(), "text/html" | "application/xhtml+xml") => Shape::Html,
        Some(ct) if crate::media_type::is_json_type(ct) => Shape::Json,
        _ => Shape::Text,
    }
}

/// The product of one `Via` entry (`protocol received-by [comment]`): the comment's first word
/// when present (`(CloudFront)`, `(Varnish/6.0)`), else the received-by name without version
/// or port. A bare `kong/0.14` without protocol is accepted too.
pub(super) fn via_product(entry: &str) -> Option<&str> {
    let (head, comment) = entry.split_once('(').unwrap_or((entry, ""));
    if let Some(word) = comment
        .trim_end_matches(|c: char| c == ')' || c.is_whitespace())
        .split_whitespace()
        .next()
    {
        return without_version(word);
    }
    let mut words = head.split_whitespace();
    let first = words.next()?;
    let received_by = match words.next() {
        Some(second) => second,
        None if first.contains(|c: char| c.is_ascii_alphabetic()) && !first.starts_with("HTTP/") => first,
        None => return None,
    };
    without_version(received_by)
        .and_then(|name| name.split(':').next())
        .filter(|n| !n.is_empty())
}

pub(super) fn without_version(product: &str) -> Option<&str> {
    product.split('/').next().map(str::trim).filter(|p| !p.is_empty())
}
