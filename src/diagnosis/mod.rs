//! The troubleshooting checklist: why an exchange went the way it did, with evidence.
//!
//! `diagnose` is a pure function of the request as written, the request as sent, the outcome
//! and a clock. It never does I/O, so the same exchange always gives the same checklist for a
//! given time; and a checklist knows how it reads later (`Checklist::as_of`), so a UI counts a
//! Retry-After down from the checklist it has, without diagnosing again.

pub mod api_description;
pub mod catalogue;
mod checklist;
mod clock;
mod explains;
mod facts;
mod input;
mod phrase;
mod quote;
mod rules;
mod sent;
mod summary;
#[cfg(test)]
pub(crate) mod tests;

pub use checklist::{Check, Checklist, Severity, Verdict};
pub use clock::Clock;
use facts::Facts;
pub use input::{HistoryEntry, Input};

/// Builds the checklist for one exchange as of `clock.now`.
pub fn diagnose(input: &Input<'_>, clock: &Clock) -> Checklist {
    let facts = Facts::new(input, clock);
    let (title, summary) = summary::title_and_summary(input.outcome);
    let mut checks: Vec<Check> = rules::checks(&facts)
        .into_iter()
        .enumerate()
        .map(|(rank, check)| check.ranked(rank))
        .collect();
    explains::link(&mut checks, facts.status());
    let mut tips = summary::support_ids(&facts);
    tips.extend(summary::tips(input.outcome));
    // Read at `clock.now`: waits flip and evidence reads for this moment, as `as_of` would.
    Checklist {
        title,
        summary,
        checks,
        tips,
    }
    .as_of(clock)
}
