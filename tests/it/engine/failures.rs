//! Every way a send can fail, classified by kind and phase with what is known kept: refused,
//! timed out, redirect loops, bodies too large or undecodable, DNS, TLS, resets, invalid
//! requests that never leave, and an aborted send closing its connection.

use std::time::Duration;

use apibench::http::{Engine, FailureKind, Phase, ResolvedRequest};

use super::{failure, send_get};
use crate::support::demo;
use crate::support::servers::{closed_port, raw_server, stalling_server};

#[tokio::test]
async fn connection_refused_is_a_connect_failure_with_the_addresses_tried() {
    let port = closed_port();
    let outcome = send_get(format!("http://127.0.0.1:{port}/")).await;
    let f = failure(&outcome);
    assert_eq!(f.kind, FailureKind::Connect);
    assert_eq!(f.phase, Phase::Connect);
    assert_eq!(f.io_kind, Some(std::io::ErrorKind::ConnectionRefused));
    assert!(f.message.contains("refused"), "{}", f.message);
    assert_eq!(f.resolved.len(), 1);
    assert!(!f.chain.is_empty());
}

#[tokio::test]
async fn a_short_timeout_on_a_slow_endpoint_times_out_waiting_for_the_response() {
    let server = demo::start().await;
    let mut request = ResolvedRequest::get(format!("{}/v1/slow?ms=5000", server.base_url()));
    request.options.timeout = Duration::from_millis(200);
    let outcome = Engine::new().send(&request).await;
    let f = failure(&outcome);
    assert_eq!(f.kind, FailureKind::Timeout);
    assert_eq!(f.phase, Phase::WaitingForResponse);
    assert_eq!(f.limit, Some(Duration::from_millis(200)));
    assert!(
        f.timing.total < Duration::from_secs(4),
        "gave up after {:?}",
        f.timing.total
    );
    server.expect("GET", "/v1/slow", 1); // and not retried
}

#[tokio::test]
async fn a_redirect_loop_stops_after_the_limit_with_every_hop_recorded() {
    let server = demo::start().await;
    let outcome = send_get(format!("{}/v1/redirect-loop", server.base_url())).await;
    let f = failure(&outcome);
    assert_eq!(f.kind, FailureKind::RedirectLoop);
    assert_eq!(f.hops.len(), apibench::http::DEFAULT_MAX_REDIRECTS + 1);
    assert!(f.hops.iter().all(|h| h.response.status == 302));
    assert!(f.message.contains("loop"), "{}", f.message);
    server.expect("GET", "/v1/redirect-loop", f.hops.len()); // each hop one request
}

#[tokio::test]
async fn a_body_over_the_cap_is_body_too_large_with_the_head_kept() {
    let server = demo::start().await;
    let mut request = ResolvedRequest::get(format!("{}/v1/big?mb=3", server.base_url()));
    request.options.max_body = 1_000_000;
    let outcome = Engine::new().send(&request).await;
    let f = failure(&outcome);
    assert_eq!(f.kind, FailureKind::BodyTooLarge);
    assert_eq!(f.phase, Phase::ReadingBody);
    assert_eq!(f.response.as_ref().map(|r| r.status), Some(200));
}

#[tokio::test]
async fn a_name_that_cannot_resolve_is_a_dns_failure() {
    let outcome = send_get("http://no-such-host.invalid/").await;
    let f = failure(&outcome);
    assert_eq!(f.kind, FailureKind::Dns, "{f:#?}");
    assert!(f.message.contains("no-such-host.invalid"), "{}", f.message);
}

#[tokio::test]
async fn tls_to_a_plain_http_port_is_a_tls_failure() {
    let server = demo::start().await;
    let outcome = send_get(format!("https://{}/v1/users", server.addr())).await;
    let f = failure(&outcome);
    assert_eq!(f.kind, FailureKind::Tls, "{f:#?}");
}

#[tokio::test]
async fn a_server_that_closes_the_connection_is_a_reset() {
    // Reads the request, then hangs up without answering.
    let addr = raw_server(b"").await;
    let outcome = send_get(format!("http://{addr}/")).await;
    let f = failure(&outcome);
    assert_eq!(f.kind, FailureKind::Reset, "{f:#?}");
    assert_eq!(f.phase, Phase::WaitingForResponse);
}

