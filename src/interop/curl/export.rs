//! The request as a `curl` command that sends what apibench sends: the method, the URL, every
//! header (those the client adds as well, so the server sees the same `user-agent` and
//! `accept`), the body byte for byte, and the options that change what happens on the wire
//! (redirects, TLS checks, time limits). Quoted for a POSIX shell (`shlex`), one option per
//! line so it reads in a terminal and pastes anywhere.
//!
//! Where curl would otherwise differ, the command says so explicitly: a body without a
//! `Content-Type` gets an empty `-H 'Content-Type:'` (curl would add a form type), a method
//! curl would infer differently gets `-X`, `HEAD` is `--head` (with `-X HEAD` curl waits for
//! a body), and the `accept-encoding` apibench adds comes with `--compressed`, so curl
//! decodes what it asked for as apibench does.

use std::fmt::Write as _;

use crate::http::{ResolvedRequest, TransportOptions};

/// `request` as a curl command.
pub fn command(request: &ResolvedRequest) -> String {
    let body = !request.body.is_empty();
    // `curl [-X METHOD] URL` on the first line, then one option (with its value) per line.
    let mut first = vec!["curl".to_owned()];
    match (request.method.as_str(), body) {
        ("HEAD", _) => first.push("--head".into()),
        ("GET", false) | ("POST", true) => {}
        (method, _) => first.extend(["-X".into(), quote(method)]),
    }
    // A URL that starts like an option is given as one, so curl cannot read it as flags.
    if request.url.starts_with('-') {
        first.push(format!("--url {}", quote(&visible(&request.url))));
    } else {
        first.push(quote(&visible(&request.url)));
    }
    let mut lines = vec![first.join(" ")];

    let sent = crate::http::as_sent(request).map_or_else(
        |(_, sent)| sent.map_or_else(|| request.headers.clone(), |s| s.headers),
        |sent| sent.headers,
    );
    let written = |name: &str| request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
    let mut compressed = false;
    for (name, value) in &sent {
        if !written(name) {
            // Added by the client: curl adds host, content-length and `accept: */*` itself.
            match name.to_ascii_lowercase().as_str() {
                "host" | "content-length" => continue,
                "accept" if value == "*/*" => continue,
                // Sent as apibench sends it, and --compressed so curl decodes the answer.
                "accept-encoding" => compressed = true,
                _ => {}
            }
        }
        let header = if value.is_empty() {
            // `Name;` sends the header empty; `Name:` would remove it.
            format!("{name};")
        } else {
            format!("{name}: {value}")
        };
        lines.push(format!("-H {}", quote(&visible(&header))));
    }
    if body && !written("content-type") {
        lines.push(format!("-H {}", quote("Content-Type:")));
    }
    if compressed {
        lines.push("--compressed".into());
    }
    options(&request.options, &mut lines);

    let mut piped = String::new();
    if body {
        match std::str::from_utf8(&request.body) {
            // --data-raw: a body starting with `@` is text, not a file for curl to read.
            Ok(text) if !text.chars().any(unsafe_in_a_paste) => {
                lines.push(format!("--data-raw {}", quote(text)));
            }
            _ => {
                // Bytes no shell string holds, and control characters a terminal could act
                // on while the command is pasted: printed by printf with octal escapes
                // (POSIX) and read from standard input.
                let escaped = request.body.iter().fold(String::new(), |mut out, b| {
                    let _ = write!(out, "\\{b:03o}");
                    out
                });
                piped = format!("printf '{escaped}' | ");
                lines.push("--data-binary @-".into());
            }
        }
    }
    format!("{piped}{}", lines.join(" \\\n  "))
}

/// The transport options that change what curl does, when they differ from curl's own.
fn options(options: &TransportOptions, lines: &mut Vec<String>) {
    let builtin = TransportOptions::default();
    if options.follow_redirects {
        lines.push(format!("--location --max-redirs {}", options.max_redirects));
    }
    if options.insecure_tls {
        lines.push("--insecure".into());
    }
    if options.timeout != builtin.timeout {
        lines.push(format!("--max-time {}", seconds(options.timeout)));
    }
    if options.connect_timeout != builtin.connect_timeout {
        lines.push(format!("--connect-timeout {}", seconds(options.connect_timeout)));
    }
    if options.max_body != builtin.max_body {
        lines.push(format!("--max-filesize {}", options.max_body));
    }
}

