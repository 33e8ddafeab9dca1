//! Fuzz target: the template engine. The input is a template, then (after each NUL byte)
//! `name=value` variables of the fuzzer's own, rendered in a scope that also holds a small
//! fixed set of variables that refer to each other, an environment and a response to take
//! values from. Parsing keeps its promise (the parts give back the text, spans in bounds);
//! nothing panics or hangs, whatever the variables refer to.

#![no_main]

use apibench::template::{
    EnvLookup, JsonTemplate, Origin, ResponseLookup, ResponseView, Scope, Segment, Template, Variables,
};
use libfuzzer_sys::fuzz_target;

struct OneEnv;

impl EnvLookup for OneEnv {
    fn lookup(&self, name: &str) -> Option<(String, Origin)> {
        (name == "TOKEN").then(|| ("s3cret".to_owned(), Origin::ProcessEnv))
    }
}

/// `Login` answered with a JSON body and a header; every other request has no response.
struct OneResponse {
    headers: Vec<(String, String)>,
}

impl ResponseLookup for OneResponse {
    fn latest(&self, request: &str) -> Option<ResponseView<'_>> {
        (request == "Login").then(|| ResponseView {
            headers: &self.headers,
            body: br#"{"token":"abc","items":[{"id":1},{"id":"two"}],"n":3.5,"deep":{"a":{"b":null}}}"#,
            too_large: None,
            kept: None,
        })
    }
}

/// Collection variables that refer to each other (and to the environment and a response).
const FIXED: &[(&str, &str)] = &[
    ("host", "api.example.com"),
    ("base_url", "https://{{ host }}/v1"),
    ("token", "{{ env.TOKEN }}"),
    ("auth", "Bearer {{ token }}"),
    ("login_token", "{{ response.Login.body.$.token }}"),
    ("a", "{{ b }}"),
    ("b", "{{ a }}"),
    ("empty", ""),
    ("nested", "{{ base_url }}/{{ auth }}/{{ empty }}"),
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut pieces = text.split('\0');
    let source = pieces.next().unwrap_or_default();
    let mut own = Variables::new();
    for piece in pieces {
        let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
        if let Ok(value) = Template::parse(value) {
            own.insert(name.to_owned(), value);
        }
    }
    let fixed: Variables = FIXED
        .iter()
        .map(|(name, value)| {
            (
                (*name).to_owned(),
                Template::parse(*value).expect("fixed variables parse"),
            )
        })
        .collect();
    let responses = OneResponse {
        headers: vec![("X-Request-Id".to_owned(), "r-1".to_owned())],
    };
    let scope = Scope {
        layers: vec![(Origin::Request, &own), (Origin::Collection, &fixed)],
        env: &OneEnv,
        responses: &responses,
    };
    match Template::parse(source) {
        Ok(template) => {
            parts_give_back_the_text(&template);
            match scope.render(&template) {
                Ok(rendered) => {
                    for used in &rendered.uses {
                        let _ = used.describe();
                        let _ = used.walk();
                    }
                }
                Err(error) => {
                    let _ = error.to_string();
                    let span = error.span();
                    assert!(
                        span.start <= span.end && span.end <= source.len(),
                        "{span:?} out of {source:?}"
                    );
                }
            }
        }
        Err(error) => {
            assert!(
                error.span.start <= error.span.end && error.span.end <= source.len(),
                "{:?} out of {source:?}",
                error.span
            );
        }
    }
    let _ = apibench::template::json_value_template(source);
    let _ = apibench::template::is_variable_name(source);
    // The same text as a JSON body whose strings are templates.
    if let Ok(value) = serde_json::from_str(source)
        && let Ok(json) = JsonTemplate::parse(value)
    {
        let _ = json.render(|t| scope.render(t).map(|r| r.text));
    }
});

fn parts_give_back_the_text(template: &Template) {
    let source = template.as_str();
    let mut again = String::new();
    for part in template.parts() {
        match part {
            Segment::Literal(text) => again.push_str(text),
            Segment::Expr { span, .. } => {
                let written = source.get(span.clone());
                assert!(written.is_some(), "span {span:?} is not in {source:?}");
                again.push_str(written.unwrap_or_default());
            }
        }
    }
    assert_eq!(again, source, "the parts do not give back the text");
}
