//! What apibench remembers: every exchange it finishes, in the serialized form scripts read
//! ([`record`]), kept in an embedded SQLite database ([`store`]) in the data directory.

pub mod diff;
pub mod keeper;
pub mod past;
pub mod record;
pub mod sealed;
pub mod store;

use std::path::PathBuf;

pub use record::{Attempt, ResultView};
pub use store::{Filter, HistoryError, KeptResponse, NewExchange, Origin, Prune, Store, Summary};

/// Where the history lives: `$APIBENCH_DATA_DIR`, else the platform's data directory
/// (`~/.local/share/apibench` on Linux, following XDG).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("APIBENCH_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "apibench").map(|d| d.data_dir().to_path_buf())
}

/// The one name of a collection file in the history and the UI's memory: canonical (links
/// and `..` resolved), so the same file opened two ways is one file; absolute when it cannot
/// be resolved.
pub fn file_key(path: &std::path::Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The history database's file.
pub fn default_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join("history.sqlite3"))
}