fn seconds(duration: std::time::Duration) -> String {
    let text = format!("{:.3}", duration.as_secs_f64());
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A control character other than a newline or a tab: pasted into a terminal it can end
/// the paste or edit the line (DEL, ESC), so it never appears in a command as itself.
fn unsafe_in_a_paste(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// A URL or header with its control characters shown as `\xNN` (no request that holds one
/// can be sent: the engine refuses it, and so would curl).
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\x{:02x}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Quoted for a POSIX shell. A NUL, which no shell word holds, cannot reach here: header
/// values and URLs refuse it, and a body with one is piped.
fn quote(word: &str) -> String {
    shlex::try_quote(word).map_or_else(|_| quote(&word.replace('\0', "")), std::borrow::Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// The words a POSIX shell would pass to curl (the `\`-newline continuations joined).
    fn words(command: &str) -> Vec<String> {
        shlex::split(&command.replace("\\\n", "")).unwrap()
    }

    fn post_json() -> ResolvedRequest {
        let mut request = ResolvedRequest::get("https://api.example.com/v1/users?q=a b&x='y'");
        request.method = "POST".into();
        request.headers = vec![
            ("content-type".into(), "application/json".into()),
            ("X-Note".into(), "it's \"quoted\" $HOME `x`".into()),
            ("X-Empty".into(), String::new()),
        ];
        request.body = "{\"name\":\"Ada\",\n\"quote\":\"it's\"}".into();
        request
    }

    #[test]
    fn a_post_is_inferred_and_every_header_and_the_body_survive_the_shell() {
        let command = command(&post_json());
        let w = words(&command);
        assert_eq!(w[0], "curl");
        assert_eq!(w[1], "https://api.example.com/v1/users?q=a b&x='y'");
        assert!(
            !w.contains(&"-X".to_owned()),
            "POST with a body is curl's own: {command}"
        );
        let headers: Vec<&str> = w
            .windows(2)
            .filter(|p| p[0] == "-H")
            .map(|p| p[1].as_str())
            .collect();
        assert!(headers.contains(&"content-type: application/json"), "{headers:?}");
        assert!(
            headers.contains(&"X-Note: it's \"quoted\" $HOME `x`"),
            "{headers:?}"
        );
        assert!(headers.contains(&"X-Empty;"), "sent empty: {headers:?}");
        assert!(
            headers.iter().any(|h| h.starts_with("user-agent: apibench/")),
            "{headers:?}"
        );
        assert!(
            !headers
                .iter()
                .any(|h| h.starts_with("host") || h.starts_with("content-length"))
        );
        assert!(w.contains(&"--compressed".to_owned()));
        let data = w.iter().position(|x| x == "--data-raw").unwrap();
        assert_eq!(w[data + 1], "{\"name\":\"Ada\",\n\"quote\":\"it's\"}");
        assert!(command.lines().count() > 3, "one option per line:\n{command}");
    }

    #[test]
    fn methods_curl_would_guess_differently_are_spelt_out() {
        let mut request = ResolvedRequest::get("http://x/");
        assert_eq!(words(&command(&request))[..2], ["curl", "http://x/"]);
        request.method = "HEAD".into();
        assert!(words(&command(&request)).contains(&"--head".to_owned()));
        request.method = "POST".into();
        let w = words(&command(&request));
        assert_eq!(w[1..3], ["-X", "POST"], "a POST without a body");
        request.method = "GET".into();
        request.body = "x".into();
        let w = words(&command(&request));
        assert_eq!(w[1..3], ["-X", "GET"], "a GET with a body");
        assert!(
            w.windows(2).any(|p| p == ["-H", "Content-Type:"]),
            "curl adds no form type of its own: {w:?}"
        );
    }

    #[test]
    fn nothing_in_a_body_or_url_can_read_a_file_or_act_on_the_terminal_when_pasted() {
        let mut request = ResolvedRequest::get("-K/etc/passwd");
        request.method = "POST".into();
        request.body = "@/etc/passwd".into();
        let w = words(&command(&request));
        assert_eq!(w[1..3], ["--url", "-K/etc/passwd"], "{w:?}");
        assert!(w.windows(2).any(|p| p == ["--data-raw", "@/etc/passwd"]), "{w:?}");
        request.body = "a\x1b[201~; rm -rf ~\x7f".into();
        let text = command(&request);
        assert!(!text.contains('\x1b') && !text.contains('\x7f'), "{text:?}");
        assert!(text.starts_with("printf '"), "{text}");
    }

    #[test]
    fn a_binary_body_is_piped_byte_for_byte() {
        let mut request = ResolvedRequest::get("http://x/upload");
        request.method = "PUT".into();
        request.headers = vec![("content-type".into(), "application/octet-stream".into())];
        request.body = vec![0x00, 0xff, b'%', b'\''].into();
        let command = command(&request);
        assert!(
            command.starts_with("printf '\\000\\377\\045\\047' | curl -X PUT"),
            "{command}"
        );
        assert!(command.ends_with("--data-binary @-"), "{command}");
    }

    #[test]
    fn options_that_change_the_exchange_are_carried() {
        let mut request = ResolvedRequest::get("https://self-signed.example/");
        request.options.insecure_tls = true;
        request.options.timeout = Duration::from_millis(2500);
        request.options.follow_redirects = false;
        let w = words(&command(&request));
        assert!(w.contains(&"--insecure".to_owned()));
        assert!(w.windows(2).any(|p| p == ["--max-time", "2.5"]), "{w:?}");
        assert!(!w.contains(&"--location".to_owned()));
        request.options.follow_redirects = true;
        let w = words(&command(&request));
        assert!(w.windows(2).any(|p| p == ["--max-redirs", "10"]), "{w:?}");
    }
}
