//! One request of a run, finished: what was sent and came back, its checklist, every
//! expectation checked (captures included), the retries before it — worked out once, for the
//! text, the JSON, the reports and the exit code alike. Credentials the request carried are
//! masked in all of them, including where the server echoed them back.

use std::time::Duration;

use crate::diagnosis::{Checklist, Clock, HistoryEntry};
use crate::expectation::{self, Checked};
use crate::session::{Sent, Workspace};

use super::{report, text};
use crate::history::{Attempt, ResultView};

/// A finished request.
#[derive(Debug)]
pub(super) struct Ran {
    pub sent: Sent,
    pub checklist: Checklist,
    /// Each expectation, then each capture, checked.
    pub checked: Vec<Checked>,
    pub attempts: Vec<Attempt>,
    /// The credentials the request carried, masked wherever they appear.
    pub secrets: Vec<String>,
}

impl Ran {
    pub fn new(workspace: &Workspace, sent: Sent, history: &[HistoryEntry], attempts: Vec<Attempt>) -> Self {
        let checklist = sent.diagnose(workspace, history, &Clock::system());
        let expect = workspace.request(&sent.id).and_then(|r| r.expect.as_ref());
        let mut checked = expectation::check(expect, sent.outcome());
        if let Ok(exchanged) = &sent.result {
            checked.extend(exchanged.captured.iter().map(|c| Checked {
                what: format!("capture {}", c.variable),
                expected: format!("a value at {}", c.from),
                actual: c.value.as_ref().map_or_else(Clone::clone, |_| "one".to_owned()),
                met: c.value.is_ok(),
            }));
        }
        let secrets = sent.secrets();
        Ran {
            sent,
            checklist,
            checked,
            attempts,
            secrets,
        }
    }

    /// Whether every expectation was met.
    pub fn met(&self) -> bool {
        self.checked.iter().all(|c| c.met)
    }

    pub fn unmet(&self) -> impl Iterator<Item = &Checked> {
        self.checked.iter().filter(|c| !c.met)
    }

    /// The first miss, and how many more: `status: expected 401, got 200 (and 2 more)`.
    pub fn why_unmet(&self) -> String {
        let mut unmet = self.unmet();
        let first = unmet.next().map(ToString::to_string).unwrap_or_default();
        match unmet.count() {
            0 => first,
            more => format!("{first} (and {more} more)"),
        }
    }

    /// `text` with the request's credentials masked, unless `--show-secrets`.
    pub fn masked(&self, text: &str, show_secrets: bool) -> String {
        if show_secrets {
            text.to_owned()
        } else {
            crate::secrets::mask_echoes(text, &self.secrets)
        }
    }

    /// The result as the text output prints it, masked; with colour codes when `styled`
    /// (anstream removes them where colour is off).
    pub fn printed(&self, workspace: &Workspace, show_secrets: bool, styled: bool) -> String {
        let mut buffer = Vec::new();
        let needed_by = self.sent.needed_by.as_ref().map(ToString::to_string);
        let _ = text::print_result(
            &mut buffer,
            &self.view(workspace, show_secrets),
            needed_by.as_deref(),
        );
        let printed = String::from_utf8_lossy(&buffer);
        let printed = if styled {
            printed.into_owned()
        } else {
            anstream::adapter::strip_str(&printed).to_string()
        };
        self.masked(&printed, show_secrets)
    }

    /// The result borrowed for printing.
    pub fn view<'a>(&'a self, workspace: &'a Workspace, show_secrets: bool) -> ResultView<'a> {
        let request = workspace.request(&self.sent.id);
        ResultView {
            full_path: workspace.full_name(&self.sent.id),
            name: self.sent.id.path.name(),
            written_method: request.map_or("GET", |r| r.method.as_str()),
            written_url: request.map_or("", |r| r.url.as_str()),
            outcome: self.sent.outcome(),
            checklist: &self.checklist,
            checked: &self.checked,
            attempts: &self.attempts,
            show_secrets,
        }
    }

    /// The result as the history keeps it: masked, whatever `--show-secrets` says.
    pub fn remembered(
        &self,
        workspace: &Workspace,
        environment: Option<&str>,
    ) -> Option<crate::history::NewExchange> {
        let collection = workspace.collection_of(&self.sent.id)?;
        let at = self
            .sent
            .outcome()
            .map_or_else(|_| std::time::SystemTime::now(), |o| o.timing().started_at);
        Some(crate::history::NewExchange {
            at,
            file: crate::history::file_key(&collection.source),
            collection: collection.name.clone(),
            request: self.sent.id.path.to_string(),
            environment: environment.map(str::to_owned),
            origin: crate::history::Origin::Run,
            met: Some(self.met()),
            record: crate::history::record::result_json(&self.view(workspace, false), &self.secrets),
            response: crate::history::KeptResponse::of(self.sent.outcome()),
        })
    }

    /// The result as the reports show it.
    pub fn case(&self, workspace: &Workspace, show_secrets: bool) -> report::Case {
        report::Case {
            collection: workspace
                .collection_of(&self.sent.id)
                .map_or_else(String::new, |c| c.name.clone()),
            path: self.sent.id.path.to_string(),
            duration: self.sent.outcome().map_or(Duration::ZERO, |o| o.timing().total),
            met: self.met(),
            unmet: self
                .unmet()
                .map(|c| self.masked(&c.to_string(), show_secrets))
                .collect(),
            detail: self.printed(workspace, show_secrets, false),
        }
    }
}
