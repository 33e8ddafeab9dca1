//! `apibench run`: send requests headless — in order, or `--jobs N` at once with whatever
//! reads another request's response or capture still after it — and print each exchange with
//! what was expected, what came and its checklist; write the reports CI systems read.

mod plan;
mod retry;
mod select;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use tokio::task::JoinSet;

use super::error::CliError;
use super::ran::{FileKeys, Kept, Needs, Ran};
use super::{OutputFormat, RunArgs, exit, json, report, text};
use crate::diagnosis::{Clock, HistoryEntry};
use crate::expectation;
use crate::history::Attempt;
use crate::http::{Failure, FailureKind, Outcome, Phase, Timing};
use crate::request::environment;
use crate::session::{Exchanged, RequestId, Sent, Session, Workspace, keep_captured};
use retry::{Attempted, Decision};

pub async fn run(args: &RunArgs) -> Result<u8, CliError> {
    let workspace = Workspace::load(&args.path);
    if workspace.collections.is_empty() {
        return Err(CliError::NothingLoaded(workspace.errors));
    }
    // Files that do not load are said first; the others are still sent.
    for error in &workspace.errors {
        eprintln!("{}", crate::sanitize::for_terminal(&error.to_string(), false));
    }
    let targets = select::targets(&workspace, args)?;
    if let Some(name) = &args.values.environment {
        for id in &targets {
            environment(&workspace.collections[id.collection], name).map_err(CliError::Environment)?;
        }
    }
    // Report files are opened before anything is sent: a typo in a path costs nothing.
    let mut report_files = Vec::new();
    for target in &args.reports {
        let file = std::fs::File::create(&target.path).map_err(|error| CliError::Report {
            path: target.path.clone(),
            error,
        })?;
        report_files.push((target, file));
    }

    let rounds: Vec<RequestId> = std::iter::repeat_n(&targets, usize::try_from(args.repeat).unwrap_or(1))
        .flatten()
        .cloned()
        .collect();
    let session = Session {
        environment: args.values.environment.clone(),
        overrides: args.values.overrides(),
        ..Session::default()
    };
    let started = Instant::now();
    let workspace = Arc::new(workspace);
    let needs = Needs {
        json: args.output == OutputFormat::Json || args.reports.iter().any(|r| r.kind == report::Kind::Json),
        history: !args.no_history,
        case: args.reports.iter().any(|r| r.kind != report::Kind::Json),
    };
    let printer = Printer {
        workspace: Arc::clone(&workspace),
        show_secrets: args.show_secrets,
        output: args.output,
        environment: args.values.environment.clone(),
        needs,
        history: Vec::new(),
        results: Vec::new(),
        secrets: Vec::new(),
        files: FileKeys::default(),
        keeper: needs.history.then(start_keeping).flatten(),
        stdout: anstream::stdout(),
        closed: None,
    };
    let (printing, printer_done) = Printing::start(printer);
    let interrupted = send_all(&workspace, session, &rounds, args, &printing).await;
    let took = started.elapsed();
    drop(printing);
    // A printer that panicked is a bug: it ends the run as it did when it printed in place.
    let printer = printer_done
        .await
        .unwrap_or_else(|error| std::panic::resume_unwind(error.into_panic()));
    let Printer {
        mut results,
        mut stdout,
        closed,
        keeper,
        ..
    } = printer;
    let mut closed = closed.map_or(Ok(()), Err);

    // Built only when something prints or writes it: for a large run it is most of the work
    // left once the requests are back.
    let document = if needs.json {
        json::document(&workspace, &results, took, interrupted)
    } else {
        serde_json::Value::Null
    };
    if closed.is_err() {
        // Nobody is reading: no summary.
    } else if args.output == OutputFormat::Json {
        closed = writeln!(stdout, "{}", report::json_text(&document));
    } else {
        let unmet: Vec<(String, String)> = results
            .iter()
            .filter(|r| !r.met)
            .map(|r| (workspace.full_name(&r.id), r.why_unmet.clone()))
            .collect();
        closed = text::summary(&mut stdout, results.len(), &unmet, took, interrupted);
    }
    if let Some(Err(error)) = keeper.map(crate::history::keeper::Keeper::finish) {
        history_not_kept(&error);
    }
    if !report_files.is_empty() {
        let cases: Vec<report::Case> = results.iter_mut().filter_map(|r| r.case.take()).collect();
        let run = report::Run {
            cases: &cases,
            took,
            interrupted,
        };
        for (target, mut file) in report_files {
            let text = report::render(target.kind, &run, &document);
            file.write_all(text.as_bytes())
                .map_err(|error| CliError::Report {
                    path: target.path.clone(),
                    error,
                })?;
        }
    }

    closed.map_err(CliError::StdoutClosed)?;
    Ok(if interrupted {
        exit::INTERRUPTED
    } else if !workspace.errors.is_empty() {
        exit::USAGE
    } else if results.iter().all(|r| r.met) {
        exit::OK
    } else {
        exit::FAILED
    })
}

