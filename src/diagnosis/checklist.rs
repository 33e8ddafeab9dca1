//! The checklist a diagnosis produces: checks with their verdicts, evidence and severity,
//! ordered so the likeliest cause is read first — and how it reads a moment later. A check
//! that waits on the clock (a Retry-After) carries the moment it flips and the check it
//! becomes, and evidence that reads against the present ("in 24 s") keeps its wording, so
//! [`Checklist::as_of`] counts down without running a rule.

use std::time::SystemTime;

use super::catalogue::CheckSpec;
use super::clock::Clock;
use super::phrase::Phrase;

/// The verdict on one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// A plausible cause of the problem, with evidence.
    Fail,
    /// The check applies but the exchange lacks the data to decide; the evidence says what.
    Unknown,
    /// This cause is ruled out.
    Pass,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Fail => "fail",
            Verdict::Unknown => "unknown",
            Verdict::Pass => "pass",
        }
    }
}

/// How directly the evidence points at the cause (fails only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Direct evidence: the server names the field you omitted.
    Likely,
    /// A heuristic: the path differs from sibling requests.
    Possible,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Likely => "likely",
            Severity::Possible => "possible",
        }
    }
}

/// One item of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The catalogue entry: the stable id, the title, what it inspects, the standard.
    spec: &'static CheckSpec,
    /// The healthy assertion as shown: the catalogue's title, or a variant of it that fits
    /// this exchange ("GET carries no body").
    pub label: String,
    pub verdict: Verdict,
    /// One line quoted from the exchange.
    pub evidence: String,
    pub severity: Option<Severity>,
    /// `RFC 9110 §15.5.2`, shown dimmed.
    pub cite: Option<&'static str>,
    /// For time-based checks: when the verdict flips (a Retry-After elapsing).
    pub changes_at: Option<SystemTime>,
    /// The id of the failed check that explains this one (a symptom of that cause); its
    /// evidence ends with "because ✘ …".
    pub because: Option<&'static str>,
    /// The evidence's wording, when it reads against the present ("in 24 s").
    worded: Option<Phrase>,
    /// The check this one becomes at `changes_at`.
    then: Option<Box<Check>>,
    /// Its place in rule order, so a flip reorders the checklist as a fresh diagnosis would.
    rank: usize,
}

/// What came back, explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    /// `401 Unauthorized`, `Connection refused`.
    pub title: String,
    /// One line: what this outcome means.
    pub summary: String,
    /// Ordered: fails (likely, then possible), then unknown, then pass.
    pub checks: Vec<Check>,
    /// Static advice, after the checks and never instead of them.
    pub tips: Vec<String>,
}

impl Checklist {
    /// The failed checks no other failed check explains: the problems to fix, each counted
    /// once however many symptoms it has.
    pub fn problems(&self) -> usize {
        self.checks
            .iter()
            .filter(|c| c.verdict == Verdict::Fail && c.because.is_none())
            .count()
    }

    /// The first failed check, the one a person should read first.
    pub fn first_failure(&self) -> Option<&Check> {
        self.checks.iter().find(|c| c.verdict == Verdict::Fail)
    }

    /// The next moment a time-based verdict changes, so a UI knows when to read the
    /// checklist again ([`Checklist::as_of`]).
    pub fn next_change(&self) -> Option<SystemTime> {
        self.checks.iter().filter_map(|c| c.changes_at).min()
    }

    /// The first moment after `now` at which a verdict changes, counting the checks that
    /// already flipped by then: what a UI that reads this checklist at `now` waits for.
    pub fn next_change_after(&self, now: SystemTime) -> Option<SystemTime> {
        self.checks
            .iter()
            .filter_map(|check| {
                let mut current = check;
                loop {
                    match (current.changes_at, &current.then) {
                        (Some(at), _) if at > now => return Some(at),
                        (Some(_), Some(then)) => current = then,
                        _ => return None,
                    }
                }
            })
            .min()
    }

