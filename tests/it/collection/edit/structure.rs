//! Edits to the tree of requests and folders: added, duplicated, moved, renamed and deleted
//! with exactly their own lines (and the comment attached above).

use apibench::collection::edit::Edit;

use super::{diff, edit, handwritten, lines, path};

#[test]
fn requests_are_added_duplicated_moved_and_deleted() {
    let (removed, added) = edit(&Edit::AddRequest {
        folder: vec!["Admin".into()],
        name: "Refund".into(),
    });
    assert!(removed.is_empty());
    assert_eq!(added, lines(&["    - name: Refund", "      url: \"\""]));

    let (original, mut doc) = handwritten();
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

    let (original, mut doc) = handwritten();
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
    let (_, mut doc) = handwritten();
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

/// A duplicate moved to a folder takes its spacing with it: no blank lines pile up where it
/// was, and the file has no two blank lines in a row that were not there before.
#[test]
fn a_duplicate_moved_away_leaves_no_double_blank_line() {
    let (original, mut doc) = handwritten();
    doc.apply(&Edit::Duplicate {
        request: path("List orders"),
        name: "List orders (copy)".into(),
    })
    .unwrap();
    doc.apply(&Edit::Move {
        request: path("List orders (copy)"),
        to: vec!["Admin".into()],
    })
    .unwrap();
    let doubles = |text: &str| text.matches("\n\n\n").count();
    assert_eq!(doubles(&doc.text), doubles(&original), "{}", doc.text);
}
