//! Writing a string as a YAML scalar in the style the person used: plain stays plain when it
//! safely can, quoted stays quoted in the same quotes, block stays block.

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Single,
    Double,
    /// `|` or `>` block scalar.
    Block,
}

impl Style {
    /// The style of a scalar from its source text.
    pub fn of(source: &str) -> Style {
        match source.trim_start().as_bytes().first() {
            Some(b'\'') => Style::Single,
            Some(b'"') => Style::Double,
            Some(b'|' | b'>') => Style::Block,
            _ => Style::Plain,
        }
    }
}

/// A scalar for `value`, single-line, in `preferred` style when that is safe for this value.
/// Block style is not produced here: multi-line text goes through [`block`].
pub fn inline(value: &str, preferred: Style) -> String {
    match preferred {
        Style::Plain if plain_is_safe(value) => value.to_owned(),
        Style::Single if !value.contains(['\n', '\r']) && printable(value) => {
            format!("'{}'", value.replace('\'', "''"))
        }
        _ => double(value),
    }
}

/// A scalar written plain when that reads back as the same string, else double-quoted:
/// how new keys and names are written.
pub fn plain_or_double(text: &str) -> String {
    if plain_is_safe(text) {
        text.to_owned()
    } else {
        double(text)
    }
}

/// A double-quoted scalar; JSON string escapes are valid YAML double-quoted escapes.
pub fn double(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_owned())
}

/// A literal block scalar (`|`) for multi-line text, its lines indented by `indent`
/// spaces. Returns the header and the lines, ready to follow `key: `.
pub fn block(value: &str, indent: usize) -> String {
    let chomp = if value.ends_with('\n') { "" } else { "-" };
    let pad = " ".repeat(indent);
    let mut out = format!("|{chomp}");
    // An indentation indicator is needed when the first line starts with a space.
    if value.starts_with(' ') {
        out = format!("|{indent_indicator}{chomp}", indent_indicator = 2);
    }
    for line in value.strip_suffix('\n').unwrap_or(value).split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    out
}

/// Multi-line text as a literal block when a block says it exactly, else double-quoted: a
/// block cannot hold a carriage return or other control characters, the Unicode line
/// breaks, more than one final line break, or a first line that starts with whitespace.
pub fn multiline(value: &str, indent: usize) -> String {
    if block_is_exact(value) {
        block(value, indent)
    } else {
        double(value)
    }
}

fn block_is_exact(value: &str) -> bool {
    let unbreakable = value.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
    });
    let first = value.lines().find(|l| !l.is_empty());
    !unbreakable
        && !value.ends_with("\n\n")
        && value != "\n"
        && !value.starts_with('\n')
        && first.is_some_and(|l| !l.starts_with([' ', '\t']))
}

fn printable(value: &str) -> bool {
    !value.chars().any(|c| c.is_control() && c != '\t')
}

/// Whether `value` reads back as the same string when written plain, everywhere we write
/// scalars (block and flow contexts alike).
pub fn plain_is_safe(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    if value != value.trim() || !printable(value) || value.contains('\t') {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        // `-` and `?` and `:` are fine when followed by a non-space, but keep it simple.
        return false;
    }
    if value.contains(": ") || value.contains(" #") || value.ends_with(':') {
        return false;
    }
    if value.contains([',', '[', ']', '{', '}']) {
        // Safe in block context but not inside a flow collection; quote to be safe anywhere.
        return false;
    }
    // Words that YAML reads as something other than a string.
    let lower = value.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return false;
    }
    !looks_numeric(value)
}

/// Whether YAML would read `value`, written plain, as a number.
pub fn looks_numeric(value: &str) -> bool {
    let v = value.strip_prefix(['+', '-']).unwrap_or(value);
    v.parse::<f64>().is_ok()
        || v.starts_with("0x")
        || v.starts_with("0o")
        || v.starts_with("0b")
        || matches!(v.to_ascii_lowercase().as_str(), ".inf" | ".nan")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_are_detected() {
        assert_eq!(Style::of("\"x\""), Style::Double);
        assert_eq!(Style::of("'x'"), Style::Single);
        assert_eq!(Style::of("|\n  a"), Style::Block);
        assert_eq!(Style::of("x"), Style::Plain);
    }

    #[test]
    fn plain_is_kept_only_when_it_reads_back_the_same() {
        assert_eq!(inline("http://x/a", Style::Plain), "http://x/a");
        assert_eq!(inline("{{ base_url }}/v1", Style::Plain), "\"{{ base_url }}/v1\"");
        assert_eq!(inline("true", Style::Plain), "\"true\"");
        assert_eq!(inline("42", Style::Plain), "\"42\"");
        assert_eq!(inline("a: b", Style::Plain), "\"a: b\"");
        assert_eq!(inline("", Style::Plain), "\"\"");
        assert_eq!(inline(" x", Style::Plain), "\" x\"");
    }

    #[test]
    fn quotes_are_kept_and_escaped() {
        assert_eq!(inline("it's", Style::Single), "'it''s'");
        assert_eq!(inline("say \"hi\"\n", Style::Double), "\"say \\\"hi\\\"\\n\"");
        assert_eq!(inline("two\nlines", Style::Single), "\"two\\nlines\"");
    }

    #[test]
    fn every_inline_form_reads_back_through_serde_yaml() {
        for value in [
            "plain",
            "{{ x }}",
            "true",
            "1.5",
            "a: b",
            "x #y",
            "it's",
            "\"q\"",
            "tab\there",
            "é ✓",
            "",
            "-",
            "[a]",
            "*star",
        ] {
            for style in [Style::Plain, Style::Single, Style::Double] {
                let yaml = format!("k: {}\n", inline(value, style));
                let back: std::collections::BTreeMap<String, String> = serde_yaml::from_str(&yaml).unwrap();
                assert_eq!(back["k"], value, "{yaml}");
            }
        }
    }

    #[test]
    fn blocks_read_back() {
        for value in ["a\nb", "a\nb\n", "  indented\nnext", "x\n\ny"] {
            let yaml = format!("k: {}\n", block(value, 2));
            let back: std::collections::BTreeMap<String, String> = serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(back["k"], value, "{yaml}");
        }
    }
}
