//! What the workbench remembers of a folder or file between sessions: the environment, the
//! selected request, the folded folders and the open tabs — restored when the same path is
//! opened again, written when the session ends. Kept in `state.yaml` in the data directory
//! (beside the history), one entry per opened path; a missing or unreadable file only
//! means starting fresh.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::tui::state::{App, RequestTab, ResponseTab};

/// One opened path's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remembered {
    pub environment: Option<String>,
    pub selected: Option<String>,
    #[serde(default)]
    pub closed: Vec<String>,
    pub request_tab: RequestTab,
    pub response_tab: ResponseTab,
}

/// `state.yaml` in the data directory.
pub fn file() -> Option<PathBuf> {
    crate::history::data_dir().map(|d| d.join("state.yaml"))
}

/// What `file` remembers of `opened`.
pub fn recall(file: &Path, opened: &Path) -> Option<Remembered> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut all: BTreeMap<String, Remembered> = serde_yaml::from_str(&text).ok()?;
    all.remove(&key(opened))
}

/// A tree identity (`r0/Auth/Log in`: kind, collection index, path) as it is kept: the
/// collection named by its file, since indexes shift when files are added or fail to load.
fn by_file(app: &App, identity: &str) -> Option<String> {
    let kind = identity.get(..1)?;
    let rest = &identity[1..];
    let (index, path) = rest.split_once('/').map_or((rest, None), |(i, p)| (i, Some(p)));
    let collection = app.workspace.collections.get(index.parse::<usize>().ok()?)?;
    let file = crate::history::file_key(&collection.source).display().to_string();
    Some(match path {
        Some(path) => format!("{kind}{file}\u{0}{path}"),
        None => format!("{kind}{file}"),
    })
}

/// The identity `by_file` kept, back in the tree's terms for the files open now.
fn by_index(app: &App, kept: &str) -> Option<String> {
    let kind = kept.get(..1)?;
    let rest = &kept[1..];
    let (file, path) = rest
        .split_once('\u{0}')
        .map_or((rest, None), |(f, p)| (f, Some(p)));
    let index = app
        .workspace
        .collections
        .iter()
        .position(|c| crate::history::file_key(&c.source).display().to_string() == file)?;
    Some(match path {
        Some(path) => format!("{kind}{index}/{path}"),
        None => format!("{kind}{index}"),
    })
}

/// Puts `app` back as `remembered` left it; an environment no collection defines any more
/// is not restored, nor folds and a selection in files no longer open. A collection the
/// memory does not know keeps its own default folds.
pub fn restore(app: &mut App, remembered: Remembered) {
    let defined = |name: &str| {
        app.workspace
            .collections
            .iter()
            .any(|c| c.environments.contains_key(name))
    };
    if app.environment.is_none() {
        app.environment = remembered.environment.filter(|e| defined(e));
    }
    let known_files: Vec<String> = remembered
        .closed
        .iter()
        .chain(remembered.selected.iter())
        .filter_map(|kept| Some(kept.get(1..)?.split('\u{0}').next()?.to_owned()))
        .collect();
    let (defaults, _) = app.tree.remembered();
    let mut closed: Vec<String> = defaults
        .into_iter()
        .filter(|id| {
            by_file(app, id).is_some_and(|kept| {
                let file = kept
                    .get(1..)
                    .and_then(|k| k.split('\u{0}').next())
                    .unwrap_or_default();
                !known_files.iter().any(|f| f == file)
            })
        })
        .collect();
    closed.extend(remembered.closed.iter().filter_map(|kept| by_index(app, kept)));
    let selected = remembered
        .selected
        .as_deref()
        .and_then(|kept| by_index(app, kept));
    app.tree.restore(&app.workspace, closed, selected.as_deref());
    app.request_tab = remembered.request_tab;
    app.response_tab = remembered.response_tab;
}

/// What to remember of `app`.
pub fn of(app: &App) -> Remembered {
    let (closed, selected) = app.tree.remembered();
    Remembered {
        environment: app.environment.clone(),
        selected: selected.and_then(|id| by_file(app, &id)),
        closed: closed.iter().filter_map(|id| by_file(app, id)).collect(),
        request_tab: app.request_tab,
        response_tab: app.response_tab,
    }
}

/// Writes `remembered` for `opened` into `file`, keeping the other paths' entries. A write
/// that fails loses only the memory.
pub fn keep(file: &Path, opened: &Path, remembered: Remembered) {
    let mut all: BTreeMap<String, Remembered> = std::fs::read_to_string(file)
        .ok()
        .and_then(|text| serde_yaml::from_str(&text).ok())
        .unwrap_or_default();
    all.insert(key(opened), remembered);
    let Ok(text) = serde_yaml::to_string(&all) else {
        return;
    };
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ =
        crate::collection::store::save_text(file, "", &text, crate::collection::store::OnConflict::Overwrite);
}

fn key(opened: &Path) -> String {
    crate::history::file_key(opened).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::tests::{app, select};

    #[test]
    fn environment_selection_folds_and_tabs_come_back_for_the_same_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("state.yaml");
        let opened = Path::new("collections/demo.yaml");
        let mut before = app();
        select(&mut before, "Users/Create user");
        before.environment = Some("logged-in".into());
        before.request_tab = RequestTab::Body;
        before.response_tab = ResponseTab::Headers;
        keep(&file, opened, of(&before));
        keep(&file, Path::new("elsewhere.yaml"), of(&app()));

        let mut after = app();
        restore(&mut after, recall(&file, opened).expect("remembered"));
        assert_eq!(after.environment.as_deref(), Some("logged-in"));
        assert_eq!(
            after.selected().map(|(_, p)| p.to_string()).as_deref(),
            Some("Users/Create user")
        );
        assert_eq!(after.request_tab, RequestTab::Body);
        assert_eq!(after.response_tab, ResponseTab::Headers);
        assert_eq!(recall(&file, Path::new("nowhere.yaml")), None);
    }

    #[test]
    fn an_environment_no_collection_defines_any_more_is_not_restored() {
        let mut remembered = of(&app());
        remembered.environment = Some("gone".into());
        let mut after = app();
        restore(&mut after, remembered);
        assert_eq!(after.environment, None);
    }

    /// Folds and the selection are kept by file: a collection added before them (or a file
    /// that fails to load) shifts every index, and they still come back where they were.
    #[test]
    fn folds_and_the_selection_follow_their_file_when_indexes_shift() {
        use crate::collection::parse_collection;
        use crate::session::Workspace;
        let load = |name: &str| {
            let yaml = "requests:\n  - folder: F\n    requests:\n      - name: R\n        url: http://x/\n";
            parse_collection(yaml, Path::new(&format!("/nowhere/{name}.yaml"))).unwrap()
        };
        let app_of = |names: &[&str]| {
            App::new(
                Workspace::from_collections(names.iter().map(|n| load(n)).collect()),
                crate::tui::keymap::Keymap::default(),
                crate::collection::Variables::new(),
            )
        };
        let mut before = app_of(&["bravo"]);
        before
            .tree
            .restore(&before.workspace.clone(), vec!["f0/F".into()], Some("c0"));
        let kept = of(&before);
        let mut after = app_of(&["alpha", "bravo"]);
        restore(&mut after, kept);
        let (closed, selected) = after.tree.remembered();
        assert_eq!(closed, ["f1/F"], "bravo's folder, now collection 1");
        assert_eq!(selected.as_deref(), Some("c1"));
    }
}
