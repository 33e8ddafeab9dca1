//! The checklist against the demo API over real sockets: each scenario's first failed check
//! names the cause it was built to show, with evidence from the exchange.

use apibench::collection::RequestPath;
use apibench::demo::DemoServer;
use apibench::diagnosis::{Checklist, Clock, HistoryEntry, Verdict};
use apibench::session::{RequestId, Sent, Session, Workspace};

use crate::support::demo;

/// The demo API, the shipped demo collection pointed at it, and the history `run` and the
/// TUI keep for the checks that look back.
struct Demo {
    server: DemoServer,
    workspace: Workspace,
    session: Session,
    history: Vec<HistoryEntry>,
}

impl Demo {
    async fn start() -> Self {
        let server = demo::start().await;
        // The token is set empty, whatever the machine's DEMO_TOKEN says.
        let workspace = demo::workspace(&server);
        Self {
            server,
            workspace,
            session: Session::default(),
            history: Vec::new(),
        }
    }

    /// Sends a request and diagnoses it, as the TUI and `run` do.
    async fn send(&mut self, name: &str) -> (Sent, Checklist) {
        let sent = self
            .session
            .send(&self.workspace, &RequestId::new(0, RequestPath::parse(name)))
            .await
            .pop()
            .unwrap();
        let checklist = sent.diagnose(&self.workspace, &self.history, &Clock::system());
        if let Some(entry) = sent.history_entry(&self.workspace) {
            self.history.push(entry);
        }
        (sent, checklist)
    }
}

fn first_fail(list: &Checklist) -> (&str, &str) {
    let c = list
        .first_failure()
        .unwrap_or_else(|| panic!("no failed check in {list:#?}"));
    (c.id(), c.evidence.as_str())
}

#[tokio::test]
async fn get_me_without_a_token_blames_the_empty_variable() {
    let mut demo = Demo::start().await;
    let (_, list) = demo.send("Get me").await;
    let (id, evidence) = first_fail(&list);
    assert_eq!(id, "401.creds-sent");
    assert!(
        evidence.starts_with("no Authorization header; auth is bearer but {{ token }} is empty"),
        "{evidence}"
    );
    let calls = demo.server.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].header("authorization"), None, "as the evidence says");
}

#[tokio::test]
async fn the_fourth_rate_limited_request_gets_a_countdown() {
    let mut demo = Demo::start().await;
    for i in 0..3 {
        let (sent, list) = demo.send("Rate limited").await;
        assert_eq!(sent.status(), Some(200));
        // The third success uses up the quota, and the healthy checklist says so.
        let warned = list.first_failure().map(apibench::diagnosis::Check::id);
        assert_eq!(warned, (i == 2).then_some("ok.quota"), "{list:#?}");
    }
    let (sent, list) = demo.send("Rate limited").await;
    assert_eq!(sent.status(), Some(429));
    let (id, evidence) = first_fail(&list);
    assert_eq!(id, "429.retry-after");
    assert!(
        evidence.starts_with("Retry-After: 10 → retry at ")
            || evidence.starts_with("Retry-After: 9 → retry at "),
        "{evidence}"
    );
    let when = list
        .checks
        .iter()
        .find(|c| c.id() == "429.retry-after")
        .and_then(|c| c.changes_at)
        .expect("the verdict flips when the wait is over");
    assert!(list.next_change().is_some_and(|next| next <= when));
    let later = diagnose_again(&demo, &sent, when);
    assert_eq!(
        later
            .checks
            .iter()
            .find(|c| c.id() == "429.retry-after")
            .map(|c| c.verdict),
        Some(Verdict::Pass)
    );
    assert!(
        list.checks
            .iter()
            .any(|c| c.id() == "429.client-rate" && c.verdict == Verdict::Fail),
        "four requests in ten seconds against a policy of three"
    );
    // Four sends, four requests: the 429 was not retried behind the user's back.
    demo.server.expect("GET", "/v1/limited", 4);
}

/// The checklist of `sent` a moment after `now` (the countdown re-evaluated later).
fn diagnose_again(demo: &Demo, sent: &Sent, now: std::time::SystemTime) -> Checklist {
    sent.diagnose(
        &demo.workspace,
        &demo.history,
        &Clock::system().at(now + std::time::Duration::from_millis(1)),
    )
}

#[tokio::test]
async fn a_bad_email_is_named_with_what_was_sent() {
    let mut demo = Demo::start().await;
    let (_, list) = demo.send("Users/Create user with a bad email").await;
    let (id, evidence) = first_fail(&list);
    assert_eq!(id, "422.fields");
    assert_eq!(
        evidence,
        "Server: \"email\" must be a valid email address. You sent \"ada-at-example.com\" (string)."
    );
}

#[tokio::test]
async fn the_old_version_quotes_the_router_then_points_at_the_version_segment() {
    let mut demo = Demo::start().await;
    let (_, list) = demo.send("Users/Old API version").await;
    let (id, evidence) = first_fail(&list);
    assert_eq!(id, "404.route-vs-record", "the server's own words come first");
    assert!(evidence.contains("No route for GET /v2/users/42"), "{evidence}");
    let shape = list.checks.iter().find(|c| c.id() == "404.path-shape").unwrap();
    assert_eq!(shape.verdict, Verdict::Fail);
    assert!(
        shape.evidence.starts_with("Path starts /v2/…;") && shape.evidence.ends_with("use /v1/"),
        "{}",
        shape.evidence
    );
}

#[tokio::test]
async fn the_closed_port_is_connection_refused() {
    let mut demo = Demo::start().await;
    let (_, list) = demo.send("Network/Connection refused").await;
    let (id, evidence) = first_fail(&list);
    assert_eq!(id, "refused.target");
    assert!(
        evidence.starts_with("Connection refused by 127.0.0.1:"),
        "{evidence}"
    );
}

#[tokio::test]
async fn admin_stats_lacks_the_admin_scope() {
    let mut demo = Demo::start().await;
    let (_, list) = demo.send("Auth/Admin stats").await;
    let (id, evidence) = first_fail(&list);
    assert_eq!(id, "403.scope");
    assert!(evidence.contains("requires scope admin"), "{evidence}");
}