/// Starts keeping the run's exchanges in the history, masked, as they are printed; a
/// history that cannot be written is said on stderr and costs the run nothing else.
fn start_keeping() -> Option<crate::history::keeper::Keeper> {
    let path = crate::history::default_path()?;
    crate::history::keeper::Keeper::start(path)
        .map_err(|error| history_not_kept(&error))
        .ok()
}

fn history_not_kept(error: &dyn std::fmt::Display) {
    eprintln!(
        "apibench: the history was not kept: {}",
        crate::sanitize::for_terminal(&error.to_string(), false)
    );
}

/// Sends `rounds`, up to `--jobs` at a time, each once the requests it reads from are done;
/// results reach the printer in the order given. True when ctrl-c stopped it.
///
/// A request is sent with what the run knew at its place in the order: the responses and
/// captures of the requests before it that have finished — never of one after it — so
/// `--jobs` changes how long a run takes, not what any request reads.
async fn send_all(
    workspace: &Arc<Workspace>,
    session: Session,
    rounds: &[RequestId],
    args: &RunArgs,
    printing: &Printing,
) -> bool {
    let waits_for = plan::dependencies(workspace, rounds);
    let read_later = plan::read_as_responses(workspace, &session.overrides);
    let mut finished: Vec<Option<Finished>> = (0..rounds.len()).map(|_| None).collect();
    let mut started = vec![false; rounds.len()];
    let mut next_printed = 0;
    // What every printed request gave: the state the next ones start from.
    let mut printed_state = session;
    let mut stop = false;
    let mut tasks = JoinSet::new();
    // Which target each task sends, to account for one that ends without a result.
    let mut target_of: HashMap<tokio::task::Id, usize> = HashMap::new();
    let mut last_start: Option<Instant> = None;
    let interrupt = tokio::signal::ctrl_c();
    tokio::pin!(interrupt);
    loop {
        while !stop && tasks.len() < usize::from(args.jobs) {
            let ready = (next_printed..rounds.len())
                .find(|&i| !started[i] && waits_for[i].iter().all(|&d| finished[d].is_some()));
            let Some(i) = ready else { break };
            if let (Some(delay), Some(last)) = (args.delay, last_start) {
                tokio::select! {
                    () = tokio::time::sleep_until((last + delay).into()) => {}
                    _ = &mut interrupt => {
                        tasks.abort_all();
                        flush(&mut finished, next_printed, printing);
                        return true;
                    }
                }
            }
            last_start = Some(Instant::now());
            started[i] = true;
            let mut state = printed_state.clone();
            for done in finished[next_printed..i].iter().flatten() {
                done.give(&mut state, &read_later);
            }
            let task = attempts(
                Arc::clone(workspace),
                state,
                rounds[i].clone(),
                args.retry,
                args.output == OutputFormat::Text,
            );
            let handle = tasks.spawn(async move { (i, task.await) });
            target_of.insert(handle.id(), i);
        }
        if tasks.is_empty() {
            // Stopped by --fail-fast: whatever finished after a request never sent is still
            // reported.
            flush(&mut finished, next_printed, printing);
            return false;
        }
        let joined = tokio::select! {
            joined = tasks.join_next() => joined,
            _ = &mut interrupt => {
                tasks.abort_all();
                // What came back is still reported, in order, gaps skipped.
                flush(&mut finished, next_printed, printing);
                return true;
            }
        };
        let (i, done) = match joined {
            Some(Ok(finished)) => finished,
            // A send that panicked is a bug: it is reported as a failure of its own, and the
            // run goes on rather than wait forever for its result.
            Some(Err(error)) => {
                let Some(&i) = target_of.get(&error.id()) else {
                    continue;
                };
                (
                    i,
                    Finished::lost(workspace, &printed_state, &rounds[i], &error.to_string()),
                )
            }
            None => continue,
        };
        if args.jobs == 1 {
            // One at a time, --delay is the pause after each request.
            last_start = Some(Instant::now());
        }
        finished[i] = Some(done);
        while let Some(done) = finished.get_mut(next_printed).and_then(Option::take) {
            done.give(&mut printed_state, &read_later);
            // Kept as a marker that it finished, for the requests that wait on it.
            finished[next_printed] = Some(Finished::default());
            // Checked here only when it decides whether to go on; the printer checks it anyway.
            let missed = args.fail_fast && done.missed(workspace);
            printing.print(done);
            next_printed += 1;
            stop |= missed || printing.closed();
        }
    }
}

