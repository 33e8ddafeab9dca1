//! Files changing on disk: clean files reloaded, dirty ones a conflict and how one is
//! settled (take theirs, overwrite, keep for later), a form open across a reload, and a file
//! read when first needed. Most of these work on a copy in a temporary directory.

use std::path::{Path, PathBuf};

use crossterm::event::KeyCode;

use crate::collection::store::OnConflict;
use crate::collection::{RequestPath, Variables};
use crate::session::Workspace;
use crate::tui::dialogs::Overlay;
use crate::tui::dialogs::Question;
use crate::tui::keymap::Keymap;
use crate::tui::message::Msg;
use crate::tui::state::Slot;
use crate::tui::state::{App, Pane, RequestTab};
use crate::tui::tests::edit::{
    DEMO, app_on_text, ctrl, cursor_to, demo, edited_app, focus, form_values, is_none, opened, original,
    press, request, retype, saves, select, text_of,
};
use crate::tui::tests::step;

/// The demo collection copied to a temporary directory, and an app on the copy.
fn app_on_copy() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.yaml");
    std::fs::copy(DEMO, &path).unwrap();
    let workspace = Workspace::load(&path);
    assert!(workspace.errors.is_empty(), "{:?}", workspace.errors);
    let app = App::new(workspace, Keymap::default(), Variables::new());
    (dir, path, app)
}

/// Edits the URL of `Get me` here, without saving.
fn edit_url_here(app: &mut App) {
    select(app, "Get me");
    focus(app, Pane::Request);
    press(app, KeyCode::Char('e'));
    retype(app, "http://mine");
    press(app, KeyCode::Enter);
}

/// Another editor changes the URL of `Get me` on disk and the watcher says so; returns
/// the text now on disk.
fn change_on_disk(app: &mut App, path: &Path) -> String {
    let theirs = std::fs::read_to_string(path)
        .unwrap()
        .replace("/v1/me\"", "/v1/whoami\"");
    std::fs::write(path, &theirs).unwrap();
    step(app, Msg::FileChanged(path.to_path_buf()));
    theirs
}

/// An app on a copy of the demo, with an unsaved URL edit and a different version of the
/// file on disk the user chose to decide about later (`k`).
fn app_with_a_kept_conflict() -> (tempfile::TempDir, PathBuf, App) {
    let (dir, path, mut app) = app_on_copy();
    edit_url_here(&mut app);
    change_on_disk(&mut app, &path);
    press(&mut app, KeyCode::Char('k'));
    assert!(app.editing.conflicts.contains_key(&path));
    (dir, path, app)
}

#[test]
fn a_file_changed_event_with_nothing_new_on_disk_does_nothing() {
    let mut app = edited_app();
    let edited = text_of(&app, &demo());
    app.message = None;
    step(&mut app, Msg::FileChanged(demo()));
    assert_eq!(text_of(&app, &demo()), edited);
    assert_eq!(app.editing.dirty_files(), [demo()]);
    assert!(app.editing.conflicts.is_empty());
    assert!(is_none(&app.overlay));
    assert_eq!(app.message, None);
}

#[test]
fn a_clean_file_changed_on_disk_is_reloaded() {
    let (_dir, path, mut app) = app_on_copy();
    let theirs = change_on_disk(&mut app, &path);
    assert_eq!(request(&app, "Get me").unwrap().url, "{{ base_url }}/v1/whoami");
    assert_eq!(text_of(&app, &path), theirs);
    assert!(app.editing.dirty_files().is_empty());
    assert!(is_none(&app.overlay));
}

#[test]
fn a_file_is_read_when_first_needed_and_edits_start_from_what_it_holds_then() {
    let (_dir, path, mut app) = app_on_text("name: C\nrequests:\n  - name: A\n    url: http://old\n");
    assert!(
        app.editing.docs.is_empty(),
        "nothing read at start-up beyond the load"
    );
    std::fs::write(&path, "name: C\nrequests:\n  - name: A\n    url: http://new\n").unwrap();
    select(&mut app, "A");
    focus(&mut app, Pane::Request);
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(
        form_values(&app),
        ["http://new"],
        "the selection read the file as it is now"
    );
}

