//! The block syntax of Bruno's `.bru` files (Bru Lang), read into blocks and nothing more:
//! what a block means is for the caller. A file is a run of blocks, each a name and a body:
//!
//! - a dictionary, `headers {` then one `name: value` a line (`~name` is a disabled row, a
//!   `"quoted key"` may hold `:` and spaces, a `'''` value runs over several lines indented by
//!   four, `@annotation(…)` lines before a row are skipped), closed by a `}` alone on a line;
//! - a text, `body:json {` then lines indented by two, closed by a `}` at the start of a line
//!   (so the JSON's own indented `}` stays inside);
//! - a list, `vars:secret [` then names separated by commas or lines, closed by `]`.
//!
//! Which block is text is Bruno's grammar (`packages/bruno-lang/v2/src/bruToJson.js`); a
//! block this does not know is read as text, so a newer file's extra blocks do not stop it.
//! Input that is not Bru Lang gives a [`SyntaxError`] with its line, never a panic.

/// One block: `headers { … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub name: String,
    /// Where its header is, from 1.
    pub line: usize,
    pub content: Content,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Pairs(Vec<Pair>),
    /// The text as Bruno reads it: each line's two spaces of indentation taken off.
    Text(String),
    /// The names of a list block (`value` empty).
    List(Vec<Pair>),
}

/// `name: value`, or `~name: value` (disabled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub key: String,
    pub value: String,
    pub enabled: bool,
}

/// Where and why a file is not Bru Lang.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// From 1.
    pub line: usize,
    pub message: String,
}

impl SyntaxError {
    fn new(line: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            message: message.into(),
        }
    }
}

/// Blocks whose body is text rather than `name: value` rows.
const TEXT_BLOCKS: &[&str] = &[
    "body",
    "body:json",
    "body:text",
    "body:xml",
    "body:sparql",
    "body:graphql",
    "body:graphql:vars",
    "script:pre-request",
    "script:post-response",
    "tests",
    "docs",
    "example",
];

/// Blocks of rows Bruno's grammars name; any other block is kept as text.
fn is_dictionary(name: &str) -> bool {
    const NAMES: &[&str] = &[
        "meta", "app", "settings", "get", "post", "put", "delete", "patch", "options", "head", "connect",
        "trace", "http", "grpc", "ws", "headers", "metadata", "query", "auth", "vars", "assert",
    ];
    !TEXT_BLOCKS.contains(&name)
        && (NAMES.contains(&name)
            || ["params:", "auth:", "vars:", "body:"]
                .iter()
                .any(|prefix| name.starts_with(prefix)))
}

/// Reads a `.bru` file (a request, `folder.bru`, `collection.bru` or an environment).
pub fn parse(text: &str) -> Result<Vec<Block>, SyntaxError> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut blocks = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let trimmed = lines[at].trim();
        let line = at + 1;
        at += 1;
        // An environment's colour (`color: #ff0000`) is a line of its own, not a block.
        if trimmed.is_empty() || trimmed.starts_with("color:") {
            continue;
        }
        let Some((name, opening)) = header(trimmed) else {
            return Err(SyntaxError::new(
                line,
                format!(
                    "expected a block such as `headers {{`, found a line starting `{}`",
                    first_word(trimmed)
                ),
            ));
        };
        let content = match opening {
            Opening::Empty if TEXT_BLOCKS.contains(&name) => Content::Text(String::new()),
            Opening::Empty => Content::Pairs(Vec::new()),
            Opening::InlineList(items) => Content::List(list_items(items)),
            Opening::List => Content::List(list(&lines, &mut at, name, line)?),
            Opening::Brace if is_dictionary(name) => Content::Pairs(dictionary(&lines, &mut at, name, line)?),
            Opening::Brace => Content::Text(text_block(&lines, &mut at, name, line)?),
        };
        blocks.push(Block {
            name: name.to_owned(),
            line,
            content,
        });
    }
    Ok(blocks)
}

