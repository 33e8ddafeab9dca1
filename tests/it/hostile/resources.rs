//! Servers that try to exhaust apibench: a gzip bomb (a small body that decodes to far more
//! than `max_body`), and a server that accepts and then says nothing. Each must end, on
//! time, as a classified failure, never as memory or a hang.

use std::io::Write as _;
use std::time::Duration;

use apibench::http::{Engine, FailureKind, Outcome, Phase, ResolvedRequest};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

#[tokio::test]
async fn a_gzip_bomb_stops_at_max_body_counted_after_decoding() {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&vec![0u8; 32 << 20]).unwrap();
    let bomb = encoder.finish().unwrap();
    assert!(
        bomb.len() < 1 << 20,
        "32 MiB of zeros compress to {} bytes",
        bomb.len()
    );
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-encoding: gzip\r\ncontent-length: {}\r\n\r\n",
        bomb.len()
    );
    let response: &'static [u8] = Box::leak([head.as_bytes(), &bomb].concat().into_boxed_slice());
    let addr = crate::support::servers::raw_server(response).await;
    let mut request = ResolvedRequest::get(format!("http://{addr}/bomb"));
    request.options.max_body = 1 << 20;
    let Outcome::Failure(failure) = Engine::new().send(&request).await else {
        panic!("a body that decodes past max_body is not kept");
    };
    assert_eq!(failure.kind, FailureKind::BodyTooLarge, "{}", failure.message);
    assert!(failure.message.contains("1MiB limit"), "{}", failure.message);
}

#[tokio::test]
async fn a_server_that_accepts_and_never_answers_times_out_on_time() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        // Reads the request, then keeps the connection open without a word.
        while socket.read(&mut buf).await.is_ok_and(|n| n > 0) {}
        let _ = socket.shutdown().await;
    });
    let mut request = ResolvedRequest::get(format!("http://{addr}/silent"));
    request.options.timeout = Duration::from_millis(300);
    let sent = tokio::time::timeout(Duration::from_secs(10), Engine::new().send(&request))
        .await
        .expect("the request's own timeout ends it, long before the test's deadline");
    let Outcome::Failure(failure) = sent else {
        panic!("a silent server gives no response");
    };
    assert_eq!(
        (failure.kind, failure.phase),
        (FailureKind::Timeout, Phase::WaitingForResponse)
    );
}