#[test]
fn a_form_open_across_a_reload_still_edits_the_row_it_was_opened_on() {
    let (_dir, path, mut app) = app_on_text(
        "name: C\nrequests:\n  - name: A\n    url: http://x\n    headers:\n      Accept: json\n      X-Trace: on\n",
    );
    select(&mut app, "A");
    focus(&mut app, Pane::Request);
    app.request_tab = RequestTab::Headers;
    cursor_to(&mut app, |s| matches!(s, Slot::Row { index: 1, .. }));
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(form_values(&app), ["X-Trace", "on"]);

    // Someone adds a header at the top while the form is open; the file here is clean, so it
    // reloads under the dialog.
    std::fs::write(
        &path,
        "name: C\nrequests:\n  - name: A\n    url: http://x\n    headers:\n      Authorization: Bearer xyz\n      Accept: json\n      X-Trace: on\n",
    )
    .unwrap();
    step(&mut app, Msg::FileChanged(path.clone()));
    press(&mut app, KeyCode::Enter); // to the value
    retype(&mut app, "off");
    press(&mut app, KeyCode::Enter);

    let text = text_of(&app, &path);
    assert!(text.contains("      Accept: json\n"), "{text}");
    assert!(text.contains("      X-Trace: \"off\"\n"), "{text}");
    assert!(text.contains("Authorization: Bearer xyz"), "{text}");
}

#[test]
fn a_dirty_file_changed_on_disk_is_a_conflict_and_r_takes_theirs() {
    let (_dir, path, mut app) = app_on_copy();
    edit_url_here(&mut app);

    let theirs = change_on_disk(&mut app, &path);
    assert_eq!(app.editing.conflicts.get(&path), Some(&theirs));
    assert!(
        is_none(&app.overlay),
        "said in the status bar, not asked: no key is taken"
    );
    assert!(app.message.as_deref().unwrap().contains("changed on disk"));
    assert!(saves(&ctrl(&mut app, 's')).is_empty(), "saving asks first");
    assert!(
        matches!(&app.overlay, Overlay::Confirm(c) if c.question == Question::Conflict { path: path.clone() }),
        "{:?}",
        app.overlay
    );
    assert_eq!(
        request(&app, "Get me").unwrap().url,
        "http://mine",
        "nothing taken yet"
    );

    press(&mut app, KeyCode::Char('r'));
    assert!(is_none(&app.overlay));
    assert_eq!(request(&app, "Get me").unwrap().url, "{{ base_url }}/v1/whoami");
    assert_eq!(text_of(&app, &path), theirs);
    assert!(app.editing.dirty_files().is_empty());
    assert!(app.editing.conflicts.is_empty());
    // Taking theirs is a step like any other: undo brings the edits back, unsaved.
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(request(&app, "Get me").unwrap().url, "http://mine");
    assert_eq!(app.editing.dirty_files(), std::slice::from_ref(&path));
    // Those edits were made on the file before its change on disk: saving them asks first.
    assert_eq!(app.editing.conflicts.get(&path), Some(&theirs));
    // Redo back to the disk's version: nothing to ask about; undo again: asked again.
    press(&mut app, KeyCode::Char('U'));
    assert_eq!(text_of(&app, &path), theirs);
    assert!(app.editing.conflicts.is_empty());
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.editing.conflicts.get(&path), Some(&theirs));
    // Still so after another edit on top of them.
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://mine/again");
    press(&mut app, KeyCode::Enter);
    assert!(saves(&ctrl(&mut app, 's')).is_empty(), "saving asks first");
    assert!(
        matches!(&app.overlay, Overlay::Confirm(c) if c.question == Question::Conflict { path: path.clone() }),
        "{:?}",
        app.overlay
    );
}

