//! Searching and filtering the response body: prompts, results off the UI thread, matches.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::update::{act, key};
use crate::diagnosis::tests::Ex;
use crate::tui::action::Action;
use crate::tui::body_view::BodyView;
use crate::tui::dialogs::Overlay;
use crate::tui::dialogs::PromptKind;
use crate::tui::message::{Effect, Msg};
use crate::tui::tests::step;
use crate::tui::tests::{app, finish, select};

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
    app.focus = crate::tui::state::Pane::Response; // in the tree, `/` finds requests
    act(&mut app, Action::Search);
    for c in "needle".chars() {
        step(&mut app, key(c));
    }
    assert!(matches!(&app.overlay, Overlay::Prompt(p) if p.kind == PromptKind::Search && p.text == "needle"));
    let effects = step(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    let Some(Effect::Search { view, query }) = effects.into_iter().next() else {
        panic!("a Search effect")
    };
    // A long search says how far it got; one for an earlier query says nothing.
    let half = view.line_count() / 2;
    step(
        &mut app,
        Msg::SearchProgress {
            query: query.clone(),
            lines: half,
        },
    );
    assert_eq!(
        app.message.as_deref(),
        Some("searching for \"needle\"… 44% of the body")
    );
    step(
        &mut app,
        Msg::SearchProgress {
            query: "needl".into(),
            lines: 1,
        },
    );
    assert!(app.message.as_deref().unwrap().contains("44%"));
    let matches = view.search(&query, 100);
    step(&mut app, Msg::Searched { query, matches });
    assert_eq!(app.body.matches, vec![(1, 8), (7, 8)]);
    assert_eq!(app.message.as_deref(), Some("match 1 of 2 for \"needle\""));
    step(&mut app, key('n'));
    assert_eq!(app.body.current, 1);
    assert_eq!(app.body.scroll, 4);
    assert_eq!(app.message.as_deref(), Some("match 2 of 2 for \"needle\""));
    step(&mut app, key('j'));
    assert_eq!(app.message, None, "the next key moves on from the message");
}

#[test]
fn a_filter_prompt_offers_text_that_typing_extends_and_a_typed_path_replaces() {
    let text = |app: &crate::tui::state::App| match &app.overlay {
        Overlay::Prompt(p) => p.text.clone(),
        other => panic!("{other:?}"),
    };
    let mut app = app();
    act(&mut app, Action::Filter);
    step(&mut app, key('d'));
    assert_eq!(text(&app), "$.d", "typing extends the offered `$.`");

    app.overlay = Overlay::None;
    app.body.filter = Some("$.old".into());
    act(&mut app, Action::Filter);
    for c in "$.new".chars() {
        step(&mut app, key(c));
    }
    assert_eq!(text(&app), "$.new", "a typed path replaces the last filter");
}

#[test]
fn a_whole_path_pasted_replaces_the_filters_starting_point_and_ctrl_keys_edit_the_line() {
    let mut app = app();
    act(&mut app, Action::Filter); // opens on "$."
    step(&mut app, Msg::Paste("$.data[0].name".into()));
    let text = |app: &crate::tui::state::App| match &app.overlay {
        Overlay::Prompt(p) => p.text.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(text(&app), "$.data[0].name");
    step(&mut app, key(' '));
    step(&mut app, key('x'));
    let ctrl = |c| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    step(&mut app, ctrl('w'));
    assert_eq!(text(&app), "$.data[0].name ");
    step(&mut app, ctrl('u'));
    assert_eq!(text(&app), "");
}

#[test]
fn a_pasted_filter_lands_in_the_prompt_on_one_line() {
    let mut app = app();
    act(&mut app, Action::Filter); // opens on "$."
    step(&mut app, Msg::Paste("data[0]\r\n.name\u{1b}".into()));
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
    step(
        &mut app,
        Msg::Filtered {
            expr: "$.data[0].name".into(),
            result,
        },
    );
    assert_eq!(app.shown_body().unwrap().text, "\"Ada\"");
    act(&mut app, Action::Filter);
    for _ in 0.."$.data[0].name".len() {
        step(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
        );
    }
    step(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    assert!(app.body.filtered.is_none());
}

#[test]
fn a_filter_without_a_response_or_that_fails_says_why_and_keeps_the_body() {
    let mut app = app();
    select(&mut app, "List users");
    act(&mut app, Action::Filter);
    step(&mut app, Msg::Paste("data".into()));
    let effects = step(
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
    step(
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
