//! Keeping credentials off screens, out of history, exports and JSON output.
//!
//! Two treatments: *masking* replaces a secret entirely (`Bearer ****`) wherever a request is
//! shown; *redaction* keeps just enough to recognise it (`eyJh…Q2fA (812 chars)`) for
//! checklist evidence, where telling two tokens apart matters.

use url::Url;

/// Header names whose values are credentials.
pub fn is_secret_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(
        name.as_str(),
        "authorization" | "proxy-authorization" | "cookie" | "set-cookie" | "x-amz-security-token"
    ) || is_secret_name(&name)
}

/// Query parameter, form field and JSON key names whose values are credentials.
pub fn is_secret_param(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(
        name.as_str(),
        "key" | "token" | "auth" | "sig" | "signature" | "code" | "pass" | "pwd"
    ) || is_secret_name(&name)
}

fn is_secret_name(lower: &str) -> bool {
    const PARTS: [&str; 9] = [
        "api-key",
        "api_key",
        "apikey",
        "token",
        "secret",
        "password",
        "passwd",
        "session",
        "private-key",
    ];
    PARTS.iter().any(|p| lower.contains(p)) || lower.ends_with("-key") || lower.ends_with("_key")
}

/// The masked form of a header value: the scheme of an Authorization value stays visible
/// (it is not secret and often is the problem), the credential does not. Empty values stay
/// empty, because an empty credential is evidence, not a secret.
pub fn mask_header_value(name: &str, value: &str) -> String {
    // A URL-valued header carries what any URL may: a password, a key in its query.
    if ["location", "content-location", "referer"]
        .iter()
        .any(|h| name.eq_ignore_ascii_case(h))
    {
        return mask_url(value);
    }
    if !is_secret_header(name) || value.trim().is_empty() {
        return value.to_owned();
    }
    if name.eq_ignore_ascii_case("authorization") || name.eq_ignore_ascii_case("proxy-authorization") {
        return match value.split_once(' ') {
            Some((scheme, rest)) if !rest.trim().is_empty() => format!("{scheme} ****"),
            Some((scheme, _)) => format!("{scheme} "),
            None => "****".to_owned(),
        };
    }
    "****".to_owned()
}

/// A credential's value as written in a collection, masked: a template (`{{ token }}`)
/// names a variable rather than holding the secret, and an empty value is evidence, so both
/// stay as they are; anything else becomes `****`.
pub fn mask_written(value: &str) -> String {
    if value.contains("{{") {
        value.to_owned()
    } else {
        mask(value)
    }
}

/// A credential's value, masked: `****`, or empty when it is empty (an empty credential is
/// evidence, not a secret).
pub fn mask(value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        "****".to_owned()
    }
}

/// Masks every secret header in a list.
pub fn mask_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(n, v)| (n.clone(), mask_header_value(n, v)))
        .collect()
}

/// Masks credential query parameters and a password in the user-info part.
pub fn mask_url(text: &str) -> String {
    let Ok(mut url) = Url::parse(text) else {
        // Not a URL (yet: a template left in it, or a typo): its password and query are
        // still masked.
        let text = mask_unparsed_password(text);
        return match text.split_once('?') {
            Some((head, query)) => format!("{head}?{}", mask_pairs(query)),
            None => text,
        };
    };
    let mut changed = false;
    if url.password().is_some_and(|p| !p.is_empty()) {
        let _ = url.set_password(Some("****"));
        changed = true;
    }
    if let Some(query) = url.query() {
        let masked = mask_pairs(query);
        if masked != query {
            url.set_query(Some(&masked));
            changed = true;
        }
    }
    if changed { url.to_string() } else { text.to_owned() }
}

/// `scheme://user:password@host…` with the password masked, found in the text alone (for a
/// URL that does not parse).
fn mask_unparsed_password(text: &str) -> String {
    let Some(start) = text.find("://").map(|at| at + 3) else {
        return text.to_owned();
    };
    let authority_end = text[start..]
        .find(['/', '?', '#'])
        .map_or(text.len(), |at| start + at);
    let authority = &text[start..authority_end];
    match (authority.rfind('@'), authority.find(':')) {
        (Some(at), Some(colon)) if colon < at && at > colon + 1 => {
            format!("{}****{}", &text[..=(start + colon)], &text[start + at..])
        }
        _ => text.to_owned(),
    }
}

