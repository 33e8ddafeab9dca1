//! Request-side checks (troubleshooting.md §5): what is wrong with the request itself,
//! whatever the server answered. After an error they join the checklist when they fail;
//! status-specific checks that ask the same question take their place.

use std::net::IpAddr;

use serde_json::Value;

use super::evidence;
use crate::diagnosis::Check;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::parse::negotiation::{STANDARD_METHODS, essence};
use crate::http::{Field, PrepareError};
use crate::template::RenderError;

/// Every request lint, in catalogue order. `None` means "does not apply".
pub fn lints(f: &Facts<'_>) -> Vec<Check> {
    [
        placeholder(f),
        stringified_missing(f),
        json_parse(f),
        content_type_missing(f),
        content_type_mismatch(f),
        body_on_bodyless_method(f),
        auth_variable_empty(f),
        auth_malformed(f),
        key_in_query(f),
        slashes(f),
        http_vs_https(f),
        header_whitespace(f),
        header_duplicates(f),
        host_override(f),
        content_length_override(f),
        url_length(f),
        header_size(f),
        query_encoding(f),
        user_agent(f),
        number_precision(f),
        method_case(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The checklist for a request that could not be prepared: nothing was sent.
pub fn not_prepared(error: &PrepareError) -> Vec<Check> {
    let check = match error {
        PrepareError::Template { field, template, error } => {
            let label = "Every template resolves";
            let quoted = template.get(error.span()).filter(|s| !s.is_empty()).unwrap_or(template);
            match error {
                RenderError::UnknownVariable { .. } | RenderError::Syntax(_) | RenderError::Cycle { .. } => {
                    Check::fail("R.placeholder", label, format!("{field} `{quoted}`: {error}"))
                }
                _ => Check::fail("R.placeholder", label, format!("{field}: {error}")),
            }
        }
        PrepareError::NoSuchRequest { .. } => {
            Check::fail("R.placeholder", "The request exists in the collection", error.to_string())
        }
        PrepareError::File { field, path, message } => Check::fail(
            "R.file",
            "Files the request sends are readable",
            format!("{field} {}: {message}", path.display()),
        ),
        PrepareError::UnknownEnvironment { .. } => {
            Check::fail("R.environment", "The selected environment exists", error.to_string())
        }
    };
    vec![check]
}

/// An unresolved placeholder found in what was sent.
pub struct Placeholder {
    /// Where: `URL path segment 3`, `header X-Id`, `body`.
    pub place: String,
    pub token: String,
    /// The token as it went on the wire, when encoding changed it.
    pub encoded: Option<String>,
}

/// `{{name}}`, `${name}`, or a whole path segment `{name}` / `:name` / `<name>`, raw or
/// percent-encoded, in the URL, headers and body.
pub fn find_placeholders(f: &Facts<'_>) -> Vec<Placeholder> {
    let mut found = Vec::new();
    if let Some(url) = &f.url {
        for (i, segment) in url.path_segments().into_iter().flatten().enumerate() {
            let decoded = percent_decode(segment);
            if let Some(token) = segment_placeholder(&decoded).or_else(|| inline_placeholder(&decoded)) {
                found.push(Placeholder {
                    place: format!("URL path segment {}", i + 1),
                    encoded: (segment != decoded).then(|| segment.to_owned()),
                    token,
                });
            }
        }
        if let Some(host) = url.host_str()
            && let Some(token) = inline_placeholder(&percent_decode(host))
        {
            found.push(Placeholder {
                place: "URL host".to_owned(),
                token,
                encoded: Some(host.to_owned()),
            });
        }
        for (name, value) in &f.sent_query {
            if let Some(token) = inline_placeholder(value).or_else(|| segment_placeholder(value)) {
                found.push(Placeholder {
                    place: format!("query parameter \"{name}\""),
                    token,
                    encoded: None,
                });
            }
        }
    }
    if let Some(sent) = f.sent {
        for (name, value) in &sent.headers {
            if let Some(token) = inline_placeholder(value) {
                found.push(Placeholder {
                    place: format!("header {name}"),
                    token,
                    encoded: None,
                });
            }
        }
        if sent.body.len() <= crate::diagnosis::facts::PARSE_LIMIT
            && let Ok(text) = std::str::from_utf8(&sent.body)
            && let Some(token) = inline_placeholder(text)
        {
            found.push(Placeholder {
                place: "body".to_owned(),
                token,
                encoded: None,
            });
        }
    }
    found
}

fn placeholder(f: &Facts<'_>) -> Option<Check> {
    f.sent?;
    let label = "No unresolved placeholders";
    Some(match find_placeholders(f).first() {
        Some(p) => Check::fail("R.placeholder", label, describe_placeholder(p)),
        None => Check::pass("R.placeholder", label, "URL, headers and body hold no {{…}}, {id} or :id placeholders"),
    })
}

pub fn describe_placeholder(p: &Placeholder) -> String {
    match &p.encoded {
        Some(encoded) => format!("{} still contains unresolved placeholder {} (sent as {encoded})", p.place, p.token),
        None => format!("{} still contains unresolved placeholder {}", p.place, p.token),
    }
}

/// `{{…}}` or `${…}` anywhere in the text.
fn inline_placeholder(text: &str) -> Option<String> {
    for (open, close) in [("{{", "}}"), ("${", "}")] {
        if let Some(start) = text.find(open)
            && let Some(len) = text[start..].find(close)
        {
            return Some(text[start..start + len + close.len()].to_owned());
        }
    }
    None
}

/// A whole segment that is a documentation-style template: `{id}`, `:id`, `<id>`.
fn segment_placeholder(segment: &str) -> Option<String> {
    let inner = segment
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .or_else(|| segment.strip_prefix(':'))
        .or_else(|| segment.strip_prefix('<').and_then(|s| s.strip_suffix('>')))?;
    let is_name = !inner.is_empty()
        && inner.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    is_name.then(|| segment.to_owned())
}

pub fn percent_decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", text.replace('+', "%2B")).as_bytes())
        .next()
        .map_or_else(|| text.to_owned(), |(_, v)| v.into_owned())
}

const STRINGIFIED: [&str; 6] = ["undefined", "null", "None", "NaN", "nil", "[object Object]"];

fn stringified_missing(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let label = "No missing values turned into text";
    for (i, segment) in url.path_segments().into_iter().flatten().enumerate() {
        let decoded = percent_decode(segment);
        if STRINGIFIED.contains(&decoded.as_str()) {
            return Some(Check::fail(
                "R.stringified-missing",
                label,
                format!("URL path segment {} is \"{decoded}\" — a missing value was stringified", i + 1),
            ));
        }
    }
    for (name, value) in &f.sent_query {
        if STRINGIFIED.contains(&value.as_str()) {
            return Some(Check::fail(
                "R.stringified-missing",
                label,
                format!("Query param \"{name}\" = \"{value}\" — a missing value was turned into text"),
            ));
        }
    }
    if let Some(json) = &f.sent_json
        && let Some((path, value)) = find_json_string(json, "", &|s| STRINGIFIED.contains(&s))
    {
        return Some(Check::fail(
            "R.stringified-missing",
            label,
            format!("Body field {path} = \"{value}\" — a missing value was turned into text"),
        ));
    }
    None
}

fn find_json_string(value: &Value, at: &str, matches: &dyn Fn(&str) -> bool) -> Option<(String, String)> {
    match value {
        Value::String(s) if matches(s) => Some((if at.is_empty() { "(root)".to_owned() } else { at.to_owned() }, s.clone())),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| find_json_string(v, &format!("{at}[{i}]"), matches)),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let path = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
            find_json_string(v, &path, matches)
        }),
        _ => None,
    }
}

