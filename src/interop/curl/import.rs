//! A curl command read back into a request, as curl would send it (man curl): the method
//! (`-X`, else `-I`, `-F`, data or `--json`, `-T`), the URL (the first word that is not an
//! option, or `--url`), headers (`-H`, `-A`, `-e`, `-b`), the body (`-d`/`--data`,
//! `--data-ascii`, `--data-raw`, `--data-binary`, `--data-urlencode`, `--json`, joined with
//! `&`; moved to the query by `-G`; `-F`/`--form-string` as multipart), auth (`-u`,
//! `--oauth2-bearer`) and the transport options (`-k`, `-L`, `-m`, `--connect-timeout`).
//!
//! Every value is kept literal: `{{ token }}` in an imported header is text, not a variable.
//! What a collection cannot say (an output file, a proxy, a client certificate, `@file`
//! data whose newlines curl strips) is listed in `unmapped`, never dropped silently; options
//! that change only curl's own output (`-s`, `-v`) are listed too.

use std::time::Duration;

use super::options::{LONG_FLAGS, SHORT_FLAGS, WITH_VALUE, why_unmapped};
use super::words::{SplitError, split};
use crate::collection::{Auth, Body, Part, Request};
use crate::template::Template;

/// A request read from a curl command, and what of the command it could not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub request: Request,
    /// `-o out.json: curl's output file has no place in a collection`.
    pub unmapped: Vec<String>,
}

/// Why a command could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the command cannot be split into words: {0}")]
    Split(#[from] SplitError),
    #[error("there is no command to read")]
    Empty,
    #[error("this is not a curl command: it starts with `{0}`")]
    NotCurl(String),
    #[error("`{0}` needs a value after it")]
    MissingValue(String),
    #[error("`{option} {value}`: {why}")]
    BadValue {
        option: String,
        value: String,
        why: String,
    },
    #[error("the command has no URL")]
    NoUrl,
    #[error("`{0}` is not a curl option")]
    UnknownOption(String),
    #[error("{0} and {1} cannot be used together (curl refuses: one request, one method of sending)")]
    Conflict(&'static str, &'static str),
}

/// Reads `command`; `name` names the request (else one is made from the URL's last segment).
pub fn import(command: &str, name: Option<&str>) -> Result<Imported, ImportError> {
    let words = split(command.trim())?;
    let (first, rest_words) = words.split_first().ok_or(ImportError::Empty)?;
    let program = first.rsplit(['/', '\\']).next().unwrap_or(first);
    if !program.eq_ignore_ascii_case("curl") && !program.eq_ignore_ascii_case("curl.exe") {
        return Err(ImportError::NotCurl(first.clone()));
    }
    let mut read = Read::default();
    let mut i = 0;
    while i < rest_words.len() {
        let word = &rest_words[i];
        i += 1;
        if word == "--" {
            read.urls.extend(rest_words[i..].iter().cloned());
            break;
        }
        let (option, attached) = split_option(word);
        let Some(option) = option else {
            read.urls.push(word.clone());
            continue;
        };
        if WITH_VALUE.contains(&option.as_str()) {
            let value = if let Some(value) = attached {
                value
            } else {
                let value = rest_word(rest_words, i, &option)?;
                i += 1;
                value
            };
            read.option(&option, value)?;
        } else {
            let long_flag = |o: &str| {
                LONG_FLAGS.contains(&o)
                    || o.strip_prefix("--no-")
                        .is_some_and(|rest| LONG_FLAGS.contains(&format!("--{rest}").as_str()))
            };
            if option.starts_with("--") {
                if !long_flag(&option) {
                    return Err(ImportError::UnknownOption(option));
                }
                read.flag(&option, None);
                continue;
            }
            // A cluster of short options (`-sSL`, `-sSLo out.json`, `-vXPOST`): flags, until
            // one that takes a value takes the rest of the cluster, or the next word.
            let letters: Vec<char> = option
                .chars()
                .skip(1)
                .chain(attached.iter().flat_map(|a| a.chars()))
                .collect();
            for (k, letter) in letters.iter().enumerate() {
                let short = format!("-{letter}");
                if WITH_VALUE.contains(&short.as_str()) {
                    let rest: String = letters[k + 1..].iter().collect();
                    let value = if rest.is_empty() {
                        let value = rest_word(rest_words, i, &short)?;
                        i += 1;
                        value
                    } else {
                        rest
                    };
                    read.option(&short, value)?;
                    break;
                }
                if !SHORT_FLAGS.contains(*letter) {
                    return Err(ImportError::UnknownOption(short));
                }
                read.flag(&short, None);
            }
        }
    }
    read.finish(name)
}

