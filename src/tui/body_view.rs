//! A response body prepared for viewing: pretty-printed once (off the UI thread), split into
//! line offsets, so drawing only ever touches the lines on screen. A 30 MB body costs one
//! background pass; scrolling it costs what a screenful costs. A body too large to hold is
//! read from its file instead ([`LargeBody`]), with memory independent of its size.

use std::sync::Arc;

use bytes::Bytes;

use crate::http::{HELD_OF_SPILLED, SpilledBody};
use crate::tui::large_body::{LargeBody, LargeKind};

/// Most search matches collected; more are shown as "10000+".
pub const SEARCH_LIMIT: usize = 10_000;

/// How the body is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    Empty,
    /// Valid JSON, pretty-printed.
    Json,
    /// UTF-8 text shown as received (including JSON that does not parse).
    Text,
    /// Not UTF-8: a hex dump, computed per visible line.
    Binary,
}

/// A body ready to draw.
#[derive(Debug, Clone)]
pub struct BodyView {
    pub kind: BodyFormat,
    /// The text to show (pretty JSON or the text as received); empty for binary.
    pub text: String,
    /// Byte offset of each line's start in `text`.
    starts: Vec<usize>,
    /// The raw bytes, for the hex dump.
    pub bytes: Bytes,
    /// Why the body is shown the way it is ("not valid JSON at line 3", "filtered by $.a").
    pub note: Option<String>,
    /// A body too large to hold, read from its file line by line (then `text` is empty and
    /// `bytes` holds its start).
    pub large: Option<Arc<LargeBody>>,
}

/// Bytes per hex-dump line.
const HEX_WIDTH: usize = 16;

impl BodyView {
    /// [`BodyView::of_response`] with every credential in `secrets` masked where a body held
    /// in memory echoes it (an echo endpoint, a login that hands back what it was sent). A
    /// body on disk is shown as it is: masking it would mean copying it.
    pub fn of_response_masked(
        body: Bytes,
        spilled: Option<SpilledBody>,
        content_type: Option<&str>,
        secrets: &[String],
    ) -> BodyView {
        let body = if secrets.is_empty() || spilled.is_some() {
            body
        } else {
            crate::secrets::mask_echoed_bytes(&body, secrets).into()
        };
        Self::of_response(body, spilled, content_type)
    }

    /// Builds the view of a response's body: the one held, or the one on disk when it was too
    /// large to hold (one pass over the file). Slow for huge bodies: call it off the UI thread.
    pub fn of_response(body: Bytes, spilled: Option<SpilledBody>, content_type: Option<&str>) -> BodyView {
        let Some(spilled) = spilled else {
            return Self::build(body, content_type);
        };
        let size = crate::format::bytes(spilled.len);
        let looks_json = looks_json(content_type, &body);
        match LargeBody::index(spilled, looks_json) {
            Ok(large) => {
                let kind = match large.kind {
                    LargeKind::Json => BodyFormat::Json,
                    LargeKind::Text => BodyFormat::Text,
                    LargeKind::Binary => BodyFormat::Binary,
                };
                let said = format!("{size}, read from a temporary file as you scroll");
                let note = Some(match &large.note {
                    Some(note) => format!("{note}; {said}"),
                    None => said,
                });
                BodyView {
                    kind,
                    text: String::new(),
                    starts: Vec::new(),
                    bytes: body,
                    note,
                    large: Some(Arc::new(large)),
                }
            }
            Err(e) => {
                let mut view = Self::build(body, content_type);
                view.note = Some(format!(
                    "the body ({size}) is in a temporary file that could not be read ({e}); its first {} are shown",
                    crate::format::bytes(HELD_OF_SPILLED as u64)
                ));
                view
            }
        }
    }

    /// Builds the view of a whole body held in memory.
    pub fn build(body: Bytes, content_type: Option<&str>) -> BodyView {
        if body.is_empty() {
            return Self::from_text(BodyFormat::Empty, String::new(), body, None);
        }
        let Ok(text) = std::str::from_utf8(&body) else {
            let lines = body.len().div_ceil(HEX_WIDTH);
            return BodyView {
                kind: BodyFormat::Binary,
                text: String::new(),
                starts: (0..lines).collect(),
                bytes: body,
                note: None,
                large: None,
            };
        };
        if looks_json(content_type, text.as_bytes()) {
            match pretty_json(text) {
                Ok(pretty) => return Self::from_text(BodyFormat::Json, pretty, body, None),
                Err(e) => {
                    let note = Some(format!("not valid JSON ({e}); shown as received"));
                    let text = text.to_owned();
                    return Self::from_text(BodyFormat::Text, text, body, note);
                }
            }
        }
        let text = text.to_owned();
        Self::from_text(BodyFormat::Text, text, body, None)
    }

