//! Slumber's template language read: raw text (with `{_{`, the escape of a literal `{{`)
//! and expressions inside `{{ }}` — literals (`null`, booleans, numbers, `'…'` and `"…"`
//! strings, `b'…'` bytes, arrays, objects), profile fields, function calls with positional
//! then keyword arguments, and pipes (`x | f(a)` is `f(a, x)`), as Slumber's grammar
//! (crates/template/src/parse.rs) has them; v3's `chains.id` and `env.NAME` too. What does
//! not parse is kept as written, so that nothing is lost and nothing panics.

/// An expression of Slumber's template language.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Expr {
    Null,
    Bool(bool),
    /// As written.
    Number(String),
    Str(String),
    /// As written.
    Bytes(String),
    Array(Vec<Expr>),
    Object(Vec<(Expr, Expr)>),
    Field(String),
    Call(Call),
    /// v3: `{{chains.id}}`.
    Chain(String),
    /// v3: `{{env.NAME}}`.
    Env(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Call {
    pub name: String,
    pub args: Vec<Expr>,
    pub kwargs: Vec<(String, Expr)>,
}

impl Call {
    pub fn new(name: &str, args: Vec<Expr>) -> Self {
        Self {
            name: name.to_owned(),
            args,
            kwargs: Vec::new(),
        }
    }

    pub fn kwarg(&self, name: &str) -> Option<&Expr> {
        self.kwargs.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}

/// A piece of template text.
#[derive(Debug)]
pub(super) enum Chunk {
    Raw(String),
    Expr {
        expr: Expr,
        written: String,
    },
    /// `{{ … }}` Slumber would not parse, as written.
    Bad(String),
}

/// Splits template text into raw text (escapes undone) and expressions.
pub(super) fn chunks(text: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut raw = String::new();
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        // `{_{` is a literal `{{`, `{__{` a literal `{_{`: one underscore goes.
        let underscores = rest
            .strip_prefix('{')
            .map_or(0, |r| r.len() - r.trim_start_matches('_').len());
        if underscores > 0 && rest[1 + underscores..].starts_with('{') {
            raw.push('{');
            raw.push_str(&"_".repeat(underscores - 1));
            at += 1 + underscores;
            continue;
        }
        if rest.starts_with("{{") {
            if !raw.is_empty() {
                out.push(Chunk::Raw(std::mem::take(&mut raw)));
            }
            let mut parser = Parser {
                text: rest,
                at: 2,
                depth: 0,
            };
            let parsed = parser.expression().and_then(|expr| {
                parser.space();
                parser.eat("}}").then_some(expr).ok_or_else(String::new)
            });
            if let Ok(expr) = parsed {
                out.push(Chunk::Expr {
                    expr,
                    written: rest[..parser.at].to_owned(),
                });
                at += parser.at;
            } else {
                let end = rest.find("}}").map_or(rest.len(), |e| e + 2);
                out.push(Chunk::Bad(rest[..end].to_owned()));
                at += end;
            }
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        raw.push(c);
        at += c.len_utf8();
    }
    if !raw.is_empty() {
        out.push(Chunk::Raw(raw));
    }
    out
}

/// How deep expressions may nest (`[[[…]]]`, `f(g(h(…)))`) before the text is refused: a
/// reader that recursed without bound would overflow the stack on `{{ [[[[…`.
const MAX_DEPTH: usize = 64;

/// A recursive-descent reader of one expression, as Slumber's grammar has it.
struct Parser<'a> {
    text: &'a str,
    at: usize,
    /// Expressions being read, one inside the other.
    depth: usize,
}

type Parsed<T> = Result<T, String>;

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, token: &str) -> bool {
        let found = self.rest().starts_with(token);
        if found {
            self.at += token.len();
        }
        found
    }

    fn expect(&mut self, token: &str) -> Parsed<()> {
        self.space();
        if self.eat(token) {
            Ok(())
        } else {
            Err(format!("expected `{token}`"))
        }
    }

    /// `primary ( | call )*`: a pipe passes its left side as the call's last argument. Every
    /// nested expression passes here, so this is where nesting is bounded.
    fn expression(&mut self) -> Parsed<Expr> {
        if self.depth >= MAX_DEPTH {
            return Err(format!("expressions nested more than {MAX_DEPTH} deep"));
        }
        self.depth += 1;
        let expr = self.piped();
        self.depth -= 1;
        expr
    }

    fn piped(&mut self) -> Parsed<Expr> {
        let mut expr = self.primary()?;
        loop {
            self.space();
            if !self.rest().starts_with('|') {
                return Ok(expr);
            }
            self.at += 1;
            self.space();
            let name = self.identifier().ok_or("expected a function after `|`")?;
            let mut call = self.call(&name)?;
            call.args.push(expr);
            expr = Expr::Call(call);
        }
    }

    fn primary(&mut self) -> Parsed<Expr> {
        self.space();
        match self.peek().ok_or("expected an expression")? {
            '\'' | '"' => self.string().map(Expr::Str),
            'b' if self.rest()[1..].starts_with(['\'', '"']) => {
                let start = self.at;
                self.at += 1;
                self.string()?;
                Ok(Expr::Bytes(self.text[start..self.at].to_owned()))
            }
            '[' => {
                self.at += 1;
                let items = self.list(']', Self::expression)?;
                Ok(Expr::Array(items))
            }
            '{' => {
                self.at += 1;
                let entries = self.list('}', |p| {
                    let key = p.expression()?;
                    p.expect(":")?;
                    Ok((key, p.expression()?))
                })?;
                Ok(Expr::Object(entries))
            }
            c if c == '-' || c.is_ascii_digit() => Ok(Expr::Number(self.number()?)),
            _ => {
                let name = self.identifier().ok_or("expected an expression")?;
                match name.as_str() {
                    "null" => Ok(Expr::Null),
                    "true" => Ok(Expr::Bool(true)),
                    "false" => Ok(Expr::Bool(false)),
                    "chains" | "env" if self.rest().starts_with('.') => {
                        self.at += 1;
                        let key = self.identifier().ok_or("expected a name after `.`")?;
                        Ok(if name == "env" {
                            Expr::Env(key)
                        } else {
                            Expr::Chain(key)
                        })
                    }
                    _ if self.rest().trim_start().starts_with('(') => self.call(&name).map(Expr::Call),
                    _ => Ok(Expr::Field(name)),
                }
            }
        }
    }

    /// `name(args…, key=value…)`, the name read.
    fn call(&mut self, name: &str) -> Parsed<Call> {
        self.expect("(")?;
        let mut call = Call::new(name, Vec::new());
        let arguments = self.list(')', |p| {
            let start = p.at;
            if let Some(key) = p.identifier() {
                p.space();
                if p.rest().starts_with('=') && !p.rest().starts_with("==") {
                    p.at += 1;
                    return Ok((Some(key), p.expression()?));
                }
            }
            p.at = start;
            Ok((None, p.expression()?))
        })?;
        for (key, value) in arguments {
            match key {
                Some(key) => call.kwargs.push((key, value)),
                None if call.kwargs.is_empty() => call.args.push(value),
                None => return Err("a positional argument after a keyword argument".to_owned()),
            }
        }
        Ok(call)
    }

    /// Items up to `close`, separated by commas, a trailing comma allowed; the opening read.
    fn list<T>(&mut self, close: char, mut item: impl FnMut(&mut Self) -> Parsed<T>) -> Parsed<Vec<T>> {
        let mut items = Vec::new();
        loop {
            self.space();
            if self.peek() == Some(close) {
                self.at += 1;
                return Ok(items);
            }
            items.push(item(self)?);
            self.space();
            if !self.eat(",") {
                self.expect(&close.to_string())?;
                return Ok(items);
            }
        }
    }

    fn identifier(&mut self) -> Option<String> {
        let rest = self.rest();
        let first = rest.chars().next().filter(|c| c.is_alphabetic() || *c == '_')?;
        let len = first.len_utf8()
            + rest[first.len_utf8()..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(rest.len() - first.len_utf8());
        self.at += len;
        Some(rest[..len].to_owned())
    }

    fn number(&mut self) -> Parsed<String> {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_ascii_digit()
                    || ".eE+".contains(c)
                    || (c == '-' && (i == 0 || rest[..i].ends_with(['e', 'E']))))
            })
            .map_or(rest.len(), |(i, _)| i);
        let number = &rest[..len];
        if number.parse::<f64>().is_err() {
            return Err(format!("`{number}` is not a number"));
        }
        self.at += len;
        Ok(number.to_owned())
    }

    /// A quoted string, `'…'` or `"…"`, with `\\`, `\n`, `\r`, `\t`, `\'`, `\"` and `\xHH`.
    fn string(&mut self) -> Parsed<String> {
        let quote = self.peek().ok_or("expected a string")?;
        self.at += 1;
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                c if c == quote => {
                    self.at += i + 1;
                    return Ok(out);
                }
                '\\' => match chars.next().map(|(_, e)| e) {
                    Some('n') => out.push('\n'),
                    Some('r') => out.push('\r'),
                    Some('t') => out.push('\t'),
                    Some('x') => {
                        let hex: String = (0..2).filter_map(|_| chars.next().map(|(_, h)| h)).collect();
                        let byte = u8::from_str_radix(&hex, 16)
                            .map_err(|_| "expected two hex digits after `\\x`")?;
                        out.push(char::from(byte));
                    }
                    Some(e) => out.push(e),
                    None => break,
                },
                c => out.push(c),
            }
        }
        Err("a string is never closed".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Expr {
        match chunks(text).as_slice() {
            [Chunk::Expr { expr, .. }] => expr.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_pipe_passes_its_left_side_as_the_last_argument() {
        let Expr::Call(call) =
            parsed("{{ response('login', trigger='1h') | jsonpath('$.token', mode='single') }}")
        else {
            panic!()
        };
        assert_eq!(call.name, "jsonpath");
        assert_eq!(call.args[0], Expr::Str("$.token".into()));
        let Expr::Call(response) = &call.args[1] else {
            panic!()
        };
        assert_eq!(response.args, [Expr::Str("login".into())]);
        assert_eq!(response.kwarg("trigger"), Some(&Expr::Str("1h".into())));
        assert_eq!(call.kwarg("mode"), Some(&Expr::Str("single".into())));
    }

    #[test]
    fn literals_arrays_objects_and_escapes_are_read() {
        let Expr::Call(call) =
            parsed(r#"{{ command(['echo', "a\"b", 1.5e3, -2, true, null, b'\x01', {'k': x}]) }}"#)
        else {
            panic!()
        };
        let [Expr::Array(items)] = call.args.as_slice() else {
            panic!()
        };
        assert_eq!(items[1], Expr::Str("a\"b".into()));
        assert_eq!(items[2], Expr::Number("1.5e3".into()));
        assert_eq!(items[3], Expr::Number("-2".into()));
        assert_eq!(items[4], Expr::Bool(true));
        assert_eq!(items[5], Expr::Null);
        assert_eq!(items[6], Expr::Bytes(r"b'\x01'".into()));
        assert!(matches!(&items[7], Expr::Object(entries) if entries[0].1 == Expr::Field("x".into())));
    }

    #[test]
    fn expressions_nested_too_deep_are_a_bad_chunk_not_a_stack_overflow() {
        for open in ["[", "{", "f(", "f(x=["] {
            let text = format!("{{{{ {} }}}} after", open.repeat(20_000));
            let chunks = chunks(&text);
            assert!(
                matches!(chunks.as_slice(), [Chunk::Bad(bad), Chunk::Raw(raw)] if bad.len() + raw.len() == text.len()),
                "{open}"
            );
        }
        let unclosed = format!("{{{{ {}", "[".repeat(20_000));
        assert!(matches!(chunks(&unclosed).as_slice(), [Chunk::Bad(bad)] if *bad == unclosed));
    }

    #[test]
    fn expressions_nested_within_the_limit_still_parse() {
        let depth = MAX_DEPTH - 1;
        let text = format!("{{{{ {}1{} }}}}", "[".repeat(depth), "]".repeat(depth));
        let mut expr = parsed(&text);
        for _ in 0..depth {
            let Expr::Array(mut items) = expr else { panic!() };
            expr = items.remove(0);
        }
        assert_eq!(expr, Expr::Number("1".into()));
    }
}