enum Opening<'a> {
    /// `name {`
    Brace,
    /// `name {}`
    Empty,
    /// `name [`
    List,
    /// `name [a, b]`
    InlineList(&'a str),
}

/// `headers {` as its name and how it opens.
fn header(line: &str) -> Option<(&str, Opening<'_>)> {
    let (name, opening) = if let Some(name) = line.strip_suffix("{}") {
        (name, Opening::Empty)
    } else if let Some(name) = line.strip_suffix('{') {
        (name, Opening::Brace)
    } else if let Some(name) = line.strip_suffix('[') {
        (name, Opening::List)
    } else {
        let (name, items) = line.strip_suffix(']')?.split_once('[')?;
        (name, Opening::InlineList(items))
    };
    let name = name.trim_end();
    (!name.is_empty() && !name.contains(char::is_whitespace) && !name.contains(['{', '}', '[', ']']))
        .then_some((name, opening))
}

/// The lines of a text block up to a `}` at the start of a line, unindented by two spaces.
fn text_block(lines: &[&str], at: &mut usize, name: &str, opened: usize) -> Result<String, SyntaxError> {
    let start = *at;
    while *at < lines.len() {
        let line = lines[*at];
        *at += 1;
        if line.starts_with('}') && line.trim_end() == "}" {
            let body: Vec<&str> = lines[start..*at - 1]
                .iter()
                .map(|l| l.strip_prefix("  ").unwrap_or(l))
                .skip_while(|l| l.is_empty())
                .collect();
            return Ok(body.join("\n"));
        }
    }
    Err(unclosed(name, opened, "a `}` at the start of a line"))
}

/// The rows of a dictionary block up to a `}` alone on a line.
fn dictionary(lines: &[&str], at: &mut usize, name: &str, opened: usize) -> Result<Vec<Pair>, SyntaxError> {
    let mut pairs = Vec::new();
    while *at < lines.len() {
        let line = lines[*at].trim();
        let number = *at + 1;
        *at += 1;
        if line == "}" {
            return Ok(pairs);
        }
        if line.is_empty() {
            continue;
        }
        if is_annotation(line) {
            // `@description('''` runs to the line that closes its quotes.
            if line.matches("'''").count() % 2 == 1 {
                skip_past(lines, at, "'''").ok_or_else(|| unclosed(name, opened, "`'''`"))?;
            }
            continue;
        }
        let (enabled, rest) = match line.strip_prefix('~') {
            Some(rest) => (false, rest),
            None => (true, line),
        };
        let (key, value) = split_pair(rest).ok_or_else(|| {
            SyntaxError::new(
                number,
                format!(
                    "expected `name: value`, or the `}}` that closes the `{name}` block of line {opened}, found a line starting `{}`",
                    first_word(line)
                ),
            )
        })?;
        let value = if let Some(after) = value.strip_prefix("'''") {
            multiline(lines, at, after, &key, number)?
        } else if value == "[" {
            let items = list(lines, at, &key, number)?;
            items.into_iter().map(|i| i.key).collect::<Vec<_>>().join(", ")
        } else {
            value.to_owned()
        };
        pairs.push(Pair { key, value, enabled });
    }
    Err(unclosed(name, opened, "a `}` alone on a line"))
}

/// `@name(…)` before a row; `@name: value` is a row (a request-local variable).
fn is_annotation(line: &str) -> bool {
    line.strip_prefix('@').is_some_and(|rest| {
        let end = rest.find(['(', ')', ' ', '\t', ':']).unwrap_or(rest.len());
        end > 0 && !rest[end..].trim_start().starts_with(':')
    })
}

