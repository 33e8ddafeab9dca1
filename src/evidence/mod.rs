//! Evidence parsers: what response headers and error bodies say, read once and typed —
//! authentication challenges, Retry-After and the server clock, every generation of rate-limit
//! headers, negotiation headers, JWT claims, error-body dialects, intermediary fingerprints,
//! and the cross-reference of the fields a server names with what was sent.
//!
//! A library of its own: it knows nothing of checklists, verdicts or the request model, so
//! it imports only the small leaves `media_type` and `suggest`. Each parser is tolerant of
//! malformed input (never a panic) and tested on the examples of the formats it reads
//! (docs/diagnosis.md describes them).

pub mod api_version;
pub mod challenge;
pub mod crossref;
mod entities;
pub mod error_body;
pub mod field_path;
pub mod intermediary;
pub mod jwt;
pub mod negotiation;
pub mod ratelimit;
pub mod retry_after;
pub mod text;

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The leaves this module may build on; anything else would tie the parsers to checklists
    /// or to the request model.
    const ALLOWED: [&str; 3] = ["crate::evidence", "crate::media_type", "crate::suggest"];

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/evidence is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn the_parsers_import_only_their_leaves() {
        let mut files = Vec::new();
        rust_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/evidence"),
            &mut files,
        );
        let mut wrong = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a source file is readable");
            for (at, _) in text.match_indices("crate::") {
                let path: String = text[at..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let module = path.splitn(3, "::").take(2).collect::<Vec<_>>().join("::");
                // `crate::` on its own is this test's own text, not a path.
                if module != "crate::" && !ALLOWED.contains(&module.as_str()) {
                    wrong.push(format!("{}: {path}", file.display()));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "evidence imports outside its leaves:\n{}",
            wrong.join("\n")
        );
    }
}
