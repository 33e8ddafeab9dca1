//! Fuzz target: collection files. Arbitrary UTF-8 is loaded as a collection file
//! (`parse_collection`) and parsed as the lossless tree edits use (`edit::tree::Tree`);
//! what loads has each request prepared (its templates rendered, without reading files),
//! and what does not has each error printed. None of it may panic or hang.

#![no_main]

use std::path::Path;

use apibench::collection::edit::tree::Tree;
use apibench::collection::source_map::YamlPath;
use apibench::collection::{Body, Collection, Part, Request, Variables, parse_collection, parse_expect};
use apibench::template::{EnvLookup, NoResponses, Origin};
use libfuzzer_sys::fuzz_target;

/// Every `env.NAME` is set nowhere: the target reads no environment.
struct NoEnv;

impl EnvLookup for NoEnv {
    fn lookup(&self, _name: &str) -> Option<(String, Origin)> {
        None
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Path::new("fuzz.yaml");
    match parse_collection(text, source) {
        Ok(collection) => prepare_each_request(&collection),
        Err(errors) => {
            for error in errors {
                let _ = error.to_string();
            }
        }
    }
    if let Err(errors) = parse_expect(text, source) {
        for error in errors {
            let _ = error.to_string();
        }
    }
    if let Ok(tree) = Tree::parse(text) {
        let root = YamlPath::default();
        let _ = tree.node(&root);
        for path in [
            root.key("requests"),
            root.key("variables"),
            root.key("environments"),
            root.key("requests").index(0),
            root.key("requests").index(0).key("headers"),
        ] {
            let _ = tree.node(&path);
            let _ = tree.entries(&path);
            let _ = tree.items(&path);
        }
        if let Some(walked) = tree.walk_root() {
            let _ = walked.entries();
            walked.each_item("requests", |_, item| {
                let _ = item.entries();
            });
        }
    }
});

/// Prepares every request in every environment (and none), as `apibench run` would before
/// sending; requests whose body is a file are left out (the fuzzer would name `/dev/zero`).
fn prepare_each_request(collection: &Collection) {
    let none = Variables::new();
    let environments: Vec<Option<&str>> = std::iter::once(None)
        .chain(collection.environments.keys().map(|name| Some(name.as_str())))
        .take(4)
        .collect();
    for (path, request) in collection.requests().into_iter().take(16) {
        if reads_a_file(request) {
            continue;
        }
        for environment in &environments {
            let ctx = apibench::request::Context {
                collection,
                environment: *environment,
                overrides: &none,
                captured: &none,
                env: &NoEnv,
                responses: &NoResponses,
            };
            match apibench::request::prepare(&ctx, &path, request) {
                Ok(prepared) => {
                    let _ = apibench::interop::curl::command(&prepared.request);
                    let _ = apibench::interop::http_message(&prepared.request);
                }
                Err(error) => {
                    let _ = error.to_string();
                }
            }
        }
    }
}

fn reads_a_file(request: &Request) -> bool {
    match &request.body {
        Some(Body::File { .. }) => true,
        Some(Body::Multipart(parts)) => parts.iter().any(|p| matches!(p, Part::File { .. })),
        _ => false,
    }
}