/// The word at `i`, the value of `option`.
fn rest_word(words: &[String], i: usize, option: &str) -> Result<String, ImportError> {
    words
        .get(i)
        .cloned()
        .ok_or_else(|| ImportError::MissingValue(option.to_owned()))
}

/// `-XPOST` → (`-X`, `POST`); `-sSL` → the flags one by one (handled by `Read::flag`); a
/// word that is not an option → `None`.
fn split_option(word: &str) -> (Option<String>, Option<String>) {
    if word.starts_with("--") {
        return (Some(word.to_owned()), None);
    }
    if word.len() > 1 && word.starts_with('-') {
        let short: String = word.chars().take(2).collect();
        let rest: String = word.chars().skip(2).collect();
        return (Some(short), (!rest.is_empty()).then_some(rest));
    }
    (None, None)
}

#[derive(Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "curl's flags, one each, as the command sets them"
)]
struct Read {
    method: Option<String>,
    urls: Vec<String>,
    headers: Vec<(String, String)>,
    data: Vec<String>,
    /// `--json` was used: its headers are added unless written.
    json: bool,
    get: bool,
    head: bool,
    upload: bool,
    parts: Vec<Part>,
    /// Data read from files (`-d @file`, `--data-binary @file`, `-T file`).
    files: Vec<String>,
    auth: Option<Auth>,
    insecure: bool,
    globoff: bool,
    /// `--digest` and the like: `-u`'s credentials are not for Basic auth.
    other_auth: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    unmapped: Vec<String>,
}

impl Read {
    fn option(&mut self, option: &str, value: String) -> Result<(), ImportError> {
        let seconds = |value: &str| {
            value
                .parse::<f64>()
                .ok()
                .filter(|s| s.is_finite() && *s >= 0.0)
                .map(Duration::from_secs_f64)
                .ok_or_else(|| ImportError::BadValue {
                    option: option.to_owned(),
                    value: value.to_owned(),
                    why: "not a number of seconds".to_owned(),
                })
        };
        match option {
            "-X" | "--request" => self.method = Some(value),
            "-H" | "--header" => self.header(&value),
            "-A" | "--user-agent" => self.headers.push(("User-Agent".into(), value)),
            "-e" | "--referer" => self
                .headers
                .push(("Referer".into(), value.trim_end_matches(";auto").to_owned())),
            "-b" | "--cookie" if value.contains('=') => self.headers.push(("Cookie".into(), value)),
            "-d" | "--data" | "--data-ascii" | "--data-binary" if value.starts_with('@') => {
                if option != "--data-binary" {
                    self.unmapped.push(format!(
                        "{option} {value}: curl strips the file's line breaks; apibench sends the file as it is"
                    ));
                }
                self.files.push(value[1..].to_owned());
            }
            "-d" | "--data" | "--data-ascii" | "--data-binary" | "--data-raw" => self.data.push(value),
            "--json" if value.starts_with('@') => {
                self.json = true;
                self.files.push(value[1..].to_owned());
            }
            // Pieces of --json are joined as they are (curl concatenates them).
            "--json" => {
                if let (true, Some(last)) = (self.json, self.data.last_mut()) {
                    last.push_str(&value);
                } else {
                    self.json = true;
                    self.data.push(value);
                }
            }
            "--data-urlencode" => self.data.push(urlencoded(option, &value, &mut self.unmapped)),
            "-F" | "--form" => self.parts.push(part(&value, true)),
            "--form-string" => self.parts.push(part(&value, false)),
            "-u" | "--user" => {
                let (username, password) = value.split_once(':').unwrap_or((&value, ""));
                if !value.contains(':') {
                    self.unmapped.push(format!(
                        "{option} {value}: curl would ask for the password; it is left empty"
                    ));
                }
                self.auth = Some(Auth::Basic {
                    username: Template::literal(username),
                    password: Template::literal(password),
                });
            }
            "--oauth2-bearer" => self.auth = Some(Auth::Bearer(Template::literal(&value))),
            "--url" => self.urls.push(value),
            "-m" | "--max-time" => self.timeout = Some(seconds(&value)?),
            "--connect-timeout" => self.connect_timeout = Some(seconds(&value)?),
            "-T" | "--upload-file" => {
                self.upload = true;
                self.files.push(value);
            }
            "--max-redirs" if value == "10" => {}
            _ => self
                .unmapped
                .push(format!("{option} {value}: {}", why_unmapped(option))),
        }
        Ok(())
    }

