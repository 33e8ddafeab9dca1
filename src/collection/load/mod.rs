//! Loading collection files: YAML → [`Collection`], every problem located at path:line:column.
//!
//! Loading runs in two passes. serde reads the file into the raw shape (syntax errors, wrong
//! types and unknown fields come back with serde's own position). Then the raw shape is
//! checked and converted (duplicate names, template syntax, a request that is neither a
//! request nor a folder); those problems carry a YAML path that the source map turns into a
//! position. The second pass reports every problem it finds, not just the first.
//!
//! A long file whose requests are one top-level list is read and converted in pieces on
//! every core (`pieces`), giving exactly what reading it whole gives; anything unusual, and
//! any problem, reads the file whole, so problems always come from the passes above.
//!
//! Here: finding the files and running both passes; `serde_message` words the first pass's
//! errors, `convert` is the second pass.

mod convert;
#[cfg(test)]
mod doc_examples;
mod error;
mod expect;
mod nesting;
mod pieces;
mod read;
mod serde_message;

use std::path::{Path, PathBuf};

use self::convert::Converter;
pub use self::error::{LoadError, LoadProblem};
pub use self::nesting::{MAX_NESTING, too_deep, too_deep_within};
pub(crate) use self::pieces::top_level_item_lines;
use self::read::read_raw;
use self::serde_message::serde_error;
use super::model::Collection;
use super::source_map::SourceMap;

/// What loading a file or folder produced: every collection that loaded, and every problem.
#[derive(Debug, Default)]
pub struct Loaded {
    pub collections: Vec<Collection>,
    pub errors: Vec<LoadError>,
}

/// Loads a collection file, or every `*.yaml` / `*.yml` file in a folder (sorted by name).
/// One broken file does not stop the others.
pub fn load_path(path: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    let files = match collection_files(path) {
        Ok(files) => files,
        Err(problem) => {
            loaded.errors.push(LoadError::whole_file(path, problem));
            return loaded;
        }
    };
    for file in files {
        match load_file(&file) {
            Ok(collection) => loaded.collections.push(collection),
            Err(errors) => loaded.errors.extend(errors),
        }
    }
    loaded
}

/// The collection files `path` names: itself, or the YAML files directly inside it.
pub fn collection_files(path: &Path) -> Result<Vec<PathBuf>, LoadProblem> {
    let meta = std::fs::metadata(path).map_err(|e| LoadProblem::CannotOpen(e.to_string()))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| LoadProblem::CannotList(e.to_string()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e == "yaml" || e == "yml")
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(LoadProblem::NoCollectionFiles);
    }
    Ok(files)
}

/// Loads one collection file.
pub fn load_file(path: &Path) -> Result<Collection, Vec<LoadError>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![LoadError::whole_file(
            path,
            LoadProblem::CannotRead(e.to_string()),
        )]
    })?;
    parse_collection(&text, path)
}

/// Whether the text uses a YAML merge key (`<<:`) anywhere a key can be.
fn has_merge_keys(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"<<").is_some()
        && text.lines().any(|line| {
            let key = line.trim_start().trim_start_matches("- ").trim_start();
            key.starts_with("<<:")
                || key.starts_with("\"<<\":")
                || key.contains("{<<:")
                || key.contains("{ <<:")
                || key.contains(",<<:")
                || key.contains(", <<:")
        })
}

/// Parses collection text; `source` names the file in errors and anchors relative paths.
pub fn parse_collection(text: &str, source: &Path) -> Result<Collection, Vec<LoadError>> {
    // A UTF-8 byte order mark (editors on Windows write one) is not YAML content: the
    // parser would read it as text before a second document. Positions count from after it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![LoadError::whole_file(source, LoadProblem::Empty)]);
    }
    // Tried first: reading in pieces checks nesting itself (each piece, for the parser, and
    // the whole file's scan beside them, which decides).
    let merge_keys = has_merge_keys(text);
    if !merge_keys
        && let Some(collection) =
            pieces::load_in_pieces(text, source, pieces::PIECE_BYTES, pieces::FEWEST_BYTES)
    {
        return Ok(collection);
    }
    if let Some((line, column)) = too_deep(text) {
        return Err(vec![LoadError {
            path: source.to_path_buf(),
            line: Some(line),
            column: Some(column),
            problem: LoadProblem::TooDeep,
        }]);
    }
    parse_whole(text, source, merge_keys)
}

/// Reads and converts `text` as one document: every problem, in order, at its place.
fn parse_whole(text: &str, source: &Path, merge_keys: bool) -> Result<Collection, Vec<LoadError>> {
    let read = if merge_keys {
        // YAML merge keys (`<<: *common`) are applied first, as YAML 1.1 defines them; the
        // rest reads as usual.
        // The merged document is written out and read as text again, so scalars reach the
        // model the way they do without merge keys (numbers and booleans as their text;
        // only a number's spelling, `1.10`, is normalised by the round trip).
        let mut value: serde_yaml::Value =
            serde_yaml::from_str(text).map_err(|e| vec![serde_error(source, &e)])?;
        value.apply_merge().map_err(|e| vec![serde_error(source, &e)])?;
        let merged = serde_yaml::to_string(&value).map_err(|e| vec![serde_error(source, &e)])?;
        read_raw(&merged)
    } else {
        read_raw(text)
    };
    let (raw, ignored) = read.map_err(|e| vec![serde_error(source, &e)])?;
    let mut converter = Converter::default();
    converter.unknown_keys(&ignored);
    let collection = converter.collection(raw, source);
    if converter.problems.is_empty() {
        return Ok(collection);
    }
    let map = SourceMap::new(text);
    Err(converter
        .problems
        .into_iter()
        .map(|p| {
            let at = map.locate(&p.path, p.target, p.inner.as_deref(), p.offset);
            LoadError {
                path: source.to_path_buf(),
                line: at.map(|a| a.line),
                column: at.map(|a| a.column),
                problem: LoadProblem::Invalid(p.message),
            }
        })
        .collect())
}

/// The lines a lone `expect:` block is wrapped in to be read as a collection would read it.
const EXPECT_HOST: &str = "requests:\n  - name: x\n    url: x\n    expect:\n";
const EXPECT_INDENT: usize = 6;

/// Reads an `expect:` block on its own, as the TUI's editor holds it (its keys at the start
/// of the line): `None` for an empty text. It is checked exactly as in a file — a
/// `body_schema` is read beside `source` — and errors are located in this text.
pub fn parse_expect(text: &str, source: &Path) -> Result<Option<crate::collection::Expect>, Vec<LoadError>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let indent = " ".repeat(EXPECT_INDENT);
    let mut hosted = EXPECT_HOST.to_owned();
    for line in text.lines() {
        hosted.push_str(&indent);
        hosted.push_str(line);
        hosted.push('\n');
    }
    let host_lines = EXPECT_HOST.lines().count();
    match parse_collection(&hosted, source) {
        Ok(collection) => Ok(collection.requests().first().and_then(|(_, r)| r.expect.clone())),
        Err(errors) => Err(errors
            .into_iter()
            .map(|e| LoadError {
                line: e.line.map(|l| l.saturating_sub(host_lines).max(1)),
                column: e.column.map(|c| c.saturating_sub(EXPECT_INDENT).max(1)),
                problem: LoadProblem::Invalid(
                    e.problem
                        .to_string()
                        .replace("requests[0].expect.", "")
                        .replace("requests[0].expect", "expect"),
                ),
                path: e.path,
            })
            .collect()),
    }
}
