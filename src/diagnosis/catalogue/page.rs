//! The catalogue as a page: `docs/checks.md` is a hand-written preamble followed by a part
//! generated from the catalogue, so the document people read cannot drift from the checks
//! the code declares. The page is written by its test, which fails when the file is stale
//! and says how to regenerate it; nothing else needs it, so it is compiled for tests only.

use std::fmt::Write as _;

use super::{CheckSpec, SCOPES};

/// Where the generated part of `docs/checks.md` starts; everything above it is hand-written.
pub const GENERATED_FROM_HERE: &str = "<!-- Generated from src/diagnosis/catalogue: edit the catalogue, then run \
`APIBENCH_BLESS=1 cargo test --lib checks_doc`. Everything below this line is replaced. -->";

/// The generated part of `docs/checks.md`, from the marker line to the end.
pub fn generated_part() -> String {
    let mut out = String::new();
    out.push_str(GENERATED_FROM_HERE);
    out.push_str("\n\n## Contents\n\n");
    for scope in SCOPES {
        let _ = writeln!(
            out,
            "- [{}](#{}) — `{}.*`, {} check{}",
            scope.heading,
            anchor(&scope_heading(scope.heading, scope.prefix)),
            scope.prefix,
            scope.checks.len(),
            if scope.checks.len() == 1 { "" } else { "s" }
        );
    }
    for scope in SCOPES {
        let _ = write!(out, "\n## {}\n", scope_heading(scope.heading, scope.prefix));
        for spec in scope.checks {
            out.push('\n');
            out.push_str(&entry(spec));
        }
    }
    out
}

/// One check's entry: its id and title, its tier, what it inspects, why a failure matters, how
/// to fix it, the standard it rests on.
fn entry(spec: &CheckSpec) -> String {
    format!(
        "### `{}` — {}\n\n*Ranks with:* {}\n\n{}\n\n*Why it matters:* {}\n\n*How to fix:* {}\n\n\
         *Standard:* {}\n",
        spec.id,
        spec.title,
        spec.tier.as_str(),
        spec.inspects,
        spec.why,
        spec.fix,
        spec.standard
    )
}

fn scope_heading(heading: &str, prefix: &str) -> String {
    format!("{heading} (`{prefix}.*`)")
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::super::tests::rust_files;
    use super::super::{SCOPES, find};
    use super::{GENERATED_FROM_HERE, anchor, generated_part};

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn checks_doc() -> PathBuf {
        root().join("docs/checks.md")
    }

    /// `docs/checks.md` is its preamble plus what the catalogue generates;
    /// `APIBENCH_BLESS=1 cargo test --lib checks_doc` rewrites the generated part.
    #[test]
    fn checks_doc_matches_the_catalogue() {
        let path = checks_doc();
        let text = std::fs::read_to_string(&path).expect("docs/checks.md exists");
        let generated = generated_part();
        let blessing = std::env::var_os("APIBENCH_BLESS").is_some();
        // A file without the line yet is all preamble; blessing appends the generated part.
        let (preamble, written) = match text.split_once(GENERATED_FROM_HERE) {
            Some((preamble, written)) => (preamble, Some(written)),
            None => (text.as_str(), None),
        };
        if blessing {
            std::fs::write(&path, format!("{preamble}{generated}")).expect("docs/checks.md is writable");
            return;
        }
        assert!(
            written.is_some_and(|written| format!("{GENERATED_FROM_HERE}{written}") == generated),
            "docs/checks.md is stale: the check catalogue changed. Regenerate it with\n\n    \
             APIBENCH_BLESS=1 cargo test --lib checks_doc\n"
        );
    }

    #[test]
    fn anchors_are_the_ones_github_makes() {
        assert_eq!(anchor("401 Unauthorized (`401.*`)"), "401-unauthorized-401");
        assert_eq!(
            anchor("Every error response (4xx and 5xx) (`C.*`)"),
            "every-error-response-4xx-and-5xx-c"
        );
    }

    /// The text after `at`, comment markers of continuation lines folded into spaces.
    fn following(text: &str, at: usize) -> String {
        let mut out = String::new();
        for (i, line) in text[at..].lines().take(3).enumerate() {
            let line = if i == 0 {
                line
            } else {
                line.trim_start().trim_start_matches(['/', '!']).trim_start()
            };
            out.push_str(line);
            out.push(' ');
        }
        out
    }

    /// Every reference in code comments and the README points at a document in the repository:
    /// "docs/diagnosis.md §Heading" at one of its headings, "docs/checks.md, `id`" at a check,
    /// and nothing at the design notes the checks were first drafted from.
    #[test]
    fn doc_references_point_at_documents_in_the_repository() {
        let diagnosis =
            std::fs::read_to_string(root().join("docs/diagnosis.md")).expect("docs/diagnosis.md exists");
        let headings: Vec<&str> = diagnosis.lines().filter_map(|l| l.strip_prefix("## ")).collect();
        let mut files = vec![root().join("README.md")];
        rust_files(&root().join("src"), &mut files);
        let mut broken = Vec::new();
        for file in files {
            if file.ends_with("page.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&file).expect("a source file is readable");
            let name = file.strip_prefix(root()).unwrap_or(&file).display().to_string();
            for stale in ["catalogue §", "Catalogue §", "troubleshooting.md", "design/"] {
                if text.contains(stale) {
                    broken.push(format!("{name}: cites the design notes (\"{stale}\")"));
                }
            }
            for (at, _) in text.match_indices("docs/") {
                // A path of this repository, not the end of a URL (`example.com/docs/…`).
                if text[..at].ends_with(|c: char| c == '/' || c.is_ascii_alphanumeric()) {
                    continue;
                }
                let doc: String = text[at..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'))
                    .collect();
                let doc = doc.trim_end_matches('.');
                if !root().join(doc).exists() {
                    broken.push(format!("{name}: {doc} does not exist"));
                }
                let after = following(&text, at + doc.len());
                if doc == "docs/diagnosis.md"
                    && let Some(section) = after.trim_start().strip_prefix('§')
                    && !headings.iter().any(|h| section.starts_with(h))
                {
                    broken.push(format!(
                        "{name}: docs/diagnosis.md has no section \"§{}\"",
                        section.trim()
                    ));
                }
                if doc == "docs/checks.md"
                    && let Some(quoted) = after.strip_prefix(", `")
                {
                    let id = quoted.split('`').next().unwrap_or_default();
                    let known = find(id).is_some()
                        || id
                            .strip_suffix(".*")
                            .is_some_and(|prefix| SCOPES.iter().any(|s| s.prefix == prefix));
                    if !known {
                        broken.push(format!("{name}: docs/checks.md has no check `{id}`"));
                    }
                }
            }
        }
        assert!(broken.is_empty(), "\n{}", broken.join("\n"));
    }
}
