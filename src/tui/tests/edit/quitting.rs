//! Quitting with unsaved edits: the question and its answers (keep editing, discard, save
//! and quit), and a quit on the way out that a failed save or a newer edit stops.

use crossterm::event::KeyCode;

use crate::tui::dialogs::Overlay;
use crate::tui::dialogs::Question;
use crate::tui::message::Msg;
use crate::tui::state::App;
use crate::tui::tests::edit::{ctrl, demo, edited_app, is_none, original, press, retype, saves, text_of};
use crate::tui::tests::step;

fn quit_question(app: &App) -> bool {
    matches!(&app.overlay, Overlay::Confirm(c) if c.question == Question::Quit)
}

#[test]
fn quitting_with_unsaved_edits_asks_and_c_keeps_editing() {
    let mut app = edited_app();
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.quit);
    assert!(quit_question(&app), "{:?}", app.overlay);
    press(&mut app, KeyCode::Char('c'));
    assert!(!app.quit);
    assert!(is_none(&app.overlay));
    assert_eq!(app.editing.dirty_files(), [demo()]);

    // Esc is "neither" too.
    ctrl(&mut app, 'c');
    assert!(quit_question(&app));
    press(&mut app, KeyCode::Esc);
    assert!(!app.quit);
    assert!(is_none(&app.overlay));
}

#[test]
fn quitting_and_discarding_drops_the_edits_and_quits() {
    let mut app = edited_app();
    press(&mut app, KeyCode::Char('q'));
    let effects = press(&mut app, KeyCode::Char('d'));
    assert!(effects.is_empty(), "nothing is written");
    assert!(app.quit);
    assert!(app.editing.dirty_files().is_empty());
    assert_eq!(text_of(&app, &demo()), original());
}

#[test]
fn quitting_and_saving_quits_only_once_the_save_is_done() {
    let mut app = edited_app();
    press(&mut app, KeyCode::Char('q'));
    let effects = press(&mut app, KeyCode::Char('s'));
    let saves = saves(&effects);
    assert_eq!(saves.len(), 1, "{effects:?}");
    assert_eq!(saves[0].2, &text_of(&app, &demo()));
    assert!(!app.quit, "not before the file is written");
    step(
        &mut app,
        Msg::Saved {
            path: demo(),
            result: Ok(()),
        },
    );
    assert!(app.quit);
    assert!(app.editing.dirty_files().is_empty());
}

#[test]
fn a_failed_save_on_the_way_out_does_not_quit() {
    let mut app = edited_app();
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('s'));
    step(
        &mut app,
        Msg::Saved {
            path: demo(),
            result: Err(crate::collection::store::SaveError::ReadOnly { path: demo() }),
        },
    );
    assert!(!app.quit);
    assert_eq!(app.editing.dirty_files(), [demo()], "the edits are kept");
    assert!(
        app.message.as_deref().unwrap_or_default().contains("not saved"),
        "{:?}",
        app.message
    );
}

#[test]
fn edits_made_while_saving_on_the_way_out_stop_the_quit_for_good() {
    let mut app = edited_app();
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(saves(&press(&mut app, KeyCode::Char('s'))).len(), 1);
    // Another edit lands before the save finishes.
    press(&mut app, KeyCode::Char('e'));
    retype(&mut app, "http://later");
    press(&mut app, KeyCode::Enter);
    step(
        &mut app,
        Msg::Saved {
            path: demo(),
            result: Ok(()),
        },
    );
    assert!(!app.quit, "the newer edit would be lost");
    assert!(!app.editing.quit_after_save);
    // An ordinary save later does not quit either.
    assert_eq!(saves(&ctrl(&mut app, 's')).len(), 1);
    step(
        &mut app,
        Msg::Saved {
            path: demo(),
            result: Ok(()),
        },
    );
    assert!(!app.quit);
}

#[test]
fn ctrl_keys_do_not_answer_a_question() {
    let mut app = edited_app();
    ctrl(&mut app, 'c'); // quit: asks
    assert!(quit_question(&app));
    ctrl(&mut app, 'd');
    assert!(!app.quit);
    assert_eq!(app.editing.dirty_files(), [demo()], "the edits are not discarded");
}
