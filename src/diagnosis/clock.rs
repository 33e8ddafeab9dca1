//! The time a diagnosis is made at, and how times read in evidence.
//!
//! Diagnosis never reads the system clock itself: a [`Clock`] comes in, so a checklist is
//! deterministic for a given moment, and reading it at a later moment (`Checklist::as_of`)
//! only needs the clock moved on.

use std::time::{Duration, SystemTime};

use jiff::tz::TimeZone;

/// "Now", and the time zone local times are shown in.
#[derive(Debug, Clone)]
pub struct Clock {
    pub now: SystemTime,
    pub tz: TimeZone,
}

impl Clock {
    /// The real clock in the system's time zone.
    pub fn system() -> Self {
        Self {
            now: SystemTime::now(),
            tz: TimeZone::system(),
        }
    }

    /// A fixed moment in UTC, for tests and reproducible output.
    pub fn utc(now: SystemTime) -> Self {
        Self {
            now,
            tz: TimeZone::UTC,
        }
    }

    /// The same clock at another moment.
    #[must_use]
    pub fn at(&self, now: SystemTime) -> Self {
        Self {
            now,
            tz: self.tz.clone(),
        }
    }

    /// `12:03:10` in the clock's time zone.
    pub fn local(&self, at: SystemTime) -> String {
        self.format(at, "%H:%M:%S")
    }

    /// `2026-11-25 12:03:10` in the clock's time zone, for times not today.
    pub fn local_date(&self, at: SystemTime) -> String {
        self.format(at, "%Y-%m-%d %H:%M:%S")
    }

    fn format(&self, at: SystemTime, pattern: &str) -> String {
        jiff::Timestamp::try_from(at).map_or_else(
            |_| "an unrepresentable time".to_owned(),
            |ts| ts.to_zoned(self.tz.clone()).strftime(pattern).to_string(),
        )
    }

    /// `in 24 s`, `14 min ago`, `now`.
    pub fn relative(&self, at: SystemTime) -> String {
        match at.duration_since(self.now) {
            Ok(ahead) if ahead >= Duration::from_secs(1) => format!("in {}", whole(ahead)),
            Err(e) if e.duration() >= Duration::from_secs(1) => format!("{} ago", whole(e.duration())),
            _ => "now".to_owned(),
        }
    }

    /// `12:03:10 (in 24 s)`.
    pub fn when(&self, at: SystemTime) -> String {
        let day = |t: SystemTime| {
            jiff::Timestamp::try_from(t)
                .map(|ts| ts.to_zoned(self.tz.clone()).date())
                .ok()
        };
        let local = if day(at) == day(self.now) {
            self.local(at)
        } else {
            self.local_date(at)
        };
        format!("{local} ({})", self.relative(at))
    }
}

/// Durations rounded to whole seconds, as people read a countdown.
fn whole(d: Duration) -> String {
    crate::format::duration(Duration::from_secs(d.as_secs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn times_read_as_wall_clock_and_relative() {
        // 2026-11-25 12:00:00 UTC
        let clock = Clock::utc(at(1_795_608_000));
        assert_eq!(clock.local(at(1_795_608_000 + 190)), "12:03:10");
        assert_eq!(clock.relative(at(1_795_608_000 + 24)), "in 24 s");
        assert_eq!(clock.relative(at(1_795_608_000 - 840)), "14 min ago");
        assert_eq!(clock.relative(at(1_795_608_000)), "now");
        assert_eq!(clock.when(at(1_795_608_000 + 190)), "12:03:10 (in 3 min 10 s)");
        assert_eq!(
            clock.when(at(1_795_608_000 + 86_400)),
            "2026-11-26 12:00:00 (in 24 h)"
        );
    }
}