/// What a body looks like, by its first bytes.
pub fn sniff(body: &[u8]) -> &'static str {
    let text = match std::str::from_utf8(&body[..body.len().min(4096)]) {
        Ok(t) => t,
        Err(e) if e.valid_up_to() > 0 && e.error_len().is_none() => {
            std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return "binary data",
    };
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        "JSON"
    } else if trimmed.starts_with("<!DOCTYPE html") || trimmed.to_ascii_lowercase().starts_with("<html") {
        "HTML"
    } else if trimmed.starts_with('<') {
        "XML"
    } else if trimmed.starts_with("--") && trimmed.contains("Content-Disposition") {
        "multipart data"
    } else if looks_like_form(trimmed) {
        "form data"
    } else {
        "text"
    }
}

fn looks_like_form(text: &str) -> bool {
    !text.is_empty()
        && !text.contains(char::is_whitespace)
        && text.split('&').all(|pair| {
            pair.split_once('=')
                .is_some_and(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || "_-.[]%".contains(c)))
        })
}

fn is_json_type(content_type: &str) -> bool {
    let e = essence(content_type);
    e == "application/json" || e.ends_with("+json")
}

/// The sent body as text, if it is small UTF-8.
fn body_text<'a>(f: &Facts<'a>) -> Option<&'a str> {
    let sent = f.sent?;
    if sent.body.is_empty() || sent.body.len() > crate::diagnosis::facts::PARSE_LIMIT {
        return None;
    }
    std::str::from_utf8(&sent.body).ok()
}

