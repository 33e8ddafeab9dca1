//! The real binary in a pseudo-terminal, read through a VT100 emulator like a person's
//! terminal. Self-contained (std, portable-pty, vt100, tempfile) so the benchmarks include
//! this same file with `#[path]` instead of keeping a copy.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// How long a test waits for something to show before it fails.
pub const DEADLINE: Duration = Duration::from_secs(20);

const ROWS: u16 = 40;
const COLS: u16 = 120;

/// The emulated screen, fed by a reader thread that signals after every chunk of output.
pub struct Screen {
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

    /// Waits (on output, not on a timer) until `condition` holds; false if `deadline` passes
    /// first.
    pub fn wait_until(&self, deadline: Duration, condition: impl Fn(&vt100::Screen) -> bool) -> bool {
        let end = Instant::now() + deadline;
        let mut parser = self.parser.lock().unwrap();
        while !condition(parser.screen()) {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            parser = self.changed.wait_timeout(parser, left).unwrap().0;
        }
        true
    }

    /// Waits until no output has arrived for `quiet` (a frame fully drawn); false if output
    /// keeps coming until `deadline`.
    #[allow(
        dead_code,
        reason = "the benchmarks pace their keys with it; no test needs to"
    )]
    pub fn wait_quiet(&self, quiet: Duration, deadline: Duration) -> bool {
        let end = Instant::now() + deadline;
        let mut parser = self.parser.lock().unwrap();
        loop {
            let (guard, waited) = self.changed.wait_timeout(parser, quiet).unwrap();
            parser = guard;
            if waited.timed_out() {
                return true;
            }
            if Instant::now() >= end {
                return false;
            }
        }
    }

    /// Waits until `condition` holds, or fails after [`DEADLINE`] showing the screen.
    #[track_caller]
    pub fn expect(&self, what: &str, condition: impl Fn(&vt100::Screen) -> bool) {
        assert!(
            self.wait_until(DEADLINE, condition),
            "{what} never happened; the screen was:\n{}",
            self.contents()
        );
    }

    /// Waits until `wanted` is on screen, or fails after [`DEADLINE`].
    #[track_caller]
    pub fn wait_for(&self, wanted: &str) {
        self.expect(&format!("`{wanted}` on screen"), |s| {
            s.contents().contains(wanted)
        });
    }

    pub fn contents(&self) -> String {
        self.state().contents()
    }

    /// The emulator's state now (cursor, modes, …), locked while the guard lives.
    pub fn lock(&self) -> MutexGuard<'_, vt100::Parser> {
        self.parser.lock().unwrap()
    }

    fn state(&self) -> vt100::Screen {
        self.parser.lock().unwrap().screen().clone()
    }
}

/// The real binary running in a pty of 40×120, its screen, and its keyboard.
pub struct PtySession {
    pub screen: Arc<Screen>,
    keys: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Held for the session's life: the child's terminal closes (SIGHUP) when it drops.
    _master: Box<dyn portable_pty::MasterPty + Send>,
    _config: tempfile::TempDir,
}

impl PtySession {
    /// Starts `apibench ARGS` in `cwd` with its own empty config directory, `DEMO_TOKEN` unset
    /// and `env` set.
    pub fn start(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let config = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_apibench"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env("APIBENCH_CONFIG_DIR", config.path());
        cmd.env("APIBENCH_DATA_DIR", config.path().join("data"));
        cmd.env_remove("DEMO_TOKEN");
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);

        let screen = Screen::new(ROWS, COLS);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.feed(&buf[..n]);
            }
        });
        let keys = pair.master.take_writer().unwrap();
        Self {
            screen,
            keys,
            child,
            _master: pair.master,
            _config: config,
        }
    }

    /// Types `keys` (raw bytes: `b"\t"`, `b"\x1b[6~"` for page down, …).
    pub fn press(&mut self, keys: &[u8]) {
        self.keys.write_all(keys).unwrap();
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Waits for the process to exit and returns whether it succeeded, with its last screen.
    pub fn wait_exit(mut self) -> (bool, Arc<Screen>) {
        let (exited, exit) = std::sync::mpsc::channel();
        std::thread::spawn(move || exited.send(self.child.wait()));
        let Ok(status) = exit.recv_timeout(Duration::from_secs(10)) else {
            panic!(
                "apibench did not quit; the screen was:\n{}",
                self.screen.contents()
            );
        };
        (status.unwrap().success(), self.screen)
    }
}