/// Every URL inside free text (an error message quoting the URL it failed on) masked as
/// [`mask_url`] masks one: each `scheme://…` up to whitespace, a quote or a closing bracket.
pub fn mask_urls_in(text: &str) -> String {
    if !text.contains("://") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let start = rest[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
            .map_or(0, |(i, c)| i + c.len_utf8());
        // A `]` closes an IPv6 host (`http://[::1]:8080/…`) before it ends the URL.
        let mut in_brackets = false;
        let end = rest[at..]
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '[' => in_brackets = true,
                    ']' if in_brackets => {
                        in_brackets = false;
                        return false;
                    }
                    _ => {}
                }
                c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ')' | '>' | ']' | '}')
            })
            .map_or(rest.len(), |(i, _)| at + i);
        out.push_str(&rest[..start]);
        out.push_str(&mask_url(&rest[start..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Masks the secret values of `a=1&b=2` text (a query string or a form body); every other
/// byte keeps its encoding.
fn mask_pairs(encoded: &str) -> String {
    mask_pairs_but(encoded, |_| false)
}

/// [`mask_pairs`], keeping the values `keep` says are not secrets.
fn mask_pairs_but(encoded: &str, keep: impl Fn(&str) -> bool) -> String {
    encoded
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) if !v.is_empty() && !keep(v) && is_secret_param(&decode(k)) => format!("{k}=****"),
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A URL as written in a collection, masked as [`mask_written`] masks a value: a literal
/// password or secret-named query value becomes `****`, a `{{ template }}` stays (it names a
/// variable, it holds no secret).
pub fn mask_written_url(text: &str) -> String {
    let (head, query) = match text.split_once('?') {
        Some((head, query)) => (head, Some(query)),
        None => (text, None),
    };
    let head = if password_is_literal(head) {
        mask_unparsed_password(head)
    } else {
        head.to_owned()
    };
    match query {
        Some(query) => format!("{head}?{}", mask_pairs_but(query, |v| v.contains("{{"))),
        None => head,
    }
}

/// Whether `scheme://user:password@…` has a password written out rather than templated.
fn password_is_literal(head: &str) -> bool {
    let Some(start) = head.find("://").map(|at| at + 3) else {
        return false;
    };
    let authority = head[start..].split('/').next().unwrap_or_default();
    authority
        .rsplit_once('@')
        .and_then(|(info, _)| info.split_once(':'))
        .is_some_and(|(_, password)| !password.is_empty() && !password.contains("{{"))
}

fn decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("{text}=").as_bytes())
        .next()
        .map(|(k, _)| k.into_owned())
        .unwrap_or_default()
}

/// Masks secret-named fields in a JSON or form body; other bodies are returned unchanged.
pub fn mask_body(body: &str, content_type: Option<&str>) -> String {
    if content_type.map(crate::media_type::essence).as_deref() == Some("application/x-www-form-urlencoded") {
        return mask_pairs(body);
    }
    let Ok(mut json) = serde_json::from_str::<serde_json::Value>(body) else {
        return body.to_owned();
    };
    if mask_json(&mut json) {
        json.to_string()
    } else {
        body.to_owned()
    }
}

fn mask_json(value: &mut serde_json::Value) -> bool {
    mask_json_but(value, &|_| false)
}

/// A JSON body as written in a collection, its secret-named fields masked as
/// [`mask_written`] masks a value: a literal becomes `****`, a `{{ template }}` stays.
pub fn mask_written_json(value: &mut serde_json::Value) {
    mask_json_but(value, &|v| v.as_str().is_some_and(|s| s.contains("{{")));
}

/// Masks the secret-named fields of `value` but those `keep` says are not secrets; whether
/// anything changed.
fn mask_json_but(value: &mut serde_json::Value, keep: &dyn Fn(&serde_json::Value) -> bool) -> bool {
    use serde_json::Value;
    let mut changed = false;
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                // Whatever it rendered to (`{{ pin | json }}` gives a number): masked.
                let empty = matches!(v, Value::Null) || matches!(v, Value::String(s) if s.is_empty());
                if is_secret_param(key) && !empty && !keep(v) {
                    *v = Value::String("****".to_owned());
                    changed = true;
                } else {
                    changed |= mask_json_but(v, keep);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                changed |= mask_json_but(item, keep);
            }
        }
        _ => {}
    }
    changed
}

