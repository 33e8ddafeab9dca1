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
    let headline = if media.contains("xml") || start.starts_with("<?xml") {
        first_line(&strip_tags(text, "\n"))
    } else {
        first_line(text)
    };
    ErrorSummary {
        format: Some(BodyFormat::PlainText),
        headline,
        ..ErrorSummary::default()
    }
}

fn first_line(text: &str) -> Option<String> {
    text.lines().find_map(clean)
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
    let stripped = strip_tags(text, "\n");
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
    ErrorSummary {
        format: Some(BodyFormat::Html),
        headline,
        ..ErrorSummary::default()
    }
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
