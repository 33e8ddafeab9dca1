//! Cookies over real sockets: a collection with `cookies: true` sends back what
//! `Set-Cookie` stored, to the paths it was scoped to; one without it never does; and the
//! TUI keeps the jar for the next session.

use crate::support::cli::apibench;
use crate::support::pty::PtySession;
use crate::support::{Scratch, demo};

fn collection(base: &str, cookies: bool) -> String {
    format!(
        r"name: Cookies
cookies: {cookies}
requests:
  - name: Start a session
    method: POST
    url: {base}/v1/session
    body:
      json: {{ username: demo, password: demo }}
  - name: Who am I
    url: {base}/v1/session/me
    expect:
      status: 200
  - name: Outside the cookie's path
    url: {base}/v2/anything
    expect:
      status: 404
  - name: End the session
    method: DELETE
    url: {base}/v1/session
  - name: Who am I after
    url: {base}/v1/session/me
    expect:
      status: 401
"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_cookie_feeds_the_later_requests_of_a_collection_that_keeps_cookies() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let file = scratch.write("cookies.yaml", collection(&server.base_url(), true));
    let output = apibench()
        .env("APIBENCH_DATA_DIR", scratch.path().join("data"))
        .args(["run", file.to_str().unwrap(), "--all"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let cookie_of = |path: &str| {
        server
            .calls()
            .into_iter()
            .find(|c| c.path.starts_with(path))
            .and_then(|c| c.header("cookie").map(str::to_owned))
    };
    assert_eq!(
        cookie_of("/v1/session/me").as_deref(),
        Some("demo_session=demo-session-7f3a9c")
    );
    assert_eq!(cookie_of("/v2/"), None, "Path=/v1 keeps it from /v2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_collection_without_cookies_true_sends_none_back() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let file = scratch.write("cookies.yaml", collection(&server.base_url(), false));
    let output = apibench()
        .env("APIBENCH_DATA_DIR", scratch.path().join("data"))
        .args([
            "run",
            file.to_str().unwrap(),
            "--request",
            "Who am I",
            "--request",
            "Start a session",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "Who am I is refused");
    assert!(server.calls().iter().all(|c| c.header("cookie").is_none()));
}

/// Log in by cookie, quit, start again: the jar came back from the history and the session
/// still works; the cookie list shows it, masked.
#[test]
fn the_tui_keeps_the_cookie_jar_for_the_next_session() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(demo::start());
    let scratch = Scratch::new();
    let file = scratch.write("cookies.yaml", collection(&server.base_url(), true));
    let data = scratch.path().join("data");
    let env = [("APIBENCH_DATA_DIR", data.to_str().unwrap())];
    let args = [file.to_str().unwrap()];

    let mut first = PtySession::start(&args, scratch.path(), &env);
    first.screen.wait_for("Start a session");
    first.press(b"s");
    first.screen.wait_for("200 OK");
    first.press(b"q");
    assert!(first.wait_exit().0);

    let mut second = PtySession::start(&args, scratch.path(), &env);
    // The history has been read when the tree shows the last status it holds.
    second.screen.expect("the last status from the history", |s| {
        s.contents()
            .lines()
            .any(|l| l.contains("Start a session") && l.contains("200"))
    });
    second.press(b"K");
    second.screen.wait_for("demo_session = ");
    assert!(
        !second.screen.contents().contains("demo-session-7f3a9c"),
        "the value is masked"
    );
    second.press(b"q"); // closes the list
    second
        .screen
        .expect("the list closed", |s| !s.contents().contains("demo_session = "));
    second.press(b"js"); // Who am I
    second.screen.wait_for("200 OK");
    second.press(b"q");
    assert!(second.wait_exit().0);
    let me = server
        .calls()
        .into_iter()
        .filter(|c| c.path == "/v1/session/me")
        .count();
    assert_eq!(me, 1);
}
