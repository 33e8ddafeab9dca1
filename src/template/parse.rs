//! Parsing `{{ }}` templates into literal text and expressions, with byte spans for errors.

use std::ops::Range;

/// A parsed template, kept beside the text it was parsed from. The collection model holds
/// these, so a template is parsed once, when its file loads, and rendered from the parts.
/// Parsing never loses text: concatenating the literal parts and the source text of each
/// expression gives back the original.
#[derive(Debug, Clone, Default)]
pub struct Template {
    source: String,
    parts: Vec<Segment>,
}

/// Two templates are the same when they were written the same (the parts follow).
impl PartialEq for Template {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Template {}

impl PartialEq<str> for Template {
    fn eq(&self, other: &str) -> bool {
        self.source == other
    }
}

impl PartialEq<&str> for Template {
    fn eq(&self, other: &&str) -> bool {
        self.source == *other
    }
}

impl std::fmt::Display for Template {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.source)
    }
}

impl AsRef<str> for Template {
    fn as_ref(&self) -> &str {
        &self.source
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    Expr {
        expr: Expr,
        /// Byte range of the whole `{{ … }}` in the template text.
        span: Range<usize>,
    },
}

/// What one `{{ … }}` refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// `{{ name }}`: a collection, environment, request or command-line variable.
    Var(String),
    /// `{{ env.NAME }}`: the process environment, then a `.env` beside the collection.
    Env(String),
    /// `{{ response.REQUEST.body.$.path }}` or `{{ response.REQUEST.header.Name }}`.
    Response { request: String, select: Selector },
    /// `{{ "text" }}`: literal text, the way to write a literal `{{`.
    Literal(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// A JSONPath-style selector into the response body (`$.data.token`).
    Body(BodyPath),
    Header(String),
}

/// A `JSONPath` into a response body: parsed once, when the template is, and kept with the
/// text as written for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyPath {
    pub text: String,
    pub path: serde_json_path::JsonPath,
}

impl BodyPath {
    pub fn parse(text: &str) -> Result<Self, serde_json_path::ParseError> {
        Ok(Self {
            text: text.to_owned(),
            path: serde_json_path::JsonPath::parse(text)?,
        })
    }
}

impl Expr {
    /// The expression as a person would write it, for messages.
    pub fn display(&self) -> String {
        match self {
            Expr::Var(name) => name.clone(),
            Expr::Env(name) => format!("env.{name}"),
            Expr::Response {
                request,
                select: Selector::Body(path),
            } => format!("response.{request}.body.{}", path.text),
            Expr::Response {
                request,
                select: Selector::Header(name),
            } => format!("response.{request}.header.{name}"),
            Expr::Literal(text) => format!("{text:?}"),
        }
    }
}

/// A syntax error in a template, located by byte span.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SyntaxError {
    pub span: Range<usize>,
    pub message: String,
}

impl Template {
    /// Parses template text.
    pub fn parse(text: impl Into<String>) -> Result<Template, SyntaxError> {
        let source = text.into();
        let parts = parse_parts(&source)?;
        Ok(Template { source, parts })
    }

    /// Parses template text it takes over (no copy of it); an error hands the text back.
    pub fn parse_owned(source: String) -> Result<Template, (SyntaxError, String)> {
        match parse_parts(&source) {
            Ok(parts) => Ok(Template { source, parts }),
            Err(e) => Err((e, source)),
        }
    }

