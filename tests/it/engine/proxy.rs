//! Proxies from the environment's settings: used and recorded with the password masked,
//! bypassed by `NO_PROXY`, and refused before sending when the setting cannot be used.

use apibench::http::{Engine, FailureKind, Phase, ResolvedRequest};

use super::{failure, response};
use crate::support::demo;

#[tokio::test]
async fn a_proxy_setting_that_cannot_be_used_fails_before_sending_without_showing_its_password() {
    let server = demo::start().await;
    server.expect_no_calls();
    for (value, expected) in [
        (
            "http://me:s3cret@[::1",
            "the proxy setting HTTP_PROXY is a value with credentials",
        ),
        (
            "socks5://me:s3cret@proxy:1080",
            "only http and https proxies are supported",
        ),
    ] {
        let engine = Engine::with_proxy_vars([("HTTP_PROXY", value)]);
        let outcome = engine
            .send(&ResolvedRequest::get(format!("{}/v1/users", server.base_url())))
            .await;
        let f = failure(&outcome);
        assert_eq!((f.kind, f.phase), (FailureKind::Other, Phase::Build), "{value}");
        assert!(f.message.contains(expected), "{value}: {}", f.message);
        assert!(
            !format!("{f:?}").contains("s3cret"),
            "{value}: the password leaked"
        );
        assert!(f.request.is_some(), "the request it would have sent is kept");
    }
}

#[tokio::test]
async fn a_request_goes_through_the_proxy_from_the_settings_and_records_it() {
    // The demo API routes on the path, so it answers an absolute-form request for a host
    // that does not even resolve: only a proxy could have delivered it.
    let proxy = demo::start().await;
    let engine = Engine::with_proxy_vars([
        ("http_proxy", format!("http://me:s3cret@{}", proxy.addr())),
        ("no_proxy", "localhost".to_owned()),
    ]);
    let outcome = engine
        .send(&ResolvedRequest::get("http://api.example.invalid/v1/users"))
        .await;
    let exchange = response(&outcome);
    assert_eq!(exchange.response.status(), 200);
    assert_eq!(exchange.response.head.remote_addr, Some(proxy.addr()));
    let used = exchange.request.proxy.as_ref().expect("the proxy is recorded");
    assert_eq!(used.source, "http_proxy");
    assert_eq!(used.url, format!("http://me:****@{}/", proxy.addr()));
    assert!(used.has_credentials);

    let direct = engine
        .send(&ResolvedRequest::get(format!(
            "http://localhost:{}/v1/users",
            proxy.addr().port()
        )))
        .await;
    assert!(
        response(&direct).request.proxy.is_none(),
        "NO_PROXY sends localhost direct"
    );

    // What the proxy received: the request for the other host with the proxy's credentials,
    // then the direct one without them.
    let calls = proxy.calls();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert_eq!(calls[0].header("host"), Some("api.example.invalid"));
    assert_eq!(
        calls[0].header("proxy-authorization"),
        Some("Basic bWU6czNjcmV0"),
        "me:s3cret"
    );
    assert_eq!(
        calls[1].header("host"),
        Some(format!("localhost:{}", proxy.addr().port()).as_str())
    );
    assert_eq!(calls[1].header("proxy-authorization"), None);
}

#[tokio::test]
async fn a_proxy_that_refuses_the_connection_is_blamed_not_the_target() {
    let port = crate::support::servers::closed_port();
    let target = demo::start().await;
    target.expect_no_calls();
    let engine = Engine::with_proxy_vars([("HTTP_PROXY", format!("http://me:s3cret@127.0.0.1:{port}"))]);
    let outcome = engine
        .send(&ResolvedRequest::get(format!("{}/v1/users", target.base_url())))
        .await;
    let f = failure(&outcome);
    assert_eq!(f.kind, FailureKind::Connect);
    assert!(
        f.message
            .contains(&format!("connection refused by 127.0.0.1:{port}")),
        "the proxy's address: {}",
        f.message
    );
    assert!(f.message.contains("the proxy set by HTTP_PROXY"), "{}", f.message);
    assert!(!format!("{f:?}").contains("s3cret"), "the password leaked");
}
