//! Loading collection files that are right: the documented example to its exact model, every
//! body and auth kind and option, extension keys, and the shipped collections.

use std::time::Duration;

use apibench::collection::{
    Auth, Body, Collection, Defaults, Expect, Folder, Item, KeyLocation, Part, Request, RequestOptions,
    RequestPath, StatusMatcher, Variables, load_file, load_path, parse_collection,
};

use crate::support::{fixture, shipped};
use crate::support::{pairs, t};

#[test]
fn the_documented_example_loads_to_the_expected_model() {
    let path = fixture("format_example.yaml");
    let collection = load_file(&path).expect("the example in collection-format.md loads");
    let expected = Collection {
        name: "Demo API".into(),
        description: Some("The embedded demo server; start it with `apibench demo`.".into()),
        source: path,
        variables: pairs(&[
            ("base_url", "http://127.0.0.1:8787"),
            ("token", "{{ env.DEMO_TOKEN }}"),
            ("user_id", "42"),
        ])
        .into_iter()
        .collect(),
        environments: [
            ("local".to_owned(), Variables::default()),
            (
                "staging".to_owned(),
                pairs(&[("base_url", "https://staging.example.com")])
                    .into_iter()
                    .collect(),
            ),
        ]
        .into_iter()
        .collect(),
        defaults: Defaults {
            headers: pairs(&[("Accept", "application/json")]),
            query: vec![],
            auth: Some(Auth::Bearer(t("{{ token }}"))),
            options: RequestOptions {
                timeout: Some(Duration::from_secs(30)),
                ..RequestOptions::default()
            },
        },
        cookies: false,
        openapi: None,
        items: vec![
            Item::Request(Box::new(Request {
                method: "GET".into(),
                query: pairs(&[("page", "1"), ("per_page", "20")]),
                ..Request::new("List users", t("{{ base_url }}/v1/users"))
            })),
            Item::Request(Box::new(Request {
                method: "POST".into(),
                body: Some(Body::Json {
                    value: apibench::template::JsonTemplate::parse(
                        serde_json::json!({"name": "Ada", "email": "ada@example.com"}),
                    )
                    .unwrap(),
                    content_type: None,
                }),
                ..Request::new("Create user", t("{{ base_url }}/v1/users"))
            })),
            Item::Folder(Folder {
                name: "Admin".into(),
                description: None,
                tags: Vec::new(),
                items: vec![Item::Request(Box::new(Request {
                    method: "DELETE".into(),
                    auth: Some(Auth::ApiKey {
                        location: KeyLocation::Header,
                        name: "X-Admin-Key".into(),
                        value: t("{{ env.ADMIN_KEY }}"),
                    }),
                    expect: Some(Expect {
                        status: vec![StatusMatcher::Exact(204)],
                        ..Expect::default()
                    }),
                    ..Request::new("Delete user", t("{{ base_url }}/v1/users/{{ user_id }}"))
                }))],
            }),
        ],
        lookup: apibench::collection::RequestIndex::default(),
    };
    assert_eq!(collection, expected);
    assert!(
        collection
            .find(&RequestPath::parse("Admin/Delete user"))
            .is_some()
    );
}

#[test]
fn every_body_and_auth_kind_and_option_loads() {
    let text = r#"
requests:
  - name: Text
    method: POST
    url: http://x
    body: { text: "a,b", content_type: text/csv }
    auth: { basic: { username: ada, password: "{{ pw }}" } }
    timeout: 500ms
    connect_timeout: 2s
    follow_redirects: false
    insecure_tls: true
    max_body: 10MB
    max_age: 1h 30m
    expect: { status: [2xx, 404] }
  - name: Form
    method: POST
    url: http://x
    body:
      form:
        - { name: tag, value: a }
        - { name: tag, value: b }
    auth: { api_key: { in: query, name: api_key, value: k } }
  - name: Multipart
    method: POST
    url: http://x
    body:
      multipart:
        - { name: title, value: Hello }
        - { name: doc, file: notes.txt, content_type: text/plain }
    auth: none
  - name: File
    method: PUT
    url: http://x
    body: { file: data.bin }
    variables: { pw: secret }
"#;
    let c = parse_collection(text, std::path::Path::new("all.yaml")).unwrap();
    let r: Vec<&Request> = c.requests().into_iter().map(|(_, r)| r).collect();
    assert_eq!(
        r[0].body,
        Some(Body::Text {
            text: t("a,b"),
            content_type: Some("text/csv".into())
        })
    );
    assert_eq!(
        r[0].auth,
        Some(Auth::Basic {
            username: t("ada"),
            password: t("{{ pw }}")
        })
    );
    assert_eq!(
        r[0].options,
        RequestOptions {
            timeout: Some(Duration::from_millis(500)),
            connect_timeout: Some(Duration::from_secs(2)),
            follow_redirects: Some(false),
            insecure_tls: Some(true),
            max_body: Some(10_000_000),
            idempotent: None,
            max_age: Some(Duration::from_secs(5400)),
        }
    );
    assert_eq!(
        r[0].expect,
        Some(Expect {
            status: vec![StatusMatcher::Class(2), StatusMatcher::Exact(404)],
            ..Expect::default()
        })
    );
    assert_eq!(r[1].body, Some(Body::Form(pairs(&[("tag", "a"), ("tag", "b")]))));
    assert_eq!(
        r[1].auth,
        Some(Auth::ApiKey {
            location: KeyLocation::Query,
            name: "api_key".into(),
            value: t("k")
        })
    );
    assert_eq!(
        r[2].body,
        Some(Body::Multipart(vec![
            Part::Value {
                name: "title".into(),
                value: t("Hello")
            },
            Part::File {
                name: "doc".into(),
                path: t("notes.txt"),
                content_type: Some("text/plain".into())
            },
        ]))
    );
    assert_eq!(r[2].auth, Some(Auth::None));
    assert_eq!(
        r[3].body,
        Some(Body::File {
            path: t("data.bin"),
            content_type: None
        })
    );
    assert_eq!(
        r[3].variables.get("pw").map(apibench::template::Template::as_str),
        Some("secret")
    );
}

