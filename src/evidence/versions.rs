//! Optimistic concurrency by version fields: the version a request claims to update (an
//! `If-Match` tag, `?cas=41`, `"_rev": "1-…"`, `"version": 3`, `X-Contentful-Version: 3`,
//! `metadata.resourceVersion`, `SyncToken`) and the current one a conflict answer shows (an
//! `ETag`, the body's `ModifyIndex`, `_rev`, `sys.version`, an `X-…-Index` header), so a 409
//! can say "you sent 41; it is now 57" (docs/diagnosis.md §Optimistic concurrency by version).
//!
//! Names are matched loosely — `cas` and `ModifyIndex` are the same idea under two names — and
//! values are only compared, never interpreted.

use serde_json::Value;

/// Names of version fields and parameters, lower case, without `_` or `-`.
const VERSION_NAMES: &[&str] = &[
    "cas",
    "version",
    "rev",
    "revision",
    "modifyindex",
    "lockversion",
    "etag",
    "synctoken",
    "seqno",
    "ifseqno",
    "resourceversion",
    "expectedversion",
    "ifversion",
    "index",
];

/// One version value and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// `query cas`, `header X-Contentful-Version`, `body _rev`.
    pub place: String,
    pub value: String,
}

fn folded(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | '$'))
        .collect::<String>()
        .to_ascii_lowercase()
}

fn is_version_name(name: &str) -> bool {
    version_rank(name).is_some()
}

/// How telling a version name is (lower is better): an exact name by the order of
/// `VERSION_NAMES`, then a name ending in one (`X-Contentful-Version`, `X-Nomad-Index`); a
/// creation stamp (`CreateIndex`) is no version.
fn version_rank(name: &str) -> Option<usize> {
    let name = folded(name);
    if name.starts_with("create") {
        return None;
    }
    let bare = name.strip_prefix('x').unwrap_or(&name);
    VERSION_NAMES
        .iter()
        .position(|v| name == *v || bare == *v)
        .or_else(|| {
            VERSION_NAMES
                .iter()
                .position(|v| name.len() > v.len() + 2 && name.ends_with(v))
                .map(|p| p + VERSION_NAMES.len())
        })
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The first version field of a JSON document, at the top or one level down (`sys.version`,
/// `metadata.resourceVersion`).
fn in_json(json: &Value) -> Option<(String, String)> {
    let object = json.as_object()?;
    let best = |object: &serde_json::Map<String, Value>| {
        object
            .iter()
            .filter_map(|(k, v)| Some((version_rank(k)?, k.clone(), scalar(v)?)))
            .min_by_key(|(rank, _, _)| *rank)
    };
    if let Some((_, key, value)) = best(object) {
        return Some((key, value));
    }
    object.iter().find_map(|(outer, inner)| {
        let (_, key, value) = best(inner.as_object()?)?;
        Some((format!("{outer}.{key}"), value))
    })
}

/// The version the request claims to update: `If-Match`, a version header, a version query
/// parameter, or a version field of the JSON body.
pub fn sent_version(
    headers: &[(String, String)],
    query: &[(String, String)],
    json: Option<&Value>,
) -> Option<Version> {
    let header = headers.iter().find(|(name, _)| {
        name.eq_ignore_ascii_case("if-match") || (is_version_name(name) && !name.eq_ignore_ascii_case("etag"))
    });
    if let Some((name, value)) = header {
        return Some(Version {
            place: format!("header {name}"),
            value: value.trim().to_owned(),
        });
    }
    if let Some((name, value)) = query.iter().find(|(name, _)| is_version_name(name)) {
        return Some(Version {
            place: format!("query parameter {name}"),
            value: value.clone(),
        });
    }
    let (name, value) = in_json(json?)?;
    Some(Version {
        place: format!("body field {name}"),
        value,
    })
}

/// The current version a response shows: its `ETag`, an `X-…-Index` or `X-…-Version`
/// header, or a version field of its JSON body.
pub fn current_version(headers: &[(String, String)], json: Option<&Value>) -> Option<Version> {
    if let Some((name, value)) = json.and_then(in_json) {
        return Some(Version {
            place: format!("its {name}"),
            value,
        });
    }
    headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("etag") || (is_version_name(name) && name.len() > 5))
        .map(|(name, value)| Version {
            place: format!("its {name}"),
            value: value.trim().to_owned(),
        })
}

/// Two versions are the same when their values are, `W/` and quotes aside.
pub fn same(a: &str, b: &str) -> bool {
    let bare = |v: &str| v.trim().trim_start_matches("W/").trim_matches('"').to_owned();
    bare(a) == bare(b)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{current_version, same, sent_version};

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(a, b)| ((*a).into(), (*b).into())).collect()
    }

    #[test]
    fn a_check_and_set_index_is_compared_with_the_current_modify_index() {
        let sent = sent_version(&[], &pairs(&[("cas", "41")]), None).unwrap();
        assert_eq!(
            (sent.place.as_str(), sent.value.as_str()),
            ("query parameter cas", "41")
        );
        let body = json!({"Path": "nomad/jobs/billing", "CreateIndex": 12, "ModifyIndex": 57});
        let current = current_version(&pairs(&[("X-Nomad-Index", "57")]), Some(&body)).unwrap();
        assert_eq!(
            (current.place.as_str(), current.value.as_str()),
            ("its ModifyIndex", "57")
        );
        assert!(!same(&sent.value, &current.value));
    }

    #[test]
    fn versions_are_found_in_headers_and_nested_fields() {
        let sent = sent_version(&pairs(&[("X-Contentful-Version", "3")]), &[], None).unwrap();
        assert_eq!(sent.place, "header X-Contentful-Version");
        let body = json!({"sys": {"id": "5KsDBWseXY6QegucYAoacS", "version": 7}});
        assert_eq!(
            current_version(&[], Some(&body)).unwrap().place,
            "its sys.version"
        );
        let body = json!({"metadata": {"name": "web", "resourceVersion": "8841"}});
        assert_eq!(
            sent_version(&[], &[], Some(&body)).unwrap().place,
            "body field metadata.resourceVersion"
        );
        assert!(same("W/\"abc\"", "\"abc\""));
    }

    #[test]
    fn ordinary_fields_are_not_versions() {
        let body = json!({"name": "Ada", "count": 3, "id": 7});
        assert_eq!(sent_version(&[], &pairs(&[("page", "2")]), Some(&body)), None);
    }
}
