//! The application state: everything the screen shows, and nothing it does. Only `update`
//! changes it; the view reads it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::tz::TimeZone;

use super::editing::Editing;
use super::frame::{LastFrame, Now};
use super::panes::{Pane, RequestTab, ResponseTab};
use super::request::{Done, RequestState};
use super::tree::{Row, TreeState};
use crate::collection::{Collection, RequestPath, Variables};
use crate::diagnosis::{Clock, HistoryEntry};
use crate::request::{PrepareError, Prepared};
use crate::session::{RequestId, Responses, Session, Workspace};
use crate::tui::body_view::BodyView;
use crate::tui::dialogs::Overlay;
use crate::tui::keymap::Keymap;

/// How many messages the log keeps.
pub const MESSAGE_LOG: usize = 500;

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
pub struct PreviewInputs {
    pub request: RequestId,
    pub generation: u64,
    pub environment: Option<String>,
    pub exchanges: usize,
}

/// The selected request prepared with the current values, for "show resolved". It is
/// prepared on a task (reading body files can take a while); `result` is `None` until then.
#[derive(Debug, Clone)]
pub struct Preview {
    pub inputs: PreviewInputs,
    pub result: Option<Result<Prepared, PrepareError>>,
    /// The prepared request as it may be shown, masked by name and by value once when it
    /// arrives (masking parses the body: not work for every frame). A later credential
    /// (a login's token) comes with a new exchange, which makes a new preview.
    pub shown: Option<ShownRequest>,
}

/// A prepared request with every credential masked, and its query as pairs (taken from the
/// real URL, so a mask over part of it cannot hide the parameters).
#[derive(Debug, Clone)]
pub struct ShownRequest {
    pub request: crate::http::ResolvedRequest,
    pub query: Vec<(String, String)>,
}

