//! `apibench check`: load every collection and try every template, reporting each problem
//! at path:line:column.

use super::error::CliError;
use super::{CheckArgs, exit};
use crate::collection::source_map::{SourceMap, Target, YamlPath, line_col, request_locations};
use std::fmt;
use std::path::PathBuf;

use crate::collection::{Collection, LoadError, RequestPath};
use crate::request::{Context, PrepareError, environment, prepare};
use crate::session::Workspace;
use crate::template::NoResponses;
#[cfg(test)]
use crate::template::RenderError;

pub fn check(args: &CheckArgs) -> Result<u8, CliError> {
    let workspace = Workspace::load(&args.path);
    let mut problems: Vec<CheckProblem> = workspace.errors.iter().cloned().map(CheckProblem::Load).collect();
    for (index, collection) in workspace.collections.iter().enumerate() {
        problems.extend(check_templates(&workspace, index, collection, args));
    }
    for problem in &problems {
        eprintln!("{problem}");
    }
    let requests: usize = workspace.collections.iter().map(|c| c.requests().len()).sum();
    if !problems.is_empty() {
        return Err(CliError::ProblemsFound(problems.len()));
    }
    println!(
        "ok: {} collection(s), {requests} request(s) in {}",
        workspace.collections.len(),
        args.path.display()
    );
    Ok(exit::OK)
}

/// What `check` reports, each on its own `path:line:column: what` line.
#[derive(Debug)]
enum CheckProblem {
    /// The file does not load.
    Load(LoadError),
    /// `--env` names an environment the collection does not define.
    Environment { file: PathBuf, error: PrepareError },
    /// A request that cannot be prepared in any environment it could run in.
    Request {
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
                error,
            } => {
                write!(f, "{}", file.display())?;
                if let Some((line, column)) = at {
                    write!(f, ":{line}:{column}")?;
                }
                write!(f, ": request `{request}`: {error}")
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
    let map = SourceMap::new(&text);
    let locations = request_locations(&collection.items);
    let mut problems = Vec::new();
    for (path, request) in collection.requests() {
        let mut first_error: Option<PrepareError> = None;
        let mut any_ok = false;
        for environment in &environments {
            let ctx = Context {
                collection,
                environment: *environment,
                overrides: &overrides,
                env: workspace.env(index),
                // Chained responses are resolved when sending; here they are only checked to exist.
                responses: &NoResponses,
            };
            match prepare(&ctx, &path, request) {
                Ok(_) => any_ok = true,
                Err(e) if is_chaining_only(&e, collection) => any_ok = true,
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        if any_ok {
            continue;
        }
        let Some(error) = first_error else { continue };
        let at = locations
            .iter()
            .find(|(p, _)| p == &path)
            .map_or_else(YamlPath::default, |(_, y)| y.clone());
        let position = locate(&text, &map, &at, &error);
        problems.push(CheckProblem::Request {
            file: collection.source.clone(),
            at: position,
            request: path,
            error,
        });
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
        };
        assert!(is_chaining_only(&error, &collection));
    }
}
