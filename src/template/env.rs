//! `{{ env.NAME }}`: the process environment first, then a `.env` file beside the collection.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::render::{EnvLookup, Origin};

/// The environment as seen by one collection.
#[derive(Debug, Clone, Default)]
pub struct SystemEnv {
    dotenv: Option<(PathBuf, HashMap<String, String>)>,
}

/// A `.env` file, or one line of it, that cannot be read. The message never quotes a value:
/// the file is where secrets live.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct DotEnvError {
    pub path: PathBuf,
    /// The line (from 1), when one line is the problem.
    pub line: Option<usize>,
    pub message: String,
}

impl SystemEnv {
    /// The process environment plus `.env` in `dir`, if there is one, and what in it could
    /// not be read: a line that does not parse is reported (by number and name, never its
    /// value) and skipped, and every other line is kept.
    pub fn for_dir(dir: &Path) -> (Self, Vec<DotEnvError>) {
        let path = dir.join(".env");
        if !path.is_file() {
            return (Self::default(), Vec::new());
        }
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                let error = DotEnvError {
                    path,
                    line: None,
                    message: e.to_string(),
                };
                return (Self::default(), vec![error]);
            }
        };
        let mut values = HashMap::new();
        let mut errors = Vec::new();
        for item in dotenvy::from_read_iter(text.as_bytes()) {
            match item {
                Ok((key, value)) => {
                    values.insert(key, value);
                }
                Err(dotenvy::Error::LineParse(bad, at)) => {
                    // dotenvy quotes what follows the `=`: the value, never to be shown. The
                    // line is found by it, and named by its key.
                    let value = bad.lines().next().unwrap_or_default().trim();
                    let line = (!value.is_empty())
                        .then(|| text.lines().position(|l| l.contains(value)))
                        .flatten();
                    let setting = match line.and_then(|l| text.lines().nth(l)) {
                        // Named by its key only when it has one: a token pasted on a line of
                        // its own would be quoted whole.
                        Some(l) if l.contains('=') => format!("the line setting `{}`", dotenv_key(l)),
                        Some(_) => "a line without `=`".to_owned(),
                        None => "a line".to_owned(),
                    };
                    errors.push(DotEnvError {
                        path: path.clone(),
                        line: line.map(|l| l + 1),
                        message: format!("cannot read {setting} (at character {}); it was skipped", at + 1),
                    });
                }
                Err(other) => errors.push(DotEnvError {
                    path: path.clone(),
                    line: None,
                    message: other.to_string(),
                }),
            }
        }
        let env = Self {
            dotenv: Some((path, values)),
        };
        (env, errors)
    }
}

/// A line that is not read, as an error quotes it: its key (up to `=` or a space, after any
/// `export`) and never its value, which may be a secret (`Authorization Bearer eyJ…`); a long
/// key (a token on a line of its own) only by its start.
pub fn dotenv_key(line: &str) -> String {
    let line = line.trim();
    let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
    let key = line
        .split(|c: char| c.is_whitespace() || c == '=')
        .next()
        .unwrap_or_default();
    if key.chars().count() > 24 {
        format!("{}…", key.chars().take(8).collect::<String>())
    } else {
        key.to_owned()
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
        let env = SystemEnv::for_dir(dir.path()).0;
        let (value, origin) = env.lookup("APIBENCH_TEST_ONLY_IN_DOTENV").unwrap();
        assert_eq!(value, "from-file");
        assert_eq!(origin, Origin::DotEnv(dir.path().join(".env")));
    }

    #[test]
    fn process_environment_wins_over_dotenv() {
        let dir = tempfile::tempdir().unwrap();
        // PATH is set in every test process; a .env value must not shadow it.
        std::fs::write(dir.path().join(".env"), "PATH=from-file\n").unwrap();
        let env = SystemEnv::for_dir(dir.path()).0;
        let (value, origin) = env.lookup("PATH").unwrap();
        assert_ne!(value, "from-file");
        assert_eq!(origin, Origin::ProcessEnv);
    }

    #[test]
    fn missing_dotenv_is_fine_and_unknown_names_are_none() {
        let dir = tempfile::tempdir().unwrap();
        let env = SystemEnv::for_dir(dir.path()).0;
        assert!(env.lookup("APIBENCH_TEST_SURELY_UNSET_42").is_none());
    }

    #[test]
    fn broken_dotenv_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".env"), "GOOD=1\nthis line is = not valid\n").unwrap();
        let (env, errors) = SystemEnv::for_dir(dir.path());
        assert_eq!(errors[0].path, dir.path().join(".env"));
        assert_eq!(errors[0].line, Some(2));
        assert_eq!(env.lookup("GOOD").map(|(v, _)| v).as_deref(), Some("1"));
    }

    #[test]
    fn a_bad_dotenv_line_is_reported_by_number_without_its_value_and_the_rest_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(".env"),
            "APIBENCH_TEST_BEFORE=one\nAPIBENCH_TEST_BROKEN=s3cr3t value oops\nAPIBENCH_TEST_AFTER=two\n",
        )
        .unwrap();
        let (env, errors) = SystemEnv::for_dir(dir.path());
        assert_eq!(env.lookup("APIBENCH_TEST_BEFORE").unwrap().0, "one");
        assert_eq!(env.lookup("APIBENCH_TEST_AFTER").unwrap().0, "two");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, Some(2));
        assert!(
            errors[0].message.contains("APIBENCH_TEST_BROKEN"),
            "{}",
            errors[0].message
        );
        assert!(!errors[0].to_string().contains("s3cr3t"), "{}", errors[0]);
    }

    #[test]
    fn a_dotenv_line_without_an_equals_sign_is_not_quoted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".env"), "GOOD=1\nghp_s3cr3tToken0123 oops\n").unwrap();
        let (_, errors) = SystemEnv::for_dir(dir.path());
        let said: String = errors.iter().map(ToString::to_string).collect();
        assert!(!said.contains("s3cr3t"), "{said}");
    }
}
