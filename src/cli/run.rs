//! `apibench run`: send requests headless, print each exchange with its checklist.

use std::io::Write;

use super::json::{ResultView, document};
use super::{OutputFormat, RunArgs, exit, text};
use crate::collection::{Expect, RequestPath};
use crate::diagnosis::{Checklist, Clock, Input, diagnose};
use crate::http::Outcome;
use crate::request::{PrepareError, environment};
use crate::session::{Sent, Session, Workspace};

pub async fn run(args: &RunArgs) -> u8 {
    let workspace = Workspace::load(&args.path);
    for error in &workspace.errors {
        eprintln!("{error}");
    }
    if workspace.collections.is_empty() {
        return exit::USAGE;
    }
    let targets = match targets(&workspace, args) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("apibench: {message}");
            return exit::USAGE;
        }
    };
    if let Some(name) = &args.values.environment {
        for (collection, _) in &targets {
            if let Err(error) = environment(&workspace.collections[*collection], name) {
                eprintln!("apibench: {error}");
                return exit::USAGE;
            }
        }
    }

    let mut session = Session {
        environment: args.values.environment.clone(),
        overrides: args.values.overrides(),
        ..Session::default()
    };
    let mut results: Vec<Diagnosed> = Vec::new();
    let mut stdout = anstream::stdout();
    for (collection, path) in &targets {
        for sent in session.send(&workspace, *collection, path).await {
            let result = diagnosed(&workspace, sent);
            if args.output == OutputFormat::Text {
                let needed_by = result.sent.needed_by.as_ref().map(RequestPath::to_string);
                // A closed stdout (e.g. `| head`) is not worth an error message.
                let _ = text::print_result(
                    &mut stdout,
                    &view(&workspace, &result, args.show_secrets),
                    needed_by.as_deref(),
                );
            }
            results.push(result);
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
        let _ = text::summary_line(&mut stdout, results.len(), met_count);
    }

    if !workspace.errors.is_empty() {
        exit::USAGE
    } else if met_count == results.len() {
        exit::OK
    } else {
        exit::FAILED
    }
}

/// The requests to send, by collection index and path.
fn targets(workspace: &Workspace, args: &RunArgs) -> Result<Vec<(usize, RequestPath)>, String> {
    if args.all {
        return Ok(workspace
            .collections
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.requests().into_iter().map(move |(p, _)| (i, p)))
            .collect());
    }
    if args.requests.is_empty() {
        return Err("say which requests to send: --request NAME (repeatable) or --all".to_owned());
    }
    args.requests.iter().map(|name| workspace.find(name)).collect()
}

/// A sent request with its checklist and whether it met its expectation, worked out once
/// for the output and the exit code alike.
struct Diagnosed {
    sent: Sent,
    checklist: Checklist,
    expectation_met: bool,
}

fn diagnosed(workspace: &Workspace, sent: Sent) -> Diagnosed {
    let collection = &workspace.collections[sent.collection];
    let outcome = outcome(&sent);
    let checklist = diagnose(
        &Input {
            written: sent.prepared.as_ref().ok().map(|p| &p.written),
            outcome,
            collection: Some(collection),
            history: &[],
        },
        &Clock::system(),
    );
    let expectation_met = match outcome {
        Ok(Outcome::Response(exchange)) => meets(
            collection.find(&sent.path).and_then(|r| r.expect.as_ref()),
            exchange.response.status(),
        ),
        _ => false,
    };
    Diagnosed {
        sent,
        checklist,
        expectation_met,
    }
}

/// What sending produced, or why nothing was sent.
fn outcome(sent: &Sent) -> Result<&Outcome, &PrepareError> {
    match (&sent.prepared, &sent.outcome) {
        (Ok(_), Some(outcome)) => Ok(outcome),
        (Err(error), _) => Err(error),
        (Ok(_), None) => unreachable!("the session sends every prepared request"),
    }
}

/// A diagnosed request, ready to print.
fn view<'a>(workspace: &'a Workspace, result: &'a Diagnosed, show_secrets: bool) -> ResultView<'a> {
    let sent = &result.sent;
    let collection = &workspace.collections[sent.collection];
    let request = collection.find(&sent.path);
    ResultView {
        full_path: format!("{}/{}", collection.name, sent.path),
        name: sent.path.name(),
        written_method: request.map_or("GET", |r| r.method.as_str()),
        written_url: request.map_or("", |r| r.url.as_str()),
        outcome: outcome(sent),
        checklist: &result.checklist,
        expectation_met: result.expectation_met,
        show_secrets,
    }
}

/// `expect.status` when given, else any 2xx or 3xx.
pub fn meets(expect: Option<&Expect>, status: u16) -> bool {
    expect.map_or((200..400).contains(&status), |e| e.is_met_by(status))
}
