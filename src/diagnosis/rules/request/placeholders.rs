//! Unresolved placeholders and missing values turned into text (`R.placeholder`,
//! `R.stringified-missing`).

use super::body::find_in_json;
use crate::diagnosis::Check;
use crate::diagnosis::catalogue::request;
use crate::diagnosis::facts::{Facts, Placeholder};
use crate::evidence::text::percent_decode;

/// `{{name}}`, `${name}`, or a whole path segment `{name}` / `:name` / `<name>`, raw or
/// percent-encoded, in the URL, headers and body. Found once per exchange (the lint, the
/// 400, 404 and common checks all ask); later calls read what was found.
pub fn find_placeholders<'f>(f: &'f Facts<'_>) -> &'f [Placeholder] {
    f.placeholders.get_or_init(|| find(f))
}

fn find(f: &Facts<'_>) -> Vec<Placeholder> {
    let mut found = Vec::new();
    if let Some(url) = &f.url {
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
        for (name, value) in &f.sent_query {
            if let Some(token) = inline_placeholder(value).or_else(|| segment_placeholder(value)) {
                found.push(Placeholder {
                    place: format!("query parameter \"{name}\""),
                    token,
                    encoded: None,
                });
            }
        }
    }
    if let Some(sent) = f.sent {
        for (name, value) in &sent.headers {
            if let Some(token) = inline_placeholder(value) {
                found.push(Placeholder {
                    place: format!("header {name}"),
                    token,
                    encoded: None,
                });
            }
        }
        if sent.body.len() <= crate::diagnosis::facts::PARSE_LIMIT
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

pub(super) fn placeholder(f: &Facts<'_>) -> Option<Check> {
    f.sent?;
    Some(match find_placeholders(f).first() {
        Some(p) => Check::fail(request::PLACEHOLDER, describe_placeholder(p)),
        None => Check::pass(
            request::PLACEHOLDER,
            "URL, headers and body hold no {{…}}, {id} or :id placeholders",
        ),
    })
}

pub fn describe_placeholder(p: &Placeholder) -> String {
    match &p.encoded {
        Some(encoded) => format!(
            "{} still contains unresolved placeholder {} (sent as {encoded})",
            p.place, p.token
        ),
        None => format!("{} still contains unresolved placeholder {}", p.place, p.token),
    }
}

/// `{{…}}` or `${…}` anywhere in the text.
pub(super) fn inline_placeholder(text: &str) -> Option<String> {
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
pub(super) fn segment_placeholder(segment: &str) -> Option<String> {
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

pub(super) const STRINGIFIED: [&str; 6] = ["undefined", "null", "None", "NaN", "nil", "[object Object]"];

/// The first path segment (1-based) that is a missing value turned into text, decoded.
pub fn stringified_segment(url: &url::Url) -> Option<(usize, String)> {
    url.path_segments()
        .into_iter()
        .flatten()
        .map(percent_decode)
        .enumerate()
        .find(|(_, decoded)| STRINGIFIED.contains(&decoded.as_str()))
        .map(|(i, decoded)| (i + 1, decoded))
}

pub(super) fn stringified_missing(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    if let Some((n, decoded)) = stringified_segment(url) {
        return Some(Check::fail(
            request::STRINGIFIED_MISSING,
            format!("URL path segment {n} is \"{decoded}\" — a missing value was stringified"),
        ));
    }
    for (name, value) in &f.sent_query {
        if STRINGIFIED.contains(&value.as_str()) {
            return Some(Check::fail(
                request::STRINGIFIED_MISSING,
                format!("Query param \"{name}\" = \"{value}\" — a missing value was turned into text"),
            ));
        }
    }
    if let Some(json) = &f.sent_json
        && let Some((path, value)) = find_in_json(json, &|path, v| {
            v.as_str()
                .filter(|s| STRINGIFIED.contains(s))
                .map(|s| (path.to_owned(), s.to_owned()))
        })
    {
        return Some(Check::fail(
            request::STRINGIFIED_MISSING,
            format!("Body field {path} = \"{value}\" — a missing value was turned into text"),
        ));
    }
    None
}
