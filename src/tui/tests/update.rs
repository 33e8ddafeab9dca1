//! `update` on its own: an action in, the state and the effects out — moving, panes and
//! tabs, help, the mouse, scrolling.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use crate::diagnosis::tests::Ex;
use crate::tui::action::Action;
use crate::tui::dialogs::Overlay;
use crate::tui::message::{Effect, Msg};
use crate::tui::state::{Pane, ResponseTab};
use crate::tui::tests::step;
use crate::tui::tests::{app, finish, select};

pub(super) fn act(app: &mut crate::tui::state::App, action: Action) -> Vec<Effect> {
    step(app, Msg::Action(action))
}

pub(super) fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn the_tree_moves_folds_and_opens_on_enter_without_sending() {
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
    let effects = act(&mut app, Action::Select);
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Send { .. })),
        "enter opens a request, it does not send it: {effects:?}"
    );
    assert_eq!(app.focus, Pane::Request);
    assert_eq!(
        app.editing.cursor, 1,
        "on the first row of its tab, not on the URL"
    );
    assert!(matches!(
        act(&mut app, Action::Send).as_slice(),
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
    step(&mut app, key('j'));
    step(&mut app, key('j'));
    step(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(app.environment.as_deref(), Some("logged-in"));
    assert_eq!(app.session().environment.as_deref(), Some("logged-in"));
}

#[test]
fn help_opens_from_the_keymap_and_closes_with_help_esc_or_q() {
    let mut app = app();
    let esc = Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    for close in [key('?'), esc, key('q')] {
        step(&mut app, key('?'));
        assert!(matches!(app.overlay, Overlay::Help { .. }));
        step(&mut app, key('x'));
        assert!(
            matches!(app.overlay, Overlay::Help { .. }),
            "other keys keep it open"
        );
        step(&mut app, close);
        assert!(matches!(app.overlay, Overlay::None));
        assert!(!app.quit, "q closes the help, and only the help");
    }
    step(&mut app, key('q'));
    assert!(app.quit);
}

fn help_scroll(app: &crate::tui::state::App) -> u16 {
    match app.overlay {
        Overlay::Help(help) => help.scroll,
        ref other => panic!("{other:?}"),
    }
}

#[test]
fn help_scrolls_when_it_does_not_fit_and_stops_at_its_last_line() {
    let mut app = app();
    app.size = (80, 24);
    step(&mut app, key('?'));
    let screen = crate::tui::tests::render(&app, 80, 24);
    assert!(screen.contains("send the selected request"), "{screen}");
    assert!(!screen.contains("keymap.yaml"), "{screen}");
    assert!(screen.contains("j/k scroll · esc closes"), "{screen}");
    step(&mut app, key('j'));
    assert_eq!(help_scroll(&app), 1);
    step(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
    );
    assert_eq!(help_scroll(&app), 2);
    step(&mut app, key('k'));
    assert_eq!(help_scroll(&app), 1);
    step(&mut app, key('G'));
    let bottom = help_scroll(&app);
    assert!(bottom > 1);
    let screen = crate::tui::tests::render(&app, 80, 24);
    assert!(screen.contains("keymap.yaml"), "the last line shows: {screen}");
    step(&mut app, key('j'));
    step(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)),
    );
    assert_eq!(help_scroll(&app), bottom, "no further than the last line");
    step(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::PageUp, KeyModifiers::NONE)),
    );
    assert!(help_scroll(&app) < bottom);
    step(&mut app, key('g'));
    assert_eq!(help_scroll(&app), 0);
    // The wheel scrolls it too.
    step(
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
    app.size = (200, 70);
    step(&mut app, key('g'));
    step(&mut app, key('G'));
    assert_eq!(help_scroll(&app), 0);
    assert!(!crate::tui::tests::render(&app, 200, 70).contains("esc closes"));
}

