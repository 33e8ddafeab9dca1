//! `.http` / `.rest` files — the JetBrains HTTP Client's and VS Code REST Client's format —
//! read into requests, and a request written back as one. The format is lines, specified
//! by the two tools' documentation; there is no Rust crate for it, so it is read here:
//!
//! - `###` separates requests (text after it names the request); `# @name X` or
//!   `// @name X` names it too (VS Code);
//! - `@name = value` lines are file variables (collection variables here);
//! - the request line is `[METHOD] URL [HTTP/version]`, and lines after it that start with
//!   `?` or `&` continue its query;
//! - then `Name: value` headers, a blank line, and the body up to the next `###` (or
//!   `< ./file` for a file's contents);
//! - `{{name}}` is a variable, `{{$processEnv NAME}}` / `{{$dotenv NAME}}` / `{{$env.NAME}}`
//!   the process environment, and `{{login.response.body.$.token}}` /
//!   `{{login.response.headers.Location}}` a chained response: each becomes apibench's own
//!   template. What has no equivalent (`{{$guid}}`, response handler scripts `> {% … %}`,
//!   `# @no-log`) stays literal and is listed.

use crate::collection::{Body, Request};
use crate::interop::body::{template, template_source};
use crate::template::Template;

/// What a `.http` file holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// `@name = value` lines, as template sources.
    pub variables: Vec<(String, String)>,
    pub requests: Vec<Request>,
    /// What could not be imported, with its line: `line 12: {{$guid}} has no equivalent`.
    pub unmapped: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpFileError {
    #[error("line {line}: {message}")]
    At { line: usize, message: String },
    #[error("there is no request in the file")]
    Empty,
}

/// A block between `###` lines: the separator's name, and the lines with their numbers.
type Block<'a> = (Option<String>, Vec<(usize, &'a str)>);

const METHODS: &[&str] = &[
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT",
];

/// Reads a `.http` file's text.
pub fn import(text: &str) -> Result<Imported, HttpFileError> {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let mut imported = Imported {
        variables: Vec::new(),
        requests: Vec::new(),
        unmapped: Vec::new(),
    };
    // Blocks: the separator's name, and the lines with their numbers.
    let mut blocks: Vec<Block<'_>> = vec![(None, Vec::new())];
    for (i, line) in lines.iter().enumerate() {
        if let Some(name) = line.trim_start().strip_prefix("###") {
            let name = name.trim();
            blocks.push(((!name.is_empty()).then(|| name.to_owned()), Vec::new()));
        } else if let Some(block) = blocks.last_mut() {
            block.1.push((i + 1, line));
        }
    }
    for (name, block) in blocks {
        if let Some(request) = read_block(name, &block, &mut imported)? {
            imported.requests.push(request);
        }
    }
    if imported.requests.is_empty() {
        return Err(HttpFileError::Empty);
    }
    Ok(imported)
}

