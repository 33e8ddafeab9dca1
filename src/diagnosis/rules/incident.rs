//! Is the whole host failing (an incident) or just this request: asked by `500.host-wide`,
//! `502.host-wide`, `503.host-wide` and `504.host-wide` — one check under the id the caller
//! names.

use std::time::Duration;

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::CheckSpec;
use crate::diagnosis::facts::Facts;

/// Whether the whole host is failing (an incident) or just this request.
pub fn host_wide(f: &Facts<'_>, spec: &'static CheckSpec, status: u16) -> Option<Check> {
    let host = f.url.as_ref()?.host_str()?.to_owned();
    let since = f.received_at.checked_sub(Duration::from_secs(300))?;
    let recent: Vec<_> = f
        .history
        .iter()
        .filter(|h| h.at >= since && h.host().as_deref() == Some(host.as_str()))
        .collect();
    if recent.is_empty() {
        return None;
    }
    let failing = recent
        .iter()
        .filter(|h| h.status.is_none_or(|s| s >= 500))
        .count()
        + 1;
    let n = recent.len() + 1;
    Some(if failing * 2 >= n {
        Check::fail(
            spec,
            format!(
                "{failing} of the last {n} requests to {host} failed with 5xx or no answer — likely a server-side incident"
            ),
        )
    } else {
        Check::pass(
            spec,
            format!(
                "Only {failing} of the last {n} requests to {host} failed — this looks specific to this request ({status})"
            ),
        )
    })
}
