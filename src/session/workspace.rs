//! The workspace: the collections loaded from a path, the files that did not load, and the
//! `.env` each collection reads; and finding a request by the name a person gives.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::id::RequestId;
use crate::collection::{Collection, LoadError, LoadProblem, RequestPath, load_path};
use crate::diagnosis::api_description::ApiDescription;
use crate::template::SystemEnv;

/// Collections as loaded from a path, each with the `.env` beside it. Collections in one
/// folder share that folder's `.env`; it is read once for all of them.
#[derive(Debug, Default, Clone)]
pub struct Workspace {
    pub collections: Vec<Collection>,
    pub errors: Vec<LoadError>,
    envs: Vec<SystemEnv>,
    /// Each collection's OpenAPI description, when it names one that reads.
    apis: Vec<Option<Arc<ApiDescription>>>,
}

impl Workspace {
    /// Loads a file or folder. Broken files end up in `errors`; the rest load.
    pub fn load(path: &Path) -> Self {
        let loaded = load_path(path);
        Self::with_envs(loaded.collections, loaded.errors)
    }

    /// A workspace from collections already in memory (tests, the TUI after an edit).
    pub fn from_collections(collections: Vec<Collection>) -> Self {
        Self::with_envs(collections, Vec::new())
    }

    fn with_envs(collections: Vec<Collection>, errors: Vec<LoadError>) -> Self {
        let mut workspace = Self {
            collections: Vec::new(),
            errors,
            envs: Vec::new(),
            apis: Vec::new(),
        };
        for collection in collections {
            workspace.push(collection);
        }
        workspace
    }

    /// Adds a collection with its `.env`: the one a collection beside it already read, or
    /// read now.
    fn push(&mut self, collection: Collection) {
        let dotenv = dotenv_path(&collection);
        let env = match self.collections.iter().position(|c| dotenv_path(c) == dotenv) {
            Some(neighbour) => self.envs[neighbour].clone(),
            None => read_env(&collection, &mut self.errors),
        };
        self.apis.push(super::api::read(&collection, &mut self.errors));
        self.collections.push(collection);
        self.envs.push(env);
    }

    /// A workspace with nothing loaded but problems to show.
    pub fn from_errors(errors: Vec<LoadError>) -> Self {
        Self {
            collections: Vec::new(),
            errors,
            envs: Vec::new(),
            apis: Vec::new(),
        }
    }

    /// Puts in a file's newly loaded state and returns the index of its collection.
    ///
    /// A collection replaces the one from the same file, or is added at the end. Errors
    /// replace the file's earlier errors; a file that stops loading keeps its last good
    /// collection beside them, so a half-saved file in another editor does not make its
    /// requests, responses and selection vanish. Indexes of other collections never move.
    pub fn put_file(&mut self, path: &Path, loaded: Result<Collection, Vec<LoadError>>) -> Option<usize> {
        self.errors.retain(|e| e.path != path);
        let index = self.collections.iter().position(|c| c.source == path);
        match loaded {
            // The `.env` of a collection already here is kept: an edit does not change it,
            // and a change to it on disk comes through `reread_env`.
            Ok(collection) => {
                if let Some(i) = index {
                    // Its description may be new, gone or changed on disk (read again only
                    // when the file did change).
                    self.apis[i] = super::api::read(&collection, &mut self.errors);
                    self.collections[i] = collection;
                    Some(i)
                } else {
                    self.push(collection);
                    Some(self.collections.len() - 1)
                }
            }
            Err(errors) => {
                self.errors.extend(errors);
                index
            }
        }
    }

    /// Reads the `.env` at `dotenv` again for every collection beside it, after it changed
    /// on disk. Returns false when no collection uses that file.
    pub fn reread_env(&mut self, dotenv: &Path) -> bool {
        let users: Vec<usize> = (0..self.collections.len())
            .filter(|i| dotenv_path(&self.collections[*i]) == dotenv)
            .collect();
        let Some(&first) = users.first() else {
            return false;
        };
        self.errors.retain(|e| e.path != dotenv);
        let env = read_env(&self.collections[first], &mut self.errors);
        for i in users {
            self.envs[i] = env.clone();
        }
        true
    }

    /// Every file the workspace reads, each once: the collection files, loaded or not, and
    /// the `.env` beside them, present or not (what to watch for changes).
    pub fn files(&self) -> Vec<PathBuf> {
        let all = (self.collections.iter().map(|c| c.source.clone()))
            .chain(self.errors.iter().map(|e| e.path.clone()))
            .chain(self.collections.iter().map(dotenv_path));
        let mut files = Vec::new();
        // A collection built into the binary has no file to watch.
        for file in all.filter(|f| {
            f.parent()
                .is_none_or(|dir| dir.as_os_str().is_empty() || dir.exists())
        }) {
            if !files.contains(&file) {
                files.push(file);
            }
        }
        files
    }

    pub fn env(&self, collection: usize) -> &SystemEnv {
        &self.envs[collection]
    }

