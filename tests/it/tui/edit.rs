//! Editing in the TUI end to end: keys into the real update loop and runner (saves on
//! blocking tasks), the real file watcher, and the bytes on disk.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use apibench::collection::watch::Watcher;
use apibench::collection::{RequestPath, Variables};
use apibench::session::Workspace;
use apibench::tui::dialogs::Overlay;
use apibench::tui::keymap::Keymap;
use apibench::tui::message::Msg;
use apibench::tui::state::App;

use crate::support::tui::{Driver, select};
use crate::support::{Scratch, handwritten_copy};

/// The app on a copy of the hand-written fixture, with the file watcher feeding its channel.
struct Harness {
    _dir: Scratch,
    path: PathBuf,
    original: String,
    app: App,
    driver: Driver,
    _watcher: Watcher,
}

impl Harness {
    fn new() -> Self {
        let (dir, path, original) = handwritten_copy();
        let app = App::new(Workspace::load(&path), Keymap::default(), Variables::new());
        let driver = Driver::new(140, 40);
        let changes = driver.mailbox.sender();
        let watcher = Watcher::new(std::slice::from_ref(&path), Duration::from_millis(20), move |p| {
            let _ = changes.send(Msg::FileChanged(p));
        })
        .unwrap();
        Self {
            _dir: dir,
            path,
            original,
            app,
            driver,
            _watcher: watcher,
        }
    }

    /// Sends `keys` (a chord per entry: `"e"`, `"ctrl-s"`, `"enter"`, or text to type) and runs
    /// the loop until `done` holds, failing after a deadline.
    async fn run(&mut self, keys: &[&str], done: impl Fn(&App) -> bool) {
        self.driver.keys(keys);
        let met = self
            .driver
            .run_until(&mut self.app, Duration::from_secs(10), done)
            .await;
        assert!(met, "condition not met; message: {:?}", self.app.message);
    }

    fn select(&mut self, name: &str) {
        select(&mut self.app, name);
    }

    fn url_of(&self, name: &str) -> String {
        self.app.workspace.collections[0]
            .find(&RequestPath::parse(name))
            .map(|r| r.url.to_string())
            .unwrap_or_default()
    }

    fn on_disk(&self) -> String {
        fs::read_to_string(&self.path).unwrap()
    }

    fn is_dirty(&self) -> bool {
        self.app.editing.is_dirty(&self.path)
    }

    fn idle(&self) -> bool {
        self.app.editing.saving.is_empty()
    }

    /// Another editor saving the way vim and helix do: a new file renamed over the old one.
    fn save_elsewhere_by_rename(&self, text: &str) {
        let temp = self.path.with_file_name(".shop.yaml.swp");
        fs::write(&temp, text).unwrap();
        fs::rename(&temp, &self.path).unwrap();
    }
}

const NEW_URL: &str = "https://api.example.com/v2/orders";

