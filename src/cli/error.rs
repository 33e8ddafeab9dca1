//! The one place a command's failure becomes what the person reads and the exit status the
//! shell sees: the message, a hint where one helps, and the code.

use std::fmt;

use crate::collection::LoadError;
use crate::request::PrepareError;
use crate::session::FindError;

/// Exit codes, in one place.
pub mod exit {
    /// Every request met its expectation.
    pub const OK: u8 = 0;
    /// A request failed or missed its expectation, or the command hit a runtime error.
    pub const FAILED: u8 = 1;
    /// Bad usage, or collections that do not load.
    pub const USAGE: u8 = 2;
    /// Stopped by ctrl-c before every request was sent (what was sent is still reported).
    pub const INTERRUPTED: u8 = 3;
}

/// Why a command stopped before doing its work.
#[derive(Debug)]
pub enum CliError {
    /// Nothing could be loaded from the path (each problem is located).
    NothingLoaded(Vec<LoadError>),
    /// `check` found problems (they were listed as found).
    ProblemsFound(usize),
    /// `run` was not told which requests to send.
    NoRequestsChosen,
    /// A `--request` names no request, or several.
    Find(FindError),
    /// A `--tag` no request carries.
    NoSuchTag { tag: String, known: Vec<String> },
    /// The history database could not be opened or read.
    History(crate::history::HistoryError),
    /// A `--report` file could not be written.
    Report {
        path: std::path::PathBuf,
        error: std::io::Error,
    },
    /// `explain` was given an id the catalogue does not have (the message names the
    /// closest ones).
    UnknownCheck(String),
    /// `--env` names an environment a collection does not define.
    Environment(PrepareError),
    /// The demo API could not listen.
    Listen { port: u16, error: std::io::Error },
    /// The async runtime could not start.
    Runtime(std::io::Error),
    /// An import or export could not be done (the message says why).
    Import(String),
    /// `apibench` was started where there is no `collections` folder and no path was given.
    NoCollections,
    /// The terminal UI stopped on an error.
    Terminal(std::io::Error),
    /// The TUI was asked for where there is no terminal to draw it on.
    NoTerminal,
    /// Stdout was closed (`run … | head -1`) or cannot be written: the run stopped before its
    /// next request.
    StdoutClosed(std::io::Error),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::NothingLoaded(errors) => {
                let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                f.write_str(&lines.join("\n"))
            }
            CliError::ProblemsFound(n) => {
                write!(f, "{} found", crate::format::count(*n, "problem", "problems"))
            }
            CliError::NoRequestsChosen => f.write_str(
                "apibench: say which requests to send: --request NAME, --tag TAG (both repeatable) or --all",
            ),
            CliError::Find(error) => write!(f, "apibench: {error}"),
            CliError::NoSuchTag { tag, known } if known.is_empty() => {
                write!(f, "apibench: no request is tagged `{tag}` (no request has tags)")
            }
            CliError::NoSuchTag { tag, known } => write!(
                f,
                "apibench: no request is tagged `{tag}` (the tags are {})",
                known
                    .iter()
                    .map(|t| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            CliError::History(error) => write!(f, "apibench: {error}"),
            CliError::Report { path, error } => {
                write!(f, "apibench: cannot write the report {}: {error}", path.display())
            }
            CliError::Environment(error) => write!(f, "apibench: {error}"),
            CliError::UnknownCheck(message) => f.write_str(message),
            CliError::Listen { port, error } => {
                write!(f, "apibench: cannot listen on 127.0.0.1:{port}: {error}")
            }
            CliError::Runtime(error) => write!(f, "apibench: cannot start the async runtime: {error}"),
            CliError::Terminal(error) => write!(f, "apibench: {error}"),
            CliError::Import(message) => write!(f, "apibench: {message}"),
            CliError::NoCollections => f.write_str(
                "apibench: there are no collections here (no ./collections folder, and no file or folder was named)",
            ),
            CliError::NoTerminal => {
                f.write_str("apibench: the workbench needs a terminal, and stdin or stdout is not one")
            }
            CliError::StdoutClosed(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
                f.write_str("apibench: stdout was closed; stopped there (a run sends nothing more)")
            }
            CliError::StdoutClosed(error) => write!(
                f,
                "apibench: cannot write to stdout ({error}); stopped there (a run sends nothing more)"
            ),
        }
    }
}

impl CliError {
    /// What to try next, when there is something useful to say.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            CliError::Listen { error, .. } if error.kind() == std::io::ErrorKind::AddrInUse => {
                Some("another demo may be running; pick another port with --port, or 0 for any free one")
            }
            CliError::NoCollections => Some(
                "`apibench init` writes a starter collection to edit; `apibench demo` tries everything \
                 against a built-in API; `apibench import curl '<command>' --into collections/api.yaml` \
                 brings a request in; `apibench PATH` opens a collection file or folder elsewhere",
            ),
            CliError::NoTerminal => Some(
                "to send requests without one, use `apibench run FILE --request NAME` (or --all); \
                 `apibench demo --no-tui` serves the demo API alone",
            ),
            _ => None,
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::NothingLoaded(_)
            | CliError::ProblemsFound(_)
            | CliError::NoRequestsChosen
            | CliError::Find(_)
            | CliError::NoSuchTag { .. }
            | CliError::Report { .. }
            | CliError::UnknownCheck(_)
            | CliError::Environment(_)
            | CliError::NoTerminal
            | CliError::Import(_)
            | CliError::NoCollections
            | CliError::History(crate::history::HistoryError::NoSuchExchange(_)) => exit::USAGE,
            CliError::Listen { .. }
            | CliError::Runtime(_)
            | CliError::Terminal(_)
            | CliError::History(_)
            | CliError::StdoutClosed(_) => exit::FAILED,
        }
    }
}

/// Prints `error` (and its hint) on stderr and returns the exit code for it.
pub fn report(error: &CliError) -> u8 {
    // Messages quote collection names and file text: shown inert.
    eprintln!("{}", crate::sanitize::for_terminal(&error.to_string(), true));
    if let Some(hint) = error.hint() {
        eprintln!("hint: {hint}");
    }
    error.exit_code()
}

/// Writes `text` to stdout, whole: a closed stdout (`apibench explain | head -1`) is
/// [`CliError::StdoutClosed`], never the panic `print!` would make of it.
pub fn print_stdout(text: &str) -> Result<(), CliError> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(CliError::StdoutClosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_errors_exit_2_and_runtime_errors_exit_1_with_a_hint_where_it_helps() {
        assert_eq!(CliError::NoRequestsChosen.exit_code(), exit::USAGE);
        let busy = CliError::Listen {
            port: 8787,
            error: std::io::Error::from(std::io::ErrorKind::AddrInUse),
        };
        assert_eq!(busy.exit_code(), exit::FAILED);
        assert!(busy.hint().is_some_and(|h| h.contains("--port")));
        let refused = CliError::Listen {
            port: 80,
            error: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        assert_eq!(refused.hint(), None);
    }
}
