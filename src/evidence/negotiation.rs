//! Capability and negotiation headers in responses (docs/diagnosis.md §Negotiation headers):
//! `Allow` for 405, `Accept` / `Accept-Post` / `Accept-Patch` and `Accept-Encoding` for 415,
//! and the method registry for 501.
//!
//! These are comma-separated lists (RFC 9110 §5.6.1) whose elements may carry `;name=value`
//! parameters, and a quoted parameter value may itself contain commas and semicolons, so
//! splitting must respect quoted-strings (RFC 9110 §5.6.4).

/// The standard methods: RFC 9110 §9.3 plus PATCH (RFC 5789). Method names are case-sensitive
/// (RFC 9110 §9.1), so `Get` is not among them.
pub const STANDARD_METHODS: &[&str] = &[
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
];

/// `Allow: GET, HEAD` → `["GET", "HEAD"]`: trimmed, empty elements dropped, case kept because
/// methods are case-sensitive. An empty value means no method is allowed (RFC 9110 §10.2.1).
pub fn parse_allow(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One element of an `Accept`-style list (RFC 9110 §12.5.1).
#[derive(Debug, Clone, PartialEq)]
pub struct MediaRange {
    /// Lowercased `type/subtype`, possibly with wildcards (`*/*`, `text/*`).
    pub essence: String,
    /// Parameters other than `q`, names lowercased, values unquoted.
    pub params: Vec<(String, String)>,
    /// The weight (RFC 9110 §12.4.2); 1.0 when absent or malformed.
    pub q: f32,
    /// Set when a `q` parameter did not follow the qvalue grammar (`q=1.5`, `q=high`): worth
    /// reporting for 406, but the range still counts with the default weight.
    pub q_malformed: bool,
}

/// Parses `Accept`, `Accept-Post` or `Accept-Patch`. Elements without a type are skipped;
/// parameters after `q` are kept too, since RFC 9110 no longer distinguishes accept-ext.
pub fn parse_media_list(value: &str) -> Vec<MediaRange> {
    split_unquoted(value, ',')
        .into_iter()
        .filter_map(parse_media_range)
        .collect()
}

fn parse_media_range(element: &str) -> Option<MediaRange> {
    let mut parts = split_unquoted(element, ';').into_iter();
    let essence = parts.next()?.trim().to_ascii_lowercase();
    if essence.is_empty() {
        return None;
    }
    let mut range = MediaRange {
        essence,
        params: Vec::new(),
        q: 1.0,
        q_malformed: false,
    };
    let mut weighted = false;
    for part in parts {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        let name = name.trim().to_ascii_lowercase();
        let value = value.trim();
        if name.is_empty() {
            continue;
        }
        if name != "q" {
            range.params.push((name, unquote(value)));
        } else if !weighted {
            weighted = true;
            match parse_qvalue(value) {
                Some(q) => range.q = q,
                None => range.q_malformed = true,
            }
        }
    }
    Some(range)
}

/// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )` (RFC 9110 §12.4.2).
fn parse_qvalue(text: &str) -> Option<f32> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 {
        return None;
    }
    match whole {
        "0" if fraction.bytes().all(|b| b.is_ascii_digit()) => format!("0.{fraction}0").parse().ok(),
        "1" if fraction.bytes().all(|b| b == b'0') => Some(1.0),
        _ => None,
    }
}

/// Strips the quotes of a quoted-string and resolves its backslash escapes; a token is
/// returned as is.
fn unquote(value: &str) -> String {
    let Some(inner) = value.strip_prefix('"') else {
        return value.to_owned();
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => out.extend(chars.next()),
            _ => out.push(c),
        }
    }
    out
}

/// Splits at `separator` outside quoted-strings.
fn split_unquoted(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut in_quotes, mut escaped) = (0, false, false);
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if in_quotes && c == '\\' {
            escaped = true;
        } else if c == '"' {
            in_quotes = !in_quotes;
        } else if c == separator && !in_quotes {
            parts.extend(text.get(start..i));
            start = i + c.len_utf8();
        }
    }
    parts.extend(text.get(start..));
    parts
}

pub use crate::media_type::essence;

