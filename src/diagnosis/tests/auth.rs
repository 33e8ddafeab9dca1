//! 401, 403 and 407.

use super::{Check, Ex, case, check, diag, run, run_absent};
use crate::diagnosis::Verdict::{Fail, Pass, Unknown};

const API: &str = "https://api.example.com/v1/me";

fn jwt(payload: &str) -> String {
    use base64::Engine as _;
    let e = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    format!(
        "{}.{}.c2lnbmF0dXJl",
        e(r#"{"alg":"HS256","typ":"JWT"}"#),
        e(payload)
    )
}

fn unauthorized() -> Ex {
    Ex::get(API)
        .status(401)
        .res("www-authenticate", "Bearer realm=\"api\"")
}

#[test]
fn creds_sent() {
    run(vec![
        case(
            "nothing sent",
            unauthorized(),
            "401.creds-sent",
            Fail,
            "no Authorization header",
        ),
        case(
            "bearer sent",
            unauthorized().header("Authorization", "Bearer abcdefghijklmnopqrstuvwxyz"),
            "401.creds-sent",
            Pass,
            "Authorization: Bearer abcd…wxyz (26 chars) was sent",
        ),
        case(
            "api key header",
            unauthorized().header("X-API-Key", "k"),
            "401.creds-sent",
            Pass,
            "X-API-Key",
        ),
        case(
            "key in query",
            Ex::get("https://api.example.com/v1/me?api_key=0123456789abcdef0").status(401),
            "401.creds-sent",
            Pass,
            "query parameter api_key",
        ),
        case(
            "password in body",
            Ex::post_json(API, r#"{"username":"u","password":"hunter2"}"#).status(401),
            "401.creds-sent",
            Pass,
            "password: **** (7 chars)",
        ),
    ]);
}

#[test]
fn challenge() {
    run(vec![
        case(
            "bare challenge, nothing sent",
            unauthorized(),
            "401.challenge",
            Pass,
            "carries no error code",
        ),
        case(
            "invalid_token",
            Ex::get(API).status(401).header("Authorization", "Bearer x").res(
                "www-authenticate",
                "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired\"",
            ),
            "401.challenge",
            Fail,
            "error=\"invalid_token\", error_description=\"expired\" — the token is expired",
        ),
        case(
            "digest stale",
            Ex::get(API).status(401).res(
                "www-authenticate",
                "Digest realm=\"x\", nonce=\"abc\", stale=true",
            ),
            "401.challenge",
            Fail,
            "stale=true",
        ),
        case(
            "dpop nonce",
            Ex::get(API)
                .status(401)
                .res("www-authenticate", "DPoP error=\"use_dpop_nonce\""),
            "401.challenge",
            Fail,
            "resend the DPoP proof",
        ),
        case(
            "no header",
            Ex::get(API).status(401),
            "401.challenge",
            Unknown,
            "No WWW-Authenticate header",
        ),
        case(
            "no header, OAuth body: the challenge has nothing to say",
            Ex::post_json(API, r#"{"password":"x"}"#)
                .status(401)
                .json(r#"{"error":"invalid_grant","error_description":"Wrong password"}"#),
            "401.challenge",
            Unknown,
            "the body is the only explanation",
        ),
        case(
            "no header, OAuth body: the stated reason quotes the body",
            Ex::post_json(API, r#"{"password":"x"}"#)
                .status(401)
                .json(r#"{"error":"invalid_grant","error_description":"Wrong password"}"#),
            "C.stated-reason",
            Fail,
            "Server says \"Wrong password\" (invalid_grant) in the body (OAuth 2.0 error)",
        ),
        case(
            "bare challenge, OAuth body",
            unauthorized().json(r#"{"error":"invalid_grant","error_description":"Wrong password"}"#),
            "401.challenge",
            Fail,
            "Wrong password",
        ),
    ]);
}

#[test]
fn scheme_match() {
    run(vec![
        case(
            "basic vs bearer",
            unauthorized().header("Authorization", "Basic dXNlcjpwYXNz"),
            "401.scheme-match",
            Fail,
            "You sent Basic; server challenges only Bearer (realm=\"api\")",
        ),
        case(
            "bearer vs bearer",
            unauthorized().header("Authorization", "bearer abc"),
            "401.scheme-match",
            Pass,
            "server challenges Bearer",
        ),
        case(
            "no challenge",
            Ex::get(API).status(401).header("Authorization", "Bearer abc"),
            "401.scheme-match",
            Unknown,
            "named no scheme",
        ),
    ]);
    run_absent(vec![("nothing sent", unauthorized(), "401.scheme-match")]);
}

#[test]
fn credential_shape() {
    run(vec![
        case(
            "repeated scheme",
            unauthorized().header("Authorization", "Bearer Bearer abc"),
            "401.credential-shape",
            Fail,
            "repeats the scheme",
        ),
        case(
            "empty token",
            unauthorized().header("Authorization", "Bearer "),
            "401.credential-shape",
            Fail,
            "empty credential",
        ),
        case(
            "colon",
            unauthorized().header("Authorization", "Bearer: abc"),
            "401.credential-shape",
            Fail,
            "no colon belongs after the scheme",
        ),
        case(
            "quoted",
            unauthorized().header("Authorization", "Bearer \"abc\""),
            "401.credential-shape",
            Fail,
            "wrapped in quotes",
        ),
        case(
            "basic not base64",
            unauthorized().header("Authorization", "Basic ###"),
            "401.credential-shape",
            Fail,
            "not valid base64",
        ),
        case(
            "basic in clear",
            unauthorized().header("Authorization", "Basic user:pass"),
            "401.credential-shape",
            Fail,
            "in clear",
        ),
        case(
            "basic without colon",
            unauthorized().header("Authorization", "Basic dXNlcg=="),
            "401.credential-shape",
            Fail,
            "decode to \"user\" with no \":\"",
        ),
        case(
            "well formed",
            unauthorized().header("Authorization", "Bearer abc.def-ghi"),
            "401.credential-shape",
            Pass,
            "is well-formed",
        ),
    ]);
}

#[test]
fn token_time() {
    let expired = jwt(&format!(r#"{{"exp":{}}}"#, super::T0 - 3600));
    let valid = jwt(&format!(r#"{{"exp":{}}}"#, super::T0 + 3600));
    let future = jwt(&format!(
        r#"{{"nbf":{},"exp":{}}}"#,
        super::T0 + 600,
        super::T0 + 3600
    ));
    run(vec![
        case(
            "expired",
            unauthorized().header("Authorization", &format!("Bearer {expired}")),
            "401.token-time",
            Fail,
            "Token expired at 2026-11-25 11:00:00 (1 h ago)",
        ),
        case(
            "valid",
            unauthorized().header("Authorization", &format!("Bearer {valid}")),
            "401.token-time",
            Pass,
            "Token valid until 2026-11-25 13:00:00",
        ),
        case(
            "not yet",
            unauthorized().header("Authorization", &format!("Bearer {future}")),
            "401.token-time",
            Fail,
            "not valid before 2026-11-25 12:10:00",
        ),
        case(
            "opaque",
            unauthorized().header("Authorization", "Bearer opaque-token"),
            "401.token-time",
            Unknown,
            "opaque",
        ),
        case(
            "expired by the server's clock",
            unauthorized()
                .header(
                    "Authorization",
                    &format!("Bearer {}", jwt(&format!(r#"{{"exp":{}}}"#, super::T0 + 30))),
                )
                .res("date", "Wed, 25 Nov 2026 12:05:00 GMT"),
            "401.token-time",
            Fail,
            "compared with the server's Date",
        ),
    ]);
}

/// The same rule answers on a 401 and on a 403.
#[test]
fn audience() {
    let other = jwt(r#"{"aud":"https://billing.example.com"}"#);
    let same = jwt(r#"{"aud":["https://api.example.com"]}"#);
    let bearer = |status: u16, token: &str| {
        Ex::get(API)
            .status(status)
            .header("Authorization", &format!("Bearer {token}"))
    };
    for (status, id) in [(401, "401.audience"), (403, "403.audience")] {
        run(vec![
            case(
                "other aud",
                bearer(status, &other),
                id,
                Fail,
                "aud=\"https://billing.example.com\" but the request goes to api.example.com",
            ),
            case(
                "same aud",
                bearer(status, &same),
                id,
                Pass,
                "matches api.example.com",
            ),
            case("no aud", bearer(status, &jwt("{}")), id, Unknown, "no aud claim"),
            case(
                "stripe key",
                bearer(status, "sk_test_abc"),
                id,
                Pass,
                "Stripe test-mode",
            ),
        ]);
        run_absent(vec![("opaque token", bearer(status, "opaque-token"), id)]);
    }
}

#[test]
fn survived_redirect() {
    let mut stripped = super::hop(
        "GET",
        "https://api.example.com/v1/me",
        301,
        "https://auth.example.net/v1/me",
    );
    stripped.stripped_headers = vec!["Authorization".into()];
    run(vec![
        case(
            "stripped",
            Ex::get("https://auth.example.net/v1/me")
                .status(401)
                .hop(stripped),
            "401.survived-redirect",
            Fail,
            "dropped at hop 1 (api.example.com → auth.example.net)",
        ),
        case(
            "same origin",
            Ex::get("https://api.example.com/v2/me")
                .status(401)
                .hop(super::hop("GET", API, 308, "https://api.example.com/v2/me")),
            "401.survived-redirect",
            Pass,
            "same origin",
        ),
    ]);
}

fn forbidden() -> Ex {
    Ex::get("https://api.example.com/v1/admin")
        .status(403)
        .header("Authorization", "Bearer opaque-token")
}

#[test]
fn forbidden_checks() {
    run(vec![
        case(
            "insufficient scope, opaque token",
            forbidden().res(
                "www-authenticate",
                "Bearer error=\"insufficient_scope\", scope=\"admin\"",
            ),
            "403.scope",
            Fail,
            "requires scope admin",
        ),
        case(
            "github scopes",
            forbidden()
                .res("x-accepted-oauth-scopes", "repo, admin:org")
                .res("x-oauth-scopes", "repo"),
            "403.scope",
            Fail,
            "missing admin:org",
        ),
        case(
            "github scopes present",
            forbidden()
                .res("x-accepted-oauth-scopes", "repo")
                .res("x-oauth-scopes", "repo, gist"),
            "403.scope",
            Pass,
            "token grants repo and gist",
        ),
        case(
            "anonymous",
            Ex::get("https://api.example.com/x").status(403),
            "403.creds",
            Fail,
            "may use 403 for unauthenticated",
        ),
        case(
            "credentials",
            forbidden(),
            "403.creds",
            Pass,
            "Authorization: Bearer",
        ),
        case(
            "github rate limit",
            forbidden()
                .res("x-ratelimit-limit", "60")
                .res("x-ratelimit-remaining", "0")
                .res("x-ratelimit-reset", &(super::T0 + 600).to_string()),
            "403.rate-limited",
            Fail,
            "this 403 is a rate limit",
        ),
        case(
            "rate text",
            forbidden().json(r#"{"message":"You have exceeded a secondary rate limit"}"#),
            "403.rate-limited",
            Fail,
            "mentions a rate limit",
        ),
        case(
            "quota left",
            forbidden().res("x-ratelimit-remaining", "42"),
            "403.rate-limited",
            Pass,
            "42 requests left",
        ),
        case(
            "cloudflare block",
            forbidden()
                .res("server", "cloudflare")
                .res("cf-ray", "8a1b2c3d4e5f-AMS")
                .res("content-type", "text/html")
                .res_body("<html><title>Access denied | Error 1020</title></html>"),
            "403.edge-block",
            Fail,
            "Blocked by Cloudflare",
        ),
        case(
            "app json",
            forbidden().json(r#"{"error":"forbidden"}"#),
            "403.edge-block",
            Pass,
            "API's own body",
        ),
        case(
            "github without UA",
            Ex::get("https://api.github.com/user")
                .without("user-agent")
                .status(403),
            "403.user-agent",
            Fail,
            "GitHub rejects",
        ),
        case(
            "aws missing token",
            forbidden().json(r#"{"message":"Missing Authentication Token"}"#),
            "403.aws",
            Fail,
            "no route matches GET /v1/admin",
        ),
        case(
            "csrf",
            Ex::post_json("https://app.example.com/api/x", "{}")
                .header("Cookie", "sessionid=a; csrftoken=b")
                .status(403),
            "403.csrf",
            Fail,
            "cookie \"csrftoken\" exists",
        ),
        case(
            "csrf echoed",
            Ex::post_json("https://app.example.com/api/x", "{}")
                .header("Cookie", "csrftoken=b")
                .header("X-CSRFToken", "b")
                .status(403),
            "403.csrf",
            Pass,
            "both sent",
        ),
    ]);
    run_absent(vec![
        ("no scope info", forbidden(), "403.scope"),
        (
            "GET has no csrf",
            Ex::get("https://app.example.com/")
                .header("Cookie", "csrftoken=b")
                .status(403),
            "403.csrf",
        ),
    ]);
}

fn proxy() -> Ex {
    Ex::get("http://api.example.com/")
        .status(407)
        .res("proxy-authenticate", "Basic realm=\"corp\"")
        .res("via", "1.1 corp-proxy")
}

#[test]
fn proxy_auth_required() {
    let mut via_env = proxy();
    via_env.proxy = crate::http::proxy_setting(&url::Url::parse("http://10.1.2.3/").unwrap(), &|n| {
        (n == "HTTP_PROXY").then(|| "http://proxy:3128".to_owned())
    })
    .unwrap();
    via_env.url = "http://10.1.2.3/".into();
    run(vec![
        case(
            "no proxy configured",
            proxy(),
            "407.proxy-source",
            Unknown,
            "a transparent or intercepting proxy",
        ),
        case(
            "proxy from env",
            via_env.clone(),
            "407.proxy-source",
            Fail,
            "from env HTTP_PROXY",
        ),
        case(
            "no creds",
            proxy(),
            "407.creds-sent",
            Fail,
            "No Proxy-Authorization",
        ),
        case(
            "creds",
            proxy().header("Proxy-Authorization", "Basic dXNlcjpwYXNz"),
            "407.creds-sent",
            Pass,
            "Proxy-Authorization: Basic",
        ),
        case(
            "basic offered",
            proxy(),
            "407.scheme-supported",
            Pass,
            "Basic works",
        ),
        case(
            "only negotiate",
            Ex::get("http://x/")
                .status(407)
                .res("proxy-authenticate", "Negotiate")
                .res("proxy-authenticate", "NTLM"),
            "407.scheme-supported",
            Fail,
            "only Basic is supported",
        ),
        case(
            "no challenge",
            Ex::get("http://x/").status(407),
            "407.scheme-supported",
            Unknown,
            "No Proxy-Authenticate",
        ),
        case(
            "internal host proxied",
            via_env,
            "407.no-proxy",
            Fail,
            "10.1.2.3 looks internal",
        ),
    ]);
}

#[test]
fn the_demo_get_me_401_leads_with_missing_credentials() {
    let list = diag(&unauthorized().json(r#"{"error":"missing_token"}"#));
    assert_eq!(list.first_failure().map(Check::id), Some("401.creds-sent"));
    assert_eq!(list.title, "401 Unauthorized");
    assert_eq!(check(&list, "401.challenge").verdict, Pass);
}

/// `OAuth` is the name Facebook's Graph API gives the bearer scheme in its challenge.
#[test]
fn an_oauth_challenge_accepts_a_bearer_token() {
    let ex = unauthorized().header("Authorization", "Bearer EAAG").res(
        "www-authenticate",
        "OAuth \"Facebook Platform\" \"invalid_token\" \"Error validating access token\"",
    );
    assert_eq!(check(&diag(&ex), "401.scheme-match").verdict, Pass);
}

/// A server that names an error about the credential, or states a reason of its own that
/// is not about the scheme, got past the scheme: the mismatch is only possible, and the
/// server's words lead.
#[test]
fn a_scheme_mismatch_yields_to_a_server_that_read_the_credential() {
    let otp = Ex::get(API)
        .status(401)
        .header("Authorization", "Bearer npm_0123456789abcdef")
        .res("www-authenticate", "OTP")
        .json(r#"{"error":"You must provide a one-time pass."}"#);
    let list = diag(&otp);
    assert_eq!(list.first_failure().map(Check::id), Some("C.stated-reason"));
    assert!(
        check(&list, "401.scheme-match")
            .evidence
            .contains("not about the scheme")
    );
    let named = Ex::get(API)
        .status(401)
        .header("Authorization", "Bearer abc.def")
        .res("www-authenticate", "Token error=\"Token expired\"");
    let named = diag(&named);
    let c = check(&named, "401.scheme-match");
    assert!(
        c.evidence.contains("names an error about the credential"),
        "{}",
        c.evidence
    );
    let plain = Ex::get(API)
        .status(401)
        .header("Authorization", "Bearer abc.def")
        .res("www-authenticate", "Basic realm=\"api\"");
    assert_eq!(
        diag(&plain).first_failure().map(Check::id),
        Some("401.scheme-match")
    );
}

/// "Credentials were not provided" to a credential that was sent is what an unread scheme
/// looks like: the mismatch stays the lead.
#[test]
fn a_server_that_saw_no_credential_keeps_the_scheme_mismatch_first() {
    let drf = Ex::get(API)
        .status(401)
        .header("Authorization", "Bearer 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b")
        .res("www-authenticate", "Token")
        .json(r#"{"detail":"Authentication credentials were not provided."}"#);
    assert_eq!(
        diag(&drf).first_failure().map(Check::id),
        Some("401.scheme-match")
    );
}

/// A bare key in Authorization: the server's own form when it accepts it; on a 401 its
/// missing scheme is the likely reason — and the key is never quoted whole as a "scheme".
#[test]
fn a_bare_key_refused_with_401_is_missing_its_scheme() {
    let key = "HRKU-AAmT0y3c2Xq9vR8wL1pZ5nK7bF4hD6jS0gE3uY2iO9aC";
    let refused = Ex::get(API)
        .status(401)
        .header("Authorization", key)
        .json(r#"{"id":"unauthorized","message":"Invalid credentials provided."}"#);
    let list = diag(&refused);
    assert_eq!(list.first_failure().map(Check::id), Some("401.credential-shape"));
    assert!(
        list.checks.iter().all(|c| !c.evidence.contains(key)),
        "the key is masked everywhere: {list:#?}"
    );
    let accepted = Ex::get(API).status(200).header("Authorization", key).json("{}");
    assert_eq!(diag(&accepted).first_failure().map(Check::id), None);
}
