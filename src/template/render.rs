//! Rendering templates against a [`Scope`], remembering where every value came from.
//!
//! Variables are looked up in layers, highest precedence first: `--var` on the command line,
//! the request's own `variables`, the active environment, then the collection's `variables`.
//! A variable's value is itself a template, rendered in the same scope (so a collection
//! variable may refer to `{{ env.TOKEN }}` or to an environment-specific variable); cycles
//! are errors. `{{ env.NAME }}` that is set nowhere renders as an empty string and is
//! remembered with [`Origin::Unset`], so the checklist can say why a header came out empty.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use indexmap::IndexMap;

use super::expansion::{Expansion, ExpansionLimit, Stop};
use super::parse::{Expr, Segment, Selector, Template};

/// Variables as written: name → template, in file order.
pub type Variables = IndexMap<String, Template>;

/// Where a resolved value came from. The checklist quotes it ("token from environment
/// `staging`").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    CommandLine,
    /// `capture:` of a request sent earlier in the same run.
    Captured,
    Request,
    Environment(String),
    Collection,
    ProcessEnv,
    DotEnv(PathBuf),
    /// An `env.NAME` that is set nowhere.
    Unset,
    /// The latest response of another request (chaining).
    Response(String),
    /// The latest response of another request, kept in the history from an earlier
    /// session; `when` it came ("09:12:07 (3 h ago)").
    KeptResponse {
        request: String,
        when: String,
    },
    /// A quoted literal in the template itself.
    Literal,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::CommandLine => f.write_str("--var on the command line"),
            Origin::Captured => f.write_str("a capture earlier in this run"),
            Origin::Request => f.write_str("the request's variables"),
            Origin::Environment(name) => write!(f, "environment \"{name}\""),
            Origin::Collection => f.write_str("the collection's variables"),
            Origin::ProcessEnv => f.write_str("the process environment"),
            Origin::DotEnv(path) => write!(f, "{}", path.display()),
            Origin::Unset => f.write_str("not set in the process environment or a .env file"),
            Origin::Response(request) => write!(f, "the latest response of \"{request}\""),
            Origin::KeptResponse { request, when } => {
                write!(
                    f,
                    "the response of \"{request}\" received at {when} in an earlier session"
                )
            }
            Origin::Literal => f.write_str("a literal in the template"),
        }
    }
}

/// One `{{ … }}` as it was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The expression as written: `token`, `env.DEMO_TOKEN`.
    pub expr: String,
    pub value: String,
    pub origin: Origin,
    /// Where the expression sits in the template that used it.
    pub span: Range<usize>,
    /// Expressions inside this variable's own value, resolved in turn.
    pub nested: Vec<Resolution>,
}

impl Resolution {
    /// The name the value went by: the last part of `env.DB_PASSWORD` or
    /// `response.Login.body.$.token`, the whole of `db_password`.
    pub fn name(&self) -> &str {
        self.expr.rsplit(['.', ' ']).next().unwrap_or(&self.expr)
    }

    /// Read from the process environment or a `.env` file.
    pub fn from_environment(&self) -> bool {
        matches!(self.origin, Origin::ProcessEnv | Origin::DotEnv(_))
    }

    /// Empty or whitespace-only: allowed, but the checklist flags it.
    pub fn is_blank(&self) -> bool {
        self.value.trim().is_empty()
    }

    /// The chain of definitions down to the value's real source, for evidence:
    /// `{{ token }} (the collection's variables) ← {{ env.DEMO_TOKEN }} (neither the process environment nor a .env file)`.
    pub fn describe(&self) -> String {
        let mut text = format!("{{{{ {} }}}} ({})", self.expr, self.origin);
        if let [only] = self.nested.as_slice() {
            text.push_str(" ← ");
            text.push_str(&only.describe());
        }
        text
    }

    /// This resolution and everything nested in it, depth first.
    pub fn walk(&self) -> Vec<&Resolution> {
        let mut out = vec![self];
        for n in &self.nested {
            out.extend(n.walk());
        }
        out
    }
}

/// A rendered template: the text and how each expression was resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub uses: Vec<Resolution>,
}