    fn flag(&mut self, option: &str, attached: Option<&str>) {
        // A cluster of short flags (`-sSL`): each on its own.
        if let Some(more) = attached {
            self.flag(option, None);
            for c in more.chars() {
                self.flag(&format!("-{c}"), None);
            }
            return;
        }
        match option {
            "-G" | "--get" => self.get = true,
            "-I" | "--head" => self.head = true,
            "-k" | "--insecure" => self.insecure = true,
            "-g" | "--globoff" => self.globoff = true,
            // apibench follows redirects unless told not to, and always asks for (and
            // decodes) compressed bodies.
            "-L" | "--location" | "--compressed" => {}
            "--digest" | "--ntlm" | "--ntlm-wb" | "--negotiate" | "--anyauth" => {
                self.other_auth = Some(option.to_owned());
                self.unmapped.push(format!(
                    "{option}: apibench sends Basic or bearer credentials, not this scheme"
                ));
            }
            "-s"
            | "--silent"
            | "-S"
            | "--show-error"
            | "-v"
            | "--verbose"
            | "-i"
            | "--include"
            | "-f"
            | "--fail"
            | "--fail-with-body"
            | "-N"
            | "--no-buffer"
            | "-#"
            | "--progress-bar"
            | "--no-progress-meter" => {
                self.unmapped
                    .push(format!("{option}: changes only what curl prints"));
            }
            other => self.unmapped.push(format!("{other}: {}", why_unmapped(other))),
        }
    }

    /// `Name: value`; `Name;` sends it empty; `Name:` (nothing after) removes one of curl's.
    fn header(&mut self, text: &str) {
        if let Some(name) = text.strip_suffix(';').filter(|n| !n.contains(':')) {
            self.headers.push((name.trim().to_owned(), String::new()));
            return;
        }
        match text.split_once(':') {
            Some((_, value)) if value.trim().is_empty() => self.unmapped.push(format!(
                "-H {text}: removes a header curl would add; apibench sends its own"
            )),
            Some((name, value)) => self
                .headers
                .push((name.trim().to_owned(), value.trim_start().to_owned())),
            None => self.unmapped.push(format!("-H {text}: not a header (no `:`)")),
        }
    }

