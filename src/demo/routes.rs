//! The demo API's endpoints. Each reproduces one failure the way real servers produce it,
//! headers included, because the checklist reads the headers.

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use axum::routing::{any, get};
use serde::Deserialize;
use serde_json::json;

use super::DEMO_TOKEN;
use super::limiter::Limiter;
use super::reply::{json_reply, problem, reply};
use super::users;

struct Demo {
    /// `/v1/limited`: small enough to hit by pressing send four times.
    limited: Limiter,
    /// `/v1/users`: large, so listing users shows quota left without ever running out.
    users_quota: Limiter,
    next_user_id: AtomicU64,
    next_error_id: AtomicU64,
    /// `/v1/flaky`: how many times it was called, to fail all but every n-th call.
    flaky_calls: AtomicU64,
}

/// The demo API's routes, with fresh state (rate limits, ids).
pub fn router() -> Router {
    let state = Arc::new(Demo {
        limited: Limiter::new("burst", 3, Duration::from_secs(10)),
        users_quota: Limiter::new("default", 100, Duration::from_secs(60)),
        next_user_id: AtomicU64::new(1001),
        next_error_id: AtomicU64::new(0x5eed),
        flaky_calls: AtomicU64::new(0),
    });
    Router::new()
        .route("/", get(index))
        .route("/v1/users", any(users_collection))
        .route("/v1/users/{id}", get(user_by_id))
        .route("/v1/login", any(login))
        .route("/v1/me", get(me))
        .route("/v1/admin/stats", get(admin_stats))
        .route("/v1/limited", get(limited))
        .route("/v1/crash", get(crash))
        .route("/v1/reports", any(reports))
        .route("/v1/gateway/bad", get(bad_gateway))
        .route("/v1/gateway/slow", get(gateway_timeout))
        .route("/v1/maintenance", get(maintenance))
        .route("/v1/proxy", get(proxy_auth))
        .route("/v1/slow", get(slow))
        .route("/v1/big", get(big))
        .route("/v1/redirect-loop", get(redirect_loop))
        .route("/v1/escape", get(escape))
        .route("/v1/echo", any(echo))
        .route("/v1/flaky", any(flaky))
        .route("/v1/session", any(super::session::session))
        .route("/v1/session/me", get(super::session::me))
        .fallback(not_found)
        .with_state(state)
}

async fn index() -> Response {
    json_reply(
        200,
        &[],
        &json!({
            "name": "apibench demo API",
            "hint": "open collections/demo.yaml in apibench to try every scenario",
            "endpoints": [
                "GET /v1/users", "POST /v1/users", "DELETE /v1/users", "GET /v1/users/{id}",
                "POST /v1/login", "GET /v1/me", "GET /v1/admin/stats", "GET /v2/users",
                "GET /v1/limited", "GET /v1/crash", "PATCH /v1/reports", "GET /v1/gateway/bad",
                "GET /v1/maintenance", "GET /v1/gateway/slow", "GET /v1/proxy", "GET /v1/slow?ms=N",
                "GET /v1/big?mb=N", "GET /v1/redirect-loop", "GET /v1/escape", "ANY /v1/echo", "ANY /v1/flaky?fails=N&after=S",
                "POST /v1/session?ttl=S", "GET /v1/session/me", "DELETE /v1/session"
            ]
        }),
    )
}

async fn users_collection(
    State(demo): State<Arc<Demo>>,
    method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match method {
        Method::GET | Method::HEAD => {
            let decision = demo.users_quota.check();
            let rate_headers: Vec<(&str, String)> = demo.users_quota.headers(decision);
            json_reply(
                200,
                &rate_headers,
                &json!({
                    "data": [
                        {"id": 1, "name": "Ada Lovelace", "email": "ada@example.com", "roles": ["admin"]},
                        {"id": 2, "name": "Grace Hopper", "email": "grace@example.com", "roles": ["user"]},
                        {"id": 42, "name": "Alan Turing", "email": "alan@example.com", "roles": ["user"]}
                    ],
                    "page": 1,
                    "per_page": 20,
                    "total": 3
                }),
            )
        }
        Method::POST => {
            let content_type = headers.get("content-type").and_then(|v| v.to_str().ok());
            // fetch_add both reads and advances the counter, so two creates at once get two ids.
            let verdict = users::create(content_type, &body, || {
                demo.next_user_id.fetch_add(1, Ordering::Relaxed)
            });
            if verdict.is_problem() {
                problem(verdict.status, &verdict.headers, &verdict.body)
            } else {
                json_reply(verdict.status, &verdict.headers, &verdict.body)
            }
        }
        other => problem(
            405,
            &[("Allow", "GET, POST".to_owned())],
            &json!({
                "type": "about:blank",
                "title": "Method Not Allowed",
                "status": 405,
                "detail": format!("{other} is not supported on /v1/users; delete one user at /v1/users/{{id}}"),
            }),
        ),
    }
}