impl ShownRequest {
    /// `prepared` masked with its own credentials and the session's `known` ones.
    pub fn of(prepared: &Prepared, known: &[String]) -> Self {
        let known = crate::history::record::with_secrets(crate::interop::credentials_of(prepared), known);
        let query = url::Url::parse(&prepared.request.url)
            .map(|u| {
                u.query_pairs()
                    .map(|(k, v)| {
                        // Values as sent: a `{{` in one is part of the secret, not a template.
                        let v = if crate::secrets::is_secret_param(&k) {
                            crate::secrets::mask(&v)
                        } else {
                            crate::secrets::mask_echoes(&v, &known)
                        };
                        (k.into_owned(), v)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            request: crate::interop::masked(&prepared.request, &known),
            query,
        }
    }
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
    pub requests: HashMap<RequestId, RequestState>,
    pub responses: Responses,
    /// The cookie jars of collections with `cookies: true`, shared with every send.
    pub jars: crate::session::Jars,
    /// What `capture:` took from responses this session; later sends read them.
    pub captured: Variables,
    /// Each request's last status in the history (None: it failed), shown until it is sent.
    pub past: HashMap<RequestId, Option<u16>>,
    /// Every credential this session's exchanges carried or returned: masked in what the
    /// history keeps of later ones.
    pub secrets: Vec<String>,
    /// Renames and moves not yet carried to the history: (file, old path, new path).
    pub history_moves: Vec<(std::path::PathBuf, String, String)>,
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
    /// Every message the status bar showed this session, oldest first (at most
    /// [`MESSAGE_LOG`]), for the message log.
    pub messages: Vec<String>,
    /// Terminal size, for layout and paging.
    pub size: (u16, u16),
    pub next_ticket: u64,
    pub quit: bool,
    /// The time zone local times are shown in.
    pub tz: TimeZone,
    pub theme: crate::tui::theme::Theme,
    /// When the latest message arrived: elapsed times and countdowns on screen are measured
    /// against it, so neither `update` nor drawing reads a clock.
    pub now: Now,
    /// What the view measured on the last frame (how far panes scroll).
    pub last_frame: LastFrame,
    /// The selected request prepared with the current values, for "show resolved".
    pub preview: Option<Preview>,
    /// Files being edited, undo, conflicts, the request pane's cursor.
    pub editing: Editing,
    /// Set by `update` to have the loop hand the terminal over (to `$EDITOR`).
    pub suspend: Option<Suspend>,
    /// What the user did to the pane sizes (keys, drags).
    pub resized: super::panes::Sizing,
    /// The border a mouse drag is moving, and where the pointer last was (column, row).
    pub dragging: Option<(super::panes::Border, u16, u16)>,
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
            jars: crate::session::Jars::default(),
            captured: Variables::new(),
            past: HashMap::new(),
            history_moves: Vec::new(),
            secrets: Vec::new(),
            history: Vec::new(),
            request_tab: RequestTab::Params,
            response_tab: ResponseTab::Body,
            show_resolved: false,
            body: BodyState::default(),
            scroll: HashMap::new(),
            show_passes: false,
            message: None,
            messages: Vec::new(),
            size: (80, 24),
            next_ticket: 1,
            quit: false,
            tz: TimeZone::system(),
            theme: crate::tui::theme::Theme::from_env(),
            now: Now::read(),
            last_frame: LastFrame::default(),
            preview: None,
            editing: Editing::default(),
            suspend: None,
            resized: super::panes::Sizing::default(),
            dragging: None,
        }
    }

    /// What the resolved view needs prepared now: `None` when it is hidden or nothing is
    /// selected. Preparing reads body files and renders every template, so it is done again
    /// only when something it reads changed, not on every key or tick.
    pub fn preview_inputs(&self) -> Option<PreviewInputs> {
        if !self.show_resolved {
            return None;
        }
        Some(PreviewInputs {
            request: self.selected_id()?,
            generation: self.editing.generation,
            environment: self.environment.clone(),
            exchanges: self.history.len(),
        })
    }

    /// The selected request, if the selection is one.
    pub fn selected(&self) -> Option<(usize, &RequestPath)> {
        match self.tree.selected_row()? {
            Row::Request { collection, path, .. } => Some((*collection, path)),
            _ => None,
        }
    }

    /// The selected request, if the selection is one.
    pub fn selected_id(&self) -> Option<RequestId> {
        self.selected().map(|(c, p)| RequestId::new(c, p.clone()))
    }

    /// State of the selected request.
    pub fn selected_state(&self) -> Option<&RequestState> {
        self.requests.get(&self.selected_id()?)
    }

    pub fn selected_done(&self) -> Option<&Done> {
        self.selected_state()?.last()
    }

    pub fn collection(&self, index: usize) -> Option<&Collection> {
        self.workspace.collections.get(index)
    }

    /// The session a send runs with: the current environment, overrides and responses.
    pub fn session(&self) -> Session {
        Session {
            environment: self.environment.clone(),
            overrides: self.overrides.clone(),
            responses: self.responses.clone(),
            captured: self.captured.clone(),
            jars: self.jars.clone(),
            ..Session::default()
        }
    }

    /// When the app must wake up without input: a request in flight (progress), a checklist
    /// counting down, an armed retry. `None` means nothing to do until the next event.
    pub fn next_wakeup(&self, now: Now) -> Option<Instant> {
        let in_flight = self.requests.values().any(RequestState::is_sending);
        if in_flight {
            return Some(now.instant + Duration::from_millis(100));
        }
        let wall = now.wall;
        let countdown = self
            .selected_done()
            .and_then(|d| d.checklist.next_change_after(wall))
            .into_iter()
            .chain(self.requests.values().filter_map(RequestState::retry_at))
            .filter(|t| *t > wall)
            .min()?;
        // Tick on whole seconds of the countdown, so "in 24 s" ticks evenly.
        let left = countdown.duration_since(wall).unwrap_or_default();
        let step = left.min(Duration::from_secs(1)).max(Duration::from_millis(50));
        let sub = Duration::from_nanos(u64::try_from(left.as_nanos() % 1_000_000_000).unwrap_or(0));
        Some(now.instant + if sub.is_zero() { step } else { sub.min(step) })
    }

    /// The clock as of the latest message: checklists are diagnosed against it and times on
    /// screen are shown in its zone.
    pub fn clock(&self) -> Clock {
        Clock {
            now: self.now.wall,
            tz: self.tz.clone(),
        }
    }

    /// The body on screen: the filtered view if a filter is active.
    pub fn shown_body(&self) -> Option<Arc<BodyView>> {
        self.body
            .filtered
            .clone()
            .or_else(|| self.selected_done().and_then(|d| d.body.clone()))
    }

    /// Whether the response pane shows the body (which scrolls by `body.scroll`), rather
    /// than text that scrolls by the pane's offset.
    pub fn shows_body(&self) -> bool {
        self.response_tab == ResponseTab::Body
            && matches!(
                self.selected_done().and_then(Done::outcome),
                Some(crate::http::Outcome::Response(_))
            )
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
}

#[cfg(test)]
mod shown_request_tests {
    use super::ShownRequest;

    use crate::diagnosis::tests::NoEnv;

    /// A secret-named variable in the path masks part of the URL, which then no longer parses:
    /// the query is still listed, from the URL as sent, each value masked on its own.
    #[test]
    fn the_query_is_listed_even_when_a_mask_covers_part_of_the_url() {
        let yaml = "variables:\n  tenant_secret: acme-0123456789\nrequests:\n  - name: r\n    url: \"https://api.test/{{ tenant_secret }}/v1?page=2&token=t-0123456789&note=acme-0123456789\"\n";
        let (_, prepared) = crate::request::prepared_from_yaml(yaml, "r", None, &NoEnv);
        let shown = ShownRequest::of(&prepared, &[]);
        assert!(
            !shown.request.url.contains("acme-0123456789"),
            "{}",
            shown.request.url
        );
        let query: Vec<(&str, &str)> = shown
            .query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(query, [("page", "2"), ("token", "****"), ("note", "****")]);
    }
}