/// Evidence form of a secret: first and last four characters and the length; short
/// secrets show only their length, since eight characters would give most of them away.
pub fn redact(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    let n = chars.len();
    if n == 0 {
        return "(empty)".to_owned();
    }
    if n < 16 {
        return format!("**** ({n} chars)");
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[n - 4..].iter().collect();
    format!("{head}…{tail} ({n} chars)")
}

/// A header value as evidence: the scheme kept, the credential redacted.
pub fn redact_header_value(name: &str, value: &str) -> String {
    if !is_secret_header(name) {
        return value.to_owned();
    }
    match value.split_once(' ') {
        Some((scheme, rest))
            if name.eq_ignore_ascii_case("authorization")
                || name.eq_ignore_ascii_case("proxy-authorization") =>
        {
            format!("{scheme} {}", redact(rest.trim()))
        }
        _ => redact(value),
    }
}

/// Secrets shorter than this are not searched for in other text: masking every `1234` in a
/// response would hide more than it protects.
const ECHO_MIN_CHARS: usize = 6;

/// The credential values a request carried — secret headers (an Authorization value without
/// its scheme, and a Basic password decoded), secret query parameters, secret body fields —
/// so that the same values can be masked wherever else they appear, e.g. echoed back in a
/// response body.
pub fn carried(
    url: &str,
    headers: &[(String, String)],
    body: &str,
    content_type: Option<&str>,
) -> Vec<String> {
    let mut found = Vec::new();
    for (name, value) in headers {
        if !is_secret_header(name) {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        if lower == "authorization" || lower == "proxy-authorization" {
            let credential = value.split_once(' ').map_or(value.as_str(), |(_, c)| c).trim();
            found.push(credential.to_owned());
            if value.trim_start().to_ascii_lowercase().starts_with("basic ") {
                found.extend(basic_password(credential));
            }
        } else if lower == "cookie" {
            found.extend(
                value
                    .split(';')
                    .filter_map(|c| Some(c.split_once('=')?.1.trim().to_owned())),
            );
        } else {
            found.push(value.trim().to_owned());
        }
    }
    if let Ok(url) = Url::parse(url) {
        found.extend(url.password().map(str::to_owned));
        found.extend(
            url.query_pairs()
                .filter(|(k, _)| is_secret_param(k))
                .map(|(_, v)| v.into_owned()),
        );
        // And as written on the wire, which is what a server echoes.
        found.extend(raw_secret_values(url.query().unwrap_or_default()));
    }
    found.extend(in_body(body, content_type));
    searchable(found)
}

/// The values of secret-named `a=1&b=2` pairs, still encoded.
fn raw_secret_values(encoded: &str) -> impl Iterator<Item = String> + '_ {
    encoded
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(k, _)| is_secret_param(&decode(k)))
        .map(|(_, v)| v.to_owned())
}

/// The values of secret-named fields (`token`, `password`, `api_key`…) in a JSON or form
/// body: what a response gives (an access token) as much as what a request sends.
pub fn in_body(body: &str, content_type: Option<&str>) -> Vec<String> {
    let mut found = Vec::new();
    if content_type.map(crate::media_type::essence).as_deref() == Some("application/x-www-form-urlencoded") {
        found.extend(
            url::form_urlencoded::parse(body.as_bytes())
                .filter(|(k, _)| is_secret_param(k))
                .map(|(_, v)| v.into_owned()),
        );
        found.extend(raw_secret_values(body));
    } else if let Ok(json) = serde_json::from_str::<serde_json::Value>(body) {
        secret_json_values(&json, &mut found);
    }
    searchable(found)
}

