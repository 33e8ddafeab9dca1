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
    /// Variables that use each other so often that rendering would not end: each using the
    /// next twice doubles the work at every step (`a: "{{ b }}{{ b }}"`, `b: "{{ c }}{{ c }}"`…).
    #[error(
        "`{name}` expands without end: its variables use each other more than {MAX_USES} times \
         or grow past {} MiB (a chain of variables that each use the next twice doubles at every step)",
        MAX_RENDERED_BYTES >> 20
    )]
    Runaway { name: String, span: Range<usize> },
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
            | RenderError::Runaway { span, .. }
            | RenderError::NeedsResponse { span, .. }
            | RenderError::Select { span, .. }
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

/// How deep variables may refer to variables before we call it a runaway.
const MAX_DEPTH: usize = 32;

/// How many `{{ … }}` one render may resolve, those in variables' values included, and how
/// much text it may write: past either, variables expand without end (a chain of 32 that
/// each use the next twice would resolve four billion).
const MAX_USES: usize = 100_000;
const MAX_RENDERED_BYTES: usize = 64 * 1024 * 1024;

/// What one render has done so far: the variables being expanded, outermost first, and the
/// work spent, against [`MAX_USES`] and [`MAX_RENDERED_BYTES`].
#[derive(Default)]
struct Walk {
    stack: Vec<String>,
    uses: usize,
    bytes: usize,
}

impl Walk {
    /// Counts `uses` more expressions resolved and `bytes` more text written; false once past
    /// the limits.
    fn spend(&mut self, uses: usize, bytes: usize) -> bool {
        self.uses += uses;
        self.bytes = self.bytes.saturating_add(bytes);
        self.uses <= MAX_USES && self.bytes <= MAX_RENDERED_BYTES
    }
}

