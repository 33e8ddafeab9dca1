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

/// Puts `app` back as `remembered` left it; an environment no collection defines any more
/// is not restored.
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
    app.tree
        .restore(&app.workspace, remembered.closed, remembered.selected.as_deref());
    app.request_tab = remembered.request_tab;
    app.response_tab = remembered.response_tab;
}

/// What to remember of `app`.
pub fn of(app: &App) -> Remembered {
    let (closed, selected) = app.tree.remembered();
    Remembered {
        environment: app.environment.clone(),
        selected,
        closed,
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
}
