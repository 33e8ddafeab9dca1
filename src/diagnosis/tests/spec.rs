//! C.spec-*: a failed request held against the API's description — the path, the method,
//! the required parameters and the body's fields — on descriptions written by hand here
//! (the importer's reading of real ones is tested in `interop::openapi`).

use super::{Ex, T0, at};
use crate::diagnosis::api_description::{
    ApiDescription, Field, Fields, Operation, Others, Parameter, Server,
};
use crate::diagnosis::{Checklist, Clock, Input, Verdict, diagnose};

fn field(name: &str, required: bool) -> Field {
    Field {
        name: name.into(),
        required,
        children: None,
    }
}

fn description() -> ApiDescription {
    let address = Fields {
        fields: vec![field("street", true), field("postcode", false)],
        others: Others::Refused,
    };
    ApiDescription {
        file: "shop.openapi.yaml".into(),
        servers: vec![Server {
            host: Some("api.example.com".into()),
            base_path: "/v1".into(),
        }],
        operations: vec![
            Operation {
                method: "POST".into(),
                path: "/customers".into(),
                parameters: vec![Parameter {
                    name: "X-Idempotency-Key".into(),
                    location: "header".into(),
                    required: true,
                    object: false,
                    kind: None,
                    allowed: Vec::new(),
                }],
                body: Some(Fields {
                    fields: vec![
                        field("email", true),
                        field("name", false),
                        Field {
                            name: "addresses".into(),
                            required: false,
                            children: Some(address),
                        },
                    ],
                    others: Others::Unlisted,
                }),
            },
            Operation {
                method: "GET".into(),
                path: "/customers".into(),
                parameters: vec![Parameter {
                    name: "page_size".into(),
                    location: "query".into(),
                    required: true,
                    object: false,
                    kind: Some("integer".into()),
                    allowed: Vec::new(),
                }],
                body: None,
            },
            Operation {
                method: "GET".into(),
                path: "/customers/{id}".into(),
                parameters: vec![Parameter {
                    name: "id".into(),
                    location: "path".into(),
                    required: true,
                    object: false,
                    kind: Some("integer".into()),
                    allowed: Vec::new(),
                }],
                body: None,
            },
        ],
    }
}

fn diagnosed(ex: &Ex) -> Checklist {
    let api = description();
    let outcome = ex.outcome();
    diagnose(
        &Input {
            api: Some(&api),
            ..super::input(&outcome)
        },
        &Clock::utc(at(T0 + 1)),
    )
}

fn verdict(list: &Checklist, id: &str) -> Option<(Verdict, String)> {
    list.checks
        .iter()
        .find(|c| c.id() == id)
        .map(|c| (c.verdict, c.evidence.clone()))
}

#[test]
fn a_path_the_description_lacks_fails_naming_the_nearest() {
    let list = diagnosed(&Ex::get("https://api.example.com/v1/costumers/7").status(404));
    let (verdict, evidence) = verdict(&list, "C.spec-path").unwrap();
    assert_eq!(verdict, Verdict::Fail);
    assert_eq!(
        evidence,
        "\"shop.openapi.yaml\" has no path \"/costumers/7\" — nearest: \"/customers/{id}\""
    );
    assert!(
        verdict_of(&list, "C.spec-method").is_none(),
        "no method to judge without a path"
    );
}

fn verdict_of(list: &Checklist, id: &str) -> Option<Verdict> {
    verdict(list, id).map(|(v, _)| v)
}

#[test]
fn a_method_the_path_does_not_take_fails_naming_those_it_does() {
    let list = diagnosed(&Ex::new("DELETE", "https://api.example.com/v1/customers").status(405));
    assert_eq!(verdict_of(&list, "C.spec-path"), Some(Verdict::Pass));
    let (verdict, evidence) = verdict(&list, "C.spec-method").unwrap();
    assert_eq!(verdict, Verdict::Fail);
    assert!(
        evidence.ends_with("gives \"/customers\" POST and GET, not DELETE"),
        "{evidence}"
    );
}

