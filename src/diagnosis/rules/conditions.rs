//! The resource's state: 409 (conflicts), 410 (removed), 412 and 428 (preconditions).

use std::cmp::Ordering;

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::{conflict, gone, precondition_failed, precondition_required};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::phrase::Phrase;
use crate::diagnosis::quote;
use crate::evidence::api_version;
use crate::evidence::crossref::{Presence, locate};
use crate::evidence::field_path::display;
use crate::evidence::retry_after::parse_http_date;
use crate::evidence::versions::{current_version, same, sent_version};

// --------------------------------------------------------------------------------------- 409

pub fn conflict(f: &Facts<'_>) -> Vec<Check> {
    [version(f), duplicate(f), double_submit(f)]
        .into_iter()
        .flatten()
        .collect()
}

/// The version the request claims to update against the one the answer shows.
fn version(f: &Facts<'_>) -> Option<Check> {
    let sent = sent_version(
        f.sent.map_or(&[], |s| &s.headers),
        &f.sent_query,
        f.sent_json.as_ref(),
    )?;
    let response_json = serde_json::from_slice::<serde_json::Value>(f.body).ok();
    let current = current_version(f.head.map_or(&[], |h| &h.headers), response_json.as_ref());
    // When the server says why in words, its words lead and this comparison backs them up.
    let fail = if f.stated.as_ref().is_some_and(|r| r.informative) {
        Check::possible
    } else {
        Check::fail
    };
    Some(match current {
        Some(current) if !same(&sent.value, &current.value) => fail(
            conflict::VERSION,
            format!(
                "You sent {} = {}; the resource is now at {} = {} — it changed since you read it",
                sent.place,
                quote::text(&sent.value),
                current.place,
                quote::text(&current.value)
            ),
        ),
        Some(current) => Check::pass(
            conflict::VERSION,
            format!(
                "You sent {} = {}, which is current",
                sent.place,
                quote::text(&current.value)
            ),
        ),
        None => fail(
            conflict::VERSION,
            format!(
                "You sent {} = {} and the server refused the update as a conflict — the resource likely changed since you read it",
                sent.place,
                quote::text(&sent.value)
            ),
        ),
    })
}

fn duplicate(f: &Facts<'_>) -> Option<Check> {
    let lower = f.body_lower.as_str();
    let says_exists = [
        "already exists",
        "already_exists",
        "duplicate",
        "already taken",
        "been taken",
        "unique",
    ]
    .iter()
    .any(|k| lower.contains(k));
    if !says_exists {
        return None;
    }
    let sent = f.sent_data();
    let issue = f.error_body.issues.first();
    let text = match issue.map(|i| (i, locate(i, &sent))) {
        Some((i, Presence::Present { value, .. })) => {
            format!(
                "Server says \"{}\" already exists; you sent {}",
                display(&i.path),
                quote::text(&value.to_string())
            )
        }
        _ => format!(
            "Server says: \"{}\"",
            quote::text(f.error_body.headline.as_deref().unwrap_or("already exists"))
        ),
    };
    Some(Check::fail(conflict::DUPLICATE, text))
}

fn double_submit(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let since = f.received_at.checked_sub(std::time::Duration::from_secs(60))?;
    let twin = f.history.iter().rev().find(|h| {
        h.at >= since
            && h.sent.method == sent.method
            && h.sent.url == sent.url
            && h.sent.body == sent.body
            && h.status.is_some_and(|s| s < 300)
    })?;
    Some(Check::fail(
        conflict::DOUBLE_SUBMIT,
        Phrase::from(format!("Identical {} succeeded ", sent.method))
            .relative(twin.at)
            .text(format!(
                " ({}) — this looks like a duplicate submission",
                twin.status.unwrap_or_default()
            )),
    ))
}

// --------------------------------------------------------------------------------------- 410

pub fn gone(f: &Facts<'_>) -> Vec<Check> {
    [sunset(f), api_version(f), gone_history(f)]
        .into_iter()
        .flatten()
        .collect()
}

fn successor(f: &Facts<'_>) -> Option<String> {
    let link = f.header("link")?;
    link.split(',')
        .find(|l| l.contains("successor-version") || l.contains("alternate"))
        .and_then(|l| l.split('<').nth(1)?.split('>').next().map(str::to_owned))
}

fn sunset(f: &Facts<'_>) -> Option<Check> {
    let sunset = f.header("sunset");
    let deprecation = f.header("deprecation");
    if sunset.is_none() && deprecation.is_none() {
        return None;
    }
    let next = successor(f).map_or(String::new(), |s| format!("; successor: {s}"));
    let what = match sunset {
        Some(s) => {
            let what = Phrase::from(format!("Sunset: {s}"));
            match parse_http_date(s) {
                Some(at) => what.text(" (").relative(at).text(")"),
                None => what,
            }
        }
        None => Phrase::from(quote::header("Deprecation", deprecation.unwrap_or_default())),
    };
    Some(
        Check::fail(
            gone::SUNSET,
            what.text(format!("{next} — this version was retired")),
        )
        .cite("RFC 8594"),
    )
}

fn api_version(f: &Facts<'_>) -> Option<Check> {
    let next = successor(f)?;
    let url = f.url.as_ref()?;
    // The link may be relative to the URL called.
    let theirs = url.join(&next).ok().and_then(|u| api_version::in_path(u.path()));
    let mine = api_version::in_path(url.path());
    Some(match (&mine, &theirs) {
        (Some(m), Some(t)) if api_version::compare(m, t) == Some(Ordering::Less) => Check::fail(
            gone::API_VERSION,
            format!("Path uses /{m}; the server points to /{t} ({next})"),
        ),
        (Some(m), Some(t)) => Check::pass(
            gone::API_VERSION,
            format!("Path uses /{m}; the successor the server points to ({next}) is /{t}, not newer"),
        ),
        _ => Check::unknown(
            gone::API_VERSION,
            format!(
                "The server points to {next}, but {} has no version to compare",
                if mine.is_none() { url.path() } else { "the link" }
            ),
        ),
    })
}

