//! API versions in URL paths (`/v2/users`, `/api/V1.1/x`): found, and put in order as
//! numbers, so `v10` comes after `v9` and `v1.1` after `v1`.

use std::cmp::Ordering;

/// `/v2/users/42` → `v2`: the first path segment that looks like an API version, in lower
/// case.
pub fn in_path(path: &str) -> Option<String> {
    path.split('/').find_map(|seg| {
        numbers(seg)?;
        Some(seg.to_ascii_lowercase())
    })
}

/// Whether a path segment names an API version: `v2`, `v1.1`, a pre-release such as
/// `v1beta1` or `v2alpha`, or a dated version (`2024-10-01`).
pub fn is_version(segment: &str) -> bool {
    if numbers(segment).is_some() {
        return true;
    }
    let lower = segment.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix('v') {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let tail = &rest[digits..];
        return digits > 0
            && ["alpha", "beta", "rc"].iter().any(|stage| {
                tail.strip_prefix(stage)
                    .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
            });
    }
    let parts: Vec<&str> = lower.split('-').collect();
    matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())))
}

/// How two versions found by [`in_path`] compare (`v1` < `v1.1` < `v2` < `v10`); `None` when
/// either is not a version.
pub fn compare(a: &str, b: &str) -> Option<Ordering> {
    let (a, b) = (numbers(a)?, numbers(b)?);
    // `v1` and `v1.0` are the same version.
    let trimmed = |v: &[u64]| v.len() - v.iter().rev().take_while(|n| **n == 0).count();
    Some(a[..trimmed(&a)].cmp(&b[..trimmed(&b)]))
}

/// `v1.2` → `[1, 2]`.
fn numbers(segment: &str) -> Option<Vec<u64>> {
    let digits = segment.strip_prefix(['v', 'V'])?;
    digits.split('.').map(|n| n.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_of_every_common_form_are_versions() {
        for v in ["v1", "V2", "v1.1", "v1beta1", "v2alpha", "v3rc2", "2024-10-01"] {
            assert!(is_version(v), "{v}");
        }
        for v in ["users", "vip", "v", "42", "2024", "v1x", "beta1"] {
            assert!(!is_version(v), "{v}");
        }
    }

    #[test]
    fn the_first_version_segment_is_found() {
        assert_eq!(in_path("/v2/users/42"), Some("v2".into()));
        assert_eq!(in_path("/api/V1.1/x"), Some("v1.1".into()));
        assert_eq!(in_path("/users/vip"), None);
        assert_eq!(in_path("/v/x"), None);
        assert_eq!(in_path("/v1./x"), None);
    }

    #[test]
    fn versions_compare_as_numbers() {
        assert_eq!(compare("v9", "v10"), Some(Ordering::Less));
        assert_eq!(compare("v1.1", "v1"), Some(Ordering::Greater));
        assert_eq!(compare("v1", "v1.0"), Some(Ordering::Equal));
        assert_eq!(compare("v2", "beta"), None);
    }
}
