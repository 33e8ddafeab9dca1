//! `apibench run`: send requests headless, print each exchange with its checklist.

use std::io::Write;

use super::error::CliError;
use super::json::{ResultView, document};
use super::{OutputFormat, RunArgs, exit, text};
use crate::collection::{Expect, RequestPath};
use crate::diagnosis::{Checklist, Clock, HistoryEntry};
use crate::http::Outcome;
use crate::request::environment;
use crate::session::{RequestId, Sent, Session, Workspace};

pub async fn run(args: &RunArgs) -> Result<u8, CliError> {
    let workspace = Workspace::load(&args.path);
    if workspace.collections.is_empty() {
        return Err(CliError::NothingLoaded(workspace.errors));
    }
    // Files that do not load are said first; the others are still sent.
    for error in &workspace.errors {
        eprintln!("{error}");
    }
    let targets = targets(&workspace, args)?;
    if let Some(name) = &args.values.environment {
        for id in &targets {
            environment(&workspace.collections[id.collection], name).map_err(CliError::Environment)?;
        }
    }

    let mut session = Session {
        environment: args.values.environment.clone(),
        overrides: args.values.overrides(),
        ..Session::default()
    };
    let mut results: Vec<Diagnosed> = Vec::new();
    let started = std::time::Instant::now();
    // The exchanges sent so far, as the TUI keeps them: checks that look back (the request
    // rate, the last success) read the same memory headless as on screen.
    let mut history: Vec<HistoryEntry> = Vec::new();
    let mut stdout = anstream::stdout();
    let rounds = std::iter::repeat_n(&targets, usize::try_from(args.repeat).unwrap_or(1)).flatten();
    let mut interrupted = false;
    'sending: for (n, id) in rounds.enumerate() {
        if n > 0
            && let Some(delay) = args.delay
        {
            tokio::time::sleep(delay).await;
        }
        // Ctrl-C stops the run between requests' results: what was sent is reported.
        let sends = tokio::select! {
            sends = session.send(&workspace, id) => sends,
            _ = tokio::signal::ctrl_c() => {
                interrupted = true;
                break 'sending;
            }
        };
        for sent in sends {
            let result = diagnosed(&workspace, sent, &history);
            if let Some(entry) = result.sent.history_entry(&workspace) {
                history.push(entry);
            }
            if args.output == OutputFormat::Text {
                let needed_by = result.sent.needed_by.as_ref().map(RequestPath::to_string);
                // A closed stdout (e.g. `| head`) is not worth an error message.
                let _ = text::print_result(
                    &mut stdout,
                    &view(&workspace, &result, args.show_secrets),
                    needed_by.as_deref(),
                );
            }
            let missed = !result.expectation_met;
            results.push(result);
            if missed && args.fail_fast {
                break 'sending;
            }
        }
    }
    let met_count = results.iter().filter(|r| r.expectation_met).count();
    if args.output == OutputFormat::Json {
        let views: Vec<ResultView<'_>> = results
            .iter()
            .map(|r| view(&workspace, r, args.show_secrets))
            .collect();
        let json = document(&views);
        let _ = writeln!(
            stdout,
            "{}",
            serde_json::to_string_pretty(&json).unwrap_or_default()
        );
    } else {
        let unmet: Vec<(String, &str)> = results
            .iter()
            .filter_map(|r| Some((workspace.full_name(&r.sent.id), r.unmet.as_deref()?)))
            .collect();
        let _ = text::summary(&mut stdout, results.len(), &unmet, started.elapsed());
    }

    Ok(if interrupted {
        exit::INTERRUPTED
    } else if !workspace.errors.is_empty() {
        exit::USAGE
    } else if met_count == results.len() {
        exit::OK
    } else {
        exit::FAILED
    })
}

/// The requests to send.
fn targets(workspace: &Workspace, args: &RunArgs) -> Result<Vec<RequestId>, CliError> {
    if args.all {
        return Ok(workspace.requests_where(|_| true));
    }
    if args.requests.is_empty() {
        return Err(CliError::NoRequestsChosen);
    }
    let mut chosen = Vec::new();
    for name in &args.requests {
        if name.ends_with('/') || name.contains('*') {
            // A folder (`Users/`) or a pattern (`Users/*`, `*login*`): every request whose
            // path matches, in file order.
            let found = matching(workspace, name);
            if found.is_empty() {
                return Err(CliError::Find(crate::session::FindError::NoSuchRequest {
                    name: name.clone(),
                    closest: None,
                }));
            }
            chosen.extend(found);
        } else {
            chosen.push(workspace.find(name).map_err(CliError::Find)?);
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

/// A sent request with its checklist and whether it met its expectation, worked out once
/// for the output and the exit code alike.
struct Diagnosed {
    sent: Sent,
    checklist: Checklist,
    expectation_met: bool,
    /// Why the expectation was not met: `status: expected 401, got 200`.
    unmet: Option<String>,
}

fn diagnosed(workspace: &Workspace, sent: Sent, history: &[HistoryEntry]) -> Diagnosed {
    let checklist = sent.diagnose(workspace, history, &Clock::system());
    let expect = workspace.request(&sent.id).and_then(|r| r.expect.as_ref());
    let wanted = expect.map_or_else(|| "2xx or 3xx".to_owned(), Expect::describe);
    let unmet = match sent.outcome() {
        Ok(Outcome::Response(exchange)) => {
            let status = exchange.response.status();
            (!meets(expect, status)).then(|| format!("status: expected {wanted}, got {status}"))
        }
        // A failure the collection expects (`fails_with: timeout`) is the request working.
        Ok(Outcome::Failure(failure))
            if expect.is_some_and(|e| e.fails_with.iter().any(|k| k == failure.kind.as_str())) =>
        {
            None
        }
        Ok(Outcome::Failure(failure)) => Some(format!(
            "status: expected {wanted}, got no response ({})",
            failure.kind.as_str()
        )),
        Err(_) => Some(format!("status: expected {wanted}, but the request was not sent")),
    };
    Diagnosed {
        sent,
        checklist,
        expectation_met: unmet.is_none(),
        unmet,
    }
}

/// A diagnosed request, ready to print.
fn view<'a>(workspace: &'a Workspace, result: &'a Diagnosed, show_secrets: bool) -> ResultView<'a> {
    let sent = &result.sent;
    let request = workspace.request(&sent.id);
    ResultView {
        full_path: workspace.full_name(&sent.id),
        name: sent.id.path.name(),
        written_method: request.map_or("GET", |r| r.method.as_str()),
        written_url: request.map_or("", |r| r.url.as_str()),
        outcome: sent.outcome(),
        checklist: &result.checklist,
        expectation_met: result.expectation_met,
        unmet: result.unmet.as_deref(),
        show_secrets,
    }
}

/// `expect.status` when given, else any 2xx or 3xx (unless only a failure is expected).
pub fn meets(expect: Option<&Expect>, status: u16) -> bool {
    expect.map_or((200..400).contains(&status), |e| e.is_met_by(status))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_pattern_matches_paths_with_stars_anywhere() {
        use super::wildcard;
        assert!(wildcard("Users/*", "Users/Create user"));
        assert!(wildcard("*log in*", "Auth/Log in with a wrong password"));
        assert!(wildcard("auth/*", "Auth/Log in"));
        assert!(!wildcard("Users/*", "Auth/Log in"));
        assert!(!wildcard("*x", "Auth/Log in"));
        assert!(wildcard("Get me", "get me"));
    }

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
