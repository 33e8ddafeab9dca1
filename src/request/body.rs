//! Encoding request bodies into bytes and the Content-Type that describes them.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::{BufMut, Bytes, BytesMut};

/// Bytes to send and the Content-Type to announce (unless a header overrides it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedBody {
    pub bytes: Bytes,
    pub content_type: Option<String>,
}

impl EncodedBody {
    pub fn empty() -> Self {
        Self {
            bytes: Bytes::new(),
            content_type: None,
        }
    }
}

pub fn json(value: &serde_json::Value, content_type: Option<&str>) -> EncodedBody {
    EncodedBody {
        bytes: Bytes::from(serde_json::to_vec(value).expect("a JSON value always serializes")),
        content_type: Some(content_type.unwrap_or("application/json").to_owned()),
    }
}

pub fn text(text: String, content_type: Option<&str>) -> EncodedBody {
    EncodedBody {
        bytes: Bytes::from(text),
        content_type: Some(content_type.unwrap_or("text/plain; charset=utf-8").to_owned()),
    }
}

pub fn form(pairs: &[(String, String)]) -> EncodedBody {
    let encoded = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    EncodedBody {
        bytes: Bytes::from(encoded),
        content_type: Some("application/x-www-form-urlencoded".to_owned()),
    }
}

pub fn file(bytes: Bytes, path: &Path, content_type: Option<&str>) -> EncodedBody {
    EncodedBody {
        content_type: Some(content_type.map_or_else(|| guess_type(path), str::to_owned)),
        bytes,
    }
}

/// One multipart part, rendered.
#[derive(Debug, Clone)]
pub enum PartData {
    Value {
        name: String,
        value: String,
    },
    File {
        name: String,
        path: PathBuf,
        bytes: Bytes,
        content_type: Option<String>,
    },
}

/// `multipart/form-data` (RFC 7578) with a boundary that occurs in no part.
pub fn multipart(parts: &[PartData]) -> EncodedBody {
    let mut boundary = new_boundary();
    while parts.iter().any(|p| contains(part_bytes(p), boundary.as_bytes())) {
        boundary = new_boundary();
    }
    let mut out = BytesMut::new();
    for part in parts {
        out.put_slice(b"--");
        out.put_slice(boundary.as_bytes());
        out.put_slice(b"\r\n");
        match part {
            PartData::Value { name, value } => {
                out.put_slice(
                    format!("Content-Disposition: form-data; name=\"{}\"\r\n\r\n", quote(name)).as_bytes(),
                );
                out.put_slice(value.as_bytes());
            }
            PartData::File {
                name,
                path,
                bytes,
                content_type,
            } => {
                let filename = path
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                out.put_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                        quote(name),
                        quote(&filename),
                        content_type.clone().unwrap_or_else(|| guess_type(path)),
                    )
                    .as_bytes(),
                );
                out.put_slice(bytes);
            }
        }
        out.put_slice(b"\r\n");
    }
    out.put_slice(b"--");
    out.put_slice(boundary.as_bytes());
    out.put_slice(b"--\r\n");
    EncodedBody {
        bytes: out.freeze(),
        content_type: Some(format!("multipart/form-data; boundary={boundary}")),
    }
}

fn part_bytes(part: &PartData) -> &[u8] {
    match part {
        PartData::Value { value, .. } => value.as_bytes(),
        PartData::File { bytes, .. } => bytes,
    }
}

/// Field names go inside a quoted string; quotes and line breaks are percent-encoded as
/// browsers do (WHATWG HTML "multipart/form-data encoding algorithm").
fn quote(name: &str) -> String {
    name.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

fn new_boundary() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("apibench-{nanos:08x}{n:08x}")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn guess_type(path: &Path) -> String {
    mime_guess::from_path(path)
        .first_or_octet_stream()
        .essence_str()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_frames_every_part() {
        let body = multipart(&[
            PartData::Value {
                name: "title".into(),
                value: "Hello".into(),
            },
            PartData::File {
                name: "doc".into(),
                path: "notes.txt".into(),
                bytes: Bytes::from_static(b"line"),
                content_type: None,
            },
        ]);
        let content_type = body.content_type.unwrap();
        let boundary = content_type.split("boundary=").nth(1).unwrap();
        let text = String::from_utf8(body.bytes.to_vec()).unwrap();
        assert_eq!(
            text,
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\nline\r\n\
                 --{boundary}--\r\n"
            )
        );
    }

    #[test]
    fn form_is_url_encoded() {
        let body = form(&[("a".into(), "1 2".into()), ("b".into(), "x&y".into())]);
        assert_eq!(&body.bytes[..], b"a=1+2&b=x%26y");
    }

    #[test]
    fn explicit_content_type_wins() {
        let body = json(&serde_json::json!({"a": 1}), Some("application/merge-patch+json"));
        assert_eq!(body.content_type.as_deref(), Some("application/merge-patch+json"));
        assert_eq!(&body.bytes[..], br#"{"a":1}"#);
    }
}
