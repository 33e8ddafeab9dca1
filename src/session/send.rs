//! Sending requests with an environment and overrides, remembering responses for chaining.
//!
//! Chaining: when a template needs `{{ response.Login.body.$.token }}` and `Login` has no
//! response yet, the session sends `Login` first, then prepares the request again. Each
//! dependency is tried once per send, and a request that (indirectly) needs itself is an
//! error rather than a loop.

use std::sync::Arc;

use super::id::RequestId;
use super::responses::Responses;
use super::sent::{Exchanged, Sent};
use super::workspace::Workspace;
use crate::collection::{Collection, RequestPath, Variables};
use crate::expectation::{Captured, capture};
use crate::http::{Engine, Outcome};
use crate::request::{Context, PrepareError, Prepared, prepare};
use crate::template::{RenderError, Template};

/// What requests are sent with: the engine, the environment and overrides in force, and
/// the latest responses chained templates read.
#[derive(Debug, Default, Clone)]
pub struct Session {
    pub engine: Engine,
    pub environment: Option<String>,
    pub overrides: Variables,
    pub responses: Responses,
    /// What `capture:` took from responses so far: later requests read them as variables.
    pub captured: Variables,
    /// The cookie jars of collections with `cookies: true`, shared by every clone.
    pub jars: super::Jars,
}

impl Session {
    /// Prepares a request against the current responses (no dependency sends).
    pub fn prepare(&self, workspace: &Workspace, id: &RequestId) -> Result<Prepared, PrepareError> {
        let Some(collection) = workspace.collection_of(id) else {
            return Err(PrepareError::NoSuchRequest {
                collection: String::new(),
                path: id.path.to_string(),
                suggestion: None,
            });
        };
        let request = collection
            .find(&id.path)
            .ok_or_else(|| PrepareError::NoSuchRequest {
                collection: collection.name.clone(),
                path: id.path.to_string(),
                suggestion: closest_request(collection, &id.path),
            })?;
        let responses = self
            .responses
            .for_collection(id.collection, self.environment.as_deref());
        let ctx = Context {
            collection,
            environment: self.environment.as_deref(),
            overrides: &self.overrides,
            captured: &self.captured,
            env: workspace.env(id.collection),
            responses: &responses,
        };
        prepare(&ctx, &id.path, request)
    }

    /// Sends the request `id`, and first any request whose response it needs. Returns every
    /// request sent, dependencies first.
    pub async fn send(&mut self, workspace: &Workspace, id: &RequestId) -> Vec<Sent> {
        let mut sent = Vec::new();
        let mut stack = Vec::new();
        self.send_with_dependencies(workspace, id, None, &mut stack, &mut sent)
            .await;
        sent
    }

    fn send_with_dependencies<'a>(
        &'a mut self,
        workspace: &'a Workspace,
        id: &'a RequestId,
        needed_by: Option<RequestPath>,
        stack: &'a mut Vec<RequestPath>,
        sent: &'a mut Vec<Sent>,
    ) -> std::pin::Pin<Box<dyn Future<Output = ()> + Send + 'a>> {
        Box::pin(async move {
            stack.push(id.path.clone());
            let mut tried: Vec<RequestPath> = Vec::new();
            let prepared = loop {
                let prepared = self.prepare(workspace, id);
                let Some(dependency) = prepared.as_ref().err().and_then(PrepareError::needed_response) else {
                    break prepared;
                };
                let dependency = RequestId::new(id.collection, RequestPath::parse(dependency));
                let Some(collection) = workspace.collection_of(id) else {
                    break prepared;
                };
                if collection.find(&dependency.path).is_none() {
                    break prepared.map_err(|e| no_such_dependency(e, &dependency.path, collection));
                }
                if stack.contains(&dependency.path) || tried.contains(&dependency.path) {
                    break prepared;
                }
                tried.push(dependency.path.clone());
                self.send_with_dependencies(workspace, &dependency, Some(id.path.clone()), stack, sent)
                    .await;
            };
            stack.pop();
            let result = match prepared {
                Ok(prepared) => {
                    let jar = workspace
                        .collection_of(id)
                        .filter(|c| c.cookies)
                        .map(|_| self.jars.jar(id.collection, self.environment.as_deref()));
                    let expired_cookies = jar.as_ref().map(|jar| {
                        url::Url::parse(&prepared.request.url)
                            .map(|url| jar.expired_for(&url, std::time::SystemTime::now()))
                            .unwrap_or_default()
                    });
                    let outcome = self
                        .engine
                        .send_with_cookies(&prepared.request, jar.as_deref())
                        .await;
                    let mut captured = Vec::new();
                    if let Outcome::Response(exchange) = &outcome {
                        let environment = self.environment.clone();
                        self.responses
                            .record(id.clone(), environment.as_deref(), Arc::clone(exchange));
                        let wanted = workspace.request(id).map_or(&[][..], |r| r.capture.as_slice());
                        captured = capture(wanted, exchange);
                        keep_captured(&mut self.captured, &captured);
                    }
                    Ok(Exchanged {
                        prepared,
                        outcome,
                        captured,
                        expired_cookies,
                    })
                }
                Err(error) => Err(error),
            };
            sent.push(Sent {
                id: id.clone(),
                needed_by,
                result,
            });
        })
    }
}

/// Makes what was captured readable, as plain text, by the requests sent next: the TUI keeps
/// its own captures across sends the way a session keeps them across a run.
pub fn keep_captured(into: &mut Variables, captured: &[Captured]) {
    for c in captured {
        if let Ok(value) = &c.value {
            into.insert(c.variable.clone(), Template::literal(value));
        }
    }
}

fn closest_request(collection: &Collection, path: &RequestPath) -> Option<String> {
    let all: Vec<String> = collection
        .requests()
        .into_iter()
        .map(|(p, _)| p.to_string())
        .collect();
    crate::suggest::closest(&path.to_string(), all.iter().map(String::as_str))
        .into_iter()
        .next()
}

/// Rewrites "`X` has no response yet" into "there is no request `X`" for a chained
/// template that names a request the collection does not have.
fn no_such_dependency(
    error: PrepareError,
    dependency: &RequestPath,
    collection: &Collection,
) -> PrepareError {
    let PrepareError::Template {
        field,
        template,
        error,
        ..
    } = error
    else {
        return error;
    };
    let hint =
        closest_request(collection, dependency).map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
    PrepareError::Template {
        field,
        template,
        error: RenderError::Select {
            request: dependency.to_string(),
            message: format!("collection `{}` has no such request{hint}", collection.name),
            span: error.span(),
        },
        defined_in: Vec::new(),
    }
}
