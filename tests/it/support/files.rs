//! Where test inputs come from: the fixtures under `tests/fixtures`, the shipped collections,
//! and scratch directories that tests write collections (and the files they name) into.

use std::path::{Path, PathBuf};

/// The path of a file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The path of a shipped collection (`""` for the folder of them all).
pub fn shipped(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("collections")
        .join(name)
}

/// A temporary directory, removed when dropped, with helpers to fill it.
#[derive(Debug)]
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `contents` to `name` in the directory and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        path
    }

    /// Copies the fixture `fixture_name` in as `name` and returns its path.
    pub fn copy_fixture(&self, fixture_name: &str, name: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::copy(fixture(fixture_name), &path).unwrap_or_else(|e| panic!("copy {fixture_name}: {e}"));
        path
    }
}

/// A copy of the hand-written fixture as `shop.yaml` in a fresh directory: the directory, the
/// copy's path and its text.
pub fn handwritten_copy() -> (Scratch, PathBuf, String) {
    let scratch = Scratch::new();
    let path = scratch.copy_fixture("handwritten.yaml", "shop.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    (scratch, path, text)
}
