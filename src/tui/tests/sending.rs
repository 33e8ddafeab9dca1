//! The life of a request through `update`: sending on a task, superseding, cancelling,
//! refusing a template error, counting a Retry-After down, the resolved preview.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::update::act;
use crate::diagnosis::Verdict;
use crate::diagnosis::tests::Ex;
use crate::session::RequestId;
use crate::tui::action::Action;
use crate::tui::message::{Effect, Msg};
use crate::tui::state::RequestState;
use crate::tui::tests::step;
use crate::tui::tests::{app, at_second, completion, finish, run_effects, select, sent_ticket, step_at};

#[test]
fn two_sends_in_flight_both_keep_their_responses_for_chaining() {
    let mut app = app();
    select(&mut app, "Auth/Log in");
    let login = sent_ticket(&act(&mut app, Action::Send));
    let login_done = completion(
        &app,
        login,
        &Ex::get("http://x/v1/login").status(200).json(r#"{"token":"t"}"#),
    );
    select(&mut app, "List users");
    let users = sent_ticket(&act(&mut app, Action::Send));
    let users_done = completion(&app, users, &Ex::get("http://x/v1/users").status(200).json("[]"));
    // The login finishes first, the other send (started before it finished) after.
    step(&mut app, login_done);
    step(&mut app, users_done);
    let id = |p: &str| RequestId::new(0, crate::collection::RequestPath::parse(p));
    assert!(
        app.responses
            .get(&id("Auth/Log in"), None, std::time::SystemTime::now())
            .is_some(),
        "the login's response is kept"
    );
    assert!(
        app.responses
            .get(&id("List users"), None, std::time::SystemTime::now())
            .is_some()
    );
}

#[test]
fn a_resend_stopped_by_a_template_error_still_cancels_the_one_in_flight() {
    let mut app = app();
    select(&mut app, "Get me");
    let first = sent_ticket(&act(&mut app, Action::Send));
    // The request now has a template that cannot resolve.
    let workspace = Arc::make_mut(&mut app.workspace);
    let mut collection = workspace.collections[0].clone();
    for item in &mut collection.items {
        if let crate::collection::Item::Request(r) = item
            && r.name == "Get me"
        {
            r.url = crate::template::Template::parse("{{ no_such_variable }}/v1/me").unwrap();
        }
    }
    workspace.collections[0] = collection;
    let effects = act(&mut app, Action::Resend);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Abort { ticket } if *ticket == first)),
        "{effects:?}"
    );
    // The send's task finds the template error and sends nothing.
    let after = run_effects(&mut app, effects);
    assert!(
        after.iter().all(|e| matches!(e, Effect::Abort { .. })),
        "{after:?}"
    );
    assert!(matches!(app.selected_state().unwrap(), RequestState::Invalid(_)));
    assert!(
        app.selected_done().unwrap().outcome().is_none(),
        "nothing went out"
    );
}

