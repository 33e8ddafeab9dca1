//! The application state: everything the screen shows, and nothing it does. Only `update`
//! changes it; the view reads it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use super::body::BodyView;
use super::edit::{Choice, Confirm, Editing, Form, TextEditor, VarsView};
use super::keymap::Keymap;
use super::tree::{Row, TreeState};
use crate::collection::{Collection, RequestPath, Variables};
use crate::diagnosis::{Check, Checklist, Clock, HistoryEntry, Input, diagnose};
use crate::http::{Outcome, PrepareError, Prepared};
use crate::session::{Responses, Sent, Workspace};

/// The panes, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Tree,
    Request,
    Response,
    Checklist,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Tree, Pane::Request, Pane::Response, Pane::Checklist];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Tree => "Collections",
            Pane::Request => "Request",
            Pane::Response => "Response",
            Pane::Checklist => "Checklist",
        }
    }
}

/// Tabs of the request pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestTab {
    Params,
    Headers,
    Body,
    Auth,
    /// Name, method, description, transport options and request variables.
    Options,
}

impl RequestTab {
    pub const ALL: [RequestTab; 5] = [
        RequestTab::Params,
        RequestTab::Headers,
        RequestTab::Body,
        RequestTab::Auth,
        RequestTab::Options,
    ];

    pub fn title(self) -> &'static str {
        match self {
            RequestTab::Params => "Params",
            RequestTab::Headers => "Headers",
            RequestTab::Body => "Body",
            RequestTab::Auth => "Auth",
            RequestTab::Options => "Options",
        }
    }
}

/// Tabs of the response pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseTab {
    Body,
    Headers,
    Raw,
}

impl ResponseTab {
    pub const ALL: [ResponseTab; 3] = [ResponseTab::Body, ResponseTab::Headers, ResponseTab::Raw];

    pub fn title(self) -> &'static str {
        match self {
            ResponseTab::Body => "Body",
            ResponseTab::Headers => "Headers",
            ResponseTab::Raw => "Raw",
        }
    }
}

/// Where a request is in its life.
#[derive(Debug, Clone)]
pub enum Flight {
    Idle,
    /// Sent on a task; `ticket` identifies it so a superseded result can be dropped.
    Sending {
        ticket: u64,
        since: Instant,
    },
    Cancelled,
}

/// The last result of a request: what was prepared and what came back, with its checklist.
#[derive(Debug, Clone)]
pub struct Done {
    pub prepared: Result<Prepared, PrepareError>,
    pub outcome: Option<Outcome>,
    pub checklist: Checklist,
    /// The body, once built off the UI thread.
    pub body: Option<Arc<BodyView>>,
    pub body_ticket: u64,
    /// Checks that counted down (a Retry-After): shown even once they pass, since "you may
    /// retry now" is what the countdown was for.
    pub counted_down: Vec<&'static str>,
}

impl Done {
    /// A finished send; its body is built later (`body_ticket` names that build).
    pub fn new(
        prepared: Result<Prepared, PrepareError>,
        outcome: Option<Outcome>,
        checklist: Checklist,
        body_ticket: u64,
    ) -> Self {
        Self {
            prepared,
            outcome,
            counted_down: counting_down(&checklist).collect(),
            checklist,
            body: None,
            body_ticket,
        }
    }

    /// The checklist evaluated again (as time passes), remembering what counted down.
    pub fn recheck(&mut self, checklist: Checklist) {
        for id in counting_down(&checklist) {
            if !self.counted_down.contains(&id) {
                self.counted_down.push(id);
            }
        }
        self.checklist = checklist;
    }

    pub fn status(&self) -> Option<u16> {
        self.outcome.as_ref().and_then(Outcome::status)
    }
}

/// Per-request state, keyed by collection and path.
#[derive(Debug, Clone)]
pub struct RequestState {
    pub flight: Flight,
    pub last: Option<Done>,
    /// Send again automatically once the server's wait is over.
    pub retry_at: Option<SystemTime>,
}

impl Default for RequestState {
    fn default() -> Self {
        Self {
            flight: Flight::Idle,
            last: None,
            retry_at: None,
        }
    }
}

pub type RequestKey = (usize, String);

/// A one-line text prompt (search, filter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// The text is what the prompt offered (`$.`, the last filter), not yet touched.
    offered: bool,
}

impl Prompt {
    /// A prompt opening on `text`, which the user may extend or replace.
    pub fn new(kind: PromptKind, text: String) -> Self {
        Self {
            kind,
            offered: !text.is_empty(),
            text,
        }
    }

