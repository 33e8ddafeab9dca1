//! Time and geometry as `update` is told them, never read by it: the moment a message
//! arrived (the event loop reads the clock), and what the view measured on the last frame
//! (how far each pane can scroll), reported back as a message.

use std::time::{Instant, SystemTime};

use crate::tui::dialogs::HelpRows;

/// When a message arrived: for elapsed times on screen, and for countdowns and expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub instant: Instant,
    pub wall: SystemTime,
}

impl Now {
    /// The clocks as they read now; only the event loop (and tests) call this.
    pub fn read() -> Self {
        Self {
            instant: Instant::now(),
            wall: SystemTime::now(),
        }
    }
}

/// What the view measured while drawing the last frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LastFrame {
    /// The first line of the body's last screenful: the furthest the body scrolls.
    pub body_room: usize,
    /// The furthest the headers, the raw message or a failure scroll.
    pub response_room: usize,
    /// The furthest the checklist scrolls.
    pub checklist_room: usize,
    /// The help screen's lines and how many show at once.
    pub help: HelpRows,
    /// Whether there has been a frame at all: work that would share the cores with the
    /// first one waits for it.
    pub drawn: bool,
}
