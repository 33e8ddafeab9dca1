//! Unresolved placeholders in what was sent (`{{name}}`, `${name}`, a whole path segment
//! `{id}` / `:id` / `<id>`, raw or percent-encoded), and missing values turned into text
//! (`undefined`, `null`, …).

use url::Url;

use super::body::PARSE_LIMIT;
use crate::evidence::text::percent_decode;
use crate::http::SentRequest;

/// An unresolved placeholder found in what was sent.
pub struct Placeholder {
    /// Where: `URL path segment 3`, `header X-Id`, `body`.
    pub place: String,
    pub token: String,
    /// The token as it went on the wire, when encoding changed it.
    pub encoded: Option<String>,
}

/// Every placeholder in the URL's path, host and query, the headers and the body, in that
/// order.
pub fn find(url: Option<&Url>, query: &[(String, String)], sent: Option<&SentRequest>) -> Vec<Placeholder> {
    let mut found = Vec::new();
    if let Some(url) = url {
        for (i, segment) in url.path_segments().into_iter().flatten().enumerate() {
            let decoded = percent_decode(segment);
            if let Some(token) = segment_placeholder(&decoded).or_else(|| inline_placeholder(&decoded)) {
                found.push(Placeholder {
                    place: format!("URL path segment {}", i + 1),
                    encoded: (segment != decoded).then(|| segment.to_owned()),
                    token,
                });
            }
        }
        if let Some(host) = url.host_str()
            && let Some(token) = inline_placeholder(&percent_decode(host))
        {
            found.push(Placeholder {
                place: "URL host".to_owned(),
                token,
                encoded: Some(host.to_owned()),
            });
        }
        for (name, value) in query {
            if let Some(token) = inline_placeholder(value).or_else(|| segment_placeholder(value)) {
                found.push(Placeholder {
                    place: format!("query parameter \"{name}\""),
                    token,
                    encoded: None,
                });
            }
        }
    }
    if let Some(sent) = sent {
        for (name, value) in &sent.headers {
            if let Some(token) = inline_placeholder(value) {
                found.push(Placeholder {
                    place: format!("header {name}"),
                    token,
                    encoded: None,
                });
            }
        }
        if sent.body.len() <= PARSE_LIMIT
            && let Ok(text) = std::str::from_utf8(&sent.body)
            && let Some(token) = inline_placeholder(text)
        {
            found.push(Placeholder {
                place: "body".to_owned(),
                token,
                encoded: None,
            });
        }
    }
    found
}

/// `URL path segment 3 still contains unresolved placeholder {{id}} (sent as %7B%7Bid%7D%7D)`.
pub fn describe(p: &Placeholder) -> String {
    match &p.encoded {
        Some(encoded) => format!(
            "{} still contains unresolved placeholder {} (sent as {encoded})",
            p.place, p.token
        ),
        None => format!("{} still contains unresolved placeholder {}", p.place, p.token),
    }
}

/// `{{…}}` or `${…}` anywhere in the text.
fn inline_placeholder(text: &str) -> Option<String> {
    for (open, close) in [("{{", "}}"), ("${", "}")] {
        if let Some(start) = text.find(open)
            && let Some(len) = text[start..].find(close)
        {
            return Some(text[start..start + len + close.len()].to_owned());
        }
    }
    None
}

/// A whole segment that is a documentation-style template: `{id}`, `:id`, `<id>`.
fn segment_placeholder(segment: &str) -> Option<String> {
    let inner = segment
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .or_else(|| segment.strip_prefix(':'))
        .or_else(|| segment.strip_prefix('<').and_then(|s| s.strip_suffix('>')))?;
    let is_name = !inner.is_empty()
        && inner
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    is_name.then(|| segment.to_owned())
}

/// Missing values as code turns them into text.
pub const STRINGIFIED: [&str; 6] = ["undefined", "null", "None", "NaN", "nil", "[object Object]"];

/// The first path segment (1-based) that is a missing value turned into text, decoded.
pub fn stringified_segment(url: &Url) -> Option<(usize, String)> {
    url.path_segments()
        .into_iter()
        .flatten()
        .map(percent_decode)
        .enumerate()
        .find(|(_, decoded)| STRINGIFIED.contains(&decoded.as_str()))
        .map(|(i, decoded)| (i + 1, decoded))
}
