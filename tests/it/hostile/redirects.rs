//! Redirects a hostile server sends: to another origin (credentials must not follow, a body
//! resent must be said), to `file:` (not followed, and not blamed on the request's URL).

use apibench::http::{Engine, Outcome, ResolvedRequest};

use super::{recording, reply};

/// Every credential-looking header, and one the auth helper added under a plain name.
const CREDENTIALS: [(&str, &str); 6] = [
    ("Authorization", "Bearer tok-0123456789"),
    ("X-API-Key", "key-0123456789"),
    ("X-Auth-Token", "auth-0123456789"),
    ("Private-Token", "private-0123456789"),
    ("Cookie", "session=cookie-0123456789"),
    ("X-Client", "client-0123456789"),
];

#[tokio::test]
async fn no_credential_follows_a_redirect_to_another_origin() {
    let (elsewhere, received) = recording(|_| reply("200 OK", &[], "ok")).await;
    let location = format!("http://{elsewhere}/landed");
    let (origin, _) = recording(move |_| reply("302 Found", &[&format!("Location: {location}")], "")).await;
    let mut request = ResolvedRequest::get(format!("http://{origin}/start"));
    request.headers = CREDENTIALS
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    request.headers.push(("X-Trace".to_owned(), "trace-1".to_owned()));
    request.credential_headers = vec!["X-Client".to_owned()];

    let Outcome::Response(exchange) = Engine::new().send(&request).await else {
        panic!("the redirect should be followed");
    };
    assert_eq!(exchange.response.head.status, 200);
    let arrived = received.lock().unwrap().join("\n");
    for (name, value) in CREDENTIALS {
        assert!(
            !arrived.contains(value),
            "{name} reached the other origin:\n{arrived}"
        );
    }
    assert!(
        arrived.contains("trace-1"),
        "ordinary headers still go:\n{arrived}"
    );
    let stripped = &exchange.hops[0].stripped_headers;
    assert_eq!(stripped.len(), CREDENTIALS.len(), "{stripped:?}");
}

#[tokio::test]
async fn a_307_to_another_origin_resends_the_body_and_the_checklist_says_so() {
    let (elsewhere, received) = recording(|_| reply("200 OK", &[], "thanks")).await;
    let location = format!("http://{elsewhere}/collect");
    let (origin, _) =
        recording(move |_| reply("307 Temporary Redirect", &[&format!("Location: {location}")], "")).await;
    let mut request = ResolvedRequest::get(format!("http://{origin}/login"));
    request.method = "POST".to_owned();
    request.headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    request.body = "{\"password\":\"hunter2-secret\"}".into();

    let outcome = Engine::new().send(&request).await;
    assert!(
        received.lock().unwrap()[0].contains("hunter2-secret"),
        "a 307 keeps the body (RFC 9110)"
    );
    let checklist = apibench::diagnosis::diagnose(
        &apibench::diagnosis::Input {
            written: None,
            outcome: Ok(&outcome),
            collection: None,
            history: &[],
            expired_cookies: None,
            api: None,
        },
        &apibench::diagnosis::Clock::system(),
    );
    let lint = checklist
        .checks
        .iter()
        .find(|c| c.id() == "R.redirect-body-origin")
        .unwrap_or_else(|| panic!("no body-origin lint in {:#?}", checklist.checks));
    assert_eq!(lint.verdict, apibench::diagnosis::Verdict::Fail);
    assert!(
        lint.evidence.contains(&elsewhere.port().to_string()),
        "{}",
        lint.evidence
    );
}

#[tokio::test]
async fn a_redirect_to_a_file_url_is_the_answer_not_a_broken_request() {
    let (origin, received) = recording(|_| reply("302 Found", &["Location: file:///etc/passwd"], "")).await;
    let outcome = Engine::new()
        .send(&ResolvedRequest::get(format!("http://{origin}/download")))
        .await;
    let Outcome::Response(exchange) = outcome else {
        panic!("a redirect to file: is shown as the 302 it is, got {outcome:?}");
    };
    assert_eq!(exchange.response.head.status, 302);
    assert!(exchange.hops.is_empty());
    assert_eq!(received.lock().unwrap().len(), 1);
}
