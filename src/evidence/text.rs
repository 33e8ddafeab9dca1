//! Small text helpers the parsers and the rules share, written once: percent-decoding,
//! markup removal, and clipping a value for evidence.

use super::entities::decode_entities;

/// Longest value quoted in full; longer ones end in `…` (docs/diagnosis.md §Evidence).
pub const QUOTE_LIMIT: usize = 120;

/// How much of the server's own reason evidence quotes: its words are the evidence, and the
/// part that names the cause is often past the first 120 characters.
pub const REASON_LIMIT: usize = 300;

/// `text` as quoted in evidence: at most 120 characters, then `…`.
pub fn clip(text: &str) -> String {
    clip_at(text, QUOTE_LIMIT)
}

/// The server's stated reason as quoted in evidence: at most 300 characters, then `…`.
pub fn clip_reason(text: &str) -> String {
    clip_at(text, REASON_LIMIT)
}

fn clip_at(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_owned(),
    }
}

/// `%2F` → `/`; malformed escapes are kept as written, `+` stays `+`, invalid UTF-8 is
/// replaced.
pub fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Markup removed and character references decoded; each tag becomes `separator` (a space
/// keeps `<span>Error</span><span>1020</span>` two words, a line break keeps block text
/// apart, nothing keeps `Deni<b>ed</b>` one word).
pub(crate) fn strip_tags(html: &str, separator: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push_str(separator);
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_at_120_characters() {
        assert_eq!(clip("short"), "short");
        let long = "é".repeat(130);
        assert_eq!(clip(&long), format!("{}…", "é".repeat(120)));
        assert_eq!(clip(&"x".repeat(120)), "x".repeat(120));
    }

    #[test]
    fn percent_decoding_keeps_what_is_not_an_escape() {
        assert_eq!(percent_decode("%7B%7Bid%7D%7D"), "{{id}}");
        assert_eq!(percent_decode("a+b&c=d"), "a+b&c=d");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%+A%-1"), "%+A%-1", "a sign is not a hex digit");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
    }

    #[test]
    fn tags_become_the_separator_and_entities_are_decoded() {
        assert_eq!(
            strip_tags("<span>Error</span><span>1020</span>", " "),
            " Error  1020 "
        );
        assert_eq!(strip_tags("Deni<b>ed</b> &amp; gone", ""), "Denied & gone");
        assert_eq!(strip_tags("a &amp;lt; b", ""), "a &lt; b");
    }
}
