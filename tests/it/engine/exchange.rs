//! What a successful exchange records and what the server really received: headers in
//! order, bodies of every kind byte for byte, the response head, redirects not followed, large
//! and gzip bodies, and concurrent sends.

use apibench::http::{Engine, ResolvedRequest};
use base64::Engine as _;
use bytes::Bytes;
use serde_json::Value;

use super::{echo, received_header, response, send_get};
use crate::support::{Scratch, demo};

#[tokio::test]
async fn a_request_records_every_header_the_client_added_and_the_server_saw_them() {
    let server = demo::start().await;
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
    let server = demo::start().await;
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
    let server = demo::start().await;
    let (seen, _) = echo(&server, "POST", &[], b"").await;
    assert_eq!(received_header(&seen, "content-length"), Some("0"));
}

#[tokio::test]
async fn status_reason_version_and_headers_are_recorded_in_order() {
    let server = demo::start().await;
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
async fn not_following_redirects_returns_the_3xx() {
    let server = demo::start().await;
    let mut request = ResolvedRequest::get(format!("{}/v1/redirect-loop", server.base_url()));
    request.options.follow_redirects = false;
    let outcome = Engine::new().send(&request).await;
    assert_eq!(outcome.status(), Some(302));
}

#[tokio::test]
async fn a_big_body_under_the_cap_arrives_whole_and_parses() {
    let server = demo::start().await;
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
async fn a_body_past_the_spill_size_streams_whole_to_a_temporary_file_deleted_with_the_exchange() {
    let server = demo::start().await;
    let outcome = send_get(format!("{}/v1/big?mb=40", server.base_url())).await;
    let response = &response(&outcome).response;
    let spilled = response.spilled.clone().expect("40 MB is past the spill size");
    let on_disk = std::fs::read(spilled.path()).unwrap();
    assert_eq!(on_disk.len() as u64, spilled.len);
    assert_eq!(response.body_len(), spilled.len);
    assert!(spilled.len > apibench::http::SPILL_AT, "{}", spilled.len);
    assert!(!response.body_is_whole());
    assert_eq!(
        response.body.len(),
        apibench::http::HELD_OF_SPILLED,
        "only its start is held"
    );
    assert_eq!(&response.body[..], &on_disk[..response.body.len()]);
    let json: Value = serde_json::from_slice(&on_disk).unwrap();
    assert_eq!(json["items"].as_array().unwrap().len(), 40_000);

    let path = spilled.path().to_path_buf();
    drop(spilled);
    drop(outcome);
    assert!(!path.exists(), "the file goes with the last exchange holding it");
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

#[tokio::test]
async fn each_body_kind_arrives_as_sent() {
    use apibench::collection::RequestPath;
    use apibench::session::{Session, Workspace};
    let server = demo::start().await;
    let dir = Scratch::new();
    dir.write("notes.txt", "file part\n");
    dir.write("blob.bin", [0u8, 159, 146, 150, 255]);
    let file = dir.write(
        "bodies.yaml",
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
    );
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
        let logged = server.calls().pop().unwrap();
        assert_eq!(
            logged.body_bytes,
            exchange.request.body.len() as u64,
            "{name}: {logged}"
        );
    }
    let json = session
        .responses
        .received(
            &apibench::session::RequestId::new(0, RequestPath::parse("json")),
            None,
        )
        .unwrap();
    assert_eq!(
        &json.request.body[..],
        br#"{"name":"Ada","tags":["a","b"],"n":1.5}"#
    );
    let form = session
        .responses
        .received(
            &apibench::session::RequestId::new(0, RequestPath::parse("form")),
            None,
        )
        .unwrap();
    assert_eq!(&form.request.body[..], b"name=Ada&q=a%26b+c");
    let multipart = session
        .responses
        .received(
            &apibench::session::RequestId::new(0, RequestPath::parse("multipart")),
            None,
        )
        .unwrap();
    let text = String::from_utf8_lossy(&multipart.request.body);
    assert!(
        text.contains("name=\"title\"\r\n\r\nAda\r\n") && text.contains("filename=\"notes.txt\""),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_creates_on_the_demo_get_distinct_ids() {
    let server = demo::start().await;
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
    server.expect("POST", "/v1/users", 16); // each sent once, none retried
}
