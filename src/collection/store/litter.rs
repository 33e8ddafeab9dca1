//! Temporary files a save left behind when apibench was killed in the middle of it (`kill
//! -9`, a power cut): full copies of a collection that nothing else would ever remove. Only
//! our own are removed — named exactly as [`super::atomic`] names them, beside the collection,
//! made by a process that no longer runs, and not touched for a minute.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::atomic::dir_of;

/// How long a temporary file must have been left alone before it counts as stale: a save
/// in progress writes its temporary file within moments.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Removes the stale temporary files beside `collection` (beside its target when it is a
/// link: that is where saves write) and returns them. Only where running processes can be
/// told (Linux's `/proc`); elsewhere nothing is removed.
pub fn remove_stale_temporaries(collection: &Path) -> Vec<PathBuf> {
    if !Path::new("/proc/self").exists() {
        return Vec::new();
    }
    let target = super::resolve_link(collection);
    let (Some(name), Ok(entries)) = (target.file_name(), fs::read_dir(dir_of(&target))) else {
        return Vec::new();
    };
    let name = name.to_string_lossy();
    entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let file_name = entry.file_name();
            pid_of_temporary(&name, &file_name.to_string_lossy())
                .is_some_and(|pid| pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists())
        })
        .filter(|entry| {
            entry.metadata().is_ok_and(|meta| {
                meta.is_file()
                    && meta
                        .modified()
                        .ok()
                        .and_then(|at| SystemTime::now().duration_since(at).ok())
                        .is_some_and(|age| age >= STALE_AFTER)
            })
        })
        .map(|entry| entry.path())
        .filter(|path| fs::remove_file(path).is_ok())
        .collect()
}

/// The process that made `file_name`, when it is one of our temporary files for `name`
/// (`.NAME.apibench-PID-N.tmp`).
fn pid_of_temporary(name: &str, file_name: &str) -> Option<u32> {
    let rest = file_name
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix(".apibench-")?
        .strip_suffix(".tmp")?;
    let (pid, attempt) = rest.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(pid) && digits(attempt)).then(|| pid.parse().ok())?
}

#[cfg(test)]
mod tests {
    use super::super::atomic::{temp_name, tests::entries};
    use super::*;

    /// A process id no process can have: above the kernel's limit.
    fn no_process() -> u32 {
        let max: u32 = fs::read_to_string("/proc/sys/kernel/pid_max")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(4_194_304);
        max + 1
    }

    /// A directory with `c.yaml` in it; none where running processes cannot be told.
    fn collection_where_processes_can_be_told() -> Option<(tempfile::TempDir, PathBuf)> {
        if !Path::new("/proc/self").exists() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let collection = dir.path().join("c.yaml");
        fs::write(&collection, "requests: []\n").unwrap();
        Some((dir, collection))
    }

    fn left_behind(dir: &Path, name: &str, age: Duration) -> PathBuf {
        let path = dir.join(name);
        let file = fs::File::create(&path).unwrap();
        file.set_modified(SystemTime::now() - age).unwrap();
        path
    }

    #[test]
    fn a_temporary_file_of_a_save_that_was_killed_is_removed() {
        let Some((dir, collection)) = collection_where_processes_can_be_told() else {
            return;
        };
        let stale = left_behind(dir.path(), &temp_name("c.yaml", no_process(), 0), STALE_AFTER * 2);
        assert_eq!(remove_stale_temporaries(&collection), [stale]);
        assert_eq!(entries(dir.path()), ["c.yaml"]);
    }

    #[test]
    fn temporary_files_that_may_still_be_in_use_or_are_not_ours_are_kept() {
        let Some((dir, collection)) = collection_where_processes_can_be_told() else {
            return;
        };
        let old = STALE_AFTER * 2;
        let kept = [
            // A process that still runs: this one.
            left_behind(dir.path(), &temp_name("c.yaml", std::process::id(), 0), old),
            // Too recent to be sure.
            left_behind(dir.path(), &temp_name("c.yaml", no_process(), 1), Duration::ZERO),
            // Another file's, and names that only look like ours.
            left_behind(dir.path(), &temp_name("d.yaml", no_process(), 0), old),
            left_behind(dir.path(), ".c.yaml.apibench-12x-0.tmp", old),
            left_behind(dir.path(), ".c.yaml.apibench-12-0.tmp.bak", old),
        ];
        assert_eq!(remove_stale_temporaries(&collection), Vec::<PathBuf>::new());
        assert!(kept.iter().all(|path| path.exists()));
    }
}