#[test]
fn mouse_clicks_select_rows_and_the_wheel_scrolls() {
    let mut app = app();
    // Row 3 of the tree pane (border at y=0): the third row, "Get me".
    step(
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
    step(
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
    step(&mut app, Msg::Terminate);
    assert!(app.quit);
}

#[test]
fn environment_names_are_listed_once_in_the_order_first_seen() {
    use crate::collection::parse_collection;
    let parse = |text: &str, file: &str| parse_collection(text, std::path::Path::new(file)).unwrap();
    let workspace = crate::session::Workspace::from_collections(vec![
        parse("environments:\n  prod: {}\n  dev: {}\nrequests: []\n", "a.yaml"),
        parse("environments:\n  stage: {}\n  dev: {}\nrequests: []\n", "b.yaml"),
    ]);
    let app = crate::tui::state::App::new(
        workspace,
        crate::tui::keymap::Keymap::default(),
        crate::collection::Variables::new(),
    );
    assert_eq!(app.environment_names(), ["prod", "dev", "stage"]);
}

/// A 200 whose headers and raw message are `headers` lines long.
fn with_headers(app: &mut crate::tui::state::App, headers: usize) {
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
        let rows = content_rows(&crate::tui::tests::render(&app, 80, 24));
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

/// `[`, 200 numbers and `]`: 202 lines, the response focused; 19 rows of content at 80x24.
fn a_body_of_202_lines_at_80x24() -> crate::tui::state::App {
    let mut app = app();
    app.size = (80, 24);
    select(&mut app, "List users");
    finish(
        &mut app,
        &Ex::get("http://x/").status(200).json(&format!(
            "[{}]",
            (0..200).map(|i| i.to_string()).collect::<Vec<_>>().join(",")
        )),
    );
    crate::tui::tests::focus(&mut app, Pane::Response);
    app
}

#[test]
fn bottom_of_the_body_shows_the_last_screenful() {
    let mut app = a_body_of_202_lines_at_80x24();
    act(&mut app, Action::Bottom);
    assert_eq!(app.body.scroll, 202 - 19);
    let rows = content_rows(&crate::tui::tests::render(&app, 80, 24));
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
    let rows = content_rows(&crate::tui::tests::render(&app, 80, 24));
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

/// The demo's `Get me` answered 401, its checklist focused, at 80x24.
fn checklist_of_a_401_at_80x24() -> crate::tui::state::App {
    let mut app = app();
    app.size = (80, 24);
    select(&mut app, "Get me");
    finish(
        &mut app,
        &Ex::get("http://127.0.0.1:8787/v1/me")
            .status(401)
            .res("www-authenticate", "Bearer realm=\"demo\"")
            .json(
                r#"{"error":"missing_token","message":"This endpoint needs Authorization: Bearer <token>"}"#,
            ),
    );
    crate::tui::tests::focus(&mut app, Pane::Checklist);
    app
}

#[test]
fn the_checklist_scrolls_no_further_than_its_last_line_and_comes_back_with_up() {
    let mut app = checklist_of_a_401_at_80x24();
    act(&mut app, Action::TogglePasses); // long enough to scroll
    act(&mut app, Action::Bottom);
    let room = app.last_frame.checklist_room;
    assert!(room > 0, "the checklist with its passes is longer than a screen");
    assert_eq!(app.scroll[&Pane::Checklist], room);
    for _ in 0..30 {
        act(&mut app, Action::Down);
    }
    assert_eq!(app.scroll[&Pane::Checklist], room, "j at the bottom stays there");
    let rows = content_rows(&crate::tui::tests::render(&app, 80, 24));
    assert!(
        rows.iter().any(|r| r.trim_matches(['│', ' ']).len() > 2),
        "the pane is not blank at the bottom: {rows:#?}"
    );
    act(&mut app, Action::Up);
    assert_eq!(
        app.scroll[&Pane::Checklist],
        room - 1,
        "one key up moves one line up"
    );
}

#[test]
fn wrapped_checklist_lines_keep_their_hanging_indent() {
    let app = checklist_of_a_401_at_80x24();
    let screen = crate::tui::tests::render(&app, 80, 24);
    let rows: Vec<&str> = screen.lines().collect();
    let body: Vec<&str> = rows[2..rows.len() - 2]
        .iter()
        .map(|r| r.trim_start_matches('"').trim_start_matches('│'))
        .collect();
    // After the first check, every line is a mark, indented, blank, or the collapsed passes.
    let first = body
        .iter()
        .position(|r| r.starts_with('✘'))
        .expect("a failed check");
    let tips = body
        .iter()
        .position(|r| r.starts_with("Tips"))
        .unwrap_or(body.len());
    for row in &body[first..tips] {
        let ok = row.starts_with("✘ ")
            || row.starts_with("? ")
            || row.starts_with("✔ ")
            || row.starts_with("  ")
            || row.trim_end_matches(['│', '"']).trim().is_empty();
        assert!(ok, "a line lost its indent: {row:?}\n{screen}");
    }
    assert!(
        !screen.contains("401.missing-auth"),
        "ids show only with details:\n{screen}"
    );
}

fn click(app: &mut crate::tui::state::App, column: u16, row: u16) {
    step(
        app,
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }),
    );
}

#[test]
fn clicking_a_tab_label_switches_to_it_and_clicking_a_folder_folds_it() {
    use crate::tui::state::RequestTab;
    let mut app = app();
    select(&mut app, "List users");
    finish(&mut app, &Ex::get("http://x/").status(200).json("[]"));
    let areas = crate::tui::layout::areas(&app);
    // " Params  " then " Headers ": the second label starts ten columns in.
    click(&mut app, areas.request.x + 1 + 12, areas.request.y + 1);
    assert_eq!(app.request_tab, RequestTab::Headers);
    assert_eq!(app.focus, Pane::Request);
    click(&mut app, areas.response.x + 1 + 22, areas.response.y + 1);
    assert_eq!(app.response_tab, ResponseTab::Raw);
    let screen = crate::tui::tests::render(&app, 160, 48);
    assert!(screen.contains(" Raw "), "{screen}");

    let rows = app.tree.rows.len();
    let auth = app
        .tree
        .rows
        .iter()
        .position(|r| matches!(r, crate::tui::state::Row::Folder { .. }))
        .expect("the demo has folders");
    click(
        &mut app,
        areas.tree.x + 3,
        areas.tree.y + 1 + u16::try_from(auth).unwrap(),
    );
    assert!(app.tree.rows.len() < rows, "the folder folded");
    click(
        &mut app,
        areas.tree.x + 3,
        areas.tree.y + 1 + u16::try_from(auth).unwrap(),
    );
    assert_eq!(app.tree.rows.len(), rows, "and unfolds");
}

#[test]
fn panes_resize_with_keys_and_by_dragging_a_border() {
    let mut app = app();
    let before = crate::tui::layout::areas(&app);
    act(&mut app, Action::Widen); // the tree has focus
    assert_eq!(crate::tui::layout::areas(&app).tree.width, before.tree.width + 2);
    act(&mut app, Action::Narrow);
    assert_eq!(crate::tui::layout::areas(&app), before);
    app.focus = Pane::Checklist;
    act(&mut app, Action::Widen);
    assert_eq!(
        crate::tui::layout::areas(&app).checklist.width,
        before.checklist.width + 2
    );
    act(&mut app, Action::Narrow);

    // Drag the tree's border five columns right.
    let edge = before.request.x;
    let mouse = |kind, column, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    step(&mut app, mouse(MouseEventKind::Down(MouseButton::Left), edge, 10));
    step(
        &mut app,
        mouse(MouseEventKind::Drag(MouseButton::Left), edge + 5, 10),
    );
    step(
        &mut app,
        mouse(MouseEventKind::Up(MouseButton::Left), edge + 5, 10),
    );
    assert_eq!(crate::tui::layout::areas(&app).tree.width, before.tree.width + 5);
    // A drag between the request and the response moves that border.
    let split = crate::tui::layout::areas(&app).response.y;
    let column = crate::tui::layout::areas(&app).request.x + 10;
    step(
        &mut app,
        mouse(MouseEventKind::Down(MouseButton::Left), column, split),
    );
    step(
        &mut app,
        mouse(MouseEventKind::Drag(MouseButton::Left), column, split + 4),
    );
    step(
        &mut app,
        mouse(MouseEventKind::Up(MouseButton::Left), column, split + 4),
    );
    assert_eq!(crate::tui::layout::areas(&app).response.y, split + 4);
    assert!(app.dragging.is_none());
}

#[test]
fn a_request_opens_on_the_tab_that_shows_what_it_has_and_lists_its_url_query() {
    let (_dir, _path, mut app) = crate::tui::tests::app_on_text(
        "name: c\nrequests:\n  - name: Active users\n    url: https://api.example.com/users?active=true&page=2\n  - name: Create\n    method: POST\n    url: https://api.example.com/users\n    body:\n      json: {name: Ada}\n",
    );
    app.size = (160, 48);
    crate::tui::tests::redraw(&mut app);
    act(&mut app, Action::Top); // the collection
    act(&mut app, Action::Down); // the first request
    assert_eq!(app.request_tab, crate::tui::state::RequestTab::Params);
    let screen = crate::tui::tests::render(&app, 160, 48);
    assert!(
        screen.contains("active") && screen.contains("(in the URL)"),
        "{screen}"
    );
    assert!(!screen.contains("no query parameters"), "{screen}");
    act(&mut app, Action::Down); // the POST
    assert_eq!(app.request_tab, crate::tui::state::RequestTab::Body);
    assert_eq!(app.editing.cursor, 1, "on the body, not on the URL");
}

#[test]
fn every_message_is_kept_in_a_log_that_shows_it_in_full() {
    let mut app = app();
    app.size = (80, 24);
    let long = "a message far longer than the status bar, which a narrow terminal cuts off, but the log shows every word of it up to the end";
    step(&mut app, Msg::Notice(long.to_owned()));
    step(&mut app, key('j')); // the next key clears the status bar
    assert_eq!(app.message, None);
    step(&mut app, key('L'));
    let screen = crate::tui::tests::render(&app, 80, 24);
    assert!(screen.contains("Messages"), "{screen}");
    assert!(
        screen.contains("up to the end"),
        "the whole message, wrapped:\n{screen}"
    );
    step(&mut app, key('L'));
    assert!(matches!(app.overlay, Overlay::None), "its own key closes it");
}

#[test]
fn a_file_that_did_not_load_shows_its_whole_error_in_the_request_pane() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ok.yaml"),
        "name: ok\nrequests:\n  - name: A\n    url: https://a.example\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("broken.yaml"),
        "name: broken\nrequests:\n  - name: B\n    url: [unclosed\n",
    )
    .unwrap();
    let mut app = crate::tui::state::App::new(
        crate::session::Workspace::load(dir.path()),
        crate::tui::keymap::Keymap::default(),
        crate::collection::Variables::new(),
    );
    app.size = (160, 48);
    app.tree.selected = app
        .tree
        .rows
        .iter()
        .position(|r| matches!(r, crate::tui::state::Row::Broken { .. }))
        .expect("the broken file is a row");
    let screen = crate::tui::tests::render(&app, 160, 48);
    assert!(screen.contains("Not loaded"), "{screen}");
    assert!(
        screen.contains("broken.yaml:4"),
        "the error with its place:\n{screen}"
    );
}

