//! Colouring one line of pretty-printed JSON. The printer puts at most one key and one value
//! on a line, so a line can be tokenised on its own — which is what lets the viewer colour
//! only the lines on screen.

/// What a piece of a JSON line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Key,
    String,
    Number,
    Literal,
    Punct,
    Space,
}

/// Splits a line into coloured pieces; concatenated, they give the line back.
pub fn json_line(line: &str) -> Vec<(Token, &str)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let token = match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                let rest = line[i..].trim_start();
                if rest.starts_with(':') {
                    Token::Key
                } else {
                    Token::String
                }
            }
            b' ' | b'\t' => {
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                    i += 1;
                }
                Token::Space
            }
            b'-' | b'0'..=b'9' => {
                while i < bytes.len() && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    i += 1;
                }
                Token::Number
            }
            b't' | b'f' | b'n' => {
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                Token::Literal
            }
            _ => {
                // Punctuation, or anything unexpected: one character at a time.
                i += line[i..].chars().next().map_or(1, char::len_utf8);
                Token::Punct
            }
        };
        // A cut inside a multi-byte character cannot happen: every boundary above is ASCII.
        out.push((token, &line[start..i.min(line.len())]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_strings_numbers_and_literals() {
        let tokens = json_line(r#"  "name": "Ada \"the\" first", "n": -1.5e3, "ok": true, "x": null"#);
        let kinds: Vec<Token> = tokens
            .iter()
            .map(|(t, _)| *t)
            .filter(|t| *t != Token::Space)
            .collect();
        assert_eq!(
            kinds,
            [
                Token::Key,
                Token::Punct,
                Token::String,
                Token::Punct,
                Token::Key,
                Token::Punct,
                Token::Number,
                Token::Punct,
                Token::Key,
                Token::Punct,
                Token::Literal,
                Token::Punct,
                Token::Key,
                Token::Punct,
                Token::Literal
            ]
        );
        let rebuilt: String = tokens.iter().map(|(_, s)| *s).collect();
        assert_eq!(
            rebuilt,
            r#"  "name": "Ada \"the\" first", "n": -1.5e3, "ok": true, "x": null"#
        );
    }

    #[test]
    fn unterminated_strings_and_unicode_do_not_panic() {
        for line in ["\"abc", "\"a\\", "é: \"ü\"", "{", "}", ""] {
            let rebuilt: String = json_line(line).iter().map(|(_, s)| *s).collect();
            assert_eq!(rebuilt, line);
        }
    }
}
