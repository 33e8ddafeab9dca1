//! Writing a file all at once or not at all: the bytes go to a temporary file beside it,
//! reach the disk, take the file's owner, group and mode, and only then replace it with one
//! rename. Kept apart from the conflict guard (which decides whether to write) because the
//! recovery copies and the session memory write files the same way.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces `path` with `bytes` atomically, keeping its owner, group and permissions (it
/// may hold tokens); a file that does not exist yet gets what the umask allows a text file.
/// `before_rename` runs with the temporary file's path once it is complete on disk and says
/// how it takes the file's place; an error from it (tests use it to stand in for a crash or
/// a full disk) aborts the save like any other.
pub(crate) fn write_atomically(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce(&Path) -> io::Result<Placement>,
) -> io::Result<()> {
    let like = fs::metadata(path).ok();
    // The temporary file is never more readable than the file it becomes: private until it
    // holds the original's mode, or created with the new file's mode (the kernel applies the
    // umask to 0666) when there is no original.
    let mode = if like.is_some() { PRIVATE } else { NEW_TEXT_FILE };
    let (temp_path, temp) = create_temp(dir_of(path), &name_of(path), mode)?;
    let result = (|| {
        if let Some(like) = &like {
            take_owner_and_mode(&temp, like)?;
        }
        fill(temp, bytes)?;
        match before_rename(&temp_path)? {
            Placement::Replace => fs::rename(&temp_path, path)?,
            Placement::New => place_new(&temp_path, path)?,
        }
        sync_dir(dir_of(path));
        Ok(())
    })();
    if result.is_err() {
        // Best effort: the original is intact either way, and a stray temp file is only litter.
        let _ = fs::remove_file(&temp_path);
    }
    result
}

/// Writes `bytes` to `path`, which must not exist (an [`io::ErrorKind::AlreadyExists`]
/// error says it does), readable by its owner only: for files that hold secrets, such as
/// the unsaved edits of a collection. All at once: the complete file is linked into place,
/// which unlike a rename never replaces another.
pub(crate) fn write_new_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (temp_path, temp) = create_temp(dir_of(path), &name_of(path), PRIVATE)?;
    let result = fill(temp, bytes).and_then(|()| place_new(&temp_path, path));
    let _ = fs::remove_file(&temp_path);
    if result.is_ok() {
        sync_dir(dir_of(path));
    }
    result
}

/// How a complete temporary file takes the place of the file it is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    /// Renamed over whatever is there.
    Replace,
    /// Put in place only where there is no file; an [`io::ErrorKind::AlreadyExists`] error
    /// says someone else made one first.
    New,
}

/// Links `temp` in as `path` where there is no file (a link, unlike a rename, never replaces
/// one), then drops the temporary name. A filesystem without hard links gets a rename after a
/// look, which leaves a moment for another writer but still never a half-written file.
fn place_new(temp: &Path, path: &Path) -> io::Result<()> {
    match fs::hard_link(temp, path) {
        Ok(()) => fs::remove_file(temp),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if fs::symlink_metadata(path).is_ok() => Err(io::ErrorKind::AlreadyExists.into()),
        Err(_) => fs::rename(temp, path),
    }
}

/// Mode bits for a file only its owner may read.
const PRIVATE: u32 = 0o600;
/// Mode bits asked for a new text file; the umask takes away what the user wants kept.
const NEW_TEXT_FILE: u32 = 0o666;

fn fill(mut file: File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

/// Gives the temporary file the original's owner and group (only root may give a file away;
/// for anyone else the refusal is expected and the file stays theirs), then its mode, in that
/// order because a change of owner clears the set-id bits.
fn take_owner_and_mode(temp: &File, like: &fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match std::os::unix::fs::fchown(temp, Some(like.uid()), Some(like.gid())) {
            Ok(()) => {}
            // Not root: the file stays ours, but a member of its group may still hand it
            // back to the group (`alice:devs 0664` saved by bob stays writable by devs).
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                let _ = std::os::unix::fs::fchown(temp, None, Some(like.gid()));
            }
            Err(e) => return Err(e),
        }
    }
    temp.set_permissions(like.permissions())
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "collection".into(), |n| n.to_string_lossy().into_owned())
}

/// The directory a file is in; `.` for a bare file name.
pub(crate) fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The name of our temporary files beside `name`: `.NAME.apibench-PID-N.tmp`.
pub(super) fn temp_name(name: &str, pid: u32, attempt: u32) -> String {
    format!(".{name}.apibench-{pid}-{attempt}.tmp")
}

/// Finds a free temporary name beside `name` and makes it exist with `make`, which must fail
/// with [`io::ErrorKind::AlreadyExists`] for a name that is taken.
pub(super) fn claim_temp_name<T>(
    dir: &Path,
    name: &str,
    mut create: impl FnMut(&Path) -> io::Result<T>,
) -> io::Result<(PathBuf, T)> {
    let pid = std::process::id();
    for attempt in 0..100 {
        let candidate = dir.join(temp_name(name, pid, attempt));
        match create(&candidate) {
            Ok(made) => return Ok((candidate, made)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary file name",
    ))
}

/// A new temporary file beside the target, created with `mode` (less the umask); never one
/// that exists.
fn create_temp(dir: &Path, name: &str, mode: u32) -> io::Result<(PathBuf, File)> {
    claim_temp_name(dir, name, |candidate| {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        #[cfg(not(unix))]
        let _ = mode;
        options.open(candidate)
    })
}

/// Makes a rename or link durable. Not every platform can open a directory; then the
/// change is still atomic, just not yet flushed.
pub(super) fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(crate) fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
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
            Ok(Placement::Replace)
        })
        .unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_new_private_file_is_readable_by_its_owner_only_and_never_replaces_another() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.yaml.apibench-unsaved");
        write_new_private(&path, b"first\n").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let err = write_new_private(&path, b"second\n").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "first\n");
        assert_eq!(
            entries(dir.path()),
            ["c.yaml.apibench-unsaved"],
            "no temporary file is left behind"
        );
    }
}
