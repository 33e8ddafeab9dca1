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

#[test]
fn demo_sends_two_requests_and_restores_the_terminal() {
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
    cmd.args(["demo", "--port", "0"]);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("APIBENCH_CONFIG_DIR", config.path());
    cmd.env_remove("DEMO_TOKEN");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
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
    let mut keys = pair.master.take_writer().unwrap();

    screen.wait_for("List users");
    assert!(
        screen.parser.lock().unwrap().screen().alternate_screen(),
        "the TUI runs on the alternate screen"
    );
    keys.write_all(b"s").unwrap();
    screen.wait_for("200 OK — no problems");
    keys.write_all(b"js").unwrap();
    screen.wait_for("401 Unauthorized — 1 problem");
    screen.wait_for("Credentials were sent");
    keys.write_all(b"q").unwrap();

    let (exited, exit) = std::sync::mpsc::channel();
    std::thread::spawn(move || exited.send(child.wait()));
    let status = exit
        .recv_timeout(Duration::from_secs(10))
        .expect("apibench quits")
        .unwrap();
    assert!(status.success(), "{status:?}");
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