    fn from_text(kind: BodyFormat, text: String, bytes: Bytes, note: Option<String>) -> BodyView {
        let mut starts = vec![0];
        starts.extend(
            text.match_indices('\n')
                .map(|(i, _)| i + 1)
                .filter(|i| *i < text.len()),
        );
        if text.is_empty() {
            starts.clear();
        }
        BodyView {
            kind,
            text,
            starts,
            bytes,
            note,
            large: None,
        }
    }

    pub fn line_count(&self) -> usize {
        match &self.large {
            Some(large) => large.line_count(),
            None => self.starts.len(),
        }
    }

    /// Line `i` without its newline (hex dump for binary bodies).
    pub fn line(&self, i: usize) -> std::borrow::Cow<'_, str> {
        if let Some(large) = &self.large {
            return large.line(i).into();
        }
        if self.kind == BodyFormat::Binary {
            return hex_line(&self.bytes, i).into();
        }
        let Some(&start) = self.starts.get(i) else {
            return "".into();
        };
        // The last line ends at the text's end, less a final newline.
        let end = self.starts.get(i + 1).map_or_else(
            || self.text.strip_suffix('\n').map_or(self.text.len(), str::len),
            |e| e - 1,
        );
        self.text[start..end.max(start)].trim_end_matches('\r').into()
    }

    /// Every match of `query` (case-insensitive), as (line, byte column), at most `limit`
    /// (the UI asks for [`SEARCH_LIMIT`]).
    pub fn search(&self, query: &str, limit: usize) -> Vec<(usize, usize)> {
        self.search_reporting(query, limit, &mut |_| {})
    }

    /// [`BodyView::search`], telling `searched` how many lines are done as it goes (a body read
    /// from its file takes seconds per gigabyte).
    pub fn search_reporting(
        &self,
        query: &str,
        limit: usize,
        searched: &mut dyn FnMut(usize),
    ) -> Vec<(usize, usize)> {
        if let Some(large) = &self.large {
            return large.search(query, limit, searched);
        }
        if query.is_empty() {
            return Vec::new();
        }
        let needle = query.to_lowercase();
        let mut found = Vec::new();
        for i in 0..self.line_count() {
            if !crate::tui::large_body::matches_on_line(&self.line(i), &needle, i, &mut found, limit) {
                break;
            }
        }
        found
    }

    /// The body narrowed by a `JSONPath` (`$.data[0].name`); each match pretty-printed.
    pub fn filter(&self, path: &str) -> Result<BodyView, FilterError> {
        if self.kind != BodyFormat::Json {
            return Err(FilterError::NotJson);
        }
        if let Some(large) = &self.large {
            return Err(FilterError::TooLarge(crate::format::bytes(large.file.len)));
        }
        let path = if path.starts_with('$') {
            path.to_owned()
        } else {
            format!("$.{path}")
        };
        let query = serde_json_path::JsonPath::parse(&path).map_err(|e| FilterError::Path(e.to_string()))?;
        let json: serde_json::Value =
            serde_json::from_slice(&self.bytes).map_err(|e| FilterError::Body(e.to_string()))?;
        let nodes = query.query(&json).all();
        let count = nodes.len();
        let text = match nodes.as_slice() {
            [one] => serde_json::to_string_pretty(one),
            many => serde_json::to_string_pretty(many),
        }
        .map_err(|e| FilterError::Body(e.to_string()))?;
        let note = Some(format!(
            "filtered by {path}: {}",
            crate::format::count(count, "match", "matches")
        ));
        Ok(Self::from_text(BodyFormat::Json, text, self.bytes.clone(), note))
    }
}

/// Why a body could not be filtered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("only JSON bodies can be filtered")]
    NotJson,
    #[error("invalid JSONPath: {0}")]
    Path(String),
    #[error("{0}")]
    Body(String),
    /// Filtering reads the whole body into memory; one kept on disk is not.
    #[error("the body is {0}, kept on disk: too large to filter in memory; search it with / instead")]
    TooLarge(String),
}

/// Whether a body is JSON by what its content type or its first byte says.
fn looks_json(content_type: Option<&str>, start: &[u8]) -> bool {
    content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("json"))
        || matches!(start.trim_ascii_start().first(), Some(b'{' | b'['))
}

/// Re-indents JSON without building a value tree: serde's deserializer streams straight
/// into the pretty serializer, so a 50 MB body costs its output, not a DOM.
fn pretty_json(text: &str) -> Result<String, serde_json::Error> {
    let mut out = Vec::with_capacity(text.len() + text.len() / 2);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut serializer = serde_json::Serializer::pretty(&mut out);
    serde_transcode::transcode(&mut deserializer, &mut serializer)?;
    deserializer.end()?;
    // serde_json only writes valid UTF-8.
    Ok(String::from_utf8(out).unwrap_or_default())
}

