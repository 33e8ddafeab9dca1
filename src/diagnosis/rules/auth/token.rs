//! Is the credential still valid and meant for this host: JWT exp/nbf against the server's
//! clock (`401.token-time`) and the JWT audience or key prefix against the host and
//! environment (`401.audience`, `403.audience`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::CheckSpec;
use crate::diagnosis::catalogue::unauthorized;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::sent::urls::host_of;

/// The server's idea of now: its Date header, else our receive time.
fn server_now(f: &Facts<'_>) -> (SystemTime, &'static str) {
    match f.server_date {
        Some(date) => (date, "the server's Date"),
        None => (f.received_at, "your clock"),
    }
}

fn epoch(secs: i64) -> Option<SystemTime> {
    u64::try_from(secs)
        .ok()
        .map(|s| UNIX_EPOCH + Duration::from_secs(s))
}

pub(super) fn token_time(f: &Facts<'_>) -> Option<Check> {
    let (scheme, _) = f.authorization()?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let Some(claims) = f.bearer_claims.as_ref() else {
        return Some(Check::unknown(
            unauthorized::TOKEN_TIME,
            "The bearer token is opaque (not a JWT); its expiry is not visible",
        ));
    };
    let (now, basis) = server_now(f);
    let clock = &f.clock;
    if let Some(exp) = claims.exp.and_then(epoch)
        && exp <= now
    {
        return Some(Check::fail(
            unauthorized::TOKEN_TIME,
            format!(
                "Token expired at {} ({}) per its exp claim, compared with {basis}",
                clock.local_date(exp),
                clock.at(now).relative(exp)
            ),
        ));
    }
    if let Some(nbf) = claims.nbf.and_then(epoch)
        && nbf > now
    {
        return Some(Check::fail(
            unauthorized::TOKEN_TIME,
            format!(
                "Token not valid before {} ({basis} says {})",
                clock.local_date(nbf),
                clock.local_date(now)
            ),
        ));
    }
    if let Some(skew) = f
        .server_date
        .map(|d| crate::evidence::retry_after::clock_skew_secs(d, f.received_at))
        && skew.abs() > 60
    {
        return Some(Check::possible(
            unauthorized::TOKEN_TIME,
            format!(
                "The server clock is {skew:+} s off yours; time-bound tokens minted here may look expired or not yet valid there"
            ),
        ));
    }
    Some(match claims.exp.and_then(epoch) {
        Some(exp) if exp.duration_since(now).unwrap_or_default() >= Duration::from_secs(60) => Check::pass(
            unauthorized::TOKEN_TIME,
            format!(
                "Token valid until {} ({})",
                clock.local_date(exp),
                clock.at(now).relative(exp)
            ),
        ),
        Some(exp) => Check::possible(
            unauthorized::TOKEN_TIME,
            format!(
                "Token expires at {} — less than a minute after the request",
                clock.local_date(exp)
            ),
        ),
        None => Check::unknown(unauthorized::TOKEN_TIME, "The JWT has no exp claim"),
    })
}

/// Known key prefixes that say which service or environment a key is for.
const KEY_PREFIXES: [(&str, &str); 8] = [
    ("sk_test_", "Stripe test-mode"),
    ("sk_live_", "Stripe live-mode"),
    ("pk_test_", "Stripe publishable test"),
    ("pk_live_", "Stripe publishable live"),
    ("ghp_", "GitHub personal access token"),
    ("github_pat_", "GitHub fine-grained token"),
    ("xoxb-", "Slack bot"),
    ("xoxp-", "Slack user"),
];

pub(super) fn audience(f: &Facts<'_>, spec: &'static CheckSpec) -> Option<Check> {
    let (_, credential) = f.authorization()?;
    let host = f.host();
    if let Some(claims) = f.bearer_claims.as_ref() {
        if claims.aud.is_empty() {
            return Some(Check::unknown(
                spec,
                "The JWT has no aud claim to compare with the host",
            ));
        }
        let matches = claims.aud.iter().any(|aud| {
            let aud_host = host_of(aud);
            aud_host.eq_ignore_ascii_case(&host) || host.ends_with(&format!(".{aud_host}")) || aud == "*"
        });
        let auds = claims.aud.join(", ");
        return Some(if matches {
            Check::pass(spec, format!("Token aud=\"{auds}\" matches {host}"))
        } else {
            Check::possible(
                spec,
                format!("Token aud=\"{auds}\" but the request goes to {host}"),
            )
        });
    }
    if let Some((prefix, kind)) = KEY_PREFIXES.iter().find(|(p, _)| credential.starts_with(p)) {
        let environment = f.written.and_then(|w| w.environment.as_deref());
        let wrong_mode = match environment {
            Some(env) => {
                let live_env = ["prod", "production", "live"]
                    .iter()
                    .any(|e| env.eq_ignore_ascii_case(e));
                (prefix.contains("test") && live_env) || (prefix.contains("live") && !live_env)
            }
            None => false,
        };
        let env_text = environment.map_or(String::new(), |e| format!("; environment is \"{e}\""));
        return Some(if wrong_mode {
            Check::possible(
                spec,
                format!("Key prefix \"{prefix}\" looks like a {kind} key{env_text}"),
            )
        } else {
            Check::pass(spec, format!("Key prefix \"{prefix}\" is a {kind} key{env_text}"))
        });
    }
    None
}
