//! Making untrusted text (response bodies and headers) safe to put on a terminal.
//!
//! A response can carry escape sequences that clear the screen, retitle the window, write the
//! clipboard (OSC 52) or hide text with bidirectional overrides. Before anything reaches a
//! screen, control characters are replaced by visible stand-ins, so they show inert.

use std::fmt::Write as _;

/// Replaces control characters with visible symbols: C0 controls become their Unicode
/// "control pictures" (ESC → ␛), DEL → ␡, C1 controls and bidi overrides become `<U+XXXX>`.
/// Newlines are kept when `keep_newlines` is set; tabs are always kept.
pub fn for_terminal(text: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\t' => out.push('\t'),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7f}' => out.push('␡'),
            c if is_invisible_control(c) => {
                let _ = write!(out, "<U+{:04X}>", c as u32);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether a terminal acts on `c` rather than showing it, beyond the C0 controls JSON
/// already escapes: C1 controls and the bidirectional overrides, isolates and marks.
fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// JSON text with every C1 control and bidi control written as a `\uXXXX` escape, so
/// `run --output json` printed to a terminal (or `cat` of a report) cannot drive it. The JSON
/// reads back to the same strings: these characters only ever appear inside strings.
pub fn escape_json_controls(json: &str) -> String {
    if !json.chars().any(is_invisible_control) {
        return json.to_owned();
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_invisible_control(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        let shown = for_terminal("\x1b[2Jred\x1b]0;title\x07\r\n", true);
        assert_eq!(shown, "␛[2Jred␛]0;title␇␍\n");
        assert!(!shown.contains('\x1b'));
    }

    #[test]
    fn newlines_can_be_flattened_and_c1_and_bidi_are_escaped() {
        assert_eq!(for_terminal("a\nb", false), "a␊b");
        assert_eq!(for_terminal("x\u{9b}31m\u{202e}y", true), "x<U+009B>31m<U+202E>y");
    }

    #[test]
    fn json_keeps_its_strings_but_writes_c1_and_bidi_controls_as_escapes() {
        let value = serde_json::json!({ "name": "a\u{9b}31m\u{202e}b\u{2066}" });
        let text = escape_json_controls(&serde_json::to_string(&value).unwrap());
        assert_eq!(text, r#"{"name":"a\u009b31m\u202eb\u2066"}"#);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }
}