fn gone_history(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let before = f
        .history
        .iter()
        .rev()
        .find(|h| h.sent.url == sent.url && h.status.is_some_and(|s| (200..300).contains(&s)))?;
    Some(Check::fail(
        gone::HISTORY,
        format!(
            "{} {} returned {} at {}; it has since been removed",
            before.sent.method,
            sent.url,
            before.status.unwrap_or_default(),
            f.clock.local(before.at)
        ),
    ))
}

// --------------------------------------------------------------------------------------- 412

pub fn precondition_failed(f: &Facts<'_>) -> Vec<Check> {
    [
        which(f),
        weak_etag(f),
        unquoted(f),
        create_only(f),
        unmodified_since(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn which(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent_header("if-match")?;
    let current = f
        .header("etag")
        .map_or_else(|| "not given".to_owned(), str::to_owned);
    Some(Check::fail(
        precondition_failed::WHICH,
        format!("Sent If-Match: {sent}; current ETag is {current} → the resource changed after you read it"),
    ))
}

fn weak_etag(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent_header("if-match")?;
    sent.split(',')
        .map(str::trim)
        .find(|t| t.starts_with("W/"))
        .map(|tag| {
            Check::fail(
                precondition_failed::WEAK_ETAG,
                format!(
                    "If-Match uses weak tag {tag}; If-Match requires strong comparison, so it can never match"
                ),
            )
            .cite("RFC 9110 §13.1.1")
        })
}

fn unquoted(f: &Facts<'_>) -> Option<Check> {
    let sent = f
        .sent_header("if-match")
        .or_else(|| f.sent_header("if-none-match"))?;
    sent.split(',')
        .map(str::trim)
        .find(|t| *t != "*" && !t.trim_start_matches("W/").starts_with('"'))
        .map(|tag| {
            Check::fail(
                precondition_failed::UNQUOTED,
                format!("{tag} is not a quoted entity-tag; expected \"\\\"{tag}\\\"\""),
            )
        })
}

fn create_only(f: &Facts<'_>) -> Option<Check> {
    (f.sent_header("if-none-match")?.trim() == "*").then(|| {
        let etag = f.header("etag").map_or(String::new(), |e| format!(" (ETag {e})"));
        Check::fail(
            precondition_failed::CREATE_ONLY,
            format!("You sent If-None-Match: * (create only if absent); the resource exists{etag}"),
        )
    })
}

/// The condition fails only when the resource changed after the date (RFC 9110 §13.1.4);
/// a Last-Modified at or before it means something else refused the request.
fn unmodified_since(f: &Facts<'_>) -> Option<Check> {
    let since = f.sent_header("if-unmodified-since")?;
    let modified = f.header("last-modified")?;
    let Some((since_at, modified_at)) = parse_http_date(since).zip(parse_http_date(modified)) else {
        return Some(Check::unknown(
            precondition_failed::DATE,
            format!(
                "If-Unmodified-Since {} and Last-Modified {} cannot both be read as HTTP dates",
                quote::text(since),
                quote::text(modified)
            ),
        ));
    };
    Some(if modified_at > since_at {
        Check::fail(
            precondition_failed::DATE,
            format!("If-Unmodified-Since {since} but Last-Modified is {modified}"),
        )
        .cite("RFC 9110 §13.1.4")
    } else {
        Check::pass(
            precondition_failed::DATE,
            format!("Last-Modified {modified} is not after If-Unmodified-Since {since}; the date held"),
        )
    })
}

// --------------------------------------------------------------------------------------- 428

pub fn precondition_required(f: &Facts<'_>) -> Vec<Check> {
    [conditional_sent(f), etag_known(f), body_hint(f)]
        .into_iter()
        .flatten()
        .collect()
}

fn conditional_sent(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent.and_then(|s| {
        s.headers.iter().find(|(n, _)| {
            n.eq_ignore_ascii_case("if-match") || n.eq_ignore_ascii_case("if-unmodified-since")
        })
    });
    Some(match sent {
        Some((h, v)) => Check::pass(precondition_required::CONDITIONAL_SENT, quote::header(h, v)),
        None => Check::fail(
            precondition_required::CONDITIONAL_SENT,
            format!("{} sent without If-Match or If-Unmodified-Since", f.method()),
        )
        .cite("RFC 6585 §3"),
    })
}

fn etag_known(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let read = f
        .history
        .iter()
        .rev()
        .find(|h| h.sent.url == sent.url && h.etag.is_some())?;
    let etag = read.etag.clone().unwrap_or_default();
    Some(Check::pass(
        precondition_required::ETAG_KNOWN,
        format!(
            "{} at {} returned ETag {etag} — add If-Match: {etag}",
            read.sent.method,
            f.clock.local(read.at)
        ),
    ))
}

fn body_hint(f: &Facts<'_>) -> Option<Check> {
    let text = &f.body_text;
    let header = ["If-Match", "If-Unmodified-Since", "If-None-Match"]
        .into_iter()
        .find(|h| text.contains(h))?;
    Some(Check::unknown(
        precondition_required::BODY_HINT,
        format!("Server asks for {header}"),
    ))
}
