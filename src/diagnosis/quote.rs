//! Quoting the exchange in evidence: headers truncated, secrets redacted, sizes for people.

use crate::secrets;

/// A value as quoted in evidence: at most 120 characters, then `…` (docs/diagnosis.md
/// §Evidence).
pub use crate::evidence::text::clip as text;

/// The server's own reason as quoted in evidence: at most 300 characters, then `…`.
pub use crate::evidence::text::clip_reason as reason;

/// `Name: value`, with credentials redacted (`Bearer eyJh…Q2fA (812 chars)`).
pub fn header(name: &str, value: &str) -> String {
    format!("{name}: {}", text(&secrets::redact_header_value(name, value)))
}

/// A URL as quoted in evidence: its password and secret-named query values masked, then cut
/// like any text. A Location is the server's, and may carry a key it was sent.
pub fn url(url: &str) -> String {
    text(&secrets::mask_url(url))
}

/// `"value"` for a possibly secret parameter or field.
pub fn param_value(name: &str, value: &str) -> String {
    if secrets::is_secret_param(name) {
        secrets::redact(value)
    } else {
        format!("\"{}\"", text(value))
    }
}

/// `4.2 KiB (4300 bytes)`.
pub fn size(n: usize) -> String {
    if n < 1024 {
        format!("{n} bytes")
    } else {
        format!("{} ({n} bytes)", crate::format::bytes(n as u64))
    }
}

/// `a, b and c`.
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_and_secrets_redacted() {
        assert_eq!(text(&"x".repeat(130)).chars().count(), 121);
        assert_eq!(
            header("Authorization", "Bearer abcdefghijklmnopqrstu"),
            "Authorization: Bearer abcd…rstu (21 chars)"
        );
        assert_eq!(header("Accept", "application/json"), "Accept: application/json");
        assert_eq!(
            url("https://u:hunter2@api.test/cb?api_key=k-9876543&page=2"),
            "https://u:****@api.test/cb?api_key=****&page=2"
        );
        assert_eq!(
            param_value("api_key", "0123456789abcdefXYZ"),
            "0123…fXYZ (19 chars)"
        );
        assert_eq!(param_value("page", "2"), "\"2\"");
    }

    #[test]
    fn sizes_and_lists_read_naturally() {
        assert_eq!(size(312), "312 bytes");
        assert_eq!(size(4300), "4.2 KiB (4300 bytes)");
        assert_eq!(list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
    }
}