/// Prints what finished from `from` on, in order, past requests that never finished.
fn flush(finished: &mut [Option<Finished>], from: usize, printing: &Printing) {
    for done in finished.iter_mut().skip(from).filter_map(Option::take) {
        printing.print(done);
    }
}

/// One target's sends: the requests it needed first, then its own, retried as `--retry`
/// allows; and the attempts before the last.
#[derive(Debug, Default)]
struct Finished {
    sends: Vec<Sent>,
    attempts: Vec<Attempt>,
}

impl Finished {
    /// Whether a send missed its expectation (what `--fail-fast` stops at): known from the
    /// response alone, before the checklist is made.
    fn missed(&self, workspace: &Workspace) -> bool {
        self.sends
            .iter()
            .any(|sent| !super::ran::checked(workspace, sent).iter().all(|c| c.met))
    }

    /// Makes its captures, and the responses some template reads (`read_later`), readable by
    /// the requests sent after it. No other response is kept: its body may be large.
    fn give(&self, session: &mut Session, read_later: &HashSet<RequestId>) {
        for sent in &self.sends {
            if let Ok(exchanged) = &sent.result {
                if let Outcome::Response(exchange) = &exchanged.outcome
                    && read_later.contains(&sent.id)
                {
                    let environment = session.environment.clone();
                    session
                        .responses
                        .record(sent.id.clone(), environment.as_deref(), Arc::clone(exchange));
                }
                keep_captured(&mut session.captured, &exchanged.captured);
            }
        }
    }

    /// A target whose send ended without a result (a bug): a failure of kind `other` that
    /// says so, so every output and report counts it.
    fn lost(workspace: &Workspace, session: &Session, id: &RequestId, why: &str) -> Self {
        let message = format!("apibench stopped sending this request unexpectedly: {why}");
        eprintln!(
            "{}",
            crate::sanitize::for_terminal(
                &format!("apibench: `{}`: {message}", workspace.full_name(id)),
                false
            )
        );
        let failure = Outcome::Failure(Box::new(Failure {
            kind: FailureKind::Other,
            phase: Phase::Build,
            message,
            chain: Vec::new(),
            io_kind: None,
            request: None,
            hops: Vec::new(),
            response: None,
            resolved: Vec::new(),
            limit: None,
            timing: Timing {
                started_at: SystemTime::now(),
                headers_after: None,
                total: Duration::ZERO,
            },
        }));
        let result = session.prepare(workspace, id).map(|prepared| Exchanged {
            prepared,
            outcome: failure,
            captured: Vec::new(),
            expired_cookies: None,
        });
        Finished {
            sends: vec![Sent {
                id: id.clone(),
                needed_by: None,
                result,
            }],
            attempts: Vec::new(),
        }
    }
}

