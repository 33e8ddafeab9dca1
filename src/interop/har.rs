//! HAR 1.2 (the HTTP Archive browsers' devtools save, <http://www.softwareishard.com/blog/har-12-spec/>)
//! read into requests: one per entry, grouped by host, each as the browser sent it — method,
//! URL, headers, body (`postData.text`, or its `params` as form rows) — with the options a
//! user asks for: only the XHR/fetch calls an app made (Chrome and Firefox mark an entry's
//! `_resourceType`), without cookies, without the headers browsers add to describe or track
//! themselves. HTTP/2 pseudo-headers (`:authority`) and the headers apibench's client writes
//! itself (`Host`, `Content-Length`, `Accept-Encoding`, `Connection`) are never imported.
//!
//! The archive is read with serde into the part of the format this needs; an archive that is
//! not JSON, or not HAR, is refused with the line and column where it stops making sense.

use serde::Deserialize;

use crate::collection::{Body, Request};
use crate::template::Template;

/// What to keep of an archive.
#[derive(Debug, Clone, Copy, Default)]
pub struct HarOptions {
    /// Only the entries the page's scripts made (`_resourceType` xhr or fetch).
    pub only_xhr: bool,
    /// No `Cookie` headers.
    pub drop_cookies: bool,
    /// No headers browsers add about themselves (`sec-ch-ua*`, `sec-fetch-*`, `User-Agent`,
    /// `Referer`, `Origin`, `Priority`, `DNT`, …).
    pub drop_tracking: bool,
}

/// Requests read from an archive, by host, in the archive's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub hosts: Vec<(String, Vec<Request>)>,
    /// Entries left out, and why (`3 entries that are not XHR/fetch`).
    pub skipped: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HarError {
    #[error("this is not a HAR archive: {0}")]
    NotHar(String),
    #[error("HAR version {0} is not read (1.1 and 1.2 are)")]
    Version(String),
}

#[derive(Deserialize)]
struct Archive {
    log: Log,
}

#[derive(Deserialize)]
struct Log {
    version: Option<String>,
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    request: HarRequest,
    #[serde(rename = "_resourceType")]
    resource_type: Option<String>,
}

#[derive(Deserialize)]
struct HarRequest {
    method: String,
    url: String,
    #[serde(default)]
    headers: Vec<NameValue>,
    #[serde(rename = "postData")]
    post_data: Option<PostData>,
}

#[derive(Deserialize)]
struct NameValue {
    name: String,
    #[serde(default)]
    value: String,
}

#[derive(Deserialize)]
struct PostData {
    #[serde(rename = "mimeType", default)]
    mime_type: String,
    text: Option<String>,
    #[serde(default)]
    params: Vec<Param>,
}

#[derive(Deserialize)]
struct Param {
    name: String,
    #[serde(default)]
    value: String,
    #[serde(rename = "fileName")]
    file_name: Option<String>,
}

/// Headers the client writes itself: never imported.
const CLIENT_WRITES: &[&str] = &[
    "host",
    "content-length",
    "accept-encoding",
    "connection",
    "transfer-encoding",
];

/// Headers browsers add about themselves, dropped with `drop_tracking`.
fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("sec-ch-")
        || name.starts_with("sec-fetch-")
        || matches!(
            name.as_str(),
            "user-agent"
                | "referer"
                | "origin"
                | "priority"
                | "dnt"
                | "upgrade-insecure-requests"
                | "sec-gpc"
                | "te"
        )
}

/// Reads the archive `text`.
pub fn import(text: &str, options: HarOptions) -> Result<Imported, HarError> {
    let archive: Archive = serde_json::from_str(text).map_err(|e| HarError::NotHar(e.to_string()))?;
    if let Some(version) = archive
        .log
        .version
        .as_deref()
        .filter(|v| !matches!(*v, "1.1" | "1.2" | ""))
    {
        return Err(HarError::Version(version.to_owned()));
    }
    let mut hosts: Vec<(String, Vec<Request>)> = Vec::new();
    let mut not_xhr = 0;
    let mut not_http = 0;
    for entry in archive.log.entries {
        if options.only_xhr && !matches!(entry.resource_type.as_deref(), Some("xhr" | "fetch")) {
            not_xhr += 1;
            continue;
        }
        let Some(host) = url::Url::parse(&entry.request.url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .and_then(|u| u.host_str().map(str::to_owned))
        else {
            not_http += 1;
            continue;
        };
        let request = request_of(entry.request, options);
        match hosts.iter_mut().find(|(h, _)| *h == host) {
            Some((_, requests)) => requests.push(request),
            None => hosts.push((host, vec![request])),
        }
    }
    let mut skipped = Vec::new();
    if not_xhr > 0 {
        skipped.push(format!("{not_xhr} entries that are not XHR/fetch"));
    }
    if not_http > 0 {
        skipped.push(format!(
            "{not_http} entries that are not http(s) (data:, blob:, ws:)"
        ));
    }
    Ok(Imported { hosts, skipped })
}

fn request_of(har: HarRequest, options: HarOptions) -> Request {
    let mut request = Request::new(
        crate::interop::body::request_name(&har.url),
        Template::literal(&har.url),
    );
    request.method = har.method.to_ascii_uppercase();
    let mut content_type = None;
    for header in har.headers {
        let lower = header.name.to_ascii_lowercase();
        if lower.starts_with(':') || CLIENT_WRITES.contains(&lower.as_str()) {
            continue;
        }
        if (options.drop_cookies && lower == "cookie") || (options.drop_tracking && is_tracking(&lower)) {
            continue;
        }
        if lower == "content-type" {
            content_type = Some(header.value);
            continue;
        }
        request
            .headers
            .push((header.name, Template::literal(&header.value)));
    }
    if let Some(post) = har.post_data {
        let content_type = content_type.or((!post.mime_type.is_empty()).then_some(post.mime_type));
        request.body = match (post.text, post.params) {
            (Some(text), _) => Some(crate::interop::body::of(
                &text,
                content_type.as_deref(),
                "text/plain",
            )),
            (None, params) if !params.is_empty() && params.iter().all(|p| p.file_name.is_none()) => {
                Some(Body::Form(
                    params
                        .into_iter()
                        .map(|p| (p.name, Template::literal(&p.value)))
                        .collect(),
                ))
            }
            // File parts whose bytes the archive does not hold: the fields that are there.
            (None, params) if !params.is_empty() => Some(Body::Multipart(
                params
                    .into_iter()
                    .map(|p| match p.file_name {
                        Some(file) => crate::collection::Part::File {
                            name: p.name,
                            path: Template::literal(&file),
                            content_type: None,
                        },
                        None => crate::collection::Part::Value {
                            name: p.name,
                            value: Template::literal(&p.value),
                        },
                    })
                    .collect(),
            )),
            _ => None,
        };
    }
    request
}

#[cfg(test)]
mod tests;
