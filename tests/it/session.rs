//! Sending through a session: a chained request sends its dependency first and remembers its
//! response; a chain to a request that does not exist is an error before anything is sent.

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
        .send(&workspace, 0, &RequestPath::parse("Auth/Admin stats"))
        .await;
    let names: Vec<String> = sent.iter().map(|s| s.path.to_string()).collect();
    assert_eq!(names, ["Auth/Log in", "Auth/Admin stats"]);
    assert_eq!(sent[0].needed_by, Some(RequestPath::parse("Auth/Admin stats")));
    assert_eq!(
        sent[1].outcome.as_ref().and_then(apibench::http::Outcome::status),
        Some(403)
    );
    let token_use = &sent[1]
        .prepared
        .as_ref()
        .unwrap()
        .written
        .auth_uses()
        .next()
        .unwrap()
        .uses[0];
    assert_eq!(token_use.origin, Origin::Response("Auth/Log in".into()));
    assert_eq!(token_use.value, apibench::demo::DEMO_TOKEN);

    // The response is remembered: a second send does not log in again.
    let again = session
        .send(&workspace, 0, &RequestPath::parse("Auth/Admin stats"))
        .await;
    assert_eq!(again.len(), 1);
}

#[test]
fn a_chain_to_a_request_that_does_not_exist_says_so() {
    let c = parse_collection(
        "requests:\n  - name: Me\n    url: \"http://x/{{ response.Logn.body.$.id }}\"\n  - name: Login\n    url: http://x\n",
        Path::new("c.yaml"),
    )
    .unwrap();
    let workspace = Workspace::from_collections(vec![c]);
    let mut session = Session::default();
    let sent = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(session.send(&workspace, 0, &RequestPath::parse("Me")));
    assert_eq!(sent.len(), 1);
    let err = sent[0].prepared.as_ref().unwrap_err();
    assert_eq!(
        err.to_string(),
        "url: cannot take a value from the response of `Logn`: collection `c` has no such request (did you mean `Login`?)"
    );
}
