//! Reading a Content-Type: its essence and whether it is JSON. A leaf: the request builder,
//! the diagnosis, the secrets rules and the demo server all ask these questions.

/// `"application/json; charset=utf-8"` → `"application/json"`: the part that decides the
/// format (RFC 9110 §8.3.1), lowercased because type and subtype are case-insensitive.
pub fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether a Content-Type is JSON: `application/json` or any `+json` type.
pub fn is_json_type(content_type: &str) -> bool {
    let e = essence(content_type);
    e == "application/json" || e.ends_with("+json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn essence_drops_params_and_lowercases() {
        assert_eq!(essence("application/json; charset=utf-8"), "application/json");
        assert_eq!(essence(" Application/JSON "), "application/json");
        assert_eq!(essence(""), "");
    }

    #[test]
    fn json_types_include_plus_json_suffixes() {
        assert!(is_json_type("application/json; charset=utf-8"));
        assert!(is_json_type("application/problem+json"));
        assert!(!is_json_type("application/jsonl"));
        assert!(!is_json_type("text/plain"));
    }
}
