//! Evidence worded against the present: "retry at 12:03:10 (in 24 s)", "succeeded 14 min ago".
//! A rule writes the moment, not the distance to it, so the same check can be read again a
//! second later — as a countdown does — without diagnosing anew.

use std::time::SystemTime;

use super::clock::Clock;

/// Evidence text, some of whose parts read relative to the present.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Phrase {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    /// `12:03:10 (in 24 s)`, with the date when it is not today.
    When(SystemTime),
    /// `in 24 s`, `14 min ago`, `now`.
    Relative(SystemTime),
}

impl Phrase {
    /// Appends text as it stands.
    #[must_use]
    pub fn text(mut self, text: impl Into<String>) -> Self {
        let text = text.into();
        match self.parts.last_mut() {
            Some(Part::Text(last)) => last.push_str(&text),
            _ if text.is_empty() => {}
            _ => self.parts.push(Part::Text(text)),
        }
        self
    }

    /// Appends a moment as the wall-clock time and how far off it is: `12:03:10 (in 24 s)`.
    #[must_use]
    pub fn when(mut self, at: SystemTime) -> Self {
        self.parts.push(Part::When(at));
        self
    }

    /// Appends how far off a moment is: `in 24 s`, `14 min ago`.
    #[must_use]
    pub fn relative(mut self, at: SystemTime) -> Self {
        self.parts.push(Part::Relative(at));
        self
    }

    /// Appends another phrase.
    #[must_use]
    pub fn then(mut self, other: Phrase) -> Self {
        for part in other.parts {
            self = match part {
                Part::Text(text) => self.text(text),
                part => {
                    self.parts.push(part);
                    self
                }
            };
        }
        self
    }

    /// Whether it reads the same whenever it is read.
    pub fn is_fixed(&self) -> bool {
        self.parts.iter().all(|p| matches!(p, Part::Text(_)))
    }

    /// The text, when it reads the same whenever it is read; else the phrase itself.
    pub fn into_fixed(self) -> Result<String, Phrase> {
        if !self.is_fixed() {
            return Err(self);
        }
        Ok(self
            .parts
            .into_iter()
            .map(|part| match part {
                Part::Text(text) => text,
                Part::When(_) | Part::Relative(_) => String::new(),
            })
            .collect())
    }

    /// The text parts alone, moments left out: what the phrase says whenever it is read.
    pub fn plain(&self) -> String {
        self.parts
            .iter()
            .filter_map(|part| match part {
                Part::Text(text) => Some(text.as_str()),
                Part::When(_) | Part::Relative(_) => None,
            })
            .collect()
    }

    /// The text as read at `clock.now`.
    pub fn read_at(&self, clock: &Clock) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::When(at) => out.push_str(&clock.when(*at)),
                Part::Relative(at) => out.push_str(&clock.relative(*at)),
            }
        }
        out
    }
}

impl From<String> for Phrase {
    fn from(text: String) -> Self {
        Phrase::default().text(text)
    }
}

impl From<&str> for Phrase {
    fn from(text: &str) -> Self {
        Phrase::default().text(text)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_phrase_reads_its_moments_against_the_present() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_608_000);
        let phrase = Phrase::from("retry at ")
            .when(t0 + Duration::from_secs(30))
            .text("; sent ")
            .relative(t0 - Duration::from_secs(60));
        assert!(!phrase.is_fixed());
        assert_eq!(
            phrase.read_at(&Clock::utc(t0)),
            "retry at 12:00:30 (in 30 s); sent 1 min ago"
        );
        assert_eq!(
            phrase.read_at(&Clock::utc(t0 + Duration::from_secs(6))),
            "retry at 12:00:30 (in 24 s); sent 1 min 6 s ago"
        );
        assert!(Phrase::from("fixed").text(" text").is_fixed());
        assert_eq!(
            Phrase::from("fixed").text(" text").into_fixed(),
            Ok("fixed text".to_owned())
        );
        assert!(Phrase::from("in ").relative(t0).into_fixed().is_err());
        assert_eq!(
            Phrase::from("a ")
                .then(Phrase::from("b ").relative(t0))
                .read_at(&Clock::utc(t0)),
            "a b now"
        );
    }
}
