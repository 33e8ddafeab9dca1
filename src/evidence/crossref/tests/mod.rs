//! Cross-reference tests: lookups in a JSON body, lookups across places (query, form,
//! headers, cookies), and reading messages; the shared helpers are here.

mod body;
mod message;
mod places;

use serde_json::Value;

use super::*;
use crate::evidence::field_path::{self, PathSeg};

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn issue(location: Location, raw: &str) -> FieldIssue {
    FieldIssue {
        location,
        path: field_path::from_any(raw),
        raw_path: raw.to_owned(),
        message: None,
        code: None,
    }
}

fn sent_json(json: &Value) -> SentData<'_> {
    SentData {
        json: Some(json),
        form: &[],
        query: &[],
        headers: &[],
    }
}

fn missing(near: &str, why: &'static str) -> Presence {
    Presence::Missing {
        near: Some((near.to_owned(), why)),
    }
}