/// Secrets long enough to search for, longest first (so one that contains another is
/// masked whole), each once.
/// Each one also in the spellings a server echoes it in: percent-encoded as in a query
/// string or a form (`ab+cd%2Fef`), and escaped as inside a JSON string.
fn searchable(found: Vec<String>) -> Vec<String> {
    let mut all: Vec<String> = Vec::with_capacity(found.len() * 2);
    for secret in found {
        if secret.chars().count() < ECHO_MIN_CHARS {
            continue;
        }
        let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        let percent = encoded.replace('+', "%20");
        let escaped = serde_json::to_string(&secret).unwrap_or_default();
        let escaped = escaped.trim_matches('"').to_owned();
        all.extend([encoded, percent, escaped]);
        all.push(secret);
    }
    all.sort_by_key(|s| std::cmp::Reverse(s.len()));
    all.dedup();
    all
}

fn basic_password(credential: &str) -> Option<String> {
    use base64::Engine as _;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(credential)
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    Some(text.split_once(':')?.1.to_owned())
}

fn secret_json_values(value: &serde_json::Value, found: &mut Vec<String>) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match v {
                    Value::String(text) if holds_a_secret(key) => found.push(text.clone()),
                    Value::Number(n) if holds_a_secret(key) => found.push(n.to_string()),
                    other => secret_json_values(other, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| secret_json_values(item, found)),
        _ => {}
    }
}

/// `bytes` with every occurrence of a `carried` secret replaced by `****`: for a body that
/// is not text, before it is written as base64 where no text search would see it.
pub fn mask_echoed_bytes(bytes: &[u8], secrets: &[String]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for secret in secrets.iter().map(String::as_bytes).filter(|s| !s.is_empty()) {
        let finder = memchr::memmem::Finder::new(secret);
        if finder.find(&out).is_none() {
            continue;
        }
        let mut masked = Vec::with_capacity(out.len());
        let mut rest = out.as_slice();
        while let Some(at) = finder.find(rest) {
            masked.extend_from_slice(&rest[..at]);
            masked.extend_from_slice(b"****");
            rest = &rest[at + secret.len()..];
        }
        masked.extend_from_slice(rest);
        out = masked;
    }
    out
}

/// Whether a body field named `key` holds a credential: a secret name, but not what
/// describes one (`token_type: Bearer`, `expires_in`, `token_url`).
fn holds_a_secret(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    let describes = ["_type", "-type", "type", "_in", "_at", "_url", "_uri", "_hint"]
        .iter()
        .any(|suffix| lower.ends_with(suffix));
    is_secret_param(key) && !describes
}

/// A cut secret's head, this long or more, is masked where a cut (`…`) ends it.
const CUT_HEAD_MIN_CHARS: usize = 8;

/// `text` with every occurrence of a `carried` secret replaced by `****` — and the head of
/// one that a cut (`…`) ended, since a shown value is cut before it is masked.
pub fn mask_echoes(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for secret in secrets {
        if out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), "****");
        }
    }
    if out.contains('…') {
        out = mask_cut_heads(&out, secrets);
    }
    out
}

