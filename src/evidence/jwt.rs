//! Reading the claims of a JWT bearer token for display (docs/diagnosis.md §Credentials).
//!
//! The checklist needs `exp`/`nbf`/`iat` (is the token expired or not yet valid?), `iss`/`aud`
//! (is it for this host?) and scopes (does it grant what the server asks for?). None of that
//! needs the signature, and apibench has no keys anyway, so signatures are never verified:
//! these claims are evidence to show, not something to trust. A JWS compact serialization is
//! three base64url segments (RFC 7515 §7.1); the signature may be empty for an unsecured JWT
//! (RFC 7519 §6).

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::{Map, Value};

/// The claims the checklist uses; absent or mistyped claims are `None` or empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JwtClaims {
    /// Header `alg` (RFC 7515 §4.1.1).
    pub alg: Option<String>,
    /// Expiry, seconds since the epoch (RFC 7519 §4.1.4).
    pub exp: Option<i64>,
    /// Not valid before, seconds since the epoch (RFC 7519 §4.1.5).
    pub nbf: Option<i64>,
    /// Issued at, seconds since the epoch (RFC 7519 §4.1.6).
    pub iat: Option<i64>,
    /// Issuer (RFC 7519 §4.1.1).
    pub iss: Option<String>,
    /// Subject (RFC 7519 §4.1.2).
    pub sub: Option<String>,
    /// Audiences; RFC 7519 §4.1.3 allows a single string or an array.
    pub aud: Vec<String>,
    /// Granted scopes and roles, in order, without duplicates: OAuth `scope` (space-separated,
    /// RFC 8693 §4.2), Azure-style `scp` (string or array) and `roles` (array).
    pub scopes: Vec<String>,
}

/// base64url that ignores padding and non-zero trailing bits: JWTs are unpadded (RFC 7515 §2),
/// but hand-made tokens sometimes carry `=`, and a display-only decoder should not reject them.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Decodes `token` when it is three base64url segments whose header and payload are JSON
/// objects; `None` otherwise (opaque tokens, JWE with five segments, garbage). Numeric dates may
/// be integers or floats; fractions are truncated. The signature is never checked.
pub fn decode_jwt(token: &str) -> Option<JwtClaims> {
    let mut segments = token.trim().split('.');
    let (header, payload, signature) = (segments.next()?, segments.next()?, segments.next()?);
    if segments.next().is_some() || !signature.chars().all(is_base64url_char) {
        return None;
    }
    let header = decode_object(header)?;
    let payload = decode_object(payload)?;
    Some(JwtClaims {
        alg: string(header.get("alg")),
        exp: payload.get("exp").and_then(numeric_date),
        nbf: payload.get("nbf").and_then(numeric_date),
        iat: payload.get("iat").and_then(numeric_date),
        iss: string(payload.get("iss")),
        sub: string(payload.get("sub")),
        aud: payload.get("aud").map(audiences).unwrap_or_default(),
        scopes: scopes(&payload),
    })
}

fn is_base64url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '=')
}

/// One segment as a JSON object; anything else means "not a JWT".
fn decode_object(segment: &str) -> Option<Map<String, Value>> {
    if segment.is_empty() {
        return None;
    }
    let bytes = BASE64URL.decode(segment).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

fn string(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_owned)
}

/// A `NumericDate` (RFC 7519 §2) is a JSON number that "can be non-integer".
fn numeric_date(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| value.as_f64().and_then(truncate))
}

/// Whole seconds of a float date; `None` when it cannot be a date at all.
#[expect(
    clippy::cast_possible_truncation,
    reason = "the value is finite and bounded well inside i64 first; dropping the fraction is the point"
)]
fn truncate(seconds: f64) -> Option<i64> {
    // Bounded below i64::MAX (≈9.22e18) so the cast is exact on the integer part.
    (seconds.is_finite() && seconds.abs() < 9.0e18).then(|| seconds.trunc() as i64)
}

