//! Rate-limit header tests, one file per header generation plus the reset classifier, with
//! the shared helpers here.

mod draft;
mod families;
mod reset;
mod robustness;
mod summary;

use std::time::{Duration, UNIX_EPOCH};

use super::*;

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

/// The receive time used throughout: 2023-11-14T22:13:20Z.
const NOW: u64 = 1_700_000_000;

fn parse(pairs: &[(&str, &str)]) -> RateLimits {
    parse_rate_limits(&headers(pairs), at(NOW), None)
}

fn policy(name: Option<&str>, quota: u64, window: Option<u64>, source: &str) -> Policy {
    Policy {
        name: name.map(str::to_owned),
        quota,
        window: window.map(secs),
        unit: None,
        partition: None,
        source: source.to_owned(),
    }
}
