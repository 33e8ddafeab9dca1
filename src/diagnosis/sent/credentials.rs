//! The credentials a request carried — Authorization, cookies, API-key headers, key-like query
//! parameters, secret body fields — shown redacted, and what is wrong with them: an
//! Authorization value that is malformed, an auth helper whose variable rendered empty.

use serde_json::Value;

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::CheckSpec;
use crate::diagnosis::quote;
use crate::http::SentRequest;
use crate::request::{Field, Written};

/// A credential found in what was sent.
pub struct Credential {
    /// Where and what, redacted for evidence: `X-API-Key: ****`, `password: **** (7 chars)`.
    pub shown: String,
    /// The value as sent, to trace where it came from; never shown.
    value: String,
    /// The response it was read from, when a chained template gave it: `the latest
    /// response of "Auth/Log in"`, or one kept from an earlier session with when it came.
    pub from: Option<String>,
}

impl Credential {
    fn new(shown: String, value: &str) -> Credential {
        Credential {
            shown,
            value: value.to_owned(),
            from: None,
        }
    }

    /// `shown` with where it came from, for evidence that it was sent.
    pub fn sent(&self) -> String {
        match &self.from {
            Some(from) => format!("{} was sent, read from {from}", self.shown),
            None => format!("{} was sent", self.shown),
        }
    }
}

/// Says which credentials a chained template read from another response: a token taken
/// from a login (perhaps one kept from yesterday) is the first suspect when it is refused.
pub fn trace_chained(credentials: &mut [Credential], written: Option<&Written>) {
    use crate::template::{Origin, Resolution};
    fn chained<'a>(uses: &'a [Resolution], out: &mut Vec<&'a Resolution>) {
        for r in uses {
            if matches!(r.origin, Origin::Response(_) | Origin::KeptResponse { .. }) {
                out.push(r);
            }
            chained(&r.nested, out);
        }
    }
    let Some(written) = written else { return };
    let mut found = Vec::new();
    for field in &written.fields {
        chained(&field.uses, &mut found);
    }
    for credential in credentials {
        credential.from = found
            .iter()
            .find(|r| r.value.trim().len() >= 4 && credential.value.contains(r.value.trim()))
            .map(|r| r.origin.to_string());
    }
}

/// Every credential in the final request: headers, cookies, key-like query parameters and
/// secret fields of the body.
pub fn find(
    sent: Option<&SentRequest>,
    query: &[(String, String)],
    json: Option<&Value>,
    form: &[(String, String)],
) -> Vec<Credential> {
    let mut found = Vec::new();
    let Some(sent) = sent else {
        return found;
    };
    for (name, value) in &sent.headers {
        if value.trim().is_empty() {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        if lower == "authorization" || lower == "cookie" || key_like_header(name) {
            found.push(Credential::new(quote::header(name, value), value));
        }
    }
    for (name, value) in query {
        if key_like_param(name) && !value.is_empty() {
            found.push(Credential::new(
                format!("query parameter {name}={}", crate::secrets::redact(value)),
                value,
            ));
        }
    }
    for (name, value) in body_secrets(json, form) {
        found.push(Credential::new(
            format!("body field {name}: {}", crate::secrets::redact(&value)),
            &value,
        ));
    }
    found
}

/// The key an `api_key` auth helper put in a header or query parameter of any name
/// (`appid`, `access_token`, `X-Auth-Token`), when the name alone does not say credential.
pub fn from_auth_helper(
    written: Option<&Written>,
    sent: Option<&SentRequest>,
    query: &[(String, String)],
) -> Option<Credential> {
    use crate::collection::{Auth, KeyLocation};
    let Some(Auth::ApiKey { location, name, .. }) = written?.auth.as_ref() else {
        return None;
    };
    let value = match location {
        KeyLocation::Header => sent?.header(name).map(str::to_owned),
        KeyLocation::Query => query.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()),
    }
    .filter(|v| !v.trim().is_empty())?;
    let shown = match location {
        KeyLocation::Header => quote::header(name, &value),
        KeyLocation::Query => format!("query parameter {name}={}", crate::secrets::redact(&value)),
    };
    Some(Credential::new(shown, &value))
}