/// `aud`: one string or an array of strings (RFC 7519 §4.1.3); non-strings are ignored.
fn audiences(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// Scopes from `scope`, `scp` and `roles`. Issuers disagree on string vs array, so both are
/// accepted for each claim; strings are split on whitespace as OAuth scope lists are.
fn scopes(payload: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for claim in ["scope", "scp", "roles"] {
        let words: Vec<&str> = match payload.get(claim) {
            Some(Value::String(s)) => s.split_whitespace().collect(),
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        for word in words {
            if !word.is_empty() && !out.iter().any(|seen| seen == word) {
                out.push(word.to_owned());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};

    fn encode(json: &str) -> String {
        URL_SAFE_NO_PAD.encode(json)
    }

    fn token(header: &str, payload: &str) -> String {
        format!("{}.{}.c2lnbmF0dXJl", encode(header), encode(payload))
    }

    fn owned(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn valid_token_with_string_audience() {
        let jwt = token(
            r#"{"alg":"RS256","typ":"JWT"}"#,
            r#"{"iss":"https://auth.example.com/","sub":"user-42","aud":"https://api.example.com","exp":1700003600,"nbf":1700000000,"iat":1700000000,"scope":"read:users write:users"}"#,
        );
        assert_eq!(
            decode_jwt(&jwt),
            Some(JwtClaims {
                alg: Some("RS256".to_owned()),
                exp: Some(1_700_003_600),
                nbf: Some(1_700_000_000),
                iat: Some(1_700_000_000),
                iss: Some("https://auth.example.com/".to_owned()),
                sub: Some("user-42".to_owned()),
                aud: owned(&["https://api.example.com"]),
                scopes: owned(&["read:users", "write:users"]),
            })
        );
    }

    #[test]
    fn audience_array_keeps_strings_only() {
        let jwt = token(r#"{"alg":"HS256"}"#, r#"{"aud":["api-a","api-b",7]}"#);
        assert_eq!(decode_jwt(&jwt).map(|c| c.aud), Some(owned(&["api-a", "api-b"])));
    }

    #[test]
    fn scp_as_string_and_as_array() {
        let as_string = token(r#"{"alg":"RS256"}"#, r#"{"scp":"User.Read Mail.Send"}"#);
        assert_eq!(
            decode_jwt(&as_string).map(|c| c.scopes),
            Some(owned(&["User.Read", "Mail.Send"]))
        );
        let as_array = token(r#"{"alg":"RS256"}"#, r#"{"scp":["repo","gist"]}"#);
        assert_eq!(
            decode_jwt(&as_array).map(|c| c.scopes),
            Some(owned(&["repo", "gist"]))
        );
    }

    #[test]
    fn scope_scp_and_roles_merge_without_duplicates() {
        let jwt = token(
            r#"{"alg":"RS256"}"#,
            r#"{"scope":"read write","scp":["write"],"roles":["Admin"]}"#,
        );
        assert_eq!(
            decode_jwt(&jwt).map(|c| c.scopes),
            Some(owned(&["read", "write", "Admin"]))
        );
    }

    #[test]
    fn float_dates_are_truncated() {
        let jwt = token(
            r#"{"alg":"ES256"}"#,
            r#"{"exp":1700003600.9,"iat":1.7e9,"nbf":-5.5}"#,
        );
        let claims = decode_jwt(&jwt).unwrap_or_default();
        assert_eq!(
            (claims.exp, claims.iat, claims.nbf),
            (Some(1_700_003_600), Some(1_700_000_000), Some(-5))
        );
    }

    #[test]
    fn non_numeric_and_out_of_range_dates_are_absent() {
        let jwt = token(
            r#"{"alg":"none"}"#,
            r#"{"exp":"1700000000","nbf":1e300,"iat":18446744073709551615}"#,
        );
        let claims = decode_jwt(&jwt).unwrap_or_default();
        assert_eq!((claims.exp, claims.nbf, claims.iat), (None, None, None));
        assert_eq!(claims.alg.as_deref(), Some("none"));
    }

    #[test]
    fn unsecured_token_with_empty_signature_decodes() {
        let jwt = format!("{}.{}.", encode(r#"{"alg":"none"}"#), encode(r#"{"sub":"x"}"#));
        assert_eq!(decode_jwt(&jwt).and_then(|c| c.sub), Some("x".to_owned()));
    }

    #[test]
    fn padded_segments_and_surrounding_space_are_tolerated() {
        let jwt = format!(
            "  {}.{}.c2ln\n",
            URL_SAFE.encode(r#"{"alg":"HS256"}"#),
            URL_SAFE.encode(r#"{"sub":"abc"}"#)
        );
        assert!(jwt.contains('='));
        assert_eq!(decode_jwt(&jwt).and_then(|c| c.sub), Some("abc".to_owned()));
    }

    #[test]
    fn missing_claims_give_defaults() {
        let jwt = token(r#"{"typ":"JWT"}"#, "{}");
        assert_eq!(decode_jwt(&jwt), Some(JwtClaims::default()));
    }

    #[test]
    fn opaque_tokens_are_not_jwts() {
        assert_eq!(decode_jwt("ghp_16C7e42F292c6912E7710c838347Ae178B4a"), None);
        assert_eq!(decode_jwt("a.b"), None);
        assert_eq!(decode_jwt(""), None);
        let five = format!("{}.{}.a.b.c", encode(r#"{"alg":"RSA-OAEP"}"#), encode("{}"));
        assert_eq!(decode_jwt(&five), None);
    }

    #[test]
    fn bad_base64_is_rejected() {
        assert_eq!(decode_jwt("eyJhbGciOiJIUzI1NiJ9.@@@.sig"), None);
        assert_eq!(
            decode_jwt(&format!("{}.e30.s!g", encode(r#"{"alg":"HS256"}"#))),
            None
        );
        assert_eq!(decode_jwt(&format!("{}.e30.sig", "eyJhbGciOiJIUzI1NiJ9+")), None);
    }

    #[test]
    fn non_json_or_non_object_segments_are_rejected() {
        assert_eq!(decode_jwt(&token(r#"{"alg":"HS256"}"#, "not json")), None);
        assert_eq!(decode_jwt(&token(r#"{"alg":"HS256"}"#, "[1,2]")), None);
        assert_eq!(decode_jwt(&token("\"HS256\"", "{}")), None);
        assert_eq!(decode_jwt(&format!(".{}.sig", encode("{}"))), None);
    }

    /// A deterministic xorshift generator, so a failure reproduces.
    fn next(seed: &mut u64) -> usize {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        usize::try_from(*seed % 1024).unwrap_or(0)
    }

    #[test]
    fn no_panic_on_pseudo_random_input() {
        let pieces = [
            ".".to_owned(),
            "eyJ".to_owned(),
            "=".to_owned(),
            "_-".to_owned(),
            "é".to_owned(),
            encode(r#"{"exp":1e400}"#),
            encode(r#"{"aud":[[],{}],"scope":7}"#),
            encode("{"),
            encode(r#"{"alg":"x"}"#),
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..500 {
            let len = next(&mut seed) % 8;
            let s: String = (0..len)
                .map(|_| pieces[next(&mut seed) % pieces.len()].as_str())
                .collect();
            if let Some(claims) = decode_jwt(&s) {
                assert_eq!(s.trim().split('.').count(), 3);
                assert!(claims.scopes.iter().all(|scope| !scope.is_empty()));
            }
        }
    }
}
