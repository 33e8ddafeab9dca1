//! Bounds on what one template may expand to. Variables are templates too, so a collection
//! under 1 KB whose variables double at each level (`v1: "{{ v0 }}{{ v0 }}"`, …) would
//! render gigabytes; these limits stop such a runaway early, with the chain of variables that
//! ran away, long before memory does. Each is far past what a hand-written collection needs.

use std::fmt;
use std::ops::Range;

use super::render::{RenderError, Resolution};

/// How deep variables may refer to variables (`auth` → `token` → `env.TOKEN` is 2): real
/// collections chain a handful of levels.
pub const MAX_DEPTH: usize = 32;

/// The most text the expressions of one template may add to it: 1 MiB. Values are URLs,
/// headers and body fields; a body larger than this belongs in a file (`body: file:`), which
/// is not a template. Literal text is not counted: the file it was written in bounds it.
pub const MAX_RENDERED_BYTES: usize = 1 << 20;

/// The most `{{ … }}` one render may resolve, counting those inside variables' values. Each
/// is kept with its origin for the checklist, so a doubling chain of empty values would
/// otherwise build millions of them without growing the text at all.
pub const MAX_RESOLUTIONS: usize = 100_000;

/// Which bound an expansion ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpansionLimit {
    Depth,
    Size,
    Resolutions,
}

impl fmt::Display for ExpansionLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpansionLimit::Depth => write!(f, "more than {MAX_DEPTH} levels of variables inside variables"),
            ExpansionLimit::Size => write!(f, "past {} MiB of text", MAX_RENDERED_BYTES >> 20),
            ExpansionLimit::Resolutions => write!(f, "more than {MAX_RESOLUTIONS} `{{{{ }}}}` to resolve"),
        }
    }
}

/// One render's progress: the variables being expanded, outermost first, and how many
/// expressions it has resolved.
#[derive(Debug, Default)]
pub(super) struct Expansion {
    stack: Vec<String>,
    resolved: usize,
}

impl Expansion {
    /// Starts expanding the variable `name`, used at `span`: a cycle or one level too many is
    /// an error.
    pub(super) fn enter(&mut self, name: &str, span: Range<usize>) -> Result<(), RenderError> {
        if self.stack.iter().any(|n| n == name) {
            return Err(RenderError::Cycle {
                chain: self.chain_to(Some(name)),
                span,
            });
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.runaway(ExpansionLimit::Depth, Some(name), span));
        }
        self.stack.push(name.to_owned());
        Ok(())
    }

    /// Done expanding the innermost variable.
    pub(super) fn leave(&mut self) {
        self.stack.pop();
    }

    /// Counts one more expression resolved.
    pub(super) fn count_resolution(&mut self, span: Range<usize>) -> Result<(), RenderError> {
        self.resolved += 1;
        if self.resolved > MAX_RESOLUTIONS {
            return Err(self.runaway(ExpansionLimit::Resolutions, None, span));
        }
        Ok(())
    }

    /// Whether `resolution`'s value may be added to a text already `len` bytes long.
    pub(super) fn check_size(
        &self,
        len: usize,
        resolution: &Resolution,
        span: Range<usize>,
    ) -> Result<(), RenderError> {
        if len.saturating_add(resolution.value.len()) <= MAX_RENDERED_BYTES {
            return Ok(());
        }
        Err(self.runaway(ExpansionLimit::Size, Some(&resolution.expr), span))
    }

    fn runaway(&self, limit: ExpansionLimit, last: Option<&str>, span: Range<usize>) -> RenderError {
        RenderError::Runaway {
            chain: self.chain_to(last),
            limit,
            span,
        }
    }

    fn chain_to(&self, last: Option<&str>) -> Vec<String> {
        self.stack
            .iter()
            .map(String::as_str)
            .chain(last)
            .map(str::to_owned)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::Template;
    use super::super::render::{EnvLookup, NoResponses, Origin, Rendered, Scope, Variables};
    use super::*;

    struct NoEnv;
    impl EnvLookup for NoEnv {
        fn lookup(&self, _name: &str) -> Option<(String, Origin)> {
            None
        }
    }

    fn vars(pairs: &[(&str, &str)]) -> Variables {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Template::parse(*v).unwrap()))
            .collect()
    }

    fn render_with(collection: &Variables, text: &str) -> Result<Rendered, RenderError> {
        let scope = Scope {
            layers: vec![(Origin::Collection, collection)],
            env: &NoEnv,
            responses: &NoResponses,
        };
        scope.render(&Template::parse(text).unwrap())
    }

    /// `v0: "xx"`, `v1: "{{ v0 }}{{ v0 }}"`, … `v30`: under 1 KB of variables that double.
    fn doubling(levels: usize) -> Variables {
        let mut pairs = vec![("v0".to_owned(), "xx".to_owned())];
        for i in 1..=levels {
            pairs.push((format!("v{i}"), format!("{{{{ v{0} }}}}{{{{ v{0} }}}}", i - 1)));
        }
        pairs
            .iter()
            .map(|(k, v)| (k.clone(), Template::parse(v).unwrap()))
            .collect()
    }

    #[test]
    fn variables_that_double_at_each_level_stop_with_the_chain_named() {
        let collection = doubling(30);
        let started = std::time::Instant::now();
        let err = render_with(&collection, "x {{ v30 }}").unwrap_err();
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        let RenderError::Runaway { chain, .. } = &err else {
            panic!("expected a runaway expansion, got {err}");
        };
        assert_eq!(chain.first().map(String::as_str), Some("v30"), "{chain:?}");
        assert_eq!(err.span(), 2..11);
        assert!(err.to_string().starts_with("variables expand too far"), "{err}");
        assert!(err.to_string().contains("v30 → v29 → v28"), "{err}");
    }

    #[test]
    fn a_rendered_value_past_the_size_limit_is_an_error_and_one_below_it_is_not() {
        let big = "y".repeat(MAX_RENDERED_BYTES / 2);
        let collection = vars(&[
            ("half", &big),
            ("whole", "{{ half }}{{ half }}"),
            ("more", "{{ whole }}!"),
        ]);
        assert_eq!(
            render_with(&collection, "{{ whole }}").unwrap().text.len(),
            MAX_RENDERED_BYTES
        );
        let err = render_with(&collection, "{{ more }}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "variables expand too far (past 1 MiB of text): more"
        );
    }

    #[test]
    fn variables_nested_deeper_than_the_limit_are_a_runaway_not_a_cycle() {
        let names: Vec<String> = (0..=MAX_DEPTH).map(|i| format!("d{i}")).collect();
        let mut pairs: Vec<(String, String)> = names
            .windows(2)
            .map(|w| (w[0].clone(), format!("{{{{ {} }}}}", w[1])))
            .collect();
        pairs.push((names[MAX_DEPTH].clone(), "end".into()));
        let collection: Variables = pairs
            .iter()
            .map(|(k, v)| (k.clone(), Template::parse(v).unwrap()))
            .collect();
        let err = render_with(&collection, "{{ d0 }}").unwrap_err();
        assert!(
            err.to_string().starts_with(
                "variables expand too far (more than 32 levels of variables inside variables): d0 → d1"
            ),
            "{err}"
        );
    }
}
