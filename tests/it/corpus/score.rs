//! Scoring a corpus: each entry is right or a miss of one kind, and the report says which,
//! with what the checklist said instead, so a miss reads without replaying it by hand.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use apibench::diagnosis::{Checklist, Verdict, catalogue};

use super::format::{Entry, ProductFile};
use super::replay;

/// Every corpus file under a folder, in path order.
pub fn files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// A corpus file, read and parsed.
pub fn read(path: &Path) -> Result<ProductFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    serde_yaml::from_str(&text).map_err(|e| e.to_string())
}

/// Every entry under `root` that is malformed, names an unknown check or does not replay,
/// and how many entries there are: checks the form of a corpus without scoring it.
pub fn validate(root: &Path) -> (usize, Vec<String>) {
    let mut problems = Vec::new();
    let mut entries = 0;
    for path in files(root) {
        let shown = path.strip_prefix(root).unwrap_or(&path).display().to_string();
        let file = match read(&path) {
            Ok(file) => file,
            Err(e) => {
                problems.push(format!("{shown}: {e}"));
                continue;
            }
        };
        if !file.docs.starts_with("https://") || file.product.trim().is_empty() {
            problems.push(format!("{shown}: `product` is empty or `docs` is not a link"));
        }
        let mut names = HashSet::new();
        for entry in &file.exchanges {
            entries += 1;
            let mut problem = |p: String| problems.push(format!("{shown} # {}: {p}", entry.name));
            if !names.insert(entry.name.as_str()) {
                problem("the name repeats".to_owned());
            }
            if !entry.doc.starts_with("https://") {
                problem("`doc` is not a link".to_owned());
            }
            for id in entry.expect.checks() {
                if id != "none" && catalogue::find(id).is_none() {
                    problem(format!("no check `{id}` in the catalogue (docs/checks.md)"));
                }
            }
            if !entry.expect.is_healthy() && entry.expect.quotes.is_empty() {
                problem("a failing exchange quotes nothing".to_owned());
            }
            if let Err(e) = replay::checklist(entry, &path) {
                problem(e);
            }
        }
    }
    (entries, problems)
}

/// How one entry went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    Right,
    /// A failing exchange with no failed check at all.
    NoFailure,
    /// An expected check failed, but not first.
    RightCheckLater,
    /// The first failure is an expected check that does not quote the cause.
    Unquoted,
    /// No expected check failed; another did.
    WrongCheck,
    /// A healthy control with a failed check.
    FalseFail,
}

impl Mark {
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Right => "right",
            Mark::NoFailure => "no failed check",
            Mark::RightCheckLater => "right check, not first",
            Mark::Unquoted => "right check, cause not quoted",
            Mark::WrongCheck => "wrong check",
            Mark::FalseFail => "false fail on a healthy control",
        }
    }
}

/// Scores one entry's checklist.
pub fn mark(entry: &Entry, list: &Checklist) -> Mark {
    let first = list.first_failure();
    if entry.expect.is_healthy() {
        return if first.is_some() {
            Mark::FalseFail
        } else {
            Mark::Right
        };
    }
    let Some(first) = first else {
        return Mark::NoFailure;
    };
    let expected = entry.expect.checks();
    if !expected.contains(&first.id()) {
        let later = list
            .checks
            .iter()
            .any(|c| c.verdict == Verdict::Fail && expected.contains(&c.id()));
        return if later {
            Mark::RightCheckLater
        } else {
            Mark::WrongCheck
        };
    }
    let said = format!("{}\n{}", first.label, first.evidence).to_lowercase();
    if entry
        .expect
        .quotes
        .iter()
        .all(|q| said.contains(&q.to_lowercase()))
    {
        Mark::Right
    } else {
        Mark::Unquoted
    }
}

/// The outcome of a whole corpus.
#[derive(Debug, Default)]
pub struct Score {
    pub products: usize,
    pub failing: usize,
    pub failing_right: usize,
    pub healthy: usize,
    pub false_fails: usize,
    pub broken: Vec<String>,
    pub misses: Vec<(Mark, String)>,
}

impl Score {
    /// First-fail accuracy over the failing exchanges, in percent.
    pub fn accuracy(&self) -> f64 {
        if self.failing == 0 {
            return 100.0;
        }
        let count = |n: usize| f64::from(u32::try_from(n).unwrap_or(u32::MAX));
        count(self.failing_right) * 100.0 / count(self.failing)
    }

    pub fn report(&self) -> String {
        let mut out = format!(
            "{} products, {} failing exchanges, {} healthy controls\nfirst-fail accuracy: {}/{} = {:.1} %\nfalse fails on controls: {}\n",
            self.products,
            self.failing,
            self.healthy,
            self.failing_right,
            self.failing,
            self.accuracy(),
            self.false_fails,
        );
        let mut kinds: Vec<Mark> = self.misses.iter().map(|(m, _)| *m).collect();
        kinds.sort();
        kinds.dedup();
        for kind in kinds {
            let count = self.misses.iter().filter(|(m, _)| *m == kind).count();
            let _ = writeln!(out, "\n## {} ({count})", kind.as_str());
            for (_, text) in self.misses.iter().filter(|(m, _)| *m == kind) {
                let _ = writeln!(out, "{text}");
            }
        }
        for broken in &self.broken {
            let _ = writeln!(out, "\nBROKEN {broken}");
        }
        out
    }
}

/// Replays and scores every entry of every file under `root`.
pub fn score(root: &Path) -> Score {
    let mut score = Score::default();
    let mut products = HashSet::new();
    for path in files(root) {
        let shown = path.strip_prefix(root).unwrap_or(&path).display().to_string();
        let file = match read(&path) {
            Ok(file) => file,
            Err(e) => {
                score.broken.push(format!("{shown}: {e}"));
                continue;
            }
        };
        products.insert(file.product.clone());
        for entry in &file.exchanges {
            let list = match replay::checklist(entry, &path) {
                Ok(list) => list,
                Err(e) => {
                    score.broken.push(format!("{shown} # {}: {e}", entry.name));
                    continue;
                }
            };
            let mark = mark(entry, &list);
            if entry.expect.is_healthy() {
                score.healthy += 1;
                score.false_fails += usize::from(mark == Mark::FalseFail);
            } else {
                score.failing += 1;
                score.failing_right += usize::from(mark == Mark::Right);
            }
            if mark != Mark::Right {
                score.misses.push((mark, describe(&shown, entry, &list)));
            }
        }
    }
    score.products = products.len();
    score
}

/// One miss, for the report.
pub fn describe(file: &str, entry: &Entry, list: &Checklist) -> String {
    let mut out = format!(
        "- {file} # {}\n    cause: {}\n    expected: {:?} quoting {:?}\n    got: {}",
        entry.name,
        entry.cause.trim(),
        entry.expect.checks(),
        entry.expect.quotes,
        list.title,
    );
    for check in list.checks.iter().filter(|c| c.verdict == Verdict::Fail).take(4) {
        let _ = write!(
            out,
            "\n      ✘ {} [{}] {} — {}",
            check.id(),
            check.severity.map_or("", |s| s.as_str()),
            check.label,
            check.evidence
        );
    }
    out
}