fn mask_cut_heads(text: &str, secrets: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('…') {
        let before = &rest[..at];
        let longest = secrets
            .iter()
            .filter_map(|secret| {
                // The longest head of the secret that `before` ends with.
                secret
                    .char_indices()
                    .map(|(i, c)| i + c.len_utf8())
                    .filter(|&end| secret[..end].chars().count() >= CUT_HEAD_MIN_CHARS)
                    .rev()
                    .find(|&end| before.ends_with(&secret[..end]))
            })
            .max()
            .unwrap_or(0);
        out.push_str(&before[..before.len() - longest]);
        if longest > 0 {
            out.push_str("****");
        }
        out.push('…');
        rest = &rest[at + '…'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_keeps_its_scheme() {
        assert_eq!(
            mask_header_value("Authorization", "Bearer abc.def"),
            "Bearer ****"
        );
        assert_eq!(
            mask_header_value("authorization", "Basic dXNlcjpwYXNz"),
            "Basic ****"
        );
        assert_eq!(mask_header_value("Authorization", "Bearer "), "Bearer ");
        assert_eq!(mask_header_value("X-API-Key", "k-123"), "****");
        assert_eq!(
            mask_header_value("Accept", "application/json"),
            "application/json"
        );
    }

    #[test]
    fn key_like_query_parameters_are_masked() {
        assert_eq!(
            mask_url("https://api.example.com/v1?page=2&api_key=s3cr3t&q=a+b"),
            "https://api.example.com/v1?page=2&api_key=****&q=a+b"
        );
        assert_eq!(
            mask_url("https://u:pw@example.com/"),
            "https://u:****@example.com/"
        );
        assert_eq!(mask_url("http://x/?page=1"), "http://x/?page=1");
        // Names are compared decoded; the rest keeps its encoding.
        assert_eq!(
            mask_url("http://x/?api%5Fkey=abc&q=a%20b&token="),
            "http://x/?api%5Fkey=****&q=a%20b&token="
        );
        assert_eq!(mask_url("not a url {{x}}"), "not a url {{x}}");
    }

    #[test]
    fn written_credentials_are_masked_unless_a_template_or_empty() {
        assert_eq!(mask_written("s3cr3t"), "****");
        assert_eq!(mask_written("{{ token }}"), "{{ token }}");
        assert_eq!(mask_written("Bearer {{ token }}"), "Bearer {{ token }}");
        assert_eq!(mask_written(""), "");
        assert_eq!(mask("s{{3}}"), "****", "a sent value is masked whatever it holds");
        assert_eq!(mask(""), "");
    }

    #[test]
    fn secret_fields_in_bodies_are_masked() {
        assert_eq!(
            mask_body(
                r#"{"username":"demo","password":"demo"}"#,
                Some("application/json")
            ),
            r#"{"username":"demo","password":"****"}"#
        );
        assert_eq!(
            mask_body(
                r#"{"password":123456,"token":[1,2],"otp":null}"#,
                Some("application/json")
            ),
            r#"{"password":"****","token":"****","otp":null}"#,
            "a secret that rendered to a number or a list is masked too"
        );
        assert_eq!(
            mask_body(
                "user=a&client_secret=xyz",
                Some("application/x-www-form-urlencoded")
            ),
            "user=a&client_secret=****"
        );
        assert_eq!(mask_body("plain text", Some("text/plain")), "plain text");
    }

    #[test]
    fn redaction_keeps_ends_and_length() {
        assert_eq!(
            redact("eyJhbGciOiJIUzI1NiJ9.payload.Q2fA"),
            "eyJh…Q2fA (33 chars)"
        );
        assert_eq!(redact("demo-token"), "**** (10 chars)");
        assert_eq!(redact(""), "(empty)");
        assert_eq!(
            redact_header_value("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.payload.Q2fA"),
            "Bearer eyJh…Q2fA (33 chars)"
        );
    }

    #[test]
    fn a_secret_the_server_echoes_is_found_wherever_it_was_sent() {
        let headers = vec![
            ("Authorization".to_owned(), "Basic YWRhOmh1bnRlcjIy".to_owned()), // ada:hunter22
            ("X-Api-Key".to_owned(), "k-123456789".to_owned()),
            ("Accept".to_owned(), "application/json".to_owned()),
        ];
        let found = carried(
            "https://x.test/?token=tok-abcdef&page=2",
            &headers,
            r#"{"password":"correct horse","name":"Ada"}"#,
            Some("application/json"),
        );
        for secret in [
            "YWRhOmh1bnRlcjIy",
            "hunter22",
            "k-123456789",
            "tok-abcdef",
            "correct horse",
        ] {
            assert!(found.iter().any(|f| f == secret), "{secret} in {found:?}");
        }
        assert!(!found.iter().any(|f| f == "application/json" || f == "Ada"));
        let echoed = r#"{"headers":{"Authorization":"Basic YWRhOmh1bnRlcjIy","X-Api-Key":"k-123456789"},"you_sent":"correct horse"}"#;
        let masked = mask_echoes(echoed, &found);
        assert_eq!(
            masked,
            r#"{"headers":{"Authorization":"Basic ****","X-Api-Key":"****"},"you_sent":"****"}"#
        );
    }

    #[test]
    fn short_secrets_are_not_searched_for() {
        let headers = vec![("X-Api-Key".to_owned(), "1234".to_owned())];
        assert!(carried("http://x/", &headers, "", None).is_empty());
    }

    #[test]
    fn a_secret_is_found_as_a_server_echoes_it_encoded_and_describing_fields_are_not_secrets() {
        let found = carried(
            "https://x.test/?api_key=ab+cd/ef==",
            &[],
            r#"{"token_type":"Bearer"}"#,
            None,
        );
        let echoed = r#"{"uri":"/v1/echo?api_key=ab+cd/ef==","args":{"api_key":"ab cd/ef=="}}"#;
        // `ab+cd/ef==` as the query decodes it is `ab cd/ef==`; its spellings are all masked.
        let masked = mask_echoes(echoed, &found);
        assert_eq!(
            masked,
            r#"{"uri":"/v1/echo?api_key=****","args":{"api_key":"****"}}"#
        );
        let login = in_body(
            r#"{"access_token":"tok-123456","token_type":"Bearer","expires_in":3600}"#,
            None,
        );
        assert_eq!(login, ["tok-123456"]);
    }

    #[test]
    fn the_head_of_a_secret_a_cut_ended_is_masked() {
        let secrets = vec!["eyJhbGciOiJIUzI1NiJ9.payload.signature".to_owned()];
        assert_eq!(mask_echoes("Bearer eyJhbGciOiJIUzI1…", &secrets), "Bearer ****…");
        assert_eq!(
            mask_echoes("short eyJh…", &secrets),
            "short eyJh…",
            "too short a head to tell"
        );
        assert_eq!(mask_echoes("no cut here", &secrets), "no cut here");
    }

    #[test]
    fn a_secret_inside_bytes_that_are_not_text_is_masked() {
        let secrets = vec!["Latin1Tok-123".to_owned()];
        let body = b"<p>Caf\xe9 auth=Bearer Latin1Tok-123</p>";
        assert_eq!(
            mask_echoed_bytes(body, &secrets),
            b"<p>Caf\xe9 auth=Bearer ****</p>".to_vec()
        );
    }

    #[test]
    fn a_url_that_still_holds_a_template_has_its_query_masked() {
        assert_eq!(
            mask_url("{{ base }}/echo?api_key=Literal-Qq11&x={{ missing }}"),
            "{{ base }}/echo?api_key=****&x={{ missing }}"
        );
    }

    #[test]
    fn a_url_valued_header_is_masked_as_a_url() {
        assert_eq!(
            mask_header_value("Location", "https://ada:pw-1@api.test/cb?code=c-1&state=s"),
            "https://ada:****@api.test/cb?code=****&state=s"
        );
        assert_eq!(mask_header_value("Location", "/next"), "/next");
    }

    #[test]
    fn urls_inside_error_text_are_masked_even_when_they_do_not_parse() {
        assert_eq!(
            mask_urls_in(
                "error sending request for url (https://ada:pw-secret@api.test/x?api_key=k-1&page=2): refused"
            ),
            "error sending request for url (https://ada:****@api.test/x?api_key=****&page=2): refused"
        );
        assert_eq!(
            mask_urls_in("`http://ada:pw-secret@api.test:99999/?token=t-1` is not a valid URL"),
            "`http://ada:****@api.test:99999/?token=****` is not a valid URL"
        );
        assert_eq!(
            mask_url("http://ada:pw-secret@[bad/x?token=t-1"),
            "http://ada:****@[bad/x?token=****"
        );
        assert_eq!(mask_urls_in("no url here"), "no url here");
        // A character of several bytes just before the scheme, and an IPv6 host.
        assert_eq!(
            mask_urls_in("`\u{a0}https://ada:pw-1@api.test/x?token=t-1` is not a valid URL"),
            "`\u{a0}https://ada:****@api.test/x?token=****` is not a valid URL"
        );
        assert_eq!(
            mask_urls_in("(http://[::1]:8080/x?api_key=k-1)"),
            "(http://[::1]:8080/x?api_key=****)"
        );
    }

    #[test]
    fn a_written_url_masks_literal_secrets_and_keeps_templates() {
        assert_eq!(
            mask_written_url("http://ada:pw-1@api.test/x?api_key=k-1&page=2"),
            "http://ada:****@api.test/x?api_key=****&page=2"
        );
        assert_eq!(
            mask_written_url("{{ base }}/x?api_key={{ key }}&token=t-1"),
            "{{ base }}/x?api_key={{ key }}&token=****"
        );
        assert_eq!(
            mask_written_url("http://ada:{{ pw }}@api.test/x"),
            "http://ada:{{ pw }}@api.test/x"
        );
    }
}