/// Password-like fields of a JSON or form body (a login request carries its credentials there).
fn body_secrets(json: Option<&Value>, form: &[(String, String)]) -> Vec<(String, String)> {
    const NAMES: [&str; 5] = ["password", "client_secret", "api_key", "refresh_token", "secret"];
    let mut out: Vec<(String, String)> = form
        .iter()
        .filter(|(k, v)| NAMES.contains(&k.to_ascii_lowercase().as_str()) && !v.is_empty())
        .cloned()
        .collect();
    if let Some(Value::Object(map)) = json {
        for (k, v) in map {
            if NAMES.contains(&k.to_ascii_lowercase().as_str())
                && let Some(s) = v.as_str().filter(|s| !s.is_empty())
            {
                out.push((k.clone(), s.to_owned()));
            }
        }
    }
    out
}

/// API-key-looking header names (docs/diagnosis.md §Credentials).
fn key_like_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    // Anti-forgery tokens prove where a request came from, not who sent it.
    if n.contains("csrf") || n.contains("xsrf") {
        return false;
    }
    let last = n.rsplit('-').next().unwrap_or_default();
    matches!(
        n.as_str(),
        "x-api-key"
            | "api-key"
            | "apikey"
            | "api-token"
            | "access-token"
            | "auth-token"
            | "x-auth-token"
            | "private-token"
    ) || n.ends_with("-api-key")
        || n.ends_with("-apikey")
        || n.ends_with("-token")
        || n == "ocp-apim-subscription-key"
        || (last == "key" && n.contains("api"))
}

/// Query parameters that look like credentials (docs/diagnosis.md §Credentials).
pub fn key_like_param(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(
        n.as_str(),
        "api_key" | "apikey" | "api-key" | "key" | "access_token" | "token" | "auth" | "client_secret"
    ) || n.ends_with("_key")
        || n.ends_with("-key")
        || n.ends_with("token")
}

/// Whether the auth helper's credential rendered empty, with the variable chain to blame —
/// every empty variable it uses, not just the first.
pub fn empty_auth_variable(written: &Written) -> Option<String> {
    let auth = written.auth.as_ref()?;
    let env = written
        .environment
        .as_deref()
        .map_or(String::new(), |e| format!(" with environment \"{e}\""));
    let blanks: Vec<String> = written
        .auth_uses()
        .flat_map(|field_use| field_use.uses.iter().filter(|u| u.is_blank()))
        .map(|blank| {
            format!(
                "{}{env} is empty: {}",
                format_args!("{{{{ {} }}}}", blank.expr),
                blank.describe()
            )
        })
        .collect();
    if !blanks.is_empty() {
        return Some(format!("auth is {} but {}", auth.kind(), blanks.join("; and ")));
    }
    written
        .auth_uses()
        .find(|field_use| field_use.rendered.trim().is_empty())
        .map(|field_use| format!("auth is {} but its {} is empty", auth.kind(), field_use.field))
}

/// A credential written by hand — an API-key header, a key parameter, a secret in the body
/// — whose template rendered empty, with the variable chain to blame, as the auth helper's
/// has: "header `X-API-Key` is empty: `{{ api_key }}` (…) ← `{{ env.API_KEY }}` (not set …)".
pub fn empty_written_credential(written: &Written) -> Option<String> {
    // Which body field a template sits in, so evidence names `routing_key`, not "body".
    let body_field = |template: &str| body_field_of(&written.request, template);
    let credential_like = |field: &Field, template: &str| match field {
        Field::Header(name) => key_like_header(name) || name.eq_ignore_ascii_case("authorization"),
        Field::Query(name) => key_like_param(name),
        Field::Body => secret_like(template) || body_field(template).is_some_and(|name| secret_like(&name)),
        _ => false,
    };
    let env = written
        .environment
        .as_deref()
        .map_or(String::new(), |e| format!(" with environment \"{e}\""));
    let blanks: Vec<String> = written
        .fields
        .iter()
        .filter(|u| credential_like(&u.field, &u.template))
        .flat_map(|u| {
            let env = &env;
            u.uses.iter().filter(|r| r.is_blank()).map(move |r| {
                let field = match (&u.field, body_field(&u.template)) {
                    (Field::Body, Some(name)) => format!("body field `{name}`"),
                    (field, _) => field.to_string(),
                };
                format!("{field} is empty{env}: {}", r.describe())
            })
        })
        .collect();
    (!blanks.is_empty()).then(|| blanks.join("; and "))
}