    /// Every request whose path `keep` accepts, collections in order, each in file order.
    pub fn requests_where(&self, keep: impl Fn(&RequestPath) -> bool) -> Vec<RequestId> {
        self.collections
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                c.requests()
                    .into_iter()
                    .filter(|(path, _)| keep(path))
                    .map(move |(path, _)| RequestId::new(i, path))
            })
            .collect()
    }

    /// Finds a request by `NAME` as the CLI takes it: a path inside a collection, or, with
    /// several collections loaded, prefixed with the collection name.
    pub fn find(&self, name: &str) -> Result<RequestId, FindError> {
        let mut found = Vec::new();
        for (i, collection) in self.collections.iter().enumerate() {
            let path = RequestPath::parse(name);
            if collection.find(&path).is_some() {
                found.push(RequestId::new(i, path));
            } else if let Some(rest) = name.strip_prefix(&format!("{}/", collection.name)) {
                let path = RequestPath::parse(rest);
                if collection.find(&path).is_some() {
                    found.push(RequestId::new(i, path));
                }
            }
        }
        // A bare name finds the request of that name in any folder, when only one has it.
        if found.is_empty() && !name.contains('/') {
            let named = self.requests_where(|path| path.name() == name);
            match named.as_slice() {
                [one] => return Ok(one.clone()),
                [] => {}
                many => {
                    return Err(FindError::InSeveralFolders {
                        name: name.to_owned(),
                        paths: many.iter().map(|id| format!("`{}`", id.path)).collect(),
                    });
                }
            }
        }
        match found.len() {
            1 => Ok(found.remove(0)),
            0 => {
                let all: Vec<String> = self
                    .collections
                    .iter()
                    .flat_map(|c| c.requests().into_iter().map(|(p, _)| p.to_string()))
                    .collect();
                let close = crate::suggest::closest(name, all.iter().map(String::as_str));
                Err(FindError::NoSuchRequest {
                    name: name.to_owned(),
                    closest: close.into_iter().next(),
                })
            }
            _ => Err(FindError::Ambiguous {
                name: name.to_owned(),
                collections: found
                    .iter()
                    .map(|id| self.collections[id.collection].name.clone())
                    .collect(),
            }),
        }
    }

    /// The collection a request belongs to.
    pub fn collection_of(&self, id: &RequestId) -> Option<&Collection> {
        self.collections.get(id.collection)
    }

    /// The OpenAPI description of a request's collection, when it names one that reads.
    pub fn api_of(&self, id: &RequestId) -> Option<&ApiDescription> {
        self.apis.get(id.collection)?.as_deref()
    }

    /// The request an id names, as the model has it now.
    pub fn request(&self, id: &RequestId) -> Option<&crate::collection::Request> {
        self.collection_of(id)?.find(&id.path)
    }

    /// `Demo API/Admin/Delete user`: the request's name with its collection's.
    pub fn full_name(&self, id: &RequestId) -> String {
        let collection = self.collection_of(id).map_or("", |c| c.name.as_str());
        format!("{collection}/{}", id.path)
    }
}

/// A request name that names no request, or more than one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    #[error("no request named `{name}`{}", closest.as_ref().map(|c| format!("; did you mean `{c}`?")).unwrap_or_default())]
    NoSuchRequest { name: String, closest: Option<String> },
    #[error(
        "`{name}` matches a request in several collections; prefix it with the collection name ({})",
        collections.join(", ")
    )]
    Ambiguous { name: String, collections: Vec<String> },
    #[error("`{name}` names requests in several folders; did you mean {}?", paths.join(" or "))]
    InSeveralFolders { name: String, paths: Vec<String> },
}

fn dotenv_path(collection: &Collection) -> PathBuf {
    collection.base_dir().join(".env")
}

