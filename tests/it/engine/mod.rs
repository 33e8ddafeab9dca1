//! The HTTP engine against the in-process demo API (and servers that misbehave), over real
//! sockets. The helpers that unwrap an outcome and talk to `/v1/echo` live here.

mod curl;
mod exchange;
mod failures;
mod proxy;

use apibench::demo::DemoServer;
use apibench::http::{Engine, Exchange, Failure, Outcome, ResolvedRequest};
use bytes::Bytes;
use serde_json::Value;

fn response(outcome: &Outcome) -> &Exchange {
    match outcome {
        Outcome::Response(exchange) => exchange,
        Outcome::Failure(failure) => panic!("expected a response, got {failure:#?}"),
    }
}

fn failure(outcome: &Outcome) -> &Failure {
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
