//! Format-preserving edits on a hand-written file full of comments, odd indentation, flow
//! and block styles, an anchor and extension keys: each kind of edit changes exactly the
//! lines it should (asserted as a diff) and the file loads back to the edited model. The
//! diff helpers live here; each submodule is one kind of edit.

mod props;
mod rows;
mod structure;
mod values;
mod variables;
mod whole_text;

use apibench::collection::edit::{Document, Edit, expected};
use apibench::collection::{RequestPath, parse_collection};

use crate::support::fixture;

/// The hand-written fixture's text, and a document on it.
fn handwritten() -> (String, Document) {
    let path = fixture("handwritten.yaml");
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
    let (original, mut doc) = handwritten();
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