/// Why a template could not be rendered. `span` locates the offending `{{ … }}` in the
/// template being rendered (for errors inside a variable's value, the use of that variable).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error("unknown variable `{name}`{}", suggest(suggestions))]
    UnknownVariable {
        name: String,
        span: Range<usize>,
        suggestions: Vec<String>,
    },
    #[error("variables refer to each other in a cycle: {}", chain.join(" → "))]
    Cycle { chain: Vec<String>, span: Range<usize> },
    /// Chaining needs a response that does not exist yet; the caller may send that request
    /// first and render again.
    #[error("`{request}` has no response yet; send it first")]
    NeedsResponse { request: String, span: Range<usize> },
    #[error("cannot take a value from the response of `{request}`: {message}")]
    Select {
        request: String,
        message: String,
        span: Range<usize>,
    },
    /// Variables that expand past a limit of [`super::expansion`]: `chain` is the variables
    /// being expanded when it was reached, outermost first.
    #[error("variables expand too far ({limit}): {}", chain.join(" → "))]
    Runaway {
        chain: Vec<String>,
        limit: ExpansionLimit,
        span: Range<usize>,
    },
    #[error("in the value of `{name}`: {inner}")]
    InVariable {
        name: String,
        span: Range<usize>,
        inner: Box<RenderError>,
    },
}

fn suggest(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => format!(" (did you mean `{one}`?)"),
        many => format!(
            " (did you mean {}?)",
            many.iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

impl RenderError {
    /// The byte span in the rendered template that the error points at.
    pub fn span(&self) -> Range<usize> {
        match self {
            RenderError::UnknownVariable { span, .. }
            | RenderError::Cycle { span, .. }
            | RenderError::NeedsResponse { span, .. }
            | RenderError::Select { span, .. }
            | RenderError::Runaway { span, .. }
            | RenderError::InVariable { span, .. } => span.clone(),
        }
    }

    /// The innermost request this error waits for, if it is only missing a chained response.
    pub fn needed_response(&self) -> Option<&str> {
        match self {
            RenderError::NeedsResponse { request, .. } => Some(request),
            RenderError::InVariable { inner, .. } => inner.needed_response(),
            _ => None,
        }
    }
}

/// Looks up `{{ env.NAME }}`.
pub trait EnvLookup {
    fn lookup(&self, name: &str) -> Option<(String, Origin)>;
}

/// A response another request can take values from.
#[derive(Debug, Clone)]
pub struct ResponseView<'a> {
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
    /// The body's size (as people read it: `1.2 GiB`) when it was too large to hold: `body`
    /// is then only its start, and values are not read from it.
    pub too_large: Option<String>,
    /// When it came, for a response kept from an earlier session ("09:12:07 (3 h ago)");
    /// `None` for one received in this session.
    pub kept: Option<String>,
}

/// The latest responses, by request path as written in templates (`Login`, `Admin/Login`).
pub trait ResponseLookup {
    fn latest(&self, request: &str) -> Option<ResponseView<'_>>;
}

/// No responses at all: chaining always reports [`RenderError::NeedsResponse`].
#[derive(Debug, Default, Clone, Copy)]
pub struct NoResponses;

impl ResponseLookup for NoResponses {
    fn latest(&self, _request: &str) -> Option<ResponseView<'_>> {
        None
    }
}

/// Everything a template can refer to.
pub struct Scope<'a> {
    /// Variable layers, highest precedence first.
    pub layers: Vec<(Origin, &'a Variables)>,
    pub env: &'a dyn EnvLookup,
    pub responses: &'a dyn ResponseLookup,
}

impl fmt::Debug for Scope<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scope")
            .field("layers", &self.layers)
            .finish_non_exhaustive()
    }
}