/// Focuses the request pane of the first request and edits its URL, without saving.
async fn edit_url(h: &mut Harness) {
    h.run(&["tab", "e", "ctrl-u", NEW_URL, "enter"], |app| {
        matches!(app.overlay, Overlay::None) && app.editing.generation > 0
    })
    .await;
    assert_eq!(h.url_of("List orders"), NEW_URL);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_a_url_and_saving_changes_only_that_value_on_disk() {
    let mut h = Harness::new();
    edit_url(&mut h).await;
    assert!(h.is_dirty());
    assert_eq!(h.on_disk(), h.original, "nothing is written before a save");
    let path = h.path.clone();
    h.run(&["ctrl-s"], |app| {
        !app.editing.is_dirty(&path) && app.editing.saving.is_empty()
    })
    .await;
    let expected = h.original.replace(
        "url: \"{{ base_url }}/v1/orders\"\n    query",
        &format!("url: \"{NEW_URL}\"\n    query"),
    );
    assert_ne!(expected, h.original);
    assert_eq!(
        h.on_disk(),
        expected,
        "byte for byte: the rest of the file is untouched"
    );
    let screen = h.driver.screen();
    assert!(screen.contains("saved"), "{screen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_external_save_by_rename_reloads_a_clean_file_and_keeps_the_selection() {
    let mut h = Harness::new();
    h.select("Create order");
    let theirs = h.original.replace("quantity: 2", "quantity: 3").replace(
        "url: \"{{ base_url }}/v1/orders\"\n    body",
        "url: \"{{ base_url }}/v1/orders/new\"\n    body",
    );
    h.save_elsewhere_by_rename(&theirs);
    h.run(&[], |app| {
        app.workspace.collections[0]
            .find(&RequestPath::parse("Create order"))
            .is_some_and(|r| r.url.as_str().ends_with("/orders/new"))
    })
    .await;
    assert_eq!(
        h.app.selected().map(|(_, p)| p.to_string()),
        Some("Create order".to_owned())
    );
    assert!(!h.is_dirty());

    // The file's inode changed; a second save by rename is still seen.
    let again = theirs.replace("/orders/new", "/orders/newer");
    h.save_elsewhere_by_rename(&again);
    h.run(&[], |app| {
        app.workspace.collections[0]
            .find(&RequestPath::parse("Create order"))
            .is_some_and(|r| r.url.as_str().ends_with("/orders/newer"))
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_external_change_with_unsaved_edits_is_a_conflict_and_nothing_is_overwritten() {
    let mut h = Harness::new();
    edit_url(&mut h).await;
    let theirs = h.original.replace("X-Client: apibench", "X-Client: someone-else");
    h.save_elsewhere_by_rename(&theirs);
    let path = h.path.clone();
    h.run(&[], |app| app.editing.conflicts.contains_key(&path)).await;
    assert!(
        h.app.message.as_deref().unwrap().contains("changed on disk"),
        "the conflict is shown"
    );
    assert!(
        matches!(h.app.overlay, Overlay::None),
        "but no question takes the next key"
    );
    assert_eq!(h.url_of("List orders"), NEW_URL, "the edits here are kept");
    assert_eq!(h.on_disk(), theirs);

    // Saving asks rather than overwriting; deciding later asks again.
    h.run(&["ctrl-s"], |app| matches!(app.overlay, Overlay::Confirm(_)))
        .await;
    h.run(&["esc"], |app| matches!(app.overlay, Overlay::None)).await;
    h.run(&["ctrl-s"], |app| matches!(app.overlay, Overlay::Confirm(_)))
        .await;
    assert_eq!(h.on_disk(), theirs, "no silent overwrite");

    // Overwrite, on purpose.
    h.run(&["o"], |app| {
        !app.editing.is_dirty(&path) && app.editing.saving.is_empty()
    })
    .await;
    let ours = h.original.replace(
        "{{ base_url }}/v1/orders\"\n    query",
        &format!("{NEW_URL}\"\n    query"),
    );
    assert_eq!(h.on_disk(), ours);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reloading_theirs_drops_the_edits_here() {
    let mut h = Harness::new();
    edit_url(&mut h).await;
    let theirs = h.original.replace("quantity: 2", "quantity: 9");
    h.save_elsewhere_by_rename(&theirs);
    let path = h.path.clone();
    h.run(&[], |app| app.editing.conflicts.contains_key(&path)).await;
    h.run(&["ctrl-s", "r"], |app| app.editing.conflicts.is_empty())
        .await;
    assert!(!h.is_dirty());
    assert_eq!(h.url_of("List orders"), "{{ base_url }}/v1/orders");
    assert_eq!(h.on_disk(), theirs);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applying_mine_again_keeps_both_their_change_and_my_edit() {
    let mut h = Harness::new();
    edit_url(&mut h).await;
    let theirs = h.original.replace("quantity: 2", "quantity: 9");
    h.save_elsewhere_by_rename(&theirs);
    let path = h.path.clone();
    h.run(&[], |app| app.editing.conflicts.contains_key(&path)).await;
    h.run(&["ctrl-s", "a"], |app| app.editing.conflicts.is_empty())
        .await;
    assert!(h.is_dirty(), "the result is unsaved, to look at first");
    assert_eq!(h.url_of("List orders"), NEW_URL, "my edit is there");
    assert!(
        h.app
            .message
            .as_deref()
            .unwrap()
            .starts_with("made your edits again"),
        "{:?}",
        h.app.message
    );
    h.run(&["ctrl-s"], |app| {
        !app.editing.is_dirty(&path) && app.editing.saving.is_empty()
    })
    .await;
    let both = theirs.replace(
        "{{ base_url }}/v1/orders\"\n    query",
        &format!("{NEW_URL}\"\n    query"),
    );
    assert_eq!(h.on_disk(), both, "their change and mine");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_file_keeps_the_edit_unsaved_with_a_clear_message() {
    let mut h = Harness::new();
    let mut perms = fs::metadata(&h.path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&h.path, perms).unwrap();
    edit_url(&mut h).await;
    h.run(&["ctrl-s"], |app| {
        app.message.as_deref().is_some_and(|m| m.contains("read-only"))
    })
    .await;
    assert!(h.is_dirty(), "the edit is still here, unsaved");
    assert!(h.idle());
    assert_eq!(h.on_disk(), h.original);
    assert!(
        h.app.message.as_deref().unwrap().contains("your edits are kept"),
        "{:?}",
        h.app.message
    );
}

/// Nothing but the file itself is left in its directory after saves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saves_leave_no_temporary_files_behind() {
    let mut h = Harness::new();
    edit_url(&mut h).await;
    let path = h.path.clone();
    h.run(&["ctrl-s"], |app| {
        !app.editing.is_dirty(&path) && app.editing.saving.is_empty()
    })
    .await;
    let names: Vec<String> = fs::read_dir(h.path.parent().unwrap_or(Path::new(".")))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["shop.yaml"]);
}