#[test]
fn the_response_goes_beside_the_request_and_back_and_the_layout_is_remembered() {
    let mut app = app();
    let under = crate::tui::layout::areas(&app);
    assert!(under.response.y > under.request.y);
    let effects = act(&mut app, Action::ToggleLayout);
    assert!(
        matches!(effects.as_slice(), [Effect::RememberLayout(s)] if s.response_beside),
        "{effects:?}"
    );
    let beside = crate::tui::layout::areas(&app);
    assert_eq!(beside.response.y, beside.request.y);
    assert!(beside.response.x > beside.request.x);
    assert_eq!(
        beside.border_at(beside.response.x, 10),
        Some(crate::tui::state::Border::Request)
    );
    act(&mut app, Action::ToggleLayout);
    assert_eq!(crate::tui::layout::areas(&app), under);
}

#[test]
fn the_body_says_where_its_screenful_is() {
    let mut app = a_body_of_202_lines_at_80x24();
    let screen = crate::tui::tests::render(&app, 80, 24);
    assert!(screen.contains("line 1 of 202 · 0%"), "{screen}");
    act(&mut app, Action::Bottom);
    let screen = crate::tui::tests::render(&app, 80, 24);
    assert!(screen.contains("of 202 · 100%"), "{screen}");
}

#[test]
fn a_search_match_keeps_the_json_colours_around_it() {
    let mut app = app();
    app.theme = crate::tui::theme::Theme {
        color: true,
        palette: crate::tui::theme::Palette::DARK,
    };
    select(&mut app, "List users");
    finish(
        &mut app,
        &Ex::get("http://x/").status(200).json(r#"{"name":"needle"}"#),
    );
    app.focus = Pane::Response;
    app.body.search = "needle".into();
    app.body.matches = vec![(1, 11)];
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 48)).unwrap();
    terminal
        .draw(|f| {
            crate::tui::view::draw(f, &app);
        })
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let row = (0..48)
        .find(|&y| {
            (0..160)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect::<String>()
                .contains("\"name\": \"needle\"")
        })
        .expect("the line is on screen");
    let line: String = (0..160).map(|x| buffer[(x, row)].symbol().to_owned()).collect();
    // A column, not a byte offset: the borders before it are several bytes wide.
    let key_at = u16::try_from(line[..line.find("\"name\"").unwrap()].chars().count()).unwrap();
    assert_eq!(
        buffer[(key_at + 1, row)].fg,
        ratatui::style::Color::Cyan,
        "the key keeps its JSON colour on a line with a match"
    );
}

