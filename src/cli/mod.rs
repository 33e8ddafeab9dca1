//! The command line: parse, dispatch, map outcomes to exit codes.
//!
//! Exit status: 0 when every request met its expectation; 1 when any did not or failed at
//! the network level (or a runtime error stopped the command); 2 for usage errors and
//! collections that do not load. Diagnostics go to stderr, results to stdout.

mod check;
mod complete;
mod demo;
mod error;
mod explain;
mod history;
mod interop;
mod json;
mod ran;
mod report;
mod run;
mod start;

pub use start::STARTER;
mod text;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::collection::Variables;
use crate::template::{SyntaxError, Template};

/// A keyboard-driven terminal workbench for HTTP APIs that tells you why a request failed.
#[derive(Debug, Parser)]
#[command(name = "apibench", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Collection file or folder to open (default: ./collections).
    pub path: Option<PathBuf>,
    /// Open with this environment (else the one used last time on this path, if any).
    #[arg(long = "env", short = 'e', value_name = "NAME", add = clap_complete::ArgValueCompleter::new(complete::environments))]
    pub environment: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the embedded demo API on 127.0.0.1 and open collections/demo.yaml against it.
    Demo(DemoArgs),
    /// Send requests headless and print each exchange with its checklist.
    Run(RunArgs),
    /// Load and validate collections; print every problem as path:line:col.
    Check(CheckArgs),
    /// Print a check of the checklist: what it inspects, why it matters, how to fix it.
    Explain(ExplainArgs),
    /// What apibench remembers: list past exchanges, show one, diff two, prune.
    History(history::HistoryArgs),
    /// Bring a request in from another tool's format: `import curl '<command>' --into FILE`.
    Import(interop::ImportArgs),
    /// Print a request in another tool's format: `export curl FILE --request NAME`.
    Export(interop::ExportArgs),
    /// Start a collection here: a commented `collections/api.yaml` and `.env.example`.
    Init(start::InitArgs),
    /// Print the completion script for a shell: `apibench completions bash > …`.
    Completions(start::CompletionsArgs),
    /// Print the manual page (roff): `apibench man > apibench.1`.
    Man,
    /// Print the collection format's JSON Schema (for editors: `# yaml-language-server: $schema=…`).
    Schema,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Port on 127.0.0.1 (0 picks any free port).
    #[arg(long, default_value_t = crate::demo::DEFAULT_PORT)]
    pub port: u16,
    /// Only serve the API, printing its base URL, until interrupted.
    #[arg(long)]
    pub no_tui: bool,
    /// Write the built-in demo collection to collections/demo.yaml here (when it is not
    /// there yet) and open that file, so edits can be saved.
    #[arg(long)]
    pub write_collection: bool,
}

#[derive(Debug, Args)]
#[expect(clippy::struct_excessive_bools, reason = "clap flags, each its own switch")]
pub struct RunArgs {
    /// Collection file or folder.
    pub path: PathBuf,
    /// A request to send, by path (`Create user`, `Admin/Delete user`); repeatable.
    #[arg(long = "request", short = 'r', value_name = "NAME", add = clap_complete::ArgValueCompleter::new(complete::requests))]
    pub requests: Vec<String>,
    /// Send every request of every collection, in file order.
    #[arg(long, conflicts_with = "requests")]
    pub all: bool,
    #[command(flatten)]
    pub values: ValueArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
    /// Show credentials in the output instead of masking them.
    #[arg(long)]
    pub show_secrets: bool,
    /// Stop at the first request that does not meet its expectation.
    #[arg(long)]
    pub fail_fast: bool,
    /// Send the chosen requests this many times over, in order.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,
    /// Wait this long between requests (`500ms`, `2s`); with --jobs, between starts.
    #[arg(long, value_name = "DURATION", value_parser = crate::format::parse_duration)]
    pub delay: Option<std::time::Duration>,
    /// Send the requests tagged TAG (themselves or through a folder); repeatable.
    #[arg(long = "tag", short = 't', value_name = "TAG", conflicts_with = "all")]
    pub tags: Vec<String>,
    /// Send up to N requests at once; a request that reads another's response or capture
    /// still waits for it, and the output stays in order.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: u16,
    /// Retry a 429, a 503 or a connection failure up to N times, waiting as the server says
    /// (Retry-After, then its rate-limit reset, else exponential backoff with jitter).
    /// POST and PATCH are retried only with an Idempotency-Key header or `idempotent: true`.
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub retry: u32,
    /// Do not keep this run's exchanges in the history (`apibench history`).
    #[arg(long)]
    pub no_history: bool,
    /// Write a report too: `junit=FILE`, `tap=FILE` or `json=FILE`; repeatable.
    #[arg(long = "report", value_name = "KIND=FILE", value_parser = report::parse_target)]
    pub reports: Vec<report::Target>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Collection file or folder.
    pub path: PathBuf,
    #[command(flatten)]
    pub values: ValueArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The check's id, as a checklist shows it (`429.retry-after`); without one, every check.
    #[arg(value_name = "CHECK-ID")]
    pub id: Option<String>,
    /// List every check with its title.
    #[arg(long, conflicts_with = "id")]
    pub list: bool,
}

/// The environment and variable overrides, shared by `run` and `check`.
#[derive(Debug, Args, Clone, Default)]
pub struct ValueArgs {
    /// The environment to use (from the collection's `environments`).
    #[arg(long = "env", short = 'e', value_name = "NAME", add = clap_complete::ArgValueCompleter::new(complete::environments))]
    pub environment: Option<String>,
    /// Set a variable, overriding every value in the file; repeatable.
    #[arg(long = "var", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub vars: Vec<(String, Template)>,
}