fn read_block(
    mut name: Option<String>,
    block: &[(usize, &str)],
    imported: &mut Imported,
) -> Result<Option<Request>, HttpFileError> {
    let mut lines = block.iter().copied().peekable();
    let mut follow_redirects = None;
    // Before the request line: variables, comments and directives.
    let (line_no, request_line) = loop {
        let Some((n, line)) = lines.next() else {
            return Ok(None);
        };
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(variable) = trimmed.strip_prefix('@') {
            let (key, value) = variable.split_once('=').ok_or_else(|| HttpFileError::At {
                line: n,
                message: format!("`{trimmed}` is not a variable (`@name = value`)"),
            })?;
            let value = template_source(value.trim(), &format!("line {n}"), &mut imported.unmapped);
            imported.variables.push((key.trim().to_owned(), value));
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix('#').or_else(|| trimmed.strip_prefix("//")) {
            let comment = comment.trim();
            if let Some(directive) = comment.strip_prefix('@') {
                let (key, value) = directive
                    .split_once(char::is_whitespace)
                    .unwrap_or((directive, ""));
                match key {
                    "name" => name = Some(value.trim().to_owned()),
                    "no-redirect" => follow_redirects = Some(false),
                    _ => imported
                        .unmapped
                        .push(format!("line {n}: # @{directive} has no equivalent")),
                }
            }
            continue;
        }
        break (n, trimmed);
    };
    // `[METHOD] URL [HTTP/x.y]`: the URL is everything between, spaces inside `{{ }}`
    // included.
    let (first, after) = request_line
        .split_once(char::is_whitespace)
        .unwrap_or((request_line, ""));
    let (method, target) = if METHODS.contains(&first.to_ascii_uppercase().as_str()) {
        (first.to_ascii_uppercase(), after.trim())
    } else {
        ("GET".to_owned(), request_line)
    };
    let target = match target.rsplit_once(char::is_whitespace) {
        Some((url, version)) if version.to_ascii_uppercase().starts_with("HTTP/") => url.trim(),
        _ => target,
    };
    if target.is_empty() {
        return Err(HttpFileError::At {
            line: line_no,
            message: format!("`{request_line}` has a method but no URL"),
        });
    }
    let mut url = target.to_owned();
    // The query may go on over the lines that follow.
    while let Some((_, line)) = lines.peek() {
        let trimmed = line.trim();
        if trimmed.starts_with('?') || trimmed.starts_with('&') {
            url.push_str(trimmed);
            lines.next();
        } else {
            break;
        }
    }
    let mut request = Request::new(
        String::new(),
        template(&url, &format!("line {line_no}"), &mut imported.unmapped),
    );
    request.method.clone_from(&method);
    request.options.follow_redirects = follow_redirects;
    let mut content_type = None;
    for (n, line) in lines.by_ref() {
        if line.trim().is_empty() {
            break;
        }
        let trimmed = line.trim();
        if trimmed.starts_with('#') || trimmed.starts_with("//") {
            continue;
        }
        let (header, value) = trimmed.split_once(':').ok_or_else(|| HttpFileError::At {
            line: n,
            message: format!("`{trimmed}` is not a header (`Name: value`)"),
        })?;
        // A templated type stays a header: a body's content type is plain text.
        if header.trim().eq_ignore_ascii_case("content-type") && !value.contains("{{") {
            content_type = Some(value.trim().to_owned());
            continue;
        }
        request.headers.push((
            header.trim().to_owned(),
            template(value.trim(), &format!("line {n}"), &mut imported.unmapped),
        ));
    }
    let mut body: Vec<(usize, &str)> = lines.collect();
    // Response handlers and redirections are the tools' own.
    body.retain(|(n, line)| {
        let t = line.trim_start();
        let tool = t.starts_with("> ") || t.starts_with(">>") || t.starts_with("<> ");
        if tool {
            imported.unmapped.push(format!(
                "line {n}: `{}` runs in the HTTP client only",
                t.chars().take(40).collect::<String>()
            ));
        }
        !tool
    });
    while body.last().is_some_and(|(_, l)| l.trim().is_empty()) {
        body.pop();
    }
    if let Some(&(n, first)) = body.first() {
        let text: Vec<&str> = body.iter().map(|(_, l)| *l).collect();
        let text = text.join("\n");
        request.body = Some(match first.trim().strip_prefix("< ") {
            Some(path) if body.len() == 1 => Body::File {
                path: Template::literal(path.trim()),
                content_type,
            },
            _ if !text.contains("{{") => {
                crate::interop::body::of(&text, content_type.as_deref(), "text/plain")
            }
            _ => Body::Text {
                text: template(&text, &format!("line {n}"), &mut imported.unmapped),
                content_type,
            },
        });
    } else if let Some(content_type) = content_type {
        request
            .headers
            .push(("Content-Type".to_owned(), Template::literal(&content_type)));
    }
    request.name = name.filter(|n| !n.is_empty()).map_or_else(
        || crate::interop::body::request_name(&url),
        |n| n.replace('/', " "),
    );
    Ok(Some(request))
}

/// `request` as a `.http` block: what apibench sends (the client's own headers but `Host`
/// and `Content-Length`, which the HTTP client writes), under `### name`.
pub fn export(name: &str, request: &crate::http::ResolvedRequest) -> String {
    let message = crate::interop::http_message(request);
    let mut lines = message.lines();
    let mut out = format!("### {name}\n");
    if let Some(first) = lines.next() {
        out.push_str(first);
        out.push('\n');
    }
    for line in lines.by_ref() {
        if line.is_empty() {
            out.push('\n');
            break;
        }
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("host:") || lower.starts_with("content-length:") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests;
