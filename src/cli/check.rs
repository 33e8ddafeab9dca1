//! `apibench check`: load every collection and try every template, reporting each problem
//! at path:line:column.

use super::error::CliError;
use super::{CheckArgs, exit};
use crate::collection::source_map::{SourceMap, Target, YamlPath, line_col, request_locations};
use std::collections::HashMap;
use std::fmt;
use std::io::Write as _;
use std::path::PathBuf;

use crate::collection::{Collection, LoadError, RequestPath};
use crate::request::{Context, PrepareError, environment, prepare};
use crate::session::Workspace;
use crate::template::NoResponses;
#[cfg(test)]
use crate::template::RenderError;

pub fn check(args: &CheckArgs) -> Result<u8, CliError> {
    let workspace = Workspace::load(&args.path);
    let mut found: Vec<CheckProblem> = workspace.errors.iter().cloned().map(CheckProblem::Load).collect();
    for (index, collection) in workspace.collections.iter().enumerate() {
        found.extend(check_templates(&workspace, index, collection, args));
    }
    for problem in &found {
        eprintln!("{}", crate::sanitize::for_terminal(&problem.to_string(), false));
    }
    let requests: usize = workspace.collections.iter().map(|c| c.requests().len()).sum();
    let needs_env = found
        .iter()
        .filter(|p| matches!(p, CheckProblem::NeedsEnvironment { .. }))
        .count();
    let problems = found.len() - needs_env;
    if problems > 0 {
        return Err(CliError::ProblemsFound(problems));
    }
    let notes = match needs_env {
        0 => String::new(),
        n => format!(
            "; {} run only with --env",
            crate::format::count(n, "request", "requests")
        ),
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "ok: {}, {} in {}{notes}",
        crate::format::count(workspace.collections.len(), "collection", "collections"),
        crate::format::count(requests, "request", "requests"),
        args.path.display()
    )
    .map_err(CliError::StdoutClosed)?;
    Ok(exit::OK)
}

/// What `check` reports, each on its own `path:line:column: what` line.
#[derive(Debug)]
enum CheckProblem {
    /// The file does not load.
    Load(LoadError),
    /// `--env` names an environment the collection does not define.
    Environment { file: PathBuf, error: PrepareError },
    /// A request that cannot be prepared: in any environment it could run in (`environment`
    /// is `None`), or in one environment the collection defines.
    Request {
        file: PathBuf,
        at: Option<(usize, usize)>,
        request: RequestPath,
        environment: Option<String>,
        error: PrepareError,
    },
    /// A note, not a problem: the request resolves in every environment, but not without
    /// one, so `run` needs `--env`.
    NeedsEnvironment {
        file: PathBuf,
        at: Option<(usize, usize)>,
        request: RequestPath,
        error: PrepareError,
    },
}

impl fmt::Display for CheckProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckProblem::Load(error) => write!(f, "{error}"),
            CheckProblem::Environment { file, error } => write!(f, "{}: {error}", file.display()),
            CheckProblem::Request {
                file,
                at,
                request,
                environment,
                error,
            } => {
                write!(f, "{}", file.display())?;
                if let Some((line, column)) = at {
                    write!(f, ":{line}:{column}")?;
                }
                match environment {
                    Some(env) => write!(f, ": request `{request}` in environment `{env}`: {error}"),
                    None => write!(f, ": request `{request}`: {error}"),
                }
            }
            CheckProblem::NeedsEnvironment {
                file,
                at,
                request,
                error,
            } => {
                write!(f, "{}", file.display())?;
                if let Some((line, column)) = at {
                    write!(f, ":{line}:{column}")?;
                }
                write!(f, ": note: request `{request}` runs only with --env: {error}")
            }
        }
    }
}

