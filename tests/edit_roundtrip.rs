//! Format-preserving edits on a hand-written file full of comments, odd indentation, flow
//! and block styles, an anchor and extension keys: each kind of edit changes exactly the
//! lines it should (asserted as a diff) and the file loads back to the edited model.

mod common;

use std::path::Path;

use apibench::collection::edit::{Document, Edit, ScalarField, Table, VarScope, expected};
use apibench::collection::{Auth, Body, RequestPath, parse_collection};

fn t(text: &str) -> apibench::template::Template {
    apibench::template::Template::parse(text).unwrap()
}

fn fixture() -> (String, Document) {
    let path = common::fixture("handwritten.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    (text.clone(), Document::new(path, text))
}

/// The lines that differ: (removed, added), after the common head and tail.
fn diff(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = old.split('\n').collect();
    let b: Vec<&str> = new.split('\n').collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (
        a[head..a.len() - tail].iter().map(|s| (*s).to_owned()).collect(),
        b[head..b.len() - tail].iter().map(|s| (*s).to_owned()).collect(),
    )
}

fn path(p: &str) -> RequestPath {
    RequestPath::parse(p)
}

/// Applies an edit and returns the diff; the result must load to the model the edit intends.
fn edit(edit: &Edit) -> (Vec<String>, Vec<String>) {
    let (original, mut doc) = fixture();
    let before = parse_collection(&original, &doc.path).unwrap();
    let intended = expected::after_edit(&before, edit).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    assert_ne!(intended, before, "{edit:?} should change the model");
    let returned = doc.apply(edit).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    let loaded = parse_collection(&doc.text, &doc.path).expect("the edited file loads");
    assert_eq!(
        loaded, intended,
        "the saved text loads to the model {edit:?} intends"
    );
    assert_eq!(returned, loaded, "apply reports the model the text holds");
    diff(&original, &doc.text)
}

fn lines(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

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
    let (original, mut doc) = fixture();
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
fn header_rows_are_set_added_removed_disabled_and_enabled() {
    let (removed, added) = edit(&Edit::SetRow {
        request: path("List orders"),
        table: Table::Headers,
        index: 0,
        name: "X-Trace".into(),
        value: "off".into(),
    });
    assert_eq!(
        (removed, added),
        (
            lines(&["      X-Trace: \"on\""]),
            lines(&["      X-Trace: \"off\""])
        )
    );

    let (removed, added) = edit(&Edit::SetRow {
        request: path("List orders"),
        table: Table::Headers,
        index: 0,
        name: "X-Span".into(),
        value: "on".into(),
    });
    assert_eq!(
        (removed, added),
        (
            lines(&["      X-Trace: \"on\""]),
            lines(&["      X-Span: \"on\""])
        )
    );

    let (removed, added) = edit(&Edit::AddRow {
        request: path("Admin/Delete order"),
        table: Table::Headers,
        name: "X-Reason".into(),
        value: "cleanup".into(),
    });
    assert!(removed.is_empty());
    assert_eq!(added, lines(&["      headers:", "        X-Reason: cleanup"]));

    let (removed, added) = edit(&Edit::DisableRow {
        request: path("List orders"),
        table: Table::Headers,
        index: 0,
    });
    assert_eq!(
        (removed, added),
        (
            lines(&["      X-Trace: \"on\""]),
            lines(&["      # X-Trace: \"on\""])
        )
    );

    let (original, mut doc) = fixture();
    let headers = apibench::collection::edit::request_location(
        &parse_collection(&original, Path::new("x")).unwrap(),
        &path("List orders"),
    )
    .unwrap()
    .key("headers");
    let disabled = apibench::collection::edit::rows::disabled_rows(&doc.text, &headers);
    assert_eq!(disabled.len(), 1);
    let row = disabled[0].clone();
    let collection = doc
        .apply(&Edit::EnableRow {
            request: path("List orders"),
            table: Table::Headers,
            line_start: row.line_start,
            position: row.position,
            name: row.name,
            value: row.value,
        })
        .unwrap();
    assert_eq!(
        diff(&original, &doc.text),
        (lines(&["      # X-Debug: 1"]), lines(&["      X-Debug: 1"]))
    );
    assert_eq!(collection.find(&path("List orders")).unwrap().headers.len(), 2);

    let (removed, added) = edit(&Edit::RemoveRow {
        request: path("List orders"),
        table: Table::Headers,
        index: 0,
    });
    assert_eq!((removed, added), (lines(&["      X-Trace: \"on\""]), vec![]));
}

#[test]
fn a_row_switched_back_on_between_live_rows_keeps_its_place() {
    let text =
        "requests:\n  - name: A\n    url: http://x\n    headers:\n      A: 1\n      # B: 2\n      C: 3\n";
    let mut doc = Document::new("x.yaml".into(), text.to_owned());
    let collection = parse_collection(text, Path::new("x.yaml")).unwrap();
    let at = apibench::collection::edit::request_location(&collection, &path("A"))
        .unwrap()
        .key("headers");
    let row = apibench::collection::edit::rows::disabled_rows(text, &at).remove(0);
    let enabled = doc
        .apply(&Edit::EnableRow {
            request: path("A"),
            table: Table::Headers,
            line_start: row.line_start,
            position: row.position,
            name: row.name,
            value: row.value,
        })
        .expect("enabling a middle row is accepted");
    let names: Vec<_> = enabled
        .find(&path("A"))
        .unwrap()
        .headers
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(names, ["A", "B", "C"]);
    assert_eq!(doc.text, text.replace("# B", "B"));
}

#[test]
fn flow_mappings_grow_and_shrink_inline() {
    let (removed, added) = edit(&Edit::AddRow {
        request: path("List orders"),
        table: Table::Query,
        name: "sort".into(),
        value: "asc".into(),
    });
    assert_eq!(removed, lines(&["    query: { page: 1, per_page: 20 }"]));
    assert_eq!(
        added,
        lines(&["    query: { page: 1, per_page: 20, sort: \"asc\" }"])
    );
    let (removed, added) = edit(&Edit::RemoveRow {
        request: path("List orders"),
        table: Table::Query,
        index: 0,
    });
    assert_eq!(
        (removed, added),
        (
            lines(&["    query: { page: 1, per_page: 20 }"]),
            lines(&["    query: { per_page: 20 }"])
        )
    );
}

#[test]
fn a_json_body_edit_touches_only_the_changed_keys() {
    let (original, doc) = fixture();
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
fn requests_are_added_duplicated_moved_and_deleted() {
    let (removed, added) = edit(&Edit::AddRequest {
        folder: vec!["Admin".into()],
        name: "Refund".into(),
    });
    assert!(removed.is_empty());
    assert_eq!(added, lines(&["    - name: Refund", "      url: \"\""]));

    let (original, mut doc) = fixture();
    doc.apply(&Edit::Duplicate {
        request: path("List orders"),
        name: "List orders (copy)".into(),
    })
    .unwrap();
    let (removed, added) = diff(&original, &doc.text);
    assert!(removed.is_empty());
    assert_eq!(added[0], "  - name: List orders (copy)");
    assert!(added.contains(&"    x-notes: keep me".to_owned()), "{added:?}");
    assert_eq!(
        added.last().map(String::as_str),
        Some(""),
        "spaced like its neighbours: {added:?}"
    );
    assert_eq!(added.iter().filter(|l| l.is_empty()).count(), 1, "{added:?}");

    let (removed, added) = edit(&Edit::Delete {
        request: path("List orders"),
    });
    assert!(added.is_empty());
    assert_eq!(
        removed[0], "  # Listing comes first.",
        "the comment attached above goes with it"
    );
    assert_eq!(removed.last().unwrap(), "    x-notes: keep me");

    let (original, mut doc) = fixture();
    let moved = doc
        .apply(&Edit::Move {
            request: path("Create order"),
            to: vec!["Admin".into()],
        })
        .unwrap();
    assert!(moved.find(&path("Admin/Create order")).is_some());
    assert!(
        doc.text
            .contains("    - name: Create order   # creates\n      method: POST\n"),
        "{}",
        doc.text
    );
    assert!(
        doc.text.contains("        item: widget      # the thing\n"),
        "nested lines keep their relative indentation"
    );
    let (removed, _) = diff(&original, &doc.text);
    assert!(removed.iter().any(|l| l.contains("Create order")));
}

#[test]
fn folders_are_added_and_renamed() {
    let (removed, added) = edit(&Edit::AddFolder {
        parent: vec![],
        name: "Reports".into(),
    });
    assert!(removed.is_empty());
    // The top-level items are set apart by blank lines, so the new one is too.
    assert_eq!(added, lines(&["  - folder: Reports", "    requests: []", ""]));
    let (_, mut doc) = fixture();
    doc.apply(&Edit::AddFolder {
        parent: vec![],
        name: "Reports".into(),
    })
    .unwrap();
    assert!(
        doc.text.ends_with("\n\n  - folder: Reports\n    requests: []\n"),
        "{}",
        doc.text
    );
    let (removed, added) = edit(&Edit::RenameFolder {
        folder: vec!["Admin".into()],
        name: "Operations".into(),
    });
    assert_eq!(
        (removed, added),
        (lines(&["  - folder: Admin"]), lines(&["  - folder: Operations"]))
    );
}

#[test]
fn variables_and_environments() {
    let (removed, added) = edit(&Edit::SetVariable {
        scope: VarScope::Collection,
        name: "token".into(),
        value: Some("{{ env.OTHER }}".into()),
    });
    assert_eq!(
        (removed, added),
        (
            lines(&["  token: \"{{ env.SHOP_TOKEN }}\""]),
            lines(&["  token: \"{{ env.OTHER }}\""])
        )
    );
    let (removed, added) = edit(&Edit::SetVariable {
        scope: VarScope::Environment("staging".into()),
        name: "region".into(),
        value: Some("eu".into()),
    });
    assert_eq!(
        removed,
        lines(&["  staging: { base_url: \"https://staging.example.com\" }"])
    );
    assert_eq!(
        added,
        lines(&["  staging: { base_url: \"https://staging.example.com\", region: \"eu\" }"])
    );
    let (removed, added) = edit(&Edit::AddEnvironment { name: "prod".into() });
    assert!(removed.is_empty());
    assert_eq!(added, lines(&["  prod: {}"]));
}

#[test]
fn an_alias_is_not_edited_through() {
    let (original, mut doc) = fixture();
    let err = doc
        .apply(&Edit::SetVariable {
            scope: VarScope::Environment("local".into()),
            name: "base_url".into(),
            value: Some("http://other".into()),
        })
        .unwrap_err();
    assert!(err.to_string().contains("alias"), "{err}");
    assert_eq!(doc.text, original, "a refused edit leaves the text alone");
}

#[test]
fn undo_and_redo_restore_the_text_exactly() {
    let (original, mut doc) = fixture();
    doc.apply(&Edit::SetField {
        request: path("List orders"),
        field: ScalarField::Method,
        value: Some("HEAD".into()),
    })
    .unwrap();
    let once = doc.text.clone();
    doc.apply(&Edit::Delete {
        request: path("Create order"),
    })
    .unwrap();
    assert!(doc.is_dirty());
    assert!(doc.undo());
    assert_eq!(doc.text, once);
    assert!(doc.undo());
    assert_eq!(doc.text, original);
    assert!(!doc.is_dirty());
    assert!(doc.redo());
    assert_eq!(doc.text, once);
}

#[test]
fn every_untouched_byte_survives_a_chain_of_edits() {
    let (original, mut doc) = fixture();
    doc.apply(&Edit::SetField {
        request: path("List orders"),
        field: ScalarField::Url,
        value: Some("{{ base_url }}/v3/orders".into()),
    })
    .unwrap();
    doc.apply(&Edit::SetAuth {
        request: path("Admin/Delete order"),
        auth: Some(Auth::Bearer(t("{{ t2 }}"))),
    })
    .unwrap();
    // Undo both by hand: the text must be the original again, byte for byte.
    doc.apply(&Edit::SetField {
        request: path("List orders"),
        field: ScalarField::Url,
        value: Some("{{ base_url }}/v1/orders".into()),
    })
    .unwrap();
    doc.apply(&Edit::SetAuth {
        request: path("Admin/Delete order"),
        auth: Some(Auth::Bearer(t("{{ token }}"))),
    })
    .unwrap();
    assert_eq!(doc.text, original);
}

#[test]
fn a_switched_off_row_can_be_deleted_even_when_it_is_the_last_line_of_its_table() {
    let text =
        "requests:\n  - name: A\n    url: http://x\n    headers:\n      # B: 2\n    # keep this note\n";
    let mut doc = Document::new("x.yaml".into(), text.to_owned());
    let collection = parse_collection(text, Path::new("x.yaml")).unwrap();
    let at = apibench::collection::edit::request_location(&collection, &path("A"))
        .unwrap()
        .key("headers");
    let row = apibench::collection::edit::rows::disabled_rows(text, &at).remove(0);
    doc.apply(&Edit::DropDisabledRow {
        request: path("A"),
        table: Table::Headers,
        line_start: row.line_start,
    })
    .expect("deleting a comment row is accepted");
    assert_eq!(doc.text, text.replace("      # B: 2\n", ""));
}

#[test]
fn removing_the_last_row_takes_the_empty_table_but_not_a_commented_one() {
    let text = "requests:\n  - name: A\n    url: http://x\n    headers:\n      X-One: 1\n    query:   # kept on purpose\n      page: 1\n";
    let mut doc = Document::new("x.yaml".into(), text.to_owned());
    for table in [Table::Headers, Table::Query] {
        doc.apply(&Edit::RemoveRow {
            request: path("A"),
            table,
            index: 0,
        })
        .unwrap();
    }
    assert_eq!(
        doc.text,
        "requests:\n  - name: A\n    url: http://x\n    query:   # kept on purpose\n"
    );
}

#[test]
fn an_environment_that_exists_is_not_added_again() {
    let (_, mut doc) = fixture();
    let before = doc.text.clone();
    let err = doc
        .apply(&Edit::AddEnvironment {
            name: "staging".to_owned(),
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("already an environment `staging`"),
        "{err}"
    );
    assert_eq!(doc.text, before);
}

#[test]
fn a_crlf_file_stays_crlf_and_only_the_edited_line_changes() {
    let (original, _) = fixture();
    let crlf = original.replace('\n', "\r\n");
    let mut doc = Document::new("x.yaml".into(), crlf.clone());
    doc.apply(&Edit::AddRow {
        request: path("List orders"),
        table: Table::Headers,
        name: "X-New".to_owned(),
        value: "1".to_owned(),
    })
    .unwrap();
    assert!(
        !doc.text.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    let (removed, added) = diff(&crlf.replace("\r\n", "\n"), &doc.text.replace("\r\n", "\n"));
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(added, ["      X-New: \"1\""]);
}

#[test]
fn a_file_without_a_final_newline_gets_new_items_on_their_own_lines() {
    let text = "requests:\n  - name: A\n    url: http://x";
    let mut doc = Document::new("x.yaml".into(), text.to_owned());
    doc.apply(&Edit::AddRequest {
        folder: vec![],
        name: "B".to_owned(),
    })
    .unwrap();
    doc.apply(&Edit::AddRow {
        request: path("A"),
        table: Table::Headers,
        name: "Accept".to_owned(),
        value: "json".to_owned(),
    })
    .unwrap();
    let reloaded = parse_collection(&doc.text, Path::new("x.yaml")).unwrap();
    assert_eq!(reloaded.requests().len(), 2);
    assert!(
        doc.text
            .starts_with("requests:\n  - name: A\n    url: http://x\n"),
        "{}",
        doc.text
    );
}

#[test]
fn switched_off_rows_of_a_crlf_file_are_found_by_their_offsets_in_it() {
    let mut lf = String::from("name: C\n");
    lf.extend((0..30).map(|i| format!("# comment {i}\n")));
    lf.push_str("requests:\n  - name: A\n    url: http://x\n    headers:\n      Accept: json\n      # X: 1\n      # X-B: 2\n");
    let crlf = lf.replace('\n', "\r\n");
    let collection = parse_collection(&crlf, Path::new("x.yaml")).unwrap();
    let at = apibench::collection::edit::request_location(&collection, &path("A"))
        .unwrap()
        .key("headers");
    let rows = apibench::collection::edit::rows::disabled_rows(&crlf, &at);
    assert_eq!(rows.len(), 2);

    let mut doc = Document::new("x.yaml".into(), crlf.clone());
    doc.apply(&Edit::DropDisabledRow {
        request: path("A"),
        table: Table::Headers,
        line_start: rows[0].line_start,
    })
    .unwrap();
    assert_eq!(
        doc.text,
        crlf.replace("      # X: 1\r\n", ""),
        "the row asked for, not its neighbour"
    );

    let mut doc = Document::new("x.yaml".into(), crlf.clone());
    doc.apply(&Edit::EnableRow {
        request: path("A"),
        table: Table::Headers,
        line_start: rows[1].line_start,
        position: rows[1].position,
        name: rows[1].name.clone(),
        value: rows[1].value.clone(),
    })
    .unwrap();
    assert_eq!(doc.text, crlf.replace("# X-B: 2", "X-B: 2"));

    // An offset that is no switched-off row is refused, not followed.
    let err = doc
        .apply(&Edit::EnableRow {
            request: path("A"),
            table: Table::Headers,
            line_start: 5,
            position: 0,
            name: "X".to_owned(),
            value: "1".to_owned(),
        })
        .unwrap_err();
    assert!(err.to_string().contains("not there any more"), "{err}");
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
fn a_variable_is_renamed_where_it_stands_with_its_comment() {
    let (removed, added) = edit(&Edit::RenameVariable {
        scope: VarScope::Collection,
        from: "base_url".to_owned(),
        to: "api_url".to_owned(),
    });
    assert_eq!(
        (removed, added),
        (
            lines(&["  base_url: &base 'http://127.0.0.1:8787'   # single-quoted on purpose"]),
            lines(&["  api_url: &base 'http://127.0.0.1:8787'   # single-quoted on purpose"])
        )
    );
}

#[test]
fn a_json_body_changed_everywhere_is_replaced_as_one_value_and_loads_to_it() {
    let (original, mut doc) = fixture();
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

#[test]
fn a_request_in_a_folder_and_then_the_folder_are_deleted_with_their_lines() {
    // The folder's only request: its list is left empty, as `[]`.
    let (removed, added) = edit(&Edit::Delete {
        request: path("Admin/Delete order"),
    });
    assert_eq!(added, lines(&["    requests: []"]));
    assert_eq!(
        removed,
        lines(&[
            "    requests:",
            "    - name: Delete order",
            "      method: DELETE",
            "      url: \"{{ base_url }}/v1/orders/42\"",
            "      auth:",
            "        bearer: \"{{ token }}\"",
        ])
    );

    let (removed, added) = edit(&Edit::DeleteFolder {
        folder: vec!["Admin".into()],
    });
    assert!(added.is_empty());
    assert_eq!(removed.first().map(String::as_str), Some("  - folder: Admin"));
    assert_eq!(
        removed.last().map(String::as_str),
        Some("        bearer: \"{{ token }}\"")
    );
}