    /// Typed or pasted text. A prompt is one line: line breaks and other control characters
    /// become spaces. A whole `JSONPath` (`$…`) given to an untouched offer replaces it.
    pub fn insert(&mut self, text: &str) {
        if self.offered && text.trim_start().starts_with('$') {
            self.text.clear();
        }
        self.offered = false;
        self.text
            .extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
    }

    /// The text after an edit that is not an insertion (backspace, clearing).
    pub fn text_mut(&mut self) -> &mut String {
        self.offered = false;
        &mut self.text
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    Filter,
}

/// What covers the panes.
#[derive(Debug, Clone)]
pub enum Overlay {
    None,
    Help {
        scroll: u16,
    },
    Prompt(Prompt),
    /// One or two text fields for an edit.
    Form(Box<Form>),
    Choice(Choice),
    Confirm(Confirm),
    /// The multi-line editor for a body or a description.
    TextEditor(Box<TextEditor>),
    Variables(VarsView),
}

/// Why the event loop hands the terminal back for a while.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suspend {
    /// Edit a file in `$VISUAL`/`$EDITOR` at a line, then reload it.
    Editor { path: std::path::PathBuf, line: usize },
}

/// Viewing state of the response body.
#[derive(Debug, Clone, Default)]
pub struct BodyState {
    pub scroll: usize,
    pub wrap: bool,
    pub search: String,
    pub matches: Vec<(usize, usize)>,
    pub current: usize,
    pub filter: Option<String>,
    /// The filtered view, when a filter is active.
    pub filtered: Option<Arc<BodyView>>,
}

/// What a resolved preview depends on: the request, the file's text, the environment, and
/// the responses chained templates read (a new exchange is a new history entry).
#[derive(Debug, Clone, PartialEq, Eq)]
struct PreviewInputs {
    request: RequestKey,
    generation: u64,
    environment: Option<String>,
    exchanges: usize,
}

/// The whole state.
#[derive(Debug)]
pub struct App {
    pub workspace: Arc<Workspace>,
    pub tree: TreeState,
    pub focus: Pane,
    pub overlay: Overlay,
    pub keymap: Keymap,
    pub environment: Option<String>,
    /// Values set from outside the file (the demo's base URL, `--var`).
    pub overrides: Variables,
    pub requests: HashMap<RequestKey, RequestState>,
    pub responses: Responses,
    pub history: Vec<HistoryEntry>,
    pub request_tab: RequestTab,
    pub response_tab: ResponseTab,
    pub show_resolved: bool,
    pub body: BodyState,
    /// Scroll of the headers/raw tabs, the request pane and the checklist.
    pub scroll: HashMap<Pane, usize>,
    pub show_passes: bool,
    /// A message for the status bar (errors from keymaps, "copied", …).
    pub message: Option<String>,
    /// Terminal size, for layout and paging.
    pub size: (u16, u16),
    pub next_ticket: u64,
    pub quit: bool,
    /// The clock checklists are evaluated against; tests pin it.
    pub clock: fn() -> Clock,
    pub theme: super::theme::Theme,
    /// The monotonic time of the latest message: elapsed times on screen are measured
    /// against it, so drawing reads no clock.
    pub now: Instant,
    /// The selected request prepared with the current values, for "show resolved".
    pub preview: Option<(RequestKey, Result<Prepared, PrepareError>)>,
    /// What `preview` was prepared from.
    preview_for: Option<PreviewInputs>,
    /// Files being edited, undo, conflicts, the request pane's cursor.
    pub editing: Editing,
    /// Set by `update` to have the loop hand the terminal over (to `$EDITOR`).
    pub suspend: Option<Suspend>,
}

impl App {
    pub fn new(workspace: Workspace, keymap: Keymap, overrides: Variables) -> Self {
        let workspace = Arc::new(workspace);
        let tree = TreeState::new(&workspace);
        Self {
            workspace,
            tree,
            focus: Pane::Tree,
            overlay: Overlay::None,
            keymap,
            environment: None,
            overrides,
            requests: HashMap::new(),
            responses: Responses::default(),
            history: Vec::new(),
            request_tab: RequestTab::Params,
            response_tab: ResponseTab::Body,
            show_resolved: false,
            body: BodyState::default(),
            scroll: HashMap::new(),
            show_passes: false,
            message: None,
            size: (80, 24),
            next_ticket: 1,
            quit: false,
            clock: Clock::system,
            theme: super::theme::Theme::from_env(),
            now: Instant::now(),
            preview: None,
            preview_for: None,
            editing: Editing::default(),
            suspend: None,
        }
    }

