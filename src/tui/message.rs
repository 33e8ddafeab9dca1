//! What flows into `update` (messages) and out of it (effects).
//!
//! ```text
//!  terminal events ─┐                       ┌─► Effect::Send ─► tokio task ─► Msg::Sent
//!  task results ────┼─► Msg ─► update(app) ─┼─► Effect::Prepare ─► tokio task ─► Msg::Prepared
//!                   │                       ├─► Effect::BuildBody ─► blocking task ─► Msg::BodyReady
//!  timer ticks ─────┤                       ├─► Effect::Save ─► blocking task ─► Msg::Saved
//!  file watcher ────┘                       └─► Effect::Abort / Search / Filter
//! ```

use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;
use crossterm::event::{KeyEvent, MouseEvent};

use crate::collection::store::{OnConflict, SaveError};
use crate::request::{PrepareError, Prepared};
use crate::session::{RequestId, Sent, Session, Workspace};
use crate::tui::action::Action;
use crate::tui::body_view::BodyView;
use crate::tui::state::{LastFrame, PreviewInputs};

/// An input to `update`.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A frame was drawn: what the view measured (how far panes scroll). It changes nothing
    /// on screen, so it asks for no redraw.
    Drawn(LastFrame),
    /// An action without a key (tests, the harness).
    Action(Action),
    /// A send finished: every request sent (or refused), dependencies first.
    Sent {
        ticket: u64,
        id: RequestId,
        results: Vec<Sent>,
    },
    /// The resolved view's request was prepared off the UI thread.
    Prepared {
        inputs: PreviewInputs,
        result: Box<Result<Prepared, PrepareError>>,
    },
    /// A body finished building off the UI thread.
    BodyReady {
        ticket: u64,
        id: RequestId,
        view: Arc<BodyView>,
    },
    /// A filter finished.
    Filtered {
        expr: String,
        result: Result<BodyView, crate::tui::body_view::FilterError>,
    },
    /// A search has gone through `lines` of the body so far.
    SearchProgress {
        query: String,
        lines: usize,
    },
    /// A search finished.
    Searched {
        query: String,
        matches: Vec<(usize, usize)>,
    },
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// A save finished.
    Saved {
        path: PathBuf,
        result: Result<(), SaveError>,
    },
    /// A collection file changed on disk (the watcher, or `$EDITOR` closing).
    FileChanged(PathBuf),
    /// Time passed (progress, countdowns, armed retries).
    Tick,
    /// Asked to stop from outside (SIGTERM).
    Terminate,
    /// Something to say in the status bar (set-up problems, unsaved edits found at start).
    Notice(String),
    /// A request's past exchanges, read from the history.
    PastListed {
        request: RequestId,
        entries: Vec<crate::history::Summary>,
    },
    /// A past exchange read (or two compared: `compared` holds what changed, side by side:
    /// what, before, after).
    PastRead {
        id: i64,
        record: serde_json::Value,
        compared: Option<(i64, Vec<[String; 3]>)>,
    },
    /// What the history holds of earlier sessions, read at start.
    Past {
        /// The last status of each request (None: it failed).
        statuses: Vec<(RequestId, Option<u16>)>,
        /// The latest responses kept for chaining, by request and environment.
        kept: Vec<(RequestId, Option<String>, crate::session::Kept)>,
        /// Why kept responses that expired are not used.
        expired: Vec<String>,
        /// The cookie jars kept (as JSON) of collections with `cookies: true`, by
        /// collection and environment.
        jars: Vec<(usize, Option<String>, Vec<u8>)>,
    },
    /// Every request's switched-off rows in a file, found off the UI thread from its text
    /// as of `generation`.
    SwitchedOffFound {
        source: PathBuf,
        generation: u64,
        rows: crate::collection::edit::rows::RowsByRequest,
    },
    /// `$EDITOR` gave the terminal back: how it went, and the file it had, to read again.
    EditorClosed {
        path: PathBuf,
        outcome: String,
    },
}