/// Sends `id` (and what it needs first), then again while [`retry::decide`] says so.
async fn attempts(
    workspace: Arc<Workspace>,
    mut session: Session,
    id: RequestId,
    retries: u32,
    live: bool,
) -> Finished {
    let mut finished = Finished::default();
    for attempt in 1.. {
        let mut sends = session.send(&workspace, &id).await;
        let Some(last) = sends.pop() else { break };
        finished.sends.extend(sends);
        let decision = match last.outcome() {
            Ok(outcome) if retries > 0 => {
                let request = workspace.request(&last.id);
                let met = expectation::check(request.and_then(|r| r.expect.as_ref()), Ok(outcome))
                    .iter()
                    .all(|c| c.met);
                let server_wait_over = (!met)
                    .then(|| last.diagnose(&workspace, &[], &Clock::system()).wait_over_at())
                    .flatten();
                let defaults = workspace.collection_of(&last.id).map(|c| c.defaults.options);
                let declared_idempotent = request
                    .map(|r| r.options.or(defaults.unwrap_or_default()))
                    .and_then(|o| o.idempotent)
                    == Some(true);
                retry::decide(
                    &Attempted {
                        outcome,
                        declared_idempotent,
                        met,
                        server_wait_over,
                        attempt,
                    },
                    retries,
                    SystemTime::now(),
                    fastrand::f64(),
                )
            }
            _ => Decision::Keep,
        };
        match decision {
            Decision::Retry { wait, why } => {
                if live {
                    let said = format!(
                        "↻ {}: {why}; retrying in {} (attempt {} of {})",
                        workspace.full_name(&id),
                        crate::format::elapsed(wait),
                        attempt.saturating_add(1),
                        retries.saturating_add(1)
                    );
                    eprintln!("{}", crate::sanitize::for_terminal(&said, false));
                }
                finished.attempts.push(Attempt { why, waited: wait });
                tokio::time::sleep(wait).await;
            }
            Decision::Refuse(why) => {
                finished.attempts.push(Attempt {
                    why,
                    waited: Duration::ZERO,
                });
                finished.sends.push(last);
                break;
            }
            Decision::Keep => {
                finished.sends.push(last);
                break;
            }
        }
    }
    finished
}

/// The finished sends on their way to the [`Printer`], which works on a thread of its own:
/// a run one at a time waits on the network for each request, and the checklist of the one
/// before is made and printed during that wait rather than before the next one leaves.
struct Printing {
    to_print: std::sync::mpsc::Sender<Finished>,
    /// Set by the printer once stdout cannot be written: the run sends nothing more.
    closed: Arc<AtomicBool>,
}

impl Printing {
    /// Starts `printer`; it hands itself back once the [`Printing`] is dropped.
    fn start(mut printer: Printer) -> (Printing, tokio::task::JoinHandle<Printer>) {
        let (to_print, received) = std::sync::mpsc::channel::<Finished>();
        let closed = Arc::new(AtomicBool::new(false));
        let said_closed = Arc::clone(&closed);
        let finished = tokio::task::spawn_blocking(move || {
            for done in received {
                printer.print(done);
                if printer.closed.is_some() {
                    said_closed.store(true, Ordering::Relaxed);
                }
            }
            printer
        });
        (Printing { to_print, closed }, finished)
    }

    /// Queues `done`, in order, for the printer.
    fn print(&self, done: Finished) {
        // The printer only stops early by panicking, which ends the run when it is joined.
        let _ = self.to_print.send(done);
    }

    /// Whether stdout was found closed.
    fn closed(&self) -> bool {
        self.closed.load(Ordering::Relaxed)
    }
}

