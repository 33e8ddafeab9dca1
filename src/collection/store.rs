//! Writing a collection file back to disk, safely.
//!
//! A save never leaves a half-written file: the new text goes to a temporary file in the same
//! directory (so the rename cannot cross filesystems), is flushed to the disk, takes the old
//! file's permissions, and only then replaces the file with one atomic rename. A save also
//! never overwrites changes made by someone else: if the file on disk is no longer the text
//! the edits started from, the save stops with [`SaveError::Conflict`] and nothing is written.
//!
//! The last look before the rename pins the file under a second name (a hard link), so a
//! write in place that lands between that look and the rename is found after it: their text
//! is put back, ours stays unsaved in the editor, and the save reports the conflict. A file
//! deleted while edited is written again with a link, which fails rather than replace a file
//! someone else made meanwhile. What no portable rename can close is a writer that renames
//! its own file into place in the few system calls between the pin's check and our rename:
//! that file is replaced.

mod atomic;
mod litter;

use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use atomic::Placement;
pub(crate) use atomic::{dir_of, write_atomically, write_new_private};
pub use litter::remove_stale_temporaries;

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
    save_text_racing(path, expected, text, on_conflict, |_| {})
}

/// When, in the window between our fsync and our rename, a test plays the other writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    BeforeTheLastLook,
    AfterTheLastLook,
}

/// [`save_text`], with `racer` run at each [`Moment`]: tests use it to be the other writer.
fn save_text_racing(
    path: &Path,
    expected: &str,
    text: &str,
    on_conflict: OnConflict,
    mut racer: impl FnMut(Moment),
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
    // Look again just before the rename (fsync can take a while, and a write by someone else
    // in that window must not be replaced), at the file pinned under a second name: a write in
    // place that lands between this look and the rename is then still there to find after it.
    let mut found = None;
    let mut pinned = None;
    let written = write_atomically(&target, text.as_bytes(), |_| {
        racer(Moment::BeforeTheLastLook);
        pinned = (on_conflict == OnConflict::Stop)
            .then(|| Pinned::take(&target))
            .flatten();
        let on_disk = pinned
            .as_ref()
            .map_or_else(|| fs::read(&target).ok(), |p| Some(p.seen.clone()));
        let looked = match on_disk {
            Some(bytes) if theirs(&bytes) => {
                found = Some(bytes);
                Err(io::Error::other("changed on disk during the save"))
            }
            // No file (deleted while edited): ours goes in only if nobody makes one first.
            None if on_conflict == OnConflict::Stop && !target.exists() => Ok(Placement::New),
            _ => Ok(Placement::Replace),
        };
        racer(Moment::AfterTheLastLook);
        looked
    });
    if let Some(bytes) = found {
        return Err(conflict(&bytes));
    }
    // Someone made the file we were writing anew: theirs stays.
    let written = match written {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match fs::read(&target) {
            Ok(bytes) if bytes == text.as_bytes() => Ok(()),
            Ok(bytes) => return Err(conflict(&bytes)),
            Err(_) => Err(e),
        },
        written => written,
    };
    written.map_err(|e| {
        if e.kind() == io::ErrorKind::PermissionDenied {
            SaveError::ReadOnly {
                path: path.to_path_buf(),
            }
        } else {
            io_error(path, e)
        }
    })?;
    // The race was lost: their text is in the file we replaced, which is pinned. It goes back
    // in place; ours stays in the editor, unsaved, and the user is asked as for any conflict.
    if let Some(pinned) = &pinned
        && let Some(now) = pinned.changed_since_the_look()
        && theirs(&now)
    {
        if let Err(e) = fs::rename(&pinned.path, &target) {
            // Their text is only in the pin now: it stays, and the error says where.
            let kept = pinned.keep();
            return Err(io_error(
                path,
                io::Error::new(
                    e.kind(),
                    format!("{e}; the other writer's version is kept in {}", kept.display()),
                ),
            ));
        }
        return Err(conflict(&now));
    }
    Ok(())
}

/// The file as the last look before the rename saw it, held under a second name (a hard
/// link beside it, named like our temporary files) so that what the rename replaces is not
/// lost. Removed when dropped.
#[derive(Debug)]
struct Pinned {
    path: PathBuf,
    seen: Vec<u8>,
    /// Set when the pin must outlive this value.
    kept: std::cell::Cell<bool>,
}

impl Pinned {
    /// Pins `target` and reads it; none when there is no file, or the filesystem has no hard
    /// links (then the look reads the file itself, as before), or a new file was renamed into
    /// place just now (then the look reads that one).
    fn take(target: &Path) -> Option<Self> {
        let name = target.file_name()?.to_string_lossy().into_owned();
        let (path, ()) = atomic::claim_temp_name(dir_of(target), &name, |candidate| {
            fs::hard_link(target, candidate)
        })
        .ok()?;
        let seen = fs::read(&path).ok().filter(|_| same_file(&path, target));
        if let Some(seen) = seen {
            Some(Self {
                path,
                seen,
                kept: std::cell::Cell::new(false),
            })
        } else {
            let _ = fs::remove_file(&path);
            None
        }
    }

    /// The pinned file's bytes when someone wrote to it after the look.
    fn changed_since_the_look(&self) -> Option<Vec<u8>> {
        fs::read(&self.path).ok().filter(|now| *now != self.seen)
    }
}

