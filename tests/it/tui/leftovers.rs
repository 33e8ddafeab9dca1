//! What killed sessions leave beside a collection, met by the next start of the real binary:
//! a temporary file of a save cut short is removed, and every copy of unsaved edits is kept and
//! named.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::support::pty::PtySession;

/// A process id no process can have: above the kernel's limit.
fn no_process() -> u32 {
    let max: u32 = std::fs::read_to_string("/proc/sys/kernel/pid_max")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(4_194_304);
    max + 1
}

#[cfg(target_os = "linux")]
#[test]
fn the_next_start_removes_what_a_killed_save_left_and_names_every_recovery_copy() {
    let (dir, _, _) = crate::support::handwritten_copy();
    let stale = dir
        .path()
        .join(format!(".shop.yaml.apibench-{}-0.tmp", no_process()));
    std::fs::write(&stale, "a whole collection, half renamed").unwrap();
    let file = std::fs::File::options().write(true).open(&stale).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
    // The temporary file of a save that may still be running: too recent to touch.
    let recent = dir
        .path()
        .join(format!(".shop.yaml.apibench-{}-1.tmp", no_process()));
    std::fs::write(&recent, "being written").unwrap();
    std::fs::write(dir.path().join("shop.yaml.apibench-unsaved"), "first").unwrap();
    std::fs::write(dir.path().join("shop.yaml.apibench-unsaved.2"), "second").unwrap();

    let mut session = PtySession::start(&["shop.yaml"], dir.path(), &[]);
    let screen = Arc::clone(&session.screen);
    // Asked about the oldest copy first; the clean-up is done before the first frame.
    screen.wait_for("stopped with unsaved edits");
    screen.wait_for("earlier session are in shop.yaml.apibench-unsaved, shop.yaml.apibench-unsaved.2");
    assert!(!stale.exists(), "the stale temporary file is removed");
    assert!(recent.exists(), "a recent one is kept");
    session.press(b"kq");
    let (success, _) = session.wait_exit();
    assert!(success);
    assert!(dir.path().join("shop.yaml.apibench-unsaved").exists());
    assert!(dir.path().join("shop.yaml.apibench-unsaved.2").exists());
}
