//! Unsaved edits are never just dropped. Quitting asks; when apibench is stopped without
//! being able to ask (a signal, a panic, the terminal gone) the edited texts are written
//! beside their files as `NAME.apibench-unsaved`, readable by their owner only (collections
//! hold tokens), and the next start says they are there. A copy is never overwritten: when
//! an earlier session's copy is still there, the next is `NAME.apibench-unsaved.2`, `.3`, ….

use std::path::{Path, PathBuf};

use crate::collection::store::dir_of;
use crate::tui::state::App;

const SUFFIX: &str = ".apibench-unsaved";

/// The unsaved texts as of the last edit, for the panic hook, which cannot reach the app.
static UNSAVED: std::sync::Mutex<Vec<(PathBuf, String)>> = std::sync::Mutex::new(Vec::new());

/// Keeps the app's unsaved texts where the panic hook can find them.
pub fn remember(app: &App) {
    if let Ok(mut unsaved) = UNSAVED.lock() {
        *unsaved = unsaved_texts(app);
    }
}

/// The unsaved texts last remembered; none when the lock is held (a panic while it was
/// held must not hang the way out).
pub fn remembered() -> Option<Vec<(PathBuf, String)>> {
    UNSAVED.try_lock().ok().map(|unsaved| unsaved.clone())
}

/// The texts with edits not on disk, by file.
pub fn unsaved_texts(app: &App) -> Vec<(PathBuf, String)> {
    app.editing
        .dirty_files()
        .into_iter()
        .filter_map(|path| {
            let text = app.editing.docs.get(&path)?.text.clone();
            Some((path, text))
        })
        .collect()
}

/// Where a file's unsaved edits go.
/// The copies earlier sessions left beside `path`, oldest first.
pub fn copies(path: &Path) -> Vec<PathBuf> {
    numbered_copies(path).into_iter().map(|(_, copy)| copy).collect()
}

/// The copies beside `path` with their numbers (the first, unnumbered, is 1); a gap left by
/// a copy already dealt with is not filled, so the order stays the order they were written.
fn numbered_copies(path: &Path) -> Vec<(u32, PathBuf)> {
    let (Some(first), Ok(entries)) = (copy_path(path), std::fs::read_dir(dir_of(path))) else {
        return Vec::new();
    };
    let first_name = first
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut found: Vec<(u32, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let number = match name.strip_prefix(&first_name)? {
                "" => 1,
                rest => rest.strip_prefix('.')?.parse().ok().filter(|n| *n > 1)?,
            };
            Some((number, path.with_file_name(name)))
        })
        .collect();
    found.sort();
    found
}

/// Where a file's unsaved edits go: copy number `n` (counting from 1) beside it.
fn nth_copy_path(path: &Path, n: u32) -> Option<PathBuf> {
    let mut name = path.file_name()?.to_os_string();
    name.push(SUFFIX);
    if n > 1 {
        name.push(format!(".{n}"));
    }
    Some(path.with_file_name(name))
}

/// Where the first copy of a file's unsaved edits goes.
pub fn copy_path(path: &Path) -> Option<PathBuf> {
    nth_copy_path(path, 1)
}

/// Writes each text beside its file, after any copies already there; returns where each
/// went, or why it could not.
pub fn write(unsaved: &[(PathBuf, String)]) -> Vec<(PathBuf, std::io::Result<PathBuf>)> {
    unsaved
        .iter()
        .map(|(path, text)| (path.clone(), write_copy(path, text)))
        .collect()
}

/// Writes `text` as the next copy of `path`'s edits, never over another (a session stopped
/// at the same moment may be writing one too).
fn write_copy(path: &Path, text: &str) -> std::io::Result<PathBuf> {
    let next = numbered_copies(path).last().map_or(1, |(n, _)| n + 1);
    for n in next..next.saturating_add(1000) {
        let copy = nth_copy_path(path, n)
            .ok_or_else(|| std::io::Error::other(format!("{} names no file", path.display())))?;
        match crate::collection::store::write_new_private(&copy, text.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            written => return written.map(|()| copy),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "a thousand copies are already there",
    ))
}

/// The first collection file an earlier session left unsaved edits beside, and the copy.
pub fn first_copy(app: &App) -> Option<(PathBuf, PathBuf)> {
    app.workspace.collections.iter().find_map(|c| {
        let copy = copies(&c.source).into_iter().next()?;
        Some((c.source.clone(), copy))
    })
}

/// A line for the status bar when an earlier session left unsaved edits beside a collection.
pub fn notice(app: &App) -> Option<String> {
    let found: Vec<String> = app
        .workspace
        .collections
        .iter()
        .flat_map(|c| copies(&c.source))
        .map(|copy| copy.display().to_string())
        .collect();
    (!found.is_empty()).then(|| {
        format!(
            "unsaved edits from an earlier session are in {} (compare, then delete {})",
            found.join(", "),
            if found.len() == 1 { "it" } else { "each" }
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_go_beside_their_files_which_stay_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.yaml");
        std::fs::write(&path, "old\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let written = write(&[(path.clone(), "mine\n".to_owned())]);
        let copy = written[0].1.as_ref().unwrap();
        assert_eq!(copy, &dir.path().join("c.yaml.apibench-unsaved"));
        assert_eq!(std::fs::read_to_string(copy).unwrap(), "mine\n");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "old\n",
            "the file itself is untouched"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(copy).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }

    #[test]
    fn a_second_interrupted_session_does_not_overwrite_the_first_recovery_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.yaml");
        std::fs::write(&path, "old\n").unwrap();
        let first = write(&[(path.clone(), "first session\n".to_owned())]);
        let second = write(&[(path.clone(), "second session\n".to_owned())]);
        let first = first[0].1.as_ref().unwrap();
        let second = second[0].1.as_ref().unwrap();
        assert_eq!(first, &dir.path().join("c.yaml.apibench-unsaved"));
        assert_eq!(second, &dir.path().join("c.yaml.apibench-unsaved.2"));
        assert_eq!(std::fs::read_to_string(first).unwrap(), "first session\n");
        assert_eq!(std::fs::read_to_string(second).unwrap(), "second session\n");
        assert_eq!(copies(&path), [first.clone(), second.clone()]);
    }

    #[cfg(unix)]
    #[test]
    fn a_recovery_file_is_readable_by_its_owner_only_whatever_the_file_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.yaml");
        std::fs::write(&path, "old\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let written = write(&[(path.clone(), "token: s3cret\n".to_owned())]);
        let copy = written[0].1.as_ref().unwrap();
        assert_eq!(
            std::fs::metadata(copy).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}