/// A JSON body that does not parse: the error with its line and column.
pub fn json_parse(f: &Facts<'_>) -> Option<Check> {
    let text = body_text(f)?;
    let declared = f.sent_header("content-type");
    let claims_json = declared.is_some_and(is_json_type);
    if !claims_json && sniff(text.as_bytes()) != "JSON" {
        return None;
    }
    let label = "The JSON body parses";
    if text.starts_with('\u{feff}') {
        return Some(Check::fail(
            "R.json-parse",
            label,
            "Body starts with a UTF-8 byte-order mark; many JSON parsers reject it",
        ));
    }
    Some(match serde_json::from_str::<Value>(text) {
        Ok(_) => Check::pass("R.json-parse", label, format!("Body is valid JSON ({})", evidence::size(text.len()))),
        Err(e) => Check::fail(
            "R.json-parse",
            label,
            format!("Body is not valid JSON: {}", json_error(&e, text)),
        ),
    })
}

/// serde's message with a hint for the usual culprits.
fn json_error(error: &serde_json::Error, text: &str) -> String {
    let line = text.lines().nth(error.line().saturating_sub(1)).unwrap_or_default();
    let mut message = error.to_string();
    if line.contains('\'') && !line.contains('"') {
        message.push_str(" (single quotes are not JSON; use double quotes)");
    } else if line.trim_start().starts_with("//") || line.contains("/*") {
        message.push_str(" (JSON has no comments)");
    }
    message
}

fn content_type_missing(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    if sent.body.is_empty() {
        return None;
    }
    let label = "The body has a Content-Type";
    Some(match sent.header("content-type") {
        None => Check::fail(
            "R.ct-missing",
            label,
            format!(
                "Body ({}, looks like {}) sent without Content-Type — recipients may assume application/octet-stream",
                evidence::size(sent.body.len()),
                sniff(&sent.body)
            ),
        )
        .cite("RFC 9110 §8.3"),
        Some(ct) => Check::pass("R.ct-missing", label, format!("Content-Type: {}", evidence::quote(ct))),
    })
}

/// The declared type contradicts the body, or a multipart type lacks its boundary.
pub fn content_type_mismatch(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let declared = sent.header("content-type")?;
    if sent.body.is_empty() {
        return None;
    }
    let label = "Content-Type matches the body";
    let declared_essence = essence(declared);
    let sniffed = sniff(&sent.body);
    let mismatch = if declared_essence.starts_with("multipart/") && !declared.to_ascii_lowercase().contains("boundary=") {
        Some(format!("Content-Type {declared_essence} has no boundary parameter (header set by hand?)"))
    } else if declared_essence == "application/x-www-form-urlencoded" && sniffed == "JSON" {
        Some("Content-Type is application/x-www-form-urlencoded but the body is JSON".to_owned())
    } else if is_json_type(declared) && matches!(sniffed, "form data" | "XML" | "HTML" | "multipart data") {
        Some(format!("Content-Type is {declared_essence} but the body looks like {sniffed}"))
    } else if is_json_type(declared)
        && declared.to_ascii_lowercase().contains("charset=")
        && !declared.to_ascii_lowercase().contains("utf-8")
    {
        Some(format!("Content-Type {declared} declares a charset other than UTF-8 for JSON"))
    } else {
        None
    };
    Some(match mismatch {
        Some(text) => Check::fail("R.ct-mismatch", label, text),
        None => Check::pass(
            "R.ct-mismatch",
            label,
            format!("Content-Type {declared_essence} fits a body that looks like {sniffed}"),
        ),
    })
}

