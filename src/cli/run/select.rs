//! Which requests a run sends: `--all`, `--request` by path, bare name, folder (`Users/`) or
//! pattern (`Users/*`), and `--tag`.

use super::super::RunArgs;
use super::super::error::CliError;
use crate::session::{FindError, RequestId, Workspace};

/// The requests to send, in the order given: each `--request` as named (a folder or a
/// pattern in file order), then the requests `--tag` selects that are not chosen yet.
pub(super) fn targets(workspace: &Workspace, args: &RunArgs) -> Result<Vec<RequestId>, CliError> {
    if args.all {
        return Ok(workspace.requests_where(|_| true));
    }
    if args.requests.is_empty() && args.tags.is_empty() {
        return Err(CliError::NoRequestsChosen);
    }
    let mut chosen = Vec::new();
    for name in &args.requests {
        if name.ends_with('/') || name.contains('*') || name.contains('?') {
            // A folder (`Users/`) or a pattern (`Users/*`, `*login*`): every request whose
            // path matches, in file order.
            let found = matching(workspace, name);
            if found.is_empty() {
                return Err(CliError::Find(FindError::NoSuchRequest {
                    name: name.clone(),
                    closest: None,
                }));
            }
            chosen.extend(found);
        } else {
            chosen.push(workspace.find(name).map_err(CliError::Find)?);
        }
    }
    for tag in &args.tags {
        let tagged = tagged(workspace, tag);
        if tagged.is_empty() {
            return Err(CliError::NoSuchTag {
                tag: tag.clone(),
                known: known_tags(workspace),
            });
        }
        for id in tagged {
            if !chosen.contains(&id) {
                chosen.push(id);
            }
        }
    }
    Ok(chosen)
}

/// The requests a folder or a `*` pattern selects, matched against each request's path.
fn matching(workspace: &Workspace, pattern: &str) -> Vec<RequestId> {
    let pattern = if pattern.ends_with('/') {
        format!("{pattern}*")
    } else {
        pattern.to_owned()
    };
    workspace.requests_where(|path| wildcard(&pattern, &path.to_string()))
}

/// `*` matches any run of characters (slashes included), `?` one; everything else matches
/// itself, letters without regard to case.
fn wildcard(pattern: &str, text: &str) -> bool {
    wildmatch::WildMatch::new_case_insensitive(pattern).matches(text)
}

/// The requests carrying `tag`, themselves or through a folder, in file order.
fn tagged(workspace: &Workspace, tag: &str) -> Vec<RequestId> {
    workspace
        .requests_where(|_| true)
        .into_iter()
        .filter(|id| {
            workspace
                .collection_of(id)
                .is_some_and(|c| c.tags_of(&id.path).contains(&tag))
        })
        .collect()
}

/// Every tag written anywhere, sorted, for "no request is tagged `smok`".
fn known_tags(workspace: &Workspace) -> Vec<String> {
    let mut all: Vec<String> = workspace
        .requests_where(|_| true)
        .iter()
        .filter_map(|id| Some(workspace.collection_of(id)?.tags_of(&id.path)))
        .flatten()
        .map(str::to_owned)
        .collect();
    all.sort();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::wildcard;

    #[test]
    fn a_pattern_matches_paths_with_stars_anywhere() {
        assert!(wildcard("Users/*", "Users/Create user"));
        assert!(wildcard("*log in*", "Auth/Log in with a wrong password"));
        assert!(wildcard("auth/*", "Auth/Log in"));
        assert!(!wildcard("Users/*", "Auth/Log in"));
        assert!(!wildcard("*x", "Auth/Log in"));
        assert!(wildcard("Get me", "get me"));
    }
}
