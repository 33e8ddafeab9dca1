//! The whole app driven through its event channel against the in-process demo API: the real
//! update loop, runner and engine, drawn on a `TestBackend`.

use std::time::Duration;

use apibench::demo::DemoServer;
use apibench::session::Workspace;
use apibench::tui::action::Action;
use apibench::tui::keymap::Keymap;
use apibench::tui::message::Msg;
use apibench::tui::state::App;

use crate::support::demo;
use crate::support::shipped;
use crate::support::tui::Driver;

/// Runs the app until `done` holds (or fails after a deadline) and returns the last screen.
async fn run_until(app: &mut App, actions: &[Action], done: impl Fn(&App) -> bool) -> String {
    let mut driver = Driver::new(160, 48);
    for action in actions {
        driver.send(Msg::Action(*action));
    }
    assert!(
        driver.run_until(app, Duration::from_secs(20), done).await,
        "the condition was met before the deadline"
    );
    driver.screen()
}

/// The app on the shipped demo collection, pointed at `server` by overrides (an empty token
/// whatever the test machine's environment says).
fn demo_app(server: &DemoServer) -> App {
    let workspace = Workspace::load(&shipped("demo.yaml"));
    App::new(workspace, Keymap::default(), demo::variables(server))
}

fn first_fail(app: &App) -> Option<&'static str> {
    app.selected_done()
        .and_then(|d| d.checklist.first_failure())
        .map(apibench::diagnosis::Check::id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_me_shows_the_missing_credentials_in_the_checklist() {
    let server = demo::start().await;
    let mut app = demo_app(&server);
    // The tree starts on "List users"; one down is "Get me".
    let screen = run_until(&mut app, &[Action::Down, Action::Send], |app| {
        first_fail(app) == Some("401.creds-sent")
    })
    .await;
    assert!(screen.contains("401 Unauthorized — 1 problem"), "{screen}");
    assert!(screen.contains("✘ Credentials were sent"), "{screen}");
    assert!(screen.contains("401.creds-sent"), "{screen}");
    assert!(screen.contains("Response · 401 Unauthorized"), "{screen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_body_is_pretty_json_once_built() {
    let server = demo::start().await;
    let mut app = demo_app(&server);
    let screen = run_until(&mut app, &[Action::Send], |app| {
        app.selected_done().is_some_and(|d| d.body.is_some())
    })
    .await;
    assert!(screen.contains("\"name\": \"Ada Lovelace\","), "{screen}");
    assert!(screen.contains("200 OK — no problems"), "{screen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chained_request_sends_its_login_first() {
    let server = demo::start().await;
    let mut app = demo_app(&server);
    // Six rows down from "List users": Get me, Rate limited, Auth, Log in, wrong password, Admin stats.
    let mut actions = vec![Action::Down; 6];
    actions.push(Action::Send);
    let screen = run_until(&mut app, &actions, |app| first_fail(app) == Some("403.scope")).await;
    assert!(screen.contains("403 Forbidden"), "{screen}");
    let login = app
        .requests
        .iter()
        .find(|(id, _)| id.path.to_string() == "Auth/Log in")
        .and_then(|(_, s)| s.last())
        .and_then(apibench::tui::state::Done::status);
    assert_eq!(login, Some(200), "the token came from a login sent first");
    assert_eq!(
        demo::calls_made(&server),
        ["POST /v1/login", "GET /v1/admin/stats"],
        "the login went first, once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_a_slow_request_leaves_no_result() {
    let server = demo::start().await;
    let mut app = demo_app(&server);
    let mut actions = vec![
        Action::Bottom,
        Action::Up,
        Action::Up,
        Action::Up,
        Action::Up,
        Action::Up,
    ];
    actions.push(Action::Send);
    actions.push(Action::Cancel);
    let screen = run_until(&mut app, &actions, |app| {
        matches!(
            app.selected_state(),
            Some(apibench::tui::state::RequestState::Cancelled { .. })
        )
    })
    .await;
    assert_eq!(
        app.selected().map(|(_, p)| p.to_string()).as_deref(),
        Some("Network/Too slow for the timeout")
    );
    assert!(app.selected_done().is_none());
    assert!(screen.contains("cancelled"), "{screen}");

    // Outlast it: the gateway timeout (1.5 s) ends after the cancelled request's own 1 s
    // timeout would have. Its result still never lands.
    // (The app is 80 columns wide here, so sending focused the checklist; back to the tree.)
    let actions = [Action::NextPane, Action::Up, Action::Up, Action::Up, Action::Send];
    run_until(&mut app, &actions, |app| {
        app.selected()
            .is_some_and(|(_, p)| p.to_string() == "Server errors/Gateway timeout")
            && app.selected_done().is_some()
    })
    .await;
    let cancelled = &app.requests[&apibench::session::RequestId::new(
        0,
        apibench::collection::RequestPath::parse("Network/Too slow for the timeout"),
    )];
    assert!(cancelled.last().is_none(), "a cancelled send leaves no result");
    assert!(matches!(
        cancelled,
        apibench::tui::state::RequestState::Cancelled { .. }
    ));
}
