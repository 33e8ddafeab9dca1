//! `C.stated-reason`: the server's own reason for an error, always heard. Whatever the
//! status and whether or not a status check understood it, a response that says why it
//! refused gets a failed check that quotes it, and each field it names is held against the
//! request (docs/diagnosis.md §The server's stated reason).

use std::fmt::Write as _;

use super::named_fields::field_issues;
use crate::diagnosis::Check;
use crate::diagnosis::catalogue::{Tier, any_error};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::diagnosis::{Severity, Verdict};
use crate::evidence::crossref::{Presence, locate};
use crate::evidence::intermediary::GeneratorKind;

/// How many field lines the evidence carries; the rest are counted.
const MAX_FIELD_LINES: usize = 3;

/// The server's stated reason, unless a check of the status already quotes it, or an
/// intermediary wrote the response (then `C.generator` speaks for it).
pub fn stated_reason(f: &Facts<'_>, status_checks: &[Check]) -> Option<Check> {
    f.head?;
    // A response that states nothing beyond its status has no line here: the status checks
    // and who answered speak for it.
    let reason = f.stated.as_ref().filter(|r| r.informative)?;
    let head: String = reason.text.chars().take(40).collect::<String>().to_lowercase();
    let quoted_already = status_checks.iter().any(|c| {
        c.verdict == Verdict::Fail
            && c.spec().tier <= Tier::Answerer
            && c.says().to_lowercase().contains(&head)
    });
    if quoted_already {
        return None;
    }
    let code = reason
        .code
        .as_deref()
        .map_or(String::new(), |c| format!(" ({})", quote::text(c)));
    let mut evidence = format!(
        "{} says \"{}\"{code} in {}",
        speaker(f),
        quote::reason(&reason.text),
        reason.source.describe()
    );
    evidence.push_str(&also(&reason.details));
    let lines = field_lines(f);
    if !lines.is_empty() {
        evidence.push_str(" — ");
        evidence.push_str(&lines.join(" "));
    }
    Some(Check::fail(any_error::STATED_REASON, evidence))
}

/// Who is speaking: the intermediary that wrote the response, or the server.
pub fn speaker(f: &Facts<'_>) -> String {
    f.generator
        .as_ref()
        .filter(|g| g.kind == GeneratorKind::Intermediary)
        .and_then(|g| g.who.clone())
        .unwrap_or_else(|| "Server".to_owned())
}

/// Makes the first failed check of the server's side (its stated reason, or who answered)
/// quote the server's reason when it does not yet: whatever a status check concluded, the
/// person reads the server's own words with it.
pub fn quote_the_reason(f: &Facts<'_>, checks: &mut [Check]) {
    let first = checks
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.verdict == Verdict::Fail
                && c.severity == Some(Severity::Likely)
                && matches!(c.spec().tier, Tier::Stated | Tier::Answerer)
        })
        .min_by_key(|(at, c)| (c.spec().tier, *at))
        .map(|(at, _)| at);
    if let Some(at) = first
        && let Some(suffix) = reason_suffix(f, &checks[at].says())
    {
        checks[at].append(&suffix);
    }
}

/// `the server says "…"`, for evidence that does not quote the server's reason yet: none
/// when there is no informative reason or the evidence has it already.
fn reason_suffix(f: &Facts<'_>, evidence: &str) -> Option<String> {
    let reason = f.stated.as_ref().filter(|r| r.informative)?;
    let quoted = quote::reason(&reason.text);
    let lower = evidence.to_lowercase();
    // Evidence that already quotes the reason, a detail or a field message has heard it.
    let heard = std::iter::once(reason.text.as_str())
        .chain(reason.details.iter().map(String::as_str))
        .chain(f.error_body.issues.iter().filter_map(|i| i.message.as_deref()))
        .any(|said| {
            let head: String = said.chars().take(40).collect::<String>().to_lowercase();
            !head.is_empty() && lower.contains(&head)
        });
    if heard {
        return None;
    }
    let who = match speaker(f).as_str() {
        "Server" => "the server".to_owned(),
        who => who.to_owned(),
    };
    let details = also(&reason.details);
    Some(format!(" — {who} says \"{quoted}\"{details}"))
}

/// `; also "…"` for each further thing the body says.
fn also(details: &[String]) -> String {
    details.iter().fold(String::new(), |mut out, d| {
        let _ = write!(out, "; also \"{}\"", quote::text(d));
        out
    })
}

/// The fields the server names (its field list, or the words of its message), each held
/// against the request; problems first.
fn field_lines(f: &Facts<'_>) -> Vec<String> {
    let mut lines: Vec<(bool, String)> = field_issues(f)
        .map(|(_, lines)| {
            f.error_body
                .issues
                .iter()
                .zip(lines)
                .map(|(issue, line)| (problem(&locate(issue, &f.sent_data())), line))
                .collect()
        })
        .unwrap_or_default();
    lines.sort_by_key(|(bad, _)| !*bad);
    let total = lines.len();
    let mut shown: Vec<String> = lines.into_iter().take(MAX_FIELD_LINES).map(|(_, l)| l).collect();
    if total > MAX_FIELD_LINES {
        shown.push(format!("(and {} more)", total - MAX_FIELD_LINES));
    }
    shown
}

fn problem(presence: &Presence) -> bool {
    !matches!(presence, Presence::Present { .. } | Presence::CannotTell)
}
