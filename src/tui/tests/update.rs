//! `update` on its own: an action in, the state and the effects out.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::{app, finish, select};
use crate::diagnosis::tests::{Ex, T0, at};
use crate::diagnosis::{Check, Clock, Verdict};
use crate::session::Sent;
use crate::tui::action::Action;
use crate::tui::app::{Flight, Overlay, Pane, PromptKind, ResponseTab};
use crate::tui::body::BodyView;
use crate::tui::msg::{Effect, Msg};
use crate::tui::update::update;

fn act(app: &mut crate::tui::app::App, action: Action) -> Vec<Effect> {
    update(app, Msg::Action(action))
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn sent_ticket(effects: &[Effect]) -> u64 {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Send { ticket, .. } => Some(*ticket),
            _ => None,
        })
        .expect("a Send effect")
}

/// A finished send for the selected request, as the runner would report it.
fn completion(app: &crate::tui::app::App, ticket: u64, ex: &Ex) -> Msg {
    let (collection, path) = app.selected().map(|(c, p)| (c, p.clone())).unwrap();
    Msg::Sent {
        ticket,
        key: crate::tui::app::App::key_of(collection, &path),
        results: vec![Sent {
            collection,
            path: path.clone(),
            prepared: app.session().prepare(&app.workspace, collection, &path),
            outcome: Some(ex.outcome()),
            needed_by: None,
        }],
    }
}

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
    update(&mut app, login_done);
    update(&mut app, users_done);
    let path = |p: &str| crate::collection::RequestPath::parse(p);
    assert!(
        app.responses.get(0, &path("Auth/Log in")).is_some(),
        "the login's response is kept"
    );
    assert!(app.responses.get(0, &path("List users")).is_some());
}

#[test]
fn a_send_stopped_by_a_template_error_still_cancels_the_one_in_flight() {
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
            r.url = "{{ no_such_variable }}/v1/me".to_owned();
        }
    }
    workspace.collections[0] = collection;
    let effects = act(&mut app, Action::Send);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Abort { ticket } if *ticket == first)),
        "{effects:?}"
    );
    assert!(!effects.iter().any(|e| matches!(e, Effect::Send { .. })));
    assert!(matches!(app.selected_state().unwrap().flight, Flight::Idle));
}

#[test]
fn send_goes_on_a_task_and_the_result_is_stored_and_diagnosed_once() {
    let mut app = app();
    select(&mut app, "Get me");
    let effects = act(&mut app, Action::Send);
    let ticket = sent_ticket(&effects);
    assert!(matches!(app.selected_state().unwrap().flight, Flight::Sending { ticket: t, .. } if t == ticket));

    let ex = Ex::get("http://127.0.0.1:8787/v1/me")
        .status(401)
        .res("www-authenticate", "Bearer realm=\"demo\"")
        .json(r#"{"error":"missing_token"}"#);
    let done = completion(&app, ticket, &ex);
    let effects = update(&mut app, done);
    assert!(
        matches!(effects.as_slice(), [Effect::BuildBody { .. }]),
        "{effects:?}"
    );
    let done = app.selected_done().unwrap();
    assert_eq!(done.status(), Some(401));
    assert_eq!(
        done.checklist.first_failure().map(Check::id),
        Some("401.creds-sent")
    );
    assert!(matches!(app.selected_state().unwrap().flight, Flight::Idle));
    assert_eq!(app.history.len(), 1);
}

#[test]
fn a_second_send_supersedes_the_first_and_stale_results_are_dropped() {
    let mut app = app();
    select(&mut app, "List users");
    let first = sent_ticket(&act(&mut app, Action::Send));
    let effects = act(&mut app, Action::Send);
    assert!(matches!(effects[0], Effect::Abort { ticket } if ticket == first));
    let second = sent_ticket(&effects);
    assert_ne!(first, second);
    assert_eq!(
        app.message.as_deref(),
        Some("sent List users again; the send in flight was cancelled"),
        "the restart is said, not silent"
    );

    let stale = completion(&app, first, &Ex::get("http://x/").status(500));
    assert!(update(&mut app, stale).is_empty());
    assert!(
        app.selected_done().is_none(),
        "the superseded result must not show"
    );
    let done = completion(&app, second, &Ex::get("http://x/").status(200));
    update(&mut app, done);
    assert_eq!(app.selected_done().unwrap().status(), Some(200));
}

#[test]
fn cancel_aborts_the_task_and_ignores_its_result() {
    let mut app = app();
    select(&mut app, "Network/Too slow for the timeout");
    let ticket = sent_ticket(&act(&mut app, Action::Send));
    let effects = act(&mut app, Action::Cancel);
    assert!(matches!(effects.as_slice(), [Effect::Abort { ticket: t }] if *t == ticket));
    assert!(matches!(app.selected_state().unwrap().flight, Flight::Cancelled));
    let late = completion(&app, ticket, &Ex::get("http://x/").status(200));
    update(&mut app, late);
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
        r.url = "{{ base_ulr }}/v1/me".into();
    }
    app.workspace = Arc::new(workspace);
    let effects = act(&mut app, Action::Send);
    assert!(effects.is_empty(), "nothing is sent");
    let done = app.selected_done().unwrap();
    assert_eq!(done.checklist.title, "Template error");
    assert!(
        done.checklist.checks[0]
            .evidence
            .contains("did you mean `base_url`?"),
        "{:?}",
        done.checklist.checks
    );
}