/// Work `update` asks for; the runner does it and reports back with a [`Msg`].
#[derive(Debug)]
pub enum Effect {
    /// Prepare and send a request (and first the requests it needs), on a task.
    Send {
        ticket: u64,
        id: RequestId,
        session: Session,
        workspace: Arc<Workspace>,
    },
    /// Prepare a request for the resolved view, on a task.
    Prepare {
        inputs: PreviewInputs,
        session: Session,
        workspace: Arc<Workspace>,
    },
    Abort {
        ticket: u64,
    },
    /// Find every request's switched-off rows in a file (a parse of the whole file: about
    /// half a second at 50,000 requests), from `text` as edited here, or from the disk when
    /// the file is not open for editing.
    FindSwitchedOff {
        source: PathBuf,
        generation: u64,
        text: Option<String>,
    },
    BuildBody {
        ticket: u64,
        id: RequestId,
        body: Bytes,
        /// The whole body on disk, when it was too large to hold.
        spilled: Option<crate::http::SpilledBody>,
        content_type: Option<String>,
        /// Credentials the session knows, masked where the body echoes them (a body held
        /// in memory; one on disk is shown as it is).
        secrets: Vec<String>,
    },
    Search {
        view: Arc<BodyView>,
        query: String,
    },
    Filter {
        view: Arc<BodyView>,
        expr: String,
    },
    /// Remember the pane sizes and layout for the next session.
    RememberLayout(crate::tui::state::Sizing),
    /// Keep a finished exchange in the history, masked, off the UI thread.
    Remember(Box<Remembered>),
    /// Read a request's past exchanges from the history.
    ListPast {
        request: RequestId,
        file: PathBuf,
        path: String,
    },
    /// Read one past exchange (`compare` with another: what changed).
    ReadPast {
        id: i64,
        compare: Option<i64>,
    },
    /// Write a response body to a new file, byte for byte.
    WriteBody {
        path: PathBuf,
        body: Bytes,
        /// The whole body on disk, copied instead of `body` (its start) when there is one.
        spilled: Option<crate::http::SpilledBody>,
    },
    /// Put text on the clipboard (an OSC 52 sequence to the terminal, between frames).
    Copy(String),
    /// Keep a collection's cookie jar (as JSON) in the history for the next session.
    KeepCookies {
        file: PathBuf,
        environment: Option<String>,
        /// When the jar was read: an older snapshot written late never replaces a newer one.
        at: std::time::SystemTime,
        jar: Vec<u8>,
    },
    /// A request or folder was renamed or moved: its history goes with it.
    MoveHistory {
        file: PathBuf,
        from: String,
        to: String,
    },
    /// Write a file atomically, unless it no longer holds `expected`.
    Save {
        path: PathBuf,
        expected: String,
        text: String,
        on_conflict: OnConflict,
    },
}

/// A finished exchange and what the history needs to keep it.
#[derive(Debug)]
pub struct Remembered {
    pub sent: Arc<crate::session::Sent>,
    pub checklist: crate::diagnosis::Checklist,
    pub checked: Vec<crate::expectation::Checked>,
    pub file: PathBuf,
    pub collection: String,
    pub environment: Option<String>,
    pub written_method: String,
    pub written_url: String,
    /// The credentials to mask: this exchange's and those of the session's earlier ones.
    pub secrets: Vec<String>,
}

impl Remembered {
    /// The exchange as the history stores it: masked, in the form `run --output json` uses.
    pub fn exchange(&self) -> crate::history::NewExchange {
        let view = crate::history::ResultView {
            full_path: format!("{}/{}", self.collection, self.sent.id.path),
            name: self.sent.id.path.name(),
            written_method: &self.written_method,
            written_url: &self.written_url,
            outcome: self.sent.outcome(),
            checklist: &self.checklist,
            checked: &self.checked,
            attempts: &[],
            show_secrets: false,
        };
        let secrets = &self.secrets;
        crate::history::NewExchange {
            at: self
                .sent
                .outcome()
                .map_or_else(|_| std::time::SystemTime::now(), |o| o.timing().started_at),
            file: self.file.clone(),
            collection: self.collection.clone(),
            request: self.sent.id.path.to_string(),
            environment: self.environment.clone(),
            origin: crate::history::Origin::Tui,
            met: None,
            record: crate::history::record::result_json(&view, secrets),
            response: crate::history::KeptResponse::of(self.sent.outcome()),
        }
    }
}
