//! The HTTP engine against the in-process demo API, over real sockets.

mod common;

use std::time::Duration;

use apibench::demo::DemoServer;
use apibench::http::{Engine, FailureKind, Outcome, Phase, ResolvedRequest};
use base64::Engine as _;
use bytes::Bytes;
use serde_json::Value;

fn response(outcome: &Outcome) -> &apibench::http::Exchange {
    match outcome {
        Outcome::Response(exchange) => exchange,
        Outcome::Failure(failure) => panic!("expected a response, got {failure:#?}"),
    }
}

fn failure(outcome: &Outcome) -> &apibench::http::Failure {
    match outcome {
        Outcome::Failure(failure) => failure,
        Outcome::Response(exchange) => panic!("expected a failure, got {}", exchange.response.status()),
    }
}

/// A plain GET with default options.
async fn send_get(url: impl Into<String>) -> Outcome {
    Engine::new().send(&ResolvedRequest::get(url)).await
}

/// Sends a body to `/v1/echo` and returns what the server says it received.
async fn echo(server: &DemoServer, method: &str, headers: &[(&str, &str)], body: &[u8]) -> (Value, Outcome) {
    let mut request = ResolvedRequest::get(format!("{}/v1/echo", server.base_url()));
    request.method = method.to_owned();
    request.headers = headers
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    request.body = Bytes::copy_from_slice(body);
    let outcome = Engine::new().send(&request).await;
    let json = serde_json::from_slice(&response(&outcome).response.body).expect("echo answers JSON");
    (json, outcome)
}

fn received_header<'a>(echo: &'a Value, name: &str) -> Option<&'a str> {
    echo["headers"]
        .as_array()?
        .iter()
        .find(|pair| pair[0].as_str() == Some(name))
        .and_then(|pair| pair[1].as_str())
}

#[tokio::test]
async fn a_request_records_every_header_the_client_added_and_the_server_saw_them() {
    let server = DemoServer::start(0).await.unwrap();
    let (seen, outcome) = echo(&server, "POST", &[("X-Custom", "1")], br#"{"a":1}"#).await;
    let sent = &response(&outcome).request;
    let names: Vec<&str> = sent.headers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "host",
            "X-Custom",
            "user-agent",
            "accept",
            "accept-encoding",
            "content-length"
        ]
    );
    for (name, value) in &sent.headers {
        assert_eq!(
            received_header(&seen, &name.to_ascii_lowercase()),
            Some(value.as_str()),
            "the server should have received {name} exactly as recorded"
        );
    }
    assert_eq!(seen["body"], r#"{"a":1}"#);
}

#[tokio::test]
async fn binary_bodies_arrive_byte_for_byte() {
    let server = DemoServer::start(0).await.unwrap();
    let bytes: Vec<u8> = (0..=255).collect();
    let (seen, _) = echo(
        &server,
        "PUT",
        &[("Content-Type", "application/octet-stream")],
        &bytes,
    )
    .await;
    let received = base64::engine::general_purpose::STANDARD
        .decode(seen["body_base64"].as_str().unwrap())
        .unwrap();
    assert_eq!(received, bytes);
}

#[tokio::test]
async fn an_empty_post_announces_content_length_zero() {
    let server = DemoServer::start(0).await.unwrap();
    let (seen, _) = echo(&server, "POST", &[], b"").await;
    assert_eq!(received_header(&seen, "content-length"), Some("0"));
}

#[tokio::test]
async fn status_reason_version_and_headers_are_recorded_in_order() {
    let server = DemoServer::start(0).await.unwrap();
    let outcome = send_get(format!("{}/v1/me", server.base_url())).await;
    let exchange = response(&outcome);
    let head = &exchange.response.head;
    assert_eq!(
        (head.status, head.reason.as_str(), head.version.as_str()),
        (401, "Unauthorized", "HTTP/1.1")
    );
    assert_eq!(head.header("www-authenticate"), Some("Bearer realm=\"demo\""));
    assert_eq!(head.headers[0].0, "content-type");
    assert!(exchange.timing.headers_after.is_some());
    assert_eq!(head.remote_addr, Some(server.addr()));
}

#[tokio::test]
async fn connection_refused_is_a_connect_failure_with_the_addresses_tried() {
    let port = common::closed_port();
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
    let server = DemoServer::start(0).await.unwrap();
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
}

#[tokio::test]
async fn a_redirect_loop_stops_after_the_limit_with_every_hop_recorded() {
    let server = DemoServer::start(0).await.unwrap();
    let outcome = send_get(format!("{}/v1/redirect-loop", server.base_url())).await;
    let f = failure(&outcome);
    assert_eq!(f.kind, FailureKind::RedirectLoop);
    assert_eq!(f.hops.len(), apibench::http::DEFAULT_MAX_REDIRECTS + 1);
    assert!(f.hops.iter().all(|h| h.response.status == 302));
    assert!(f.message.contains("loop"), "{}", f.message);
}

