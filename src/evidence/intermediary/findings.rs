//! What the detectors found (who is on the path, which header or body says who made the
//! response, a CDN error code) and the conclusion drawn from it.
//!
//! Separate because the weighing of evidence (body beats header, JSON is the API's own unless a
//! known message says otherwise) is one decision, taken after every detector has run.

use super::generator::{Generator, GeneratorKind};
use super::html::html_title;
use super::observed::{Observed, Shape, clip};

/// What the detectors found; turned into a [`Generator`] by [`Findings::conclude`].
#[derive(Debug, Default)]
pub(super) struct Findings {
    header_signals: Vec<String>,
    body_signals: Vec<String>,
    /// Intermediaries on the path, most specific detector first.
    seen: Vec<String>,
    /// An intermediary's own page or message is in the body.
    made_by_body: Option<String>,
    /// A header that intermediaries only set on responses they generate.
    made_by_header: Option<String>,
    pub(super) cdn_code: Option<u16>,
}

impl Findings {
    pub(super) fn see(&mut self, who: &str) {
        if !self.has_seen(who) {
            self.seen.push(who.to_owned());
        }
    }

    pub(super) fn has_seen(&self, who: &str) -> bool {
        self.seen.iter().any(|s| s == who)
    }

    pub(super) fn header_signal(&mut self, signal: String) {
        if !self.header_signals.contains(&signal) {
            self.header_signals.push(signal);
        }
    }

    /// A header shows `who` is on the path.
    pub(super) fn saw(&mut self, who: &str, signal: String) {
        self.header_signal(signal);
        self.see(who);
    }

    /// A header that only `who`'s own responses carry.
    pub(super) fn header_says_made_by(&mut self, who: &str, signal: String) {
        self.saw(who, signal);
        self.made_by_header.get_or_insert_with(|| who.to_owned());
    }

    /// The body is `who`'s own page or message.
    pub(super) fn body_says_made_by(&mut self, who: &str, signal: String) {
        if !self.body_signals.contains(&signal) {
            self.body_signals.push(signal);
        }
        self.see(who);
        self.made_by_body.get_or_insert_with(|| who.to_owned());
    }

    pub(super) fn conclude(self, response: &Observed<'_>) -> Generator {
        let Findings {
            header_signals,
            body_signals,
            seen,
            made_by_body,
            made_by_header,
            cdn_code,
        } = self;
        // Headers first, then the page title, then what else the body showed.
        let mut signals = header_signals;
        if response.shape == Shape::Html
            && let Some(title) = html_title(response.text)
        {
            signals.push(format!("HTML page titled \"{}\"", clip(&title)));
        }
        signals.extend(body_signals);
        let (kind, who) = match (made_by_body, made_by_header) {
            (Some(who), _) => (GeneratorKind::Intermediary, Some(who)),
            (None, Some(who)) if response.shape != Shape::Json => (GeneratorKind::Intermediary, Some(who)),
            (None, header) => {
                let who = header.or_else(|| seen.into_iter().next());
                (kind_without_signature(response.shape, who.is_some()), who)
            }
        };
        Generator {
            kind,
            who,
            signals,
            cdn_code,
        }
    }
}

/// With no intermediary signature: JSON is the API's own; HTML cannot be attributed; other
/// bodies are the API's when nothing sits in front of it and unattributable otherwise.
fn kind_without_signature(shape: Shape, intermediary_seen: bool) -> GeneratorKind {
    match (shape, intermediary_seen) {
        (Shape::Json, true) => GeneratorKind::PassedThrough,
        (Shape::Html, _) | (Shape::Text | Shape::Empty, true) => GeneratorKind::Unrecognised,
        (Shape::Json | Shape::Text | Shape::Empty, false) => GeneratorKind::Application,
    }
}
