//! Editing the URL and saving: the one line an edit changes, the `Effect::Save` a save is, and
//! what a finished save marks as saved.

use crossterm::event::KeyCode;

use crate::collection::store::OnConflict;
use crate::tui::action::Action;
use crate::tui::message::Msg;
use crate::tui::state::Pane;
use crate::tui::state::Slot;
use crate::tui::tests::edit::{
    act, app, ctrl, current_slots, demo, focus, form_values, is_none, opened, original, press, request,
    retype, saves, select, text_of,
};
use crate::tui::tests::step;

/// Line numbers (1-based) where two texts differ, for texts with the same number of lines.
fn changed_lines(before: &str, after: &str) -> Vec<usize> {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(a.len(), b.len(), "the number of lines changed");
    (0..a.len()).filter(|i| a[*i] != b[*i]).map(|i| i + 1).collect()
}

#[test]
fn editing_the_url_changes_one_line_and_saving_writes_the_edited_text() {
    let mut app = app();
    let before = original();
    assert_eq!(
        opened(&mut app, &demo()),
        before,
        "the app reads the file as it is"
    );
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    assert_eq!(current_slots(&app)[app.editing.cursor], Slot::Url);

    press(&mut app, KeyCode::Char('e'));
    assert_eq!(form_values(&app), ["{{ base_url }}/v1/me"], "prefilled");
    retype(&mut app, "{{ base_url }}/v1/users/me");
    assert!(press(&mut app, KeyCode::Enter).is_empty());

    assert!(is_none(&app.overlay));
    assert_eq!(request(&app, "Get me").unwrap().url, "{{ base_url }}/v1/users/me");
    let after = text_of(&app, &demo());
    let changed = changed_lines(&before, &after);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(
        after.lines().nth(changed[0] - 1),
        Some(r#"    url: "{{ base_url }}/v1/users/me""#)
    );
    assert_eq!(app.editing.dirty_files(), [demo()]);

    let effects = ctrl(&mut app, 's');
    let saves = saves(&effects);
    assert_eq!(saves.len(), 1, "{effects:?}");
    let (path, expected, text, on_conflict) = saves[0];
    assert_eq!(path, &demo());
    assert_eq!(text, &after);
    assert_eq!(expected, &before);
    assert_eq!(on_conflict, OnConflict::Stop);
    assert_eq!(effects.len(), 1, "nothing but the save");
}

#[test]
fn a_finished_save_marks_only_the_text_that_was_written_as_saved() {
    let mut app = app();
    select(&mut app, "Get me");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://one");
    press(&mut app, KeyCode::Enter);
    let written = text_of(&app, &demo());
    assert_eq!(saves(&act(&mut app, Action::Save)).len(), 1);
    assert!(
        act(&mut app, Action::Save).is_empty(),
        "one save of a file at a time"
    );

    // An edit made while the save is on its way stays unsaved; the second save asked for
    // meanwhile follows as soon as the first is done.
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://two");
    press(&mut app, KeyCode::Enter);
    let effects = step(
        &mut app,
        Msg::Saved {
            path: demo(),
            result: Ok(()),
        },
    );
    assert_eq!(app.editing.docs[&demo()].saved, written);
    assert_eq!(app.editing.dirty_files(), [demo()]);
    let saves = saves(&effects);
    assert_eq!(saves.len(), 1);
    assert_eq!(saves[0].1, &written, "expected on disk: what was written");
    assert!(saves[0].2.contains(r#"url: "http://two""#), "{}", saves[0].2);
}
