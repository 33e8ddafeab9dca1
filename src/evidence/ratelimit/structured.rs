//! RFC 9651 structured-field plumbing for the draft fields: parameters of the right type,
//! policy items, and lists and dictionaries combined across field lines.
//!
//! Separate because it is the only part that speaks `sfv`, and its error handling (a bad
//! member is dropped, not the field) is the draft's, not the vendors'.

use std::time::Duration;

use sfv::{BareItem, Dictionary, FieldType, List, ListEntry, Parameters, Parser};

use super::quota::Policy;

/// A parameter had the wrong type or a negative value: the member is malformed.
#[derive(Debug)]
pub(super) struct BadParam;

fn non_negative(integer: sfv::Integer) -> Option<u64> {
    u64::try_from(i64::from(integer)).ok()
}

pub(super) fn param_u64(params: &Parameters, key: &str) -> Result<Option<u64>, BadParam> {
    params
        .get(key)
        .map(|value| value.as_integer().and_then(non_negative).ok_or(BadParam))
        .transpose()
}

fn param_string(params: &Parameters, key: &str) -> Result<Option<String>, BadParam> {
    params
        .get(key)
        .map(|value| value.as_string().map(|s| s.as_str().to_owned()).ok_or(BadParam))
        .transpose()
}

/// The partition key, re-serialised as an RFC 9651 byte sequence so evidence shows it the way a
/// header would.
fn param_bytes(params: &Parameters, key: &str) -> Result<Option<String>, BadParam> {
    match params.get(key) {
        None => Ok(None),
        Some(value @ BareItem::ByteSequence(_)) => {
            Ok(Some(sfv::ItemSerializer::new().bare_item(value).finish()))
        }
        Some(_) => Err(BadParam),
    }
}

/// The window parameter: `w` (drafts -03 and later) or `window` (drafts -00 … -02).
fn param_window(params: &Parameters) -> Result<Option<Duration>, BadParam> {
    let seconds = match param_u64(params, "w")? {
        Some(seconds) => Some(seconds),
        None => param_u64(params, "window")?,
    };
    Ok(seconds.map(Duration::from_secs))
}

/// One `RateLimit-Policy` member: a named draft-08+ policy (`"burst";q=100;w=60`) or an
/// unnamed older-draft one (`100;w=10`).
pub(super) fn policy_from_entry(entry: &ListEntry, source: &str) -> Option<Policy> {
    let ListEntry::Item(item) = entry else {
        return None;
    };
    let (name, quota) = match &item.bare_item {
        BareItem::String(name) => (
            Some(name.as_str().to_owned()),
            param_u64(&item.params, "q").ok()??,
        ),
        BareItem::Integer(quota) => (None, non_negative(*quota)?),
        _ => return None,
    };
    Some(Policy {
        name,
        quota,
        window: param_window(&item.params).ok()?,
        unit: param_string(&item.params, "qu").ok()?,
        partition: param_bytes(&item.params, "pk").ok()?,
        source: source.to_owned(),
    })
}

/// A member that is a plain non-negative Integer item (draft-07 `limit=100`).
pub(super) fn entry_u64(entry: &ListEntry) -> Option<u64> {
    match entry {
        ListEntry::Item(item) => item.bare_item.as_integer().and_then(non_negative),
        ListEntry::InnerList(_) => None,
    }
}

/// A list member as text, for the malformed record.
pub(super) fn serialize_entry(entry: &ListEntry) -> String {
    let list: List = vec![entry.clone()];
    list.serialize().unwrap_or_default()
}

/// Parses a structured field split over several lines as one: RFC 9651 §4.2 combines field
/// lines with commas, which is what parsing each line into the same container does. Any bad
/// line fails the whole field.
pub(super) fn parse_list(lines: &[(&str, &str)]) -> Option<List> {
    let mut list = List::new();
    for (_, value) in lines {
        Parser::new(value).parse_list_with_visitor(&mut list).ok()?;
    }
    Some(list)
}

pub(super) fn parse_dictionary(lines: &[(&str, &str)]) -> Option<Dictionary> {
    let mut dictionary = Dictionary::new();
    for (_, value) in lines {
        Parser::new(value)
            .parse_dictionary_with_visitor(&mut dictionary)
            .ok()?;
    }
    Some(dictionary)
}
