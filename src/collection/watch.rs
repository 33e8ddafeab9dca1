//! Noticing collection files changed outside the app (another editor, `git checkout`).
//!
//! Editors that save by writing a temporary file and renaming it over the original (vim,
//! helix, VS Code, our own [`super::store`]) give the file a new inode, so a watch on the
//! file itself goes deaf after the first save. We watch each file's parent directory
//! instead, non-recursively, and pick out events for watched files by (directory, name).
//!
//! Events are bursty (one save is several events), so a background thread debounces them
//! and reports each file once its burst has gone quiet. Reports only say "may have
//! changed": the caller compares contents, so a duplicate report is harmless.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// Canonical directory → file name → the watched paths, as the caller spelled them, that
/// live there. Usually one path per name; more if the caller spelled a file two ways (or
/// twice: a duplicate report is harmless).
type Files = HashMap<PathBuf, HashMap<OsString, Vec<PathBuf>>>;

/// What the debounce thread hears about: filesystem events, and a new set of files.
#[derive(Debug)]
enum Command {
    Event(Event),
    Files(Files),
}

/// The longest `quiet` we honour; it keeps deadline arithmetic far from overflow.
const MAX_QUIET: Duration = Duration::from_secs(3600);

/// Watches a set of files; reports paths whose content may have changed.
#[derive(Debug)]
pub struct Watcher {
    inner: RecommendedWatcher,
    /// To the debounce thread. The thread ends once this and `inner` (which holds the
    /// other sender, in its event handler) are dropped.
    tx: Sender<Command>,
    /// What is being watched now; its keys are the watched directories.
    files: Files,
}

impl Watcher {
    /// Starts watching `files`. `on_change` is called from a background thread with the
    /// watched path (exactly as given in `files`) each time a burst of events touching it
    /// has gone quiet for `quiet` (use ~50 ms in production).
    ///
    /// Each file's directory must exist; the file itself need not.
    pub fn new(
        files: &[PathBuf],
        quiet: Duration,
        on_change: impl Fn(PathBuf) + Send + 'static,
    ) -> notify::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let quiet = quiet.min(MAX_QUIET);
        thread::Builder::new()
            .name("collection-watch".into())
            .spawn(move || debounce(&rx, quiet, &on_change))
            .map_err(notify::Error::io)?;
        let events = tx.clone();
        let inner = notify::recommended_watcher(move |event: notify::Result<Event>| {
            // Errors here are transient (a directory vanished mid-scan, …); reading a
            // file changes nothing.
            if let Ok(event) = event
                && !matches!(event.kind, EventKind::Access(_))
            {
                // Fails only once the debounce thread is gone, when nobody is listening.
                let _ = events.send(Command::Event(event));
            }
        })?;
        let mut watcher = Self {
            inner,
            tx,
            files: Files::new(),
        };
        watcher.set_files(files)?;
        Ok(watcher)
    }

    /// Replaces the set of watched files (collections added/removed).
    ///
    /// Changes made before this returns are not reported for newly added files: read them
    /// afterwards. On error the previous set stays watched.
    pub fn set_files(&mut self, files: &[PathBuf]) -> notify::Result<()> {
        let new = register(files)?;
        // Tell the thread before watching new directories, so their first events cannot
        // overtake the news and be discarded as unknown.
        let _ = self.tx.send(Command::Files(new.clone()));
        let mut added = Vec::new();
        for dir in new.keys().filter(|d| !self.files.contains_key(*d)) {
            if let Err(e) = self.inner.watch(dir, RecursiveMode::NonRecursive) {
                for dir in added {
                    let _ = self.inner.unwatch(dir);
                }
                let _ = self.tx.send(Command::Files(self.files.clone()));
                return Err(e);
            }
            added.push(dir);
        }
        for dir in self.files.keys().filter(|d| !new.contains_key(*d)) {
            // Fails if the directory is gone, in which case the watch went with it.
            let _ = self.inner.unwatch(dir);
        }
        self.files = new;
        Ok(())
    }
}

