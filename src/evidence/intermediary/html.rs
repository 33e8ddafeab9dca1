//! A small HTML reader: the text of the first `<title>` or `<h1>`, tags dropped, character
//! references decoded (by `evidence::entities`, shared with the error-body reader).
//!
//! Separate because it is text processing, not detection: the title goes into the evidence.

use crate::evidence::text::strip_tags;

/// First `<title>` (or else `<h1>`) text of an HTML body, tags dropped, whitespace collapsed and
/// character references decoded (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, numeric ones).
pub fn html_title(body: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    element_text(body, &lower, "title").or_else(|| element_text(body, &lower, "h1"))
}

/// The text of the first `<tag>` element, or `None` when absent or blank.
pub(super) fn element_text(body: &str, lower: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}");
    let after_name = lower
        .match_indices(&open)
        .map(|(at, _)| at + open.len())
        .find(|&i| {
            matches!(
                lower.as_bytes().get(i),
                Some(b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'/')
            )
        })?;
    let content = after_name + lower.get(after_name..)?.find('>')? + 1;
    let end = lower
        .get(content..)?
        .find(&format!("</{tag}"))
        .map_or(lower.len(), |e| content + e);
    let text = strip_tags(body.get(content..end)?, " ");
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}