#[test]
fn a_wrapped_body_line_keeps_its_indentation() {
    let mut app = app();
    app.size = (80, 24);
    select(&mut app, "List users");
    let long = "word ".repeat(40);
    finish(
        &mut app,
        &Ex::get("http://x/")
            .status(200)
            .json(&format!(r#"{{"text":"{long}"}}"#)),
    );
    crate::tui::tests::focus(&mut app, Pane::Response);
    act(&mut app, Action::ToggleWrap);
    let screen = crate::tui::tests::render(&app, 80, 24);
    let rows = content_rows(&screen);
    let first = rows
        .iter()
        .position(|r| r.contains("\"text\""))
        .expect("the line shows");
    let next = rows[first + 1].trim_start_matches('"').trim_start_matches('│');
    assert!(
        next.starts_with("  ") && !next.starts_with("   "),
        "continued under its indent: {next:?}\n{screen}"
    );
}

#[test]
fn a_drag_past_a_limit_leaves_the_keys_working_at_once() {
    let mut app = app();
    let edge = crate::tui::layout::areas(&app).request.x;
    let mouse = |kind, column| {
        Msg::Mouse(MouseEvent {
            kind,
            column,
            row: 10,
            modifiers: KeyModifiers::NONE,
        })
    };
    step(&mut app, mouse(MouseEventKind::Down(MouseButton::Left), edge));
    step(&mut app, mouse(MouseEventKind::Drag(MouseButton::Left), 159));
    step(&mut app, mouse(MouseEventKind::Up(MouseButton::Left), 159));
    let widest = crate::tui::layout::areas(&app).tree.width;
    act(&mut app, Action::Narrow);
    assert_eq!(
        crate::tui::layout::areas(&app).tree.width,
        widest - 2,
        "one key narrows it, however far the drag went"
    );
}

#[test]
fn enter_on_the_request_selected_at_start_opens_it_on_its_first_row() {
    let mut app = app();
    assert!(app.selected().is_some(), "the tree starts on a request");
    act(&mut app, Action::Select);
    assert_eq!(app.focus, Pane::Request);
    assert_eq!(app.editing.cursor, 1, "e then edits its first row, not the URL");
}
