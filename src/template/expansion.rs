//! Bounds on what one template may expand to. Variables are templates too, so a collection
//! under 1 KB whose variables double at each level (`v1: "{{ v0 }}{{ v0 }}"`, …) would
//! render gigabytes; these limits stop such a runaway early, with the chain of variables that
//! ran away, long before memory does. Each is far past what a hand-written collection needs.

use std::fmt;

/// How deep variables may refer to variables (`auth` → `token` → `env.TOKEN` is 2): real
/// collections chain a handful of levels.
pub const MAX_DEPTH: usize = 32;

/// The most text the expressions of one template may add to it: 1 MiB. Values are URLs,
/// headers and body fields; a body larger than this belongs in a file (`body: file:`), which
/// is not a template. Literal text is not counted: the file it was written in bounds it.
pub const MAX_RENDERED_BYTES: usize = 1 << 20;

/// The most `{{ … }}` one render may resolve, counting those inside variables' values. Each
/// is kept with its origin for the checklist, so a doubling chain of empty values would
/// otherwise build millions of them without growing the text at all.
pub const MAX_RESOLUTIONS: usize = 100_000;

/// Which bound an expansion ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpansionLimit {
    Depth,
    Size,
    Resolutions,
}

impl fmt::Display for ExpansionLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpansionLimit::Depth => write!(f, "more than {MAX_DEPTH} levels of variables inside variables"),
            ExpansionLimit::Size => write!(f, "past {} MiB of text", MAX_RENDERED_BYTES >> 20),
            ExpansionLimit::Resolutions => write!(f, "more than {MAX_RESOLUTIONS} `{{{{ }}}}` to resolve"),
        }
    }
}

/// Why an expansion stopped: the variables being expanded, outermost first, ending with the
/// one that closed a cycle or went past a limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Stop {
    Cycle(Vec<String>),
    Runaway(Vec<String>, ExpansionLimit),
}

/// One render's progress: the variables being expanded, outermost first, and how many
/// expressions it has resolved.
#[derive(Debug, Default)]
pub(super) struct Expansion {
    stack: Vec<String>,
    resolved: usize,
}

impl Expansion {
    /// Starts expanding the variable `name`: a cycle or one level too many stops it.
    pub(super) fn enter(&mut self, name: &str) -> Result<(), Stop> {
        if self.stack.iter().any(|n| n == name) {
            return Err(Stop::Cycle(self.chain_to(Some(name))));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.runaway(ExpansionLimit::Depth, Some(name)));
        }
        self.stack.push(name.to_owned());
        Ok(())
    }

    /// Done expanding the innermost variable.
    pub(super) fn leave(&mut self) {
        self.stack.pop();
    }

    /// Counts one more expression resolved.
    pub(super) fn count_resolution(&mut self) -> Result<(), Stop> {
        self.resolved += 1;
        if self.resolved > MAX_RESOLUTIONS {
            return Err(self.runaway(ExpansionLimit::Resolutions, None));
        }
        Ok(())
    }

    /// Whether `added` bytes, the value of the expression `expr`, may be added to a text
    /// already `len` bytes long.
    pub(super) fn check_size(&self, len: usize, added: usize, expr: &str) -> Result<(), Stop> {
        if len.saturating_add(added) <= MAX_RENDERED_BYTES {
            return Ok(());
        }
        Err(self.runaway(ExpansionLimit::Size, Some(expr)))
    }

    fn runaway(&self, limit: ExpansionLimit, last: Option<&str>) -> Stop {
        Stop::Runaway(self.chain_to(last), limit)
    }

    fn chain_to(&self, last: Option<&str>) -> Vec<String> {
        self.stack
            .iter()
            .map(String::as_str)
            .chain(last)
            .map(str::to_owned)
            .collect()
    }
}