    /// Prepares the selected request for the resolved view when it is shown and stale.
    pub fn refresh_preview(&mut self) {
        if !self.show_resolved {
            self.preview = None;
            self.preview_for = None;
            return;
        }
        let Some((c, p)) = self.selected().map(|(c, p)| (c, p.clone())) else {
            self.preview = None;
            self.preview_for = None;
            return;
        };
        // Preparing reads body files and renders every template: do it again only when
        // something it reads changed, not on every key or tick.
        let inputs = PreviewInputs {
            request: Self::key_of(c, &p),
            generation: self.editing.generation,
            environment: self.environment.clone(),
            exchanges: self.history.len(),
        };
        if self.preview_for.as_ref() == Some(&inputs) {
            return;
        }
        let prepared = self.session().prepare(&self.workspace, c, &p);
        self.preview = Some((inputs.request.clone(), prepared));
        self.preview_for = Some(inputs);
    }

    /// The selected request, if the selection is one.
    pub fn selected(&self) -> Option<(usize, &RequestPath)> {
        match self.tree.selected_row()? {
            Row::Request { collection, path, .. } => Some((*collection, path)),
            _ => None,
        }
    }

    pub fn key_of(collection: usize, path: &RequestPath) -> RequestKey {
        (collection, path.to_string())
    }

    /// State of the selected request.
    pub fn selected_state(&self) -> Option<&RequestState> {
        let (c, p) = self.selected()?;
        self.requests.get(&Self::key_of(c, p))
    }

    pub fn selected_done(&self) -> Option<&Done> {
        self.selected_state()?.last.as_ref()
    }

    pub fn collection(&self, index: usize) -> Option<&Collection> {
        self.workspace.collections.get(index)
    }

    /// The session a send runs with: the current environment, overrides and responses.
    pub fn session(&self) -> crate::session::Session {
        crate::session::Session {
            environment: self.environment.clone(),
            overrides: self.overrides.clone(),
            responses: self.responses.clone(),
            ..crate::session::Session::default()
        }
    }

    /// The checklist of a result as of now: time-based checks count down.
    pub fn diagnose(&self, collection: usize, sent: &Sent) -> Checklist {
        let outcome = match (&sent.prepared, &sent.outcome) {
            (_, Some(outcome)) => Ok(outcome),
            (Err(e), None) => Err(e),
            (Ok(_), None) => return empty_checklist(),
        };
        diagnose(
            &Input {
                written: sent.prepared.as_ref().ok().map(|p| &p.written),
                outcome,
                collection: self.collection(collection),
                history: &self.history,
            },
            &(self.clock)(),
        )
    }

    /// When the app must wake up without input: a request in flight (progress), a checklist
    /// counting down, an armed retry. `None` means nothing to do until the next event.
    pub fn next_wakeup(&self, now: Instant) -> Option<Instant> {
        let in_flight = self
            .requests
            .values()
            .any(|r| matches!(r.flight, Flight::Sending { .. }));
        if in_flight {
            return Some(now + Duration::from_millis(100));
        }
        let wall = (self.clock)().now;
        let countdown = self
            .selected_done()
            .and_then(|d| d.checklist.next_change())
            .into_iter()
            .chain(self.requests.values().filter_map(|r| r.retry_at))
            .filter(|t| *t > wall)
            .min()?;
        // Tick on whole seconds of the countdown, so "in 24 s" ticks evenly.
        let left = countdown.duration_since(wall).unwrap_or_default();
        let step = left.min(Duration::from_secs(1)).max(Duration::from_millis(50));
        let sub = Duration::from_nanos(u64::try_from(left.as_nanos() % 1_000_000_000).unwrap_or(0));
        Some(now + if sub.is_zero() { step } else { sub.min(step) })
    }

    /// All environment names across the loaded collections, in file order.
    pub fn environment_names(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        self.workspace
            .collections
            .iter()
            .flat_map(|c| c.environments.keys())
            .filter(|name| seen.insert(*name))
            .cloned()
            .collect()
    }

    /// Lines a page scroll moves: the focused pane's height less its borders, its tab line
    /// if it has one, and a line kept in view from the page before.
    pub fn page(&self) -> usize {
        let screen = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let pane = super::layout::layout(screen, self.focus).of(self.focus);
        usize::from(pane.height.saturating_sub(4)).max(1)
    }
}

/// The checks whose verdict is waiting on the clock.
fn counting_down(checklist: &Checklist) -> impl Iterator<Item = &'static str> + '_ {
    checklist
        .checks
        .iter()
        .filter(|c| c.changes_at.is_some())
        .map(Check::id)
}

fn empty_checklist() -> Checklist {
    Checklist {
        title: String::new(),
        summary: String::new(),
        checks: Vec::new(),
        tips: Vec::new(),
    }
}
