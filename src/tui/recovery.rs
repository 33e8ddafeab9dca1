//! Unsaved edits are never just dropped. Quitting asks; when apibench is stopped without
//! being able to ask (SIGTERM, SIGHUP, a panic, the terminal gone) the edited texts are
//! written beside their files as `NAME.apibench-unsaved`, with the file's permissions, and
//! the next start says they are there.

use std::path::{Path, PathBuf};

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
pub fn copy_path(path: &Path) -> Option<PathBuf> {
    let mut name = path.file_name()?.to_os_string();
    name.push(SUFFIX);
    Some(path.with_file_name(name))
}

/// Writes each text beside its file; returns where each went, or why it could not.
pub fn write(unsaved: &[(PathBuf, String)]) -> Vec<(PathBuf, std::io::Result<PathBuf>)> {
    unsaved
        .iter()
        .filter_map(|(path, text)| {
            let target = copy_path(path)?;
            let written =
                crate::collection::store::write_atomically_like(&target, path, text.as_bytes(), |_| Ok(()))
                    .map(|()| target);
            Some((path.clone(), written))
        })
        .collect()
}

/// The first collection file an earlier session left unsaved edits beside, and the copy.
pub fn first_copy(app: &App) -> Option<(PathBuf, PathBuf)> {
    app.workspace.collections.iter().find_map(|c| {
        let copy = copy_path(&c.source).filter(|copy| copy.is_file())?;
        Some((c.source.clone(), copy))
    })
}

/// A line for the status bar when an earlier session left unsaved edits beside a collection.
pub fn notice(app: &App) -> Option<String> {
    let found: Vec<String> = app
        .workspace
        .collections
        .iter()
        .filter_map(|c| copy_path(&c.source))
        .filter(|copy| copy.is_file())
        .map(|copy| copy.display().to_string())
        .collect();
    (!found.is_empty()).then(|| {
        format!(
            "unsaved edits from an earlier session are in {} (compare, then delete it)",
            found.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_go_beside_their_files_with_their_permissions() {
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
}