    fn finish(mut self, name: Option<&str>) -> Result<Imported, ImportError> {
        let mut urls = std::mem::take(&mut self.urls).into_iter();
        let mut url = urls.next().ok_or(ImportError::NoUrl)?;
        // curl's URL globbing reads `\[` as `[`, unless told not to glob.
        if !self.globoff {
            for (escaped, plain) in [("\\[", "["), ("\\]", "]"), ("\\{", "{"), ("\\}", "}")] {
                url = url.replace(escaped, plain);
            }
        }
        // Without a scheme curl guesses http:// (https:// is never guessed).
        if !url.contains("://") {
            url.insert_str(0, "http://");
        }
        for extra in urls {
            self.unmapped.push(format!(
                "{extra}: curl would also fetch this URL; one request is imported"
            ));
        }
        // What curl sends by itself, and apibench as well, is not a header of the request.
        let implied = |name: &str, value: &str| {
            (name.eq_ignore_ascii_case("user-agent") && value == crate::http::USER_AGENT)
                || (name.eq_ignore_ascii_case("accept-encoding") && value == crate::http::ACCEPT_ENCODING)
        };
        self.headers.retain(|(n, v)| !implied(n, v));
        let has = |headers: &[(String, String)], name: &str| {
            headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
        };
        if self.json {
            for (header, value) in [
                ("Content-Type", "application/json"),
                ("Accept", "application/json"),
            ] {
                if !has(&self.headers, header) {
                    self.headers.push((header.to_owned(), value.to_owned()));
                }
            }
        }
        if !self.parts.is_empty() && (!self.data.is_empty() || !self.files.is_empty()) {
            return Err(ImportError::Conflict("-F", "-d"));
        }
        if self.head && (!self.data.is_empty() || !self.parts.is_empty()) && !self.get {
            return Err(ImportError::Conflict("-I", "-d / -F"));
        }
        let data = (!self.data.is_empty()).then(|| self.data.join("&"));
        if data.is_some() && !self.files.is_empty() || self.files.len() > 1 {
            self.unmapped.push(format!(
                "data from files ({}) and other data together: only the data written in the command is imported",
                self.files.join(", ")
            ));
            self.files.clear();
        }
        let method = match (&self.method, self.head, self.get) {
            (Some(method), _, _) => method.clone(),
            (None, true, _) => "HEAD".to_owned(),
            (None, false, false) if data.is_some() || !self.parts.is_empty() => "POST".to_owned(),
            (None, false, false) if !self.files.is_empty() && !self.upload => "POST".to_owned(),
            (None, false, false) if self.upload => "PUT".to_owned(),
            _ => "GET".to_owned(),
        };
        let mut body = None;
        match data {
            Some(data) if self.get => {
                url.push(if url.contains('?') { '&' } else { '?' });
                url.push_str(&data);
            }
            Some(data) => body = Some(self.body(&data)),
            // One file is the body as it is; data and files together cannot be said.
            None if self.files.len() == 1 => {
                let position = self
                    .headers
                    .iter()
                    .position(|(n, _)| n.eq_ignore_ascii_case("content-type"));
                // Data from a file gets curl's form type unless one is written; an upload
                // (-T) gets none.
                let written = position.map(|i| self.headers.remove(i).1);
                let form = (!self.upload).then(|| "application/x-www-form-urlencoded".to_owned());
                body = Some(Body::File {
                    path: Template::literal(&self.files[0]),
                    content_type: written.or(form),
                });
            }
            None if !self.parts.is_empty() => {
                // A multipart type written without its boundary is curl's cue to add one;
                // apibench writes the whole header itself.
                self.headers.retain(|(n, v)| {
                    !(n.eq_ignore_ascii_case("content-type")
                        && v.trim().starts_with("multipart/form-data")
                        && !v.contains("boundary="))
                });
                body = Some(Body::Multipart(std::mem::take(&mut self.parts)));
            }
            None => {}
        }
        let name = name.map_or_else(|| crate::interop::body::request_name(&url), str::to_owned);
        let mut request = Request::new(name, Template::literal(&url));
        request.method = method;
        request.headers = self
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), Template::literal(v)))
            .collect();
        request.body = body;
        // Credentials for another scheme are not sent as Basic: that would hand the
        // password to the server in the clear.
        request.auth = match (&self.other_auth, self.auth) {
            (Some(scheme), Some(Auth::Basic { .. })) => {
                self.unmapped.push(format!(
                    "-u with {scheme}: the request is imported without its credentials"
                ));
                None
            }
            (_, auth) => auth,
        };
        request.options.insecure_tls = self.insecure.then_some(true);
        request.options.timeout = self.timeout;
        request.options.connect_timeout = self.connect_timeout;
        Ok(Imported {
            request,
            unmapped: self.unmapped,
        })
    }

    /// The body curl would send as `data`: its Content-Type (written, else curl's form type)
    /// moves from the headers into the body.
    fn body(&mut self, data: &str) -> Body {
        let position = self
            .headers
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case("content-type"));
        let content_type = position.map(|i| self.headers.remove(i).1);
        crate::interop::body::of(data, content_type.as_deref(), "application/x-www-form-urlencoded")
    }
}

/// `--data-urlencode`'s forms: `content`, `=content`, `name=content`; `@file` and
/// `name@file` read a file when curl runs.
fn urlencoded(option: &str, value: &str, unmapped: &mut Vec<String>) -> String {
    let encode = |text: &str| -> String { url::form_urlencoded::byte_serialize(text.as_bytes()).collect() };
    if let Some((name, file)) = value.split_once('@').filter(|(n, _)| !n.contains('=')) {
        unmapped.push(format!(
            "{option} {value}: the value is read from {file} when curl runs"
        ));
        return if name.is_empty() {
            String::new()
        } else {
            format!("{name}=")
        };
    }
    match value.split_once('=') {
        Some(("", content)) => encode(content),
        Some((name, content)) => format!("{name}={}", encode(content)),
        None => encode(value),
    }
}

/// A `-F` part: `name=value`, `name=@file[;type=…]` (a file), `name=<file` (a value read
/// from a file, kept as a file part). `--form-string` takes the value as it is.
fn part(spec: &str, with_files: bool) -> Part {
    let (name, value) = spec.split_once('=').unwrap_or((spec, ""));
    let file = value.strip_prefix('@').or_else(|| value.strip_prefix('<'));
    match file.filter(|_| with_files) {
        Some(file) => {
            let mut pieces = file.split(';');
            let path = pieces.next().unwrap_or_default();
            let content_type = pieces
                .find_map(|p| p.trim().strip_prefix("type="))
                .map(str::to_owned);
            Part::File {
                name: name.to_owned(),
                path: Template::literal(path),
                content_type,
            }
        }
        None => Part::Value {
            name: name.to_owned(),
            value: Template::literal(value),
        },
    }
}

#[cfg(test)]
mod tests;
