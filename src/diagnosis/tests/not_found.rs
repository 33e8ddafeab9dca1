//! 404: placeholders, path shape and version drift, route versus record.

use std::path::Path;

use super::{Check, Ex, NoEnv, T0, at, case, check, diag_full, diag_history, past, run, run_absent};
use crate::collection::{RequestPath, parse_collection};
use crate::diagnosis::Verdict::{Fail, Pass, Unknown};
use crate::request::{Context, prepare};
use crate::template::NoResponses;

fn not_found(url: &str) -> Ex {
    Ex::get(url).status(404)
}

#[test]
fn unresolved() {
    run(vec![
        case(
            "openapi segment",
            not_found("https://api.example.com/v1/users/%7Bid%7D"),
            "404.unresolved",
            Fail,
            "URL path segment 3 still contains unresolved placeholder {id} (sent as %7Bid%7D)",
        ),
        case(
            "express segment",
            not_found("https://api.example.com/v1/users/:id"),
            "404.unresolved",
            Fail,
            ":id",
        ),
        case(
            "mustache",
            not_found("https://api.example.com/v1/users/%7B%7Buser_id%7D%7D"),
            "404.unresolved",
            Fail,
            "{{user_id}}",
        ),
        case(
            "undefined",
            not_found("https://api.example.com/v1/users/undefined"),
            "404.unresolved",
            Fail,
            "Path segment 3 is \"undefined\"",
        ),
        case(
            "an empty segment before a stringified one",
            not_found("https://api.example.com/v1//undefined"),
            "404.unresolved",
            Fail,
            "Path segment 2 is empty",
        ),
        case(
            "a stringified segment before an empty one",
            not_found("https://api.example.com/v1/null//orders"),
            "404.unresolved",
            Fail,
            "Path segment 2 is \"null\"",
        ),
        case(
            "empty segment",
            not_found("https://api.example.com/v1/users//orders"),
            "404.unresolved",
            Fail,
            "Path segment 3 is empty",
        ),
        case(
            "clean",
            not_found("https://api.example.com/v1/users/42"),
            "404.unresolved",
            Pass,
            "no placeholders",
        ),
    ]);
}

#[test]
fn path_shape() {
    run(vec![
        case(
            "trailing newline",
            not_found("https://api.example.com/v1/users/42%0A"),
            "404.path-shape",
            Fail,
            "Path ends with \"%0A\"",
        ),
        case(
            "doubled slash",
            not_found("https://api.example.com//v1/users"),
            "404.path-shape",
            Fail,
            "\"//\" at position 1",
        ),
        case(
            "repeated segment",
            not_found("https://api.example.com/api/api/users"),
            "404.path-shape",
            Fail,
            "repeats the segment \"/api/api/\"",
        ),
        case(
            "clean",
            not_found("https://api.example.com/v1/users/42"),
            "404.path-shape",
            Pass,
            "no doubled slashes",
        ),
    ]);
}

#[test]
fn version_drift_against_sibling_requests() {
    let collection = parse_collection(
        "variables: { base: http://127.0.0.1:8787 }\nrequests:\n  - { name: A, url: \"{{ base }}/v1/users\" }\n  - { name: B, url: \"{{ base }}/v1/orders\" }\n  - { name: C, url: \"{{ base }}/v1/me\" }\n  - { name: Old, url: \"{{ base }}/v2/users/42\" }\n",
        Path::new("c.yaml"),
    )
    .unwrap();
    let path = RequestPath::parse("Old");
    let empty = crate::collection::Variables::new();
    let ctx = Context {
        collection: &collection,
        environment: None,
        overrides: &empty,
        captured: &crate::collection::Variables::new(),
        env: &NoEnv,
        responses: &NoResponses,
    };
    let prepared = prepare(&ctx, &path, collection.find(&path).unwrap()).unwrap();
    let ex = not_found("http://127.0.0.1:8787/v2/users/42")
        .json(r#"{"error":"not_found","message":"No route for GET /v2/users/42"}"#);
    let list = diag_full(&ex, Some(&prepared.written), Some(&collection), &[], at(T0 + 1));
    let c = check(&list, "404.path-shape");
    assert_eq!(c.verdict, Fail);
    assert_eq!(
        c.evidence,
        "Path starts /v2/…; 3 other requests in this collection use /v1/"
    );
    // The server's own words come first (its stated reason), the sibling heuristic after.
    assert_eq!(
        list.first_failure().map(Check::id),
        Some("404.route-vs-record"),
        "the server's stated reason outranks a heuristic"
    );
    assert!(
        list.first_failure()
            .unwrap()
            .evidence
            .contains("No route for GET /v2/users/42"),
        "{list:#?}"
    );
}

#[test]
fn route_versus_record() {
    run(vec![
        case(
            "express default",
            not_found("https://x.test/v1/users/")
                .res("content-type", "text/html")
                .res_body("<pre>Cannot POST /v1/users/</pre>"),
            "404.route-vs-record",
            Fail,
            "is Express's default page → no route for GET",
        ),
        case(
            "router message",
            not_found("https://x.test/v2/users").json(r#"{"message":"No route for GET /v2/users"}"#),
            "404.route-vs-record",
            Fail,
            "a router message",
        ),
        case(
            "record",
            not_found("https://x.test/v1/users/99").json(r#"{"message":"No user with id '99'"}"#),
            "404.route-vs-record",
            Pass,
            "the route is right, the id is not",
        ),
        case(
            "empty",
            not_found("https://x.test/v1/users/99"),
            "404.route-vs-record",
            Unknown,
            "The body is empty",
        ),
    ]);
}

#[test]
fn history_based_checks() {
    let ok_get = past(&Ex::get("https://x.test/v1/things").status(200), 30);
    let list = diag_history(
        &Ex::new("POST", "https://x.test/v1/things").status(404),
        &[ok_get],
    );
    assert!(
        check(&list, "404.method")
            .evidence
            .contains("GET https://x.test/v1/things returned 200 at 11:59:30; this request used POST")
    );

    let created = past(
        &Ex::post_json("https://x.test/v1/things", "{}")
            .status(201)
            .res("location", "/v1/things/7"),
        2,
    );
    let list = diag_history(&not_found("https://x.test/v1/things/7"), &[created]);
    assert_eq!(check(&list, "404.read-after-write").verdict, Fail);
}

#[test]
fn hidden_private() {
    run(vec![
        case(
            "github anonymous",
            not_found("https://api.github.com/repos/acme/secret"),
            "404.hidden-private",
            Fail,
            "answers 404 for private resources",
        ),
        case(
            "anonymous elsewhere",
            not_found("https://x.test/a"),
            "404.hidden-private",
            Unknown,
            "No credentials were sent",
        ),
    ]);
    run_absent(vec![(
        "authenticated",
        not_found("https://x.test/a").header("Authorization", "Bearer t"),
        "404.hidden-private",
    )]);
}