#[test]
fn the_tree_moves_folds_and_sends_on_enter() {
    let mut app = app();
    let start = app.tree.selected;
    act(&mut app, Action::Down);
    assert_eq!(app.tree.selected, start + 1);
    act(&mut app, Action::Top);
    assert_eq!(app.tree.selected, 0);
    let rows = app.tree.rows.len();
    act(&mut app, Action::Select); // the collection row: fold it
    assert_eq!(app.tree.rows.len(), 1);
    act(&mut app, Action::Expand);
    assert_eq!(app.tree.rows.len(), rows);
    act(&mut app, Action::Down);
    assert!(matches!(
        act(&mut app, Action::Select).as_slice(),
        [Effect::Send { .. }]
    ));
}

#[test]
fn panes_cycle_and_tabs_switch() {
    let mut app = app();
    act(&mut app, Action::NextPane);
    assert_eq!(app.focus, Pane::Request);
    act(&mut app, Action::PrevPane);
    act(&mut app, Action::PrevPane);
    assert_eq!(app.focus, Pane::Checklist);
    app.focus = Pane::Response;
    act(&mut app, Action::NextTab);
    assert_eq!(app.response_tab, ResponseTab::Headers);
    act(&mut app, Action::Collapse);
    assert_eq!(app.response_tab, ResponseTab::Body);
}

#[test]
fn the_environment_picker_switches_environment() {
    let mut app = app();
    act(&mut app, Action::SwitchEnvironment);
    assert!(matches!(&app.overlay, Overlay::Choice(c) if c.selected == 0));
    update(&mut app, key('j'));
    update(&mut app, key('j'));
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(app.environment.as_deref(), Some("logged-in"));
    assert_eq!(app.session().environment.as_deref(), Some("logged-in"));
}

