//! Field paths as servers write them, normalised to one list of segments.
//!
//! Every error format names the field at fault in its own notation: JSON Pointer (`/a/0/b`,
//! `#/a/b`), dotted or bracket paths (`a.b[0]`, `line_items[0][price]`, `items.0.sku`),
//! System.Text.Json paths (`$.a.b[0]`) or `FastAPI` `loc` arrays. The cross-reference only
//! works if all of them become the same thing, so each notation has a parser here and they all
//! produce `Vec<PathSeg>`. The parsers never fail: a path they cannot make sense of still
//! yields segments, because a rough path that can be looked up beats no path at all.

use std::fmt::Write as _;

use super::text::percent_decode;

/// One step into a document: an object member or an array position.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

impl PathSeg {
    /// The segment as an object member name (`Index(3)` → `"3"`), for looking it up in places
    /// that only have names, such as form fields or objects with numeric keys.
    pub fn key_text(&self) -> String {
        match self {
            PathSeg::Key(key) => key.clone(),
            PathSeg::Index(index) => index.to_string(),
        }
    }

    /// True when both segments address the same place, treating `Key("0")` and `Index(0)` as
    /// equal: servers disagree on whether `items.0` means an index or a member named "0".
    pub fn same_place(&self, other: &PathSeg) -> bool {
        match (self, other) {
            (PathSeg::Key(a), PathSeg::Key(b)) => a == b,
            (PathSeg::Index(a), PathSeg::Index(b)) => a == b,
            (PathSeg::Key(key), PathSeg::Index(index)) | (PathSeg::Index(index), PathSeg::Key(key)) => {
                parse_index(key) == Some(*index)
            }
        }
    }
}

/// True when two paths address the same place (see [`PathSeg::same_place`]).
pub fn same_path(a: &[PathSeg], b: &[PathSeg]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_place(y))
}

/// JSON Pointer, also as URI fragment: "/a/0/b", "#/a/b", with ~1 → "/" and ~0 → "~" unescaping; "" = whole document (empty vec).
///
/// The fragment form is percent-decoded first (RFC 6901 §6). A pointer without the leading
/// slash (`age`) is accepted as if it had one, because some servers write it that way.
pub fn from_json_pointer(pointer: &str) -> Vec<PathSeg> {
    let decoded;
    let mut body = pointer;
    if let Some(fragment) = pointer.strip_prefix('#') {
        decoded = percent_decode(fragment);
        body = &decoded;
    }
    if body.is_empty() {
        return Vec::new();
    }
    let body = body.strip_prefix('/').unwrap_or(body);
    body.split('/')
        .map(|raw| {
            // `~1` first, so that `~01` becomes `~1` and not `/`.
            let key = raw.replace("~1", "/").replace("~0", "~");
            key_or_index(key)
        })
        .collect()
}

/// Dotted and bracket notations: `a.b[0]`, `a[b][0]`, `items.0.sku`, `line_items[0][price]`, `System.Text.Json` `$.a.b[0]`; numeric segments become Index.
///
/// Quoted bracket members (`$['a.b']`) stay keys even when numeric, since the quotes say so;
/// empty segments (`tags[]`, `a..b`) are skipped.
pub fn from_dotted(path: &str) -> Vec<PathSeg> {
    let trimmed = path.trim();
    // `$` is the System.Text.Json root only when a path follows; `$filter` is a name (OData).
    let rest = match trimmed.strip_prefix('$') {
        Some(after) if after.is_empty() || after.starts_with(['.', '[']) => after,
        _ => trimmed,
    };
    let mut segments = Vec::new();
    let mut current = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '.' => flush(&mut current, &mut segments),
            '[' => {
                flush(&mut current, &mut segments);
                let inner: String = chars.by_ref().take_while(|&c| c != ']').collect();
                push_bracket(&inner, &mut segments);
            }
            _ => current.push(c),
        }
    }
    flush(&mut current, &mut segments);
    segments
}

/// `FastAPI`/Pydantic `loc` arrays (strings and integers), AFTER the location prefix was removed.
///
/// Non-negative integers are array positions; anything else (strings, negative or fractional
/// numbers, booleans) is a member name, and `null` is skipped.
pub fn from_loc(loc: &[serde_json::Value]) -> Vec<PathSeg> {
    loc.iter()
        .filter_map(|item| match item {
            serde_json::Value::String(key) => Some(PathSeg::Key(key.clone())),
            serde_json::Value::Number(number) => Some(
                number
                    .as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .map_or_else(|| PathSeg::Key(number.to_string()), PathSeg::Index),
            ),
            serde_json::Value::Null => None,
            other => Some(PathSeg::Key(other.to_string())),
        })
        .collect()
}