/// Where each file is to be found: its canonical directory and name, plus, for a symlink,
/// its target's (we save through links, and so may other editors).
fn register(files: &[PathBuf]) -> notify::Result<Files> {
    let mut map = Files::new();
    let mut add = |dir: PathBuf, name: &OsStr, file: &PathBuf| {
        map.entry(dir)
            .or_default()
            .entry(name.into())
            .or_default()
            .push(file.clone());
    };
    for file in files {
        let name = file
            .file_name()
            .ok_or_else(|| notify::Error::generic("not a file path").add_path(file.clone()))?;
        let dir = fs::canonicalize(super::store::dir_of(file))
            .map_err(|e| notify::Error::io(e).add_path(file.clone()))?;
        if let Ok(target) = fs::canonicalize(file)
            && let (Some(t_dir), Some(t_name)) = (target.parent(), target.file_name())
            && (t_dir != dir || t_name != name)
        {
            add(t_dir.to_path_buf(), t_name, file);
        }
        add(dir, name, file);
    }
    Ok(map)
}

/// The watched paths an event touches. A rename carries both its paths, so a temporary
/// file renamed over a watched one counts; an overflowed event queue counts for all.
fn touched<'a>(files: &'a Files, event: &Event) -> Vec<&'a PathBuf> {
    if event.need_rescan() {
        return files.values().flat_map(HashMap::values).flatten().collect();
    }
    let mut touched = Vec::new();
    for path in &event.paths {
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
            continue;
        };
        let lookup = |dir: &Path| files.get(dir).and_then(|names| names.get(name));
        // Event paths normally start with the (canonical) directory we watched; canonicalize
        // only if that misses, in case a backend spells it differently.
        if let Some(paths) = lookup(dir).or_else(|| lookup(&fs::canonicalize(dir).ok()?)) {
            touched.extend(paths);
        }
    }
    touched
}

