//! End to end: the real binary in a pseudo-terminal, read through a VT100 emulator like a
//! person's terminal. Launch `apibench demo`, send two requests, quit, and check the
//! terminal came back as it was.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The emulated screen, fed by a reader thread that signals after every chunk of output.
struct Screen {
    parser: Mutex<vt100::Parser>,
    changed: Condvar,
}

impl Screen {
    fn new(rows: u16, cols: u16) -> Arc<Self> {
        let parser = vt100::Parser::new(NonZeroU16::new(rows).unwrap(), NonZeroU16::new(cols).unwrap(), 0);
        Arc::new(Self {
            parser: Mutex::new(parser),
            changed: Condvar::new(),
        })
    }

    fn feed(&self, bytes: &[u8]) {
        self.parser.lock().unwrap().process(bytes);
        self.changed.notify_all();
    }

    /// Waits (on output, not on a timer) until `condition` holds, or fails after a deadline.
    fn wait_until(&self, what: &str, condition: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut parser = self.parser.lock().unwrap();
        while !condition(parser.screen()) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "{what} never happened; the screen was:\n{}",
                parser.screen().contents()
            );
            parser = self.changed.wait_timeout(parser, left).unwrap().0;
        }
    }

    fn wait_for(&self, wanted: &str) {
        self.wait_until(&format!("`{wanted}` on screen"), |s| {
            s.contents().contains(wanted)
        });
    }
}

/// The real binary running in a pty, its screen, and its keyboard.
struct Session {
    screen: Arc<Screen>,
    keys: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _config: tempfile::TempDir,
}

impl Session {
    fn start(args: &[&str], cwd: &std::path::Path, env: &[(&str, &str)]) -> Self {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let config = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("apibench"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env("APIBENCH_CONFIG_DIR", config.path());
        cmd.env_remove("DEMO_TOKEN");
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);

        let screen = Screen::new(40, 120);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.feed(&buf[..n]);
            }
        });
        let keys = pair.master.take_writer().unwrap();
        // The master must outlive the child; leaking it for the test's life is simplest.
        std::mem::forget(pair.master);
        Self {
            screen,
            keys,
            child,
            _config: config,
        }
    }

    fn press(&mut self, keys: &[u8]) {
        self.keys.write_all(keys).unwrap();
    }

    /// Waits for the process to exit and returns whether it succeeded.
    fn wait_exit(mut self) -> (bool, Arc<Screen>) {
        let (exited, exit) = std::sync::mpsc::channel();
        std::thread::spawn(move || exited.send(self.child.wait()));
        let Ok(status) = exit.recv_timeout(Duration::from_secs(10)) else {
            panic!(
                "apibench did not quit; the screen was:\n{}",
                self.screen.parser.lock().unwrap().screen().contents()
            );
        };
        (status.unwrap().success(), self.screen)
    }
}

#[test]
fn demo_sends_two_requests_and_restores_the_terminal() {
    let mut session = Session::start(
        &["demo", "--port", "0"],
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &[],
    );
    let screen = Arc::clone(&session.screen);
    screen.wait_for("List users");
    assert!(
        screen.parser.lock().unwrap().screen().alternate_screen(),
        "the TUI runs on the alternate screen"
    );
    session.press(b"s");
    screen.wait_for("200 OK — no problems");
    session.press(b"js");
    screen.wait_for("401 Unauthorized — 1 problem");
    screen.wait_for("Credentials were sent");
    session.press(b"q");
    let (success, screen) = session.wait_exit();
    assert!(success);
    screen.wait_until("leaving the alternate screen", |s| !s.alternate_screen());
    let parser = screen.parser.lock().unwrap();
    let restored = parser.screen();
    assert!(!restored.alternate_screen(), "left the alternate screen");
    assert!(!restored.hide_cursor(), "the cursor is visible again");
    assert_eq!(
        restored.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting is off"
    );
}

/// A copy of the hand-written fixture in a fresh directory.
fn handwritten_copy() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.yaml");
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/handwritten.yaml"),
    )
    .unwrap();
    std::fs::write(&path, &text).unwrap();
    (dir, path, text)
}

#[test]
fn editing_a_url_and_saving_writes_only_that_value() {
    let (dir, path, original) = handwritten_copy();
    let mut session = Session::start(&["shop.yaml"], dir.path(), &[]);
    let screen = Arc::clone(&session.screen);
    screen.wait_for("List orders");
    // To the request pane; edit the URL under the cursor; clear it; type; apply; save.
    session.press(b"\te");
    screen.wait_for("enter apply");
    session.press(b"\x15https://api.example.com/v2/orders\r");
    screen.wait_for("GET https://api.example.com/v2/orders");
    // The status bar, not the URL being typed (which says "unsaved" before it is applied).
    screen.wait_for("● 1 unsaved");
    session.press(b"\x13");
    screen.wait_for("saved shop.yaml");
    session.press(b"q");
    let (success, _) = session.wait_exit();
    assert!(success);
    let expected = original.replace(
        "url: \"{{ base_url }}/v1/orders\"\n    query",
        "url: \"https://api.example.com/v2/orders\"\n    query",
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
}

#[cfg(unix)]
#[test]
fn the_editor_opens_on_the_file_and_its_changes_are_loaded_after() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path, _) = handwritten_copy();
    // An "editor" that renames a request the way a person would, then exits.
    let editor = dir.path().join("edit.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/Create order/Place order/' \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let editor = editor.to_string_lossy().into_owned();
    let mut session = Session::start(&["shop.yaml"], dir.path(), &[("EDITOR", &editor), ("VISUAL", "")]);
    let screen = Arc::clone(&session.screen);
    screen.wait_for("Create order");
    session.press(b"o");
    screen.wait_for("Place order");
    assert!(
        screen.parser.lock().unwrap().screen().alternate_screen(),
        "back on the TUI's screen"
    );
    session.press(b"q");
    let (success, _) = session.wait_exit();
    assert!(success, "no unsaved edits: quits at once");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("- name: Place order")
    );
}

#[cfg(unix)]
#[test]
fn stopped_from_outside_with_unsaved_edits_the_edits_are_written_beside_the_file() {
    let (dir, path, original) = handwritten_copy();
    let mut session = Session::start(&["shop.yaml"], dir.path(), &[]);
    let screen = Arc::clone(&session.screen);
    screen.wait_for("List orders");
    session.press(b"\te\x15https://api.example.com/unsaved\r");
    // The status bar, not the URL being typed (which says "unsaved" before it is applied).
    screen.wait_for("● 1 unsaved");
    let pid = session.child.process_id().expect("a pid").to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let (_, _) = session.wait_exit();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        original,
        "the file is untouched"
    );
    let copy = std::fs::read_to_string(dir.path().join("shop.yaml.apibench-unsaved")).unwrap();
    assert!(
        copy.contains("url: \"https://api.example.com/unsaved\""),
        "{copy}"
    );

    // The next start says so.
    let mut again = Session::start(&["shop.yaml"], dir.path(), &[]);
    again.screen.wait_for("unsaved edits from an earlier session");
    again.press(b"q");
    let (success, _) = again.wait_exit();
    assert!(success);
}