#[tokio::test]
async fn not_following_redirects_returns_the_3xx() {
    let server = DemoServer::start(0).await.unwrap();
    let mut request = ResolvedRequest::get(format!("{}/v1/redirect-loop", server.base_url()));
    request.options.follow_redirects = false;
    let outcome = Engine::new().send(&request).await;
    assert_eq!(outcome.status(), Some(302));
}

#[tokio::test]
async fn a_body_over_the_cap_is_body_too_large_with_the_head_kept() {
    let server = DemoServer::start(0).await.unwrap();
    let mut request = ResolvedRequest::get(format!("{}/v1/big?mb=3", server.base_url()));
    request.options.max_body = 1_000_000;
    let outcome = Engine::new().send(&request).await;
    let f = failure(&outcome);
    assert_eq!(f.kind, FailureKind::BodyTooLarge);
    assert_eq!(f.phase, Phase::ReadingBody);
    assert_eq!(f.response.as_ref().map(|r| r.status), Some(200));
}

#[tokio::test]
async fn a_big_body_under_the_cap_arrives_whole_and_parses() {
    let server = DemoServer::start(0).await.unwrap();
    let outcome = send_get(format!("{}/v1/big?mb=2", server.base_url())).await;
    let body = &response(&outcome).response.body;
    assert!(body.len() >= 1_900_000, "{}", body.len());
    let json: Value = serde_json::from_slice(body).unwrap();
    assert_eq!(
        json["items"].as_array().unwrap().len(),
        usize::try_from(json["count"].as_u64().unwrap()).unwrap()
    );
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
    let server = DemoServer::start(0).await.unwrap();
    let outcome = send_get(format!("https://{}/v1/users", server.addr())).await;
    let f = failure(&outcome);
    assert_eq!(f.kind, FailureKind::Tls, "{f:#?}");
}

#[tokio::test]
async fn a_server_that_closes_the_connection_is_a_reset() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        use tokio::io::AsyncReadExt;
        while let Ok((mut socket, _)) = listener.accept().await {
            // Read the request, then hang up without answering.
            let mut buf = [0u8; 1024];
            let _ = socket.read(&mut buf).await;
            drop(socket);
        }
    });
    let outcome = send_get(format!("http://{addr}/")).await;
    let f = failure(&outcome);
    assert_eq!(f.kind, FailureKind::Reset, "{f:#?}");
    assert_eq!(f.phase, Phase::WaitingForResponse);
}

