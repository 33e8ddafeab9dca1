//! The resource's state, continued: a 410 against its successor and the session's history,
//! a 412 on dates, and what a 428's body asks for.

use super::{Ex, case, past, run, run_absent};
use crate::diagnosis::Verdict::{Fail, Pass, Unknown};

const URL: &str = "https://api.example.com/v1/orders/7";

#[test]
fn gone_against_successor_and_history() {
    let gone = || Ex::get(URL).status(410);
    run(vec![
        case(
            "successor link",
            gone().res(
                "link",
                "<https://api.example.com/v3/orders/7>; rel=\"successor-version\"",
            ),
            "410.api-version",
            Fail,
            "Path uses /v1; the server points to /v3 (https://api.example.com/v3/orders/7)",
        ),
        case(
            "a relative successor link that is not newer",
            gone().res("link", "</v1/orders/8>; rel=\"successor-version\""),
            "410.api-version",
            Pass,
            "Path uses /v1; the successor the server points to (/v1/orders/8) is /v1, not newer",
        ),
        case(
            "a successor with no version in it",
            gone().res("link", "<https://api.example.com/orders/7>; rel=\"alternate\""),
            "410.api-version",
            Unknown,
            "The server points to https://api.example.com/orders/7, but the link has no version to compare",
        ),
        case(
            "v10 is newer than v9",
            Ex::get("https://api.example.com/v9/orders/7").status(410).res(
                "link",
                "<https://api.example.com/v10/orders/7>; rel=\"successor-version\"",
            ),
            "410.api-version",
            Fail,
            "Path uses /v9; the server points to /v10 (https://api.example.com/v10/orders/7)",
        ),
        case(
            "worked a minute ago",
            gone(),
            "410.history",
            Fail,
            "GET https://api.example.com/v1/orders/7 returned 200 at 11:59:00; it has since been removed",
        )
        .after(vec![past(&Ex::get(URL).status(200), 60)]),
    ]);
    run_absent(vec![
        ("no Link", gone(), "410.api-version"),
        (
            "a Link to something else",
            gone().res("link", "<https://docs.example.com/>; rel=\"help\""),
            "410.api-version",
        ),
        ("no history", gone(), "410.history"),
    ]);
    let never_worked = vec![
        past(&Ex::get(URL).status(404), 60),
        past(&Ex::get("https://api.example.com/v1/orders/8").status(200), 30),
    ];
    let list = super::diag_history(&gone(), &never_worked);
    assert!(super::absent(&list, "410.history"), "{:?}", list.checks);
}

#[test]
fn unmodified_since_on_a_412() {
    let put = |since: &str, modified: &str| {
        Ex::new("PUT", URL)
            .header("If-Unmodified-Since", since)
            .body("{}")
            .status(412)
            .res("last-modified", modified)
    };
    run(vec![
        case(
            "changed after the date",
            put("Wed, 25 Nov 2026 10:00:00 GMT", "Wed, 25 Nov 2026 11:30:00 GMT"),
            "412.date",
            Fail,
            "If-Unmodified-Since Wed, 25 Nov 2026 10:00:00 GMT but Last-Modified is Wed, 25 Nov 2026 11:30:00 GMT",
        ),
        case(
            "unchanged since the date",
            put("Wed, 25 Nov 2026 10:00:00 GMT", "Tue, 24 Nov 2026 09:00:00 GMT"),
            "412.date",
            Pass,
            "Last-Modified Tue, 24 Nov 2026 09:00:00 GMT is not after If-Unmodified-Since Wed, 25 Nov 2026 10:00:00 GMT",
        ),
        case(
            "modified at the very date",
            put("Wed, 25 Nov 2026 10:00:00 GMT", "Wed, 25 Nov 2026 10:00:00 GMT"),
            "412.date",
            Pass,
            "the date held",
        ),
        case(
            "not a date",
            put("yesterday", "Wed, 25 Nov 2026 11:30:00 GMT"),
            "412.date",
            Unknown,
            "cannot both be read as HTTP dates",
        ),
    ]);
    run_absent(vec![
        (
            "no Last-Modified to compare",
            Ex::new("PUT", URL)
                .header("If-Unmodified-Since", "Wed, 25 Nov 2026 10:00:00 GMT")
                .status(412),
            "412.date",
        ),
        (
            "no date sent",
            Ex::new("PUT", URL)
                .status(412)
                .res("last-modified", "Wed, 25 Nov 2026 11:30:00 GMT"),
            "412.date",
        ),
    ]);
}

#[test]
fn body_hint_on_a_428() {
    run(vec![case(
        "names the header",
        Ex::new("PATCH", URL)
            .status(428)
            .json(r#"{"message":"This request must be conditional; send If-Match with the ETag"}"#),
        "428.body-hint",
        Unknown,
        "Server asks for If-Match",
    )]);
    run_absent(vec![
        ("empty body", Ex::new("PATCH", URL).status(428), "428.body-hint"),
        (
            "names no header",
            Ex::new("PATCH", URL)
                .status(428)
                .json(r#"{"message":"Precondition required"}"#),
            "428.body-hint",
        ),
    ]);
}

/// A 409 to a versioned update names the version sent and the one the resource is at.
#[test]
fn a_stale_version_is_named_against_the_current_one() {
    let ex = Ex::new("PUT", "http://127.0.0.1:4646/v1/var/nomad/jobs/billing?cas=41")
        .status(409)
        .res("x-nomad-index", "57")
        .json(r#"{"Path":"nomad/jobs/billing","CreateIndex":12,"ModifyIndex":57}"#);
    let list = super::diag(&ex);
    let first = list.first_failure().unwrap();
    assert_eq!(first.id(), "409.version");
    assert_eq!(
        first.evidence,
        "You sent query parameter cas = 41; the resource is now at its ModifyIndex = 57 — it changed since you read it"
    );
}