impl ValueArgs {
    pub fn overrides(&self) -> Variables {
        self.vars.iter().cloned().collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum OutputFormat {
    #[default]
    Text,
    Json,
}

/// Why a `--var` argument was refused.
#[derive(Debug, thiserror::Error)]
enum VarArgError {
    #[error("`{0}` should look like KEY=VALUE")]
    NoEquals(String),
    #[error("`{0}` has an empty name before `=`")]
    EmptyName(String),
    #[error("the value of `{name}` is not a valid template: {error}")]
    BadTemplate { name: String, error: SyntaxError },
}

fn parse_key_value(text: &str) -> Result<(String, Template), VarArgError> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| VarArgError::NoEquals(text.to_owned()))?;
    let name = key.trim();
    if name.is_empty() {
        return Err(VarArgError::EmptyName(text.to_owned()));
    }
    let value = Template::parse(value).map_err(|error| VarArgError::BadTemplate {
        name: name.to_owned(),
        error,
    })?;
    Ok((name.to_owned(), value))
}

pub use error::exit;
use error::{CliError, report};

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    // A shell asking for completions (`COMPLETE=bash apibench -- …`) is answered and exits.
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command).complete();
    let cli = Cli::parse();
    let result = match cli.command {
        // One request at a time on one thread, as `curl -K` does: no hand-off between a
        // worker that sends and a thread that reports (1,000 GETs: 0.41 s -> 0.28 s).
        Some(Command::Run(args)) => {
            let runtime = if args.jobs == 1 {
                tokio::runtime::Builder::new_current_thread()
            } else {
                tokio::runtime::Builder::new_multi_thread()
            };
            block_on_in(runtime, run::run(&args))
        }
        Some(Command::Check(args)) => check::check(&args),
        Some(Command::Explain(args)) => explain::explain(&args),
        Some(Command::History(args)) => history::history(&args),
        Some(Command::Import(args)) => interop::import(&args),
        Some(Command::Export(args)) => interop::export(&args),
        Some(Command::Init(args)) => start::init(&args),
        Some(Command::Completions(args)) => start::completions(&args),
        Some(Command::Man) => start::man(),
        Some(Command::Schema) => error::print_stdout(&start::schema_text()).map(|()| error::exit::OK),
        Some(Command::Demo(args)) => block_on(demo::demo(&args)),
        None if cli.path.is_none() && start::nothing_here() => Err(CliError::NoCollections),
        None => block_on(open(
            cli.path.unwrap_or_else(|| PathBuf::from("collections")),
            cli.environment,
        )),
    };
    ExitCode::from(result.unwrap_or_else(|error| report(&error)))
}

/// Runs a command that sends, serves or draws on a fresh async runtime; `check` and `--help`
/// never start one.
fn block_on(command: impl std::future::Future<Output = Result<u8, CliError>>) -> Result<u8, CliError> {
    block_on_in(tokio::runtime::Builder::new_multi_thread(), command)
}

/// [`block_on`] on a runtime from `builder` (one thread, for a run that sends one at a time).
fn block_on_in(
    mut builder: tokio::runtime::Builder,
    command: impl std::future::Future<Output = Result<u8, CliError>>,
) -> Result<u8, CliError> {
    builder
        .enable_all()
        .build()
        .map_err(CliError::Runtime)?
        .block_on(command)
}

/// `apibench [PATH]`: the TUI on a collection file or folder. Files that fail to load are
/// listed in the tree with their position; the others open.
async fn open(path: PathBuf, environment: Option<String>) -> Result<u8, CliError> {
    let workspace = crate::session::Workspace::load(&path);
    if workspace.collections.is_empty() && workspace.errors.iter().all(|e| e.line.is_none()) {
        // Nothing to show: the path itself is wrong.
        return Err(CliError::NothingLoaded(workspace.errors));
    }
    if let Some(name) = &environment
        && let Some(first) = workspace.collections.first()
        && !workspace
            .collections
            .iter()
            .any(|c| c.environments.contains_key(name))
    {
        return Err(CliError::Environment(
            crate::request::environment(first, name).err().unwrap_or(
                crate::request::PrepareError::UnknownEnvironment {
                    name: name.clone(),
                    collection: first.name.clone(),
                    available: Vec::new(),
                },
            ),
        ));
    }
    need_terminal()?;
    let options = crate::tui::Options {
        environment,
        remember_as: Some(path),
        ..crate::tui::Options::default()
    };
    let ended = crate::tui::run(workspace, options)
        .await
        .map_err(CliError::Terminal)?;
    Ok(exit_for(ended))
}

/// A session stopped from outside with unsaved edits ends in failure (the edits were
/// written beside their files, and stderr says where).
pub(crate) fn exit_for(ended: crate::tui::Ended) -> u8 {
    match ended {
        crate::tui::Ended::Quit => exit::OK,
        crate::tui::Ended::StoppedWithUnsavedEdits => exit::FAILED,
    }
}

/// The TUI draws on stdout and reads keys from stdin: both must be a terminal, or it says so
/// and points at what works without one, rather than failing half-way into raw mode.
fn need_terminal() -> Result<(), CliError> {
    use std::io::IsTerminal as _;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(CliError::NoTerminal)
    }
}
