//! The `curl` command apibench copies sends what apibench sends: each request is sent by
//! the engine and by the real curl (through `sh -c`, so the shell's quoting is tested too)
//! to `/v1/echo`, and the server must have seen the same method, URI, headers and body.
//! Needs `curl` and `sh` on the machine; without curl the test says so and checks nothing.

use apibench::http::{Engine, ResolvedRequest};
use bytes::Bytes;
use serde_json::Value;

use super::response;
use crate::support::demo;

fn has_curl() -> bool {
    std::process::Command::new("curl")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What the echo route saw, headers in a canonical order.
fn seen(body: &[u8]) -> (String, String, Vec<(String, String)>, Value, Value) {
    let json: Value = serde_json::from_slice(body).expect("echo answers JSON");
    let mut headers: Vec<(String, String)> = json["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_owned(),
                p[1].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    headers.sort();
    (
        json["method"].as_str().unwrap().to_owned(),
        json["uri"].as_str().unwrap().to_owned(),
        headers,
        json["body"].clone(),
        json["body_base64"].clone(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_curl_command_sends_exactly_what_apibench_sends() {
    if !has_curl() {
        eprintln!("curl is not installed: the copied command cannot be run here");
        return;
    }
    let server = demo::start().await;
    let url = format!("{}/v1/echo?q=a%20b&quote=it%27s&x=$HOME", server.base_url());
    let mut json = ResolvedRequest::get(&url);
    json.method = "POST".into();
    json.headers = vec![
        ("Content-Type".into(), "application/json".into()),
        ("X-Note".into(), "it's \"quoted\" $HOME `date` \\ back".into()),
        ("X-Empty".into(), String::new()),
        ("Accept".into(), "application/json".into()),
    ];
    json.body = Bytes::from("{\"name\":\"Ada\",\n  \"note\":\"it's $HOME\"}");
    let mut binary = ResolvedRequest::get(&url);
    binary.method = "PUT".into();
    binary.headers = vec![("Content-Type".into(), "application/octet-stream".into())];
    binary.body = (0..=255).collect::<Vec<u8>>().into();
    let mut no_type = ResolvedRequest::get(&url);
    no_type.method = "PATCH".into();
    no_type.body = Bytes::from("plain words");
    let delete = {
        let mut r = ResolvedRequest::get(&url);
        r.method = "DELETE".into();
        r
    };

    for request in [json, binary, no_type, delete, ResolvedRequest::get(&url)] {
        let outcome = Engine::new().send(&request).await;
        let by_apibench = seen(&response(&outcome).response.body);
        let command = apibench::interop::curl::command(&request);
        let output = tokio::process::Command::new("sh")
            .args(["-c", &format!("{command} --silent --show-error")])
            .output()
            .await
            .unwrap();
        assert!(
            output.status.success(),
            "{command}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let by_curl = seen(&output.stdout);
        assert_eq!(by_curl, by_apibench, "{command}");
    }
}
