//! The TUI driven in process: the real update loop, runner and engine drawing on a
//! `TestBackend`, fed messages through its mailbox and run until a condition on the app
//! holds, with a deadline instead of sleeps.

use std::time::Duration;

use apibench::collection::RequestPath;
use apibench::tui::Mailbox;
use apibench::tui::message::Msg;
use apibench::tui::state::App;
use apibench::tui::state::Row;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use futures_util::stream::{Pending, pending};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A terminal of a given size and the mailbox the app's loop reads.
pub struct Driver {
    pub terminal: Terminal<TestBackend>,
    pub mailbox: Mailbox,
    stop: Pending<()>,
}

impl Driver {
    pub fn new(width: u16, height: u16) -> Self {
        Self {
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
            mailbox: Mailbox::default(),
            stop: pending(),
        }
    }

    /// Queues a message for the loop.
    pub fn send(&self, msg: Msg) {
        self.mailbox.sender().send(msg).unwrap();
    }

    /// Queues key presses: a chord per entry (`"e"`, `"ctrl-s"`, `"enter"`, `"tab"`, `"esc"`),
    /// or text to type.
    pub fn keys(&self, chords: &[&str]) {
        for chord in chords {
            for event in key_events(chord) {
                self.send(Msg::Key(event));
            }
        }
    }

    /// Runs the app's loop until `done` holds; false if `deadline` passed first.
    pub async fn run_until(
        &mut self,
        app: &mut App,
        deadline: Duration,
        done: impl Fn(&App) -> bool,
    ) -> bool {
        let drive = apibench::tui::drive(
            &mut self.terminal,
            app,
            pending(),
            &mut self.stop,
            &mut self.mailbox,
            done,
        );
        match tokio::time::timeout(deadline, drive).await {
            Ok(result) => {
                result.expect("drawing on a test backend does not fail");
                true
            }
            Err(_) => false,
        }
    }

    /// The last frame drawn, as text.
    pub fn screen(&self) -> String {
        self.terminal.backend().to_string()
    }
}

fn key_events(chord: &str) -> Vec<KeyEvent> {
    let key = |code| vec![KeyEvent::new(code, KeyModifiers::NONE)];
    match chord {
        "enter" => key(KeyCode::Enter),
        "tab" => key(KeyCode::Tab),
        "esc" => key(KeyCode::Esc),
        _ => match chord.strip_prefix("ctrl-") {
            Some(c) => vec![KeyEvent::new(
                KeyCode::Char(c.chars().next().unwrap()),
                KeyModifiers::CONTROL,
            )],
            None => chord
                .chars()
                .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
                .collect(),
        },
    }
}

/// Moves the tree's selection to the request at `path`.
pub fn select(app: &mut App, path: &str) {
    let wanted = RequestPath::parse(path);
    app.tree.selected = app
        .tree
        .rows
        .iter()
        .position(|r| matches!(r, Row::Request { path, .. } if *path == wanted))
        .unwrap_or_else(|| panic!("no request row {path}"));
}
