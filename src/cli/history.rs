//! `apibench history`: what apibench remembers of the exchanges it finished, from the TUI
//! and from `run` — list them (by request, status, time), show one (text, or JSON in the
//! shape of a `run --output json` result), diff two, prune the database.

use std::io::Write;
use std::time::{Duration, SystemTime};

use anstyle::{AnsiColor, Style};
use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::error::CliError;
use super::{OutputFormat, exit};
use crate::history::record::Tone;
use crate::history::{Filter, Prune, Store, Summary};
use crate::{format, sanitize};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const RED: Style = AnsiColor::Red.on_default();
const GREEN: Style = AnsiColor::Green.on_default();

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub command: Option<HistoryCommand>,
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// List exchanges, newest first (the default).
    List(ListArgs),
    /// Show one exchange: what was sent, what came back, its checklist.
    Show(ShowArgs),
    /// Compare two exchanges: status, headers, and the JSON body path by path.
    Diff(DiffArgs),
    /// Remove the oldest exchanges, keeping the last few of every request.
    Prune(PruneArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this request: its path (`Auth/Log in`), with `*` and `?` as wildcards.
    #[arg(long, short = 'r', value_name = "PATTERN")]
    pub request: Option<String>,
    /// Only this status (`404`), class (`4xx`), or `failed` (no response).
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Only the last DURATION (`1h`, `2 days` is not a duration: `48h`).
    #[arg(long, value_name = "DURATION", value_parser = crate::format::parse_duration)]
    pub since: Option<Duration>,
    /// At most this many.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The exchange's number, as `history list` shows it (`#12` or `12`).
    #[arg(value_parser = parse_id)]
    pub id: i64,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[arg(value_parser = parse_id)]
    pub older: i64,
    #[arg(value_parser = parse_id)]
    pub newer: i64,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Keep the database's exchanges under this size (`100MB`).
    #[arg(long, value_name = "SIZE", value_parser = crate::format::parse_size, default_value = "256MiB")]
    pub max_size: u64,
    /// Always keep the last N exchanges of every request.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub keep: usize,
    /// Remove anything older than this (`30d` is not a duration: `720h`).
    #[arg(long, value_name = "DURATION", value_parser = crate::format::parse_duration)]
    pub older_than: Option<Duration>,
}

fn parse_id(text: &str) -> Result<i64, String> {
    text.trim_start_matches('#')
        .parse()
        .map_err(|_| format!("`{text}` is not an exchange number (see `apibench history list`)"))
}

pub fn history(args: &HistoryArgs) -> Result<u8, CliError> {
    let path = crate::history::default_path().ok_or_else(|| {
        CliError::History(crate::history::HistoryError::Database {
            path: "history.sqlite3".into(),
            error: "no data directory: set APIBENCH_DATA_DIR".to_owned(),
        })
    })?;
    let mut store = Store::open(&path).map_err(CliError::History)?;
    let mut out = anstream::stdout();
    let written = match &args.command {
        None => list(
            &store,
            &ListArgs {
                request: None,
                status: None,
                since: None,
                limit: 50,
                output: OutputFormat::Text,
            },
            &mut out,
        ),
        Some(HistoryCommand::List(a)) => list(&store, a, &mut out),
        Some(HistoryCommand::Show(a)) => show(&store, a, &mut out),
        Some(HistoryCommand::Diff(a)) => diff(&store, a, &mut out),
        Some(HistoryCommand::Prune(a)) => {
            let policy = Prune {
                max_bytes: a.max_size,
                keep_per_request: a.keep,
                older_than: a.older_than,
            };
            let (removed, freed) = store
                .prune(policy, SystemTime::now())
                .map_err(CliError::History)?;
            writeln!(
                out,
                "removed {}, {} freed",
                format::count(removed, "exchange", "exchanges"),
                format::bytes(freed)
            )
            .map_err(|_| ())
            .ok();
            Ok(())
        }
    };
    written?;
    Ok(exit::OK)
}

