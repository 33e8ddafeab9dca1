//! Snapshots of the screen on a `TestBackend`: the whole screen at 160x48, and each pane as
//! the narrow layout shows it at 80x24, for a 200, a 401, a 429 and a refused connection.

use crate::diagnosis::tests::Ex;
use crate::http::{FailureKind, Phase};
use crate::tui::state::{App, Pane};
use crate::tui::tests::{app, finish, focus, render, select, step};

fn ok_200() -> (&'static str, Ex) {
    (
        "List users",
        Ex::get("http://127.0.0.1:8787/v1/users?page=1&per_page=20")
            .status(200)
            .res("ratelimit-policy", "\"default\";q=100;w=60")
            .res("ratelimit", "\"default\";r=99;t=60")
            .json(r#"{"data":[{"id":1,"name":"Ada Lovelace","email":"ada@example.com","roles":["admin"]}],"page":1,"per_page":20,"total":3}"#),
    )
}

fn unauthorized_401() -> (&'static str, Ex) {
    (
        "Get me",
        Ex::get("http://127.0.0.1:8787/v1/me")
            .status(401)
            .res("www-authenticate", "Bearer realm=\"demo\"")
            .json(
                r#"{"error":"missing_token","message":"This endpoint needs Authorization: Bearer <token>"}"#,
            ),
    )
}

fn limited_429() -> (&'static str, Ex) {
    (
        "Rate limited",
        Ex::get("http://127.0.0.1:8787/v1/limited")
            .status(429)
            .res("retry-after", "10")
            .res("ratelimit-policy", "\"burst\";q=3;w=10")
            .res("ratelimit", "\"burst\";r=0;t=10")
            .problem(r#"{"type":"https://iana.org/assignments/http-problem-types#quota-exceeded","title":"Too many requests","status":429,"violated-policies":["burst"]}"#),
    )
}

fn refused() -> (&'static str, Ex) {
    let mut ex = Ex::get("http://127.0.0.1:9/v1/users")
        .fail(
            FailureKind::Connect,
            Phase::Connect,
            "connection refused by 127.0.0.1:9",
        )
        .chain(&[
            "error sending request for url (http://127.0.0.1:9/v1/users)",
            "client error (Connect)",
            "tcp connect error",
            "Connection refused (os error 111)",
        ]);
    ex.io_kind = Some(std::io::ErrorKind::ConnectionRefused);
    ex.resolved = vec!["127.0.0.1:9".parse().unwrap()];
    ("Network/Connection refused", ex)
}

fn app_after((path, ex): (&'static str, Ex)) -> App {
    let mut app = app();
    select(&mut app, path);
    finish(&mut app, &ex);
    app
}

fn scenarios() -> [(&'static str, (&'static str, Ex)); 4] {
    [
        ("200", ok_200()),
        ("401", unauthorized_401()),
        ("429", limited_429()),
        ("refused", refused()),
    ]
}

#[test]
fn whole_screen_at_160x48() {
    for (name, scenario) in scenarios() {
        let app = app_after(scenario);
        insta::assert_snapshot!(format!("screen_160x48_{name}"), render(&app, 160, 48));
    }
}

#[test]
fn each_pane_at_80x24() {
    for (name, scenario) in scenarios() {
        let mut app = app_after(scenario);
        for pane in Pane::ALL {
            focus(&mut app, pane);
            insta::assert_snapshot!(
                format!("pane_80x24_{name}_{}", pane.title().to_lowercase()),
                render(&app, 80, 24)
            );
        }
    }
}

#[test]
fn help_and_the_environment_picker() {
    let mut app = app();
    step(
        &mut app,
        crate::tui::message::Msg::Action(crate::tui::action::Action::Help),
    );
    insta::assert_snapshot!("help_160x48", render(&app, 160, 48));
    step(&mut app, crate::tui::message::Msg::Resize(80, 24));
    insta::assert_snapshot!("help_80x24", render(&app, 80, 24));
    step(
        &mut app,
        crate::tui::message::Msg::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::End,
            crossterm::event::KeyModifiers::NONE,
        )),
    );
    insta::assert_snapshot!("help_80x24_bottom", render(&app, 80, 24));
    app.overlay = crate::tui::dialogs::Overlay::None;
    step(
        &mut app,
        crate::tui::message::Msg::Action(crate::tui::action::Action::SwitchEnvironment),
    );
    step(
        &mut app,
        crate::tui::message::Msg::Action(crate::tui::action::Action::Down),
    );
    insta::assert_snapshot!("environments_80x24", render(&app, 80, 24));
}