/// Turns finished sends into results, in order, printing each as it is made.
struct Printer {
    workspace: Arc<Workspace>,
    show_secrets: bool,
    output: OutputFormat,
    environment: Option<String>,
    needs: Needs,
    /// The exchanges so far, as the TUI keeps them: checks that look back (the request
    /// rate, the last success) read the same memory headless as on screen.
    history: Vec<HistoryEntry>,
    /// What is kept of each result printed so far: never its exchange.
    results: Vec<Kept>,
    /// Every credential the run's exchanges carried or returned so far.
    secrets: Vec<String>,
    files: FileKeys,
    /// Where each result's exchange goes to be kept in the history (`None`: `--no-history`).
    keeper: Option<crate::history::keeper::Keeper>,
    stdout: anstream::AutoStream<std::io::Stdout>,
    /// Why stdout cannot be written (closed by `| head`): the run sends nothing more.
    closed: Option<std::io::Error>,
}

impl Printer {
    /// Writes one result and flushes it, so a CI log shows each as it finishes. Without
    /// colour (a pipe, a CI log) the text is made plain first and goes out in one write: the
    /// colour-stripping stream writes every styled piece on its own, and stdout, line-buffered,
    /// made that one system call per line (1,000 GETs: 18,003 writes).
    fn write_out(&mut self, ran: &Ran) -> std::io::Result<()> {
        let styled = self.stdout.current_choice() != anstream::ColorChoice::Never;
        let printed = ran.printed(&self.workspace, self.show_secrets, styled);
        if styled {
            self.stdout.write_all(printed.as_bytes())?;
            return self.stdout.flush();
        }
        let mut plain = self.stdout.as_inner().lock();
        plain.write_all(printed.as_bytes())?;
        plain.flush()
    }

    /// Makes the results of `done`'s sends, and prints them.
    fn print(&mut self, done: Finished) {
        let count = done.sends.len();
        let mut attempts = Some(done.attempts);
        for (n, sent) in done.sends.into_iter().enumerate() {
            // The retries belong to the target, the last send.
            let tried = if n + 1 == count {
                attempts.take().unwrap_or_default()
            } else {
                Vec::new()
            };
            let mut ran = Ran::new(&self.workspace, sent, &self.history, tried);
            // What earlier exchanges carried or returned is masked here too.
            let own = ran.secrets.clone();
            ran.secrets = crate::history::record::with_secrets(ran.secrets, &self.secrets);
            self.secrets = crate::history::record::with_secrets(std::mem::take(&mut self.secrets), &own);
            if let Some(entry) = ran.sent.history_entry(&self.workspace) {
                self.history.push(entry);
            }
            if self.output == OutputFormat::Text && self.closed.is_none() {
                self.closed = self.write_out(&ran).err();
            }
            let mut kept = ran.keep(
                &self.workspace,
                self.needs,
                self.show_secrets,
                self.environment.as_deref(),
                &mut self.files,
            );
            if let (Some(keeper), Some(exchange)) = (&self.keeper, kept.remembered.take()) {
                keeper.keep(exchange);
            }
            self.results.push(kept);
        }
    }
}

#[cfg(test)]
mod tests {
    /// Every failure the transport reports can be expected by its name, and only those.
    #[test]
    fn the_failures_a_collection_can_expect_are_the_transports() {
        use crate::http::FailureKind;
        let names: Vec<&str> = [
            FailureKind::InvalidUrl,
            FailureKind::Template,
            FailureKind::Dns,
            FailureKind::Connect,
            FailureKind::Reset,
            FailureKind::Tls,
            FailureKind::Timeout,
            FailureKind::RedirectLoop,
            FailureKind::BodyTooLarge,
            FailureKind::Other,
        ]
        .map(FailureKind::as_str)
        .to_vec();
        // A new kind fails to compile here until it is added above (and to the list).
        let listed = |kind: FailureKind| match kind {
            FailureKind::InvalidUrl
            | FailureKind::Template
            | FailureKind::Dns
            | FailureKind::Connect
            | FailureKind::Reset
            | FailureKind::Tls
            | FailureKind::Timeout
            | FailureKind::RedirectLoop
            | FailureKind::BodyTooLarge
            | FailureKind::Other => true,
        };
        assert!(listed(FailureKind::Other));
        assert_eq!(names, crate::collection::FAILURE_KINDS);
    }
}
