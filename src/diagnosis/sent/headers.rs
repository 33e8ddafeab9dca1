//! The request's headers measured: how large they are, and which were sent more than once.

use indexmap::IndexMap;

use crate::http::SentRequest;

/// Total header bytes, and the largest header line with its size (`Name: value\r\n`).
pub fn sizes(sent: &SentRequest) -> Option<(usize, String, usize)> {
    let total = sent.headers.iter().map(|(n, v)| n.len() + v.len() + 4).sum();
    let (name, largest) = sent
        .headers
        .iter()
        .map(|(n, v)| (n.clone(), n.len() + v.len() + 4))
        .max_by_key(|(_, s)| *s)?;
    Some((total, name, largest))
}

/// Headers the request carries more than once, in order of first appearance: the name as
/// first written and every value. One pass, names compared case-insensitively.
pub fn repeated(sent: &SentRequest) -> Vec<(&str, Vec<&str>)> {
    let mut seen: IndexMap<String, (&str, Vec<&str>)> = IndexMap::new();
    for (name, value) in &sent.headers {
        seen.entry(name.to_ascii_lowercase())
            .or_insert_with(|| (name.as_str(), Vec::new()))
            .1
            .push(value.as_str());
    }
    seen.into_values()
        .filter(|(_, values)| values.len() > 1)
        .collect()
}