#[test]
fn a_missing_required_parameter_fails_and_a_near_spelling_is_named() {
    let list = diagnosed(&Ex::get("https://api.example.com/v1/customers?pagesize=10").status(400));
    let (verdict, evidence) = verdict(&list, "C.spec-parameters").unwrap();
    assert_eq!(verdict, Verdict::Fail);
    assert!(
        evidence.contains("Required query parameter \"page_size\" was not sent (you sent \"pagesize\""),
        "{evidence}"
    );
    let list = diagnosed(&Ex::get("https://api.example.com/v1/customers?page_size=10").status(400));
    assert_eq!(verdict_of(&list, "C.spec-parameters"), Some(Verdict::Pass));
}

#[test]
fn body_fields_are_held_against_the_schema_at_every_depth() {
    let ex = Ex::post_json(
        "https://api.example.com/v1/customers",
        r#"{"emial":"a@b.c","name":"Ann","addresses":[{"street":"High St","postcod":"N1"}]}"#,
    )
    .header("X-Idempotency-Key", "k1")
    .status(422);
    let list = diagnosed(&ex);
    let (verdict, evidence) = verdict(&list, "C.spec-fields").unwrap();
    assert_eq!(verdict, Verdict::Fail);
    assert!(
        evidence.starts_with("Required field \"email\" was not sent"),
        "{evidence}"
    );
    assert!(
        evidence.contains("\"emial\" is not a field it describes — nearest: \"email\""),
        "{evidence}"
    );
    assert!(
        evidence.contains(
            "\"addresses[0].postcod\" is not a field it describes — nearest: \"addresses[0].postcode\""
        ),
        "{evidence}"
    );
    assert_eq!(verdict_of(&list, "C.spec-parameters"), Some(Verdict::Pass));
}

#[test]
fn a_body_of_described_fields_passes_and_an_unknown_one_is_only_possible() {
    let ok = Ex::post_json(
        "https://api.example.com/v1/customers",
        r#"{"email":"a@b.c","addresses":[{"street":"x"}]}"#,
    )
    .header("X-Idempotency-Key", "k1")
    .status(400);
    assert_eq!(verdict_of(&diagnosed(&ok), "C.spec-fields"), Some(Verdict::Pass));
    let extra = Ex::post_json(
        "https://api.example.com/v1/customers",
        r#"{"email":"a@b.c","vip":true}"#,
    )
    .header("X-Idempotency-Key", "k1")
    .status(400);
    let list = diagnosed(&extra);
    let check = list.checks.iter().find(|c| c.id() == "C.spec-fields").unwrap();
    assert_eq!(check.verdict, Verdict::Fail);
    assert_eq!(
        check.severity,
        Some(crate::diagnosis::Severity::Possible),
        "an open schema may take it"
    );
}

#[test]
fn passing_spec_checks_stay_out_of_errors_they_do_not_explain() {
    let list = diagnosed(&Ex::get("https://api.example.com/v1/customers/7").status(401));
    assert!(verdict_of(&list, "C.spec-path").is_none(), "{:?}", list.checks);
    let list = diagnosed(&Ex::get("https://api.example.com/v1/orders").status(401));
    assert_eq!(
        verdict_of(&list, "C.spec-path"),
        Some(Verdict::Fail),
        "a failing one shows on any error"
    );
}

#[test]
fn without_a_description_nothing_is_asked() {
    let list = super::diag(&Ex::get("https://api.example.com/v1/costumers/7").status(404));
    assert!(list.checks.iter().all(|c| !c.id().starts_with("C.spec")));
}

#[test]
fn a_path_or_query_value_of_another_type_than_described_fails() {
    let list = diagnosed(&Ex::get("https://api.example.com/v1/customers/abc").status(404));
    let (found, evidence) = verdict(&list, "C.spec-parameters").unwrap();
    assert_eq!(found, Verdict::Fail);
    assert_eq!(
        evidence,
        "Path parameter \"id\" is an integer in the description; the request sent \"abc\""
    );
    let list = diagnosed(&Ex::get("https://api.example.com/v1/customers?page_size=ten").status(400));
    let (_, evidence) = verdict(&list, "C.spec-parameters").unwrap();
    assert!(
        evidence.contains("Query parameter \"page_size\" is an integer"),
        "{evidence}"
    );
    let list = diagnosed(&Ex::get("https://api.example.com/v1/customers/7").status(404));
    assert_eq!(verdict_of(&list, "C.spec-parameters"), Some(Verdict::Pass));
}
