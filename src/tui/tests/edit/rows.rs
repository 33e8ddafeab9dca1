//! Header and query-parameter rows: added through the two-field form, switched off (a
//! comment in the file) and back on, deleted.

use crossterm::event::KeyCode;

use crate::collection::edit::Table;
use crate::tui::state::Slot;
use crate::tui::state::{App, Pane, RequestTab};
use crate::tui::tests::edit::{
    app, current_slots, cursor_to, demo, focus, form_values, is_none, keys, line_diff, original, press,
    request, select, text_of, texts,
};

/// Adds a header to the selected request through the two-field form.
fn add_header(app: &mut App, name: &str, value: &str) {
    press(app, KeyCode::Char('a'));
    assert_eq!(form_values(app), ["", ""]);
    keys(app, name);
    press(app, KeyCode::Enter); // to the value
    keys(app, value);
    press(app, KeyCode::Enter); // submit
    assert!(is_none(&app.overlay), "{:?}", app.message);
}

#[test]
fn a_header_is_added_through_the_two_field_form() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Headers;
    add_header(&mut app, "X-Trace", "1");

    // Tab moves between the fields too, and back.
    press(&mut app, KeyCode::Char('a'));
    keys(&mut app, "X-Tenant");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "acme");
    press(&mut app, KeyCode::BackTab);
    keys(&mut app, "-Id");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);

    let headers = request(&app, "Get me").unwrap().headers;
    assert_eq!(
        texts(&headers),
        [
            ("X-Trace".to_owned(), "1".to_owned()),
            ("X-Tenant-Id".to_owned(), "acme".to_owned())
        ]
    );
    assert!(
        text_of(&app, &demo()).contains("    headers:\n      X-Trace: \"1\"\n      X-Tenant-Id: acme\n"),
        "{}",
        text_of(&app, &demo())
    ); // The cursor is on the row just added, so the next key acts on it.
    assert_eq!(
        current_slots(&app)[app.editing.cursor],
        Slot::Row {
            table: Table::Headers,
            index: 1
        }
    );
}

#[test]
fn a_switched_off_header_is_a_comment_in_the_file_and_space_switches_it_back_on() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Headers;
    add_header(&mut app, "X-Trace", "1");
    add_header(&mut app, "X-Debug", "on");
    let both = text_of(&app, &demo());

    cursor_to(&mut app, |s| matches!(s, Slot::Row { index: 0, .. }));
    press(&mut app, KeyCode::Char(' '));
    let text = text_of(&app, &demo());
    assert!(
        text.contains("      # X-Trace: \"1\"\n      X-Debug: \"on\"\n"),
        "{text}"
    );
    assert_eq!(
        texts(&request(&app, "Get me").unwrap().headers),
        [("X-Debug".to_owned(), "on".to_owned())],
        "a switched-off header is not sent"
    );
    let slots = current_slots(&app);
    assert!(
        matches!(&slots[1], Slot::Off { table: Table::Headers, row } if row.name == "X-Trace" && row.value == "1"),
        "{slots:?}"
    );
    assert!(matches!(slots[2], Slot::Row { index: 0, .. }));

    // The cursor is still on it: space switches it back on, in its place.
    assert_eq!(app.editing.cursor, 1);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(text_of(&app, &demo()), both);
    assert_eq!(request(&app, "Get me").unwrap().headers.len(), 2);
}

#[test]
fn the_only_header_can_be_switched_off_and_on() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Headers;
    add_header(&mut app, "X-Trace", "1");
    let with = text_of(&app, &demo());

    cursor_to(&mut app, |s| matches!(s, Slot::Row { .. }));
    press(&mut app, KeyCode::Char(' '));
    assert!(
        text_of(&app, &demo()).contains(r#"# X-Trace: "1""#),
        "{:?}",
        app.message
    );
    assert!(request(&app, "Get me").unwrap().headers.is_empty());
    assert!(matches!(current_slots(&app)[1], Slot::Off { .. }));
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(text_of(&app, &demo()), with, "{:?}", app.message);
}

