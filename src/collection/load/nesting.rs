//! A bound on how deep a collection file nests, checked on the text before any YAML parser
//! sees it. The parsers apibench uses have no limit of their own that holds everywhere (the
//! lossless tree behind the source map and the editor took 55 s on 200 KB of `[`), and a
//! collection never needs more than a dozen levels; so a cheap scan of the text for block
//! indentation and flow brackets refuses such a file at the place it goes too deep.

/// The deepest a collection may nest, block levels and flow brackets together. A request in a
/// folder in a folder with a JSON body five levels deep is about 15; 64 leaves room for any
/// real file.
pub const MAX_NESTING: usize = 64;

/// Where (1-based line and column, in characters) `text` first nests deeper than
/// [`MAX_NESTING`], or `None` if it never does.
///
/// A scan, not a parse: it follows indentation, `- ` entries, `[`/`{` where a value can
/// start, quoted scalars, comments and block scalars (`|`, `>`) closely enough to count real
/// nesting, and can only overcount text that is not valid YAML anyway.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    too_deep_within(text, MAX_NESTING)
}

/// [`too_deep`] for text that will sit `MAX_NESTING - limit` levels down in a file (one
/// request's lines, hosted alone, of a request inside folders): deeper than `limit` here is
/// too deep there.
pub fn too_deep_within(text: &str, limit: usize) -> Option<(usize, usize)> {
    let mut scan = Scan {
        limit,
        ..Scan::default()
    };
    // One buffer for every line's characters: a file of 50,000 requests has 250,000 lines,
    // and a fresh one for each was most of a load's allocations.
    let mut chars = Vec::new();
    for (index, line) in text.lines().enumerate() {
        chars.clear();
        chars.extend(line.chars());
        if let Some(column) = scan.line(&chars) {
            return Some((index + 1, column + 1));
        }
    }
    None
}

/// The state carried from line to line.
#[derive(Debug, Default)]
struct Scan {
    /// How many levels are allowed.
    limit: usize,
    /// Columns of the open block levels, innermost last.
    blocks: Vec<usize>,
    /// Open `[` and `{`.
    flow: usize,
    /// Inside a quoted scalar that spans lines: its quote.
    quote: Option<char>,
    /// Inside a block scalar: the indentation of the line that opened it, and that of its
    /// first content line once seen (YAML ends the scalar at the first line indented less).
    block_scalar: Option<(usize, Option<usize>)>,
}

impl Scan {
    /// Scans one line, as its characters; the 0-based column where it goes too deep, if
    /// it does.
    fn line(&mut self, chars: &[char]) -> Option<usize> {
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        let blank = chars[indent..].iter().all(|c| c.is_whitespace()) || chars.get(indent) == Some(&'#');
        if let Some((opened_at, content)) = self.block_scalar {
            let inside = match content {
                _ if chars[indent..].iter().all(|c| c.is_whitespace()) => true,
                Some(content) => indent >= content,
                None if indent > opened_at => {
                    self.block_scalar = Some((opened_at, Some(indent)));
                    true
                }
                None => false,
            };
            if inside {
                return None;
            }
            self.block_scalar = None;
        }
        if blank && self.quote.is_none() {
            return None;
        }
        let mut at = 0;
        if self.quote.is_none() && self.flow == 0 {
            // A block line: close the levels it is not inside, open its own, and one more for
            // each `- ` entry that starts on it.
            while self.blocks.last().is_some_and(|&c| c > indent) {
                self.blocks.pop();
            }
            at = indent;
            loop {
                if self.blocks.last().is_none_or(|&c| c < at) {
                    self.blocks.push(at);
                    if self.blocks.len() > self.limit {
                        return Some(at);
                    }
                }
                let dash = chars.get(at) == Some(&'-') && chars.get(at + 1).is_none_or(|c| *c == ' ');
                if !dash {
                    break;
                }
                at += 1;
                while chars.get(at) == Some(&' ') {
                    at += 1;
                }
                if at >= chars.len() {
                    break;
                }
            }
        }
        self.rest(chars, at, indent)
    }

