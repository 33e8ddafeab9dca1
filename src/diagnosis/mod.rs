//! The troubleshooting checklist: why an exchange went the way it did, with evidence.
//!
//! `diagnose` is a pure function of the request as written, the request as sent, the outcome
//! and a clock. It never does I/O, so the same exchange always gives the same checklist for a
//! given time, and the TUI can re-run it every second to count a Retry-After down.

pub mod catalogue;
mod checklist;
mod clock;
mod facts;
mod input;
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
    let mut checks = rules::checks(&facts);
    checklist::sort(&mut checks);
    let mut tips = summary::support_ids(&facts);
    tips.extend(summary::tips(input.outcome));
    Checklist {
        title,
        summary,
        checks,
        tips,
    }
}
