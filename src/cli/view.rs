//! A finished request borrowed for printing: what the text output, the JSON and the reports
//! read, and the retries before it.

use std::time::Duration;

use crate::diagnosis::Checklist;
use crate::expectation::Checked;
use crate::http::Outcome;
use crate::request::PrepareError;
use crate::secrets;

/// A retry (or a refusal to retry) before the result kept.
#[derive(Debug, Clone)]
pub struct Attempt {
    /// What came and why it was (not) sent again.
    pub why: String,
    pub waited: Duration,
}

/// Everything one result needs, borrowed from the run.
#[derive(Debug)]
pub struct ResultView<'a> {
    /// `Demo API/Admin/Delete user`.
    pub full_path: String,
    pub name: &'a str,
    /// As written, for requests that could not be prepared.
    pub written_method: &'a str,
    pub written_url: &'a str,
    pub outcome: Result<&'a Outcome, &'a PrepareError>,
    pub checklist: &'a Checklist,
    /// Every expectation checked, met or not.
    pub checked: &'a [Checked],
    pub attempts: &'a [Attempt],
    pub show_secrets: bool,
}

impl ResultView<'_> {
    /// `url` with its credentials masked, unless `--show-secrets` asked for them.
    pub fn shown_url(&self, url: &str) -> String {
        if self.show_secrets {
            url.to_owned()
        } else {
            secrets::mask_url(url)
        }
    }

    pub fn met(&self) -> bool {
        self.checked.iter().all(|c| c.met)
    }
}
