//! Requests in the tree: renaming (and what happens to the last response), deleting, adding,
//! duplicating, and choosing the method.

use crossterm::event::KeyCode;

use crate::collection::RequestPath;
use crate::diagnosis::tests::Ex;
use crate::session::RequestId;
use crate::tui::action::Action;
use crate::tui::dialogs::Overlay;
use crate::tui::message::{Effect, Msg};
use crate::tui::state::{App, Pane};
use crate::tui::tests::edit::{
    act, app, demo, form_values, is_none, keys, line_diff, original, press, request, retype, select, text_of,
};
use crate::tui::tests::step;

fn selected_path(app: &App) -> Option<String> {
    app.selected().map(|(_, p)| p.to_string())
}

fn request_count(app: &App) -> usize {
    app.collection(0).unwrap().requests().len()
}

#[test]
fn renaming_a_request_keeps_its_last_response_and_its_selection() {
    let mut app = app();
    select(&mut app, "Auth/Log in");
    crate::tui::tests::edit::finish(&mut app, &Ex::get("http://x/v1/login").status(200));
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(form_values(&app), ["Log in"]);
    retype(&mut app, "Sign in");
    let effects = press(&mut app, KeyCode::Enter);
    // Its history goes with it.
    assert!(
        effects.iter().any(|e| matches!(
            e,
            crate::tui::message::Effect::MoveHistory { from, to, .. } if from == "Auth/Log in" && to == "Auth/Sign in"
        )),
        "{effects:?}"
    );

    assert!(is_none(&app.overlay), "{:?}", app.message);
    assert!(request(&app, "Auth/Log in").is_none());
    assert!(request(&app, "Auth/Sign in").is_some());
    assert_eq!(selected_path(&app).as_deref(), Some("Auth/Sign in"));
    assert_eq!(
        app.selected_done().and_then(crate::tui::state::Done::status),
        Some(200)
    );
    assert!(
        !app.requests
            .contains_key(&RequestId::new(0, RequestPath::parse("Auth/Log in")))
    );
    assert!(text_of(&app, &demo()).contains("      - name: Sign in\n"));
    // Admin stats takes its token from `response.Auth/Log in.…`: that is said now, not at
    // its next send.
    assert_eq!(
        app.message.as_deref(),
        Some(
            "renamed; 1 template still take `response.Auth/Log in.…` — change them to `response.Auth/Sign in.…`"
        )
    );
}

#[test]
fn a_request_renamed_while_in_flight_gets_its_result_under_the_new_name() {
    let mut app = app();
    select(&mut app, "Auth/Log in");
    let effects = act(&mut app, Action::Send);
    let Some(Effect::Send { ticket, id, .. }) =
        effects.into_iter().find(|e| matches!(e, Effect::Send { .. }))
    else {
        panic!("a send");
    };
    press(&mut app, KeyCode::Char('r'));
    retype(&mut app, "Sign in");
    press(&mut app, KeyCode::Enter);
    let renamed = RequestId::new(0, RequestPath::parse("Auth/Sign in"));
    let sent = crate::session::Sent {
        id: id.clone(),
        needed_by: None,
        result: app
            .session()
            .prepare(&app.workspace, &renamed)
            .map(|prepared| crate::session::Exchanged {
                prepared,
                outcome: Ex::get("http://x/v1/login").status(200).outcome(),
                captured: Vec::new(),
                expired_cookies: None,
            }),
    };
    step(
        &mut app,
        Msg::Sent {
            ticket,
            id,
            results: vec![sent],
        },
    );
    let state = &app.requests[&renamed];
    assert!(
        matches!(state, crate::tui::state::RequestState::Completed(_)),
        "not stuck sending"
    );
    assert_eq!(state.last().and_then(crate::tui::state::Done::status), Some(200));
}

