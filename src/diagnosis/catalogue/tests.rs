//! The catalogue's promises: every id is unique and of the form `<scope>.<slug>`, every entry
//! says what it inspects, why a failure matters, how to fix it and what it rests on, its
//! constant is named after its slug, and some rule uses it.

use std::path::{Path, PathBuf};

use super::{SCOPES, all, find};

fn slug_is_well_formed(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[test]
fn every_id_is_unique_and_well_formed() {
    let mut broken = Vec::new();
    for scope in SCOPES {
        for spec in scope.checks {
            let Some((prefix, slug)) = spec.id.split_once('.') else {
                broken.push(format!("{} has no scope", spec.id));
                continue;
            };
            if prefix != scope.prefix {
                broken.push(format!("{} is listed under {}", spec.id, scope.prefix));
            }
            if !slug_is_well_formed(slug) {
                broken.push(format!(
                    "{} has a slug that is not lower-case-with-dashes",
                    spec.id
                ));
            }
            let constant = slug.to_ascii_uppercase().replace('-', "_");
            if !spec.constant.ends_with(&format!("::{constant}")) {
                broken.push(format!(
                    "{} is declared as {}, not …::{constant}",
                    spec.id, spec.constant
                ));
            }
        }
    }
    let ids: Vec<&str> = all().map(|spec| spec.id).collect();
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) {
            broken.push(format!("{id} is declared twice"));
        }
    }
    let prefixes: Vec<&str> = SCOPES.iter().map(|scope| scope.prefix).collect();
    for (i, prefix) in prefixes.iter().enumerate() {
        if prefixes[..i].contains(prefix) {
            broken.push(format!("scope {prefix} is listed twice"));
        }
    }
    assert!(broken.is_empty(), "\n{}", broken.join("\n"));
}

#[test]
fn every_entry_says_what_it_checks_and_what_it_rests_on() {
    let mut broken = Vec::new();
    for spec in all() {
        // A title is an assertion shown as a heading ("localhost reaches…" keeps its case).
        if spec.title.trim().is_empty() || spec.title.ends_with('.') {
            broken.push(format!(
                "{}: the title is not an assertion without a full stop",
                spec.id
            ));
        }
        if spec.inspects.len() < 40 || !spec.inspects.ends_with('.') {
            broken.push(format!("{}: `inspects` is not a sentence or two", spec.id));
        }
        if spec.standard.trim().is_empty() {
            broken.push(format!("{}: no standard", spec.id));
        }
        if spec.inspects.contains("  ") || spec.standard.contains("  ") {
            broken.push(format!("{}: a line continuation left a double space", spec.id));
        }
    }
    assert!(broken.is_empty(), "\n{}", broken.join("\n"));
}

/// `why` and `fix` are sentences written for their check: neither repeats the other or
/// `inspects`, and no other entry says the same.
#[test]
fn every_entry_says_why_it_matters_and_how_to_fix_it() {
    let mut broken = Vec::new();
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for spec in all() {
        for (field, text) in [("why", spec.why), ("fix", spec.fix)] {
            if text.trim().is_empty() || !text.ends_with('.') {
                broken.push(format!(
                    "{}: `{field}` is not a sentence ending with a full stop",
                    spec.id
                ));
            }
            if text.contains("  ") {
                broken.push(format!(
                    "{}: a line continuation left a double space in `{field}`",
                    spec.id
                ));
            }
            if text.trim().eq_ignore_ascii_case(spec.inspects.trim()) {
                broken.push(format!("{}: `{field}` repeats `inspects`", spec.id));
            }
            if let Some((_, id)) = seen
                .iter()
                .find(|(other, id)| *id != spec.id && other.eq_ignore_ascii_case(text))
            {
                broken.push(format!("{}: `{field}` says what {id} says", spec.id));
            }
            seen.push((text, spec.id));
        }
        if spec.why.trim().eq_ignore_ascii_case(spec.fix.trim()) {
            broken.push(format!("{}: `why` and `fix` say the same", spec.id));
        }
    }
    assert!(broken.is_empty(), "\n{}", broken.join("\n"));
}

/// Every `.rs` file below `dir`.
pub(super) fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the source tree is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Rules name checks module-qualified (`unauthorized::CREDS_SENT`), so the text of the rules
/// says which entries are used.
#[test]
fn every_entry_is_used_by_some_rule() {
    let mut rules = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/diagnosis/rules"),
        &mut rules,
    );
    let text: String = rules
        .iter()
        .map(|file| std::fs::read_to_string(file).expect("a rule file is readable"))
        .collect();
    let unused: Vec<&str> = all()
        .filter(|spec| !text.contains(spec.constant))
        .map(|spec| spec.constant)
        .collect();
    assert!(unused.is_empty(), "no rule uses {}", unused.join(", "));
}

#[test]
fn checks_are_found_by_id() {
    let spec = find("401.creds-sent").expect("401.creds-sent is in the catalogue");
    assert_eq!(spec.title, "Credentials were sent");
    assert_eq!(spec.constant, "unauthorized::CREDS_SENT");
    assert!(find("401.creds-snet").is_none());
    assert_eq!(all().count(), 206);
}
