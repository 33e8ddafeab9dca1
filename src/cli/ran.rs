//! One request of a run, finished: what was sent and came back, its checklist, every
//! expectation checked (captures included), the retries before it — worked out once, for the
//! text, the JSON, the reports and the exit code alike. Credentials the request carried are
//! masked in all of them, including where the server echoed them back.

use std::time::Duration;

use crate::diagnosis::{Checklist, Clock, HistoryEntry};
use crate::expectation::{self, Checked};
use crate::session::{RequestId, Sent, Workspace};

use super::{report, text};
use crate::history::store::KEPT_LIMIT;
use crate::history::{Attempt, ResultView};

/// What a run keeps of a result once it is printed: what the summary, the exit code, the
/// history and the asked-for outputs read, and never the exchange itself, whose body can be
/// any size (a run that kept every exchange to the end held 30 bodies of 20 MB: 616 MB).
#[derive(Debug)]
pub(super) struct Kept {
    pub id: RequestId,
    pub met: bool,
    /// The first miss and how many more, masked; empty when met.
    pub why_unmet: String,
    /// Its entry in the JSON document, when `--output json` or a JSON report asks for one.
    pub json: Option<serde_json::Value>,
    /// Its entry in the history, unless `--no-history`.
    pub remembered: Option<crate::history::NewExchange>,
    /// Its case in the JUnit and TAP reports, when one is asked for.
    pub case: Option<report::Case>,
}

/// Which forms of a result the run needs at its end.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Needs {
    pub json: bool,
    pub history: bool,
    pub case: bool,
}

/// The history's name of each collection file of a run ([`crate::history::file_key`]),
/// worked out once per file: it resolves links on disk, two system calls that a run of 1,000
/// requests made 1,000 times.
#[derive(Debug, Default)]
pub(super) struct FileKeys(std::collections::HashMap<usize, std::path::PathBuf>);

impl FileKeys {
    fn of(&mut self, collection: usize, source: &std::path::Path) -> std::path::PathBuf {
        self.0
            .entry(collection)
            .or_insert_with(|| crate::history::file_key(source))
            .clone()
    }
}

/// The history keeps a response for chaining only up to [`KEPT_LIMIT`]: a larger one is not
/// held to the end of the run only to be dropped there.
fn without_unkept_response(mut exchange: crate::history::NewExchange) -> crate::history::NewExchange {
    if exchange
        .response
        .as_ref()
        .is_some_and(|r| r.body.len() > KEPT_LIMIT)
    {
        exchange.response = None;
    }
    exchange
}

/// Each expectation of `sent`'s request, then each of its captures, checked: what
/// [`Ran::met`] reads, and what `--fail-fast` reads before the checklist is made.
pub(super) fn checked(workspace: &Workspace, sent: &Sent) -> Vec<Checked> {
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
    checked
}

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
        let checked = checked(workspace, &sent);
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
        files: &mut FileKeys,
    ) -> Option<crate::history::NewExchange> {
        let collection = workspace.collection_of(&self.sent.id)?;
        let at = self
            .sent
            .outcome()
            .map_or_else(|_| std::time::SystemTime::now(), |o| o.timing().started_at);
        Some(crate::history::NewExchange {
            at,
            file: files.of(self.sent.id.collection, &collection.source),
            collection: collection.name.clone(),
            request: self.sent.id.path.to_string(),
            environment: environment.map(str::to_owned),
            origin: crate::history::Origin::Run,
            met: Some(self.met()),
            record: crate::history::record::result_json(&self.view(workspace, false), &self.secrets),
            response: crate::history::KeptResponse::of(self.sent.outcome()),
        })
    }

    /// What the run keeps of it after printing (see [`Kept`]); the exchange is dropped.
    pub fn keep(
        self,
        workspace: &Workspace,
        needs: Needs,
        show_secrets: bool,
        environment: Option<&str>,
        files: &mut FileKeys,
    ) -> Kept {
        Kept {
            met: self.met(),
            why_unmet: self.masked(&self.why_unmet(), show_secrets),
            json: needs.json.then(|| self.json(workspace, show_secrets)),
            remembered: needs
                .history
                .then(|| self.remembered(workspace, environment, files))
                .flatten()
                .map(without_unkept_response),
            case: needs.case.then(|| self.case(workspace, show_secrets)),
            id: self.sent.id,
        }
    }

    /// Its entry in the JSON document.
    pub fn json(&self, workspace: &Workspace, show_secrets: bool) -> serde_json::Value {
        let mut value =
            crate::history::record::result_json(&self.view(workspace, show_secrets), &self.secrets);
        if let Some(parent) = &self.sent.needed_by {
            value["needed_by"] = serde_json::json!(parent.to_string());
        }
        value
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::tests::Ex;
    use crate::session::{Exchanged, Session};

    const COLLECTION: &str = "name: Big\nrequests:\n  - name: Dump\n    url: http://127.0.0.1:9/v1/big\n";

    /// `Dump` answered with a body of `bytes` bytes, finished as a run finishes it.
    fn ran_with_body(bytes: usize) -> (Workspace, Ran) {
        let collection =
            crate::collection::parse_collection(COLLECTION, std::path::Path::new("big.yaml")).unwrap();
        let workspace = Workspace::from_collections(vec![collection]);
        let id = RequestId::new(0, crate::collection::RequestPath::parse("Dump"));
        let outcome = Ex::get("http://127.0.0.1:9/v1/big")
            .status(200)
            .res_body(&"x".repeat(bytes))
            .outcome();
        let result = Session::default()
            .prepare(&workspace, &id)
            .map(|prepared| Exchanged {
                prepared,
                outcome,
                captured: Vec::new(),
                expired_cookies: None,
            });
        let sent = Sent {
            id,
            needed_by: None,
            result,
        };
        let ran = Ran::new(&workspace, sent, &[], Vec::new());
        (workspace, ran)
    }

    #[test]
    fn a_result_kept_for_the_text_output_holds_nothing_of_its_body() {
        let (workspace, ran) = ran_with_body(2 << 20);
        let kept = ran.keep(
            &workspace,
            Needs::default(),
            false,
            None,
            &mut FileKeys::default(),
        );
        assert!(kept.met);
        assert!(
            kept.json.is_none() && kept.remembered.is_none() && kept.case.is_none(),
            "{kept:?}"
        );
    }

    #[test]
    fn a_result_kept_for_the_history_drops_a_response_too_large_to_keep() {
        let needs = Needs {
            history: true,
            ..Needs::default()
        };
        let (workspace, ran) = ran_with_body(KEPT_LIMIT + 1);
        let remembered = ran
            .keep(&workspace, needs, false, None, &mut FileKeys::default())
            .remembered
            .unwrap();
        assert!(remembered.response.is_none());
        let (workspace, ran) = ran_with_body(1000);
        let remembered = ran
            .keep(&workspace, needs, false, None, &mut FileKeys::default())
            .remembered
            .unwrap();
        assert_eq!(remembered.response.unwrap().body.len(), 1000);
    }

    #[test]
    fn a_result_kept_for_json_holds_the_cut_body_the_document_prints() {
        let needs = Needs {
            json: true,
            ..Needs::default()
        };
        let (workspace, ran) = ran_with_body(2 << 20);
        let json = ran
            .keep(&workspace, needs, false, None, &mut FileKeys::default())
            .json
            .unwrap();
        assert_eq!(json["response"]["body_truncated"], true);
        assert_eq!(json["response"]["body_bytes"], 2 << 20);
        assert!(json["response"]["body"].as_str().unwrap().len() <= crate::history::record::BODY_LIMIT);
    }
}