/// (fixture, line, column, message) — the exact report for each kind of broken file.

#[test]
fn the_shipped_collections_load() {
    let loaded = load_path(&shipped(""));
    assert!(loaded.errors.is_empty(), "{:#?}", loaded.errors);
    let demo = loaded
        .collections
        .iter()
        .find(|c| c.name == "Demo API")
        .expect("demo.yaml");
    assert!(demo.requests().len() >= 20);
}

#[test]
fn extension_keys_are_accepted_and_every_unknown_key_is_reported() {
    let ok = parse_collection(
        "x-owner: payments\nrequests:\n  - name: A\n    url: http://x\n    x-note: kept for other tools\n    body:\n      json: {}\n      x-schema: user\n",
        std::path::Path::new("ext.yaml"),
    );
    assert!(ok.is_ok(), "{ok:?}");
    let errors = parse_collection(
        "requests:\n  - name: A\n    url: http://x\n    hedaers: {}\n    bdoy: {}\n",
        std::path::Path::new("typos.yaml"),
    )
    .unwrap_err();
    let at: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(at, vec![(Some(4), Some(5)), (Some(5), Some(5))]);
    assert!(
        errors[1]
            .message()
            .contains("unknown field `bdoy`: did you mean `body`?"),
        "{errors:?}"
    );
}

/// Merge keys bring a shared mapping in, and its numbers and booleans read as they do
/// without one: as text in headers and variables, as JSON values in a `json` body.
#[test]
fn merge_keys_apply_and_their_scalars_read_as_usual() {
    let text = "name: merged\nx-common: &common\n  headers:\n    Accept: application/json\n    X-Flag: true\n  timeout: 5\nvariables:\n  id: 0x1F\nrequests:\n  - name: A\n    <<: *common\n    url: https://a.example/one\n    body:\n      json: {quantity: 2, ok: true}\n";
    let collection = apibench::collection::parse_collection(text, std::path::Path::new("m.yaml")).unwrap();
    let request = collection
        .find(&apibench::collection::RequestPath::parse("A"))
        .unwrap();
    assert_eq!(request.headers[1].0, "X-Flag");
    assert_eq!(request.headers[1].1.to_string(), "true");
    assert_eq!(request.options.timeout, Some(std::time::Duration::from_secs(5)));
    let Some(apibench::collection::Body::Json { value, .. }) = &request.body else {
        panic!("a json body");
    };
    assert_eq!(value.value()["quantity"], 2);
    // Written in a flow mapping without a space, it merges too.
    let flow = "x-h: &h {Accept: text/plain}\nrequests:\n  - name: A\n    url: https://a.example/\n    headers: {<<: *h,X-B: b}\n";
    let collection = apibench::collection::parse_collection(flow, std::path::Path::new("m.yaml")).unwrap();
    let request = collection.requests()[0].1;
    let names: Vec<&str> = request.headers.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["X-B", "Accept"]);
}

/// `expect.fails_with` names how a request is expected to fail; an unknown name is an error
/// at its place, and an `expect` with neither a status nor a failure is one too.
#[test]
fn expected_failures_load_and_unknown_ones_are_located() {
    let ok = "name: c\nrequests:\n  - name: Slow\n    url: https://a/\n    expect:\n      fails_with: [timeout, connect]\n";
    let c = apibench::collection::parse_collection(ok, std::path::Path::new("c.yaml")).unwrap();
    let expect = c
        .find(&apibench::collection::RequestPath::parse("Slow"))
        .unwrap()
        .expect
        .clone()
        .unwrap();
    assert_eq!(expect.fails_with, ["timeout", "connect"]);
    assert!(expect.status.is_empty());
    let bad =
        "name: c\nrequests:\n  - name: Slow\n    url: https://a/\n    expect:\n      fails_with: timeuot\n";
    let errors = apibench::collection::parse_collection(bad, std::path::Path::new("c.yaml")).unwrap_err();
    assert_eq!(errors[0].line, Some(6), "{errors:?}");
    assert!(
        errors[0].to_string().contains("unknown failure `timeuot`"),
        "{}",
        errors[0]
    );
    let empty = "name: c\nrequests:\n  - name: Slow\n    url: https://a/\n    expect: {}\n";
    let errors = apibench::collection::parse_collection(empty, std::path::Path::new("c.yaml")).unwrap_err();
    assert!(
        errors[0]
            .to_string()
            .contains("`expect` names nothing to check: give one of status, headers"),
        "{}",
        errors[0]
    );
}

/// A merge key naming an anchor the file does not define is an error at its place, not a
/// panic and not a silent empty merge.
#[test]
fn a_merge_of_an_unknown_anchor_is_located() {
    let text = "name: m\nrequests:\n  - name: A\n    <<: *missing\n    url: https://a/\n";
    let errors = apibench::collection::parse_collection(text, std::path::Path::new("m.yaml")).unwrap_err();
    assert_eq!(errors[0].line, Some(4), "{errors:?}");
    assert!(errors[0].to_string().contains("unknown anchor"), "{}", errors[0]);
}