#[test]
fn escape_sequences_in_a_body_are_shown_inert() {
    let mut app = app_after((
        "Network/Escape sequences",
        Ex::get("http://127.0.0.1:8787/v1/escape")
            .status(200)
            .res("content-type", "text/plain")
            .res("x-evil", "a\u{1b}]0;title\u{7}b")
            .res_body("\u{1b}[2J\u{1b}[31mred\u{1b}[0m \u{1b}]52;c;ZWNobw==\u{7} \u{202e}rtl"),
    ));
    app.focus = Pane::Response;
    let screen = render(&app, 160, 48);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}') && !screen.contains('\u{202e}'));
    assert!(
        screen.contains("␛[2J␛[31mred␛[0m ␛]52;c;ZWNobw==␇ <U+202E>rtl"),
        "{screen}"
    );
    app.response_tab = crate::tui::state::ResponseTab::Headers;
    assert!(render(&app, 160, 48).contains("a␛]0;title␇b"));
}

#[test]
fn resizing_to_any_size_never_panics() {
    let app = app_after(limited_429());
    for (w, h) in [
        (1, 1),
        (10, 3),
        (40, 10),
        (99, 24),
        (100, 24),
        (250, 80),
        (20, 60),
    ] {
        let _ = render(&app, w, h);
    }
}

#[test]
fn a_body_line_cut_at_the_pane_edge_ends_in_an_ellipsis_and_wraps_on_request() {
    let long = format!("start {} end", "x".repeat(200));
    let mut app = app_after((
        "List users",
        Ex::get("http://127.0.0.1:8787/v1/users")
            .status(200)
            .res("content-type", "text/plain")
            .res_body(&format!("{long}\nshort\n")),
    ));
    app.focus = Pane::Response;
    let screen = render(&app, 80, 24);
    let cut = screen
        .lines()
        .find(|l| l.contains("start x"))
        .expect("the long line");
    assert!(cut.contains("x…│"), "{cut}");
    assert!(
        screen.contains("short  "),
        "a line that fits is not marked: {screen}"
    );
    assert!(!screen.contains("short…"), "{screen}");

    app.body.wrap = true;
    let wrapped = render(&app, 80, 24);
    assert!(wrapped.contains("x end"), "{wrapped}");
    assert!(!wrapped.contains('…'), "{wrapped}");
}

/// Wrapping cuts only what fits on screen from a line (a frame of a 20 MB one took 386 ms,
/// now 0.4 ms: `cargo bench -- wrapped_20MB`): the pane is full, its rows continue one
/// another, and the next line is not drawn over them.
#[test]
fn a_line_longer_than_the_pane_wraps_to_fill_it_and_no_further() {
    let digits: String = "0123456789".repeat(4_000);
    let mut app = app_after((
        "List users",
        Ex::get("http://127.0.0.1:8787/v1/users")
            .status(200)
            .res("content-type", "text/plain")
            .res_body(&format!("{digits}\nnext line\n")),
    ));
    app.focus = Pane::Response;
    app.body.wrap = true;
    let screen = render(&app, 80, 24);
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains("0123456789")).collect();
    assert!(rows.len() >= 10, "the pane fills with the line's rows: {screen}");
    assert!(!screen.contains("next line"), "{screen}");
    assert!(!screen.contains('…'), "{screen}");
}

#[test]
fn a_timeout_says_where_it_stopped_once() {
    let mut app = app_after((
        "Network/Too slow for the timeout",
        Ex::get("http://127.0.0.1:8787/v1/slow?ms=3000").fail(
            FailureKind::Timeout,
            Phase::WaitingForResponse,
            "no complete response within the 1 s timeout (timed out while waiting for the response)",
        ),
    ));
    app.focus = Pane::Response;
    let screen = render(&app, 160, 48);
    assert_eq!(screen.matches("waiting for the response").count(), 1, "{screen}");
}

#[test]
fn page_down_moves_by_the_panes_height_keeping_one_line_in_view() {
    let body = (0..300)
        .map(|i| format!("line {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut app = app_after((
        "List users",
        Ex::get("http://127.0.0.1:8787/v1/users")
            .status(200)
            .res("content-type", "text/plain")
            .res_body(&body),
    ));
    app.focus = Pane::Response;
    let numbers = |screen: &str| -> Vec<usize> {
        screen
            .split(|c: char| !c.is_ascii_alphanumeric() && c != ' ')
            .filter_map(|s| s.trim().strip_prefix("line ")?.parse().ok())
            .collect()
    };
    for size in [(160, 48), (80, 24)] {
        app.body.scroll = 0;
        step(&mut app, crate::tui::message::Msg::Resize(size.0, size.1));
        let before = numbers(&render(&app, size.0, size.1));
        step(
            &mut app,
            crate::tui::message::Msg::Action(crate::tui::action::Action::PageDown),
        );
        let after = numbers(&render(&app, size.0, size.1));
        assert_eq!(
            after.first(),
            before.last(),
            "{size:?}: {before:?} then {after:?}"
        );
    }
}