/// Any of the notations above: a leading `/` or `#` means JSON Pointer, anything else is read
/// as dotted/bracket notation. For formats whose field names may be written either way.
pub fn from_any(raw: &str) -> Vec<PathSeg> {
    if raw.starts_with('/') || raw.starts_with('#') {
        from_json_pointer(raw)
    } else {
        from_dotted(raw)
    }
}

/// `a.b[0]` style for display.
///
/// Keys that would be ambiguous in that notation (empty, or containing `.`, brackets, quotes or
/// spaces) are shown as `["a.b"]`. The empty path (the whole document) displays as `""`.
pub fn display(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            PathSeg::Index(index) => {
                let _ = write!(out, "[{index}]");
            }
            PathSeg::Key(key) if needs_quoting(key) => {
                let _ = write!(out, "[\"{}\"]", key.replace('"', "\\\""));
            }
            PathSeg::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
        }
    }
    out
}

/// Form-style display (`line_items[0][price]`), the way form fields and query parameters with
/// nested names are written on the wire.
pub fn display_brackets(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for (position, segment) in path.iter().enumerate() {
        let text = segment.key_text();
        if position == 0 {
            out.push_str(&text);
        } else {
            let _ = write!(out, "[{text}]");
        }
    }
    out
}

/// The path without a leading JSON:API `data.attributes` / `data.relationships` wrapper, for
/// display: people think of `/data/attributes/firstName` as `firstName`. Lookups keep the full
/// path, because that is where the member has to be in the request document.
pub fn strip_json_api_prefix(path: &[PathSeg]) -> &[PathSeg] {
    match path {
        [PathSeg::Key(data), PathSeg::Key(section), rest @ ..]
            if data == "data"
                && (section == "attributes" || section == "relationships")
                && !rest.is_empty() =>
        {
            rest
        }
        _ => path,
    }
}

/// An array index per RFC 6901: `0`, or digits without a leading zero.
fn parse_index(text: &str) -> Option<usize> {
    let digits_only = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if !digits_only || (text.len() > 1 && text.starts_with('0')) {
        return None;
    }
    text.parse().ok()
}

fn key_or_index(key: String) -> PathSeg {
    parse_index(&key).map_or(PathSeg::Key(key), PathSeg::Index)
}

fn flush(current: &mut String, segments: &mut Vec<PathSeg>) {
    if !current.is_empty() {
        segments.push(key_or_index(std::mem::take(current)));
    }
}

fn push_bracket(inner: &str, segments: &mut Vec<PathSeg>) {
    let trimmed = inner.trim();
    let unquoted = ['\'', '"'].iter().find_map(|&quote| {
        trimmed
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
    });
    match unquoted {
        Some(key) => segments.push(PathSeg::Key(key.to_owned())),
        None if trimmed.is_empty() => {}
        None => segments.push(key_or_index(trimmed.to_owned())),
    }
}

