//! `{{ env.NAME }}`: the process environment first, then a `.env` file beside the collection.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::render::{EnvLookup, Origin};

/// The environment as seen by one collection.
#[derive(Debug, Clone, Default)]
pub struct SystemEnv {
    dotenv: Option<(PathBuf, HashMap<String, String>)>,
}

/// A `.env` file that exists but cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct DotEnvError {
    pub path: PathBuf,
    pub message: String,
}

impl SystemEnv {
    /// The process environment plus `.env` in `dir`, if there is one.
    pub fn for_dir(dir: &Path) -> Result<Self, DotEnvError> {
        let path = dir.join(".env");
        if !path.is_file() {
            return Ok(Self::default());
        }
        let iter = dotenvy::from_path_iter(&path).map_err(|e| DotEnvError {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let mut values = HashMap::new();
        for item in iter {
            let (key, value) = item.map_err(|e| DotEnvError {
                path: path.clone(),
                message: e.to_string(),
            })?;
            values.insert(key, value);
        }
        Ok(Self {
            dotenv: Some((path, values)),
        })
    }
}

impl EnvLookup for SystemEnv {
    fn lookup(&self, name: &str) -> Option<(String, Origin)> {
        if let Ok(value) = std::env::var(name) {
            return Some((value, Origin::ProcessEnv));
        }
        let (path, values) = self.dotenv.as_ref()?;
        values
            .get(name)
            .map(|v| (v.clone(), Origin::DotEnv(path.clone())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotenv_beside_the_collection_is_read_and_named_as_origin() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(".env"),
            "APIBENCH_TEST_ONLY_IN_DOTENV=from-file\n# comment\n",
        )
        .unwrap();
        let env = SystemEnv::for_dir(dir.path()).unwrap();
        let (value, origin) = env.lookup("APIBENCH_TEST_ONLY_IN_DOTENV").unwrap();
        assert_eq!(value, "from-file");
        assert_eq!(origin, Origin::DotEnv(dir.path().join(".env")));
    }

    #[test]
    fn process_environment_wins_over_dotenv() {
        let dir = tempfile::tempdir().unwrap();
        // PATH is set in every test process; a .env value must not shadow it.
        std::fs::write(dir.path().join(".env"), "PATH=from-file\n").unwrap();
        let env = SystemEnv::for_dir(dir.path()).unwrap();
        let (value, origin) = env.lookup("PATH").unwrap();
        assert_ne!(value, "from-file");
        assert_eq!(origin, Origin::ProcessEnv);
    }

    #[test]
    fn missing_dotenv_is_fine_and_unknown_names_are_none() {
        let dir = tempfile::tempdir().unwrap();
        let env = SystemEnv::for_dir(dir.path()).unwrap();
        assert!(env.lookup("APIBENCH_TEST_SURELY_UNSET_42").is_none());
    }

    #[test]
    fn broken_dotenv_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".env"), "GOOD=1\nthis line is = not valid\n").unwrap();
        let err = SystemEnv::for_dir(dir.path()).unwrap_err();
        assert_eq!(err.path, dir.path().join(".env"));
    }
}