#[test]
fn search_runs_off_thread_and_jumps_to_matches() {
    let mut app = app();
    select(&mut app, "List users");
    finish(
        &mut app,
        &Ex::get("http://x/")
            .status(200)
            .json(r#"{"a":"needle","b":[1,2,3],"c":"needle"}"#),
    );
    act(&mut app, Action::Search);
    for c in "needle".chars() {
        update(&mut app, key(c));
    }
    assert!(matches!(&app.overlay, Overlay::Prompt(p) if p.kind == PromptKind::Search && p.text == "needle"));
    let effects = update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    let Some(Effect::Search { view, query }) = effects.into_iter().next() else {
        panic!("a Search effect")
    };
    let matches = view.search(&query, 100);
    update(&mut app, Msg::Searched { query, matches });
    assert_eq!(app.body.matches, vec![(1, 8), (7, 8)]);
    assert_eq!(app.message.as_deref(), Some("match 1 of 2 for \"needle\""));
    update(&mut app, key('n'));
    assert_eq!(app.body.current, 1);
    assert_eq!(app.body.scroll, 4);
    assert_eq!(app.message.as_deref(), Some("match 2 of 2 for \"needle\""));
    update(&mut app, key('j'));
    assert_eq!(app.message, None, "the next key moves on from the message");
}

#[test]
fn a_filter_prompt_offers_text_that_typing_extends_and_a_typed_path_replaces() {
    let text = |app: &crate::tui::app::App| match &app.overlay {
        Overlay::Prompt(p) => p.text.clone(),
        other => panic!("{other:?}"),
    };
    let mut app = app();
    act(&mut app, Action::Filter);
    update(&mut app, key('d'));
    assert_eq!(text(&app), "$.d", "typing extends the offered `$.`");

    app.overlay = Overlay::None;
    app.body.filter = Some("$.old".into());
    act(&mut app, Action::Filter);
    for c in "$.new".chars() {
        update(&mut app, key(c));
    }
    assert_eq!(text(&app), "$.new", "a typed path replaces the last filter");
}

#[test]
fn a_whole_path_pasted_replaces_the_filters_starting_point_and_ctrl_keys_edit_the_line() {
    let mut app = app();
    act(&mut app, Action::Filter); // opens on "$."
    update(&mut app, Msg::Paste("$.data[0].name".into()));
    let text = |app: &crate::tui::app::App| match &app.overlay {
        Overlay::Prompt(p) => p.text.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(text(&app), "$.data[0].name");
    update(&mut app, key(' '));
    update(&mut app, key('x'));
    let ctrl = |c| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    update(&mut app, ctrl('w'));
    assert_eq!(text(&app), "$.data[0].name ");
    update(&mut app, ctrl('u'));
    assert_eq!(text(&app), "");
}

#[test]
fn a_pasted_filter_lands_in_the_prompt_on_one_line() {
    let mut app = app();
    act(&mut app, Action::Filter); // opens on "$."
    update(&mut app, Msg::Paste("data[0]\r\n.name\u{1b}".into()));
    assert!(
        matches!(&app.overlay, Overlay::Prompt(p) if p.kind == PromptKind::Filter && p.text == "$.data[0]  .name "),
        "{:?}",
        app.overlay
    );
}

#[test]
fn filters_replace_the_body_until_cleared() {
    let mut app = app();
    select(&mut app, "List users");
    finish(
        &mut app,
        &Ex::get("http://x/")
            .status(200)
            .json(r#"{"data":[{"name":"Ada"}]}"#),
    );
    let view: Arc<BodyView> = app.selected_done().unwrap().body.clone().unwrap();
    let result = view.filter("$.data[0].name");
    update(
        &mut app,
        Msg::Filtered {
            expr: "$.data[0].name".into(),
            result,
        },
    );
    assert_eq!(crate::tui::update::shown_body(&app).unwrap().text, "\"Ada\"");
    act(&mut app, Action::Filter);
    for _ in 0.."$.data[0].name".len() {
        update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
        );
    }
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    assert!(app.body.filtered.is_none());
}

fn eleven_seconds_later() -> Clock {
    Clock::utc(at(T0 + 11))
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
    let check = |app: &crate::tui::app::App| {
        app.selected_done()
            .unwrap()
            .checklist
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
    assert!(
        app.next_wakeup(std::time::Instant::now()).is_some(),
        "a countdown keeps ticking"
    );

    // Retry before the wait is over only arms it.
    assert!(act(&mut app, Action::Retry).is_empty());
    assert!(app.message.as_deref().unwrap().starts_with("retry armed"));

    app.clock = eleven_seconds_later;
    let effects = update(&mut app, Msg::Tick);
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
    let screen = super::render(&app, 160, 48);
    assert!(
        screen.contains("✔ The wait the server asked for has passed"),
        "a countdown that ran out stays in view, not among the collapsed passes:\n{screen}"
    );
}

#[test]
fn nothing_wakes_the_app_when_nothing_happens() {
    let mut app = app();
    assert_eq!(app.next_wakeup(std::time::Instant::now()), None);
    select(&mut app, "List users");
    finish(&mut app, &Ex::get("http://x/").status(200));
    assert_eq!(app.next_wakeup(std::time::Instant::now()), None);
}

#[test]
fn help_opens_from_the_keymap_and_closes_with_help_esc_or_q() {
    let mut app = app();
    let esc = Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    for close in [key('?'), esc, key('q')] {
        update(&mut app, key('?'));
        assert!(matches!(app.overlay, Overlay::Help { .. }));
        update(&mut app, key('x'));
        assert!(
            matches!(app.overlay, Overlay::Help { .. }),
            "other keys keep it open"
        );
        update(&mut app, close);
        assert!(matches!(app.overlay, Overlay::None));
        assert!(!app.quit, "q closes the help, and only the help");
    }
    update(&mut app, key('q'));
    assert!(app.quit);
}

fn help_scroll(app: &crate::tui::app::App) -> u16 {
    match app.overlay {
        Overlay::Help { scroll } => scroll,
        ref other => panic!("{other:?}"),
    }
}

#[test]
fn help_scrolls_when_it_does_not_fit_and_stops_at_its_last_line() {
    let mut app = app();
    app.size = (80, 24);
    update(&mut app, key('?'));
    let screen = super::render(&app, 80, 24);
    assert!(screen.contains("send the selected request"), "{screen}");
    assert!(!screen.contains("keymap.yaml"), "{screen}");
    assert!(screen.contains("j/k scroll · esc closes"), "{screen}");
    update(&mut app, key('j'));
    assert_eq!(help_scroll(&app), 1);
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
    );
    assert_eq!(help_scroll(&app), 2);
    update(&mut app, key('k'));
    assert_eq!(help_scroll(&app), 1);
    update(&mut app, key('G'));
    let bottom = help_scroll(&app);
    assert!(bottom > 1);
    let screen = super::render(&app, 80, 24);
    assert!(screen.contains("keymap.yaml"), "the last line shows: {screen}");
    update(&mut app, key('j'));
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)),
    );
    assert_eq!(help_scroll(&app), bottom, "no further than the last line");
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::PageUp, KeyModifiers::NONE)),
    );
    assert!(help_scroll(&app) < bottom);
    update(&mut app, key('g'));
    assert_eq!(help_scroll(&app), 0);
    // The wheel scrolls it too.
    update(
        &mut app,
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 40,
            row: 10,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(help_scroll(&app), 3);

    // Where everything fits, nothing scrolls and no hint shows.
    app.size = (160, 48);
    update(&mut app, key('g'));
    update(&mut app, key('G'));
    assert_eq!(help_scroll(&app), 0);
    assert!(!super::render(&app, 160, 48).contains("esc closes"));
}