fn body_on_bodyless_method(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let method = sent.method.as_str();
    if sent.body.is_empty() || !matches!(method, "GET" | "HEAD" | "DELETE" | "TRACE") {
        return None;
    }
    let text = format!(
        "{method} request carries a {} body; content in {method} has no defined meaning and intermediaries may drop or reject it",
        evidence::size(sent.body.len())
    );
    let label = format!("{method} carries no body");
    Some(if method == "TRACE" {
        Check::fail("R.body-on-bodyless-method", label, text).cite("RFC 9110 §9.3.8")
    } else {
        Check::possible("R.body-on-bodyless-method", label, text).cite("RFC 9110 §9.3.1")
    })
}

/// Whether the auth helper's credential rendered empty, with the variable chain to blame.
pub fn empty_auth_variable(f: &Facts<'_>) -> Option<String> {
    let written = f.written?;
    let auth = written.auth.as_ref()?;
    for field_use in written.auth_uses() {
        if let Some(blank) = field_use.uses.iter().find(|u| u.is_blank()) {
            let env = written
                .environment
                .as_deref()
                .map_or(String::new(), |e| format!(" with environment \"{e}\""));
            return Some(format!(
                "auth is {} but {}{env} is empty: {}",
                auth.kind(),
                format_args!("{{{{ {} }}}}", blank.expr),
                blank.describe()
            ));
        }
        if field_use.rendered.trim().is_empty() {
            return Some(format!("auth is {} but its {} is empty", auth.kind(), field_use.field));
        }
    }
    None
}

fn auth_variable_empty(f: &Facts<'_>) -> Option<Check> {
    let written = f.written?;
    written.auth.as_ref()?;
    let label = "Auth variables have values";
    Some(match empty_auth_variable(f) {
        Some(text) => Check::fail("R.auth-var-empty", label, text),
        None => Check::pass("R.auth-var-empty", label, "Every variable used by the auth helper has a value"),
    })
}

/// Problems with an Authorization value, per RFC 6750 §2.1 and RFC 7617.
pub fn authorization_problem(value: &str) -> Option<String> {
    let redacted = || evidence::header("Authorization", value);
    if value.trim().is_empty() {
        return Some("Authorization is empty".to_owned());
    }
    if value != value.trim() || value.contains(['\r', '\n', '\t']) {
        return Some(format!("{} has stray whitespace", redacted()));
    }
    let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
    let rest = rest.trim();
    if scheme.ends_with(':') {
        return Some(format!("Authorization is \"{scheme} …\" — no colon belongs after the scheme"));
    }
    if rest.is_empty() {
        return Some(format!("Authorization is \"{scheme} \" with an empty credential"));
    }
    let first_word = rest.split(' ').next().unwrap_or_default();
    if first_word.eq_ignore_ascii_case(scheme) {
        return Some(format!("Authorization repeats the scheme: \"{scheme} {first_word} …\""));
    }
    if rest.starts_with('"') || rest.starts_with('\'') {
        return Some(format!("The {scheme} credential is wrapped in quotes"));
    }
    if scheme.eq_ignore_ascii_case("bearer") {
        let b64token = rest.trim_end_matches('=');
        if b64token.is_empty()
            || !b64token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~+/".contains(c))
        {
            return Some(format!("{} contains characters a bearer token may not have", redacted()));
        }
        if rest.eq_ignore_ascii_case("undefined") || rest.eq_ignore_ascii_case("null") {
            return Some(format!("The bearer token is the text \"{rest}\" — a missing value was stringified"));
        }
    }
    if scheme.eq_ignore_ascii_case("basic") {
        use base64::Engine as _;
        match base64::engine::general_purpose::STANDARD.decode(rest) {
            Err(_) if rest.contains(':') => {
                return Some("Basic credentials are \"user:password\" in clear; they must be base64-encoded".to_owned());
            }
            Err(_) => return Some("Basic credentials are not valid base64".to_owned()),
            Ok(decoded) => {
                let decoded = String::from_utf8_lossy(&decoded);
                if !decoded.contains(':') {
                    return Some(format!("Basic credentials decode to \"{decoded}\" with no \":\" separator"));
                }
            }
        }
    }
    None
}

fn auth_malformed(f: &Facts<'_>) -> Option<Check> {
    let value = f.sent_header("authorization")?;
    let label = "Authorization is well-formed";
    Some(match authorization_problem(value) {
        Some(problem) => Check::fail("R.auth-malformed", label, problem).cite("RFC 6750 §2.1"),
        None => Check::pass("R.auth-malformed", label, evidence::header("Authorization", value)),
    })
}

