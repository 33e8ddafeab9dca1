//! Writing a collection file back to disk, safely.
//!
//! A save never leaves a half-written file: the new text goes to a temporary file in the same
//! directory (so the rename cannot cross filesystems), is flushed to the disk, takes the old
//! file's permissions, and only then replaces the file with one atomic rename. A save also
//! never overwrites changes made by someone else: if the file on disk is no longer the text
//! the edits started from, the save stops with [`SaveError::Conflict`] and nothing is written.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::edit::Document;

/// Why a save did not happen. In every case the file on disk is as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{} changed on disk since it was loaded; reload it or overwrite it", .path.display())]
    Conflict { path: PathBuf, on_disk: String },
    #[error("{} is read-only; make it writable or save elsewhere", .path.display())]
    ReadOnly { path: PathBuf },
    #[error("cannot save {}: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// What to do when the file changed on disk since it was loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnConflict {
    Stop,
    /// The user has seen the conflict and chose their version.
    Overwrite,
}

/// Writes the document's text to its file and marks it saved.
pub fn save(doc: &mut Document, on_conflict: OnConflict) -> Result<(), SaveError> {
    save_text(&doc.path, &doc.saved, &doc.text, on_conflict)?;
    doc.mark_saved();
    Ok(())
}

/// Writes `text` to `path`, which must still hold `expected` (the text the edits started
/// from) unless `on_conflict` says to overwrite. This is the part that can run off the UI
/// thread; the caller marks its document saved when it returns `Ok`.
pub fn save_text(path: &Path, expected: &str, text: &str, on_conflict: OnConflict) -> Result<(), SaveError> {
    save_text_racing(path, expected, text, on_conflict, || {})
}

/// [`save_text`], with `racer` run just before the last look at the disk: tests use it to be
/// the other writer in the window between our fsync and our rename.
fn save_text_racing(
    path: &Path,
    expected: &str,
    text: &str,
    on_conflict: OnConflict,
    racer: impl FnOnce(),
) -> Result<(), SaveError> {
    let target = resolve_link(path);
    let conflict = |on_disk: &[u8]| SaveError::Conflict {
        path: path.to_path_buf(),
        on_disk: String::from_utf8_lossy(on_disk).into_owned(),
    };
    // Someone else's text on disk: neither what the edits started from nor what we write.
    let theirs = |bytes: &[u8]| {
        on_conflict == OnConflict::Stop && bytes != expected.as_bytes() && bytes != text.as_bytes()
    };
    match fs::read(&target) {
        Ok(bytes) if theirs(&bytes) => return Err(conflict(&bytes)),
        // A file deleted on disk while being edited: writing it again is what the user wants.
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error(path, e)),
    }
    // A rename would replace a file the user may not write (by mode, owner or ACL), so ask
    // the file itself. Opening for writing without truncating changes nothing.
    let read_only = fs::metadata(&target).is_ok_and(|m| m.permissions().readonly())
        || OpenOptions::new()
            .write(true)
            .open(&target)
            .is_err_and(|e| e.kind() == io::ErrorKind::PermissionDenied);
    if read_only {
        return Err(SaveError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    // Look again just before the rename: fsync can take a while, and a write by someone else
    // in that window must not be replaced.
    let mut found = None;
    let written = write_atomically(&target, text.as_bytes(), |_| {
        racer();
        match fs::read(&target) {
            Ok(bytes) if theirs(&bytes) => {
                found = Some(bytes);
                Err(io::Error::other("changed on disk during the save"))
            }
            _ => Ok(()),
        }
    });
    if let Some(bytes) = found {
        return Err(conflict(&bytes));
    }
    written.map_err(|e| {
        if e.kind() == io::ErrorKind::PermissionDenied {
            SaveError::ReadOnly {
                path: path.to_path_buf(),
            }
        } else {
            io_error(path, e)
        }
    })
}

fn io_error(path: &Path, source: io::Error) -> SaveError {
    SaveError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A symlinked collection is saved through the link: the link stays, its target changes.
fn resolve_link(path: &Path) -> PathBuf {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    } else {
        path.to_path_buf()
    }
}

/// Replaces `path` with `bytes` atomically. `before_rename` runs with the temporary file's
/// path once it is complete on disk; an error from it (tests use it to stand in for a crash
/// or a full disk) aborts the save like any other.
pub(crate) fn write_atomically(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    write_atomically_like(path, path, bytes, before_rename)
}

/// [`write_atomically`], with the permissions of `like` (a copy of a collection gets the
/// collection's: if it holds tokens, so does the copy).
pub(crate) fn write_atomically_like(
    path: &Path,
    like: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    let dir = dir_of(path);
    let name = path
        .file_name()
        .map_or_else(|| "collection".into(), |n| n.to_string_lossy());
    let (temp_path, mut temp) = create_temp(dir, &name)?;
    let result = (|| {
        // The temp file is private until it holds the original's permissions: collections
        // can hold tokens, and a world-readable copy must not exist even for a moment.
        match fs::metadata(like) {
            Ok(meta) => temp.set_permissions(meta.permissions())?,
            Err(_) => set_new_file_mode(&temp)?,
        }
        temp.write_all(bytes)?;
        temp.sync_all()?;
        drop(temp);
        before_rename(&temp_path)?;
        fs::rename(&temp_path, path)?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        // Best effort: the original is intact either way, and a stray temp file is only litter.
        let _ = fs::remove_file(&temp_path);
    }
    result
}

/// The directory a file is in; `.` for a bare file name.
pub(super) fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// A new file `.NAME.apibench-PID-N.tmp` beside the target, readable by its owner only;
/// never one that exists.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for attempt in 0..100 {
        let candidate = dir.join(format!(".{name}.apibench-{pid}-{attempt}.tmp"));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&candidate) {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary file name",
    ))
}