/// The debounce loop: each touched path gets a deadline `quiet` after its latest event and
/// is reported when the deadline passes. Returns when every sender is gone.
fn debounce(rx: &Receiver<Command>, quiet: Duration, on_change: &impl Fn(PathBuf)) {
    let mut files = Files::new();
    let mut pending: HashMap<PathBuf, Instant> = HashMap::new();
    loop {
        let msg = match pending.values().min() {
            Some(deadline) => rx.recv_timeout(deadline.saturating_duration_since(Instant::now())),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match msg {
            Ok(Command::Event(event)) => {
                let deadline = Instant::now() + quiet;
                for path in touched(&files, &event) {
                    pending.insert(path.clone(), deadline);
                }
            }
            Ok(Command::Files(new)) => {
                files = new;
                let watched: Vec<_> = files.values().flat_map(HashMap::values).flatten().collect();
                pending.retain(|path, _| watched.contains(&path));
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        // Checked after every message, not just on timeouts: a steady stream of events for
        // one file must not hold back another's report.
        let now = Instant::now();
        let mut due: Vec<_> = pending.extract_if(|_, deadline| *deadline <= now).collect();
        // Oldest first, so reports come in the order the bursts ended.
        due.sort_by_key(|&(_, deadline)| deadline);
        for (path, _) in due {
            on_change(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEADLINE: Duration = Duration::from_secs(5);
    const QUIET: Duration = Duration::from_millis(50);

    /// A watcher on `files` whose reports arrive on the returned receiver.
    fn watch(files: &[PathBuf]) -> (Watcher, Receiver<PathBuf>) {
        let (tx, rx) = mpsc::channel();
        let watcher = Watcher::new(files, QUIET, move |path| {
            let _ = tx.send(path);
        })
        .unwrap();
        (watcher, rx)
    }

    /// Asserts the next report is `expected`.
    fn assert_next(rx: &Receiver<PathBuf>, expected: &Path) {
        assert_eq!(rx.recv_timeout(DEADLINE).unwrap(), expected);
    }

    /// Saves like vim, helix and our own store do: a temporary file renamed over `path`.
    fn save_by_rename(path: &Path, contents: &str) {
        let temp = path.with_file_name(".c.yaml.tmp");
        fs::write(&temp, contents).unwrap();
        fs::rename(&temp, path).unwrap();
    }

    /// Writes the watched `marker` and waits for its report, discarding any earlier
    /// (duplicate) reports, so the next report is caused by whatever the test does next.
    fn settle(rx: &Receiver<PathBuf>, marker: &Path) {
        fs::write(marker, "marker").unwrap();
        while rx.recv_timeout(DEADLINE).unwrap() != marker {}
    }

    #[test]
    fn an_in_place_write_is_reported_with_the_path_as_given() {
        let dir = tempfile::tempdir().unwrap();
        // Not canonical on purpose: the report must use this spelling.
        let c = dir.path().join(".").join("c.yaml");
        fs::write(&c, "a").unwrap();
        let (_watcher, rx) = watch(std::slice::from_ref(&c));
        fs::write(&c, "b").unwrap();
        assert_next(&rx, &c);
    }

    #[test]
    fn every_save_by_rename_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let (c, marker) = (dir.path().join("c.yaml"), dir.path().join("marker.yaml"));
        fs::write(&c, "a").unwrap();
        let (_watcher, rx) = watch(&[c.clone(), marker.clone()]);
        save_by_rename(&c, "b");
        assert_next(&rx, &c);
        settle(&rx, &marker);
        // The first save replaced the inode; the second must still be seen.
        save_by_rename(&c, "c");
        assert_next(&rx, &c);
    }

    #[test]
    fn a_vim_style_save_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let (c, marker) = (dir.path().join("c.yaml"), dir.path().join("marker.yaml"));
        let backup = dir.path().join("c.yaml~");
        fs::write(&c, "a").unwrap();
        let (_watcher, rx) = watch(&[c.clone(), marker.clone()]);
        fs::rename(&c, &backup).unwrap();
        fs::write(&c, "b").unwrap();
        fs::remove_file(&backup).unwrap();
        assert_next(&rx, &c);
        settle(&rx, &marker);
        fs::write(&c, "c").unwrap();
        assert_next(&rx, &c);
    }

    #[test]
    fn other_files_and_reads_are_not_reported() {
        let dir = tempfile::tempdir().unwrap();
        let (c, marker) = (dir.path().join("c.yaml"), dir.path().join("marker.yaml"));
        fs::write(&c, "a").unwrap();
        let (_watcher, rx) = watch(&[c.clone(), marker.clone()]);
        for litter in [".c.yaml.swp", "4913", "c.yaml~", "other.yaml"] {
            let litter = dir.path().join(litter);
            fs::write(&litter, "x").unwrap();
            fs::remove_file(&litter).unwrap();
        }
        fs::read(&c).unwrap();
        // Had anything above been reported (as c.yaml: nothing else is watched), it would
        // come first.
        fs::write(&marker, "b").unwrap();
        assert_next(&rx, &marker);
    }

    #[test]
    fn set_files_moves_the_watch() {
        let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (a, b) = (dir_a.path().join("a.yaml"), dir_b.path().join("b.yaml"));
        fs::write(&a, "a").unwrap();
        let (mut watcher, rx) = watch(std::slice::from_ref(&a));
        watcher.set_files(std::slice::from_ref(&b)).unwrap();
        fs::write(&a, "no longer watched").unwrap();
        fs::write(&b, "b").unwrap();
        assert_next(&rx, &b);
    }

    #[cfg(unix)]
    #[test]
    fn a_change_to_a_symlinks_target_is_reported() {
        let (links, targets) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (link, target) = (links.path().join("c.yaml"), targets.path().join("real.yaml"));
        fs::write(&target, "a").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let (_watcher, rx) = watch(std::slice::from_ref(&link));
        save_by_rename(&target, "b");
        assert_next(&rx, &link);
    }

    #[test]
    fn dropping_the_watcher_ends_its_thread() {
        let dir = tempfile::tempdir().unwrap();
        let (watcher, rx) = watch(&[dir.path().join("c.yaml")]);
        drop(watcher);
        // `on_change`, and the sender in it, go when the thread does.
        assert_eq!(rx.recv_timeout(DEADLINE), Err(RecvTimeoutError::Disconnected));
    }

    #[test]
    fn a_bad_path_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-dir").join("c.yaml");
        assert!(Watcher::new(&[missing], QUIET, |_| {}).is_err());
        let (mut watcher, _rx) = watch(&[dir.path().join("c.yaml")]);
        assert!(watcher.set_files(&[PathBuf::from("/")]).is_err());
    }
}