fn needs_quoting(key: &str) -> bool {
    key.is_empty()
        || key
            .chars()
            .any(|c| matches!(c, '.' | '[' | ']' | '"') || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key(k: &str) -> PathSeg {
        PathSeg::Key(k.to_owned())
    }

    #[test]
    fn json_pointer_splits_on_slashes_and_reads_indices() {
        assert_eq!(
            from_json_pointer("/a/0/b"),
            vec![key("a"), PathSeg::Index(0), key("b")]
        );
        assert_eq!(
            from_json_pointer("/data/attributes/firstName"),
            vec![key("data"), key("attributes"), key("firstName")]
        );
    }

    #[test]
    fn json_pointer_as_uri_fragment_is_percent_decoded() {
        assert_eq!(from_json_pointer("#/age"), vec![key("age")]);
        assert_eq!(
            from_json_pointer("#/profile/color"),
            vec![key("profile"), key("color")]
        );
        assert_eq!(from_json_pointer("#/a%20b/c"), vec![key("a b"), key("c")]);
    }

    #[test]
    fn json_pointer_unescapes_tilde_sequences_in_order() {
        assert_eq!(from_json_pointer("/a~1b/m~0n"), vec![key("a/b"), key("m~n")]);
        assert_eq!(from_json_pointer("/~01"), vec![key("~1")]);
    }

    #[test]
    fn empty_pointer_is_the_whole_document() {
        assert!(from_json_pointer("").is_empty());
        assert!(from_json_pointer("#").is_empty());
        assert_eq!(from_json_pointer("/"), vec![key("")]);
    }

    #[test]
    fn pointer_without_leading_slash_is_tolerated() {
        assert_eq!(from_json_pointer("age"), vec![key("age")]);
    }

    #[test]
    fn leading_zero_segments_are_keys_not_indices() {
        assert_eq!(from_json_pointer("/a/01"), vec![key("a"), key("01")]);
        assert_eq!(from_dotted("a.007"), vec![key("a"), key("007")]);
    }

    #[test]
    fn dotted_and_bracket_notations_agree() {
        let expected = vec![key("a"), key("b"), PathSeg::Index(0)];
        assert_eq!(from_dotted("a.b[0]"), expected);
        assert_eq!(from_dotted("a[b][0]"), expected);
        assert_eq!(from_dotted("a.b.0"), expected);
    }

    #[test]
    fn laravel_and_stripe_paths_become_segments() {
        assert_eq!(
            from_dotted("items.0.sku"),
            vec![key("items"), PathSeg::Index(0), key("sku")]
        );
        assert_eq!(
            from_dotted("line_items[0][price]"),
            vec![key("line_items"), PathSeg::Index(0), key("price")]
        );
        assert_eq!(
            from_dotted("emailAddresses[1].email"),
            vec![key("emailAddresses"), PathSeg::Index(1), key("email")]
        );
    }

    #[test]
    fn system_text_json_paths_drop_the_dollar_root() {
        assert_eq!(from_dotted("$.age"), vec![key("age")]);
        assert_eq!(
            from_dotted("$.a.b[0]"),
            vec![key("a"), key("b"), PathSeg::Index(0)]
        );
        assert_eq!(from_dotted("$['a.b'][2]"), vec![key("a.b"), PathSeg::Index(2)]);
        assert!(from_dotted("$").is_empty());
    }

    #[test]
    fn dollar_names_that_are_not_roots_are_kept() {
        assert_eq!(from_dotted("$filter"), vec![key("$filter")]);
    }

    #[test]
    fn quoted_numeric_bracket_members_stay_keys() {
        assert_eq!(from_dotted("m[\"10\"]"), vec![key("m"), key("10")]);
    }

    #[test]
    fn empty_segments_and_unclosed_brackets_do_not_break_parsing() {
        assert_eq!(from_dotted("tags[]"), vec![key("tags")]);
        assert_eq!(from_dotted("a..b"), vec![key("a"), key("b")]);
        assert_eq!(from_dotted("a[b"), vec![key("a"), key("b")]);
        assert!(from_dotted("").is_empty());
    }

    #[test]
    fn loc_arrays_map_integers_to_indices() {
        let loc = [
            json!("items"),
            json!(1),
            json!("sku"),
            json!(-1),
            json!(null),
            json!(true),
        ];
        assert_eq!(
            from_loc(&loc),
            vec![
                key("items"),
                PathSeg::Index(1),
                key("sku"),
                key("-1"),
                key("true")
            ]
        );
    }

    #[test]
    fn from_any_chooses_pointer_or_dotted_by_the_first_character() {
        assert_eq!(from_any("/user/email"), vec![key("user"), key("email")]);
        assert_eq!(from_any("#/age"), vec![key("age")]);
        assert_eq!(from_any("user.email"), vec![key("user"), key("email")]);
    }

    #[test]
    fn display_uses_dots_and_brackets() {
        assert_eq!(display(&from_dotted("a[b][0]")), "a.b[0]");
        assert_eq!(display(&from_dotted("items.1.sku")), "items[1].sku");
        assert_eq!(display(&[PathSeg::Index(0), key("sku")]), "[0].sku");
        assert_eq!(display(&[]), "");
    }

    #[test]
    fn display_quotes_ambiguous_keys() {
        assert_eq!(display(&[key("a.b"), key("c")]), "[\"a.b\"].c");
        assert_eq!(display(&[key("")]), "[\"\"]");
        assert_eq!(display(&[key("say \"hi\"")]), "[\"say \\\"hi\\\"\"]");
    }

    #[test]
    fn bracket_display_matches_form_field_names() {
        assert_eq!(
            display_brackets(&from_dotted("line_items.0.price")),
            "line_items[0][price]"
        );
        assert_eq!(display_brackets(&[key("amount")]), "amount");
    }

    #[test]
    fn json_api_wrapper_is_stripped_for_display_only() {
        let path = from_json_pointer("/data/attributes/firstName");
        assert_eq!(strip_json_api_prefix(&path), &[key("firstName")]);
        let bare = from_json_pointer("/data/attributes");
        assert_eq!(strip_json_api_prefix(&bare), bare.as_slice());
        let other = from_json_pointer("/user/email");
        assert_eq!(strip_json_api_prefix(&other), other.as_slice());
    }

    #[test]
    fn numeric_keys_and_indices_address_the_same_place() {
        assert!(key("0").same_place(&PathSeg::Index(0)));
        assert!(!key("00").same_place(&PathSeg::Index(0)));
        assert!(same_path(
            &from_dotted("items.0.sku"),
            &[key("items"), key("0"), key("sku")]
        ));
        assert!(!same_path(&from_dotted("items.0"), &from_dotted("items.0.sku")));
    }

    #[test]
    fn malformed_percent_escapes_are_kept() {
        assert_eq!(from_json_pointer("#/a%2"), vec![key("a%2")]);
        assert_eq!(from_json_pointer("#/%zz"), vec![key("%zz")]);
    }
}
