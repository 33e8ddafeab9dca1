//! A Posting `.env` file's variables, read with `dotenvy` as apibench reads a `.env`, but
//! with python-dotenv's meaning, which Posting loads them with: `${X}` in a value that is not
//! in single quotes is X as set above in the same file, else from the process environment.
//! `dotenvy` would substitute itself (and put this process's environment in): each `$` is
//! hidden from it while it reads, and the references are made templates here instead.

use std::fmt::Write as _;

use crate::template::{Template, is_variable_name};

/// Stands for a `$` while `dotenvy` reads a file, so that it substitutes nothing (it would
/// put the values of this process's environment in).
const DOLLAR: char = '\u{E000}';

/// A line `dotenvy` cannot read: its number (from 1; 0 when not found) and why.
#[derive(Debug)]
pub struct BadLine {
    pub line: usize,
    pub message: String,
}

/// The variables of the `.env` file `text` (named `file` in what is listed), as template
/// sources, in the file's order (a name set twice has its last value).
pub fn variables(
    text: &str,
    file: &str,
    unmapped: &mut Vec<String>,
) -> Result<Vec<(String, String)>, BadLine> {
    let masked = text
        .replace("\\$", &format!("\\\\{DOLLAR}"))
        .replace('$', &DOLLAR.to_string());
    let mut variables: Vec<(String, String)> = Vec::new();
    for item in dotenvy::from_read_iter(masked.as_bytes()) {
        let (name, value) = item.map_err(|e| {
            let unmasked = |s: &str| s.replace(DOLLAR, "$");
            let (line, message) = match &e {
                dotenvy::Error::LineParse(bad, at) => {
                    // dotenvy quotes what follows the `=`: the value, which is never shown.
                    let value = unmasked(bad.lines().next().unwrap_or_default());
                    let line = text.lines().position(|l| l.contains(value.trim()));
                    let key = line
                        .and_then(|l| text.lines().nth(l))
                        .map(crate::template::dotenv_key);
                    (
                        line.map_or(0, |l| l + 1),
                        format!(
                            "cannot read the line setting `{}` (at character {})",
                            key.unwrap_or_default(),
                            at + 1
                        ),
                    )
                }
                other => (0, unmasked(&other.to_string())),
            };
            BadLine { line, message }
        })?;
        let at = format!("{file} {name}");
        let source = if single_quoted(text, &name) {
            Template::literal(&value.replace(DOLLAR, "$")).into_string()
        } else {
            interpolated(&value, &variables, &at, unmapped)
        };
        variables.retain(|(n, _)| *n != name);
        variables.push((name, source));
    }
    Ok(variables)
}

/// Whether the line setting `name` (its last one) writes the value in single quotes, where
/// python-dotenv interpolates nothing.
fn single_quoted(text: &str, name: &str) -> bool {
    text.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let line = line.strip_prefix("export ").unwrap_or(line);
            let (key, value) = line.split_once('=')?;
            (key.trim() == name).then(|| value.trim_start().starts_with('\''))
        })
        .next_back()
        .unwrap_or(false)
}

/// A value with python-dotenv's `${X}` as `{{ X }}` (X set above in the same file) or
/// `{{ env.X }}` (from the environment); any other `$` is itself.
fn interpolated(value: &str, above: &[(String, String)], at: &str, unmapped: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find(DOLLAR) {
        out.push_str(Template::literal(&rest[..start]).as_str());
        let after = &rest[start + DOLLAR.len_utf8()..];
        let reference = after.strip_prefix('{').and_then(|inner| inner.split_once('}'));
        let Some((inner, tail)) = reference else {
            out.push('$');
            rest = after;
            continue;
        };
        let env_name = !inner.is_empty() && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if above.iter().any(|(n, _)| n == inner) && is_variable_name(inner) {
            let _ = write!(out, "{{{{ {inner} }}}}");
        } else if env_name {
            let _ = write!(out, "{{{{ env.{inner} }}}}");
        } else {
            let written = format!("${{{}}}", inner.replace(DOLLAR, "$"));
            unmapped.push(format!("{at}: `{written}` has no equivalent; kept as text"));
            out.push_str(Template::literal(&written).as_str());
        }
        rest = tail;
    }
    out.push_str(Template::literal(rest).as_str());
    out
}
