//! Loading collection files that are broken: one fixture per kind of breakage with its exact
//! position and message, all problems of a file at once, and a bad file among good ones.

use apibench::collection::{load_file, load_path, parse_collection};

use crate::support::{Scratch, fixture};

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
        "requests[0]: unknown field `hedaers`: did you mean `headers`? (expected one of `name`, `folder`, `requests`, `description`, `method`, `url`, `query`, `headers`, `body`, `auth`, `timeout`, `connect_timeout`, `follow_redirects`, `insecure_tls`, `max_body`, `idempotent`, `max_age`, `expect`, `capture`, `tags`, `variables`)",
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
        "`url` belongs to a request, not a folder; folders hold `folder`, `description`, `tags` and `requests`",
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
    let dir = Scratch::new();
    dir.write(
        "a_good.yaml",
        "name: Good\nrequests:\n  - name: One\n    url: http://x\n",
    );
    dir.copy_fixture("broken/unknown_field.yaml", "b_broken.yaml");
    dir.write("c_good.yml", "name: Also good\nrequests: []\n");
    dir.write("notes.txt", "not a collection");
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
    let dir = Scratch::new();
    let binary = dir.write("blob.yaml", [0xff, 0xfe, 0x00, 0x41]);
    let errors = load_file(&binary).unwrap_err();
    assert_eq!((errors[0].line, errors[0].column), (None, None));
    assert!(errors[0].message().starts_with("cannot read: "), "{errors:?}");
    assert!(errors[0].message().contains("UTF-8"), "{errors:?}");

    let empty = Scratch::new();
    empty.write("notes.txt", "not a collection");
    let loaded = load_path(empty.path());
    assert!(loaded.collections.is_empty());
    assert_eq!(loaded.errors.len(), 1, "{:?}", loaded.errors);
    assert!(loaded.errors[0].message().contains("no"), "{:?}", loaded.errors);
}
