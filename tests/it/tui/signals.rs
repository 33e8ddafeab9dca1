//! Stopped from outside: every signal that asks a process to end (TERM, HUP, INT, QUIT) keeps
//! the unsaved edits beside their files and gives the terminal back, and a stop that could not
//! keep them is a failure that says why. The real binary in a pseudo-terminal.

use std::path::Path;
use std::sync::Arc;

use crate::support::files::Scratch;
use crate::support::pty::{PtySession, Screen};

/// Starts apibench on `file` (relative to `dir`), changes a URL without saving, lets
/// `meanwhile` run, sends `signal` and waits for the exit: whether it succeeded, and the screen.
fn stopped_with_unsaved_edits(
    dir: &Path,
    file: &str,
    signal: &str,
    meanwhile: impl FnOnce(),
) -> (bool, Arc<Screen>) {
    let mut session = PtySession::start(&[file], dir, &[]);
    let screen = Arc::clone(&session.screen);
    screen.wait_for("List orders");
    session.press(b"\te\x15https://api.example.com/unsaved\r");
    // The status bar, not the URL being typed (which says "unsaved" before it is applied).
    screen.wait_for("● 1 unsaved");
    meanwhile();
    let killed = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &session.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    session.wait_exit()
}

#[track_caller]
fn assert_terminal_restored(screen: &Screen) {
    screen.expect("leaving the alternate screen", |s| !s.alternate_screen());
    let parser = screen.lock();
    assert_eq!(
        parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting is off"
    );
}

#[cfg(unix)]
#[test]
fn every_signal_that_stops_apibench_keeps_the_unsaved_edits_and_restores_the_terminal() {
    for signal in ["INT", "QUIT", "HUP", "TERM"] {
        let (dir, path, original) = crate::support::handwritten_copy();
        let (success, screen) = stopped_with_unsaved_edits(dir.path(), "shop.yaml", signal, || {});
        assert!(
            !success,
            "SIG{signal} with unsaved edits is a failure, not exit 0"
        );
        assert_terminal_restored(&screen);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
        let copy = std::fs::read_to_string(dir.path().join("shop.yaml.apibench-unsaved"))
            .unwrap_or_else(|e| panic!("no copy after SIG{signal}: {e}"));
        assert!(copy.contains("https://api.example.com/unsaved"), "{copy}");
    }
}

#[cfg(unix)]
#[test]
fn edits_that_could_not_be_kept_are_a_failure_that_names_the_directory() {
    let scratch = Scratch::new();
    let folder = scratch.path().join("api");
    std::fs::create_dir(&folder).unwrap();
    scratch.copy_fixture("handwritten.yaml", "api/shop.yaml");
    let (success, screen) = stopped_with_unsaved_edits(scratch.path(), "api/shop.yaml", "TERM", || {
        std::fs::remove_dir_all(&folder).unwrap();
    });
    assert!(!success, "edits lost must not exit 0");
    assert_terminal_restored(&screen);
    screen.wait_for("unsaved edits to api/shop.yaml were lost");
    screen.wait_for("the directory api is gone");
}
