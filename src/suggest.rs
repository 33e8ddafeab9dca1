//! "Did you mean …?": the close names offered for a misspelt variable, field or request.

/// Candidates close to `wanted`, best first (at most three). Close means a small edit distance
/// relative to the length, or the same name in another case or separator style.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let folded = fold(wanted);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter(|c| *c != wanted)
        .filter_map(|candidate| {
            if fold(candidate) == folded {
                return Some((0, candidate));
            }
            let distance = strsim::damerau_levenshtein(wanted, candidate);
            let limit = (wanted.chars().count().max(candidate.chars().count()) / 4).max(1);
            (distance <= limit).then_some((distance, candidate))
        })
        .collect();
    scored.sort_by_key(|(distance, candidate)| (*distance, *candidate));
    scored.dedup_by_key(|(_, c)| *c);
    scored.into_iter().take(3).map(|(_, c)| c.to_owned()).collect()
}

/// Lower case without `_`, `-` or spaces: `userId`, `user_id` and `User-ID` fold alike.
pub fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_styles_are_close() {
        assert_eq!(closest("naem", ["name", "method", "url"]), vec!["name"]);
        assert_eq!(closest("userId", ["user_id", "users"]), vec!["user_id"]);
        assert_eq!(closest("amout", ["amount", "currency"]), vec!["amount"]);
    }

    #[test]
    fn unrelated_names_are_not_offered() {
        assert!(closest("token", ["base_url", "user_id"]).is_empty());
        assert!(closest("x", ["name"]).is_empty());
    }

    #[test]
    fn the_name_itself_is_not_a_suggestion() {
        assert!(closest("name", ["name"]).is_empty());
    }
}
