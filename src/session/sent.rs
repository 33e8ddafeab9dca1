//! One request of a send, as it ended: prepared and sent (answered, or failed on the
//! network), or refused before anything went out — and its checklist, diagnosed in the one
//! place both faces (CLI and TUI) call.

use super::id::RequestId;
use super::workspace::Workspace;
use crate::collection::RequestPath;
use crate::diagnosis::{Checklist, Clock, HistoryEntry, Input, diagnose};
use crate::expectation::Captured;
use crate::http::Outcome;
use crate::request::{PrepareError, Prepared, Written};

/// A request that was sent, or could not be.
#[derive(Debug, Clone)]
pub struct Sent {
    pub id: RequestId,
    /// Set when this request was sent only because another one needed its response.
    pub needed_by: Option<RequestPath>,
    pub result: Result<Exchanged, PrepareError>,
}

/// A request prepared and sent, and what came of it.
#[derive(Debug, Clone)]
pub struct Exchanged {
    pub prepared: Prepared,
    pub outcome: Outcome,
    /// What the request's `capture:` took from the response.
    pub captured: Vec<Captured>,
    /// With a cookie jar: the cookies it held for the URL that had expired when the request
    /// left. `None` without a jar.
    pub expired_cookies: Option<Vec<crate::http::cookies::ExpiredCookie>>,
}

impl Sent {
    /// What sending produced, or why nothing was sent.
    pub fn outcome(&self) -> Result<&Outcome, &PrepareError> {
        self.result.as_ref().map(|e| &e.outcome)
    }

    /// The request as written and how its templates resolved, when it was prepared.
    pub fn written(&self) -> Option<&Written> {
        self.result.as_ref().ok().map(|e| &e.prepared.written)
    }

    /// Every credential this result holds, to mask wherever it is shown or stored: what
    /// went out under a secret name, from the auth helper or from a secret-named variable
    /// (whatever header or body it went into), and the tokens the response handed out.
    /// Longest first.
    pub fn secrets(&self) -> Vec<String> {
        let mut found = crate::history::record::secrets_of(self.outcome());
        if let Ok(exchanged) = &self.result {
            found = crate::history::record::with_secrets(
                found,
                &crate::interop::credentials_of(&exchanged.prepared),
            );
        }
        found
    }

    pub fn status(&self) -> Option<u16> {
        self.outcome().ok().and_then(Outcome::status)
    }

    /// The checklist for this result as of `clock`, comparing with the session's earlier
    /// exchanges in `history` and with the other requests of its collection.
    pub fn diagnose(&self, workspace: &Workspace, history: &[HistoryEntry], clock: &Clock) -> Checklist {
        diagnose(
            &Input {
                written: self.written(),
                outcome: self.outcome(),
                collection: workspace.collection_of(&self.id),
                history,
                expired_cookies: self
                    .result
                    .as_ref()
                    .ok()
                    .and_then(|e| e.expired_cookies.as_deref()),
                api: workspace.api_of(&self.id),
            },
            clock,
        )
    }

    /// This exchange as an entry of the session's history, for later comparisons; none when
    /// nothing went out.
    pub fn history_entry(&self, workspace: &Workspace) -> Option<HistoryEntry> {
        HistoryEntry::of(self.outcome().ok()?, Some(workspace.full_name(&self.id)))
    }
}