#[test]
fn renaming_to_a_sibling_name_is_refused_with_the_form_kept_and_nothing_changed() {
    let mut app = app();
    select(&mut app, "Get me");
    press(&mut app, KeyCode::Char('r'));
    retype(&mut app, "List users");
    press(&mut app, KeyCode::Enter);

    let Overlay::Form(form) = &app.overlay else {
        panic!("the form stays open: {:?}", app.overlay);
    };
    assert_eq!(form.values(), ["List users"], "what was typed is kept");
    let note = form.note.clone().unwrap_or_default();
    assert!(note.contains("List users"), "the note says why: {note}");
    assert_eq!(text_of(&app, &demo()), original());
    assert!(app.editing.dirty_files().is_empty());
    assert!(request(&app, "Get me").is_some());
    assert_eq!(selected_path(&app).as_deref(), Some("Get me"));

    // Esc gives up; undo has nothing to take back.
    press(&mut app, KeyCode::Esc);
    assert!(is_none(&app.overlay));
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn undoing_a_rename_brings_the_last_response_back_with_the_old_name() {
    let mut app = app();
    select(&mut app, "Auth/Log in");
    crate::tui::tests::edit::finish(&mut app, &Ex::get("http://x/v1/login").status(200));
    press(&mut app, KeyCode::Char('r'));
    retype(&mut app, "Sign in");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(selected_path(&app).as_deref(), Some("Auth/Log in"));
    assert_eq!(
        app.selected_done().and_then(crate::tui::state::Done::status),
        Some(200)
    );
}

#[test]
fn deleting_a_request_asks_first() {
    let mut app = app();
    let before = request_count(&app);
    select(&mut app, "Server errors/Crash");
    for answer in [KeyCode::Char('n'), KeyCode::Esc] {
        press(&mut app, KeyCode::Char('d'));
        let Overlay::Confirm(confirm) = &app.overlay else {
            panic!("asks first: {:?}", app.overlay);
        };
        assert!(confirm.text.contains("Server errors/Crash"), "{}", confirm.text);
        press(&mut app, answer);
        assert!(is_none(&app.overlay));
        assert!(request(&app, "Server errors/Crash").is_some());
        assert!(app.editing.dirty_files().is_empty());
    }
    // Keys that answer nothing leave the question open.
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('x'));
    assert!(matches!(app.overlay, Overlay::Confirm(_)));
    press(&mut app, KeyCode::Char('y'));
    assert!(is_none(&app.overlay));
    assert!(request(&app, "Server errors/Crash").is_none());
    assert!(!text_of(&app, &demo()).contains("name: Crash"));
    assert_eq!(request_count(&app), before - 1);
}

#[test]
fn a_new_request_asks_for_its_name_then_its_url_and_is_selected() {
    let mut app = app();
    select(&mut app, "Users/Create user");
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(form_values(&app), [""]);
    keys(&mut app, "Update user");
    press(&mut app, KeyCode::Enter);

    // The request exists now, and its URL is asked for next.
    assert!(request(&app, "Users/Update user").is_some());
    assert_eq!(form_values(&app), [""]);
    let Overlay::Form(form) = &app.overlay else {
        unreachable!()
    };
    assert_eq!(form.title, "URL");
    keys(&mut app, "{{ base_url }}/v1/users/{{ user_id }}");
    press(&mut app, KeyCode::Enter);

    assert!(is_none(&app.overlay));
    let new = request(&app, "Users/Update user").unwrap();
    assert_eq!(new.url, "{{ base_url }}/v1/users/{{ user_id }}");
    assert_eq!(new.method, "GET");
    assert_eq!(selected_path(&app).as_deref(), Some("Users/Update user"));
    assert_eq!(app.focus, Pane::Request);
    // The last of its folder.
    let users: Vec<String> = app
        .collection(0)
        .unwrap()
        .requests()
        .iter()
        .filter(|(p, _)| p.0[0] == "Users")
        .map(|(p, _)| p.name().to_owned())
        .collect();
    assert_eq!(users.last().map(String::as_str), Some("Update user"));
}

#[test]
fn a_new_request_does_not_inherit_the_response_of_a_deleted_one() {
    let mut app = app();
    select(&mut app, "Server errors/Crash");
    crate::tui::tests::edit::finish(&mut app, &Ex::get("http://x/v1/crash").status(500));
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    select(&mut app, "Server errors/Bad gateway");
    press(&mut app, KeyCode::Char('a'));
    keys(&mut app, "Crash");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc); // no URL yet
    assert_eq!(selected_path(&app).as_deref(), Some("Server errors/Crash"));
    assert!(app.selected_done().is_none(), "never sent, so no response");
}

#[test]
fn duplicating_puts_a_numbered_copy_right_after_the_original_and_selects_it() {
    let mut app = app();
    select(&mut app, "Auth/Log in");
    press(&mut app, KeyCode::Char('D'));
    assert_eq!(selected_path(&app).as_deref(), Some("Auth/Log in copy"));
    select(&mut app, "Auth/Log in");
    press(&mut app, KeyCode::Char('D'));
    assert_eq!(selected_path(&app).as_deref(), Some("Auth/Log in copy 2"));

    let names: Vec<String> = app
        .collection(0)
        .unwrap()
        .requests()
        .iter()
        .filter(|(p, _)| p.0[0] == "Auth")
        .map(|(p, _)| p.name().to_owned())
        .collect();
    assert_eq!(
        names,
        [
            "Log in",
            "Log in copy 2",
            "Log in copy",
            "Log in with a wrong password",
            "Admin stats"
        ]
    );
    let original = request(&app, "Auth/Log in").unwrap();
    let copy = request(&app, "Auth/Log in copy").unwrap();
    assert_eq!(copy.body, original.body);
    assert_eq!(copy.url, original.url);
    assert_eq!(copy.method, "POST");
}

