//! The IETF draft fields in every generation: `RateLimit-Policy`, `RateLimit` (draft-07's
//! Dictionary or draft-08+'s List) and drafts -00 … -06's separate `RateLimit-Limit` /
//! `-Remaining` / `-Reset` (as GitLab and Kong send them).
//!
//! Separate from the `X-RateLimit-*` families because these are standardised fields with
//! named policies; the families are de-facto conventions matched by header name.

use std::time::Duration;

use sfv::{Dictionary, ListEntry};

use super::number::parse_count;
use super::quota::{Limit, ResetKind};
use super::reset::{classify_reset, parse_date};
use super::state::{Ctx, LimitParts, limit_with_reset};
use super::structured::{
    entry_u64, param_u64, parse_dictionary, parse_list, policy_from_entry, serialize_entry,
};
use crate::evidence::retry_after::to_local_clock;

/// Header sources, as shown in evidence.
const SOURCE_RATELIMIT: &str = "RateLimit";
const SOURCE_POLICY: &str = "RateLimit-Policy";
const SOURCE_SPLIT_DRAFT: &str = "RateLimit-*";

impl Ctx<'_> {
    /// `RateLimit-Policy`, in any draft's syntax: a List of named (draft-08+) or integer
    /// (older) policy items.
    pub(super) fn parse_policy_field(&mut self) {
        let lines = self.headers.get("ratelimit-policy");
        let Some(&(header, _)) = lines.first() else {
            return;
        };
        let Some(list) = parse_list(&lines) else {
            self.malformed_lines(&lines);
            return;
        };
        for entry in &list {
            match policy_from_entry(entry, SOURCE_POLICY) {
                Some(policy) => self.out.policies.push(policy),
                None => self.malformed(header, serialize_entry(entry)),
            }
        }
    }

    /// `RateLimit`: draft-07's Dictionary (`limit=…, remaining=…, reset=…`) or draft-08+'s List
    /// (`"name";r=…;t=…`). The two syntaxes cannot both parse with those keys, so trying the
    /// Dictionary first is unambiguous.
    pub(super) fn parse_ratelimit_field(&mut self) {
        let lines = self.headers.get("ratelimit");
        let Some(&(header, _)) = lines.first() else {
            return;
        };
        if let Some(dictionary) = parse_dictionary(&lines)
            && ["limit", "remaining", "reset"]
                .iter()
                .any(|key| dictionary.contains_key(*key))
        {
            self.parse_draft07(header, &dictionary);
            return;
        }
        let Some(list) = parse_list(&lines) else {
            self.malformed_lines(&lines);
            return;
        };
        for entry in &list {
            match self.limit_from_entry(entry) {
                Some(limit) => self.out.limits.push(limit),
                None => self.malformed(header, serialize_entry(entry)),
            }
        }
    }

    /// A draft-08+ `RateLimit` member: the policy name with `r` (required) and `t` (optional
    /// delay-seconds, never an epoch, so no classification) [RL-11 §Reset Parameter].
    fn limit_from_entry(&self, entry: &ListEntry) -> Option<Limit> {
        let ListEntry::Item(item) = entry else {
            return None;
        };
        let name = item.bare_item.as_string()?.as_str().to_owned();
        let remaining = param_u64(&item.params, "r").ok()??;
        let reset = param_u64(&item.params, "t").ok()?;
        let policy = self
            .out
            .policies
            .iter()
            .find(|p| p.name.as_deref() == Some(name.as_str()));
        let reset_at = match reset {
            Some(secs) => Some(self.received_at.checked_add(Duration::from_secs(secs))?),
            None => None,
        };
        Some(Limit {
            policy: Some(name),
            quota: policy.map(|p| p.quota),
            remaining: Some(remaining),
            window: policy.and_then(|p| p.window),
            reset_at,
            reset_raw: reset.map(|secs| secs.to_string()),
            reset_kind: reset.map(|_| ResetKind::DeltaSeconds),
            source: SOURCE_RATELIMIT.to_owned(),
        })
    }

    /// Draft-07: `RateLimit: limit=100, remaining=50, reset=5`, reset in delta seconds; the
    /// window comes from the unnamed `RateLimit-Policy` item with the same quota.
    fn parse_draft07(&mut self, header: &str, dictionary: &Dictionary) {
        let mut member = |key: &str| {
            let entry = dictionary.get(key)?;
            let value = entry_u64(entry);
            if value.is_none() {
                self.out
                    .malformed
                    .push((header.to_owned(), format!("{key}={}", serialize_entry(entry))));
            }
            value
        };
        let (quota, remaining, reset) = (member("limit"), member("remaining"), member("reset"));
        if quota.is_none() && remaining.is_none() && reset.is_none() {
            return;
        }
        let reset_at = reset.and_then(|secs| self.received_at.checked_add(Duration::from_secs(secs)));
        let limit = Limit {
            policy: None,
            quota,
            remaining,
            window: self.unnamed_policy_window(quota),
            reset_at,
            reset_raw: reset.filter(|_| reset_at.is_some()).map(|secs| secs.to_string()),
            reset_kind: reset_at.map(|_| ResetKind::DeltaSeconds),
            source: SOURCE_RATELIMIT.to_owned(),
        };
        self.out.limits.push(limit);
    }

    fn unnamed_policy_window(&self, quota: Option<u64>) -> Option<Duration> {
        let quota = quota?;
        self.out
            .policies
            .iter()
            .find(|p| p.name.is_none() && p.quota == quota)
            .and_then(|p| p.window)
    }

    /// Drafts -00 … -06: `RateLimit-Limit` / `-Remaining` / `-Reset`, as also sent by Kong and
    /// GitLab. `Reset` is delta seconds in the drafts but a Unix epoch at GitLab, so it is
    /// classified by magnitude; GitLab's `RateLimit-ResetTime` (HTTP-date) is the fallback.
    /// Drafts -00 … -02 may list quota policies after the limit (`10, 10;w=1, 1000;w=3600`).
    pub(super) fn parse_split_draft(&mut self) {
        let limit = self.first_valid("ratelimit-limit", parse_count);
        self.inline_policies();
        let remaining = self
            .first_valid("ratelimit-remaining", parse_count)
            .map(|((count, _), _)| count);
        let quota = limit.as_ref().map(|((count, _), _)| *count);
        let window = limit
            .and_then(|((_, window), _)| window)
            .or_else(|| self.unnamed_policy_window(quota));
        let (received_at, server_date) = (self.received_at, self.server_date);
        let reset = self
            .first_valid("ratelimit-reset", |value| {
                classify_reset(value, received_at, server_date, window)
            })
            .or_else(|| {
                self.first_valid("ratelimit-resettime", |value| {
                    parse_date(value)
                        .map(|instant| (to_local_clock(instant, received_at, server_date), ResetKind::Date))
                })
            });
        if quota.is_none() && remaining.is_none() && reset.is_none() {
            return;
        }
        self.out.limits.push(limit_with_reset(
            LimitParts {
                policy: None,
                quota,
                remaining,
                window,
                source: SOURCE_SPLIT_DRAFT.to_owned(),
            },
            reset,
        ));
    }

    /// Quota policies listed after the limit in drafts -00 … -02's `RateLimit-Limit`.
    fn inline_policies(&mut self) {
        let lines = self.headers.get("ratelimit-limit");
        let Some(list) = parse_list(&lines) else {
            return;
        };
        let policies = list
            .iter()
            .skip(1)
            .filter_map(|entry| policy_from_entry(entry, "RateLimit-Limit"));
        self.out.policies.extend(policies.filter(|p| p.window.is_some()));
    }
}
