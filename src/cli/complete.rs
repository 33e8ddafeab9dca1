//! Completion of the names only the collections know: `--request` completes the request
//! paths and `--env` the environments of the collections in the current folder (its
//! `collections/` folder when it has one, as `apibench` with no path opens). The shell asks
//! the binary itself (`clap_complete`'s `COMPLETE=bash apibench …` protocol), so a request
//! added a moment ago completes without regenerating anything.

use std::ffi::OsStr;
use std::path::Path;

use clap_complete::engine::CompletionCandidate;

use crate::session::Workspace;

/// The collections completion reads: `./collections` when it is a folder, else `.`.
fn workspace() -> Workspace {
    let folder = Path::new("collections");
    Workspace::load(if folder.is_dir() { folder } else { Path::new(".") })
}

/// Candidates among `names` that start with what is typed.
fn matching(names: impl IntoIterator<Item = String>, current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let mut names: Vec<String> = names
        .into_iter()
        .filter(|n| n.starts_with(typed.as_ref()))
        .collect();
    names.dedup();
    names.into_iter().map(CompletionCandidate::new).collect()
}

/// Request paths (`Auth/Log in`); prefixed with the collection's name when several
/// collections are loaded, as `--request` then wants them.
pub fn requests(current: &OsStr) -> Vec<CompletionCandidate> {
    let workspace = workspace();
    let several = workspace.collections.len() > 1;
    let names = workspace.requests_where(|_| true).into_iter().map(|id| {
        if several {
            workspace.full_name(&id)
        } else {
            id.path.to_string()
        }
    });
    matching(names, current)
}

/// Environment names of every collection, in order, once each.
pub fn environments(current: &OsStr) -> Vec<CompletionCandidate> {
    let workspace = workspace();
    let mut names: Vec<String> = Vec::new();
    for name in workspace.collections.iter().flat_map(|c| c.environments.keys()) {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    matching(names, current)
}