/// The value of parameter `name` of one media type (a `Content-Type`), read with the same
/// parser as `Accept` lists: names are case-insensitive (RFC 9110 §8.3.1) and a quoted value
/// comes back unquoted (RFC 9110 §5.6.6). `None` when the parameter is absent. A `q` parameter is a
/// weight to the parser, so it is never returned.
pub fn media_param(content_type: &str, name: &str) -> Option<String> {
    parse_media_range(content_type)?
        .params
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// Whether a `charset` value names UTF-8, including the common `utf8` spelling (charset names
/// are case-insensitive, RFC 9110 §8.3.2).
pub fn is_utf8(charset: &str) -> bool {
    charset.eq_ignore_ascii_case("utf-8") || charset.eq_ignore_ascii_case("utf8")
}

/// Whether a concrete media type (a sent `Content-Type`, parameters ignored) falls in `range`:
/// `*/*`, `type/*` or the same essence (RFC 9110 §12.5.1). A bare `*`, which old Java clients
/// send, counts as `*/*`. The weight is not considered: callers decide what `q=0` means.
pub fn media_matches(range: &MediaRange, media_type: &str) -> bool {
    let concrete = essence(media_type);
    let Some((kind, subtype)) = concrete.split_once('/') else {
        return false;
    };
    if kind.is_empty() || subtype.is_empty() {
        return false;
    }
    match range.essence.as_str() {
        "*/*" | "*" => true,
        wanted => wanted
            .strip_suffix("/*")
            .map_or(wanted == concrete, |wanted_kind| wanted_kind == kind),
    }
}

/// Whether an `Accept-Encoding` value from a response admits `coding` in requests (RFC 9110
/// §12.5.3, used by 415 per §15.5.16): an explicit entry decides, else `*`, else only
/// `identity` (no coding) is acceptable, which is also what an empty value means. `x-gzip`
/// and `x-compress` are aliases (RFC 9110 §8.4.1).
pub fn coding_accepted(accept_encoding: &str, coding: &str) -> bool {
    let coding = canonical_coding(coding);
    let listed = parse_media_list(accept_encoding);
    let entry = listed
        .iter()
        .find(|r| canonical_coding(&r.essence) == coding)
        .or_else(|| listed.iter().find(|r| r.essence == "*"));
    entry.map_or(coding == "identity", |r| r.q > 0.0)
}

fn canonical_coding(coding: &str) -> String {
    let coding = coding.trim().to_ascii_lowercase();
    match coding.as_str() {
        "x-gzip" => "gzip".to_owned(),
        "x-compress" => "compress".to_owned(),
        _ => coding,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(essence: &str) -> MediaRange {
        MediaRange {
            essence: essence.to_owned(),
            params: Vec::new(),
            q: 1.0,
            q_malformed: false,
        }
    }

    fn weighted(essence: &str, q: f32) -> MediaRange {
        MediaRange { q, ..range(essence) }
    }

    #[test]
    fn allow_lists_methods_trimmed_with_case_kept() {
        assert_eq!(parse_allow("GET, HEAD"), ["GET", "HEAD"]);
        assert_eq!(parse_allow(" GET,,post , "), ["GET", "post"]);
    }

    #[test]
    fn empty_allow_allows_nothing() {
        assert!(parse_allow("").is_empty());
        assert!(parse_allow(" , ").is_empty());
    }

    #[test]
    fn standard_methods_are_the_registered_nine_and_case_sensitive() {
        assert_eq!(STANDARD_METHODS.len(), 9);
        assert!(STANDARD_METHODS.contains(&"PATCH"));
        assert!(!STANDARD_METHODS.contains(&"Get"));
    }

    #[test]
    fn accept_list_with_q_values() {
        assert_eq!(
            parse_media_list("text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8"),
            [
                range("text/html"),
                range("application/xhtml+xml"),
                weighted("application/xml", 0.9),
                weighted("*/*", 0.8)
            ]
        );
    }

    #[test]
    fn q_grammar_edges() {
        let got = parse_media_list("a/a;q=0, b/b;q=0.001, c/c;q=1.000, d/d;q=1., e/e;Q=0.5");
        let weights: Vec<(f32, bool)> = got.iter().map(|r| (r.q, r.q_malformed)).collect();
        assert_eq!(
            weights,
            [
                (0.0, false),
                (0.001, false),
                (1.0, false),
                (1.0, false),
                (0.5, false)
            ]
        );
    }

    #[test]
    fn malformed_q_defaults_to_one_and_is_flagged() {
        for value in ["q=1.5", "q=high", "q=0.5555", "q=", "q=.5", "q=\"0.5\"", "q=-0"] {
            let got = parse_media_list(&format!("application/json;{value}"));
            assert_eq!(
                got,
                [MediaRange {
                    q_malformed: true,
                    ..range("application/json")
                }],
                "{value}"
            );
        }
    }

    #[test]
    fn quoted_params_may_contain_commas_and_semicolons() {
        assert_eq!(
            parse_media_list(
                r#"application/ld+json; PROFILE="https://a.example/x,y;z" ; q=0.5, text/turtle"#
            ),
            [
                MediaRange {
                    essence: "application/ld+json".to_owned(),
                    params: vec![("profile".to_owned(), "https://a.example/x,y;z".to_owned())],
                    q: 0.5,
                    q_malformed: false,
                },
                range("text/turtle"),
            ]
        );
    }

    #[test]
    fn escaped_quotes_in_params_and_lowercased_essence() {
        assert_eq!(
            parse_media_list(r#"Text/Plain; note="say \"hi\", ok"; flag"#),
            [MediaRange {
                params: vec![
                    ("note".to_owned(), r#"say "hi", ok"#.to_owned()),
                    ("flag".to_owned(), String::new())
                ],
                ..range("text/plain")
            }]
        );
    }

    #[test]
    fn accept_patch_and_accept_post_lists() {
        assert_eq!(
            parse_media_list("application/example, text/example"),
            [range("application/example"), range("text/example")]
        );
        assert_eq!(
            parse_media_list("application/merge-patch+json, application/json-patch+json, ,"),
            [
                range("application/merge-patch+json"),
                range("application/json-patch+json")
            ]
        );
        assert_eq!(
            parse_media_list("text/turtle, text/n3, application/ld+json"),
            [
                range("text/turtle"),
                range("text/n3"),
                range("application/ld+json")
            ]
        );
    }

    #[test]
    fn empty_and_typeless_elements_are_skipped() {
        assert_eq!(parse_media_list(""), []);
        assert_eq!(parse_media_list(" ;q=0.5 , ;"), []);
    }

    #[test]
    fn media_params_are_found_case_insensitively_and_unquoted() {
        let ct = r#"multipart/form-data; Boundary="a b;c"; charset=UTF8"#;
        assert_eq!(media_param(ct, "boundary").as_deref(), Some("a b;c"));
        assert_eq!(media_param(ct, "CHARSET").as_deref(), Some("UTF8"));
        assert_eq!(media_param(ct, "name"), None);
        assert_eq!(media_param("application/json", "charset"), None);
        assert_eq!(media_param("", "charset"), None);
        assert!(is_utf8("UTF8") && is_utf8("utf-8") && !is_utf8("latin1") && !is_utf8("utf-16"));
    }

    #[test]
    fn media_matching_by_wildcard_and_essence() {
        assert!(media_matches(&range("*/*"), "application/json"));
        assert!(media_matches(&range("*"), "text/plain"));
        assert!(media_matches(
            &range("application/*"),
            "application/merge-patch+json"
        ));
        assert!(media_matches(
            &range("application/json"),
            "Application/JSON; charset=utf-8"
        ));
        assert!(!media_matches(
            &range("application/json"),
            "application/merge-patch+json"
        ));
        assert!(!media_matches(&range("text/*"), "application/json"));
        assert!(!media_matches(&range("application/*"), "applicationx/json"));
    }

    #[test]
    fn media_matching_rejects_non_media_types() {
        assert!(!media_matches(&range("*/*"), ""));
        assert!(!media_matches(&range("*/*"), "json"));
        assert!(!media_matches(&range("*/*"), "/json"));
    }

    #[test]
    fn coding_acceptance_follows_explicit_then_star_then_identity() {
        assert!(coding_accepted("gzip, br;q=0.5", "gzip"));
        assert!(coding_accepted("x-gzip", "GZIP"));
        assert!(!coding_accepted("br", "gzip"));
        assert!(coding_accepted("br", "identity"));
        assert!(!coding_accepted("br;q=0", "br"));
        assert!(coding_accepted("*", "zstd"));
        assert!(!coding_accepted("*;q=0", "identity"));
        assert!(coding_accepted("*;q=0, identity", "identity"));
        assert!(!coding_accepted("", "gzip"));
        assert!(coding_accepted("", "identity"));
    }

    /// A deterministic xorshift generator, so a failure reproduces.
    fn next(seed: &mut u64) -> usize {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        usize::try_from(*seed % 1024).unwrap_or(0)
    }

    #[test]
    fn no_panic_on_pseudo_random_input() {
        const PIECES: &[&str] = &[
            "text", "/", "*", ";", "q", "=", "0.5", "1.", ",", "\"", "\\", " ", "é", "😀", "json", "+",
        ];
        let mut seed = 0xdead_beef_cafe_f00d_u64;
        for _ in 0..500 {
            let len = next(&mut seed) % 24;
            let s: String = (0..len).map(|_| PIECES[next(&mut seed) % PIECES.len()]).collect();
            for r in parse_media_list(&s) {
                assert!(!r.essence.is_empty());
                assert!((0.0..=1.0).contains(&r.q));
                let _ = media_matches(&r, &s);
            }
            let _ = coding_accepted(&s, "gzip");
        }
    }
}