impl Scope<'_> {
    /// Renders a template.
    pub fn render(&self, template: &Template) -> Result<Rendered, RenderError> {
        self.render_inner(template, &mut Expansion::default())
    }

    /// Every variable name visible in this scope, for suggestions and pickers.
    pub fn variable_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for (_, vars) in &self.layers {
            for name in vars.keys() {
                if !names.contains(&name.as_str()) {
                    names.push(name);
                }
            }
        }
        names
    }

    fn render_inner(&self, template: &Template, expansion: &mut Expansion) -> Result<Rendered, RenderError> {
        let mut out = Rendered::default();
        for part in template.parts() {
            match part {
                // Literal text is bounded by the file it was written in; only what variables
                // expand to is.
                Segment::Literal(literal) => out.text.push_str(literal),
                Segment::Expr { expr, span } => {
                    let resolution = self.resolve(expr, span, expansion)?;
                    expansion
                        .check_size(out.text.len(), resolution.value.len(), &resolution.expr)
                        .map_err(|stop| stopped(stop, span.clone()))?;
                    out.text.push_str(&resolution.value);
                    out.uses.push(resolution);
                }
            }
        }
        Ok(out)
    }

    fn resolve(
        &self,
        expr: &Expr,
        span: &Range<usize>,
        expansion: &mut Expansion,
    ) -> Result<Resolution, RenderError> {
        expansion
            .count_resolution()
            .map_err(|stop| stopped(stop, span.clone()))?;
        let make = |value: String, origin: Origin, nested: Vec<Resolution>| Resolution {
            expr: expr.display(),
            value,
            origin,
            span: span.clone(),
            nested,
        };
        match expr {
            Expr::Literal(text) => Ok(make(text.clone(), Origin::Literal, Vec::new())),
            Expr::Env(name) => Ok(match self.env.lookup(name) {
                Some((value, origin)) => make(value, origin, Vec::new()),
                None => make(String::new(), Origin::Unset, Vec::new()),
            }),
            Expr::Var(name) => {
                let Some((origin, raw)) = self
                    .layers
                    .iter()
                    .find_map(|(origin, vars)| vars.get(name).map(|v| (origin.clone(), v)))
                else {
                    return Err(RenderError::UnknownVariable {
                        name: name.clone(),
                        span: span.clone(),
                        suggestions: crate::suggest::closest(name, self.variable_names()),
                    });
                };
                expansion
                    .enter(name)
                    .map_err(|stop| stopped(stop, span.clone()))?;
                let inner = self.render_inner(raw, expansion);
                expansion.leave();
                let inner = inner.map_err(|e| match e {
                    // A cycle or a runaway is reported once, at the outermost use, with the
                    // whole chain.
                    RenderError::Cycle { chain, .. } => RenderError::Cycle {
                        chain,
                        span: span.clone(),
                    },
                    RenderError::Runaway { chain, limit, .. } => RenderError::Runaway {
                        chain,
                        limit,
                        span: span.clone(),
                    },
                    other => RenderError::InVariable {
                        name: name.clone(),
                        span: span.clone(),
                        inner: Box::new(other),
                    },
                })?;
                Ok(make(inner.text, origin, inner.uses))
            }
            Expr::Response { request, select } => {
                let Some(view) = self.responses.latest(request) else {
                    return Err(RenderError::NeedsResponse {
                        request: request.clone(),
                        span: span.clone(),
                    });
                };
                let value = select_value(&view, select).map_err(|message| RenderError::Select {
                    request: request.clone(),
                    message,
                    span: span.clone(),
                })?;
                let origin = match view.kept {
                    Some(when) => Origin::KeptResponse {
                        request: request.clone(),
                        when,
                    },
                    None => Origin::Response(request.clone()),
                };
                Ok(make(value, origin, Vec::new()))
            }
        }
    }
}

/// The error for an expansion stopped at `span`.
fn stopped(stop: Stop, span: Range<usize>) -> RenderError {
    match stop {
        Stop::Cycle(chain) => RenderError::Cycle { chain, span },
        Stop::Runaway(chain, limit) => RenderError::Runaway { chain, limit, span },
    }
}

fn select_value(view: &ResponseView<'_>, select: &Selector) -> Result<String, String> {
    match select {
        Selector::Header(name) => view
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
            .ok_or_else(|| format!("the response has no `{name}` header")),
        Selector::Body(path) => {
            if let Some(size) = &view.too_large {
                return Err(format!(
                    "the body is {size}, too large to hold: it is kept on disk and values are not read from it"
                ));
            }
            let json: serde_json::Value =
                serde_json::from_slice(view.body).map_err(|e| format!("the body is not JSON ({e})"))?;
            let node = path
                .path
                .query(&json)
                .first()
                .ok_or_else(|| format!("`{}` matches nothing in the body", path.text))?;
            Ok(match node {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
        }
    }
}

#[cfg(test)]
mod tests;