fn list(store: &Store, a: &ListArgs, out: &mut impl Write) -> Result<(), CliError> {
    let filter = Filter {
        request: a.request.clone(),
        status: a.status.clone(),
        since: a.since.and_then(|d| SystemTime::now().checked_sub(d)),
        file: None,
        limit: Some(a.limit),
    };
    let found = store.list(&filter).map_err(CliError::History)?;
    if a.output == OutputFormat::Json {
        let rows: Vec<Value> = found.iter().map(summary_json).collect();
        let _ = writeln!(
            out,
            "{}",
            sanitize::escape_json_controls(
                &serde_json::to_string_pretty(&json!({"exchanges": rows})).unwrap_or_default()
            )
        );
        return Ok(());
    }
    if found.is_empty() {
        let _ = writeln!(
            out,
            "{DIM}no exchanges in the history{}{DIM:#}",
            if a.request.is_some() || a.status.is_some() || a.since.is_some() {
                " that match"
            } else {
                ""
            }
        );
        return Ok(());
    }
    for s in &found {
        let outcome = match (s.status, &s.failure) {
            (Some(status), _) => status.to_string(),
            (None, Some(kind)) => kind.clone(),
            (None, None) => "—".to_owned(),
        };
        let style = match (s.met, s.status) {
            (Some(false), _) | (None, None) | (_, Some(400..)) => RED,
            _ => GREEN,
        };
        let took = s.duration.map(format::elapsed).unwrap_or_default();
        let env = s
            .environment
            .as_deref()
            .map(|e| format!(", {}", sanitize::for_terminal(e, false)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{DIM}#{:<5}{DIM:#} {} {style}{outcome:>5}{style:#} {took:>9}  {BOLD}{}/{}{BOLD:#} {DIM}({}{env}){DIM:#}",
            s.id,
            local_time(s.at),
            sanitize::for_terminal(&s.collection, false),
            sanitize::for_terminal(&s.request, false),
            s.origin,
        );
        if let Some(first) = &s.first_fail {
            let _ = writeln!(
                out,
                "        {RED}✘ {}{RED:#}",
                sanitize::for_terminal(first, false)
            );
        }
    }
    Ok(())
}

fn show(store: &Store, a: &ShowArgs, out: &mut impl Write) -> Result<(), CliError> {
    let (s, record) = store.get(a.id).map_err(CliError::History)?;
    if a.output == OutputFormat::Json {
        let _ = writeln!(
            out,
            "{}",
            sanitize::escape_json_controls(&serde_json::to_string_pretty(&record).unwrap_or_default())
        );
        return Ok(());
    }
    let _ = writeln!(
        out,
        "{BOLD}#{} {}/{}{BOLD:#} {DIM}{} ({}){DIM:#}",
        s.id,
        sanitize::for_terminal(&s.collection, false),
        sanitize::for_terminal(&s.request, false),
        local_time(s.at),
        s.origin
    );
    for (tone, line) in crate::history::record::described(&record) {
        let style = match tone {
            Tone::Plain => Style::new(),
            Tone::Miss => RED,
            Tone::Quiet => DIM,
        };
        let _ = writeln!(out, "  {style}{}{style:#}", sanitize::for_terminal(&line, false));
    }
    Ok(())
}

fn diff(store: &Store, a: &DiffArgs, out: &mut impl Write) -> Result<(), CliError> {
    let (_, older) = store.get(a.older).map_err(CliError::History)?;
    let (_, newer) = store.get(a.newer).map_err(CliError::History)?;
    let changes = crate::history::diff::between(&older, &newer);
    if a.output == OutputFormat::Json {
        let _ = writeln!(
            out,
            "{}",
            sanitize::escape_json_controls(
                &serde_json::to_string_pretty(&changes.to_json()).unwrap_or_default()
            )
        );
        return Ok(());
    }
    if changes.is_empty() {
        let _ = writeln!(
            out,
            "{DIM}#{} and #{} got the same status, headers and body{DIM:#}",
            a.older, a.newer
        );
        return Ok(());
    }
    let _ = writeln!(out, "{BOLD}#{} → #{}{BOLD:#}", a.older, a.newer);
    for line in changes.lines() {
        let _ = writeln!(out, "  {}", sanitize::for_terminal(&line, false));
    }
    Ok(())
}

fn summary_json(s: &Summary) -> Value {
    json!({
        "id": s.id,
        "at": jiff::Timestamp::try_from(s.at).map(|t| t.to_string()).unwrap_or_default(),
        "file": s.file.display().to_string(),
        "collection": s.collection,
        "request": s.request,
        "environment": s.environment,
        "origin": s.origin,
        "method": s.method,
        "url": s.url,
        "status": s.status,
        "failure": s.failure,
        "elapsed_ms": s.duration.map(|d| (d.as_secs_f64() * 10_000.0).round() / 10.0),
        "first_fail": s.first_fail,
        "expectation_met": s.met,
        "bytes": s.bytes,
    })
}

/// `2026-12-05 16:03:11`, in the local time zone.
fn local_time(at: SystemTime) -> String {
    jiff::Zoned::try_from(at).map_or_else(|_| String::new(), |z| z.strftime("%Y-%m-%d %H:%M:%S").to_string())
}
