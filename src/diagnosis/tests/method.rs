//! 405 and 406, continued: the trailing slash that worked before, the other Accept-* headers,
//! and the types a 406 offers.

use super::{Ex, case, past, run, run_absent};
use crate::diagnosis::Verdict::{Fail, Pass};

const URL: &str = "https://api.example.com/v1/users";

#[test]
fn trailing_slash_against_history() {
    let post = |url: &str| Ex::post_json(url, "{}");
    run(vec![
        case(
            "the slashed form worked",
            post(URL).status(405),
            "405.trailing-slash",
            Fail,
            "POST https://api.example.com/v1/users → 405, but https://api.example.com/v1/users/ worked at 11:59:30",
        )
        .after(vec![past(&post(&format!("{URL}/")).status(201), 30)]),
        case(
            "the bare form worked",
            post(&format!("{URL}/?dry_run=1")).status(405),
            "405.trailing-slash",
            Fail,
            "but https://api.example.com/v1/users worked",
        )
        .after(vec![past(&post(URL).status(201), 30)]),
    ]);
    for (why, before) in [
        (
            "another method",
            past(&Ex::get(&format!("{URL}/")).status(200), 30),
        ),
        ("it failed too", past(&post(&format!("{URL}/")).status(404), 30)),
        ("the same URL", past(&post(URL).status(201), 30)),
    ] {
        let list = super::diag_history(&post(URL).status(405), &[before]);
        assert!(
            super::absent(&list, "405.trailing-slash"),
            "{why}: {:?}",
            list.checks
        );
    }
}

#[test]
fn offered_types_on_a_406() {
    run(vec![case(
        "body lists types",
        Ex::get(URL)
            .header("Accept", "application/xml")
            .status(406)
            .json(r#"{"error":"not_acceptable","supported":["application/json","text/csv"]}"#),
        "406.offered",
        Pass,
        "Server offers: application/json, text/csv",
    )]);
    run_absent(vec![(
        "body lists none",
        Ex::get(URL)
            .header("Accept", "application/xml")
            .status(406)
            .res_body("Not Acceptable"),
        "406.offered",
    )]);
}

#[test]
fn every_accept_header_is_read_on_a_406() {
    let refusing = |name: &str, value: &str| Ex::get(URL).header(name, value).status(406);
    run(vec![
        case(
            "language, without Accept-Encoding",
            refusing("Accept-Language", "fr, *;q=0"),
            "406.other-negotiation",
            Fail,
            "accept-language: fr, *;q=0 rules out what the server may have",
        ),
        case(
            "charset, without the others",
            refusing("Accept-Charset", "utf-8, *;q=0"),
            "406.other-negotiation",
            Fail,
            "accept-charset: utf-8, *;q=0 rules out",
        ),
    ]);
    run_absent(vec![
        (
            "nothing refused",
            refusing("Accept-Language", "fr, en;q=0.5"),
            "406.other-negotiation",
        ),
        (
            "no Accept-* headers",
            Ex::get(URL).status(406),
            "406.other-negotiation",
        ),
    ]);
}