async fn user_by_id(Path(id): Path<String>) -> Response {
    match id.parse::<u64>() {
        Ok(known @ (1 | 2 | 42)) => json_reply(200, &[], &json!({"id": known, "name": "Demo user"})),
        _ => json_reply(
            404,
            &[],
            &json!({"error": "not_found", "message": format!("No user with id '{id}'")}),
        ),
    }
}

#[derive(Deserialize)]
struct Credentials {
    username: Option<String>,
    password: Option<String>,
}

async fn login(method: Method, body: Bytes) -> Response {
    if method != Method::POST {
        return json_reply(
            405,
            &[("Allow", "POST".to_owned())],
            &json!({"error": "method_not_allowed"}),
        );
    }
    let creds: Option<Credentials> = serde_json::from_slice(&body).ok();
    let ok = creds
        .as_ref()
        .is_some_and(|c| c.username.as_deref() == Some("demo") && c.password.as_deref() == Some("demo"));
    if ok {
        json_reply(
            200,
            &[("Cache-Control", "no-store".to_owned())],
            &json!({"token": DEMO_TOKEN, "token_type": "Bearer", "expires_in": 3600}),
        )
    } else {
        json_reply(
            401,
            &[
                ("WWW-Authenticate", "Bearer realm=\"demo\"".to_owned()),
                ("Cache-Control", "no-store".to_owned()),
            ],
            &json!({
                "error": "invalid_grant",
                "error_description": "The username or password is wrong (try demo / demo)"
            }),
        )
    }
}

/// Checks `Authorization: Bearer demo-token`; returns the refusal (per RFC 6750 §3) if it
/// is missing or wrong.
fn refuse_unauthenticated(headers: &HeaderMap) -> Option<Response> {
    let sent = headers.get("authorization").and_then(|v| v.to_str().ok());
    let token = sent.and_then(|v| {
        let (scheme, token) = v.split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
    });
    match token {
        Some(DEMO_TOKEN) => None,
        None => Some(json_reply(
            401,
            &[("WWW-Authenticate", "Bearer realm=\"demo\"".to_owned())],
            &json!({"error": "missing_token", "message": "This endpoint needs Authorization: Bearer <token>; POST /v1/login gives you one."}),
        )),
        Some(_) => Some(json_reply(
            401,
            &[(
                "WWW-Authenticate",
                "Bearer realm=\"demo\", error=\"invalid_token\", error_description=\"The access token is not valid\"".to_owned(),
            )],
            &json!({"error": "invalid_token", "message": "The access token is not valid."}),
        )),
    }
}

async fn me(headers: HeaderMap) -> Response {
    if let Some(denied) = refuse_unauthenticated(&headers) {
        return denied;
    }
    json_reply(
        200,
        &[],
        &json!({"id": 42, "username": "demo", "scopes": ["read"]}),
    )
}

async fn admin_stats(headers: HeaderMap) -> Response {
    if let Some(denied) = refuse_unauthenticated(&headers) {
        return denied;
    }
    problem(
        403,
        &[(
            "WWW-Authenticate",
            "Bearer realm=\"demo\", error=\"insufficient_scope\", scope=\"admin\"".to_owned(),
        )],
        &json!({
            "type": "https://demo.apibench.dev/problems/insufficient-scope",
            "title": "Insufficient scope",
            "status": 403,
            "detail": "This endpoint needs the admin scope; your token grants: read",
        }),
    )
}