/// Query parameters that look like credentials (troubleshooting.md §1.5).
pub fn key_like_param(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(
        n.as_str(),
        "api_key" | "apikey" | "api-key" | "key" | "access_token" | "token" | "auth" | "client_secret"
    ) || n.ends_with("_key")
        || n.ends_with("-key")
        || n.ends_with("token")
}

fn key_in_query(f: &Facts<'_>) -> Option<Check> {
    let (name, value) = f.sent_query.iter().find(|(n, v)| key_like_param(n) && !v.is_empty())?;
    Some(
        Check::possible(
            "R.key-in-query",
            "Credentials stay out of the URL",
            format!(
                "API key sent as query parameter \"{name}\" ({}) — it will appear in server and proxy logs; prefer a header if the API supports it",
                evidence::param_value(name, value)
            ),
        )
        .cite("RFC 9110 §17.9"),
    )
}

fn slashes(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let path = url.path();
    let label = "The path has no stray slashes";
    if let Some(at) = path.find("//") {
        return Some(Check::possible(
            "R.slashes",
            label,
            format!("Path \"{}\" has \"//\" at position {} (a base URL ending in / joined to a path starting with /?)", evidence::quote(path), at + 1),
        ));
    }
    if path.ends_with("/.") || path.to_ascii_lowercase().contains("%2f") {
        return Some(Check::possible(
            "R.slashes",
            label,
            format!("Path \"{}\" has an encoded or dotted slash that servers treat differently", evidence::quote(path)),
        ));
    }
    None
}

/// Loopback hosts, where plain HTTP is normal.
pub fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.to_ascii_lowercase().ends_with(".localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn http_vs_https(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    if url.scheme() != "http" || is_loopback(url.host_str().unwrap_or_default()) {
        return None;
    }
    let credentials = ["authorization", "cookie", "proxy-authorization"]
        .iter()
        .find(|h| f.sent_header(h).is_some());
    let label = "Credentials travel encrypted";
    Some(match credentials {
        Some(header) => Check::fail(
            "R.http-vs-https",
            label,
            format!("http:// to {} with a {header} header — credentials travel unencrypted", f.host()),
        ),
        None => Check::possible(
            "R.http-vs-https",
            "The request uses https",
            format!("http:// to {}; many APIs redirect to https, which turns a POST into a GET on 301/302", f.host()),
        ),
    })
}

fn header_whitespace(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let (name, value) = sent
        .headers
        .iter()
        .find(|(_, v)| v != v.trim() || !v.is_ascii())?;
    let what = if value.is_ascii() { "leading or trailing whitespace" } else { "non-ASCII characters" };
    Some(Check::possible(
        "R.header-whitespace",
        "Header values are clean",
        format!("Header \"{name}\" has {what}: {:?}", evidence::quote(&crate::secrets::redact_header_value(name, value))),
    ))
}

fn header_duplicates(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    for singleton in ["content-type", "authorization", "host", "content-length", "user-agent"] {
        let values: Vec<&str> = sent
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(singleton))
            .map(|(_, v)| v.as_str())
            .collect();
        if values.len() > 1 {
            let shown: Vec<String> = values.iter().map(|v| format!("\"{}\"", evidence::quote(&crate::secrets::redact_header_value(singleton, v)))).collect();
            return Some(Check::fail(
                "R.header-duplicates",
                "Single-valued headers are sent once",
                format!("{singleton} is sent {} times: {}", values.len(), evidence::list(&shown)),
            ));
        }
    }
    None
}

fn host_override(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let host = f.sent_header("host")?;
    let authority = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    (!host.eq_ignore_ascii_case(&authority)).then(|| {
        Check::possible(
            "R.host-override",
            "The Host header matches the URL",
            format!("Host header \"{host}\" differs from URL host \"{authority}\" (virtual-host routing may send it elsewhere)"),
        )
    })
}

fn content_length_override(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let declared: usize = sent.header("content-length")?.trim().parse().ok()?;
    (declared != sent.body.len()).then(|| {
        Check::fail(
            "R.content-length-override",
            "Content-Length matches the body",
            format!("Content-Length {declared} but the body is {} bytes", sent.body.len()),
        )
    })
}

