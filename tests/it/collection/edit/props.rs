//! Property test: random sequences of edits over hand-written files keep the file loadable,
//! change nothing outside the request an edit targets, and never lose a comment that was
//! not inside something deleted.

use std::path::Path;

use apibench::collection::edit::{
    Document, Edit, ScalarField, Table, VarScope, request_location, tree::Tree,
};
use apibench::collection::{Auth, RequestPath, parse_collection};
use proptest::prelude::*;

use crate::support::fixture;
use crate::support::t;

/// Values that read back the same whatever the quoting.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{0,8}",
        Just("{{ base_url }}/x".to_owned()),
        Just("two words".to_owned()),
        Just("it's".to_owned())
    ]
}

#[derive(Debug, Clone)]
enum Op {
    Url(String),
    Method(String),
    Description(String),
    Timeout(u8),
    Header(String),
    AddHeader(String),
    AddQuery(String),
    Bearer(String),
    Variable(String),
    DisableFirstHeader,
    AddRequest(String),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        word().prop_map(Op::Url),
        prop_oneof![Just("GET"), Just("POST"), Just("PATCH")].prop_map(|m| Op::Method(m.to_owned())),
        word().prop_map(Op::Description),
        (1u8..90).prop_map(Op::Timeout),
        word().prop_map(Op::Header),
        "[A-Z][a-z]{1,6}".prop_map(|n| Op::AddHeader(format!("X-{n}"))),
        "[a-z]{1,6}".prop_map(|n| Op::AddQuery(format!("q{n}"))),
        word().prop_map(Op::Bearer),
        word().prop_map(Op::Variable),
        Just(Op::DisableFirstHeader),
        "[A-Z][a-z]{2,8}".prop_map(Op::AddRequest),
    ]
}

fn to_edit(op: &Op, request: &RequestPath, n: usize) -> Edit {
    let r = request.clone();
    match op {
        Op::Url(v) => Edit::SetField {
            request: r,
            field: ScalarField::Url,
            value: Some(v.clone()),
        },
        Op::Method(v) => Edit::SetField {
            request: r,
            field: ScalarField::Method,
            value: Some(v.clone()),
        },
        Op::Description(v) => Edit::SetField {
            request: r,
            field: ScalarField::Description,
            value: Some(v.clone()),
        },
        Op::Timeout(s) => Edit::SetField {
            request: r,
            field: ScalarField::Timeout,
            value: Some(format!("{s}s")),
        },
        Op::Header(v) => Edit::SetRow {
            request: r,
            table: Table::Headers,
            index: 0,
            name: "X-Prop".into(),
            value: v.clone(),
        },
        Op::AddHeader(name) => Edit::AddRow {
            request: r,
            table: Table::Headers,
            name: format!("{name}{n}"),
            value: "1a".into(),
        },
        Op::AddQuery(name) => Edit::AddRow {
            request: r,
            table: Table::Query,
            name: format!("{name}{n}"),
            value: "v".into(),
        },
        Op::Bearer(v) => Edit::SetAuth {
            request: r,
            auth: Some(Auth::Bearer(t(v))),
        },
        Op::Variable(v) => Edit::SetVariable {
            scope: VarScope::Collection,
            name: "prop_var".into(),
            value: Some(v.clone()),
        },
        Op::DisableFirstHeader => Edit::DisableRow {
            request: r,
            table: Table::Headers,
            index: 0,
        },
        Op::AddRequest(name) => Edit::AddRequest {
            folder: Vec::new(),
            name: format!("{name} {n}"),
        },
    }
}

/// Lines of `text` inside the request's item, as a line range.
fn request_lines(text: &str, request: &RequestPath) -> Option<std::ops::Range<usize>> {
    let collection = parse_collection(text, Path::new("x")).ok()?;
    let at = request_location(&collection, request).ok()?;
    let tree = Tree::parse(text).ok()?;
    let node = tree.node(&at)?;
    let first = text[..tree.line_start(node.range.start)].matches('\n').count();
    let last = text[..node.range.end].matches('\n').count();
    Some(first..last + 1)
}

fn comments(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.trim_start().starts_with('#'))
        .map(|l| l.trim().to_owned())
        .collect()
}

fn check_sequence(file: &str, ops: &[(usize, Op)]) -> Result<(), TestCaseError> {
    let path = fixture(file);
    let original = std::fs::read_to_string(&path).unwrap();
    let mut doc = Document::new(path, original.clone());
    let requests: Vec<RequestPath> = parse_collection(&original, Path::new("x"))
        .unwrap()
        .requests()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    for (n, (pick, op)) in ops.iter().enumerate() {
        let request = &requests[pick % requests.len()];
        let edit = to_edit(op, request, n);
        let before = doc.text.clone();
        if doc.apply(&edit).is_err() {
            // Refused (e.g. no header to change): the text must be untouched.
            prop_assert_eq!(&doc.text, &before);
            continue;
        }
        prop_assert!(parse_collection(&doc.text, Path::new("x")).is_ok());
        // Outside the targeted request nothing moves, for edits confined to one request.
        if !matches!(edit, Edit::SetVariable { .. } | Edit::AddRequest { .. })
            && let Some(span) = request_lines(&before, request)
        {
            let old: Vec<&str> = before.split('\n').collect();
            let new: Vec<&str> = doc.text.split('\n').collect();
            let head = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
            let tail = old
                .iter()
                .rev()
                .zip(new.iter().rev())
                .take_while(|(a, b)| a == b)
                .count();
            prop_assert!(
                head >= span.start,
                "{edit:?} changed line {head} before the request ({span:?})"
            );
            prop_assert!(
                old.len() - tail <= span.end + 1,
                "{edit:?} changed lines after the request ({span:?})"
            );
        }
        // Comments written by hand are all still there.
        for comment in comments(&original) {
            prop_assert!(
                comments(&doc.text).contains(&comment),
                "lost comment {comment} after {edit:?}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_edits_keep_the_handwritten_file_intact(ops in proptest::collection::vec((0usize..8, op()), 1..12)) {
        check_sequence("handwritten.yaml", &ops)?;
    }

    #[test]
    fn random_edits_keep_the_documented_example_intact(ops in proptest::collection::vec((0usize..8, op()), 1..12)) {
        check_sequence("format_example.yaml", &ops)?;
    }
}