async fn limited(State(demo): State<Arc<Demo>>) -> Response {
    let decision = demo.limited.check();
    let headers = demo.limited.headers(decision);
    if decision.allowed {
        return json_reply(
            200,
            &headers,
            &json!({"ok": true, "remaining": decision.remaining, "hint": "send this 4 times within 10 s to see a 429"}),
        );
    }
    problem(
        429,
        &headers,
        &json!({
            "type": "https://iana.org/assignments/http-problem-types#quota-exceeded",
            "title": "Too many requests",
            "status": 429,
            "detail": "The burst policy allows 3 requests per 10 seconds.",
            "violated-policies": [demo.limited.policy],
        }),
    )
}

async fn crash(State(demo): State<Arc<Demo>>) -> Response {
    let id = format!("err_{:06x}", demo.next_error_id.fetch_add(1, Ordering::Relaxed));
    json_reply(
        500,
        &[("X-Request-Id", id.clone())],
        &json!({"error": "internal_error", "message": "Unexpected error while building the report", "error_id": id}),
    )
}

async fn reports(method: Method) -> Response {
    if method == Method::GET {
        return json_reply(200, &[], &json!({"reports": []}));
    }
    json_reply(
        501,
        &[("Allow", "GET".to_owned())],
        &json!({"error": "not_implemented", "message": format!("{method} /v1/reports is not implemented yet")}),
    )
}

/// What nginx-style gateways send; the HTML body is part of the fingerprint.
fn gateway_page(status: u16, title: &str) -> String {
    format!(
        "<html>\r\n<head><title>{status} {title}</title></head>\r\n<body>\r\n<center><h1>{status} {title}</h1></center>\r\n<hr><center>demo-gateway</center>\r\n</body>\r\n</html>\r\n"
    )
}

async fn bad_gateway() -> Response {
    reply(
        502,
        "text/html",
        &[
            ("Server", "demo-gateway/1.0".to_owned()),
            ("Via", "1.1 demo-gateway".to_owned()),
        ],
        gateway_page(502, "Bad Gateway"),
    )
}

#[derive(Deserialize)]
struct Millis {
    ms: Option<u64>,
}

async fn gateway_timeout(Query(q): Query<Millis>) -> Response {
    tokio::time::sleep(Duration::from_millis(q.ms.unwrap_or(1500).min(120_000))).await;
    reply(
        504,
        "text/html",
        &[
            ("Server", "demo-gateway/1.0".to_owned()),
            ("Via", "1.1 demo-gateway".to_owned()),
        ],
        gateway_page(504, "Gateway Time-out"),
    )
}

async fn maintenance() -> Response {
    let until = SystemTime::now() + Duration::from_secs(120);
    json_reply(
        503,
        &[("Retry-After", httpdate::fmt_http_date(until))],
        &json!({"error": "maintenance", "message": "Scheduled maintenance: back in about two minutes."}),
    )
}

#[derive(serde::Deserialize)]
struct Flaky {
    /// How many calls fail before one succeeds (then it starts over).
    fails: Option<u64>,
    /// The Retry-After of a failing call, in seconds.
    after: Option<u64>,
}

/// Unavailable `fails` times, then fine once, over and over: what `run --retry` is for.
async fn flaky(State(demo): State<Arc<Demo>>, Query(q): Query<Flaky>) -> Response {
    let fails = q.fails.unwrap_or(2).min(100);
    let call = demo.flaky_calls.fetch_add(1, Ordering::Relaxed);
    if call % (fails + 1) == fails {
        return json_reply(200, &[], &json!({"ok": true, "calls": call + 1}));
    }
    let after = q.after.unwrap_or(1).min(60);
    json_reply(
        503,
        &[("Retry-After", after.to_string())],
        &json!({"error": "unavailable", "message": format!("Busy: try again in {after} s.")}),
    )
}

async fn proxy_auth() -> Response {
    reply(
        407,
        "text/html",
        &[
            ("Proxy-Authenticate", "Basic realm=\"demo-proxy\"".to_owned()),
            ("Via", "1.1 demo-proxy".to_owned()),
            ("Server", "demo-proxy/1.0".to_owned()),
        ],
        "<html><body><h1>407 Proxy Authentication Required</h1></body></html>",
    )
}