fn url_length(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let n = sent.url.len();
    let text = format!("URL is {n} bytes; servers commonly reject request lines above 8 KiB");
    if n > 8000 {
        Some(Check::fail("R.url-length", "The URL is not too long", text).cite("RFC 9110 §4.1"))
    } else if n > 2048 {
        Some(Check::possible("R.url-length", "The URL is not too long", format!("URL is {n} bytes; some CDNs and proxies cap URLs at 2 KiB")))
    } else {
        None
    }
}

/// Total header bytes, and the largest header line.
pub fn header_sizes(f: &Facts<'_>) -> Option<(usize, String, usize)> {
    let sent = f.sent?;
    let total = sent.headers.iter().map(|(n, v)| n.len() + v.len() + 4).sum();
    let (name, largest) = sent
        .headers
        .iter()
        .map(|(n, v)| (n.clone(), n.len() + v.len() + 4))
        .max_by_key(|(_, s)| *s)?;
    Some((total, name, largest))
}

fn header_size(f: &Facts<'_>) -> Option<Check> {
    let (total, name, largest) = header_sizes(f)?;
    (total > 8192 || largest > 8192).then(|| {
        Check::fail(
            "R.header-size",
            "Headers are not too large",
            format!("Headers total {} (largest {name}: {})", evidence::size(total), evidence::size(largest)),
        )
    })
}

/// Problems in a raw query string, as the person wrote it.
pub fn query_problem(raw_url: &str) -> Option<String> {
    let query = raw_url.split_once('?')?.1.split('#').next().unwrap_or_default();
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if value.contains(' ') {
            return Some(format!("Query param \"{name}\" contains a raw space"));
        }
        if value.contains('+') {
            return Some(format!("Query param \"{name}\" contains a raw \"+\" that form-decoding servers read as a space"));
        }
        if value.to_ascii_lowercase().contains("%25") {
            return Some(format!("Query param \"{name}\" looks double-encoded (%25…)"));
        }
        let bytes = value.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'%' && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit) && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)) {
                return Some(format!("Query param \"{name}\" has a \"%\" not followed by two hex digits"));
            }
        }
    }
    None
}

/// The URL as rendered from the template, before the client normalised it.
pub fn written_url<'a>(f: &Facts<'a>) -> Option<&'a str> {
    f.written
        .and_then(|w| w.fields.iter().find(|u| u.field == Field::Url).map(|u| u.rendered.as_str()))
        .or_else(|| f.written.map(|w| w.request.url.as_str()))
}

fn query_encoding(f: &Facts<'_>) -> Option<Check> {
    let raw = written_url(f)?;
    query_problem(raw).map(|p| Check::possible("R.query-encoding", "The query string is encoded correctly", p))
}

fn user_agent(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    match sent.header("user-agent") {
        Some(ua) if !ua.trim().is_empty() => None,
        _ => Some(Check::possible(
            "R.user-agent",
            "A User-Agent is sent",
            "No User-Agent header; some APIs (GitHub, for one) reject such requests",
        )),
    }
}

fn number_precision(f: &Facts<'_>) -> Option<Check> {
    let json = f.sent_json.as_ref()?;
    let (path, n) = find_big_number(json, "")?;
    Some(Check::possible(
        "R.number-precision",
        "Numbers survive JavaScript parsers",
        format!("{path}: {n} exceeds 2^53; JavaScript-based servers will round it — send it as a string if the API allows"),
    ))
}

fn find_big_number(value: &Value, at: &str) -> Option<(String, String)> {
    const LIMIT: u64 = 1 << 53;
    match value {
        Value::Number(n) => {
            let big = n.as_u64().is_some_and(|v| v > LIMIT) || n.as_i64().is_some_and(|v| v.unsigned_abs() > LIMIT);
            big.then(|| (if at.is_empty() { "(root)".to_owned() } else { at.to_owned() }, n.to_string()))
        }
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| find_big_number(v, &format!("{at}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            find_big_number(v, &if at.is_empty() { k.clone() } else { format!("{at}.{k}") })
        }),
        _ => None,
    }
}

fn method_case(f: &Facts<'_>) -> Option<Check> {
    let method = f.sent?.method.as_str();
    let upper = method.to_ascii_uppercase();
    (method != upper && STANDARD_METHODS.contains(&upper.as_str())).then(|| {
        Check::fail(
            "R.method-case",
            "The method is in upper case",
            format!("Method \"{method}\" — HTTP methods are case-sensitive; did you mean {upper}?"),
        )
        .cite("RFC 9110 §9.1")
    })
}
