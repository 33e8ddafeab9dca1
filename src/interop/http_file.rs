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
        // `Authorization: Basic user:password` (or `user password`): both clients encode it.
        if header.trim().eq_ignore_ascii_case("authorization")
            && let Some(auth) = plain_basic(value.trim(), n, &mut imported.unmapped)
        {
            request.auth = Some(auth);
            continue;
        }
        request.headers.push((
            header.trim().to_owned(),
            template(value.trim(), &format!("line {n}"), &mut imported.unmapped),
        ));
    }
    // Response handlers (`> {% … %}` over as many lines as it takes, `> script.js`) and
    // redirections (`>> file`) are the tools' own: left out whole, and said.
    let mut body: Vec<(usize, &str)> = Vec::new();
    let mut in_handler = None;
    for (n, line) in lines {
        let t = line.trim_start();
        if let Some(start) = in_handler {
            if t.contains("%}") {
                in_handler = None;
                imported.unmapped.push(format!(
                    "lines {start}–{n}: a response handler script runs in the HTTP client only; left out"
                ));
            }
            continue;
        }
        if t.starts_with("> {%") && !t.contains("%}") {
            in_handler = Some(n);
            continue;
        }
        if t.starts_with("> ") || t.starts_with(">>") || t.starts_with("<> ") {
            imported.unmapped.push(format!(
                "line {n}: `{}` runs in the HTTP client only; left out",
                t.chars().take(40).collect::<String>()
            ));
            continue;
        }
        body.push((n, line));
    }
    if let Some(start) = in_handler {
        imported.unmapped.push(format!(
            "line {start}: a response handler script that never closes (`%}}`); left out to the end of the request"
        ));
    }
    while body.last().is_some_and(|(_, l)| l.trim().is_empty()) {
        body.pop();
    }
    if let Some(&(n, first)) = body.first() {
        let text: Vec<&str> = body.iter().map(|(_, l)| *l).collect();
        let text = text.join("\n");
        let essence = content_type.as_deref().map(crate::media_type::essence);
        request.body = Some(match first.trim().strip_prefix("< ") {
            Some(path) if body.len() == 1 => Body::File {
                path: Template::literal(path.trim()),
                content_type,
            },
            _ if essence.as_deref() == Some("multipart/form-data") => {
                multipart(&body, content_type.as_deref(), &mut imported.unmapped)
            }
            // A form over several lines (`&name=value` each) is one line on the wire.
            _ if essence.as_deref() == Some("application/x-www-form-urlencoded") => {
                let joined: String = body.iter().map(|(_, l)| l.trim()).collect();
                if joined.contains("{{") {
                    Body::Text {
                        text: template(&joined, &format!("line {n}"), &mut imported.unmapped),
                        content_type,
                    }
                } else {
                    crate::interop::body::of(&joined, content_type.as_deref(), "text/plain")
                }
            }
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

/// `Basic user:password` (or `Basic user password`) as basic auth; a value already
/// encoded (base64 has neither `:` nor a space) stays a header. `Digest user password`
/// has no equivalent and is said.
fn plain_basic(value: &str, line: usize, unmapped: &mut Vec<String>) -> Option<crate::collection::Auth> {
    let (scheme, rest) = value.split_once(char::is_whitespace)?;
    let rest = rest.trim();
    let (user, password) = rest
        .split_once(':')
        .or_else(|| rest.split_once(char::is_whitespace))?;
    if scheme.eq_ignore_ascii_case("digest") {
        unmapped.push(format!(
            "line {line}: Digest authentication has no equivalent; kept as a header"
        ));
        return None;
    }
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let at = format!("line {line}");
    Some(crate::collection::Auth::Basic {
        username: template(user.trim(), &at, unmapped),
        password: template(password.trim(), &at, unmapped),
    })
}

/// A multipart body written out with its boundary: each part's name from its
/// `Content-Disposition`, a part whose content is `< ./file` a file part. apibench writes
/// its own boundary.
fn multipart(body: &[(usize, &str)], content_type: Option<&str>, unmapped: &mut Vec<String>) -> Body {
    let boundary = content_type
        .and_then(|t| t.split(';').find_map(|p| p.trim().strip_prefix("boundary=")))
        .map(|b| b.trim_matches('"').to_owned())
        .unwrap_or_default();
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut current: Option<Vec<(usize, &str)>> = None;
    for &(n, line) in body {
        if !boundary.is_empty() && line.trim_end().starts_with(&delimiter) {
            if let Some(lines) = current.take() {
                parts.extend(part(&lines, unmapped));
            }
            if line.trim_end() != format!("{delimiter}--") {
                current = Some(Vec::new());
            }
        } else if let Some(lines) = current.as_mut() {
            lines.push((n, line));
        }
    }
    if let Some(lines) = current.take() {
        parts.extend(part(&lines, unmapped));
    }
    Body::Multipart(parts)
}

/// One part of a multipart body: its name, and its text or the file it names.
fn part(lines: &[(usize, &str)], unmapped: &mut Vec<String>) -> Option<crate::collection::Part> {
    use crate::collection::Part;
    let split = lines
        .iter()
        .position(|(_, l)| l.trim().is_empty())
        .unwrap_or(lines.len());
    let (head, content) = lines.split_at(split);
    let mut name = None;
    let mut content_type = None;
    for (_, header) in head {
        let lower = header.to_ascii_lowercase();
        if lower.starts_with("content-disposition:") {
            name = header
                .split(';')
                .find_map(|p| p.trim().strip_prefix("name="))
                .map(|n| n.trim_matches('"').to_owned());
        } else if lower.starts_with("content-type:") {
            content_type = header.split_once(':').map(|(_, v)| v.trim().to_owned());
        }
    }
    let at = lines.first().map_or(0, |(n, _)| *n);
    let Some(name) = name else {
        unmapped.push(format!("line {at}: a multipart part without a name; left out"));
        return None;
    };
    let content: Vec<&str> = content.iter().skip(1).map(|(_, l)| *l).collect();
    let text = content.join("\n");
    let text = text.trim_end_matches(['\r', '\n']);
    Some(match text.trim().strip_prefix("< ") {
        Some(path) if !text.contains('\n') => Part::File {
            name,
            path: Template::literal(path.trim()),
            content_type,
        },
        _ => Part::Value {
            name,
            value: template(text, &format!("line {at}"), unmapped),
        },
    })
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
