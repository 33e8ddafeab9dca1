//! Loading collection files: the documented example, and one fixture per kind of breakage
//! with its exact position and message.

mod common;

use std::time::Duration;

use apibench::collection::{
    Auth, Body, Collection, Defaults, Expect, Folder, Item, KeyLocation, Part, Request, RequestOptions,
    RequestPath, StatusMatcher, Variables, load_file, load_path, parse_collection,
};
use common::fixture;

fn t(text: &str) -> apibench::template::Template {
    apibench::template::Template::parse(text).unwrap()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, apibench::template::Template)> {
    items.iter().map(|(k, v)| ((*k).to_owned(), t(v))).collect()
}

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
        items: vec![
            Item::Request(Request {
                method: "GET".into(),
                query: pairs(&[("page", "1"), ("per_page", "20")]),
                ..Request::new("List users", t("{{ base_url }}/v1/users"))
            }),
            Item::Request(Request {
                method: "POST".into(),
                body: Some(Body::Json {
                    value: apibench::template::JsonTemplate::parse(
                        serde_json::json!({"name": "Ada", "email": "ada@example.com"}),
                    )
                    .unwrap(),
                    content_type: None,
                }),
                ..Request::new("Create user", t("{{ base_url }}/v1/users"))
            }),
            Item::Folder(Folder {
                name: "Admin".into(),
                description: None,
                items: vec![Item::Request(Request {
                    method: "DELETE".into(),
                    auth: Some(Auth::ApiKey {
                        location: KeyLocation::Header,
                        name: "X-Admin-Key".into(),
                        value: t("{{ env.ADMIN_KEY }}"),
                    }),
                    expect: Some(Expect {
                        status: vec![StatusMatcher::Exact(204)],
                    }),
                    ..Request::new("Delete user", t("{{ base_url }}/v1/users/{{ user_id }}"))
                })],
            }),
        ],
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
        }
    );
    assert_eq!(
        r[0].expect,
        Some(Expect {
            status: vec![StatusMatcher::Class(2), StatusMatcher::Exact(404)]
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
const BROKEN: &[(&str, usize, usize, &str)] = &[
    (
        "bad_indentation.yaml",
        5,
        4,
        "did not find expected '-' indicator (while parsing a block collection that starts at 3:3)",
    ),
    (
        "wrong_type.yaml",
        5,
        23,
        "requests[0].follow_redirects: invalid type: string \"sometimes\", expected a boolean",
    ),
    (
        "unknown_field.yaml",
        5,
        5,
        "requests[0]: unknown field `hedaers`: did you mean `headers`? (expected one of `name`, `folder`, `requests`, `description`, `method`, `url`, `query`, `headers`, `body`, `auth`, `timeout`, `connect_timeout`, `follow_redirects`, `insecure_tls`, `max_body`, `expect`, `variables`)",
    ),
    (
        "duplicate_name.yaml",
        10,
        15,
        "duplicate request name `Delete user` in this folder; names must be unique so `run --request` can find them",
    ),
    (
        "bad_template.yaml",
        6,
        35,
        "bad template: `{{` is never closed: expected `}}`",
    ),
    (
        "unknown_auth.yaml",
        6,
        7,
        "requests[0].auth: unknown field `beraer`: did you mean `bearer`? (expected one of `bearer`, `basic`, `api_key`)",
    ),
    (
        "two_body_kinds.yaml",
        6,
        5,
        "a body has exactly one kind, but this one has json and text",
    ),
    (
        "bad_duration.yaml",
        3,
        12,
        "defaults.timeout: `a while` is not a duration; expected something like 30s, 500ms or 1m 30s",
    ),
    (
        "unknown_body_kind.yaml",
        5,
        7,
        "requests[0].body: unknown field `jsn`: did you mean `json`? (expected one of `json`, `text`, `form`, `multipart`, `file`, `content_type`)",
    ),
    (
        "bad_key_location.yaml",
        5,
        22,
        "requests[0].auth.api_key.in: unknown variant `heder`: did you mean `header`? (expected `header` or `query`)",
    ),
    ("no_url.yaml", 2, 5, "request `A` has no `url`"),
    (
        "bad_method.yaml",
        3,
        13,
        "`GE T` is not an HTTP method; expected GET, POST, PUT, PATCH, DELETE or another token",
    ),
    (
        "slash_in_name.yaml",
        2,
        11,
        "a request name cannot contain `/`, which separates folders in request paths",
    ),
    (
        "folder_with_request_keys.yaml",
        3,
        5,
        "`url` belongs to a request, not a folder; folders hold `folder`, `description` and `requests`",
    ),
    (
        "part_value_and_file.yaml",
        6,
        13,
        "a multipart part has either `value` or `file`, not both or neither",
    ),
    (
        "empty_status.yaml",
        5,
        15,
        "requests[0].expect.status: the list of expected statuses is empty",
    ),
    (
        "negative_duration.yaml",
        2,
        12,
        "defaults.timeout: `-5s`: a duration cannot be negative",
    ),
    (
        "bad_size.yaml",
        2,
        13,
        "defaults.max_body: unknown size unit `parsecs`; expected B, KB, KiB, MB, MiB, GB or GiB",
    ),
    (
        "empty_key_name.yaml",
        5,
        36,
        "an API key needs a header or parameter name",
    ),
    (
        "empty_auth.yaml",
        4,
        5,
        "auth needs one of `bearer`, `basic` or `api_key` (or `auth: none`)",
    ),
    (
        "version_2.yaml",
        1,
        10,
        "collection format version 2 is not supported; this apibench reads version 1",
    ),
    (
        "not_items.yaml",
        1,
        12,
        "requests[0]: invalid type: integer `1`, expected a request (with `name:`) or a folder (with `folder:`)",
    ),
    (
        "name_and_folder.yaml",
        3,
        5,
        "an entry has both `name` and `folder`; a request has `name`, a folder has `folder`",
    ),
];

#[test]
fn each_kind_of_broken_file_is_reported_at_its_exact_position() {
    for (name, line, column, message) in BROKEN {
        let path = fixture(&format!("broken/{name}"));
        let errors = load_file(&path).expect_err(name);
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        let e = &errors[0];
        assert_eq!(
            (e.line, e.column, e.message().as_str()),
            (Some(*line), Some(*column), *message),
            "{name}"
        );
        assert_eq!(
            e.to_string(),
            format!("{}:{line}:{column}: {message}", path.display())
        );
    }
}

#[test]
fn all_problems_found_after_parsing_are_reported_together() {
    let text = "requests:\n  - name: A\n    url: \"{{ x\"\n  - name: A\n    url: http://x\n  - folder: F\n    url: http://y\n";
    let errors = parse_collection(text, std::path::Path::new("many.yaml")).unwrap_err();
    let at: Vec<_> = errors
        .iter()
        .map(|e| (e.line.unwrap(), e.column.unwrap()))
        .collect();
    assert_eq!(at, vec![(3, 11), (4, 11), (7, 5)], "{errors:#?}");
}

#[test]
fn a_broken_file_in_a_folder_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a_good.yaml"),
        "name: Good\nrequests:\n  - name: One\n    url: http://x\n",
    )
    .unwrap();
    std::fs::copy(
        fixture("broken/unknown_field.yaml"),
        dir.path().join("b_broken.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("c_good.yml"), "name: Also good\nrequests: []\n").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a collection").unwrap();
    let loaded = load_path(dir.path());
    let names: Vec<&str> = loaded.collections.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Good", "Also good"]);
    assert_eq!(loaded.errors.len(), 1);
    assert!(loaded.errors[0].path.ends_with("b_broken.yaml"));
}

#[test]
fn empty_and_missing_files_are_clear_errors() {
    let errors = parse_collection("  \n", std::path::Path::new("empty.yaml")).unwrap_err();
    assert!(errors[0].message().contains("empty"), "{errors:?}");
    let loaded = load_path(std::path::Path::new("/no/such/collections"));
    assert_eq!(loaded.errors.len(), 1);
    assert!(
        loaded.errors[0].message().starts_with("cannot open"),
        "{:?}",
        loaded.errors
    );
}

#[test]
fn a_file_that_is_not_text_and_a_folder_without_collections_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("blob.yaml");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let errors = load_file(&binary).unwrap_err();
    assert_eq!((errors[0].line, errors[0].column), (None, None));
    assert!(errors[0].message().starts_with("cannot read: "), "{errors:?}");
    assert!(errors[0].message().contains("UTF-8"), "{errors:?}");

    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("notes.txt"), "not a collection").unwrap();
    let loaded = load_path(empty.path());
    assert!(loaded.collections.is_empty());
    assert_eq!(loaded.errors.len(), 1, "{:?}", loaded.errors);
    assert!(loaded.errors[0].message().contains("no"), "{:?}", loaded.errors);
}

#[test]
fn the_shipped_collections_load() {
    let loaded = load_path(&common::shipped(""));
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
