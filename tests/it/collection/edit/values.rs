//! Edits to single values: a scalar set in place keeping its quotes and comment, a new field
//! placed beside its siblings, JSON bodies and auth changed key by key, and an edit that sets
//! what is already there changing nothing.

use std::path::Path;

use apibench::collection::edit::{Document, Edit, ScalarField, Table};
use apibench::collection::{Auth, Body, parse_collection};

use super::{diff, edit, handwritten, lines, path};
use crate::support::t;

#[test]
fn setting_a_scalar_changes_only_its_value_and_keeps_its_quotes() {
    let (removed, added) = edit(&Edit::SetField {
        request: path("List orders"),
        field: ScalarField::Url,
        value: Some("{{ base_url }}/v2/orders".into()),
    });
    assert_eq!(removed, lines(&["    url: \"{{ base_url }}/v1/orders\""]));
    assert_eq!(added, lines(&["    url: \"{{ base_url }}/v2/orders\""]));
}

#[test]
fn renaming_keeps_the_trailing_comment() {
    let (removed, added) = edit(&Edit::SetField {
        request: path("Create order"),
        field: ScalarField::Name,
        value: Some("Place order".into()),
    });
    assert_eq!(removed, lines(&["  - name: Create order   # creates"]));
    assert_eq!(added, lines(&["  - name: Place order   # creates"]));
}

#[test]
fn a_new_field_goes_after_the_last_one_at_the_same_indentation() {
    let (removed, added) = edit(&Edit::SetField {
        request: path("List orders"),
        field: ScalarField::Timeout,
        value: Some("5s".into()),
    });
    assert!(removed.is_empty());
    assert_eq!(added, lines(&["    timeout: 5s"]));
    let (original, mut doc) = handwritten();
    doc.apply(&Edit::SetField {
        request: path("List orders"),
        field: ScalarField::Timeout,
        value: Some("5s".into()),
    })
    .unwrap();
    assert!(
        doc.text.contains("    x-notes: keep me\n    timeout: 5s\n"),
        "{}",
        doc.text
    );
    assert_ne!(original, doc.text);
}

#[test]
fn a_json_body_edit_touches_only_the_changed_keys() {
    let (original, doc) = handwritten();
    let before = parse_collection(&original, Path::new("x")).unwrap();
    let Some(Body::Json { value, .. }) = before.find(&path("Create order")).unwrap().body.clone() else {
        panic!()
    };
    let mut value = value.value().clone();
    value["quantity"] = serde_json::json!(3);
    value["note"] = serde_json::json!("rush");
    let value = apibench::template::JsonTemplate::parse(value).unwrap();
    let mut doc = doc;
    doc.apply(&Edit::SetBody {
        request: path("Create order"),
        body: Some(Body::Json {
            value,
            content_type: None,
        }),
    })
    .unwrap();
    let (removed, added) = diff(&original, &doc.text);
    assert_eq!(removed, lines(&["        quantity: 2", "        tags: [a, b]"]));
    assert_eq!(
        added,
        lines(&[
            "        quantity: 3",
            "        tags: [a, b]",
            "        note: rush"
        ])
    );
    assert!(doc.text.contains("item: widget      # the thing"));
}

#[test]
fn auth_fields_change_in_place_and_kinds_change_as_a_block() {
    let (removed, added) = edit(&Edit::SetAuth {
        request: path("Admin/Delete order"),
        auth: Some(Auth::Bearer(t("{{ admin_token }}"))),
    });
    assert_eq!(
        (removed, added),
        (
            lines(&["        bearer: \"{{ token }}\""]),
            lines(&["        bearer: \"{{ admin_token }}\""])
        )
    );
    let (removed, added) = edit(&Edit::SetAuth {
        request: path("Admin/Delete order"),
        auth: Some(Auth::Basic {
            username: t("ada"),
            password: t("{{ pw }}"),
        }),
    });
    assert_eq!(removed, lines(&["        bearer: \"{{ token }}\""]));
    assert_eq!(
        added,
        lines(&[
            "        basic:",
            "          username: ada",
            "          password: \"{{ pw }}\""
        ])
    );
}

#[test]
fn setting_what_is_already_there_keeps_the_text_and_renames_keep_the_value_spelling() {
    let text = "requests:\n  - name: A\n    url: http://x\n    query: { page: 1 }\n    headers:\n      X-Retry: 3\n      X-Ver: 1.10\n";
    let mut doc = Document::new("x.yaml".into(), text.to_owned());
    doc.apply(&Edit::SetRow {
        request: path("A"),
        table: Table::Query,
        index: 0,
        name: "page".to_owned(),
        value: "1".to_owned(),
    })
    .unwrap();
    assert_eq!(doc.text, text, "no change, not `page: \"1\"`");
    assert!(!doc.can_undo(), "and no step to undo");
    doc.apply(&Edit::SetRow {
        request: path("A"),
        table: Table::Headers,
        index: 1,
        name: "X-Version".to_owned(),
        value: "1.10".to_owned(),
    })
    .unwrap();
    assert_eq!(doc.text, text.replace("X-Ver:", "X-Version:"));
}

#[test]
fn a_json_body_changed_everywhere_is_replaced_as_one_value_and_loads_to_it() {
    let (original, mut doc) = handwritten();
    let value: serde_json::Value = (0..20)
        .map(|i| (format!("k{i}"), serde_json::json!(i)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    let collection = doc
        .apply(&Edit::SetBody {
            request: path("Create order"),
            body: Some(Body::Json {
                value: apibench::template::JsonTemplate::parse(value.clone()).unwrap(),
                content_type: None,
            }),
        })
        .unwrap();
    assert!(
        matches!(&collection.find(&path("Create order")).unwrap().body, Some(Body::Json { value: v, .. }) if *v.value() == value)
    );
    // Only the body's lines changed.
    let (removed, _) = diff(&original, &doc.text);
    assert!(removed.iter().all(|l| l.starts_with("        ")), "{removed:?}");
}

/// The TUI's expectations editor: an `expect:` block is added where the format puts it, and
/// changed or removed as a block; nothing else moves.
#[test]
fn expectations_are_written_as_a_block_and_removed_whole() {
    let source = crate::support::fixture("handwritten.yaml");
    let expect =
        apibench::collection::parse_expect("status: 201\nbody:\n  $.id: { type: integer }\n", &source)
            .unwrap()
            .map(Box::new);
    let (removed, added) = edit(&Edit::SetExpect {
        request: path("Create order"),
        expect: expect.clone(),
    });
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(
        added,
        lines(&[
            "    expect:",
            "      status: 201",
            "      body:",
            "        $.id:",
            "          type: integer",
        ])
    );
    // Removing it again gives the file back byte for byte.
    let (original, mut doc) = handwritten();
    doc.apply(&Edit::SetExpect {
        request: path("Create order"),
        expect,
    })
    .unwrap();
    doc.apply(&Edit::SetExpect {
        request: path("Create order"),
        expect: None,
    })
    .unwrap();
    assert_eq!(doc.text, original);
}
