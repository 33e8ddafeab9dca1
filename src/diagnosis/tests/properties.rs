//! Property tests: whatever the status, headers and bodies, diagnosis does not panic and keeps
//! the checklist's promises — fails first (likely before possible), then unknown, then pass;
//! every check has an id of the catalogue's shape, a label and evidence; no id twice; a
//! severity exactly on fails; the same input gives the same checklist; no credential quoted.

use proptest::prelude::*;

use super::{Ex, diag};
use crate::diagnosis::{Check, Checklist, Severity, Verdict};

fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("www-authenticate".to_owned()),
        Just("retry-after".to_owned()),
        Just("ratelimit".to_owned()),
        Just("ratelimit-policy".to_owned()),
        Just("x-ratelimit-reset".to_owned()),
        Just("x-ratelimit-remaining".to_owned()),
        Just("allow".to_owned()),
        Just("content-type".to_owned()),
        Just("via".to_owned()),
        Just("server".to_owned()),
        Just("age".to_owned()),
        Just("date".to_owned()),
        Just("sunset".to_owned()),
        Just("accept-post".to_owned()),
        Just("proxy-authenticate".to_owned()),
        "[a-z-]{1,20}",
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,200}",
        Just(r#"{"errors":[{"pointer":"/a/0/b","detail":"bad"}]}"#.to_owned()),
        Just(r#"{"error":{"code":400,"status":"INVALID_ARGUMENT","details":[{"@type":"x.BadRequest","fieldViolations":[{"field":"a.b[0]"}]}]}}"#.to_owned()),
        Just("<html><title>502</title><center>nginx</center></html>".to_owned()),
        "\\{\"[a-z]{1,5}\":\\[\"[a-z ]{0,20}\"\\]\\}",
    ]
}

/// Where a check belongs in the checklist's order.
fn rank(c: &Check) -> (Verdict, Option<Severity>) {
    (c.verdict, c.severity)
}

/// `<scope>.<slug>`: a status code, `C`, `R`, `ok` or a network class, then a lower-case slug.
fn id_shaped(id: &str) -> bool {
    id.split_once('.').is_some_and(|(scope, slug)| {
        !scope.is_empty()
            && scope.chars().all(|c| c.is_ascii_alphanumeric())
            && !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    })
}

/// Every promise a checklist makes, as a list of broken ones.
fn broken_promises(list: &Checklist, secret: &str) -> Vec<String> {
    let mut broken = Vec::new();
    if list.title.trim().is_empty() {
        broken.push("empty title".to_owned());
    }
    for pair in list.checks.windows(2) {
        if rank(&pair[0]) > rank(&pair[1]) {
            broken.push(format!(
                "{} ({:?}) sorts before {} ({:?})",
                pair[0].id(),
                rank(&pair[0]),
                pair[1].id(),
                rank(&pair[1])
            ));
        }
    }
    for (i, c) in list.checks.iter().enumerate() {
        if !id_shaped(c.id()) {
            broken.push(format!("id {:?} is not <scope>.<slug>", c.id()));
        }
        if c.label.trim().is_empty() || c.evidence.trim().is_empty() {
            broken.push(format!("{} has no label or no evidence", c.id()));
        }
        if c.severity.is_some() != (c.verdict == Verdict::Fail) {
            broken.push(format!(
                "{} is {:?} with severity {:?}",
                c.id(),
                c.verdict,
                c.severity
            ));
        }
        if list.checks[..i].iter().any(|earlier| earlier.id() == c.id()) {
            broken.push(format!("{} appears twice", c.id()));
        }
        if c.evidence.contains(secret) || c.label.contains(secret) {
            broken.push(format!("{} quotes the credential: {}", c.id(), c.evidence));
        }
    }
    if list.first_failure().is_some() != list.checks.first().is_some_and(|c| c.verdict == Verdict::Fail) {
        broken.push("first_failure disagrees with the first check".to_owned());
    }
    broken
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_checklist_keeps_its_promises(
        status in 100u16..600,
        headers in proptest::collection::vec((header_name(), ".{0,80}"), 0..8),
        response in body(),
        request in body(),
        method in prop_oneof![Just("GET".to_owned()), Just("POST".to_owned()), Just("patch".to_owned()), "[A-Z]{1,8}"],
        auth in proptest::option::of(".{0,60}"),
        token in "[A-Za-z0-9]{24,40}",
    ) {
        let mut ex = Ex::new(&method, "https://api.example.com/v1/x?a=1&token=%ZZ").body(&request).status(status).res_body(&response);
        for (n, v) in &headers {
            ex = ex.res(n, v);
        }
        ex = match auth {
            Some(a) => ex.header("Authorization", &a).header("X-Api-Key", &token),
            None => ex.header("Authorization", &format!("Bearer {token}")),
        };
        let list = diag(&ex);
        let broken = broken_promises(&list, &token);
        prop_assert!(broken.is_empty(), "{}\n{:#?}", broken.join("\n"), list.checks);
        prop_assert_eq!(&diag(&ex), &list, "the same exchange gave another checklist");
    }
}