#[test]
fn saving_after_a_conflict_asks_again_and_o_overwrites() {
    let (_dir, path, mut app) = app_on_copy();
    // Read before the change on disk, so the edit is made on the older text.
    opened(&mut app, &path);
    edit_url_here(&mut app);
    change_on_disk(&mut app, &path);
    assert!(is_none(&app.overlay));
    assert!(app.editing.conflicts.contains_key(&path), "decided when saving");

    assert!(saves(&ctrl(&mut app, 's')).is_empty(), "asks first");
    assert!(matches!(&app.overlay, Overlay::Confirm(c) if matches!(c.question, Question::Conflict { .. })));
    let effects = press(&mut app, KeyCode::Char('o'));
    let saves = saves(&effects);
    assert_eq!(saves.len(), 1, "{effects:?}");
    assert_eq!(saves[0].3, OnConflict::Overwrite);
    assert!(saves[0].2.contains(r#"url: "http://mine""#));
}

#[test]
fn a_save_and_quit_that_stopped_at_a_conflict_does_not_quit_on_a_later_save() {
    let (_dir, path, mut app) = app_with_a_kept_conflict();
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('s')); // save and quit: the conflict is asked about
    press(&mut app, KeyCode::Char('r')); // take theirs instead; no save, no quit
    assert!(!app.quit);

    // Much later, an ordinary edit and save.
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://later");
    press(&mut app, KeyCode::Enter);
    assert_eq!(saves(&ctrl(&mut app, 's')).len(), 1);
    step(&mut app, Msg::Saved { path, result: Ok(()) });
    assert!(!app.quit, "an ordinary save must not quit the app");
}

#[test]
fn overwriting_one_conflicted_file_does_not_overwrite_another() {
    let dir = tempfile::tempdir().unwrap();
    let text = original();
    std::fs::write(dir.path().join("a.yaml"), &text).unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        text.replace("name: Demo API", "name: Other API"),
    )
    .unwrap();
    let mut app = App::new(Workspace::load(dir.path()), Keymap::default(), Variables::new());
    for collection in 0..2 {
        let path = app.collection(collection).unwrap().source.clone();
        let workspace = std::sync::Arc::clone(&app.workspace);
        app.tree
            .reveal(&workspace, collection, &RequestPath::parse("Get me"));
        focus(&mut app, Pane::Request);
        press(&mut app, KeyCode::Char('e'));
        retype(&mut app, "http://mine");
        press(&mut app, KeyCode::Enter);
        let theirs = std::fs::read_to_string(&path)
            .unwrap()
            .replace("/v1/me\"", "/v1/theirs\"");
        std::fs::write(&path, theirs).unwrap();
        step(&mut app, Msg::FileChanged(path));
        press(&mut app, KeyCode::Char('k'));
    }
    assert_eq!(app.editing.conflicts.len(), 2);

    ctrl(&mut app, 's');
    let Overlay::Confirm(confirm) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    let Question::Conflict { path: asked } = confirm.question.clone() else {
        panic!("{confirm:?}");
    };
    let effects = press(&mut app, KeyCode::Char('o'));
    let overwritten: Vec<&PathBuf> = saves(&effects)
        .into_iter()
        .filter(|s| s.3 == OnConflict::Overwrite)
        .map(|s| s.0)
        .collect();
    assert_eq!(overwritten, [&asked], "only the file asked about is overwritten");
}

#[test]
fn a_conflict_goes_away_when_the_file_on_disk_goes_back() {
    let (_dir, path, mut app) = app_with_a_kept_conflict();
    let saved = app.editing.docs[&path].saved.clone();
    std::fs::write(&path, &saved).unwrap(); // e.g. `git stash`
    step(&mut app, Msg::FileChanged(path.clone()));
    assert!(
        app.editing.conflicts.is_empty(),
        "nothing on disk conflicts any more"
    );
    // So a save goes straight ahead, asking nothing.
    let effects = ctrl(&mut app, 's');
    assert_eq!(saves(&effects).len(), 1, "{effects:?}");
    assert!(is_none(&app.overlay), "no conflict question: {:?}", app.overlay);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(
        app.editing.docs[&path].saved,
        std::fs::read_to_string(&path).unwrap()
    );
}