#[test]
fn d_deletes_a_header_row_and_a_switched_off_one() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Headers;
    let before = original();
    add_header(&mut app, "X-Trace", "1");
    add_header(&mut app, "X-Debug", "on");

    cursor_to(&mut app, |s| matches!(s, Slot::Row { index: 1, .. }));
    press(&mut app, KeyCode::Char(' '));
    cursor_to(&mut app, |s| matches!(s, Slot::Row { index: 0, .. }));
    press(&mut app, KeyCode::Char('d'));
    assert!(request(&app, "Get me").unwrap().headers.is_empty());
    let text = text_of(&app, &demo());
    assert!(!text.contains("X-Trace"), "{text}");
    assert!(
        text.contains(r#"# X-Debug: "on""#),
        "the switched-off row stays: {text}"
    );

    cursor_to(&mut app, |s| matches!(s, Slot::Off { .. }));
    press(&mut app, KeyCode::Char('d'));
    let text = text_of(&app, &demo());
    assert!(!text.contains("X-Debug"), "{text}");
    assert_eq!(current_slots(&app), [Slot::Url]);
    // Nothing else in the file changed; at most the emptied `headers:` key is left.
    let (added, removed) = line_diff(&before, &text);
    assert!(removed.is_empty(), "{removed:?}");
    assert!(added.iter().all(|l| l.trim() == "headers:"), "{added:?}");
}

#[test]
fn a_switched_off_query_parameter_with_brackets_can_be_switched_back_on() {
    let mut app = app();
    select(&mut app, "List users");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('a'));
    keys(&mut app, "filter[status]");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "open");
    press(&mut app, KeyCode::Enter);
    let with = text_of(&app, &demo());
    cursor_to(&mut app, |s| matches!(s, Slot::Row { index: 2, .. }));
    press(&mut app, KeyCode::Char(' '));
    assert!(text_of(&app, &demo()).contains("# \"filter[status]\": open"));
    assert!(
        current_slots(&app)
            .iter()
            .any(|s| matches!(s, Slot::Off { row, .. } if row.name == "filter[status]")),
        "the switched-off row shows: {:?}",
        current_slots(&app)
    );
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(text_of(&app, &demo()), with);
}

#[test]
fn switched_off_rows_are_found_off_the_ui_thread_after_the_first_frame_once_per_change_and_late_answers_are_dropped()
 {
    use crate::tui::message::{Effect, Msg};
    use crate::tui::state::LastFrame;
    use crate::tui::tests::pinned;
    use crate::tui::update::update;

    let (_dir, path, mut app) = crate::tui::tests::app_on_text(
        "name: C\nrequests:\n  - name: A\n    url: http://x/a\n    headers:\n      A: \"1\"\n      # B: \"2\"\n  - name: Z\n    url: http://x/z\n",
    );
    app.editing.disabled_cache.clear();
    app.editing.disabled_asked.clear();
    let asks = |effects: &[Effect]| {
        effects
            .iter()
            .filter(|e| matches!(e, Effect::FindSwitchedOff { .. }))
            .count()
    };
    // The search waits for the first frame (it would share the cores with it)...
    app.last_frame = LastFrame::default();
    let undrawn = update(&mut app, Msg::Key(KeyCode::Char('j').into()), pinned());
    assert_eq!(asks(&undrawn), 0);
    // ...which asks; keys before the answer arrives ask nothing more.
    let drawn = LastFrame {
        drawn: true,
        ..LastFrame::default()
    };
    let first = update(&mut app, Msg::Drawn(drawn), pinned());
    let second = update(&mut app, Msg::Key(KeyCode::Char('k').into()), pinned());
    assert_eq!((asks(&first), asks(&second)), (1, 0));

    // An answer for a text since changed is dropped.
    let generation = app.editing.generation;
    let rows = crate::collection::edit::rows::disabled_rows_in_file(&path, None);
    assert_eq!(rows.len(), 1, "{rows:?}");
    app.editing.generation += 1;
    let late = update(
        &mut app,
        Msg::SwitchedOffFound {
            source: path.clone(),
            generation,
            rows: rows.clone(),
        },
        pinned(),
    );
    assert!(!app.editing.disabled_cache.contains_key(&path));
    assert_eq!(asks(&late), 1, "the change asks again");

    // The current one is kept, and the next keys only look it up.
    let again = update(&mut app, Msg::Key(KeyCode::Char('j').into()), pinned());
    assert_eq!(asks(&again), 0, "asked already");
    let generation = app.editing.generation;
    update(
        &mut app,
        Msg::SwitchedOffFound {
            source: path.clone(),
            generation,
            rows,
        },
        pinned(),
    );
    assert!(app.editing.disabled_cache.contains_key(&path));
    let after = update(&mut app, Msg::Key(KeyCode::Char('k').into()), pinned());
    assert_eq!(asks(&after), 0);
}
