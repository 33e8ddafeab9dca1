//! Reading in pieces gives what reading whole gives, or declines: on every collection in the
//! repository cut every way, and on the shapes that could fool a cut.

use std::fmt::Write as _;
use std::path::Path;

use super::*;

const SOURCE: &str = "t.yaml";

/// What reading whole gives.
fn whole(text: &str) -> Option<Collection> {
    super::super::parse_whole(text, Path::new(SOURCE), false).ok()
}

/// Pieces of about these many bytes: every item alone, a few together, all in one.
const SIZES: [usize; 4] = [1, 40, 120, 1 << 20];

/// Every way of cutting `text` gives what reading whole gives, or declines; returns how many
/// of them read in pieces.
fn same_or_declined(text: &str) -> usize {
    let mut split = 0;
    for per in SIZES {
        if let Some(collection) = load_in_pieces(text, Path::new(SOURCE), per, 0) {
            assert_eq!(Some(collection), whole(text), "{per} a piece:\n{text}");
            split += 1;
        }
    }
    split
}

fn reads_in_pieces(text: &str) {
    assert_eq!(
        same_or_declined(text),
        SIZES.len(),
        "expected to read in pieces:\n{text}"
    );
}

fn declined(text: &str) {
    for per in SIZES {
        assert!(
            load_in_pieces(text, Path::new(SOURCE), per, 0).is_none(),
            "{per} a piece:\n{text}"
        );
    }
}

#[test]
fn every_collection_in_the_repository_reads_the_same_in_pieces_or_whole() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for folder in ["collections", "fuzz/seeds/collection_loader", "tests/fixtures"] {
        let mut stack = vec![root.join(folder)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().map(Result::unwrap) {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    files.push(path);
                }
            }
        }
    }
    let mut split = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        if same_or_declined(&text) > 0 {
            split.push(file.strip_prefix(root).unwrap().to_string_lossy().into_owned());
        }
    }
    // The comparison is not vacuous: the collections people start from are cut (not
    // tests/fixtures/handwritten.yaml: it has an anchor).
    for cut in [
        "collections/demo.yaml",
        "collections/github.yaml",
        "tests/fixtures/format_example.yaml",
    ] {
        assert!(
            split.iter().any(|s| s == cut),
            "{cut} was not read in pieces: {split:?}"
        );
    }
}

#[test]
fn a_list_with_keys_after_it_comments_between_items_and_block_texts_reads_in_pieces() {
    reads_in_pieces(
        "name: Shop\n\
         # the list\n\
         requests:   # every request\n\
         # first\n\
         \x20 - name: a\n\
         \x20   url: http://x/a\n\
         \x20   body:\n\
         \x20     text: |\n\
         \x20       - not an item\n\
         \x20       more\n\
         # between, at column 0\n\
         \n\
         \x20 - name: b\n\
         \x20   url: http://x/b\n\
         \x20   description: a plain text\n\
         \x20     that runs on\n\
         \x20 -\n\
         \x20   name: c\n\
         \x20   url: http://x/c\n\
         \x20 - folder: f\n\
         \x20   requests:\n\
         \x20   - name: a\n\
         \x20     url: http://x/f/a\n\
         environments:\n\
         \x20 dev: { base: http://dev }\n",
    );
}

#[test]
fn extension_keys_in_a_later_piece_read_in_pieces() {
    reads_in_pieces("requests:\n  - name: a\n    url: u\n  - name: b\n    url: u\n    x-note: 1\n");
}

#[test]
fn windows_line_endings_read_in_pieces() {
    reads_in_pieces("name: W\r\nrequests:\r\n  - name: a\r\n    url: u\r\n  - name: b\r\n    url: v\r\n");
}

