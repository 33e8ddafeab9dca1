//! `C.differs-from-working`: what this failed request does differently from the requests to
//! the same API that worked in this session — its own last success first, then the others
//! (docs/diagnosis.md §Differences from requests that worked).

use url::Url;

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::any_error;
use crate::diagnosis::facts::Facts;
use crate::evidence::differences::{Difference, Sent, differences};
use crate::http::SentRequest;

/// What the comparison looks at of a request as sent.
fn compared(sent: &SentRequest) -> Sent<'_> {
    Sent {
        url: &sent.url,
        headers: &sent.headers,
        body: &sent.body,
    }
}

/// How many differences the evidence names.
const SHOWN: usize = 2;

pub fn differs_from_working(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let origin = origin_of(&sent.url)?;
    let same_api = |s: &SentRequest| origin_of(&s.url).as_deref() == Some(origin.as_str());
    let worked = |status: Option<u16>| status.is_some_and(|s| (200..400).contains(&s));
    let name = f.written.map(|w| format!("{}/{}", w.collection, w.path));
    // This request's own last success is the closest comparison there is.
    if let Some(last) = f
        .history
        .iter()
        .rev()
        .find(|h| h.request.is_some() && h.request == name && worked(h.status) && same_api(&h.sent))
    {
        let found = differences(&compared(sent), &[compared(&last.sent)], &[]);
        let when = format!(
            "{} at {}",
            last.status.unwrap_or_default(),
            f.clock.local(last.at)
        );
        return Some(match found.first() {
            Some(d) => Check::possible(
                any_error::DIFFERS_FROM_WORKING,
                format!("This request worked before ({when}); this time it {}", d.what),
            ),
            None => Check::pass(
                any_error::DIFFERS_FROM_WORKING,
                format!("This request worked before ({when}) and was sent the same way"),
            ),
        });
    }
    let successes: Vec<Sent<'_>> = f
        .history
        .iter()
        .filter(|h| worked(h.status) && same_api(&h.sent))
        .map(|h| compared(&h.sent))
        .collect();
    let failures: Vec<Sent<'_>> = f
        .history
        .iter()
        .filter(|h| h.status.is_some_and(|s| s >= 400) && same_api(&h.sent))
        .map(|h| compared(&h.sent))
        .collect();
    let host = f.host();
    // Nothing worked yet: nothing to compare with, and nothing worth a line.
    if successes.is_empty() {
        return None;
    }
    let found = differences(&compared(sent), &successes, &failures);
    if found.is_empty() {
        return Some(Check::pass(
            any_error::DIFFERS_FROM_WORKING,
            format!(
                "Sent like the {} to {host} that worked in this session",
                crate::format::count(successes.len(), "request", "requests")
            ),
        ));
    }
    let shown: Vec<String> = found.iter().take(SHOWN).map(|d| say(d, &host)).collect();
    let mut text = shown.join("; ");
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    // Every one of at least two successes does it the other way, and no failure shares this
    // side with them: direct evidence, not a guess.
    let best = &found[0];
    Some(if best.successes == best.of && best.of >= 2 && best.score >= 75 {
        Check::fail(any_error::DIFFERS_FROM_WORKING, text)
    } else {
        Check::possible(any_error::DIFFERS_FROM_WORKING, text)
    })
}

fn say(d: &Difference, host: &str) -> String {
    format!(
        "this request {} — {} of the {} to {host} that worked in this session do otherwise",
        d.what,
        d.successes,
        crate::format::count(d.of, "request", "requests")
    )
}

fn origin_of(url: &str) -> Option<String> {
    let url = Url::parse(url).ok()?;
    Some(url.origin().ascii_serialization())
}