async fn slow(Query(q): Query<Millis>) -> Response {
    let ms = q.ms.unwrap_or(2000).min(120_000);
    tokio::time::sleep(Duration::from_millis(ms)).await;
    json_reply(200, &[], &json!({"waited_ms": ms}))
}

#[derive(Deserialize)]
struct Megabytes {
    mb: Option<u64>,
}

/// `mb` megabytes of JSON, streamed in chunks so the demo never holds it all.
async fn big(Query(q): Query<Megabytes>) -> Response {
    const ITEM_BYTES: usize = 1000;
    let mb = q.mb.unwrap_or(5).min(1024);
    let items = usize::try_from(mb * 1_000_000).unwrap_or(usize::MAX) / ITEM_BYTES;
    let pad = "x".repeat(ITEM_BYTES - 120);
    let chunks = (0..items).step_by(1000).map(move |start| {
        let mut chunk = String::with_capacity(1000 * ITEM_BYTES);
        if start == 0 {
            let _ = write!(chunk, "{{\"count\":{items},\"items\":[");
        }
        for i in start..(start + 1000).min(items) {
            if i > 0 {
                chunk.push(',');
            }
            let _ = write!(
                chunk,
                "{{\"id\":{i},\"name\":\"item {i}\",\"tags\":[\"demo\",\"big\"],\"active\":{},\"score\":{}.5,\"payload\":\"{pad}\"}}",
                i % 2 == 0,
                i % 100
            );
        }
        if start + 1000 >= items {
            chunk.push_str("]}");
        }
        Ok::<_, std::io::Error>(Bytes::from(chunk))
    });
    let body = if items == 0 {
        Body::from("{\"count\":0,\"items\":[]}")
    } else {
        Body::from_stream(futures_util::stream::iter(chunks))
    };
    reply(200, "application/json", &[], body)
}

async fn redirect_loop() -> Response {
    Response::builder()
        .status(StatusCode::FOUND)
        .header("Location", "/v1/redirect-loop")
        .body(Body::empty())
        .expect("a redirect is well-formed")
}

/// Text full of terminal control sequences: a screen clear, colours, a window-title change,
/// an OSC 52 clipboard write, a hyperlink and a bell. apibench must show all of it inert.
async fn escape() -> Response {
    let body = concat!(
        "Terminal escape test\n",
        "\x1b[2J\x1b[H",
        "\x1b[31mred text\x1b[0m and \x1b[1;5mbold blinking\x1b[0m\n",
        "\x1b]0;pwned window title\x07",
        "\x1b]52;c;ZWNobyBwd25lZA==\x07",
        "\x1b]8;;https://example.com\x1b\\a hyperlink\x1b]8;;\x1b\\\n",
        "bell:\x07 backspace:ab\x08\x08 carriage return:\rOVERWRITE\n",
        "\x1bP+q544e\x1b\\",
        "end\n"
    );
    reply(200, "text/plain; charset=utf-8", &[], body)
}

/// Shows the request as the server received it: method, URI, headers in order, body.
async fn echo(method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    use base64::Engine as _;
    let header_list: Vec<[String; 2]> = headers
        .iter()
        .map(|(n, v)| {
            [
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            ]
        })
        .collect();
    let (text, base64) = match std::str::from_utf8(&body) {
        Ok(text) => (Some(text.to_owned()), None),
        Err(_) => (
            None,
            Some(base64::engine::general_purpose::STANDARD.encode(&body)),
        ),
    };
    json_reply(
        200,
        &[],
        &json!({
            "method": method.as_str(),
            "uri": uri.to_string(),
            "headers": header_list,
            "body": text,
            "body_base64": base64,
        }),
    )
}

async fn not_found(method: Method, uri: Uri) -> Response {
    let path = uri.path();
    let hint = if path.starts_with("/v1/") || path == "/v1" {
        "Check the path against GET / for the list of endpoints."
    } else {
        "This API only has version v1 (paths start with /v1/)."
    };
    json_reply(
        404,
        &[],
        &json!({"error": "not_found", "message": format!("No route for {method} {path}. {hint}")}),
    )
}
