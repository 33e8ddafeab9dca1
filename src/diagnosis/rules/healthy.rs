//! The short checklist of a 2xx: it worked, but is the quota running low, is the endpoint
//! deprecated, or is an error hiding inside a 200 (GraphQL, Slack-style `ok: false`)?

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::success;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::phrase::Phrase;
use crate::diagnosis::quote;
use crate::diagnosis::sent::body::sniff;
use crate::evidence::negotiation::essence;
use crate::media_type::is_json_type;

pub fn checks(f: &Facts<'_>) -> Vec<Check> {
    [
        status(f),
        error_in_body(f),
        quota(f),
        deprecation(f),
        response_type(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn status(f: &Facts<'_>) -> Option<Check> {
    let head = f.head?;
    let location = head
        .header("location")
        .map_or(String::new(), |l| format!("; Location: {}", quote::text(l)));
    let size = quote::size(usize::try_from(f.body_len).unwrap_or(usize::MAX));
    Some(Check::pass(
        success::STATUS,
        format!("{} {}{location}; body {size}", head.status, head.reason),
    ))
}

fn error_in_body(f: &Facts<'_>) -> Option<Check> {
    let summary = &f.error_body;
    let head = f.head?;
    // A GraphQL request's top-level `errors` are GraphQL errors, `data` or not.
    let graphql_request = f
        .sent_json
        .as_ref()
        .is_some_and(|j| j.get("query").is_some_and(serde_json::Value::is_string))
        || f.url.as_ref().is_some_and(|u| u.path().ends_with("/graphql"));
    let graphql = summary.graphql_errors > 0
        || f.reported
            .as_ref()
            .is_some_and(|r| r.graphql_like || (r.errors_at_top && graphql_request));
    if graphql {
        let count = summary.graphql_errors.max(1);
        let first = summary
            .headline
            .as_deref()
            .or_else(|| f.reported.as_ref().and_then(|r| r.message.as_deref()))
            .map_or(String::new(), |h| format!(": \"{}\"", quote::reason(h)));
        return Some(Check::fail(
            success::GRAPHQL_ERRORS,
            format!(
                "{} answered {} with {}{first}",
                f.host(),
                head.status,
                crate::format::count(count, "GraphQL error", "GraphQL errors"),
            ),
        ));
    }
    if summary.slack_ok_false {
        let code = summary.code.as_deref().unwrap_or("unknown");
        return Some(Check::fail(
            success::ERROR_IN_BODY,
            format!(
                "The body says \"ok\": false with error \"{code}\" despite the {} status",
                head.status
            ),
        ));
    }
    let reported = f.reported.as_ref()?;
    let message = reported
        .message
        .as_deref()
        .map_or(String::new(), |m| format!(": \"{}\"", quote::reason(m)));
    Some(Check::fail(
        success::ERROR_IN_BODY,
        format!(
            "{} {}, but the body reports a failure — {}{message}",
            head.status, head.reason, reported.how
        ),
    ))
}

fn quota(f: &Facts<'_>) -> Option<Check> {
    let limit = f
        .rate_limits
        .limits
        .iter()
        .filter(|l| l.remaining.is_some())
        .min_by_key(|l| l.remaining.unwrap_or(u64::MAX))?;
    let remaining = limit.remaining?;
    let quota = limit
        .quota
        .or_else(|| f.rate_limits.policy_for(limit).map(|p| p.quota));
    let of = quota.map_or(String::new(), |q| format!(" of {q}"));
    let name = limit
        .policy
        .as_ref()
        .map_or_else(|| limit.source.clone(), |p| format!("policy \"{p}\""));
    let mut text = Phrase::from(format!("{name}: {remaining}{of} requests left"));
    if let Some(at) = limit.reset_at {
        text = text.text(", refills ").when(at);
    }
    let low = quota.is_some_and(|q| q > 0 && remaining * 10 < q) || remaining == 0;
    Some(if low {
        Check::possible(
            success::QUOTA,
            text.text(" — slow down before the next request is refused"),
        )
    } else {
        Check::pass(success::QUOTA, text)
    })
}

fn deprecation(f: &Facts<'_>) -> Option<Check> {
    let deprecation = f.header("deprecation");
    let sunset = f.header("sunset");
    let link = f
        .header("link")
        .filter(|l| l.contains("deprecation") || l.contains("successor-version") || l.contains("sunset"));
    if deprecation.is_none() && sunset.is_none() && link.is_none() {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(d) = deprecation {
        parts.push(Phrase::from(quote::header("Deprecation", d)));
    }
    if let Some(s) = sunset {
        let header = Phrase::from(quote::header("Sunset", s));
        parts.push(match crate::evidence::retry_after::parse_http_date(s) {
            Some(at) => header.text(" (").relative(at).text(")"),
            None => header,
        });
    }
    if let Some(l) = link {
        parts.push(Phrase::from(quote::header("Link", l)));
    }
    let text = parts
        .into_iter()
        .reduce(|joined, part| joined.text("; ").then(part))
        .unwrap_or_default();
    Some(Check::possible(success::DEPRECATION, text).cite("RFC 9745"))
}

fn response_type(f: &Facts<'_>) -> Option<Check> {
    let declared = f.header("content-type")?;
    if !is_json_type(declared) || f.body.is_empty() || f.method() == "HEAD" {
        return None;
    }
    let e = essence(declared);
    let sniffed = sniff(f.body);
    matches!(sniffed, "HTML" | "XML").then(|| {
        Check::fail(success::RESPONSE_TYPE, format!("Response says {e} but the body looks like {sniffed} — a login or error page answered with 200?"))
    })
}
