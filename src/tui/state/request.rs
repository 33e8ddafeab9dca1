//! The life of one request in the TUI, as one state:
//!
//! ```text
//!          send                 Msg::Sent (prepared and sent)
//!  Idle ──────────► Sending ─────────────────────────────► Completed ──R──► RetryArmed
//!   ▲                 │  │    Msg::Sent (refused: a template error)   ▲        │ the wait is over
//!   │                 │  └───────────────────────────────► Invalid    └─send───┘
//!   │                 └─x─► Cancelled
//! ```
//!
//! Every state but `Idle` keeps the last finished result, so the screen shows it while the
//! next send runs or after one is cancelled. A finished result is diagnosed once, when it
//! arrives; as time passes its checklist is read for the moment (`Checklist::as_of`), never
//! diagnosed again.

use std::sync::Arc;
use std::time::{Instant, SystemTime};

use crate::diagnosis::{Check, Checklist, Clock};
use crate::http::Outcome;
use crate::request::PrepareError;
use crate::session::Sent;
use crate::tui::body_view::BodyView;

/// Where a request is in its life.
#[derive(Debug, Clone, Default)]
pub enum RequestState {
    /// Not sent this session.
    #[default]
    Idle,
    /// On a task; `ticket` names the send, so a superseded or cancelled result is dropped.
    Sending {
        ticket: u64,
        since: Instant,
        last: Option<Box<Done>>,
    },
    /// The last send was refused before anything went out (a template error).
    Invalid(Box<Done>),
    /// The last send finished: a response, or a failure on the network.
    Completed(Box<Done>),
    /// The user stopped the last send.
    Cancelled { last: Option<Box<Done>> },
    /// Sends again by itself at `at`, when the server's wait is over.
    RetryArmed { at: SystemTime, last: Box<Done> },
}

/// What a finished result shows: a send of this session, or an exchange read back from the
/// history.
#[derive(Debug, Clone)]
pub enum Shown {
    Sent(Arc<Sent>),
    /// Exchange `id` of the history, sent `at` (in an earlier session, perhaps): the panes
    /// say it is past.
    Past {
        id: i64,
        at: SystemTime,
        outcome: Outcome,
    },
}

/// A finished result: what was sent (or why not), its checklist, and the body as viewed.
#[derive(Debug, Clone)]
pub struct Done {
    pub shown: Shown,
    pub checklist: Checklist,
    /// Checks that counted down (a Retry-After): shown even once they pass, since "you may
    /// retry now" is what the countdown was for.
    pub counted_down: Vec<&'static str>,
    /// The body, once built off the UI thread.
    pub body: Option<Arc<BodyView>>,
    /// Names the build of `body`, so a late build for an older result is dropped.
    pub body_ticket: u64,
}

impl Done {
    /// A finished send; its body is built later (`body_ticket` names that build).
    pub fn new(sent: Arc<Sent>, checklist: Checklist, body_ticket: u64) -> Self {
        Self::showing(Shown::Sent(sent), checklist, body_ticket)
    }

    /// A past exchange read back from the history, with the checklist it had then.
    pub fn past(id: i64, at: SystemTime, outcome: Outcome, checklist: Checklist, body_ticket: u64) -> Self {
        Self::showing(Shown::Past { id, at, outcome }, checklist, body_ticket)
    }

    fn showing(shown: Shown, checklist: Checklist, body_ticket: u64) -> Self {
        Self {
            counted_down: counting_down(&checklist).collect(),
            shown,
            checklist,
            body: None,
            body_ticket,
        }
    }

    /// The send of this session it shows; `None` for a past exchange.
    pub fn sent(&self) -> Option<&Arc<Sent>> {
        match &self.shown {
            Shown::Sent(sent) => Some(sent),
            Shown::Past { .. } => None,
        }
    }

    /// The history's id of the past exchange it shows, and when that was sent.
    pub fn past_at(&self) -> Option<(i64, SystemTime)> {
        match &self.shown {
            Shown::Past { id, at, .. } => Some((*id, *at)),
            Shown::Sent(_) => None,
        }
    }

    /// The checklist as it reads at `clock`: waits that are over have flipped, and
    /// countdowns read for that moment. Nothing is diagnosed again.
    pub fn checklist_at(&self, clock: &Clock) -> Checklist {
        self.checklist.as_of(clock)
    }

    /// What came back, when the request was sent.
    pub fn outcome(&self) -> Option<&Outcome> {
        match &self.shown {
            Shown::Sent(sent) => sent.outcome().ok(),
            Shown::Past { outcome, .. } => Some(outcome),
        }
    }

    /// Why the request was not sent, when it was refused.
    pub fn refusal(&self) -> Option<&PrepareError> {
        self.sent()?.outcome().err()
    }

    pub fn status(&self) -> Option<u16> {
        self.outcome().and_then(Outcome::status)
    }
}

impl RequestState {
    /// The state a finished result puts a request in.
    pub fn finished(done: Done) -> Self {
        if done.refusal().is_some() {
            RequestState::Invalid(Box::new(done))
        } else {
            RequestState::Completed(Box::new(done))
        }
    }

    /// The last finished result, whatever is happening now.
    pub fn last(&self) -> Option<&Done> {
        match self {
            RequestState::Idle => None,
            RequestState::Sending { last, .. } | RequestState::Cancelled { last } => last.as_deref(),
            RequestState::Invalid(done)
            | RequestState::Completed(done)
            | RequestState::RetryArmed { last: done, .. } => Some(done),
        }
    }

    pub fn last_mut(&mut self) -> Option<&mut Done> {
        match self {
            RequestState::Idle => None,
            RequestState::Sending { last, .. } | RequestState::Cancelled { last } => last.as_deref_mut(),
            RequestState::Invalid(done)
            | RequestState::Completed(done)
            | RequestState::RetryArmed { last: done, .. } => Some(done),
        }
    }

    /// The send in flight: its ticket and when it started.
    pub fn in_flight(&self) -> Option<(u64, Instant)> {
        match self {
            RequestState::Sending { ticket, since, .. } => Some((*ticket, *since)),
            _ => None,
        }
    }

    pub fn is_sending(&self) -> bool {
        self.in_flight().is_some()
    }

    /// When an armed retry sends.
    pub fn retry_at(&self) -> Option<SystemTime> {
        match self {
            RequestState::RetryArmed { at, .. } => Some(*at),
            _ => None,
        }
    }

    fn take_last(self) -> Option<Box<Done>> {
        match self {
            RequestState::Idle => None,
            RequestState::Sending { last, .. } | RequestState::Cancelled { last } => last,
            RequestState::Invalid(done)
            | RequestState::Completed(done)
            | RequestState::RetryArmed { last: done, .. } => Some(done),
        }
    }

    /// A new send started, keeping the last result on screen.
    #[must_use]
    pub fn sending(self, ticket: u64, since: Instant) -> Self {
        RequestState::Sending {
            ticket,
            since,
            last: self.take_last(),
        }
    }

    /// The send in flight was stopped.
    #[must_use]
    pub fn cancelled(self) -> Self {
        RequestState::Cancelled {
            last: self.take_last(),
        }
    }

    /// Arms a retry for `at`; a request with no result to retry stays as it is.
    #[must_use]
    pub fn retry_armed(self, at: SystemTime) -> Self {
        match self.take_last() {
            Some(last) => RequestState::RetryArmed { at, last },
            None => RequestState::Idle,
        }
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
