//! Whether a response kept from an earlier session may still feed `{{ response.… }}`.
//!
//! A login made yesterday should keep working today until its token expires, and not a
//! minute longer: a dead token sent is a 401 to puzzle over, where sending the login again
//! would have been the answer. The response itself says when it dies, in the places the
//! standards put it, and the collection may say so too:
//! - the request's `max_age` (docs/collection-format.md §Options), when the collection says;
//! - `expires_in`, seconds from when it was issued, in an OAuth 2.0 token response (RFC 6749
//!   §5.1);
//! - the `exp` claim of a JWT anywhere in a JSON body (RFC 7519 §4.1.4), the access token
//!   of most logins.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::diagnosis::Clock;
use crate::evidence::jwt::decode_jwt;
use crate::history::KeptResponse;

/// Why `kept` may no longer be used at `now`, or `None` while it may.
pub fn expired(kept: &KeptResponse, max_age: Option<Duration>, clock: &Clock) -> Option<String> {
    let age = clock.now.duration_since(kept.at).unwrap_or_default();
    if let Some(max_age) = max_age.filter(|max| age > *max) {
        return Some(format!(
            "it is older than its max_age ({})",
            crate::format::duration(max_age)
        ));
    }
    let json: serde_json::Value = serde_json::from_slice(&kept.body).ok()?;
    // A lifetime too long to count (a server's `expires_in` of 2⁶⁴ − 1) never runs out.
    if let Some(until) = json
        .get("expires_in")
        .and_then(expires_in)
        .and_then(|seconds| kept.at.checked_add(Duration::from_secs(seconds)))
        && until <= clock.now
    {
        return Some(format!("its expires_in ran out at {}", clock.when(until)));
    }
    let mut expiries = Vec::new();
    jwt_expiries(&json, &mut expiries);
    let until = expiries.into_iter().min()?;
    (until <= clock.now).then(|| format!("its token expired at {}", clock.when(until)))
}

/// `expires_in` as a number of seconds, or as the number in text some servers send.
fn expires_in(value: &serde_json::Value) -> Option<u64> {
    match value {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The `exp` of every JWT among the strings of `value`.
fn jwt_expiries(value: &serde_json::Value, out: &mut Vec<SystemTime>) {
    match value {
        serde_json::Value::String(text) => {
            if let Some(at) = decode_jwt(text)
                .and_then(|claims| claims.exp)
                .and_then(|exp| UNIX_EPOCH.checked_add(Duration::from_secs(u64::try_from(exp).unwrap_or(0))))
            {
                out.push(at);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| jwt_expiries(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| jwt_expiries(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;

    use super::*;

    const NOW: u64 = 1_795_608_000;

    fn clock() -> Clock {
        Clock::utc(UNIX_EPOCH + Duration::from_secs(NOW))
    }

    fn kept(ago: u64, body: &str) -> KeptResponse {
        KeptResponse {
            at: UNIX_EPOCH + Duration::from_secs(NOW - ago),
            status: 200,
            headers: Vec::new(),
            body: body.to_owned().into(),
        }
    }

    fn jwt(exp: u64) -> String {
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let header = engine.encode(r#"{"alg":"HS256","typ":"JWT"}"#);
        let payload = engine.encode(format!(r#"{{"sub":"ada","exp":{exp}}}"#));
        format!("{header}.{payload}.c2ln")
    }

    #[test]
    fn a_response_without_an_expiry_stays_usable_however_old() {
        let day = 86_400;
        assert_eq!(
            expired(&kept(30 * day, r#"{"token":"opaque"}"#), None, &clock()),
            None
        );
        assert_eq!(expired(&kept(30 * day, "not json"), None, &clock()), None);
    }

    #[test]
    fn max_age_ends_it() {
        let body = r#"{"token":"opaque"}"#;
        let hour = Some(Duration::from_secs(3600));
        assert_eq!(expired(&kept(3599, body), hour, &clock()), None);
        let why = expired(&kept(3601, body), hour, &clock()).unwrap();
        assert_eq!(why, "it is older than its max_age (1 h)");
    }

    #[test]
    fn oauth_expires_in_counts_from_when_it_came() {
        let body = r#"{"access_token":"opaque","token_type":"Bearer","expires_in":3600}"#;
        assert_eq!(expired(&kept(3000, body), None, &clock()), None);
        let why = expired(&kept(7200, body), None, &clock()).unwrap();
        assert_eq!(why, "its expires_in ran out at 11:00:00 (1 h ago)");
        let as_text = r#"{"access_token":"opaque","expires_in":"60"}"#;
        assert!(expired(&kept(61, as_text), None, &clock()).is_some());
    }

    #[test]
    fn a_lifetime_too_long_to_count_never_runs_out_and_never_panics() {
        let body = r#"{"access_token":"opaque","expires_in":"18446744073709551615"}"#;
        assert_eq!(expired(&kept(10, body), None, &clock()), None);
        let far = format!(r#"{{"token":"{}"}}"#, jwt(u64::MAX / 2));
        assert_eq!(expired(&kept(10, &far), None, &clock()), None);
    }

    #[test]
    fn an_expired_jwt_anywhere_in_the_body_ends_it() {
        let live = format!(r#"{{"data":{{"token":"{}"}}}}"#, jwt(NOW + 60));
        assert_eq!(expired(&kept(10, &live), None, &clock()), None);
        let dead = format!(r#"{{"data":{{"token":"{}"}}}}"#, jwt(NOW - 60));
        let why = expired(&kept(10, &dead), None, &clock()).unwrap();
        assert_eq!(why, "its token expired at 11:59:00 (1 min ago)");
    }
}