#[test]
fn any_problem_reads_the_file_whole_so_problems_keep_their_order_and_places() {
    // An unknown key, a bad template, a duplicate name across pieces, a missing url.
    declined("requests:\n  - name: a\n    url: u\n  - name: b\n    url: u\n    colour: red\n");
    declined("requests:\n  - name: a\n    url: u\n  - name: b\n    url: '{{ oops'\n");
    declined("requests:\n  - name: a\n    url: u\n  - name: a\n    url: v\n");
    declined("requests:\n  - name: a\n    url: u\n  - name: b\n");
    declined("version: 2\nrequests:\n  - name: a\n    url: u\n  - name: b\n    url: v\n");
}

#[test]
fn a_requests_line_inside_a_quoted_text_above_is_not_cut() {
    // Read whole, there is no list: the lines are one description.
    let text = "description: \"about\nrequests:\n  - name: a\n    url: u\n  - name: b\nend\"\n";
    assert!(whole(text).is_some());
    declined(text);
}

#[test]
fn a_quoted_text_or_flow_list_across_an_item_line_is_not_cut() {
    same_or_declined(
        "requests:\n  - name: a\n    description: \"one\n  - two\"\n    url: u\n  - name: b\n    url: v\n",
    );
    declined("requests:\n  - name: a\n    description: \"one\n  - name: b\n    url: v\"\n    url: u\n");
    declined("requests:\n  - name: a\n    tags: [one,\n  - two]\n    url: u\n");
}

#[test]
fn an_alias_to_an_anchor_above_the_list_or_in_another_piece_is_read_whole() {
    let above = "x-common: &h { Accept: text/plain }\nrequests:\n  - name: a\n    url: u\n    headers: *h\n  - name: b\n    url: v\n";
    assert!(whole(above).is_some());
    declined(above);
    let across = "requests:\n  - name: a\n    url: &u http://x\n  - name: b\n    url: *u\n";
    assert!(whole(across).is_some());
    assert!(load_in_pieces(across, Path::new(SOURCE), 1, 0).is_none());
    same_or_declined(across);
}

#[test]
fn a_second_requests_key_fails_as_it_does_whole() {
    let text = "requests:\n  - name: a\n    url: u\nrequests: []\n";
    assert!(whole(text).is_none());
    declined(text);
}

#[test]
fn a_list_at_column_0_or_with_a_tab_or_an_odd_indentation_is_read_whole() {
    declined("requests:\n- name: a\n  url: u\n- name: b\n  url: v\n");
    declined("requests:\n  - name: a\n\t  url: u\n");
    declined("requests:\n    - name: a\n      url: u\n  - name: b\n    url: v\n");
    declined("requests:# no space\n  - name: a\n    url: u\n");
    declined("requests: &list\n  - name: a\n    url: u\n");
}

#[test]
fn a_short_list_is_read_whole() {
    let text = "requests:\n  - name: a\n    url: u\n  - name: b\n    url: u\n";
    assert!(load_in_pieces(text, Path::new(SOURCE), 1, 0).is_some());
    assert!(load_in_pieces(text, Path::new(SOURCE), 1, text.len()).is_none());
}

// From a review that attacked reading in pieces with 38,000 generated files and hand-made
// ones: each of these read in pieces to something other than reading whole.

#[test]
fn an_anchor_anywhere_reads_the_file_whole() {
    // Redefined in the list, read after it: whole, the alias finds the list's.
    declined("x-a: &a before\nrequests:\n  - name: r\n    url: u\n    x-n: &a list\nname: *a\n");
    // yaml_serde numbers a redefined anchor's successor the same: reading whole differs.
    declined(
        "x-a: &a before\nrequests:\n  - name: n0\n    url: &a one\n  - name: n1\n    url: *a\n  - name: n3\n    url: &b three\n",
    );
    // Whole, this fails (the recursion limit); in pieces it read.
    declined(
        "x-a: &a one\nrequests:\n  - name: r\n    url: u\n    body: {json: {k: &a two, l: &b [*a]}}\n  - name: s\n    url: v\n",
    );
    // The limit on following aliases counts per document.
    let mut laughs = String::from("requests:\n");
    for i in 0..2 {
        let j0 = vec![format!("*j0_{i}"); 200].join(", ");
        let j1 = vec![format!("*j1_{i}"); 221].join(", ");
        write!(laughs,
            "  - name: r{i}\n    url: u\n    body:\n      json:\n        j0: &j0_{i} [1]\n        j1: &j1_{i} [{j0}]\n        j2: [{j1}]\n"
        )
        .unwrap();
    }
    assert!(whole(&laughs).is_none());
    declined(&laughs);
    // A query string's `&` is no anchor: still read in pieces.
    reads_in_pieces(
        "requests:\n  - name: a\n    url: http://x/?a=1&b=2\n  - name: b\n    url: 'http://x/*'\n",
    );
}

