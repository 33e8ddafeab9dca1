//! The specs of rendering: precedence of the layers, nesting and its chain, unset and empty
//! values, unknown names, cycles, chaining, and the bounds of expansion.

use std::collections::HashMap;

use super::*;
use crate::template::expansion::{MAX_DEPTH, MAX_RENDERED_BYTES};

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
    let out = render_with(&collection, "Bearer {{ token }}").unwrap();
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
    let out = render_with(&collection, "x{{token}}y").unwrap();
    assert_eq!(out.text, "xy");
    assert!(out.uses[0].is_blank());
}

#[test]
fn unknown_variable_suggests_close_names_and_points_at_the_use() {
    let collection = vars(&[("base_url", "x"), ("user_id", "1")]);
    let err = render_with(&collection, "{{ base_url }}/users/{{ userid }}").unwrap_err();
    assert_eq!(err.span(), 21..33);
    assert_eq!(
        err.to_string(),
        "unknown variable `userid` (did you mean `user_id`?)"
    );
}

#[test]
fn cycles_are_reported_with_their_chain() {
    let collection = vars(&[("a", "{{ b }}"), ("b", "{{ a }}")]);
    let err = render_with(&collection, "x {{ a }}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "variables refer to each other in a cycle: a → b → a"
    );
    assert_eq!(err.span(), 2..9);
}

#[test]
fn errors_inside_a_variable_name_the_variable() {
    let collection = vars(&[("url", "{{ missing }}/x")]);
    let err = render_with(&collection, "{{ url }}").unwrap_err();
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

fn render_with(collection: &Variables, text: &str) -> Result<Rendered, RenderError> {
    let scope = Scope {
        layers: vec![(Origin::Collection, collection)],
        env: &FakeEnv::default(),
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