#[tokio::test]
async fn invalid_urls_and_header_values_fail_before_sending() {
    let server = demo::start().await;
    server.expect_no_calls();
    let reachable = server.base_url();
    for (url, header) in [
        ("not a url", ("X", "1")),
        ("ftp://example.com/", ("X", "1")),
        (reachable.as_str(), ("X", "line\nbreak")),
        (reachable.as_str(), ("Bad Name", "1")),
    ] {
        let mut request = ResolvedRequest::get(url);
        request.headers = vec![(header.0.to_owned(), header.1.to_owned())];
        let outcome = Engine::new().send(&request).await;
        let f = failure(&outcome);
        assert_eq!(
            (f.kind, f.phase),
            (FailureKind::InvalidUrl, Phase::Build),
            "{url} {header:?}: {}",
            f.message
        );
    }
}

#[tokio::test]
async fn an_invalid_header_value_names_the_header_and_the_first_bad_character() {
    let server = demo::start().await;
    server.expect_no_calls();
    let mut request = ResolvedRequest::get(server.base_url());
    // The tab is allowed; the line break after it is what breaks the header.
    request.headers = vec![("X-Note".to_owned(), "a\tb\nc".to_owned())];
    let outcome = Engine::new().send(&request).await;
    let f = failure(&outcome);
    assert_eq!((f.kind, f.phase), (FailureKind::InvalidUrl, Phase::Build));
    assert_eq!(
        f.message,
        "the value of header `X-Note` contains a control character (line break?) at position 3"
    );
    assert!(
        f.request
            .as_ref()
            .is_some_and(|r| r.header("x-note") == Some("a\tb\nc")),
        "the request as it would have gone is kept"
    );
}

#[tokio::test]
async fn a_timeout_while_reading_the_body_keeps_the_head_and_when_it_arrived() {
    let addr = stalling_server().await;
    let mut request = ResolvedRequest::get(format!("http://{addr}/"));
    request.options.timeout = Duration::from_millis(300);
    let outcome = Engine::new().send(&request).await;
    let f = failure(&outcome);
    assert_eq!((f.kind, f.phase), (FailureKind::Timeout, Phase::ReadingBody));
    assert_eq!(f.limit, Some(Duration::from_millis(300)));
    assert_eq!(f.response.as_ref().map(|h| h.status), Some(200));
    let headers_after = f
        .timing
        .headers_after
        .expect("the head arrived, so its time is known");
    assert!(headers_after < f.timing.total, "{:?}", f.timing);
}

#[tokio::test]
async fn a_body_that_does_not_decode_is_a_decode_failure_with_the_head_kept() {
    let addr =
        raw_server(b"HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: 11\r\n\r\nnot gzipped")
            .await;
    let outcome = send_get(format!("http://{addr}/")).await;
    let f = failure(&outcome);
    assert_eq!(
        (f.kind, f.phase),
        (FailureKind::Other, Phase::ReadingBody),
        "{f:#?}"
    );
    assert!(
        f.message.starts_with("the body could not be decoded as gzip: "),
        "the decoder's reason is kept: {}",
        f.message
    );
    assert!(
        f.chain.is_empty(),
        "no error behind it: the message is the whole story"
    );
    assert_eq!(f.response.as_ref().map(|h| h.status), Some(200));
    assert!(f.timing.headers_after.is_some());
}

#[tokio::test]
async fn a_connection_closed_in_the_middle_of_the_body_is_a_reset_while_reading_it() {
    let addr = raw_server(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly part").await;
    let outcome = send_get(format!("http://{addr}/")).await;
    let f = failure(&outcome);
    assert_eq!(
        (f.kind, f.phase),
        (FailureKind::Reset, Phase::ReadingBody),
        "{f:#?}"
    );
    assert_eq!(f.response.as_ref().map(|h| h.status), Some(200));
    assert!(!f.chain.is_empty());
}

#[tokio::test]
async fn aborting_a_send_in_flight_closes_its_connection() {
    use tokio::io::AsyncReadExt;
    use tokio::sync::oneshot;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (arrived_tx, arrived) = oneshot::channel();
    let (closed_tx, closed) = oneshot::channel();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        let _ = socket.read(&mut buf).await;
        arrived_tx.send(()).unwrap();
        // Never answer; the read ends when the client hangs up.
        while socket.read(&mut buf).await.is_ok_and(|n| n > 0) {}
        closed_tx.send(()).unwrap();
    });
    let task = tokio::spawn(async move { send_get(format!("http://{addr}/")).await });
    tokio::time::timeout(Duration::from_secs(5), arrived)
        .await
        .expect("the request reaches the server")
        .unwrap();
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    tokio::time::timeout(Duration::from_secs(5), closed)
        .await
        .expect("the connection closes once the send is aborted")
        .unwrap();
}