impl Scope<'_> {
    /// Renders a template.
    pub fn render(&self, template: &Template) -> Result<Rendered, RenderError> {
        self.render_inner(template, &mut Walk::default())
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

    fn render_inner(&self, template: &Template, walk: &mut Walk) -> Result<Rendered, RenderError> {
        let mut out = Rendered::default();
        for part in template.parts() {
            match part {
                Segment::Literal(literal) => out.text.push_str(literal),
                Segment::Expr { expr, span } => {
                    let resolution = self.resolve(expr, span, walk)?;
                    if !walk.spend(1, resolution.value.len()) {
                        return Err(RenderError::Runaway {
                            name: expr.display(),
                            span: span.clone(),
                        });
                    }
                    out.text.push_str(&resolution.value);
                    out.uses.push(resolution);
                }
            }
        }
        Ok(out)
    }

    fn resolve(&self, expr: &Expr, span: &Range<usize>, walk: &mut Walk) -> Result<Resolution, RenderError> {
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
                if walk.stack.contains(name) || walk.stack.len() >= MAX_DEPTH {
                    let mut chain = walk.stack.clone();
                    chain.push(name.clone());
                    return Err(RenderError::Cycle {
                        chain,
                        span: span.clone(),
                    });
                }
                walk.stack.push(name.clone());
                let inner = self.render_inner(raw, walk);
                walk.stack.pop();
                let inner = inner.map_err(|e| match e {
                    // A cycle is reported once, at the outermost use, with the whole chain.
                    RenderError::Cycle { chain, .. } => RenderError::Cycle {
                        chain,
                        span: span.clone(),
                    },
                    // So is a runaway, naming the variable that was used.
                    RenderError::Runaway { .. } => RenderError::Runaway {
                        name: name.clone(),
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
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[derive(Default)]
    struct FakeEnv(HashMap<String, (String, Origin)>);

    impl EnvLookup for FakeEnv {
        fn lookup(&self, name: &str) -> Option<(String, Origin)> {
            self.0.get(name).cloned()
        }
    }

    fn vars(pairs: &[(&str, &str)]) -> Variables {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Template::parse(*v).unwrap()))
            .collect()
    }

    impl Scope<'_> {
        fn render_text(&self, text: &str) -> Result<Rendered, RenderError> {
            self.render(&Template::parse(text).unwrap())
        }
    }

    struct OneResponse;
    impl ResponseLookup for OneResponse {
        fn latest(&self, request: &str) -> Option<ResponseView<'_>> {
            static HEADERS: [(String, String); 0] = [];
            match request {
                "Login" => Some(ResponseView {
                    headers: &HEADERS,
                    body: br#"{"token":"abc","n":3}"#,
                    too_large: None,
                    kept: None,
                }),
                "Yesterday" => Some(ResponseView {
                    headers: &HEADERS,
                    body: br#"{"token":"old"}"#,
                    too_large: None,
                    kept: Some("2026-12-04 09:12:07 (21 h ago)".into()),
                }),
                _ => None,
            }
        }
    }

    #[test]
    fn precedence_is_cli_then_request_then_environment_then_collection() {
        let cli = vars(&[("a", "cli")]);
        let request = vars(&[("a", "request"), ("b", "request")]);
        let env = vars(&[("a", "env"), ("b", "env"), ("c", "env")]);
        let collection = vars(&[("a", "col"), ("b", "col"), ("c", "col"), ("d", "col")]);
        let fake = FakeEnv::default();
        let scope = Scope {
            layers: vec![
                (Origin::CommandLine, &cli),
                (Origin::Request, &request),
                (Origin::Environment("staging".into()), &env),
                (Origin::Collection, &collection),
            ],
            env: &fake,
            responses: &NoResponses,
        };
        let out = scope.render_text("{{a}} {{b}} {{c}} {{d}}").unwrap();
        assert_eq!(out.text, "cli request env col");
        let origins: Vec<_> = out.uses.iter().map(|u| u.origin.clone()).collect();
        assert_eq!(
            origins,
            vec![
                Origin::CommandLine,
                Origin::Request,
                Origin::Environment("staging".into()),
                Origin::Collection
            ]
        );
    }

    #[test]
    fn variables_nest_and_keep_their_chain() {
        let collection = vars(&[("token", "{{ env.DEMO_TOKEN }}"), ("auth", "Bearer {{ token }}")]);
        let mut fake = FakeEnv::default();
        fake.0.insert(
            "DEMO_TOKEN".into(),
            ("s3cret".into(), Origin::DotEnv(".env".into())),
        );
        let scope = Scope {
            layers: vec![(Origin::Collection, &collection)],
            env: &fake,
            responses: &NoResponses,
        };
        let out = scope.render_text("{{ auth }}").unwrap();
        assert_eq!(out.text, "Bearer s3cret");
        let chain: Vec<_> = out.uses[0].walk().iter().map(|r| r.expr.clone()).collect();
        assert_eq!(chain, vec!["auth", "token", "env.DEMO_TOKEN"]);
        assert_eq!(
            out.uses[0].nested[0].nested[0].origin,
            Origin::DotEnv(".env".into())
        );
    }

    #[test]
    fn unset_env_is_empty_and_remembered() {
        let collection = vars(&[("token", "{{ env.NOPE }}")]);
        let fake = FakeEnv::default();
        let scope = Scope {
            layers: vec![(Origin::Collection, &collection)],
            env: &fake,
            responses: &NoResponses,
        };
        let out = scope.render_text("Bearer {{ token }}").unwrap();
        assert_eq!(out.text, "Bearer ");
        assert!(out.uses[0].is_blank());
        assert_eq!(out.uses[0].nested[0].origin, Origin::Unset);
        assert_eq!(
            out.uses[0].describe(),
            "{{ token }} (the collection's variables) ← {{ env.NOPE }} (not set in the process environment or a .env file)"
        );
    }

    #[test]
    fn empty_variable_is_allowed() {
        let collection = vars(&[("token", "")]);
        let scope = Scope {
            layers: vec![(Origin::Collection, &collection)],
            env: &FakeEnv::default(),
            responses: &NoResponses,
        };
        let out = scope.render_text("x{{token}}y").unwrap();
        assert_eq!(out.text, "xy");
        assert!(out.uses[0].is_blank());
    }

    #[test]
    fn unknown_variable_suggests_close_names_and_points_at_the_use() {
        let collection = vars(&[("base_url", "x"), ("user_id", "1")]);
        let scope = Scope {
            layers: vec![(Origin::Collection, &collection)],
            env: &FakeEnv::default(),
            responses: &NoResponses,
        };
        let err = scope
            .render_text("{{ base_url }}/users/{{ userid }}")
            .unwrap_err();
        assert_eq!(err.span(), 21..33);
        assert_eq!(
            err.to_string(),
            "unknown variable `userid` (did you mean `user_id`?)"
        );
    }

    #[test]
    fn cycles_are_reported_with_their_chain() {
        let collection = vars(&[("a", "{{ b }}"), ("b", "{{ a }}")]);
        let scope = Scope {
            layers: vec![(Origin::Collection, &collection)],
            env: &FakeEnv::default(),
            responses: &NoResponses,
        };
        let err = scope.render_text("x {{ a }}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "variables refer to each other in a cycle: a → b → a"
        );
        assert_eq!(err.span(), 2..9);
    }

    /// Found with the `template` fuzz target (variables of its own): a chain of variables that
    /// each use the next twice resolved 2^30 times and never came back (libFuzzer timeout).
    #[test]
    fn variables_that_expand_without_end_are_an_error_not_a_hang() {
        let mut pairs: Vec<(String, String)> = (0..30)
            .map(|i| {
                (
                    format!("v{i}"),
                    format!("{{{{ v{} }}}}{{{{ v{} }}}}", i + 1, i + 1),
                )
            })
            .collect();
        pairs.push(("v30".to_owned(), "x".to_owned()));
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let collection = vars(&pairs);
        let scope = Scope {
            layers: vec![(Origin::Collection, &collection)],
            env: &FakeEnv::default(),
            responses: &NoResponses,
        };
        let err = scope.render_text("url {{ v0 }}").unwrap_err();
        assert!(
            matches!(&err, RenderError::Runaway { name, .. } if name == "v0"),
            "{err:?}"
        );
        assert_eq!(err.span(), 4..12);
        assert!(err.to_string().starts_with("`v0` expands without end"), "{err}");
        // Within the limits, many uses still render.
        let wide = vars(&[("a", "{{ b }}{{ b }}{{ b }}{{ b }}"), ("b", "xy")]);
        let scope = Scope {
            layers: vec![(Origin::Collection, &wide)],
            env: &FakeEnv::default(),
            responses: &NoResponses,
        };
        assert_eq!(scope.render_text("{{ a }}").unwrap().text, "xyxyxyxy");
    }

    #[test]
    fn errors_inside_a_variable_name_the_variable() {
        let collection = vars(&[("url", "{{ missing }}/x")]);
        let scope = Scope {
            layers: vec![(Origin::Collection, &collection)],
            env: &FakeEnv::default(),
            responses: &NoResponses,
        };
        let err = scope.render_text("{{ url }}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "in the value of `url`: unknown variable `missing`"
        );
        assert_eq!(err.span(), 0..9);
    }

    #[test]
    fn chaining_reads_json_bodies_says_when_a_kept_one_came_and_reports_missing_responses() {
        let empty = Variables::new();
        let scope = Scope {
            layers: vec![(Origin::Collection, &empty)],
            env: &FakeEnv::default(),
            responses: &OneResponse,
        };
        let out = scope
            .render_text("{{ response.Login.body.$.token }}/{{ response.Login.body.n }}")
            .unwrap();
        assert_eq!(out.text, "abc/3");
        assert_eq!(out.uses[0].origin, Origin::Response("Login".into()));
        let err = scope.render_text("{{ response.Other.body.$.x }}").unwrap_err();
        assert_eq!(err.needed_response(), Some("Other"));
        let err = scope.render_text("{{ response.Login.body.$.nope }}").unwrap_err();
        assert!(err.to_string().contains("matches nothing"), "{err}");

        // A value from a response kept from an earlier session says when it came.
        let out = scope
            .render_text("{{ response.Yesterday.body.$.token }}")
            .unwrap();
        assert_eq!(out.text, "old");
        assert_eq!(
            out.uses[0].origin.to_string(),
            "the response of \"Yesterday\" received at 2026-12-04 09:12:07 (21 h ago) in an earlier session"
        );
    }
}
