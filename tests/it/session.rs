//! Sending through a session: a chained request sends its dependency first, once, and
//! remembers its response; a chain to a request that does not exist is an error and sends
//! nothing. The demo API's call log is what shows what was sent.

use std::path::Path;

use apibench::collection::{RequestPath, parse_collection};
use apibench::session::{Session, Workspace};
use apibench::template::Origin;

use crate::support::demo;

#[tokio::test]
async fn a_chained_request_sends_its_dependency_first() {
    let server = demo::start().await;
    let workspace = demo::workspace(&server);
    let mut session = Session::default();
    let sent = session
        .send(
            &workspace,
            &apibench::session::RequestId::new(0, RequestPath::parse("Auth/Admin stats")),
        )
        .await;
    let names: Vec<String> = sent.iter().map(|s| s.id.path.to_string()).collect();
    assert_eq!(names, ["Auth/Log in", "Auth/Admin stats"]);
    assert_eq!(sent[0].needed_by, Some(RequestPath::parse("Auth/Admin stats")));
    assert_eq!(sent[1].status(), Some(403));
    let token_use = &sent[1].written().unwrap().auth_uses().next().unwrap().uses[0];
    assert_eq!(token_use.origin, Origin::Response("Auth/Log in".into()));
    assert_eq!(token_use.value, apibench::demo::DEMO_TOKEN);
    // The server saw it that way: the login first, once, then the token it handed out.
    assert_eq!(
        demo::calls_made(&server),
        ["POST /v1/login", "GET /v1/admin/stats"]
    );
    let token = format!("Bearer {}", apibench::demo::DEMO_TOKEN);
    assert_eq!(server.calls()[1].header("authorization"), Some(token.as_str()));

    // The response is remembered: a second send does not log in again.
    let again = session
        .send(
            &workspace,
            &apibench::session::RequestId::new(0, RequestPath::parse("Auth/Admin stats")),
        )
        .await;
    assert_eq!(again.len(), 1);
    server
        .expect("POST", "/v1/login", 1)
        .expect("GET", "/v1/admin/stats", 2);
}

#[tokio::test]
async fn a_chain_to_a_request_that_does_not_exist_says_so_and_sends_nothing() {
    let server = demo::start().await;
    server.expect_no_calls();
    let base = server.base_url();
    let c = parse_collection(
        &format!(
            "requests:\n  - name: Me\n    url: \"{base}/{{{{ response.Logn.body.$.id }}}}\"\n  - name: Login\n    url: {base}/v1/login\n"
        ),
        Path::new("c.yaml"),
    )
    .unwrap();
    let workspace = Workspace::from_collections(vec![c]);
    let mut session = Session::default();
    let sent = session
        .send(
            &workspace,
            &apibench::session::RequestId::new(0, RequestPath::parse("Me")),
        )
        .await;
    assert_eq!(sent.len(), 1);
    let err = sent[0].outcome().unwrap_err();
    assert_eq!(
        err.to_string(),
        "url: cannot take a value from the response of `Logn`: collection `c` has no such request (did you mean `Login`?)"
    );
}