    /// When the server's wait is over — its Retry-After and the reset of the spent limit —
    /// so a retry can be armed for then; `None` when the server named no wait.
    pub fn wait_over_at(&self) -> Option<SystemTime> {
        use super::catalogue::{service_unavailable, too_many_requests};
        let waits = [
            too_many_requests::RETRY_AFTER,
            too_many_requests::RESET,
            service_unavailable::RETRY_AFTER,
        ];
        self.checks
            .iter()
            .filter(|c| waits.contains(&c.spec))
            .filter_map(|c| c.changes_at)
            .max()
    }

    /// The checklist as it reads at `clock.now`, a moment after it was made: waits that are
    /// over have flipped to what they became, checks are in order again, and evidence worded
    /// against the present ("retry at 12:03:10 (in 24 s)") reads for the new moment. No rule
    /// runs; for a later moment in the same time zone this is exactly what diagnosing the
    /// exchange again would give.
    #[must_use]
    pub fn as_of(&self, clock: &Clock) -> Checklist {
        let mut checks: Vec<Check> = self.checks.iter().map(|c| c.as_of(clock)).collect();
        sort(&mut checks);
        Checklist {
            title: self.title.clone(),
            summary: self.summary.clone(),
            checks,
            tips: self.tips.clone(),
        }
    }
}