impl Pinned {
    /// Leaves the pin on disk (it holds the only copy of someone's text) and says where.
    fn keep(&self) -> PathBuf {
        self.kept.set(true);
        self.path.clone()
    }
}

impl Drop for Pinned {
    fn drop(&mut self) {
        // Gone already when it was put back in place; kept when putting it back failed.
        if !self.kept.get() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Whether two paths name the same file (not just equal bytes).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        true
    }
}

fn io_error(path: &Path, source: io::Error) -> SaveError {
    SaveError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A symlinked collection is saved through the link: the link stays, its target changes —
/// even a target that was deleted, which the save creates again. Each link is read and
/// followed from its own directory (a chain of them too, up to the 40 hops Linux allows).
fn resolve_link(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::read_link(&current) {
            // An absolute target replaces the directory it is joined to.
            Ok(target) => current = dir_of(&current).join(target),
            Err(_) => break,
        }
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_in(dir: &Path, text: &str) -> Document {
        let path = dir.join("c.yaml");
        fs::write(&path, text).unwrap();
        Document::load(&path).unwrap()
    }

    use atomic::tests::entries;

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

    /// Another writer writes "theirs" at `moment` of our save of "mine" over "old": the
    /// save reports the conflict, their text is what is on disk, nothing is left beside it.
    fn assert_their_write_is_kept(moment: Moment) {
        assert_their_write_is_kept_over(Some("old\n"), moment);
    }

    /// [`assert_their_write_is_kept`], over `old` (none: the file was deleted while edited).
    fn assert_their_write_is_kept_over(old: Option<&str>, moment: Moment) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.yaml");
        if let Some(old) = old {
            fs::write(&path, old).unwrap();
        }
        let err = save_text_racing(&path, "old\n", "mine\n", OnConflict::Stop, |now| {
            if now == moment {
                fs::write(&path, "theirs\n").unwrap();
            }
        })
        .unwrap_err();
        assert!(
            matches!(&err, SaveError::Conflict { on_disk, .. } if on_disk == "theirs\n"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "theirs\n");
        assert_eq!(entries(dir.path()), ["c.yaml"], "nothing is left beside the file");
    }

    #[test]
    fn a_write_by_someone_else_during_the_save_is_not_replaced() {
        // After our first look and our fsync, before our last look.
        assert_their_write_is_kept(Moment::BeforeTheLastLook);
    }

    #[test]
    fn a_write_by_someone_else_after_the_last_look_is_put_back_and_reported() {
        // After our last look, before our rename: the race is lost, and found out after it.
        assert_their_write_is_kept(Moment::AfterTheLastLook);
    }

    #[test]
    fn a_file_created_by_someone_else_after_the_last_look_is_not_replaced() {
        // The file was deleted while being edited; someone writes it again just before our
        // rename would have.
        assert_their_write_is_kept_over(None, Moment::AfterTheLastLook);
    }

    #[cfg(unix)]
    #[test]
    fn owner_group_and_permissions_survive_a_save() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path(), "requests: []\n");
        fs::set_permissions(&doc.path, fs::Permissions::from_mode(0o640)).unwrap();
        // Only root may give a file away; elsewhere the owner to keep is the test's own.
        let _ = std::os::unix::fs::chown(&doc.path, Some(1234), Some(1234));
        let before = fs::metadata(&doc.path).unwrap();
        doc.text = "requests: [] # edited\n".into();
        save(&mut doc, OnConflict::Stop).unwrap();
        let after = fs::metadata(&doc.path).unwrap();
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
        assert_eq!(after.permissions().mode() & 0o777, 0o640);
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

    /// The umask is the process's: the check runs in a child of this test binary under
    /// umask 077, where a file written anew must come out 0600.
    #[cfg(unix)]
    #[test]
    fn a_file_deleted_while_edited_is_written_again_under_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        const CHILD: &str = "APIBENCH_TEST_UNDER_UMASK_077";
        if std::env::var_os(CHILD).is_none() {
            let child = std::process::Command::new("sh")
                .args(["-c", "umask 077 && exec \"$0\" --exact \"$1\" --test-threads 1"])
                .arg(std::env::current_exe().unwrap())
                .arg("collection::store::tests::a_file_deleted_while_edited_is_written_again_under_the_umask")
                .env(CHILD, "1")
                .output()
                .unwrap();
            assert!(
                child.status.success(),
                "the check under umask 077 failed:\n{}",
                String::from_utf8_lossy(&child.stdout)
            );
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path(), "requests: []\n");
        fs::remove_file(&doc.path).unwrap();
        doc.text = "requests: [] # edited\n".into();
        save(&mut doc, OnConflict::Stop).unwrap();
        let mode = fs::metadata(&doc.path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_whose_target_was_deleted_stays_a_link_and_its_target_is_written() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/c.yaml");
        fs::write(&real, "requests: []\n").unwrap();
        let link = dir.path().join("link.yaml");
        // A relative link: resolved from the link's directory, not from the working one.
        std::os::unix::fs::symlink("real/c.yaml", &link).unwrap();
        let mut doc = Document::load(&link).unwrap();
        fs::remove_file(&real).unwrap();
        doc.text = "requests: [] # edited\n".into();
        save(&mut doc, OnConflict::Stop).unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "requests: [] # edited\n");
    }
}
