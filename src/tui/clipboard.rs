//! Copying: to the system clipboard where there is one (an X11 display, through `arboard`;
//! `Wayland` desktops run `XWayland`), and always as an OSC 52 sequence to the terminal, which
//! reaches the clipboard of the machine in front of the user over SSH and through tmux
//! (`set -g set-clipboard on`). A terminal that does not know OSC 52 ignores it.

use std::sync::{Arc, Mutex};

/// The system clipboard: connected on first use, off the UI thread, and kept for the
/// session (on X11 the copied text is served by the process that owns the selection).
#[derive(Default)]
pub struct SystemClipboard {
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
enum State {
    #[default]
    Unopened,
    Open(arboard::Clipboard),
    /// No display, or it refused: only OSC 52 from now on.
    Absent,
}

impl std::fmt::Debug for SystemClipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SystemClipboard")
    }
}

impl SystemClipboard {
    /// Puts `text` on the system clipboard, on a blocking task; `failed` hears why not when a
    /// display exists but refused (no display at all is not a failure: OSC 52 carries it).
    pub fn copy(&self, text: String, failed: impl FnOnce(String) + Send + 'static) {
        if std::env::var_os("DISPLAY").is_none() {
            return;
        }
        let state = Arc::clone(&self.state);
        tokio::task::spawn_blocking(move || {
            let Ok(mut state) = state.lock() else { return };
            if matches!(*state, State::Unopened) {
                *state = arboard::Clipboard::new().map_or(State::Absent, State::Open);
            }
            if let State::Open(clipboard) = &mut *state
                && let Err(error) = clipboard.set_text(text)
            {
                failed(format!("the system clipboard refused the text: {error}"));
            }
        });
    }
}

/// The OSC 52 sequence that asks the terminal to put `text` on its clipboard.
pub fn osc52(text: &str) -> std::io::Result<()> {
    crossterm::execute!(
        std::io::stdout(),
        crossterm::clipboard::CopyToClipboard::to_clipboard_from(text.as_bytes())
    )
}
