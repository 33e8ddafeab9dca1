//! A curl command line split into its words, as the shell it was written for would split
//! it: a POSIX shell (what API docs and "copy as cURL (bash)" write, including bash's
//! `$'…'` strings, which browsers use for bodies with special characters), or Windows'
//! cmd.exe (what "copy as cURL (cmd)" writes: `^"…^"` strings, `^` escapes and line
//! continuations, then the C runtime's argument rules).
//!
//! POSIX words are `shlex`'s; `$'…'` is decoded first (into a single-quoted word), since no
//! maintained crate reads it. cmd's two layers are small and fully specified — the caret
//! pass of cmd.exe, then `CommandLineToArgvW`'s backslash-and-quote rules — and are done
//! here.

/// Why a command line could not be split.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    #[error("a quote is never closed")]
    Unclosed,
    #[error("a $'…' string is never closed")]
    UnclosedAnsiC,
}

/// The words of `command`, in the style it is written in.
pub fn split(command: &str) -> Result<Vec<String>, SplitError> {
    let command = command.replace("\r\n", "\n");
    if is_cmd(&command) {
        crt_split(&caret_pass(&command))
    } else {
        let posix = ansi_c_to_single_quotes(&command)?;
        shlex::split(&posix).ok_or(SplitError::Unclosed)
    }
}

/// cmd.exe style: a line continued with a trailing `^`, or the URL quoted with `^"` (a `^"`
/// elsewhere may be text inside a POSIX string).
fn is_cmd(command: &str) -> bool {
    command.lines().any(|l| l.trim_end().ends_with(" ^"))
        || command
            .split_whitespace()
            .nth(1)
            .is_some_and(|second| second.starts_with("^\""))
}

