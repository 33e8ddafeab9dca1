//! Bodies that are not JSON: the AWS/Azure `<Error>` XML document, `application/problem+xml`,
//! HTML error pages and plain text, read with a small tolerant markup scanner.
//!
//! Separate because none of it uses `serde_json`: it reads the first 64 KiB as text.

use super::access::is_http_url;
use super::summary::{BodyFormat, ErrorSummary, clean, informative};
use super::xml::from_xml;
use crate::evidence::text::strip_tags;

pub(super) fn from_text(media: &str, text: &str) -> ErrorSummary {
    let lower = text.to_ascii_lowercase();
    let start = lower.trim_start();
    let xml_like = media.contains("xml") || start.starts_with("<?xml") || start.starts_with("<error");
    if xml_like
        && !media.contains("problem+xml")
        && let Some(summary) = from_xml(text.trim_start_matches('\u{feff}'))
    {
        return summary;
    }
    if (lower.contains("<error>") || lower.contains("<error ")) && lower.contains("<code>") {
        return aws_xml(text, &lower);
    }
    if media.contains("problem+xml") || start.starts_with("<problem") || lower.contains("<problem xmlns") {
        return problem_xml(text, &lower);
    }
    let head = lower.get(..1024).unwrap_or(&lower);
    let html_markers = ["<!doctype html", "<html", "<head", "<body", "<title"];
    if media.contains("html") || html_markers.iter().any(|m| head.contains(m)) {
        return html(text, &lower);
    }
    let plain = if media.contains("xml") || start.starts_with("<?xml") {
        strip_tags(text, "\n")
    } else {
        text.to_owned()
    };
    // The first line, and the others that say something, for a reader that finds the first
    // only repeats the status ("Forbidden\nIP 203.0.113.9 is not on the allow list").
    let lines: Vec<String> = plain.lines().filter_map(clean).take(20).collect();
    let headline = lines.first().cloned();
    let details = lines
        .iter()
        .skip(1)
        .filter(|l| informative(l, 0, ""))
        .take(3)
        .cloned()
        .collect();
    ErrorSummary {
        format: Some(BodyFormat::PlainText),
        headline,
        details,
        ..ErrorSummary::default()
    }
}

fn aws_xml(text: &str, lower: &str) -> ErrorSummary {
    ErrorSummary {
        format: Some(BodyFormat::AwsXml),
        code: element_text(text, lower, "code"),
        headline: element_text(text, lower, "message"),
        request_id: element_text(text, lower, "requestid"),
        ..ErrorSummary::default()
    }
}

fn problem_xml(text: &str, lower: &str) -> ErrorSummary {
    let kind = element_text(text, lower, "type");
    let mut summary = ErrorSummary {
        format: Some(BodyFormat::ProblemJson),
        headline: element_text(text, lower, "detail").or_else(|| element_text(text, lower, "title")),
        request_id: element_text(text, lower, "instance"),
        problem_type: kind.clone(),
        ..ErrorSummary::default()
    };
    if let Some(kind) = kind.filter(|k| k != "about:blank") {
        summary.doc_url = is_http_url(&kind).then(|| kind.clone());
        summary.code = Some(kind);
    }
    summary
}

/// The page's title, unless it only repeats the status ("Error", "404 Not Found") and a
/// heading, preformatted block or paragraph says more (Express's `<pre>Cannot POST /x</pre>`,
/// Rails's `<h2>No route matches …</h2>`).
fn html(text: &str, lower: &str) -> ErrorSummary {
    // Style sheets and scripts are not words for people.
    let stripped = strip_tags(&without_elements(text, &["style", "script"]), "\n");
    let candidates: Vec<String> = ["title", "h1", "h2", "pre", "p"]
        .iter()
        .filter_map(|name| element_text(text, lower, name))
        .chain(stripped.lines().filter_map(clean).take(20))
        .collect();
    let headline = candidates
        .iter()
        .find(|c| informative(c, 0, ""))
        .or_else(|| candidates.first())
        .cloned();
    // What else the page says, for a reader that finds the headline only repeats the status.
    let mut details: Vec<String> = Vec::new();
    for candidate in &candidates {
        if Some(candidate) != headline.as_ref()
            && !details.contains(candidate)
            && informative(candidate, 0, "")
        {
            details.push(candidate.clone());
        }
    }
    details.truncate(3);
    ErrorSummary {
        format: Some(BodyFormat::Html),
        headline,
        details,
        ..ErrorSummary::default()
    }
}

/// The page without the given elements and their content (`<style>…</style>`).
fn without_elements(text: &str, names: &[&str]) -> String {
    let mut out = text.to_owned();
    for name in names {
        loop {
            let lower = out.to_ascii_lowercase();
            let Some(start) = lower.find(&format!("<{name}")) else {
                break;
            };
            let close = format!("</{name}>");
            let end = lower[start..]
                .find(&close)
                .map_or(out.len(), |e| start + e + close.len());
            out.replace_range(start..end, "\n");
        }
    }
    out
}

/// The text of the first `<name>` or `<name …>` element, tags inside removed and entities
/// decoded. `lower` is `text` in ASCII lower case, so byte positions agree.
fn element_text(text: &str, lower: &str, name: &str) -> Option<String> {
    let open = format!("<{name}");
    let close = format!("</{name}");
    let mut from = 0;
    while let Some(found) = lower.get(from..).and_then(|rest| rest.find(&open)) {
        let tag_start = from + found;
        let after_name = tag_start + open.len();
        let next = lower.get(after_name..)?.chars().next()?;
        if next == '>' || next.is_whitespace() {
            let content_start = after_name + lower.get(after_name..)?.find('>')? + 1;
            let content_end = content_start + lower.get(content_start..)?.find(&close)?;
            let inner = text.get(content_start..content_end)?;
            return clean(&strip_tags(inner, ""));
        }
        from = after_name;
    }
    None
}