#[test]
fn a_line_break_the_cut_does_not_see_reads_the_file_whole() {
    for br in ["\r", "\u{85}", "\u{2028}", "\u{2029}"] {
        let text = format!("requests:\n  - name: a\n    url: u{br}x-y:\n  - name: b\n    url: v\n");
        declined(&text);
    }
}

#[test]
fn whether_a_file_is_too_deep_does_not_depend_on_its_length() {
    // Valid YAML the nesting scan overcounts: a plain text whose next line starts with `[`.
    let leaky = |items: usize| {
        let mut s = String::from("requests:\n");
        for i in 0..items {
            write!(
                s,
                "  - name: r{i}\n    url: http://x/{i}\n    description: see\n      [note {i}\n"
            )
            .unwrap();
            write!(
                s,
                "  - name: pad{i}\n    url: http://x/{i}\n    description: {}\n",
                "p".repeat(1500)
            )
            .unwrap();
        }
        s
    };
    let outcome = |text: &str| super::super::parse_collection(text, Path::new(SOURCE)).is_ok();
    assert_eq!(outcome(&leaky(70)), outcome(&leaky(200)));
}

/// A file long enough to be read in pieces (`FEWEST_BYTES`), `n` requests.
fn long_file(n: usize) -> String {
    let mut text = String::from("name: Long\nrequests:\n");
    for i in 0..n {
        write!(
            text,
            "  - name: r{i}\n    url: http://x/items/{i}\n    headers:\n      Accept: application/json\n"
        )
        .unwrap();
    }
    assert!(text.len() > FEWEST_BYTES);
    text
}

#[test]
fn a_long_file_with_a_problem_deep_in_it_reports_it_where_it_is_as_reading_whole_does() {
    let source = Path::new(SOURCE);
    let good = long_file(4_000);
    assert!(load_in_pieces(&good, source, PIECE_BYTES, FEWEST_BYTES).is_some());
    // The last line ending so: the problem's, not an earlier one alike.
    let line_of = |needle: &str, text: &str| {
        let lines: Vec<&str> = text.lines().collect();
        lines.iter().rposition(|l| l.ends_with(needle)).unwrap() + 1
    };
    for (broken, needle) in [
        (good.replace("http://x/items/3500\n", "'{{ oops'\n"), "{{ oops'"),
        (
            good.replace("  - name: r3600\n", "  - name: r3600\n    colour: red\n"),
            "colour: red",
        ),
        (good.replace("  - name: r3700\n", "  - name: r3\n"), "- name: r3"),
        (
            good.replace("  - name: r3800\n", "  - name: r3800\n    headers: [\n"),
            "headers: [",
        ),
    ] {
        assert!(load_in_pieces(&broken, source, PIECE_BYTES, FEWEST_BYTES).is_none());
        let errors = super::super::parse_collection(&broken, source).unwrap_err();
        assert_eq!(
            errors,
            super::super::parse_whole(&broken, source, false).unwrap_err()
        );
        let line = errors[0].line.unwrap();
        assert!(
            line.abs_diff(line_of(needle, &broken)) <= 1,
            "{needle}: {errors:?}"
        );
    }
}
