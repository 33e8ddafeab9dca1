//! Malformed and pseudo-random values: ignored and recorded, never a panic.

use super::*;

#[test]
fn malformed_counts_are_recorded_and_ignored() {
    let parsed = parse(&[
        ("X-RateLimit-Limit", "lots"),
        ("X-RateLimit-Remaining", "-1"),
        ("X-RateLimit-Remaining", "7"),
        ("X-RateLimit-Reset", "tomorrow"),
    ]);
    assert_eq!(parsed.limits.len(), 1);
    assert_eq!(
        (parsed.limits[0].quota, parsed.limits[0].remaining),
        (None, Some(7))
    );
    assert_eq!(parsed.limits[0].reset_at, None);
    assert_eq!(
        parsed.malformed,
        vec![
            ("X-RateLimit-Limit".to_owned(), "lots".to_owned()),
            ("X-RateLimit-Remaining".to_owned(), "-1".to_owned()),
            ("X-RateLimit-Reset".to_owned(), "tomorrow".to_owned()),
        ]
    );
}

/// A tiny deterministic generator (xorshift64) so the garbage is the same on every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n).unwrap_or(1)).unwrap_or(0)
    }

    fn string(&mut self) -> String {
        const ALPHABET: &[char] = &[
            '"', ';', '=', ',', ' ', ':', '(', ')', '?', '*', '@', '%', '.', '-', 'q', 'r', 't', 'w', 'm',
            's', 'h', '0', '1', '9', 'é', '\u{7f}', '\\',
        ];
        let len = self.below(24);
        (0..len).map(|_| ALPHABET[self.below(ALPHABET.len())]).collect()
    }
}

const FUZZED_HEADERS: &[&str] = &[
    "RateLimit",
    "RateLimit-Policy",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "RateLimit-ResetTime",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "X-RateLimit-Reset-After",
    "X-RateLimit-Used",
    "X-Rate-Limit-Reset",
    "X-RateLimit-Limit-Minute",
    "x-ratelimit-reset-tokens",
    "anthropic-ratelimit-tokens-reset",
];

#[test]
fn pseudo_random_values_never_panic_and_limits_stay_consistent() {
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    for _ in 0..300 {
        let pairs: Vec<(String, String)> = (0..4)
            .map(|_| {
                (
                    FUZZED_HEADERS[rng.below(FUZZED_HEADERS.len())].to_owned(),
                    rng.string(),
                )
            })
            .collect();
        let parsed = parse_rate_limits(&pairs, at(NOW), Some(at(NOW + 3)));
        for limit in &parsed.limits {
            assert_eq!(limit.reset_at.is_some(), limit.reset_kind.is_some(), "{pairs:?}");
            assert_eq!(limit.reset_at.is_some(), limit.reset_raw.is_some(), "{pairs:?}");
        }
        for (header, _) in &parsed.malformed {
            assert!(
                pairs.iter().any(|(name, _)| name == header),
                "{header} not in {pairs:?}"
            );
        }
        let _ = parsed.exhausted(at(NOW));
        let _ = classify_reset(&rng.string(), at(NOW), None, Some(secs(1)));
    }
}

#[test]
fn pseudo_random_values_behind_an_invalid_first_character_are_all_malformed() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..100 {
        let pairs: Vec<(String, String)> = FUZZED_HEADERS
            .iter()
            .map(|name| ((*name).to_owned(), format!("~{}", rng.string())))
            .collect();
        let parsed = parse_rate_limits(&pairs, at(NOW), None);
        assert!(
            parsed.policies.is_empty() && parsed.limits.is_empty(),
            "{pairs:?}"
        );
        // Every line is recorded exactly once (in parsing order, hence the sort).
        let mut malformed = parsed.malformed.clone();
        malformed.sort();
        let mut expected = pairs.clone();
        expected.sort();
        assert_eq!(malformed, expected, "{pairs:?}");
    }
}
