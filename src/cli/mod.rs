//! The command line: parse, dispatch, map outcomes to exit codes.
//!
//! Exit status: 0 when every request met its expectation; 1 when any did not or failed at
//! the network level (or a runtime error stopped the command); 2 for usage errors and
//! collections that do not load. Diagnostics go to stderr, results to stdout.

mod check;
mod demo;
mod explain;
mod json;
mod run;
mod text;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::collection::Variables;

/// A keyboard-driven terminal workbench for HTTP APIs that tells you why a request failed.
#[derive(Debug, Parser)]
#[command(name = "apibench", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Collection file or folder to open (default: ./collections).
    pub path: Option<PathBuf>,

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
    /// Print what a check of the checklist inspects, its verdicts and the standard it rests on.
    Explain(ExplainArgs),
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Port on 127.0.0.1 (0 picks any free port).
    #[arg(long, default_value_t = crate::demo::DEFAULT_PORT)]
    pub port: u16,
    /// Only serve the API, printing its base URL, until interrupted.
    #[arg(long)]
    pub no_tui: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Collection file or folder.
    pub path: PathBuf,
    /// A request to send, by path (`Create user`, `Admin/Delete user`); repeatable.
    #[arg(long = "request", short = 'r', value_name = "NAME")]
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
    #[arg(long = "env", short = 'e', value_name = "NAME")]
    pub environment: Option<String>,
    /// Set a variable, overriding every value in the file; repeatable.
    #[arg(long = "var", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub vars: Vec<(String, String)>,
}

impl ValueArgs {
    pub fn overrides(&self) -> Variables {
        self.vars.iter().cloned().collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

fn parse_key_value(text: &str) -> Result<(String, String), String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` should look like KEY=VALUE"))?;
    if key.trim().is_empty() {
        return Err(format!("`{text}` has an empty name before `=`"));
    }
    Ok((key.trim().to_owned(), value.to_owned()))
}

/// Exit codes, in one place.
pub mod exit {
    /// Every request met its expectation.
    pub const OK: u8 = 0;
    /// A request failed or missed its expectation, or the command hit a runtime error.
    pub const FAILED: u8 = 1;
    /// Bad usage, or collections that do not load.
    pub const USAGE: u8 = 2;
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Run(args)) => block_on(run::run(&args)),
        Some(Command::Check(args)) => check::check(&args),
        Some(Command::Explain(args)) => explain::explain(&args),
        Some(Command::Demo(args)) => block_on(demo::demo(&args)),
        None => block_on(open(cli.path.unwrap_or_else(|| PathBuf::from("collections")))),
    };
    ExitCode::from(code)
}

/// Runs a command that sends, serves or draws on a fresh async runtime; `check` and `--help`
/// never start one.
fn block_on(command: impl std::future::Future<Output = u8>) -> u8 {
    match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime.block_on(command),
        Err(error) => {
            eprintln!("apibench: cannot start the async runtime: {error}");
            exit::FAILED
        }
    }
}

/// `apibench [PATH]`: the TUI on a collection file or folder. Files that fail to load are
/// listed in the tree with their position; the others open.
async fn open(path: PathBuf) -> u8 {
    let workspace = crate::session::Workspace::load(&path);
    if workspace.collections.is_empty() && workspace.errors.iter().all(|e| e.line.is_none()) {
        // Nothing to show: the path itself is wrong.
        for error in &workspace.errors {
            eprintln!("{error}");
        }
        return exit::USAGE;
    }
    match crate::tui::run(workspace, crate::tui::Options::default()).await {
        Ok(()) => exit::OK,
        Err(error) => {
            eprintln!("apibench: {error}");
            exit::FAILED
        }
    }
}
