//! The parsing state the header readers share: the header lines (matched case-insensitively),
//! the clock, what was found so far, and how a limit is assembled.
//!
//! Separate because both `draft` and `families` add methods to [`Ctx`] and build limits
//! the same way.

use std::time::{Duration, SystemTime};

use super::quota::{Limit, RateLimits, ResetKind};

/// The header lines, with lower-cased names for matching and the original names for evidence.
pub(super) struct Headers<'a> {
    lines: Vec<(String, &'a str, &'a str)>,
}

impl<'a> Headers<'a> {
    pub(super) fn new(headers: &'a [(String, String)]) -> Self {
        let lines = headers
            .iter()
            .map(|(name, value)| (name.to_ascii_lowercase(), name.as_str(), value.as_str()))
            .collect();
        Headers { lines }
    }

    /// `(original name, value)` of every line named `lower`, in order.
    pub(super) fn get(&self, lower: &str) -> Vec<(&'a str, &'a str)> {
        self.lines
            .iter()
            .filter(|(name, _, _)| name == lower)
            .map(|&(_, name, value)| (name, value))
            .collect()
    }

    pub(super) fn lower_names(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(|(name, _, _)| name.as_str())
    }
}

/// Parsing state: the headers, the clock, and what was found so far.
pub(super) struct Ctx<'a> {
    pub(super) headers: Headers<'a>,
    pub(super) received_at: SystemTime,
    pub(super) server_date: Option<SystemTime>,
    pub(super) out: RateLimits,
}

impl Ctx<'_> {
    pub(super) fn malformed(&mut self, header: &str, value: impl Into<String>) {
        self.out.malformed.push((header.to_owned(), value.into()));
    }

    pub(super) fn malformed_lines(&mut self, lines: &[(&str, &str)]) {
        for (name, value) in lines {
            self.malformed(name, *value);
        }
    }

    /// The first line of `lower` that `parse` accepts, with its raw value; lines before it that
    /// fail are recorded as malformed.
    pub(super) fn first_valid<T>(
        &mut self,
        lower: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<(T, String)> {
        for (name, value) in self.headers.get(lower) {
            match parse(value) {
                Some(parsed) => return Some((parsed, value.to_owned())),
                None => self.malformed(name, value),
            }
        }
        None
    }
}

/// The fields of a [`Limit`] other than its reset.
pub(super) struct LimitParts {
    pub(super) policy: Option<String>,
    pub(super) quota: Option<u64>,
    pub(super) remaining: Option<u64>,
    pub(super) window: Option<Duration>,
    pub(super) source: String,
}

pub(super) fn limit_with_reset(parts: LimitParts, reset: Option<((SystemTime, ResetKind), String)>) -> Limit {
    let (reset_at, reset_kind, reset_raw) = match reset {
        Some(((at, kind), raw)) => (Some(at), Some(kind), Some(raw)),
        None => (None, None, None),
    };
    Limit {
        policy: parts.policy,
        quota: parts.quota,
        remaining: parts.remaining,
        window: parts.window,
        reset_at,
        reset_raw,
        reset_kind,
        source: parts.source,
    }
}