fn hex_line(bytes: &[u8], line: usize) -> String {
    let start = line * HEX_WIDTH;
    let Some(chunk) = bytes.get(start..(start + HEX_WIDTH).min(bytes.len())) else {
        return String::new();
    };
    crate::tui::hex_dump::hex_line_of(chunk, start as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_pretty_printed_and_split_into_lines() {
        let view = BodyView::build(
            Bytes::from_static(br#"{"a":[1,2],"b":{"c":"x"}}"#),
            Some("application/json"),
        );
        assert_eq!(view.kind, BodyFormat::Json);
        let lines: Vec<String> = (0..view.line_count())
            .map(|i| view.line(i).into_owned())
            .collect();
        assert_eq!(
            lines,
            [
                "{",
                "  \"a\": [",
                "    1,",
                "    2",
                "  ],",
                "  \"b\": {",
                "    \"c\": \"x\"",
                "  }",
                "}"
            ]
        );
    }

    #[test]
    fn key_order_is_kept() {
        let view = BodyView::build(Bytes::from_static(br#"{"zebra":1,"apple":2}"#), None);
        assert_eq!(view.line(1), "  \"zebra\": 1,");
    }

    #[test]
    fn invalid_json_is_text_with_a_note() {
        let view = BodyView::build(Bytes::from_static(b"{\"a\":1,}"), Some("application/json"));
        assert_eq!(view.kind, BodyFormat::Text);
        assert!(view.note.as_deref().unwrap().starts_with("not valid JSON"));
        assert_eq!(view.line(0), "{\"a\":1,}");
    }

    #[test]
    fn binary_bodies_become_hex_lines() {
        let bytes: Vec<u8> = (0u8..20).chain([0xff]).collect();
        let view = BodyView::build(Bytes::from(bytes), None);
        assert_eq!(view.kind, BodyFormat::Binary);
        assert_eq!(view.line_count(), 2);
        assert_eq!(view.line(1), format!("00000010  {:<47}  .....", "10 11 12 13 ff"));
    }

    #[test]
    fn text_lines_and_search() {
        let view = BodyView::build(Bytes::from_static(b"one Two\r\nthree two\n"), Some("text/plain"));
        assert_eq!(view.line_count(), 2);
        assert_eq!(view.line(0), "one Two");
        assert_eq!(
            view.line(1),
            "three two",
            "the final newline is not part of the last line"
        );
        assert_eq!(view.search("two", 10), vec![(0, 4), (1, 6)]);
        assert_eq!(view.search("two", 1), vec![(0, 4)]);
        assert!(view.search("", 10).is_empty());
    }

    #[test]
    fn filters_narrow_json_with_jsonpath() {
        let view = BodyView::build(
            Bytes::from_static(br#"{"data":[{"name":"Ada"},{"name":"Grace"}]}"#),
            None,
        );
        let names = view.filter("$.data[*].name").unwrap();
        assert_eq!(names.text, "[\n  \"Ada\",\n  \"Grace\"\n]");
        assert_eq!(
            names.note.as_deref(),
            Some("filtered by $.data[*].name: 2 matches")
        );
        let one = view.filter("data[0]").unwrap();
        assert_eq!(one.text, "{\n  \"name\": \"Ada\"\n}");
        assert!(
            view.filter("$[")
                .unwrap_err()
                .to_string()
                .starts_with("invalid JSONPath")
        );
    }

    #[test]
    fn a_body_kept_on_disk_is_viewed_searched_and_refused_for_filtering_from_its_file() {
        use std::io::Write as _;
        let json = br#"{"a":[1,2],"b":{"c":"x"}}"#;
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(json).unwrap();
        let spilled = SpilledBody::new(file.into_temp_path(), json.len() as u64);
        let start = Bytes::from_static(&json[..4]);
        let view = BodyView::of_response(start, Some(spilled), Some("application/json"));
        assert_eq!(view.kind, BodyFormat::Json);
        assert!(view.large.is_some());
        let held = BodyView::build(Bytes::from_static(json), None);
        let lines = |v: &BodyView| {
            (0..v.line_count())
                .map(|i| v.line(i).into_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(lines(&view), lines(&held));
        assert_eq!(view.search("X", 10), held.search("X", 10));
        assert!(
            view.note
                .as_deref()
                .unwrap()
                .contains("read from a temporary file"),
            "{:?}",
            view.note
        );
        assert!(matches!(view.filter("$.a"), Err(FilterError::TooLarge(_))));
    }

    #[test]
    fn a_body_whose_file_is_gone_shows_the_start_held_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let gone = tempfile::TempPath::try_from_path(dir.path().join("gone")).unwrap();
        let spilled = SpilledBody::new(gone, 40 << 20);
        let view = BodyView::of_response(Bytes::from_static(b"first line\nsecond"), Some(spilled), None);
        assert!(view.large.is_none());
        assert_eq!(view.line(0), "first line");
        let note = view.note.as_deref().unwrap();
        assert!(
            note.contains("could not be read") && note.contains("40.0 MiB"),
            "{note}"
        );
    }
}