/// The body field whose value is `template` as written: a JSON member (by its path), a form
/// field or a multipart part.
fn body_field_of(request: &crate::collection::Request, template: &str) -> Option<String> {
    use crate::collection::{Body, Part};
    fn find(value: &Value, template: &str, path: &mut Vec<String>) -> Option<String> {
        match value {
            Value::String(s) if s == template => Some(path.join(".")),
            Value::Object(map) => map.iter().find_map(|(k, v)| {
                path.push(k.clone());
                let found = find(v, template, path);
                path.pop();
                found
            }),
            Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
                path.push(i.to_string());
                let found = find(v, template, path);
                path.pop();
                found
            }),
            _ => None,
        }
    }
    match request.body.as_ref()? {
        Body::Json { value, .. } => find(value.value(), template, &mut Vec::new()).filter(|p| !p.is_empty()),
        Body::Form(pairs) => pairs
            .iter()
            .find(|(_, value)| value.as_str() == template)
            .map(|(name, _)| name.clone()),
        Body::Multipart(parts) => parts.iter().find_map(|part| match part {
            Part::Value { name, value } if value.as_str() == template => Some(name.clone()),
            _ => None,
        }),
        Body::Text { .. } | Body::File { .. } => None,
    }
}

/// A template whose variables are named like secrets: `{{ client_secret }}`, `{{ env.API_KEY }}`.
fn secret_like(template: &str) -> bool {
    let lower = template.to_ascii_lowercase();
    ["secret", "password", "token", "key", "credential"]
        .iter()
        .any(|w| lower.contains(w))
}

/// What is wrong with an Authorization value, and how sure that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthProblem {
    pub text: String,
    /// True when the value cannot work as written (empty, a line break, the scheme twice,
    /// `user:password` not encoded); false when it is only unusual — a form some APIs
    /// document, which a lint may call possible but never likely.
    pub broken: bool,
    /// The value is a bare credential with no scheme in front of it.
    pub no_scheme: bool,
}

// The constructors return `Option` so a check reads `return AuthProblem::broken(…)`.
#[expect(clippy::unnecessary_wraps, reason = "one signature for every finding")]
impl AuthProblem {
    fn broken(text: impl Into<String>) -> Option<Self> {
        Some(Self {
            text: text.into(),
            broken: true,
            no_scheme: false,
        })
    }

    fn unusual(text: impl Into<String>) -> Option<Self> {
        Some(Self {
            text: text.into(),
            broken: false,
            no_scheme: false,
        })
    }

    /// The check `spec` makes of this problem on a response with `status`: broken values
    /// fail; a bare credential the server refused with 401 fails too, its missing scheme the
    /// likely reason; anything else unusual is only possible.
    pub fn check(self, spec: &'static CheckSpec, status: Option<u16>) -> Check {
        let check = if self.broken {
            Check::fail(spec, self.text)
        } else if self.no_scheme && status == Some(401) {
            Check::fail(
                spec,
                format!(
                    "{} — and the server refused it; most APIs want `Bearer <token>`",
                    self.text
                ),
            )
        } else {
            Check::possible(spec, self.text)
        };
        check.cite("RFC 6750 §2.1")
    }

    fn without_scheme(self) -> Self {
        Self {
            no_scheme: true,
            ..self
        }
    }
}

