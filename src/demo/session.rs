//! A login by cookie, as web apps and many APIs behind them do it: `POST /v1/session` with
//! demo / demo sets `demo_session` (`HttpOnly`, `SameSite=Lax`, scoped to `/v1`, living `ttl`
//! seconds, an hour unless asked), `GET /v1/session/me` answers 200 with it and 401 without
//! it, and `DELETE /v1/session` ends it the standard way, with `Max-Age=0`.

use axum::body::Bytes;
use axum::extract::Query;
use axum::http::{HeaderMap, Method};
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use super::reply::json_reply;

/// The session cookie's value.
pub const DEMO_SESSION: &str = "demo-session-7f3a9c";

#[derive(Deserialize)]
pub struct SessionQuery {
    ttl: Option<u64>,
}

#[derive(Deserialize)]
struct Credentials {
    username: Option<String>,
    password: Option<String>,
}

pub async fn session(method: Method, Query(query): Query<SessionQuery>, body: Bytes) -> Response {
    match method {
        Method::POST => {
            let creds: Option<Credentials> = serde_json::from_slice(&body).ok();
            if creds.as_ref().is_some_and(|c| {
                c.username.as_deref() == Some("demo") && c.password.as_deref() == Some("demo")
            }) {
                let ttl = query.ttl.unwrap_or(3600);
                let cookie =
                    format!("demo_session={DEMO_SESSION}; Path=/v1; HttpOnly; SameSite=Lax; Max-Age={ttl}");
                json_reply(
                    200,
                    &[("Set-Cookie", cookie)],
                    &json!({"user": "demo", "expires_in": ttl}),
                )
            } else {
                json_reply(
                    401,
                    &[],
                    &json!({"error": "invalid_credentials", "message": "The username or password is wrong (try demo / demo)"}),
                )
            }
        }
        Method::DELETE => json_reply(
            200,
            &[("Set-Cookie", "demo_session=; Path=/v1; Max-Age=0".to_owned())],
            &json!({"ended": true}),
        ),
        _ => json_reply(
            405,
            &[("Allow", "POST, DELETE".to_owned())],
            &json!({"error": "method_not_allowed"}),
        ),
    }
}

pub async fn me(headers: HeaderMap) -> Response {
    let has_session = headers
        .get_all("cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|pair| pair.trim() == format!("demo_session={DEMO_SESSION}"));
    if has_session {
        json_reply(200, &[], &json!({"user": "demo", "by": "cookie"}))
    } else {
        json_reply(
            401,
            &[],
            &json!({"error": "no_session", "message": "Log in with POST /v1/session first; the session is a cookie"}),
        )
    }
}