    /// A template that renders as exactly `text`, whatever it holds: each `{{` in it is
    /// written as the quoted literal `{{ "{{" }}`. For values that come from outside a file
    /// (the demo's base URL) and must not be read as templates.
    pub fn literal(text: &str) -> Template {
        const OPEN: &str = r#"{{ "{{" }}"#;
        let mut source = String::with_capacity(text.len());
        let mut parts = Vec::new();
        for (i, piece) in text.split("{{").enumerate() {
            if i > 0 {
                let start = source.len();
                source.push_str(OPEN);
                parts.push(Segment::Expr {
                    expr: Expr::Literal("{{".to_owned()),
                    span: start..source.len(),
                });
            }
            if !piece.is_empty() {
                source.push_str(piece);
                parts.push(Segment::Literal(piece.to_owned()));
            }
        }
        Template { source, parts }
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    pub fn into_string(self) -> String {
        self.source
    }

    pub fn is_empty(&self) -> bool {
        self.source.is_empty()
    }

    /// Literal text and expressions, in order.
    pub fn parts(&self) -> &[Segment] {
        &self.parts
    }

    /// The expressions, in order, with their spans.
    pub fn exprs(&self) -> impl Iterator<Item = (&Expr, &Range<usize>)> {
        self.parts.iter().filter_map(|p| match p {
            Segment::Expr { expr, span } => Some((expr, span)),
            Segment::Literal(_) => None,
        })
    }
}

/// Splits template text into literal text and expressions.
fn parse_parts(text: &str) -> Result<Vec<Segment>, SyntaxError> {
    let mut parts = Vec::new();
    let mut rest_start = 0;
    while let Some(found) = text[rest_start..].find("{{") {
        let open = rest_start + found;
        if open > rest_start {
            parts.push(Segment::Literal(text[rest_start..open].to_owned()));
        }
        let inner_start = open + 2;
        let Some(close_rel) = find_close(&text[inner_start..]) else {
            return Err(SyntaxError {
                span: open..text.len(),
                message: "`{{` is never closed: expected `}}`".to_owned(),
            });
        };
        let inner_end = inner_start + close_rel;
        let span = open..inner_end + 2;
        let expr = parse_expr(&text[inner_start..inner_end]).map_err(|message| SyntaxError {
            span: span.clone(),
            message,
        })?;
        parts.push(Segment::Expr { expr, span });
        rest_start = inner_end + 2;
    }
    if rest_start < text.len() {
        parts.push(Segment::Literal(text[rest_start..].to_owned()));
    }
    Ok(parts)
}

/// Finds the `}}` closing an expression, skipping over a quoted string literal so that
/// `{{ "}}" }}` works.
fn find_close(inner: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if inner[i..].starts_with("}}") {
            return Some(i);
        }
    }
    None
}

fn parse_expr(raw: &str) -> Result<Expr, String> {
    let expr = raw.trim();
    if expr.is_empty() {
        return Err("empty `{{ }}`: expected a variable name".to_owned());
    }
    if let Some(quoted) = expr.strip_prefix('"') {
        let text = serde_json::from_str::<String>(&format!("\"{quoted}"))
            .map_err(|_| format!("`{expr}` is not a valid quoted string"))?;
        return Ok(Expr::Literal(text));
    }
    if let Some(name) = expr.strip_prefix("env.") {
        if !is_env_name(name) {
            return Err(format!(
                "`{expr}`: expected an environment variable name after `env.` (letters, digits, `_`)"
            ));
        }
        return Ok(Expr::Env(name.to_owned()));
    }
    if let Some(rest) = expr.strip_prefix("response.") {
        return parse_response(expr, rest);
    }
    if is_variable_name(expr) {
        return Ok(Expr::Var(expr.to_owned()));
    }
    Err(format!(
        "`{expr}` is not a variable name; expected `name`, `env.NAME` or `response.REQUEST.body.PATH`"
    ))
}

fn parse_response(expr: &str, rest: &str) -> Result<Expr, String> {
    let body_at = rest.find(".body.");
    let header_at = rest.find(".header.");
    let (at, is_body) = match (body_at, header_at) {
        (Some(b), Some(h)) => (b.min(h), b < h),
        (Some(b), None) => (b, true),
        (None, Some(h)) => (h, false),
        (None, None) => {
            return Err(format!(
                "`{expr}`: expected `response.REQUEST.body.PATH` or `response.REQUEST.header.NAME`"
            ));
        }
    };
    let request = rest[..at].trim();
    if request.is_empty() {
        return Err(format!("`{expr}`: the request name is missing"));
    }
    let selector_text = &rest[at + if is_body { 6 } else { 8 }..];
    if selector_text.is_empty() {
        return Err(format!(
            "`{expr}`: nothing after `.{}.`",
            if is_body { "body" } else { "header" }
        ));
    }
    let select = if is_body {
        let path = if selector_text.starts_with('$') {
            selector_text.to_owned()
        } else {
            format!("$.{selector_text}")
        };
        Selector::Body(
            BodyPath::parse(&path).map_err(|e| format!("`{expr}`: invalid JSONPath `{path}`: {e}"))?,
        )
    } else {
        Selector::Header(selector_text.to_owned())
    };
    Ok(Expr::Response {
        request: request.to_owned(),
        select,
    })
}