impl Check {
    /// The stable id (`401.creds-sent`), so people can look a check up or mute it.
    pub fn id(&self) -> &'static str {
        self.spec.id
    }

    /// The catalogue entry this check is an instance of.
    pub fn spec(&self) -> &'static CheckSpec {
        self.spec
    }

    fn new(spec: &'static CheckSpec, verdict: Verdict, evidence: impl Into<Phrase>) -> Self {
        let (evidence, worded) = match evidence.into().into_fixed() {
            Ok(text) => (text, None),
            // Read when the checklist is (`as_of`), which diagnose does before returning it.
            Err(phrase) => (String::new(), Some(phrase)),
        };
        Self {
            spec,
            label: spec.title.to_owned(),
            verdict,
            evidence,
            severity: None,
            cite: None,
            changes_at: None,
            because: None,
            worded,
            then: None,
            rank: 0,
        }
    }

    /// A check as a stored record holds it (the history's `diagnosis.checks`): its id, label,
    /// verdict, evidence and severity. `None` for an id or verdict this build does not know.
    pub fn restored(
        id: &str,
        label: &str,
        verdict: &str,
        evidence: &str,
        severity: Option<&str>,
    ) -> Option<Self> {
        let verdict = match verdict {
            "fail" => Verdict::Fail,
            "unknown" => Verdict::Unknown,
            "pass" => Verdict::Pass,
            _ => return None,
        };
        let mut check = Self::new(super::catalogue::find(id)?, verdict, evidence.to_owned());
        label.clone_into(&mut check.label);
        // A symptom names its cause as its evidence's end (`… — because ✘ Label (id)`, as
        // `explained_by` writes it), so the restored checklist counts its problems as the
        // original did.
        check.because = evidence
            .rsplit_once(" — because ✘ ")
            .and_then(|(_, cause)| cause.strip_suffix(')')?.rsplit_once(" ("))
            .and_then(|(_, id)| super::catalogue::find(id))
            .map(|spec| spec.id);
        check.severity = match severity {
            Some("likely") => Some(Severity::Likely),
            Some("possible") => Some(Severity::Possible),
            _ => None,
        };
        Some(check)
    }

    /// A failed check with direct evidence.
    pub(crate) fn fail(spec: &'static CheckSpec, evidence: impl Into<Phrase>) -> Self {
        let mut check = Self::new(spec, Verdict::Fail, evidence);
        check.severity = Some(Severity::Likely);
        check
    }

    /// A failed check resting on a heuristic.
    pub(crate) fn possible(spec: &'static CheckSpec, evidence: impl Into<Phrase>) -> Self {
        let mut check = Self::new(spec, Verdict::Fail, evidence);
        check.severity = Some(Severity::Possible);
        check
    }

    /// The same check, a heuristic at most: a fail says "possible", never "likely".
    #[must_use]
    pub(crate) fn at_most_possible(mut self) -> Self {
        if self.severity.is_some() {
            self.severity = Some(Severity::Possible);
        }
        if let Some(then) = self.then.take() {
            self.then = Some(Box::new(then.at_most_possible()));
        }
        self
    }

    pub(crate) fn pass(spec: &'static CheckSpec, evidence: impl Into<Phrase>) -> Self {
        Self::new(spec, Verdict::Pass, evidence)
    }

    /// The check applies, but the exchange lacks what it needs; the evidence says what.
    pub(crate) fn unknown(spec: &'static CheckSpec, evidence: impl Into<Phrase>) -> Self {
        Self::new(spec, Verdict::Unknown, evidence)
    }

    /// Shows a variant of the catalogue's title that fits this exchange.
    #[must_use]
    pub(crate) fn labelled(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    #[must_use]
    pub(crate) fn cite(mut self, cite: &'static str) -> Self {
        self.cite = Some(cite);
        self
    }

    /// This check until `at` (a wait elapsing), and `then` from that moment on.
    #[must_use]
    pub(crate) fn until(mut self, at: SystemTime, then: Check) -> Self {
        self.changes_at = Some(at);
        self.then = Some(Box::new(then));
        self
    }

    /// This check as a symptom of the failed check `id`, whose label is `label`: says so at
    /// the end of its evidence, now and as it reads later.
    pub(super) fn explained_by(&mut self, id: &'static str, label: &str) {
        self.because = Some(id);
        self.append(&format!(" — because ✘ {label} ({id})"));
        if let Some(then) = &mut self.then {
            then.because = Some(id);
        }
    }

    /// Adds text at the end of the evidence, now and as it reads later.
    pub(crate) fn append(&mut self, text: &str) {
        match &mut self.worded {
            Some(phrase) => *phrase = std::mem::take(phrase).text(text),
            None => self.evidence.push_str(text),
        }
        if let Some(then) = &mut self.then {
            then.append(text);
        }
    }

    /// The evidence as written so far, worded parts included as text (for rules that look
    /// at what another check already says).
    pub(crate) fn says(&self) -> String {
        match &self.worded {
            Some(phrase) => phrase.plain(),
            None => self.evidence.clone(),
        }
    }

    /// The same check at its place in rule order (the `rank`-th rule to report).
    #[must_use]
    pub(super) fn ranked(mut self, rank: usize) -> Self {
        self.rank = rank;
        self.then = self.then.map(|then| Box::new(then.ranked(rank)));
        self
    }

    /// The check as it reads at `clock.now`: what it has become by then, its evidence read
    /// for that moment.
    fn as_of(&self, clock: &Clock) -> Check {
        let mut current = self;
        while let (Some(at), Some(then)) = (current.changes_at, &current.then)
            && clock.now >= at
        {
            current = then;
        }
        let mut check = current.clone();
        if let Some(phrase) = &check.worded {
            check.evidence = phrase.read_at(clock);
        }
        check
    }
}

/// Fails first — likely before possible, and within each by tier (what was sent, the
/// server's stated reason, who answered, heuristics) — then unknown, then pass; in rule order
/// otherwise. The engine orders, so no rule has to know where it stands among the others.
/// A symptom never outranks the cause it follows from: a check another one explains comes
/// right after that cause, whatever their tiers.
fn sort(checks: &mut Vec<Check>) {
    checks.sort_by_key(|c| {
        (
            c.verdict,
            c.severity.unwrap_or(Severity::Possible),
            c.spec.tier,
            c.rank,
        )
    });
    let mut at = 0;
    // Links never form a cycle (`explains::link`); the bound only makes that certain.
    let mut moves = checks.len() * checks.len();
    while at < checks.len() && moves > 0 {
        let cause = checks[at].because.and_then(|id| {
            checks
                .iter()
                .position(|c| c.id() == id && c.verdict == Verdict::Fail)
        });
        match cause {
            Some(cause) if cause > at => {
                moves -= 1;
                let symptom = checks.remove(at);
                checks.insert(cause, symptom);
                // What moved into `at` has not been looked at yet.
            }
            _ => at += 1,
        }
    }
}
