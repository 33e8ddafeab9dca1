//! What can be wrong with a collection file, and where: the one error type of loading.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem with a collection file (or the `.env` beside it), located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    /// 1-based; `None` when the problem is with the file as a whole.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub problem: LoadProblem,
}

/// What is wrong. The text of each is what a person reads after `path:line:column: `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadProblem {
    #[error("cannot open: {0}")]
    CannotOpen(String),
    #[error("cannot list the folder: {0}")]
    CannotList(String),
    #[error("no *.yaml or *.yml collection files in this folder")]
    NoCollectionFiles,
    #[error("cannot read: {0}")]
    CannotRead(String),
    #[error("the file is empty; expected a collection with `requests:`")]
    Empty,
    /// Nested deeper than a collection ever needs: refused before parsing, which could take
    /// minutes.
    #[error(
        "nested more than {} levels deep (blocks and brackets together); a collection never needs so many",
        super::MAX_NESTING
    )]
    TooDeep,
    /// Not YAML, or not the shape of a collection (serde's reading, made friendlier).
    #[error("{0}")]
    Syntax(String),
    /// YAML of the right shape whose content is wrong: a duplicate name, a bad template.
    #[error("{0}")]
    Invalid(String),
    /// The `.env` file beside the collection cannot be read.
    #[error("{0}")]
    DotEnv(String),
}

impl LoadError {
    /// A problem with the file as a whole, at no line.
    pub fn whole_file(path: &Path, problem: LoadProblem) -> Self {
        Self {
            path: path.to_path_buf(),
            line: None,
            column: None,
            problem,
        }
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> String {
        self.problem.to_string()
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for LoadError {}