    /// Scans the line from `at` for quotes, brackets, comments and block scalar indicators.
    fn rest(&mut self, chars: &[char], mut at: usize, indent: usize) -> Option<usize> {
        // Whether a value may start here (a quote or bracket there opens a scalar or a
        // collection; elsewhere in a plain scalar it is just a character).
        let mut value_may_start = true;
        while let Some(&c) = chars.get(at) {
            let next = chars.get(at + 1).copied();
            if let Some(quote) = self.quote {
                match (quote, c, next) {
                    // An escape in "…", or a doubled '' in '…': skip the next character.
                    ('"', '\\', _) | ('\'', '\'', Some('\'')) => at += 1,
                    _ if c == quote => {
                        self.quote = None;
                        value_may_start = false;
                    }
                    _ => {}
                }
                at += 1;
                continue;
            }
            let after_space = at == 0 || chars[at - 1] == ' ' || chars[at - 1] == '\t';
            match c {
                '#' if after_space => return None,
                '"' | '\'' if value_may_start => self.quote = Some(c),
                '[' | '{' if value_may_start || self.flow > 0 => {
                    self.flow += 1;
                    if self.blocks.len() + self.flow > self.limit {
                        return Some(at);
                    }
                    value_may_start = true;
                }
                ']' | '}' if self.flow > 0 => {
                    self.flow -= 1;
                    value_may_start = false;
                }
                ',' if self.flow > 0 => value_may_start = true,
                ':' if self.flow > 0 || next.is_none_or(|n| n == ' ' || n == '\t') => value_may_start = true,
                '|' | '>' if value_may_start && self.flow == 0 => {
                    self.block_scalar = Some((indent, None));
                    return None;
                }
                '&' | '!' if value_may_start => {
                    // An anchor or a tag: the value starts after it (a flow indicator ends it).
                    while chars
                        .get(at + 1)
                        .is_some_and(|c| !matches!(c, ' ' | '[' | ']' | '{' | '}' | ','))
                    {
                        at += 1;
                    }
                }
                ' ' | '\t' => {}
                '-' | '?' if value_may_start && next.is_none_or(|n| n == ' ') => {}
                _ => value_may_start = false,
            }
            at += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indented_mappings(levels: usize) -> String {
        let mut text = String::new();
        for i in 0..levels {
            text.push_str(&"  ".repeat(i));
            text.push('k');
            text.push_str(&i.to_string());
            text.push_str(":\n");
        }
        text
    }

    #[test]
    fn ten_thousand_brackets_are_too_deep_at_the_first_one_past_the_limit() {
        let text = format!("name: x\nx-deep: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        // Line 2 is one block level; the 64th bracket is the 65th level, at column 8 + 64.
        assert_eq!(too_deep(&text), Some((2, 8 + MAX_NESTING)));
    }

    /// A block scalar ends at the first line indented less than its content (not only at its
    /// opener's indentation), and an anchor or tag stops at a flow indicator: neither hides
    /// brackets that follow.
    #[test]
    fn brackets_after_a_block_scalar_or_behind_an_anchor_still_count() {
        let deep = "[".repeat(200);
        let after_scalar = format!("a: |\n      x\n  b: {deep}\n");
        assert!(too_deep(&after_scalar).is_some(), "after a block scalar");
        let anchored = format!("a: &x{deep}\n");
        assert!(too_deep(&anchored).is_some(), "behind an anchor");
        let tagged = format!("a: !!seq {deep}\n");
        assert!(too_deep(&tagged).is_some(), "behind a tag");
    }

    #[test]
    fn indented_mappings_and_dashes_count_as_levels() {
        assert_eq!(too_deep(&indented_mappings(MAX_NESTING)), None);
        assert_eq!(
            too_deep(&indented_mappings(MAX_NESTING + 1)),
            Some((MAX_NESTING + 1, 2 * MAX_NESTING + 1))
        );
        let dashes = format!("x:\n  {}y\n", "- ".repeat(MAX_NESTING));
        assert_eq!(too_deep(&dashes), Some((2, 2 * MAX_NESTING + 1)));
    }

    #[test]
    fn brackets_in_plain_and_quoted_scalars_comments_and_block_scalars_do_not_count() {
        let many = "[".repeat(200);
        let text = format!(
            "name: a{many}\nurl: \"{many}\"\nq: '{many}' # {many}\nbody:\n  raw: |\n    {many}\n\n    {many}\n  after: x\n\
             multi: \"first line\n  {many}\"\n"
        );
        assert_eq!(too_deep(&text), None);
    }

    #[test]
    fn flow_collections_that_close_leave_no_depth_behind() {
        let one = format!("{}{}", "[".repeat(40), "]".repeat(40));
        let text = format!("a: {one}\nb: {{x: {one}, y: [1, 2]}}\nc: &anchor {one}\n");
        assert_eq!(too_deep(&text), None);
        let deep = format!("a: !tag {}", "{k: ".repeat(70));
        assert_eq!(too_deep(&deep), Some((1, 9 + 4 * (MAX_NESTING - 1))));
    }

    #[test]
    fn the_shipped_collections_and_fixtures_are_well_within_the_limit() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["collections", "tests/fixtures", "tests/fixtures/broken"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap().filter_map(Result::ok) {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "yaml") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    assert_eq!(too_deep(&text), None, "{}", path.display());
                }
            }
        }
    }
}
