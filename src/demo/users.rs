//! `POST /v1/users`: every way a create can fail, in the order a real API checks them —
//! media type (415), syntax (400), then semantics (422).

use serde_json::{Value, json};

/// The answer to a create request: status, extra headers, JSON body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Value,
}

impl Reply {
    /// Refusals are problem+json (RFC 9457); a created user is plain JSON.
    pub fn is_problem(&self) -> bool {
        self.status >= 400
    }
}

/// Decides what `POST /v1/users` answers. `next_id` hands out the id a valid user gets; it
/// is called only once the user is known to be valid, so refusals use up no ids, and it must
/// take the id atomically so concurrent creates never share one.
pub fn create(content_type: Option<&str>, body: &[u8], next_id: impl FnOnce() -> u64) -> Reply {
    let is_json = content_type.is_some_and(crate::media_type::is_json_type);
    if !is_json {
        return Reply {
            status: 415,
            headers: vec![("Accept-Post", "application/json".to_owned())],
            body: json!({
                "type": "https://demo.apibench.dev/problems/unsupported-media-type",
                "title": "Unsupported media type",
                "status": 415,
                "detail": format!(
                    "Send the user as JSON with Content-Type: application/json (got {}).",
                    content_type.unwrap_or("no Content-Type")
                ),
            }),
        };
    }
    let user: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Reply {
                status: 400,
                headers: Vec::new(),
                body: json!({
                    "type": "https://demo.apibench.dev/problems/malformed-json",
                    "title": "Malformed JSON",
                    "status": 400,
                    "detail": format!("The body is not valid JSON: {e}"),
                    "line": e.line(),
                    "column": e.column(),
                }),
            };
        }
    };
    let mut invalid = Vec::new();
    let name = user.get("name").and_then(Value::as_str).map(str::trim);
    if name.is_none_or(str::is_empty) {
        invalid.push(json!({"name": "name", "reason": "is required"}));
    }
    match user.get("email").and_then(Value::as_str) {
        None => invalid.push(json!({"name": "email", "reason": "is required"})),
        Some(email) if !looks_like_email(email) => {
            invalid.push(json!({"name": "email", "reason": "must be a valid email address"}));
        }
        Some(_) => {}
    }
    if !invalid.is_empty() {
        return Reply {
            status: 422,
            headers: Vec::new(),
            body: json!({
                "type": "https://demo.apibench.dev/problems/validation",
                "title": "Your request is not valid",
                "status": 422,
                "detail": format!("{} field(s) failed validation", invalid.len()),
                "invalid-params": invalid,
            }),
        };
    }
    let next_id = next_id();
    Reply {
        status: 201,
        headers: vec![("Location", format!("/v1/users/{next_id}"))],
        body: json!({"id": next_id, "name": name, "email": user["email"]}),
    }
}

fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_run_in_order_media_type_syntax_semantics() {
        let no_id = || -> u64 { panic!("a refused user takes no id") };
        assert_eq!(create(None, b"{}", no_id).status, 415);
        assert_eq!(create(Some("text/plain"), b"{}", no_id).status, 415);
        assert_eq!(
            create(Some("application/json"), b"{\"name\": \"Ada\",}", no_id).status,
            400
        );
        let bad = create(
            Some("application/json; charset=utf-8"),
            br#"{"name":"Ada","email":"nope"}"#,
            no_id,
        );
        assert_eq!(bad.status, 422);
        assert_eq!(bad.body["invalid-params"][0]["name"], "email");
        let missing = create(Some("application/json"), br#"{"email":"a@b.co"}"#, no_id);
        assert_eq!(missing.body["invalid-params"][0]["name"], "name");
        let ok = create(
            Some("application/json"),
            br#"{"name":"Ada","email":"ada@example.com"}"#,
            || 7,
        );
        assert_eq!(ok.status, 201);
        assert_eq!(ok.headers, vec![("Location", "/v1/users/7".to_owned())]);
        assert!(bad.is_problem() && missing.is_problem() && !ok.is_problem());
    }
}