#[test]
fn mouse_clicks_select_rows_and_the_wheel_scrolls() {
    let mut app = app();
    // Row 3 of the tree pane (border at y=0): the third row, "Get me".
    update(
        &mut app,
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 5,
            row: 3,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(
        app.selected().map(|(_, p)| p.to_string()).as_deref(),
        Some("Get me")
    );
    finish(
        &mut app,
        &Ex::get("http://x/")
            .status(200)
            .json(&format!("[{}]", vec!["1"; 200].join(","))),
    );
    update(
        &mut app,
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 60,
            row: 40,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(app.body.scroll, 3);
    assert_eq!(app.focus, Pane::Tree, "the wheel scrolls without stealing focus");
}

#[test]
fn terminate_quits() {
    let mut app = app();
    update(&mut app, Msg::Terminate);
    assert!(app.quit);
}

#[test]
fn the_resolved_preview_follows_the_environment() {
    let mut app = app();
    app.overrides.insert("token".into(), String::new());
    select(&mut app, "Get me");
    act(&mut app, Action::ToggleResolved);
    let auth = |app: &crate::tui::app::App| {
        let (_, prepared) = app.preview.as_ref().expect("a preview");
        prepared
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
    update(&mut app, Msg::Tick);
    assert!(auth(&app), "the environment's token is in the preview");
}

#[test]
fn environment_names_are_listed_once_in_the_order_first_seen() {
    use crate::collection::parse_collection;
    let parse = |text: &str, file: &str| parse_collection(text, std::path::Path::new(file)).unwrap();
    let workspace = crate::session::Workspace::from_collections(vec![
        parse("environments:\n  prod: {}\n  dev: {}\nrequests: []\n", "a.yaml"),
        parse("environments:\n  stage: {}\n  dev: {}\nrequests: []\n", "b.yaml"),
    ]);
    let app = crate::tui::app::App::new(
        workspace,
        crate::tui::keymap::Keymap::default(),
        crate::collection::Variables::new(),
    );
    assert_eq!(app.environment_names(), ["prod", "dev", "stage"]);
}

#[test]
fn a_filter_without_a_response_or_that_fails_says_why_and_keeps_the_body() {
    let mut app = app();
    select(&mut app, "List users");
    act(&mut app, Action::Filter);
    update(&mut app, Msg::Paste("data".into()));
    let effects = update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    assert!(effects.is_empty());
    assert_eq!(app.message.as_deref(), Some("no body to filter yet"));

    finish(
        &mut app,
        &Ex::get("http://x/").status(200).json(r#"{"data":[1]}"#),
    );
    let view: Arc<BodyView> = app.selected_done().unwrap().body.clone().unwrap();
    let result = view.filter("$[");
    assert!(result.is_err());
    update(
        &mut app,
        Msg::Filtered {
            expr: "$[".into(),
            result,
        },
    );
    assert!(
        app.message.as_deref().unwrap().starts_with("filter: "),
        "{:?}",
        app.message
    );
    assert_eq!(app.body.filter, None);
    assert!(app.body.filtered.is_none(), "the body stays unfiltered");
}

/// A 200 whose headers and raw message are `headers` lines long.
fn with_headers(app: &mut crate::tui::app::App, headers: usize) {
    select(app, "List users");
    let mut ex = Ex::get("http://x/").status(200);
    for i in 0..headers {
        ex = ex.res(&format!("x-header-{i:03}"), "value");
    }
    finish(app, &ex.json("[]"));
    app.focus = Pane::Response;
}

/// The screen rows the pane's content takes at 80x24: under the pane tabs, the border and
/// the response tabs, above the bottom border and the status bar.
fn content_rows(screen: &str) -> Vec<String> {
    let rows: Vec<&str> = screen.lines().collect();
    rows[3..rows.len() - 2].iter().map(|r| (*r).to_owned()).collect()
}

#[test]
fn headers_and_raw_do_not_scroll_when_everything_fits() {
    let mut app = app();
    app.size = (80, 24);
    with_headers(&mut app, 3);
    for tab in [ResponseTab::Headers, ResponseTab::Raw] {
        app.response_tab = tab;
        for action in [Action::Down, Action::PageDown, Action::Bottom] {
            act(&mut app, action);
            assert_eq!(
                app.scroll.get(&Pane::Response).copied().unwrap_or(0),
                0,
                "{tab:?} {action:?}"
            );
        }
    }
}

#[test]
fn headers_and_raw_scroll_no_further_than_the_last_line_at_the_bottom() {
    let mut app = app();
    app.size = (80, 24);
    with_headers(&mut app, 40);
    // 19 rows of content at 80x24: the headers tab has 41 lines (content-type last), the
    // raw tab a status line, the headers, a blank line and the body.
    for (tab, last, lines) in [
        (ResponseTab::Headers, "content-type", 41),
        (ResponseTab::Raw, "[]", 44),
    ] {
        app.response_tab = tab;
        act(&mut app, Action::Top);
        act(&mut app, Action::Bottom);
        assert_eq!(app.scroll[&Pane::Response], lines - 19, "{tab:?}");
        let rows = content_rows(&super::render(&app, 80, 24));
        assert_eq!(rows.len(), 19);
        assert!(rows.last().unwrap().contains(last), "{tab:?}: {rows:#?}");
        for _ in 0..5 {
            act(&mut app, Action::Down);
            act(&mut app, Action::PageDown);
        }
        assert_eq!(app.scroll[&Pane::Response], lines - 19, "{tab:?}");
        act(&mut app, Action::Up);
        assert_eq!(
            app.scroll[&Pane::Response],
            lines - 20,
            "one key up moves one line up"
        );
        act(&mut app, Action::PageUp);
        act(&mut app, Action::PageUp);
        assert_eq!(app.scroll[&Pane::Response], 0, "{tab:?}");
    }
}

#[test]
fn bottom_of_the_body_shows_the_last_screenful() {
    let mut app = app();
    app.size = (80, 24);
    select(&mut app, "List users");
    // `[`, 200 numbers and `]`: 202 lines; 19 rows of content at 80x24.
    finish(
        &mut app,
        &Ex::get("http://x/").status(200).json(&format!(
            "[{}]",
            (0..200).map(|i| i.to_string()).collect::<Vec<_>>().join(",")
        )),
    );
    app.focus = Pane::Response;
    act(&mut app, Action::Bottom);
    assert_eq!(app.body.scroll, 202 - 19);
    let rows = content_rows(&super::render(&app, 80, 24));
    assert!(rows.first().unwrap().contains("  182,"), "line 183: {rows:#?}");
    assert!(rows.last().unwrap().contains(']'), "{rows:#?}");
    act(&mut app, Action::Down);
    assert_eq!(app.body.scroll, 202 - 19, "no further than the last screenful");
    act(&mut app, Action::Up);
    assert_eq!(app.body.scroll, 202 - 20, "one key up moves one line up");
}

#[test]
fn bottom_of_a_wrapped_body_counts_screen_rows() {
    let mut app = app();
    app.size = (80, 24);
    select(&mut app, "List users");
    // 30 lines of 98 columns: two rows each in 78 columns, so 9 of them fill 19 rows.
    let text: Vec<String> = (0..30)
        .map(|i| format!("line {i:02} {}", "word ".repeat(18)))
        .collect();
    finish(
        &mut app,
        &Ex::get("http://x/")
            .status(200)
            .res("content-type", "text/plain")
            .res_body(&text.join("\n")),
    );
    app.focus = Pane::Response;
    act(&mut app, Action::ToggleWrap);
    act(&mut app, Action::Bottom);
    assert_eq!(app.body.scroll, 30 - 9);
    let rows = content_rows(&super::render(&app, 80, 24));
    assert!(rows[0].contains("line 21"), "{rows:#?}");
    assert!(rows[17].contains("word"), "{rows:#?}");
    assert!(rows[16].contains("line 29"), "{rows:#?}");
}

#[test]
fn bottom_of_a_body_that_fits_stays_at_the_top() {
    let mut app = app();
    app.size = (80, 24);
    select(&mut app, "List users");
    finish(&mut app, &Ex::get("http://x/").status(200).json("[1,2,3]"));
    app.focus = Pane::Response;
    act(&mut app, Action::Bottom);
    act(&mut app, Action::PageDown);
    assert_eq!(app.body.scroll, 0);
}