/// Rewrites every `$'…'` (outside other quotes) as a single-quoted word holding its decoded
/// text, and drops line continuations, so a POSIX splitter reads it.
fn ansi_c_to_single_quotes(command: &str) -> Result<String, SplitError> {
    let mut out = String::with_capacity(command.len());
    let mut chars = command.chars().peekable();
    let (mut single, mut double) = (false, false);
    while let Some(c) = chars.next() {
        match c {
            // A backslash before a line break continues the line (outside single quotes).
            '\\' if !single && chars.peek() == Some(&'\n') => {
                chars.next();
            }
            '\\' if !single => {
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '\'' if !double => {
                single = !single;
                out.push(c);
            }
            '"' if !single => {
                double = !double;
                out.push(c);
            }
            '$' if !single && !double && chars.peek() == Some(&'\'') => {
                chars.next();
                let decoded = ansi_c(&mut chars)?;
                out.push('\'');
                out.push_str(&decoded.replace('\'', "'\\''"));
                out.push('\'');
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

/// The text of a `$'…'` string up to its closing quote (bash's escapes: `\n \t \r \e \a \b
/// \f \v \\ \' \" \? \xHH \uHHHH \UHHHHHHHH \NNN \cX`). `\xHH` and `\NNN` are bytes, as in
/// bash: `$'caf\xc3\xa9'` is `café`.
fn ansi_c(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<String, SplitError> {
    let mut out: Vec<u8> = Vec::new();
    let push = |out: &mut Vec<u8>, c: char| {
        let mut buf = [0; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    };
    loop {
        let c = chars.next().ok_or(SplitError::UnclosedAnsiC)?;
        match c {
            '\'' => return Ok(String::from_utf8_lossy(&out).into_owned()),
            '\\' => {
                let e = chars.next().ok_or(SplitError::UnclosedAnsiC)?;
                let mut digits = |radix: u32, max: usize, first: Option<char>| {
                    let mut text: String = first.into_iter().collect();
                    while text.len() < max && chars.peek().is_some_and(|d| d.is_digit(radix)) {
                        text.extend(chars.next());
                    }
                    u32::from_str_radix(&text, radix).ok()
                };
                match e {
                    'n' => out.push(b'\n'),
                    't' => out.push(b'\t'),
                    'r' => out.push(b'\r'),
                    'e' | 'E' => out.push(0x1b),
                    'a' => out.push(0x07),
                    'b' => out.push(0x08),
                    'f' => out.push(0x0c),
                    'v' => out.push(0x0b),
                    '\\' | '\'' | '"' | '?' => push(&mut out, e),
                    // Bytes.
                    'x' => out.extend(digits(16, 2, None).and_then(|n| u8::try_from(n).ok())),
                    '0'..='7' => out.extend(digits(8, 3, Some(e)).map(|n| (n & 0xff) as u8)),
                    // Characters.
                    'u' => {
                        if let Some(c) = digits(16, 4, None).and_then(char::from_u32) {
                            push(&mut out, c);
                        }
                    }
                    'U' => {
                        if let Some(c) = digits(16, 8, None).and_then(char::from_u32) {
                            push(&mut out, c);
                        }
                    }
                    'c' => out.extend(chars.next().map(|x| x.to_ascii_uppercase() as u8 & 0x1f)),
                    other => {
                        out.push(b'\\');
                        push(&mut out, other);
                    }
                }
            }
            _ => push(&mut out, c),
        }
    }
}

/// cmd.exe's pass: `^x` is `x`; `^` then a line break then another is a line break inside a
/// word (how browsers write one); `^` then one line break continues the line; inside a
/// quoted run (`"` not escaped), carets are literal.
fn caret_pass(command: &str) -> String {
    let mut out = String::with_capacity(command.len());
    let mut chars = command.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                out.push(c);
            }
            '^' if !quoted => match chars.next() {
                Some('\n') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    out.push('\n');
                }
                Some('\n') => out.push(' '),
                Some(next) => out.push(next),
                None => {}
            },
            _ => out.push(c),
        }
    }
    out
}

/// The C runtime's rules (`CommandLineToArgvW`): words split on spaces, tabs and line
/// breaks outside quotes; `"` toggles quoting; 2n backslashes before a `"` are n and the
/// quote toggles, 2n+1 are n and a literal `"`; other backslashes are themselves.
fn crt_split(line: &str) -> Result<Vec<String>, SplitError> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut count = 1;
                while chars.peek() == Some(&'\\') {
                    chars.next();
                    count += 1;
                }
                in_word = true;
                if chars.peek() == Some(&'"') {
                    word.extend(std::iter::repeat_n('\\', count / 2));
                    if count % 2 == 1 {
                        chars.next();
                        word.push('"');
                    }
                } else {
                    word.extend(std::iter::repeat_n('\\', count));
                }
            }
            '"' => {
                in_word = true;
                quoted = !quoted;
            }
            ' ' | '\t' | '\n' if !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            _ => {
                in_word = true;
                word.push(c);
            }
        }
    }
    // The C runtime would end the word at the end of the line; a quote left open is a
    // command cut short, or lost its `^"`, and its words cannot be trusted.
    if quoted {
        return Err(SplitError::Unclosed);
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_words_with_continuations_and_every_quote() {
        let words = split("curl 'https://x/a b' \\\n  -H \"X-A: \\\"q\\\" \\$HOME\" \\\n  -d $'{\"a\":\"it\\'s\\n\\u00e9\"}'").unwrap();
        assert_eq!(
            words,
            [
                "curl",
                "https://x/a b",
                "-H",
                "X-A: \"q\" $HOME",
                "-d",
                "{\"a\":\"it's\n\u{e9}\"}"
            ]
        );
        assert_eq!(
            split("curl -H $'X-A: caf\\xc3\\xa9 \\303\\251'").unwrap()[2],
            "X-A: café é"
        );
        assert_eq!(split("curl 'unclosed"), Err(SplitError::Unclosed));
        assert_eq!(split("curl $'never"), Err(SplitError::UnclosedAnsiC));
    }

    /// As Chrome's "Copy as cURL (cmd)" writes a POST with a JSON body holding a quote, a
    /// percent sign, a caret and a line break.
    #[test]
    fn cmd_words_as_chrome_writes_them() {
        let command = "curl ^\"https://api.example.com/v1/items?q=a^&b=1^\" ^\n  -H ^\"content-type: application/json^\" ^\n  --data-raw ^\"^{^\\^\"name^\\^\":^\\^\"50^% off ^^ more^\\^\",^\\^\"n^\\^\":^\\^\"a^\n\nb^\\^\"^}^\"";
        let words = split(command).unwrap();
        assert_eq!(
            words,
            [
                "curl",
                "https://api.example.com/v1/items?q=a&b=1",
                "-H",
                "content-type: application/json",
                "--data-raw",
                "{\"name\":\"50% off ^ more\",\"n\":\"a\nb\"}"
            ]
        );
    }
}