/// A file that did not exist gets the usual mode for a text file.
fn set_new_file_mode(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

/// Makes the rename itself durable. Not every platform can open a directory; then the
/// rename is still atomic, just not yet flushed.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_in(dir: &Path, text: &str) -> Document {
        let path = dir.join("c.yaml");
        fs::write(&path, text).unwrap();
        Document::load(&path).unwrap()
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_save_writes_the_text_and_marks_it_saved() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path(), "requests: []\n");
        doc.text = "requests: [] # edited\n".into();
        save(&mut doc, OnConflict::Stop).unwrap();
        assert_eq!(fs::read_to_string(&doc.path).unwrap(), "requests: [] # edited\n");
        assert!(!doc.is_dirty());
        assert_eq!(
            entries(dir.path()),
            ["c.yaml"],
            "no temporary file is left behind"
        );
    }

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path(), "requests: []\n");
        fs::write(&doc.path, "requests: [] # theirs\n").unwrap();
        doc.text = "requests: [] # mine\n".into();
        let err = save(&mut doc, OnConflict::Stop).unwrap_err();
        assert!(matches!(&err, SaveError::Conflict { on_disk, .. } if on_disk.contains("theirs")));
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert_eq!(fs::read_to_string(&doc.path).unwrap(), "requests: [] # theirs\n");
        assert!(doc.is_dirty(), "the user's edits are kept");

        save(&mut doc, OnConflict::Overwrite).unwrap();
        assert_eq!(fs::read_to_string(&doc.path).unwrap(), "requests: [] # mine\n");
    }

    #[test]
    fn a_save_interrupted_before_the_rename_leaves_the_original_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.yaml");
        fs::write(&path, "old\n").unwrap();
        let err = write_atomically(&path, b"new\n", |temp| {
            // The moment of the crash: the new text is complete beside the old, untouched file.
            assert_eq!(
                temp.parent(),
                path.parent(),
                "the temporary file is in the same directory"
            );
            assert_eq!(fs::read(temp)?, b"new\n");
            assert_eq!(fs::read(&path)?, b"old\n");
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        assert_eq!(entries(dir.path()), ["c.yaml"]);
    }

    #[test]
    fn a_write_by_someone_else_during_the_save_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.yaml");
        fs::write(&path, "old\n").unwrap();
        // The other writer lands after our first look and our fsync, before our rename.
        let err = save_text_racing(&path, "old\n", "mine\n", OnConflict::Stop, || {
            fs::write(&path, "theirs\n").unwrap();
        })
        .unwrap_err();
        assert!(
            matches!(&err, SaveError::Conflict { on_disk, .. } if on_disk == "theirs\n"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "theirs\n");
        assert_eq!(
            entries(dir.path()),
            ["c.yaml"],
            "the temporary file is cleaned up"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_temporary_file_is_private_until_it_takes_the_original_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.yaml");
        fs::write(&path, "old\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomically(&path, b"secret\n", |temp| {
            assert_eq!(fs::metadata(temp)?.permissions().mode() & 0o777, 0o600);
            Ok(())
        })
        .unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn permissions_survive_a_save() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path(), "requests: []\n");
        fs::set_permissions(&doc.path, fs::Permissions::from_mode(0o640)).unwrap();
        doc.text = "requests: [] # edited\n".into();
        save(&mut doc, OnConflict::Stop).unwrap();
        let mode = fs::metadata(&doc.path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn a_read_only_file_is_refused_with_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path(), "requests: []\n");
        let mut perms = fs::metadata(&doc.path).unwrap().permissions();
        perms.set_readonly(true);
        fs::set_permissions(&doc.path, perms).unwrap();
        doc.text = "requests: [] # edited\n".into();
        let err = save(&mut doc, OnConflict::Stop).unwrap_err();
        assert!(matches!(err, SaveError::ReadOnly { .. }));
        assert!(
            err.to_string()
                .ends_with("is read-only; make it writable or save elsewhere"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&doc.path).unwrap(), "requests: []\n");
        assert!(doc.is_dirty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_collection_keeps_its_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.yaml");
        fs::write(&real, "requests: []\n").unwrap();
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut doc = Document::load(&link).unwrap();
        doc.text = "requests: [] # edited\n".into();
        save(&mut doc, OnConflict::Stop).unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "requests: [] # edited\n");
    }
}
