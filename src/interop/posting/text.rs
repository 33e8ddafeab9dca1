//! Posting's text as apibench's: Python's `string.Template`, which Posting substitutes
//! variables with (`$name`, `${name}`, `$$` for a `$`; any other `$` makes Posting refuse to
//! send), and the URL as Posting sends it (`http://` added, `:name` path parameters).

use std::fmt::Write as _;

use crate::interop::body::{PathParams, path_params};
use crate::template::{Template, is_variable_name};

/// The URL as Posting sends it: `http://` when it has no scheme (and does not start with a
/// variable), each `:name` of its path parameters as `${name}` and `::` as `:` in its path.
pub fn url_with_path_params(url: &str, params: &[&str]) -> String {
    let has_scheme = url.split_once("://").is_some_and(|(s, _)| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    let url = if has_scheme || url.starts_with('$') || url.is_empty() {
        url.to_owned()
    } else {
        format!("http://{url}")
    };
    if params.is_empty() {
        return url;
    }
    path_params(
        &url,
        PathParams::Inline,
        |name| params.contains(&name),
        |name| format!("${{{name}}}"),
    )
}

/// A piece of Posting text.
#[derive(Debug, PartialEq)]
pub enum Piece {
    Text(String),
    Var(String),
    /// A `$` that starts no variable: Posting refuses to send it.
    Stray,
}

/// Posting's text split as `string.Template` reads it: `$name`, `${name}`, `$$`.
pub fn pieces(text: &str) -> Vec<Piece> {
    let ident_len = |s: &str| {
        s.chars()
            .next()
            .filter(|c| c.is_ascii_alphabetic() || *c == '_')
            .map_or(0, |_| {
                s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(s.len())
            })
    };
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(dollar) = rest.find('$') {
        literal.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let braced = after
            .strip_prefix('{')
            .map(|inner| (inner, ident_len(inner)))
            .filter(|(inner, len)| *len > 0 && inner[*len..].starts_with('}'));
        let (piece, consumed) = if after.starts_with('$') {
            literal.push('$');
            (None, 1)
        } else if let Some((inner, len)) = braced {
            (Some(Piece::Var(inner[..len].to_owned())), len + 2)
        } else if ident_len(after) > 0 {
            (
                Some(Piece::Var(after[..ident_len(after)].to_owned())),
                ident_len(after),
            )
        } else {
            if !literal.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut literal)));
            }
            out.push(Piece::Stray);
            literal.push('$');
            (None, 0)
        };
        if let Some(piece) = piece {
            if !literal.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut literal)));
            }
            out.push(piece);
        }
        rest = &after[consumed..];
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        out.push(Piece::Text(literal));
    }
    out
}

/// The text Posting sends when `text` holds no variable (`$$` undone).
pub fn literal(text: &str) -> Option<String> {
    let mut out = String::new();
    for piece in pieces(text) {
        match piece {
            Piece::Text(t) => out.push_str(&t),
            Piece::Stray => {}
            Piece::Var(_) => return None,
        }
    }
    Some(out)
}

/// Posting's text as a template: `$name` and `${name}` as `{{ name }}`, the rest literal.
pub fn template(text: &str, at: &str, unmapped: &mut Vec<String>) -> Template {
    strays(text, at, unmapped);
    let mut source = String::new();
    for piece in pieces(text) {
        match piece {
            Piece::Text(t) => source.push_str(Template::literal(&t).as_str()),
            Piece::Var(name) if is_variable_name(&name) => {
                let _ = write!(source, "{{{{ {name} }}}}");
            }
            Piece::Var(name) => source.push_str(Template::literal(&format!("${name}")).as_str()),
            Piece::Stray => {}
        }
    }
    Template::parse(&source).unwrap_or_else(|_| Template::literal(text))
}

/// Says a `$` of `text` that starts no variable, once.
pub fn strays(text: &str, at: &str, unmapped: &mut Vec<String>) {
    if pieces(text).contains(&Piece::Stray) {
        unmapped.push(format!(
            "{at}: a `$` in `{text}` starts no variable (Posting refuses to send it; `$$` is a `$`); kept as text"
        ));
    }
}
