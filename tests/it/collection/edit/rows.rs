//! Edits to header and query rows: set, added, removed, switched off and on again in place,
//! flow mappings grown and shrunk inline, and switched-off rows found by offset in CRLF files.

use std::path::Path;

use apibench::collection::edit::rows::{DisabledRow, disabled_rows};
use apibench::collection::edit::{Document, Edit, Table, request_location};
use apibench::collection::parse_collection;

use super::{diff, edit, handwritten, lines, path};

/// The switched-off (commented-out) header rows of `request` in `text`.
fn switched_off_headers(text: &str, request: &str) -> Vec<DisabledRow> {
    let collection = parse_collection(text, Path::new("x.yaml")).unwrap();
    let headers = request_location(&collection, &path(request))
        .unwrap()
        .key("headers");
    disabled_rows(text, &headers)
}

/// The edit that switches `row` of `request`'s headers back on.
fn enable(request: &str, row: &DisabledRow) -> Edit {
    Edit::EnableRow {
        request: path(request),
        table: Table::Headers,
        line_start: row.line_start,
        position: row.position,
        name: row.name.clone(),
        value: row.value.clone(),
    }
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

    let (original, mut doc) = handwritten();
    let disabled = switched_off_headers(&original, "List orders");
    assert_eq!(disabled.len(), 1);
    let collection = doc.apply(&enable("List orders", &disabled[0])).unwrap();
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
    let row = switched_off_headers(text, "A").remove(0);
    let enabled = doc
        .apply(&enable("A", &row))
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
fn a_switched_off_row_can_be_deleted_even_when_it_is_the_last_line_of_its_table() {
    let text =
        "requests:\n  - name: A\n    url: http://x\n    headers:\n      # B: 2\n    # keep this note\n";
    let mut doc = Document::new("x.yaml".into(), text.to_owned());
    let row = switched_off_headers(text, "A").remove(0);
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
fn switched_off_rows_of_a_crlf_file_are_found_by_their_offsets_in_it() {
    let mut lf = String::from("name: C\n");
    lf.extend((0..30).map(|i| format!("# comment {i}\n")));
    lf.push_str("requests:\n  - name: A\n    url: http://x\n    headers:\n      Accept: json\n      # X: 1\n      # X-B: 2\n");
    let crlf = lf.replace('\n', "\r\n");
    let rows = switched_off_headers(&crlf, "A");
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
    doc.apply(&enable("A", &rows[1])).unwrap();
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

/// Rows that come from an alias or a merge key are written elsewhere: an edit is refused
/// with where to make it, and the text is left alone.
#[test]
fn rows_from_an_alias_or_a_merge_key_are_refused_with_where_to_edit_them() {
    let text = "name: shared\nx-common: &common\n  headers:\n    Accept: application/json\nx-h: &h\n  Accept: text/plain\nrequests:\n  - name: Merged\n    <<: *common\n    url: https://a.example/one\n  - name: Aliased\n    url: https://a.example/two\n    headers: *h\n";
    let collection = parse_collection(text, Path::new("x.yaml")).unwrap();
    let merged = collection.find(&path("Merged")).unwrap();
    assert_eq!(merged.headers[0].0, "Accept", "the merge key applies at load");
    for (request, expected) in [("Merged", "merge key"), ("Aliased", "alias")] {
        let mut doc = Document::new("x.yaml".into(), text.to_owned());
        for edit in [
            Edit::SetRow {
                request: path(request),
                table: Table::Headers,
                index: 0,
                name: "Accept".into(),
                value: "text/csv".into(),
            },
            Edit::AddRow {
                request: path(request),
                table: Table::Headers,
                name: "X-Trace".into(),
                value: "1".into(),
            },
        ] {
            let err = doc.apply(&edit).unwrap_err();
            assert!(err.to_string().contains(expected), "{request}: {err}");
            assert!(
                err.to_string().contains("edit it where the anchor is defined"),
                "{err}"
            );
            assert_eq!(doc.text, text);
        }
    }
}
