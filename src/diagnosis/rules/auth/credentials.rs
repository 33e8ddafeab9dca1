//! What credentials the final request carried: Authorization, cookies, API-key headers,
//! key-like query parameters and secret body fields. (The Authorization scheme and its JWT
//! claims are read once, in `Facts`.)

use super::super::evidence;
use super::super::request::key_like_param;
use crate::diagnosis::facts::{Credential, Facts};

/// API-key-looking header names (§1.5).
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

/// Every credential in the final request: headers, cookies, key-like query parameters and
/// secret fields of the body. Found once per exchange; later calls read what was found.
pub fn credentials<'f>(f: &'f Facts<'_>) -> &'f [Credential] {
    f.credentials.get_or_init(|| find(f))
}

fn find(f: &Facts<'_>) -> Vec<Credential> {
    let mut found = Vec::new();
    let Some(sent) = f.sent else {
        return found;
    };
    for (name, value) in &sent.headers {
        if value.trim().is_empty() {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        if lower == "authorization" || lower == "cookie" || key_like_header(name) {
            found.push(Credential {
                shown: evidence::header(name, value),
            });
        }
    }
    for (name, value) in &f.sent_query {
        if key_like_param(name) && !value.is_empty() {
            found.push(Credential {
                shown: format!("query parameter {name}={}", crate::secrets::redact(value)),
            });
        }
    }
    for (name, value) in body_secrets(f) {
        found.push(Credential {
            shown: format!("body field {name}: {}", crate::secrets::redact(&value)),
        });
    }
    found
}

/// Password-like fields of a JSON or form body (a login request carries its credentials there).
fn body_secrets(f: &Facts<'_>) -> Vec<(String, String)> {
    const NAMES: [&str; 5] = ["password", "client_secret", "api_key", "refresh_token", "secret"];
    let mut out: Vec<(String, String)> = f
        .sent_form
        .iter()
        .filter(|(k, v)| NAMES.contains(&k.to_ascii_lowercase().as_str()) && !v.is_empty())
        .cloned()
        .collect();
    if let Some(serde_json::Value::Object(map)) = &f.sent_json {
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

#[cfg(test)]
mod tests {
    use super::{credentials, key_like_header};
    use crate::diagnosis::tests::{Ex, with_facts};

    #[test]
    fn credentials_are_found_once_per_exchange() {
        let ex = Ex::post_json("https://api.example.com/login", r#"{"password":"hunter2"}"#)
            .header("X-API-Key", "k")
            .status(401);
        with_facts(&ex, None, |f| {
            let shown: Vec<&str> = credentials(f).iter().map(|c| c.shown.as_str()).collect();
            assert_eq!(
                shown,
                ["X-API-Key: **** (1 chars)", "body field password: **** (7 chars)"]
            );
            assert!(std::ptr::eq(credentials(f), credentials(f)), "found again");
        });
    }

    #[test]
    fn anti_forgery_tokens_are_not_credentials() {
        assert!(!key_like_header("X-CSRF-Token"));
        assert!(!key_like_header("X-XSRF-TOKEN"));
        assert!(key_like_header("X-Auth-Token"));
        assert!(key_like_header("X-Gitlab-Token"));
    }
}