#[tokio::test]
async fn invalid_urls_and_header_values_fail_before_sending() {
    for (url, header) in [
        ("not a url", ("X", "1")),
        ("ftp://example.com/", ("X", "1")),
        ("http://127.0.0.1:1/", ("X", "line\nbreak")),
        ("http://127.0.0.1:1/", ("Bad Name", "1")),
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
    let mut request = ResolvedRequest::get("http://127.0.0.1:1/");
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
async fn a_proxy_setting_that_cannot_be_used_fails_before_sending_without_showing_its_password() {
    let server = DemoServer::start(0).await.unwrap();
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
    let proxy = DemoServer::start(0).await.unwrap();
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
}

#[tokio::test]
async fn gzip_bodies_are_decoded_and_the_wire_size_kept() {
    // A one-route server answering gzip, so decoding is tested on real bytes.
    use axum::{Router, routing::get};
    use tokio::io::AsyncReadExt;
    let plain = "hello ".repeat(1000);
    let mut gz = Vec::new();
    async_compression::tokio::bufread::GzipEncoder::new(plain.as_bytes())
        .read_to_end(&mut gz)
        .await
        .unwrap();
    let gz_len = gz.len() as u64;
    let app = Router::new().route(
        "/",
        get(move || {
            let gz = gz.clone();
            async move { ([("content-encoding", "gzip"), ("content-type", "text/plain")], gz) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let outcome = send_get(format!("http://{addr}/")).await;
    let r = &response(&outcome).response;
    assert_eq!(r.body, plain.as_bytes());
    assert_eq!(r.wire_bytes, gz_len);
    assert_eq!(
        r.header("content-encoding"),
        Some("gzip"),
        "the raw headers are kept"
    );
}

/// A server that answers with a head and part of the body, then stalls until the client
/// hangs up.
async fn stalling_server() -> std::net::SocketAddr {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        let _ = socket.read(&mut buf).await;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 100\r\n\r\npart";
        socket.write_all(head.as_bytes()).await.unwrap();
        while socket.read(&mut buf).await.is_ok_and(|n| n > 0) {}
    });
    addr
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

/// A server that answers every connection with `response` as raw bytes, then hangs up.
async fn raw_server(response: &'static [u8]) -> std::net::SocketAddr {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            let _ = socket.write_all(response).await;
        }
    });
    addr
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

#[tokio::test]
async fn each_body_kind_arrives_as_sent() {
    use apibench::collection::RequestPath;
    use apibench::session::{Session, Workspace};
    let server = DemoServer::start(0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "file part\n").unwrap();
    std::fs::write(dir.path().join("blob.bin"), [0u8, 159, 146, 150, 255]).unwrap();
    let file = dir.path().join("bodies.yaml");
    std::fs::write(
        &file,
        format!(
            r#"
variables: {{ base: "{}/v1/echo", name: Ada }}
requests:
  - name: json
    method: POST
    url: "{{{{ base }}}}"
    body: {{ json: {{ name: "{{{{ name }}}}", tags: [a, b], n: 1.5 }} }}
  - name: text
    method: POST
    url: "{{{{ base }}}}"
    body: {{ text: "hello {{{{ name }}}}", content_type: text/markdown }}
  - name: form
    method: POST
    url: "{{{{ base }}}}"
    body: {{ form: {{ name: "{{{{ name }}}}", q: "a&b c" }} }}
  - name: multipart
    method: POST
    url: "{{{{ base }}}}"
    body:
      multipart:
        - {{ name: title, value: "{{{{ name }}}}" }}
        - {{ name: doc, file: notes.txt }}
  - name: file
    method: PUT
    url: "{{{{ base }}}}"
    body: {{ file: blob.bin }}
"#,
            server.base_url()
        ),
    )
    .unwrap();
    let workspace = Workspace::load(&file);
    assert!(workspace.errors.is_empty(), "{:?}", workspace.errors);
    let mut session = Session::default();
    let expected_types = [
        "application/json",
        "text/markdown",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=",
        "application/octet-stream",
    ];
    for (name, content_type) in ["json", "text", "form", "multipart", "file"]
        .iter()
        .zip(expected_types)
    {
        let sent = session
            .send(
                &workspace,
                &apibench::session::RequestId::new(0, RequestPath::parse(name)),
            )
            .await;
        let outcome = sent[0].outcome().unwrap();
        let exchange = response(outcome);
        let seen: Value = serde_json::from_slice(&exchange.response.body).unwrap();
        let received = if let Some(text) = seen["body"].as_str() {
            text.as_bytes().to_vec()
        } else {
            base64::engine::general_purpose::STANDARD
                .decode(seen["body_base64"].as_str().unwrap())
                .unwrap()
        };
        assert_eq!(
            received,
            exchange.request.body.to_vec(),
            "{name}: the server got the recorded bytes"
        );
        assert!(
            received_header(&seen, "content-type").is_some_and(|ct| ct.starts_with(content_type)),
            "{name}: {:?}",
            received_header(&seen, "content-type")
        );
    }
    let json = session
        .responses
        .get(&apibench::session::RequestId::new(0, RequestPath::parse("json")))
        .unwrap();
    assert_eq!(
        &json.request.body[..],
        br#"{"name":"Ada","tags":["a","b"],"n":1.5}"#
    );
    let form = session
        .responses
        .get(&apibench::session::RequestId::new(0, RequestPath::parse("form")))
        .unwrap();
    assert_eq!(&form.request.body[..], b"name=Ada&q=a%26b+c");
    let multipart = session
        .responses
        .get(&apibench::session::RequestId::new(
            0,
            RequestPath::parse("multipart"),
        ))
        .unwrap();
    let text = String::from_utf8_lossy(&multipart.request.body);
    assert!(
        text.contains("name=\"title\"\r\n\r\nAda\r\n") && text.contains("filename=\"notes.txt\""),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_creates_on_the_demo_get_distinct_ids() {
    let server = DemoServer::start(0).await.unwrap();
    let mut request = ResolvedRequest::get(format!("{}/v1/users", server.base_url()));
    request.method = "POST".to_owned();
    request.headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    request.body = Bytes::from_static(br#"{"name":"Ada","email":"ada@example.com"}"#);
    let engine = Engine::new();
    let sends: Vec<_> = (0..16)
        .map(|_| {
            let (engine, request) = (engine.clone(), request.clone());
            tokio::spawn(async move { engine.send(&request).await })
        })
        .collect();
    let mut locations = Vec::new();
    for send in sends {
        let outcome = send.await.unwrap();
        let exchange = response(&outcome);
        assert_eq!(exchange.response.status(), 201);
        locations.push(exchange.response.header("location").unwrap().to_owned());
    }
    locations.sort();
    locations.dedup();
    assert_eq!(locations.len(), 16, "{locations:?}");
}