/// Whether `text` can name a variable: a letter or `_`, then letters, digits, `_`, `-`.
pub fn is_variable_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn is_env_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exprs(text: &str) -> Vec<Expr> {
        Template::parse(text)
            .unwrap()
            .exprs()
            .map(|(e, _)| e.clone())
            .collect()
    }

    #[test]
    fn literal_text_has_no_expressions() {
        let t = Template::parse("https://example.com/a").unwrap();
        assert_eq!(t.exprs().count(), 0);
        assert_eq!(t.parts(), vec![Segment::Literal("https://example.com/a".into())]);
    }

    #[test]
    fn variables_with_and_without_spaces() {
        assert_eq!(
            exprs("{{base_url}}/v1/{{ user_id }}"),
            vec![Expr::Var("base_url".into()), Expr::Var("user_id".into())]
        );
    }

    #[test]
    fn spans_cover_the_braces() {
        let t = Template::parse("a{{ x }}b").unwrap();
        let (_, span) = t.exprs().next().unwrap();
        assert_eq!(span, &(1..8));
    }

    #[test]
    fn env_and_response_forms() {
        assert_eq!(
            exprs("{{ env.DEMO_TOKEN }}"),
            vec![Expr::Env("DEMO_TOKEN".into())]
        );
        assert_eq!(
            exprs("{{ response.Log in.body.$.token }}"),
            vec![Expr::Response {
                request: "Log in".into(),
                select: Selector::Body(BodyPath::parse("$.token").unwrap())
            }]
        );
        assert_eq!(
            exprs("{{ response.Admin/Login.body.data.token }}"),
            vec![Expr::Response {
                request: "Admin/Login".into(),
                select: Selector::Body(BodyPath::parse("$.data.token").unwrap())
            }]
        );
        assert_eq!(
            exprs("{{ response.Create user.header.Location }}"),
            vec![Expr::Response {
                request: "Create user".into(),
                select: Selector::Header("Location".into())
            }]
        );
    }

    #[test]
    fn quoted_literal_escapes_braces() {
        assert_eq!(exprs(r#"{{ "{{" }}"#), vec![Expr::Literal("{{".into())]);
        assert_eq!(exprs(r#"{{ "}}" }}"#), vec![Expr::Literal("}}".into())]);
    }

    #[test]
    fn unclosed_expression_points_at_the_opening() {
        let err = Template::parse("{{ base_url }}/v1/{{ id").unwrap_err();
        assert_eq!(err.span, 18..23);
        assert!(err.message.contains("never closed"), "{err}");
    }

    #[test]
    fn empty_expression_is_an_error() {
        let err = Template::parse("x{{ }}").unwrap_err();
        assert_eq!(err.span, 1..6);
        assert!(err.message.contains("empty"));
    }

    #[test]
    fn bad_names_are_errors() {
        for bad in [
            "{{ 1abc }}",
            "{{ a b }}",
            "{{ env. }}",
            "{{ env.A-B }}",
            "{{ response.x }}",
            "{{ response..body.x }}",
        ] {
            assert!(Template::parse(bad).is_err(), "{bad} should not parse");
        }
    }

    #[test]
    fn invalid_jsonpath_is_an_error() {
        let err = Template::parse("{{ response.Login.body.$[ }}").unwrap_err();
        assert!(err.message.contains("JSONPath"), "{err}");
    }

    #[test]
    fn a_literal_template_parses_back_to_itself_and_keeps_its_braces() {
        for text in ["http://127.0.0.1:8787", "a{{b}}c{{", "{{", ""] {
            let literal = Template::literal(text);
            let reparsed = Template::parse(literal.as_str()).unwrap();
            assert_eq!(reparsed.parts(), literal.parts(), "{text}");
            let rendered: String = literal
                .parts()
                .iter()
                .map(|p| match p {
                    Segment::Literal(t)
                    | Segment::Expr {
                        expr: Expr::Literal(t),
                        ..
                    } => t.as_str(),
                    Segment::Expr { .. } => unreachable!("only literals"),
                })
                .collect();
            assert_eq!(rendered, text);
        }
    }

    #[test]
    fn single_braces_are_literal() {
        let t = Template::parse("{id} and }} alone").unwrap();
        assert_eq!(t.parts(), vec![Segment::Literal("{id} and }} alone".into())]);
    }
}