#[test]
fn send_goes_on_a_task_and_the_result_is_stored_and_diagnosed_once() {
    let mut app = app();
    select(&mut app, "Get me");
    let effects = act(&mut app, Action::Send);
    let ticket = sent_ticket(&effects);
    assert!(matches!(app.selected_state().unwrap(), RequestState::Sending { ticket: t, .. } if *t == ticket));

    let ex = Ex::get("http://127.0.0.1:8787/v1/me")
        .status(401)
        .res("www-authenticate", "Bearer realm=\"demo\"")
        .json(r#"{"error":"missing_token"}"#);
    let done = completion(&app, ticket, &ex);
    let effects = step(&mut app, done);
    // The body is built and the exchange kept in the history, both off the UI thread.
    let [Effect::Remember(remembered), Effect::BuildBody { .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let kept = remembered.exchange();
    assert_eq!(kept.request, "Get me");
    assert_eq!(kept.origin, crate::history::Origin::Tui);
    assert_eq!(kept.record["response"]["status"], 401);
    assert_eq!(kept.record["expectations"][0]["expected"], "401");
    let done = app.selected_done().unwrap();
    assert_eq!(done.status(), Some(401));
    assert_eq!(
        done.checklist.first_failure().map(crate::diagnosis::Check::id),
        Some("401.creds-sent")
    );
    assert!(matches!(
        app.selected_state().unwrap(),
        RequestState::Completed(_)
    ));
    assert_eq!(app.history.len(), 1);
}

#[test]
fn a_repeated_send_while_one_is_in_flight_is_ignored_and_said() {
    let mut app = app();
    select(&mut app, "List users");
    let first = sent_ticket(&act(&mut app, Action::Send));
    for _ in 0..3 {
        assert!(act(&mut app, Action::Send).is_empty(), "s s s s sends once");
    }
    assert_eq!(
        app.message.as_deref(),
        Some("List users is already being sent; S cancels it and sends again")
    );
    let done = completion(&app, first, &Ex::get("http://x/").status(200));
    step(&mut app, done);
    assert_eq!(app.selected_done().unwrap().status(), Some(200));
}

#[test]
fn resend_supersedes_the_send_in_flight_and_its_stale_result_is_dropped() {
    let mut app = app();
    select(&mut app, "List users");
    let first = sent_ticket(&act(&mut app, Action::Send));
    let effects = act(&mut app, Action::Resend);
    assert!(matches!(effects[0], Effect::Abort { ticket } if ticket == first));
    let second = sent_ticket(&effects);
    assert_ne!(first, second);
    assert_eq!(
        app.message.as_deref(),
        Some("sent List users again; the send in flight was cancelled"),
        "the restart is said, not silent"
    );

    let stale = completion(&app, first, &Ex::get("http://x/").status(500));
    assert!(step(&mut app, stale).is_empty());
    assert!(
        app.selected_done().is_none(),
        "the superseded result must not show"
    );
    let done = completion(&app, second, &Ex::get("http://x/").status(200));
    step(&mut app, done);
    assert_eq!(app.selected_done().unwrap().status(), Some(200));
}

#[test]
fn cancel_aborts_the_task_and_ignores_its_result() {
    let mut app = app();
    select(&mut app, "Network/Too slow for the timeout");
    let ticket = sent_ticket(&act(&mut app, Action::Send));
    let effects = act(&mut app, Action::Cancel);
    assert!(matches!(effects.as_slice(), [Effect::Abort { ticket: t }] if *t == ticket));
    assert!(matches!(
        app.selected_state().unwrap(),
        RequestState::Cancelled { .. }
    ));
    let late = completion(&app, ticket, &Ex::get("http://x/").status(200));
    step(&mut app, late);
    assert!(app.selected_done().is_none());
}

#[test]
fn template_errors_show_before_sending() {
    let mut app = app();
    select(&mut app, "Get me");
    app.overrides.clear();
    // Break the URL: an unknown variable.
    let mut workspace = (*app.workspace).clone();
    let collection = &mut workspace.collections[0];
    if let Some(crate::collection::Item::Request(r)) = collection.items.get_mut(1) {
        r.url = crate::template::Template::parse("{{ base_ulr }}/v1/me").unwrap();
    }
    app.workspace = Arc::new(workspace);
    let effects = act(&mut app, Action::Send);
    run_effects(&mut app, effects);
    let done = app.selected_done().unwrap();
    assert!(done.outcome().is_none(), "nothing is sent");
    assert_eq!(done.checklist.title, "Template error");
    assert!(
        done.checklist.checks[0]
            .evidence
            .contains("did you mean `base_url`?"),
        "{:?}",
        done.checklist.checks
    );
}

fn limited() -> Ex {
    Ex::get("http://127.0.0.1:8787/v1/limited")
        .status(429)
        .res("retry-after", "10")
        .res("ratelimit-policy", "\"burst\";q=3;w=10")
        .res("ratelimit", "\"burst\";r=0;t=10")
}

#[test]
fn a_countdown_ticks_and_flips_and_an_armed_retry_fires() {
    let mut app = app();
    select(&mut app, "Rate limited");
    finish(&mut app, &limited());
    // As the checklist pane reads it: the stored checklist at the latest message's time.
    let check = |app: &crate::tui::state::App| {
        app.selected_done()
            .unwrap()
            .checklist_at(&app.clock())
            .checks
            .iter()
            .find(|c| c.id() == "429.retry-after")
            .cloned()
            .unwrap()
    };
    assert_eq!(check(&app).verdict, Verdict::Fail);
    assert!(
        check(&app).evidence.ends_with("(in 9 s)"),
        "{}",
        check(&app).evidence
    );
    assert!(app.next_wakeup(app.now).is_some(), "a countdown keeps ticking");

    // Retry before the wait is over only arms it.
    assert!(act(&mut app, Action::Retry).is_empty());
    let bar = |app: &crate::tui::state::App| {
        crate::tui::tests::render(app, 160, 48)
            .lines()
            .last()
            .unwrap()
            .to_owned()
    };
    assert!(bar(&app).contains("retry armed: sends in 9 s"), "{}", bar(&app));
    step_at(&mut app, Msg::Tick, at_second(5));
    assert!(
        bar(&app).contains("retry armed: sends in 5 s"),
        "it counts down: {}",
        bar(&app)
    );

    let effects = step_at(&mut app, Msg::Tick, at_second(11));
    assert!(
        check(&app).evidence.ends_with("you may retry now"),
        "{}",
        check(&app).evidence
    );
    assert!(
        matches!(effects.as_slice(), [Effect::Send { .. }]),
        "the armed retry fires: {effects:?}"
    );
    assert_eq!(
        app.message.as_deref(),
        Some("the wait is over: sending Rate limited again"),
        "the armed message does not outlive the retry"
    );
    assert!(!app.show_passes);
    let screen = crate::tui::tests::render(&app, 160, 48);
    assert!(
        screen.contains("✔ The wait the server asked for has passed"),
        "a countdown that ran out stays in view, not among the collapsed passes:\n{screen}"
    );
}

#[test]
fn nothing_wakes_the_app_when_nothing_happens() {
    let mut app = app();
    assert_eq!(app.next_wakeup(app.now), None);
    select(&mut app, "List users");
    finish(&mut app, &Ex::get("http://x/").status(200));
    assert_eq!(app.next_wakeup(app.now), None);
}

#[test]
fn the_resolved_preview_follows_the_environment() {
    let mut app = app();
    app.overrides
        .insert("token".into(), crate::template::Template::default());
    select(&mut app, "Get me");
    let effects = act(&mut app, Action::ToggleResolved);
    run_effects(&mut app, effects);
    let auth = |app: &crate::tui::state::App| {
        let preview = app.preview.as_ref().expect("a preview");
        preview
            .result
            .as_ref()
            .expect("prepared")
            .as_ref()
            .unwrap()
            .request
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("authorization"))
    };
    assert!(!auth(&app), "no token: nothing sent");
    // The overrides are fixed for a session; drop the empty one and switch environment.
    app.overrides.clear();
    app.environment = Some("logged-in".to_owned());
    let effects = step(&mut app, Msg::Tick);
    run_effects(&mut app, effects);
    assert!(auth(&app), "the environment's token is in the preview");
}

#[test]
fn retry_with_no_wait_to_honour_sends_now_and_says_so() {
    let mut app = app();
    select(&mut app, "List users");
    finish(&mut app, &Ex::get("http://x/").status(200).json("[]"));
    let effects = act(&mut app, Action::Retry);
    assert!(matches!(effects.as_slice(), [Effect::Send { .. }]), "{effects:?}");
    assert_eq!(
        app.message.as_deref(),
        Some("no wait to honour: sending List users now")
    );
}

/// After a resend is cancelled the panes show the send before it, and say so, so the old
/// result does not read as what the cancel did.
#[test]
fn a_cancelled_resend_labels_the_previous_result_as_previous() {
    let mut app = app();
    select(&mut app, "Network/Too slow for the timeout");
    finish(&mut app, &Ex::get("http://x/").status(504));
    act(&mut app, Action::Send);
    act(&mut app, Action::Cancel);
    let screen = crate::tui::tests::render(&app, 160, 48);
    assert!(
        screen.contains("Response · previous: 504 Gateway Timeout"),
        "the response pane says whose result it shows:\n{screen}"
    );
    assert!(
        screen.contains("previous: 504"),
        "so does the checklist:\n{screen}"
    );
}

/// Two requests in flight at once: both run, and each shows its own progress in the tree.
#[test]
fn two_requests_run_at_once_each_with_its_progress_in_the_tree() {
    let mut app = app();
    select(&mut app, "List users");
    let first = sent_ticket(&act(&mut app, Action::Send));
    select(&mut app, "Get me");
    let second = sent_ticket(&act(&mut app, Action::Send));
    assert_ne!(first, second);
    assert_eq!(
        app.requests.values().filter(|s| s.is_sending()).count(),
        2,
        "the first is not cancelled by the second"
    );
    let screen = crate::tui::tests::render(&app, 160, 48);
    let spinning = screen
        .lines()
        .filter(|l| l.contains("List users") || l.contains("Get me"))
        .filter(|l| ["⠋", "⠙", "⠸", "⠴"].iter().any(|s| l.contains(s)))
        .count();
    assert_eq!(spinning, 2, "{screen}");
}

/// At start the tree shows each request's last status from the history, dimmed, until it is
/// sent again in this session.
#[test]
fn the_tree_shows_last_statuses_from_the_history_until_a_request_is_sent() {
    let mut app = app();
    let get_me = RequestId::new(0, crate::collection::RequestPath::parse("Get me"));
    let crash = RequestId::new(0, crate::collection::RequestPath::parse("Server errors/Crash"));
    step(
        &mut app,
        Msg::Past {
            statuses: vec![(get_me, Some(418)), (crash, None)],
            kept: Vec::new(),
            expired: Vec::new(),
            jars: Vec::new(),
        },
    );
    let screen = crate::tui::tests::render(&app, 120, 40);
    assert!(screen.contains("Get me") && screen.contains("418"), "{screen}");
    assert!(screen.contains("ERR"), "a past failure: {screen}");
}

/// A login kept from an earlier session feeds `{{ response.Auth/Log in.… }}` at once, and
/// where the token came from says so; a response received in this session replaces it.
#[test]
fn a_response_kept_from_an_earlier_session_feeds_chained_templates() {
    let mut app = app();
    let login = RequestId::new(0, crate::collection::RequestPath::parse("Auth/Log in"));
    let kept = crate::history::KeptResponse {
        at: std::time::SystemTime::now() - std::time::Duration::from_secs(3 * 3600),
        status: 200,
        headers: vec![("content-type".into(), "application/json".into())],
        body: r#"{"token":"kept-token-123"}"#.into(),
    };
    step(
        &mut app,
        Msg::Past {
            statuses: Vec::new(),
            kept: vec![(
                login.clone(),
                None,
                crate::session::Kept {
                    response: kept,
                    max_age: None,
                },
            )],
            expired: vec!["the kept response of Old is not used: it is older than its max_age (1 h)".into()],
            jars: Vec::new(),
        },
    );
    assert!(
        app.messages.iter().any(|m| m.contains("max_age")),
        "{:?}",
        app.messages
    );
    let stats = RequestId::new(0, crate::collection::RequestPath::parse("Auth/Admin stats"));
    let auth_origin = |app: &crate::tui::state::App| {
        let prepared = app.session().prepare(&app.workspace, &stats).unwrap();
        assert!(
            prepared
                .request
                .headers
                .iter()
                .any(|(n, v)| n.eq_ignore_ascii_case("authorization") && v.ends_with("kept-token-123")),
            "{:?}",
            prepared.request.headers
        );
        prepared
            .written
            .auth_uses()
            .flat_map(|f| &f.uses)
            .next()
            .unwrap()
            .origin
            .to_string()
    };
    let origin = auth_origin(&app);
    assert!(
        origin.contains("received at") && origin.contains("3 h ago") && origin.contains("earlier session"),
        "{origin}"
    );

    // Sent again in this session: the new response is the one read, as usual.
    select(&mut app, "Auth/Log in");
    let ticket = sent_ticket(&act(&mut app, Action::Send));
    let done = completion(
        &app,
        ticket,
        &Ex::get("http://x/v1/login")
            .status(200)
            .json(r#"{"token":"kept-token-123"}"#),
    );
    step(&mut app, done);
    assert!(matches!(
        app.responses.get(&login, None, std::time::SystemTime::now()),
        Some(crate::session::Latest::Received(_))
    ));
    assert_eq!(auth_origin(&app), "the latest response of \"Auth/Log in\"");
}

/// `y` opens the copy menu: `b` (or `y` again) puts the response body on the clipboard as
/// received, and says how much; with no response there is nothing of it to copy.
#[test]
fn y_then_b_copies_the_response_body_and_says_how_much() {
    let mut app = app();
    select(&mut app, "Get me");
    answered_get_me(&mut app);
    let effects = act(&mut app, Action::Copy);
    assert!(
        effects.is_empty(),
        "a request that was sent is not prepared again: {effects:?}"
    );
    let screen = crate::tui::tests::render(&app, 100, 30);
    for entry in [
        "the response body (25 B)",
        "the request as curl (secrets masked)",
        "the response headers",
        "content-type: application/json",
    ] {
        assert!(screen.contains(entry), "{entry}: {screen}");
    }
    let effects = press(&mut app, KeyCode::Char('y'));
    assert!(
        matches!(effects.as_slice(), [Effect::Copy(text)] if text == r#"{"error":"missing_token"}"#),
        "{effects:?}"
    );
    assert_eq!(
        app.message.as_deref(),
        Some("copied the response body (25 B) to the clipboard")
    );
    assert!(matches!(app.overlay, crate::tui::dialogs::Overlay::None));
}

/// The request copies as curl and as an HTTP message, credentials masked unless the entry
/// that says "with its secrets" is picked. A request not sent yet is resolved on a task
/// first; its entries say "resolving…" until then.
#[test]
fn the_request_copies_as_curl_masked_unless_asked() {
    let mut app = app();
    select(&mut app, "Auth/Log in");
    let effects = act(&mut app, Action::Copy);
    assert!(
        matches!(effects.as_slice(), [Effect::Prepare { .. }]),
        "{effects:?}"
    );
    let screen = crate::tui::tests::render(&app, 100, 30);
    assert!(screen.contains("resolving…"), "{screen}");
    assert!(
        !screen.contains("the response body"),
        "nothing received yet: {screen}"
    );
    assert!(
        press(&mut app, KeyCode::Char('c')).is_empty(),
        "nothing to copy until resolved"
    );
    let more = run_effects(&mut app, effects);
    assert!(more.is_empty(), "{more:?}");

    let copy = |app: &mut crate::tui::state::App, key: char| {
        let effects = press(app, KeyCode::Char(key));
        let [Effect::Copy(text)] = effects.as_slice() else {
            panic!("{key}: {effects:?}")
        };
        text.clone()
    };
    let curl = copy(&mut app, 'c');
    assert!(curl.starts_with("curl "), "{curl}");
    assert!(curl.contains("/v1/login"), "{curl}");
    assert!(curl.contains(r#""password":"****""#), "{curl}");
    assert_eq!(
        app.message.as_deref(),
        Some("copied the request as curl (secrets masked) to the clipboard")
    );

    let effects = act(&mut app, Action::Copy);
    run_effects(&mut app, effects);
    let with_secrets = copy(&mut app, 'C');
    assert!(with_secrets.contains(r#""password":"demo""#), "{with_secrets}");

    let effects = act(&mut app, Action::Copy);
    run_effects(&mut app, effects);
    let message = copy(&mut app, 'r');
    assert!(
        message.starts_with("POST http://127.0.0.1:8787/v1/login HTTP/1.1\n"),
        "{message}"
    );
    assert!(message.contains("\nuser-agent: apibench/"), "{message}");
}

fn press(app: &mut crate::tui::state::App, code: KeyCode) -> Vec<Effect> {
    crate::tui::tests::step(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// `H` lists the selected request's past exchanges (read off the UI thread), enter shows
/// one, and `d` on two compares them.
#[test]
fn past_exchanges_are_one_key_away_and_two_of_them_compare() {
    use crate::tui::dialogs::Overlay;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app();
    select(&mut app, "Get me");
    let effects = act(&mut app, Action::PastExchanges);
    let [Effect::ListPast { request, path, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(path, "Get me");
    let summary = |id: i64, status: u16| crate::history::Summary {
        id,
        at: std::time::UNIX_EPOCH,
        file: "/demo.yaml".into(),
        collection: "Demo API".into(),
        request: "Get me".into(),
        environment: None,
        origin: "tui".into(),
        method: "GET".into(),
        url: "http://x/v1/me".into(),
        status: Some(status),
        failure: None,
        duration: None,
        first_fail: Some("401.creds-sent Credentials were sent".into()),
        met: None,
        bytes: 0,
    };
    step(
        &mut app,
        Msg::PastListed {
            request: request.clone(),
            entries: vec![summary(7, 401), summary(3, 200)],
        },
    );
    let screen = crate::tui::tests::render(&app, 120, 40);
    assert!(
        screen.contains("#7") && screen.contains("401") && screen.contains("✘ Credentials were sent"),
        "{screen}"
    );
    let press =
        |app: &mut crate::tui::state::App, code| step(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    assert!(matches!(
        press(&mut app, KeyCode::Enter).as_slice(),
        [Effect::ReadPast { id: 7, compare: None }]
    ));
    let record = serde_json::json!({
        "request": {"method": "GET", "url": "http://x/v1/me"},
        "response": {"status": 401, "reason": "Unauthorized", "elapsed_ms": 3.0, "body": "{\"error\":\"missing_token\"}",
            "headers": [["content-type", "application/json"]]},
        "expectations": [],
        "diagnosis": {"title": "401 Unauthorized", "summary": "Not accepted.", "checks": [
            {"id": "401.creds-sent", "label": "Credentials were sent", "verdict": "fail", "evidence": "no Authorization header", "severity": "likely"}
        ]},
    });
    app.past.insert(request.clone(), Some(200));
    // Enter opens it in the panes, marked past.
    let effects = step(
        &mut app,
        Msg::PastRead {
            id: 7,
            record,
            compared: None,
        },
    );
    run_effects(&mut app, effects);
    assert!(matches!(app.overlay, Overlay::None));
    let screen = crate::tui::tests::render(&app, 120, 40);
    for seen in [
        "past #7",
        "past: 401 Unauthorized",
        "missing_token",
        "Credentials were sent",
    ] {
        assert!(screen.contains(seen), "{seen}: {screen}");
    }
    // The tree keeps the request's last status, not the past one on view.
    assert!(
        screen.lines().any(|l| l.contains("Get me") && l.contains("200")),
        "{screen}"
    );
    // One that failed before a response is described in the dialog, long lines wrapped.
    act(&mut app, Action::PastExchanges);
    step(
        &mut app,
        Msg::PastListed {
            request: request.clone(),
            entries: vec![summary(7, 401), summary(3, 200)],
        },
    );
    let failed = serde_json::json!({
        "request": {"method": "GET", "url": "http://x/v1/me"},
        "response": null,
        "error": {"kind": "timeout", "message": format!("{} wrapped-to-the-end", "word ".repeat(40))},
        "expectations": [],
        "diagnosis": {"title": "Timed out", "summary": "", "checks": []},
    });
    step(
        &mut app,
        Msg::PastRead {
            id: 3,
            record: failed,
            compared: None,
        },
    );
    let screen = crate::tui::tests::render(&app, 120, 40);
    assert!(screen.contains("#3 (past)"), "{screen}");
    assert!(
        screen.contains("wrapped-to-the-end"),
        "a long line wraps rather than being cut: {screen}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('j'));
    assert!(matches!(
        press(&mut app, KeyCode::Char('d')).as_slice(),
        [Effect::ReadPast {
            id: 7,
            compare: Some(3)
        }]
    ));
    step(
        &mut app,
        Msg::PastRead {
            id: 7,
            record: serde_json::Value::Null,
            compared: Some((3, vec![["status".into(), "200".into(), "401".into()]])),
        },
    );
    let screen = crate::tui::tests::render(&app, 120, 40);
    assert!(screen.contains("#3 → #7"), "{screen}");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("status") && l.contains("│ 200") && l.contains("│ 401")),
        "side by side: {screen}"
    );
    assert!(matches!(app.overlay, Overlay::Past(_)));
}

/// `W` asks where to save the body (offering a name from its type) and writes it byte for
/// byte to a new file, never over one that is there.
#[test]
fn shift_w_saves_the_body_to_a_new_file_byte_for_byte() {
    use crate::tui::dialogs::Overlay;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app();
    select(&mut app, "Get me");
    answered_get_me(&mut app);
    act(&mut app, Action::SaveBody);
    let Overlay::Prompt(prompt) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(prompt.text, "response.json");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("me.json");
    if let Overlay::Prompt(prompt) = &mut app.overlay {
        prompt.text = path.display().to_string();
    }
    let effects = step(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    let [
        Effect::WriteBody {
            path: to,
            body,
            spilled: None,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(to, &path);

    // The runner writes it off the UI thread, and refuses to write over it.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut runner = crate::tui::runner::Runner::new(tx);
        runner.run(Effect::WriteBody {
            path: path.clone(),
            body: body.clone(),
            spilled: None,
        });
        let Some(Msg::Notice(said)) = rx.recv().await else {
            panic!("a notice")
        };
        assert!(said.starts_with("saved the body (25 B) to "), "{said}");
        assert_eq!(std::fs::read(&path).unwrap(), br#"{"error":"missing_token"}"#);
        runner.run(Effect::WriteBody {
            path: path.clone(),
            body: bytes::Bytes::from_static(b"other"),
            spilled: None,
        });
        let Some(Msg::Notice(said)) = rx.recv().await else {
            panic!("a notice")
        };
        assert!(
            said.ends_with("already exists; nothing was written (choose another name)"),
            "{said}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), br#"{"error":"missing_token"}"#);

        // A body kept on disk is copied whole from its file, not from the start held.
        let whole = b"the whole body, of which only the start is held".repeat(100);
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, &whole).unwrap();
        let spilled = crate::http::SpilledBody::new(file.into_temp_path(), whole.len() as u64);
        let copy = path.with_extension("big");
        runner.run(Effect::WriteBody {
            path: copy.clone(),
            body: bytes::Bytes::copy_from_slice(&whole[..10]),
            spilled: Some(spilled),
        });
        let Some(Msg::Notice(said)) = rx.recv().await else {
            panic!("a notice")
        };
        assert!(said.starts_with("saved the body (4.6 KiB) to "), "{said}");
        assert_eq!(std::fs::read(&copy).unwrap(), whole);
    });
}

/// Sends the selected request and answers it as the demo's `Get me` does without a token.
fn answered_get_me(app: &mut crate::tui::state::App) {
    let ticket = sent_ticket(&act(app, Action::Send));
    let ex = Ex::get("http://127.0.0.1:8787/v1/me")
        .status(401)
        .json(r#"{"error":"missing_token"}"#);
    let done = completion(app, ticket, &ex);
    step(app, done);
}

/// A kept response belongs to the environment it was received in, and is not read once it
/// has expired, however long the session has been running.
#[test]
fn a_kept_response_serves_its_own_environment_only_and_not_once_expired() {
    let mut app = app();
    let login = RequestId::new(0, crate::collection::RequestPath::parse("Auth/Log in"));
    let stats = RequestId::new(0, crate::collection::RequestPath::parse("Auth/Admin stats"));
    let kept = |ago: u64, max_age: Option<u64>| crate::session::Kept {
        response: crate::history::KeptResponse {
            at: std::time::SystemTime::now() - std::time::Duration::from_secs(ago),
            status: 200,
            headers: Vec::new(),
            body: r#"{"token":"kept-token-123"}"#.into(),
        },
        max_age: max_age.map(std::time::Duration::from_secs),
    };
    step(
        &mut app,
        Msg::Past {
            statuses: Vec::new(),
            kept: vec![(login.clone(), Some("local".into()), kept(60, None))],
            expired: Vec::new(),
            jars: Vec::new(),
        },
    );
    let needs_login = |app: &crate::tui::state::App| {
        app.session()
            .prepare(&app.workspace, &stats)
            .err()
            .and_then(|e| e.needed_response().map(str::to_owned))
    };
    assert_eq!(
        needs_login(&app).as_deref(),
        Some("Auth/Log in"),
        "no environment: not local's"
    );
    app.environment = Some("local".into());
    assert_eq!(needs_login(&app), None, "local's own");
    // One whose max_age ran out is not read.
    app.responses
        .recall(login, Some("local".into()), kept(120, Some(60)));
    assert_eq!(needs_login(&app).as_deref(), Some("Auth/Log in"));
}

/// `K` on a collection without cookies says how to keep them; `D` on an empty jar says so.
#[test]
fn the_cookie_list_says_when_there_is_nothing_to_show_or_clear() {
    let mut app = app();
    select(&mut app, "Get me");
    act(&mut app, Action::Cookies);
    let screen = crate::tui::tests::render(&app, 80, 24);
    assert!(screen.contains("cookies: true"), "{screen}");
    press(&mut app, KeyCode::Char('D'));
    assert_eq!(app.message.as_deref(), Some("the cookie jar is empty already"));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, crate::tui::dialogs::Overlay::None));
}
