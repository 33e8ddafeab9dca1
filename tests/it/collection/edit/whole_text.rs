//! What edits do to the file as a whole: undo and redo restore it exactly, untouched bytes
//! survive a chain of edits, CRLF files stay CRLF, a file without a final newline still gets
//! new items on their own lines.

use std::path::Path;

use apibench::collection::edit::{Document, Edit, ScalarField, Table};
use apibench::collection::{Auth, parse_collection};

use super::{diff, handwritten, path};
use crate::support::t;

#[test]
fn undo_and_redo_restore_the_text_exactly() {
    let (original, mut doc) = handwritten();
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
    assert_eq!(doc.undo().as_deref(), Some("deleting Create order"));
    assert_eq!(doc.text, once);
    assert!(doc.undo().is_some());
    assert_eq!(doc.text, original);
    assert!(!doc.is_dirty());
    assert!(doc.undo().is_none(), "nothing more to undo");
    assert!(doc.redo().is_some());
    assert_eq!(doc.text, once);
}

#[test]
fn every_untouched_byte_survives_a_chain_of_edits() {
    let (original, mut doc) = handwritten();
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
fn a_crlf_file_stays_crlf_and_only_the_edited_line_changes() {
    let (original, _) = handwritten();
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

/// Edits made again on a file changed on disk: those whose place is still there land, one
/// whose request is gone is named, and the result is one undo step away from before.
#[test]
fn unsaved_edits_are_made_again_on_a_changed_file_and_a_lost_one_is_named() {
    let (original, mut doc) = handwritten();
    doc.apply(&Edit::SetField {
        request: path("List orders"),
        field: ScalarField::Url,
        value: Some("https://mine.example/orders".into()),
    })
    .unwrap();
    doc.apply(&Edit::SetField {
        request: path("Create order"),
        field: ScalarField::Method,
        value: Some("PUT".into()),
    })
    .unwrap();
    let mine = doc.text.clone();
    // On disk, someone renamed "Create order".
    let theirs = original.replace("- name: Create order", "- name: Place order");
    let refused = doc
        .reapply_on(theirs.clone())
        .expect("the unsaved edits are known");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(refused[0].contains("Create order"), "{refused:?}");
    assert!(doc.text.contains("https://mine.example/orders"));
    assert!(doc.text.contains("- name: Place order"));
    assert_eq!(doc.saved, theirs);
    assert!(doc.undo().is_some());
    assert_eq!(doc.text, mine, "one undo brings back what was here");
}

/// Undo past a save, then new edits: which edits are unsaved is not a list of steps any
/// more, so making them again on the disk's text is refused rather than dropping them.
#[test]
fn edits_after_undoing_past_a_save_are_not_silently_dropped() {
    let (original, mut doc) = handwritten();
    let url = |u: &str| Edit::SetField {
        request: path("List orders"),
        field: ScalarField::Url,
        value: Some(u.into()),
    };
    doc.apply(&url("https://one.example")).unwrap();
    doc.apply(&url("https://two.example")).unwrap();
    doc.mark_saved();
    doc.undo();
    doc.undo();
    doc.apply(&url("https://three.example")).unwrap();
    let mine = doc.text.clone();
    assert_eq!(doc.reapply_on(original), None, "refused, not emptied");
    assert_eq!(doc.text, mine, "nothing changed");
}

#[test]
fn a_file_that_starts_with_a_bom_keeps_it_through_an_edit() {
    let text = "\u{feff}name: Bom\nrequests:\n  - name: Get\n    url: http://x/v1\n";
    let mut doc = Document::new(Path::new("bom.yaml").to_path_buf(), text.to_owned());
    doc.apply(&Edit::SetField {
        request: path("Get"),
        field: ScalarField::Url,
        value: Some("http://x/v2".into()),
    })
    .unwrap();
    assert_eq!(
        doc.text,
        "\u{feff}name: Bom\nrequests:\n  - name: Get\n    url: http://x/v2\n"
    );
    let loaded = parse_collection(&doc.text, &doc.path).expect("the edited file loads");
    assert_eq!(loaded.name, "Bom");
}