/// Reads the `.env` beside a collection; a line that cannot be read is reported with the
/// load errors, at its line, and the rest of the file is used.
fn read_env(collection: &Collection, errors: &mut Vec<LoadError>) -> SystemEnv {
    let (env, problems) = SystemEnv::for_dir(&collection.base_dir());
    errors.extend(problems.into_iter().map(|e| LoadError {
        line: e.line,
        column: None,
        ..LoadError::whole_file(&e.path, LoadProblem::DotEnv(e.message))
    }));
    env
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::parse_collection;

    fn collection(path: &str, request: &str) -> Collection {
        parse_collection(
            &format!("requests:\n  - name: {request}\n    url: http://x\n"),
            Path::new(path),
        )
        .unwrap()
    }

    fn error(path: &str) -> LoadError {
        LoadError {
            path: path.into(),
            line: Some(1),
            column: Some(1),
            problem: crate::collection::LoadProblem::Invalid("broken".to_owned()),
        }
    }

    #[test]
    fn a_bare_name_finds_the_one_request_of_that_name_in_any_folder() {
        let text = "name: Shop\nrequests:\n  - folder: Auth\n    requests:\n      - name: Log in\n        url: https://a/\n  - folder: Admin\n    requests:\n      - name: Stats\n        url: https://a/\n      - name: Log in\n        url: https://b/\n  - name: Stats2\n    url: https://a/\n";
        let ws = Workspace::from_collections(vec![
            crate::collection::parse_collection(text, Path::new("s.yaml")).unwrap(),
        ]);
        assert_eq!(ws.find("Stats").unwrap().path.to_string(), "Admin/Stats");
        let err = ws.find("Log in").unwrap_err().to_string();
        assert_eq!(
            err,
            "`Log in` names requests in several folders; did you mean `Auth/Log in` or `Admin/Log in`?"
        );
        assert_eq!(ws.find("Auth/Log in").unwrap().path.to_string(), "Auth/Log in");
    }

    #[test]
    fn a_reloaded_file_replaces_its_collection_in_place() {
        let mut ws = Workspace::from_collections(vec![collection("a.yaml", "A"), collection("b.yaml", "B")]);
        assert_eq!(
            ws.put_file(Path::new("a.yaml"), Ok(collection("a.yaml", "A2"))),
            Some(0)
        );
        assert!(ws.collections[0].find(&RequestPath::parse("A2")).is_some());
        assert_eq!(ws.collections[1].source, Path::new("b.yaml"));
    }

    #[test]
    fn a_file_that_breaks_keeps_its_last_good_collection_until_it_loads_again() {
        let mut ws = Workspace::from_collections(vec![collection("a.yaml", "A")]);
        assert_eq!(
            ws.put_file(Path::new("a.yaml"), Err(vec![error("a.yaml")])),
            Some(0)
        );
        assert_eq!(ws.collections.len(), 1);
        assert_eq!(ws.errors.len(), 1);
        ws.put_file(Path::new("a.yaml"), Ok(collection("a.yaml", "A")));
        assert!(ws.errors.is_empty(), "fixing the file clears its errors");
    }

    #[test]
    fn a_broken_file_that_is_fixed_joins_at_the_end() {
        let mut ws = Workspace::from_collections(vec![collection("a.yaml", "A")]);
        ws.errors.push(error("b.yaml"));
        assert_eq!(
            ws.files(),
            [Path::new("a.yaml"), Path::new("b.yaml"), Path::new(".env")]
        );
        assert_eq!(
            ws.put_file(Path::new("b.yaml"), Ok(collection("b.yaml", "B"))),
            Some(1)
        );
        assert!(ws.errors.is_empty());
        // Its `.env` is tracked beside it (indexing would panic otherwise).
        let _ = ws.env(1);
    }

    #[test]
    fn one_dotenv_serves_every_collection_beside_it_and_is_read_again_only_when_asked() {
        use crate::template::EnvLookup;
        const NAME: &str = "APIBENCH_SESSION_TEST_DOTENV_ONLY";
        let dir = tempfile::tempdir().unwrap();
        let dotenv = dir.path().join(".env");
        let (a, b) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
        std::fs::write(&dotenv, format!("{NAME}=one\n")).unwrap();
        let mut ws = Workspace::from_collections(vec![
            collection(a.to_str().unwrap(), "A"),
            collection(b.to_str().unwrap(), "B"),
        ]);
        let value = |ws: &Workspace, i: usize| ws.env(i).lookup(NAME).map(|(v, _)| v);
        assert_eq!(
            (value(&ws, 0), value(&ws, 1)),
            (Some("one".into()), Some("one".into()))
        );
        assert_eq!(
            ws.files(),
            [a.clone(), b.clone(), dotenv.clone()],
            "the .env watched once for both"
        );

        std::fs::write(&dotenv, format!("{NAME}=two\n")).unwrap();
        ws.put_file(&a, Ok(collection(a.to_str().unwrap(), "A2")));
        assert_eq!(
            value(&ws, 0).as_deref(),
            Some("one"),
            "an edit does not read the .env again"
        );

        assert!(ws.reread_env(&dotenv));
        assert_eq!(
            (value(&ws, 0), value(&ws, 1)),
            (Some("two".into()), Some("two".into()))
        );
        assert!(!ws.reread_env(&dir.path().join("elsewhere/.env")));

        std::fs::write(&dotenv, "not a valid line ' \n").unwrap();
        ws.reread_env(&dotenv);
        ws.reread_env(&dotenv);
        assert_eq!(
            ws.errors.len(),
            1,
            "a broken .env is reported once: {:?}",
            ws.errors
        );
        assert_eq!(ws.errors[0].path, dotenv);
        assert_eq!((value(&ws, 0), value(&ws, 1)), (None, None));

        // Loading a folder whose .env is broken reports it once, not once per collection.
        let loaded = Workspace::from_collections(vec![
            collection(a.to_str().unwrap(), "A"),
            collection(b.to_str().unwrap(), "B"),
        ]);
        assert_eq!(loaded.errors.len(), 1, "{:?}", loaded.errors);
    }
}
