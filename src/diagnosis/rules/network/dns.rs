//! The host name did not resolve (`Dns` failures): the resolver's answer, a typo of a known
//! host, a private zone, the variable it came from, being offline, or the proxy's own name
//! (`dns.*`).

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::dns;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::diagnosis::sent::urls::PRIVATE_ZONES;
use crate::http::{Failure, FailureKind};
use crate::request::Field;
use crate::template::Origin;

pub(super) fn dns_kind(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let resolver = failure.chain.last().cloned().unwrap_or_default();
    let lower = resolver.to_ascii_lowercase();
    let host = f.host();
    let temporary =
        lower.contains("temporary failure") || lower.contains("try again") || lower.contains("timed out");
    Some(if temporary {
        Check::fail(
            dns::KIND,
            format!(
                "Resolver: \"{resolver}\" for {host} — a temporary failure: check the network or VPN, then retry"
            ),
        )
    } else {
        Check::fail(
            dns::KIND,
            format!("Resolver: \"{resolver}\" for {host} → the name does not exist"),
        )
    })
}

/// Host names seen in history and in the collection's variables.
fn known_hosts(f: &Facts<'_>) -> Vec<(String, usize)> {
    let mut hosts: Vec<(String, usize)> = Vec::new();
    let mut add = |h: String| match hosts.iter_mut().find(|(k, _)| *k == h) {
        Some((_, n)) => *n += 1,
        None => hosts.push((h, 1)),
    };
    for entry in f.history {
        if entry.failure != Some(FailureKind::Dns)
            && let Some(h) = entry.host()
        {
            add(h);
        }
    }
    if let Some(c) = f.collection {
        let values = c
            .variables
            .values()
            .chain(c.environments.values().flat_map(|e| e.values()));
        for value in values {
            if let Ok(u) = url::Url::parse(value.as_str())
                && let Some(h) = u.host_str()
            {
                add(h.to_owned());
            }
        }
    }
    hosts
}

pub(super) fn dns_typo(f: &Facts<'_>) -> Option<Check> {
    let host = f.url.as_ref()?.host_str()?.to_owned();
    let hosts = known_hosts(f);
    let close = hosts
        .iter()
        .filter(|(h, _)| *h != host && strsim::damerau_levenshtein(h, &host) <= 2)
        .max_by_key(|(_, n)| *n)?;
    Some(Check::fail(
        dns::TYPO,
        format!(
            "{host} did not resolve; did you mean {} (seen {} in this session or collection)?",
            close.0,
            crate::format::count(close.1, "time", "times")
        ),
    ))
}

pub(super) fn dns_private_zone(f: &Facts<'_>) -> Option<Check> {
    let host = f.host();
    let zone = PRIVATE_ZONES.into_iter().find(|z| host.ends_with(z))?;
    Some(Check::possible(
        dns::PRIVATE_ZONE,
        format!("{host} is a private name ({zone}); it only resolves inside its VPN or cluster network"),
    ))
}

pub(super) fn dns_from_variable(f: &Facts<'_>) -> Option<Check> {
    let written = f.written?;
    let host = f.host();
    let url_use = written.fields.iter().find(|u| u.field == Field::Url)?;
    let source = url_use.uses.iter().find(|r| r.value.contains(&host))?;
    let origin = match &source.origin {
        Origin::Environment(e) => format!("environment \"{e}\""),
        other => other.to_string(),
    };
    Some(Check::unknown(
        dns::FROM_VARIABLE,
        format!(
            "Host came from {{{{ {} }}}} in {origin} = \"{}\"",
            source.expr,
            quote::text(&source.value)
        ),
    ))
}

pub(super) fn dns_offline(f: &Facts<'_>) -> Option<Check> {
    let since = f.received_at.checked_sub(std::time::Duration::from_secs(60))?;
    let recent: Vec<_> = f.history.iter().filter(|h| h.at >= since).collect();
    if recent.len() < 2 {
        return None;
    }
    let all_failed = recent.iter().all(|h| h.failure == Some(FailureKind::Dns));
    Some(if all_failed {
        Check::fail(
            dns::OFFLINE,
            format!(
                "No host resolved in the last minute ({} attempts) — you appear to be offline",
                recent.len() + 1
            ),
        )
    } else {
        Check::pass(dns::OFFLINE, "Other hosts resolved in the last minute")
    })
}

pub(super) fn dns_proxy(f: &Facts<'_>) -> Option<Check> {
    let proxy = f.sent?.proxy.as_ref()?;
    Some(Check::possible(
        dns::PROXY,
        format!(
            "Requests go via {} (from {}); this DNS failure may be the proxy's own name",
            proxy.url, proxy.source
        ),
    ))
}