/// Renders every request in every environment it could run in; a template that fails in all
/// of them is a problem. Without `--env`, that is no environment plus each one defined.
fn check_templates(
    workspace: &Workspace,
    index: usize,
    collection: &Collection,
    args: &CheckArgs,
) -> Vec<CheckProblem> {
    let overrides = args.values.overrides();
    let environments: Vec<Option<&str>> = match &args.values.environment {
        // One problem for the collection, not the same one for each of its requests.
        Some(name) if let Err(error) = environment(collection, name) => {
            return vec![CheckProblem::Environment {
                file: collection.source.clone(),
                error,
            }];
        }
        Some(name) => vec![Some(name.as_str())],
        None => std::iter::once(None)
            .chain(collection.environments.keys().map(|k| Some(k.as_str())))
            .collect(),
    };
    let text = std::fs::read_to_string(&collection.source).unwrap_or_default();
    // Built at the first problem, for its place: a file with none (nearly every one) never
    // needs them, and the lossless tree of 50,000 requests took most of a second.
    let map = std::cell::OnceCell::new();
    let locations: std::cell::OnceCell<HashMap<RequestPath, YamlPath>> = std::cell::OnceCell::new();
    let mut problems = Vec::new();
    for (path, request) in collection.requests() {
        // Each environment's outcome: None (no environment) first, then each one defined.
        let outcomes: Vec<(Option<&str>, Option<PrepareError>)> = environments
            .iter()
            .map(|environment| {
                let ctx = Context {
                    collection,
                    environment: *environment,
                    overrides: &overrides,
                    captured: &crate::collection::Variables::new(),
                    env: workspace.env(index),
                    // Chained responses are resolved when sending; here they are only checked to exist.
                    responses: &NoResponses,
                };
                let error = match prepare(&ctx, &path, request) {
                    Ok(_) => None,
                    Err(e) if is_chaining_only(&e, collection) => None,
                    Err(e) => Some(e),
                };
                (*environment, error)
            })
            .collect();
        let failed: Vec<&(Option<&str>, Option<PrepareError>)> =
            outcomes.iter().filter(|(_, e)| e.is_some()).collect();
        if failed.is_empty() {
            continue;
        }
        let at = locations
            .get_or_init(|| request_locations(&collection.items).into_iter().collect())
            .get(&path)
            .cloned()
            .unwrap_or_default();
        let map = map.get_or_init(|| SourceMap::new(&text));
        let problem = |environment: Option<&str>, error: &PrepareError, note: bool| {
            let position = locate(&text, map, &at, error);
            let (file, request, error) = (collection.source.clone(), path.clone(), error.clone());
            if note {
                CheckProblem::NeedsEnvironment {
                    file,
                    at: position,
                    request,
                    error,
                }
            } else {
                CheckProblem::Request {
                    file,
                    at: position,
                    request,
                    environment: environment.map(str::to_owned),
                    error,
                }
            }
        };
        if failed.len() == outcomes.len() {
            // Fails everywhere: one problem, not one per environment.
            let (_, error) = failed[0];
            let error = error.as_ref().expect("only failures are here");
            problems.push(problem(args.values.environment.as_deref(), error, false));
            continue;
        }
        for (environment, error) in failed {
            let error = error.as_ref().expect("only failures are here");
            // Without an environment it fails, with one it works: a note that `run` needs
            // --env. In an environment the collection defines: a problem.
            problems.push(problem(*environment, error, environment.is_none()));
        }
    }
    problems
}

/// A chained response that is merely absent is fine; one naming a request that does not
/// exist is not.
fn is_chaining_only(error: &PrepareError, collection: &Collection) -> bool {
    error
        .needed_response()
        .is_some_and(|r| collection.find(&RequestPath::parse(r)).is_some())
}

/// Points at the offending `{{ … }}`: found inside the request's own YAML if it is there,
/// else in `defaults`, else at the request.
fn locate(
    text: &str,
    map: &SourceMap<'_>,
    request_at: &YamlPath,
    error: &PrepareError,
) -> Option<(usize, usize)> {
    let needle = match error {
        PrepareError::Template { template, error, .. } if !template.is_empty() => {
            let span = error.span();
            template.get(span).filter(|s| !s.is_empty()).map(str::to_owned)
        }
        PrepareError::File { path, .. } => path.file_name().map(|f| f.to_string_lossy().into_owned()),
        _ => None,
    };
    if let Some(needle) = needle {
        let scopes = [request_at.clone(), YamlPath::default().key("defaults")];
        for scope in &scopes {
            if let Some(range) = map.range(scope, Target::Value)
                && let Some(found) = text.get(range.clone()).and_then(|s| s.find(needle.as_str()))
            {
                let lc = line_col(text, range.start + found);
                return Some((lc.line, lc.column));
            }
        }
    }
    let lc = map.locate(request_at, Target::Value, None, 0)?;
    Some((lc.line, lc.column))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn chained_responses_to_existing_requests_are_not_problems() {
        let collection = crate::collection::parse_collection(
            "requests:\n  - name: Login\n    url: http://x\n  - name: Me\n    url: \"http://x/{{ response.Login.body.$.id }}\"\n",
            Path::new("c.yaml"),
        )
        .unwrap();
        let error = PrepareError::Template {
            field: crate::request::Field::Url,
            template: String::new(),
            error: RenderError::NeedsResponse {
                request: "Login".into(),
                span: 0..0,
            },
            defined_in: Vec::new(),
        };
        assert!(is_chaining_only(&error, &collection));
    }
}