/// Problems with an Authorization value, per RFC 6750 §2.1 and RFC 7617 — only those that
/// real APIs do not document as their form: Salesforce session ids carry `!`, Laravel
/// Sanctum tokens `|`, and Tyk or Linear take a bare key without a scheme.
pub fn authorization_problem(value: &str) -> Option<AuthProblem> {
    let redacted = || quote::header("Authorization", value);
    if value.trim().is_empty() {
        return AuthProblem::broken("Authorization is empty");
    }
    // One word: a scheme with nothing after it.
    let known = [
        "bearer", "basic", "token", "digest", "apikey", "api-key", "key", "bot", "sso-key", "ssws",
    ];
    if known.iter().any(|k| value.trim().eq_ignore_ascii_case(k)) {
        return AuthProblem::broken(format!(
            "Authorization is \"{} \" with an empty credential",
            value.trim()
        ));
    }
    if value.contains(['\r', '\n']) || value.chars().any(char::is_control) {
        return AuthProblem::broken(format!(
            "{} contains a line break or control character — often a key read from a file with its trailing newline",
            redacted()
        ));
    }
    if value != value.trim() {
        return AuthProblem::broken(format!(
            "{} has stray whitespace at its {}",
            redacted(),
            if value.ends_with(char::is_whitespace) {
                "end"
            } else {
                "start"
            }
        ));
    }
    let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
    if scheme.ends_with(':') {
        return AuthProblem::broken(format!(
            "Authorization is \"{scheme} …\" — no colon belongs after the scheme"
        ));
    }
    if rest.trim().is_empty() {
        // A bare key: some APIs take it as is (Tyk, Linear), most want a scheme before it.
        return AuthProblem::unusual(format!(
            "{} has no scheme before the credential (Bearer, Basic, Token …)",
            redacted()
        ))
        .map(AuthProblem::without_scheme);
    }
    let rest = rest.trim();
    let first_word = rest.split(' ').next().unwrap_or_default();
    if first_word.eq_ignore_ascii_case(scheme) {
        return AuthProblem::broken(format!(
            "Authorization repeats the scheme: \"{scheme} {first_word} …\""
        ));
    }
    if rest.starts_with('"') || rest.starts_with('\'') {
        return AuthProblem::broken(format!("The {scheme} credential is wrapped in quotes"));
    }
    if scheme.eq_ignore_ascii_case("bearer") {
        if rest.eq_ignore_ascii_case("undefined") || rest.eq_ignore_ascii_case("null") {
            return AuthProblem::broken(format!(
                "The bearer token is the text \"{rest}\" — a missing value was stringified"
            ));
        }
        if rest.contains(char::is_whitespace) {
            return AuthProblem::broken(format!("{} has a space inside the token", redacted()));
        }
        if rest.chars().any(|c| !c.is_ascii() || "\"'<>\\{}".contains(c)) {
            return AuthProblem::unusual(format!(
                "{} contains characters a bearer token may not have",
                redacted()
            ));
        }
    }
    if scheme.eq_ignore_ascii_case("basic") {
        return basic_problem(rest);
    }
    None
}

/// Basic credentials (RFC 7617): base64 of `user:password`, without stray whitespace in
/// either once decoded.
fn basic_problem(encoded: &str) -> Option<AuthProblem> {
    use base64::Engine as _;
    let decoded = match base64::engine::general_purpose::STANDARD.decode(encoded) {
        Err(_) if encoded.contains(':') => {
            return AuthProblem::broken(
                "Basic credentials are \"user:password\" in clear; they must be base64-encoded",
            );
        }
        Err(_) => return AuthProblem::broken("Basic credentials are not valid base64"),
        Ok(decoded) => String::from_utf8_lossy(&decoded).into_owned(),
    };
    let Some((user, password)) = decoded.split_once(':') else {
        return AuthProblem::broken(format!(
            "Basic credentials decode to \"{}\" with no \":\" separator",
            quote::text(&decoded)
        ));
    };
    for (what, part) in [("user name", user), ("password", password)] {
        let stray = if part.contains(['\r', '\n']) {
            Some("a line break")
        } else if part.chars().any(char::is_control) {
            Some("a control character")
        } else if part != part.trim() {
            Some(if part.ends_with(char::is_whitespace) {
                "trailing whitespace"
            } else {
                "leading whitespace"
            })
        } else {
            None
        };
        if let Some(stray) = stray {
            let shown = if what == "user name" {
                format!("\"{}\"", quote::text(part))
            } else {
                crate::secrets::redact(part)
            };
            return AuthProblem::broken(format!(
                "Basic credentials decode to a {what} with {stray} ({shown}) — a value pasted or read with whitespace"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::key_like_header;

    #[test]
    fn anti_forgery_tokens_are_not_credentials() {
        assert!(!key_like_header("X-CSRF-Token"));
        assert!(!key_like_header("X-XSRF-TOKEN"));
        assert!(key_like_header("X-Auth-Token"));
        assert!(key_like_header("X-Gitlab-Token"));
    }
}