#[test]
fn the_method_is_chosen_from_a_list_by_letter_and_enter() {
    let mut app = app();
    select(&mut app, "Get me");
    press(&mut app, KeyCode::Char('M'));
    let Overlay::Choice(choice) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(choice.value(), Some("GET"), "starts on the current method");
    keys(&mut app, "p");
    let Overlay::Choice(choice) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(choice.value(), Some("POST"));
    keys(&mut app, "p");
    press(&mut app, KeyCode::Enter);
    assert!(is_none(&app.overlay));
    assert_eq!(request(&app, "Get me").unwrap().method, "PUT");
    let (added, removed) = line_diff(&original(), &text_of(&app, &demo()));
    assert_eq!(added, ["    method: PUT"], "written where it was missing");
    assert!(removed.is_empty());

    // Esc leaves it as it is.
    press(&mut app, KeyCode::Char('M'));
    keys(&mut app, "d");
    press(&mut app, KeyCode::Esc);
    assert_eq!(request(&app, "Get me").unwrap().method, "PUT");
}

/// A curl command pasted as a new request's name becomes that request, the command's line
/// continuations and all; what it could not import is said.
#[test]
fn a_curl_command_pasted_into_the_new_request_dialog_becomes_the_request() {
    let mut app = app();
    select(&mut app, "Users/Create user");
    press(&mut app, KeyCode::Char('a'));
    step(
        &mut app,
        Msg::Paste(
            // As a terminal pastes it: line breaks as carriage returns.
            "curl -X PUT 'https://api.example.com/v1/users/7' \\\r  -H 'Authorization: Bearer {{ token }}' \\\r  --json '{\"name\":\"Ada\"}' -o out.json\r".into(),
        ),
    );
    press(&mut app, KeyCode::Enter);
    assert!(is_none(&app.overlay), "{:?}", app.overlay);
    let new = request(&app, "Users/7").expect("added under its URL's last segment");
    assert_eq!(new.method, "PUT");
    assert_eq!(new.url, "https://api.example.com/v1/users/7");
    assert_eq!(selected_path(&app).as_deref(), Some("Users/7"));
    let message = app.message.clone().unwrap_or_default();
    assert_eq!(message, "imported as Users/7; 1 option not imported (L lists it)");
    let log = app.messages.join("\n");
    assert!(log.contains("not imported: -o out.json"), "{log}");
    assert_eq!(log.matches("not imported: -o out.json").count(), 1, "once: {log}");
    assert!(
        !log.contains("also fetch"),
        "the continuations are not words: {log}"
    );
    // The header stays the literal text it was.
    let text = text_of(&app, &demo());
    assert!(
        text.contains(r#"Authorization: "Bearer {{ \"{{\" }} token }}""#),
        "{text}"
    );

    // A second paste of it gets a name of its own.
    select(&mut app, "Users/Create user");
    app.focus = Pane::Tree;
    press(&mut app, KeyCode::Char('a'));
    step(
        &mut app,
        Msg::Paste("curl -X PUT https://api.example.com/v1/users/7".into()),
    );
    press(&mut app, KeyCode::Enter);
    assert!(request(&app, "Users/7 2").is_some());

    // One that cannot be read is said in the dialog, and nothing is added.
    let before = request_count(&app);
    select(&mut app, "Users/Create user");
    app.focus = Pane::Tree;
    press(&mut app, KeyCode::Char('a'));
    step(&mut app, Msg::Paste("curl 'https://unclosed".into()));
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::Form(_)));
    assert_eq!(request_count(&app), before);
}

/// A curl command pasted where a request's URL is asked for makes the request the one it
/// describes; its name stays.
#[test]
fn a_curl_command_pasted_into_the_url_field_becomes_that_request() {
    let mut app = app();
    select(&mut app, "Users/Create user");
    let at = RequestId::new(0, RequestPath(vec!["Users".into(), "Create user".into()]));
    app.overlay = Overlay::Form(Box::new(crate::tui::dialogs::Form::url(at, "")));
    step(
        &mut app,
        Msg::Paste(
            "curl -X PATCH 'https://api.example.com/v1/users/7?notify=false' -H 'X-Trace: on' --data-raw 'name=Ada' -k".into(),
        ),
    );
    press(&mut app, KeyCode::Enter);
    assert!(is_none(&app.overlay), "{:?}", app.overlay);
    let changed = request(&app, "Users/Create user").expect("the name stays");
    assert_eq!(changed.method, "PATCH");
    assert_eq!(changed.url, "https://api.example.com/v1/users/7?notify=false");
    assert!(
        changed.headers.iter().any(|(n, _)| n == "X-Trace"),
        "{:?}",
        changed.headers
    );
    assert!(changed.body.is_some());
    assert_eq!(changed.options.insecure_tls, Some(true));
}