/// `key: value` (the key maybe quoted) as the key and the value, trimmed.
fn split_pair(line: &str) -> Option<(String, &str)> {
    if let Some(quoted) = line.strip_prefix('"') {
        let mut key = String::new();
        let mut chars = quoted.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' if quoted[i + 1..].starts_with('"') => {
                    key.push('"');
                    chars.next();
                }
                '"' => {
                    let value = quoted[i + 1..].trim_start().strip_prefix(':')?;
                    return Some((key, value.trim()));
                }
                c => key.push(c),
            }
        }
        return None;
    }
    let (key, value) = line.split_once(':')?;
    Some((key.trim().to_owned(), value.trim()))
}

/// A `'''` value: on this line, or the lines up to the closing `'''`, unindented by four.
/// What follows the closing quotes (`@contentType(text/csv)`) is kept after a space.
fn multiline(
    lines: &[&str],
    at: &mut usize,
    after: &str,
    key: &str,
    opened: usize,
) -> Result<String, SyntaxError> {
    let (text, rest) = if let Some((text, rest)) = after.split_once("'''") {
        (text.to_owned(), rest)
    } else {
        let start = *at;
        let end = skip_past(lines, at, "'''").ok_or_else(|| {
            SyntaxError::new(
                opened,
                format!("the ''' value of `{key}` is never closed by a line of '''"),
            )
        })?;
        let mut body: Vec<&str> = lines[start..end].iter().map(|l| unindent(l, 4)).collect();
        let closing = lines[end].trim_start();
        let (inside, rest) = closing.split_once("'''").unwrap_or((closing, ""));
        body.push(inside);
        (body.join("\n"), rest)
    };
    let text = text.trim();
    let rest = rest.trim();
    Ok(if rest.is_empty() {
        text.to_owned()
    } else {
        format!("{text} {rest}")
    })
}

/// Moves past the next line holding `marker`, returning that line's index.
fn skip_past(lines: &[&str], at: &mut usize, marker: &str) -> Option<usize> {
    let found = (*at..lines.len()).find(|&i| lines[i].contains(marker))?;
    *at = found + 1;
    Some(found)
}

fn unindent(line: &str, spaces: usize) -> &str {
    let indent = line.len() - line.trim_start_matches(' ').len();
    &line[indent.min(spaces)..]
}

/// The items of a list up to `]`, a line or a comma apart.
fn list(lines: &[&str], at: &mut usize, name: &str, opened: usize) -> Result<Vec<Pair>, SyntaxError> {
    let start = *at;
    while *at < lines.len() {
        let line = lines[*at].trim();
        *at += 1;
        if let Some(last) = line.strip_suffix(']') {
            let mut items: Vec<&str> = lines[start..*at - 1].to_vec();
            items.push(last);
            return Ok(list_items(&items.join("\n")));
        }
    }
    Err(unclosed(name, opened, "`]`"))
}

fn list_items(text: &str) -> Vec<Pair> {
    text.split([',', '\n'])
        .map(str::trim)
        .filter(|item| !item.is_empty() && !is_annotation(item))
        .map(|item| match item.strip_prefix('~') {
            Some(name) => (name, false),
            None => (item, true),
        })
        .map(|(key, enabled)| Pair {
            key: key.to_owned(),
            value: String::new(),
            enabled,
        })
        .collect()
}

fn unclosed(name: &str, opened: usize, by: &str) -> SyntaxError {
    SyntaxError::new(
        opened,
        format!("the `{name}` block that starts here is never closed (by {by})"),
    )
}

/// A line as quoted in a message: its first 60 characters.
/// A line that is not read, as an error quotes it: its first word (up to a space, `:` or
/// `=`) and never what follows, which may be a secret (`Authorization Bearer eyJ…`); a long
/// word (a token on a line of its own) only by its start.
fn first_word(line: &str) -> String {
    let word = line
        .trim()
        .split(|c: char| c.is_whitespace() || c == ':' || c == '=')
        .next()
        .unwrap_or_default();
    if word.chars().count() > 24 {
        format!("{}…", word.chars().take(8).collect::<String>())
    } else {
        word.to_owned()
    }
}

#[cfg(test)]
mod tests;
