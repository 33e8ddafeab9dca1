//! Numbers for people: sizes and durations as they appear in output and evidence, and as a
//! collection file writes them (read and written here, so the two cannot drift apart).

use std::fmt;
use std::time::Duration;

/// `1 request`, `3 requests`, `1 match`, `2 matches`: a count with its noun agreeing.
pub fn count<N: fmt::Display + PartialEq + From<u8> + Copy>(n: N, singular: &str, plural: &str) -> String {
    let noun = if n == N::from(1) { singular } else { plural };
    format!("{n} {noun}")
}

/// `312 B`, `4.2 KiB`, `50.0 MiB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    #[expect(clippy::cast_precision_loss, reason = "one decimal is all we print")]
    let mut value = n as f64 / 1024.0;
    let mut unit = UNITS[0];
    for next in &UNITS[1..] {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = next;
    }
    format!("{value:.1} {unit}")
}

/// `850 ms`, `1.5 s`, `2 min 5 s`, `3 h 20 min`.
pub fn duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        return format!("{ms} ms");
    }
    let secs = d.as_secs();
    if secs < 60 {
        let tenths = (ms % 1000) / 100;
        return if tenths == 0 {
            format!("{secs} s")
        } else {
            format!("{secs}.{tenths} s")
        };
    }
    if secs < 3600 {
        let (m, s) = (secs / 60, secs % 60);
        return if s == 0 {
            format!("{m} min")
        } else {
            format!("{m} min {s} s")
        };
    }
    let (h, m) = (secs / 3600, (secs % 3600) / 60);
    if m == 0 {
        format!("{h} h")
    } else {
        format!("{h} h {m} min")
    }
}

/// Elapsed time with sub-millisecond precision for fast local exchanges: `3.2 ms`.
pub fn elapsed(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{:.1} ms", d.as_secs_f64() * 1000.0)
    } else {
        duration(d)
    }
}

/// A size as a collection file writes it, in the largest unit that divides it (`10MB`,
/// `128MiB`): what the loader reads back, and what a setting's error should quote.
pub fn size_setting(bytes: u64) -> String {
    const UNITS: [(&str, u64); 6] = [
        ("GiB", 1 << 30),
        ("MiB", 1 << 20),
        ("KiB", 1 << 10),
        ("GB", 1_000_000_000),
        ("MB", 1_000_000),
        ("KB", 1_000),
    ];
    UNITS
        .iter()
        .find(|(_, size)| bytes >= *size && bytes.is_multiple_of(*size))
        .map_or_else(
            || bytes.to_string(),
            |(unit, size)| format!("{}{unit}", bytes / size),
        )
}

/// A duration the way a person writes it in a collection file, in the largest whole unit,
/// or seconds with a fraction past a second: `30s`, `2m`, `1.5s`, `250ms` (what the loader
/// reads back).
pub fn duration_setting(d: Duration) -> String {
    let ms = d.as_millis();
    match ms {
        _ if ms.is_multiple_of(3_600_000) && ms > 0 => format!("{}h", ms / 3_600_000),
        _ if ms.is_multiple_of(60_000) && ms > 0 => format!("{}m", ms / 60_000),
        _ if ms.is_multiple_of(1000) => format!("{}s", ms / 1000),
        _ if ms > 1000 && d.subsec_nanos().is_multiple_of(1_000_000) => {
            let fraction = format!("{:03}", ms % 1000);
            format!("{}.{}s", ms / 1000, fraction.trim_end_matches('0'))
        }
        _ => format!("{ms}ms"),
    }
}

/// Why a size or duration setting could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingError {
    #[error("`{0}` is not a duration; expected something like 30s, 500ms or 1m 30s")]
    NotADuration(String),
    #[error("`{0}`: a duration cannot be negative")]
    NegativeDuration(String),
    #[error("`{0}` is not a size; expected something like 10MB or 512KiB")]
    NotASize(String),
    #[error("unknown size unit `{0}`; expected B, KB, KiB, MB, MiB, GB or GiB")]
    UnknownSizeUnit(String),
}

/// Parses a human duration with jiff's "friendly" format (`30s`, `1m 30s`, `500ms`).
pub fn parse_duration(text: &str) -> Result<Duration, SettingError> {
    let signed: jiff::SignedDuration = text
        .trim()
        .parse()
        .map_err(|_| SettingError::NotADuration(text.to_owned()))?;
    Duration::try_from(signed).map_err(|_| SettingError::NegativeDuration(text.to_owned()))
}

/// Parses `10MB`, `10 MiB`, `512k`, `1048576`. Decimal and binary units both mean what they say.
pub fn parse_size(text: &str) -> Result<u64, SettingError> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| SettingError::NotASize(text.to_owned()))?;
    let multiplier: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "kib" => 1024.0,
        "m" | "mb" => 1e6,
        "mib" => 1024.0 * 1024.0,
        "g" | "gb" => 1e9,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        other => return Err(SettingError::UnknownSizeUnit(other.to_owned())),
    };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "sizes are small positive numbers; fractions of a byte are dropped"
    )]
    Ok((number * multiplier) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(1_usize, "request", "requests"), "1 request");
        assert_eq!(count(0_usize, "request", "requests"), "0 requests");
        assert_eq!(count(2_u64, "match", "matches"), "2 matches");
    }

    #[test]
    fn sizes_are_written_as_the_loader_reads_them() {
        for (bytes, text) in [
            (10_000_000, "10MB"),
            (128 << 20, "128MiB"),
            (1500, "1500"),
            (0, "0"),
        ] {
            assert_eq!(size_setting(bytes), text);
            assert_eq!(parse_size(text), Ok(bytes), "{text}");
        }
    }

    #[test]
    fn durations_are_written_as_the_loader_reads_them() {
        for (d, text) in [
            (std::time::Duration::from_secs(30), "30s"),
            (std::time::Duration::from_secs(120), "2m"),
            (std::time::Duration::from_secs(7200), "2h"),
            (std::time::Duration::from_millis(1500), "1.5s"),
            (std::time::Duration::from_millis(2250), "2.25s"),
            (std::time::Duration::from_millis(250), "250ms"),
            (std::time::Duration::ZERO, "0s"),
        ] {
            assert_eq!(duration_setting(d), text);
            assert_eq!(parse_duration(text), Ok(d), "{text}");
        }
    }

    #[test]
    fn durations_in_friendly_units() {
        assert_eq!(parse_duration("30s").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("1m 30s").unwrap(), Duration::from_secs(90));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("-5s").is_err());
    }

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("1048576").unwrap(), 1_048_576);
        assert_eq!(parse_size("10MB").unwrap(), 10_000_000);
        assert_eq!(parse_size("2 MiB").unwrap(), 2 * 1024 * 1024);
        assert_eq!(parse_size("512k").unwrap(), 512_000);
        assert!(parse_size("10 parsecs").is_err());
        assert!(parse_size("MB").is_err());
    }

    #[test]
    fn sizes() {
        assert_eq!(bytes(312), "312 B");
        assert_eq!(bytes(4300), "4.2 KiB");
        assert_eq!(bytes(50 * 1024 * 1024), "50.0 MiB");
    }

    #[test]
    fn durations() {
        assert_eq!(duration(Duration::from_millis(850)), "850 ms");
        assert_eq!(duration(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(duration(Duration::from_secs(125)), "2 min 5 s");
        assert_eq!(duration(Duration::from_secs(3600 * 3 + 1200)), "3 h 20 min");
        assert_eq!(elapsed(Duration::from_micros(3200)), "3.2 ms");
    }
}
