//! How close two field names are: the same name in another case, in another naming style
//! (`snake_case`, `camelCase`, `kebab-case`), or a small edit distance.
//!
//! Separate because it compares names only, and the reasons it gives are the public
//! `Presence::Missing` wording.

use super::presence::{
    CASE_DIFFERS, EDIT_DISTANCE_1, EDIT_DISTANCE_2, KEBAB_VS_CAMEL, SNAKE_VS_CAMEL, SNAKE_VS_KEBAB,
    STYLE_DIFFERS,
};
use crate::suggest::fold;

/// The best candidate for `wanted` and why it is close: same name in another case, same name
/// in another naming style, or a small edit distance (none for names of one or two letters,
/// where any change is a different name).
pub(super) fn closest<'c>(
    wanted: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<(usize, &'static str)> {
    let wanted_lower = wanted.to_lowercase();
    let wanted_folded = fold(wanted);
    let mut best: Option<(usize, usize, &'static str)> = None;
    for (index, candidate) in candidates.enumerate() {
        if candidate == wanted {
            continue;
        }
        let ranked = if candidate.to_lowercase() == wanted_lower {
            (0, CASE_DIFFERS)
        } else if fold(candidate) == wanted_folded {
            (1, style_difference(wanted, candidate))
        } else {
            let distance = strsim::damerau_levenshtein(wanted, candidate);
            if distance == 0 || distance > typo_limit(wanted, candidate) {
                continue;
            }
            (
                1 + distance,
                if distance == 1 {
                    EDIT_DISTANCE_1
                } else {
                    EDIT_DISTANCE_2
                },
            )
        };
        if best.is_none_or(|(rank, _, _)| ranked.0 < rank) {
            best = Some((ranked.0, index, ranked.1));
        }
    }
    best.map(|(_, index, why)| (index, why))
}

fn typo_limit(a: &str, b: &str) -> usize {
    match a.chars().count().max(b.chars().count()) {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Snake,
    Kebab,
    Camel,
    Flat,
}

fn style(name: &str) -> Style {
    if name.contains('_') {
        Style::Snake
    } else if name.contains('-') {
        Style::Kebab
    } else if name.chars().any(char::is_uppercase) {
        Style::Camel
    } else {
        Style::Flat
    }
}

/// Named without direction: the evidence line already says which name is whose.
fn style_difference(a: &str, b: &str) -> &'static str {
    match (style(a), style(b)) {
        (Style::Snake, Style::Camel) | (Style::Camel, Style::Snake) => SNAKE_VS_CAMEL,
        (Style::Kebab, Style::Camel) | (Style::Camel, Style::Kebab) => KEBAB_VS_CAMEL,
        (Style::Snake, Style::Kebab) | (Style::Kebab, Style::Snake) => SNAKE_VS_KEBAB,
        _ => STYLE_DIFFERS,
    }
}
