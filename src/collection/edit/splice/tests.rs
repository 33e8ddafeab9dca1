//! Splices on small documents: each kind of change, and what it leaves untouched.

use super::*;

fn p(segs: &[Seg]) -> YamlPath {
    YamlPath(segs.to_vec())
}

fn k(s: &str) -> Seg {
    Seg::Key(s.into())
}

fn run(text: &str, op: impl Fn(&Tree<'_>) -> Result<Splice, EditError>) -> String {
    let tree = Tree::parse(text).unwrap();
    op(&tree).unwrap().apply(text)
}

const DOC: &str = "# top\nname: Demo  # keep me\nrequests:\n  - name: One   # first\n    url: \"http://x\"\n    headers:\n      A: 1\n  - name: Two\n    body: { json: { a: 1 } }\n";

#[test]
fn scalars_keep_their_style_and_neighbours() {
    let out = run(DOC, |t| set(t, &p(&[k("name")]), &Value::Scalar("Shop".into())));
    assert_eq!(out, DOC.replace("name: Demo  # keep me", "name: Shop  # keep me"));
    let out = run(DOC, |t| {
        set(
            t,
            &p(&[k("requests"), Seg::Index(0), k("url")]),
            &Value::Scalar("{{ b }}/y".into()),
        )
    });
    assert_eq!(out, DOC.replace("url: \"http://x\"", "url: \"{{ b }}/y\""));
}

#[test]
fn keys_go_where_the_format_lists_them_and_rows_after_the_last_at_its_indentation() {
    let out = run(DOC, |t| {
        set(
            t,
            &p(&[k("requests"), Seg::Index(0), k("method")]),
            &Value::Scalar("POST".into()),
        )
    });
    assert_eq!(
        out,
        DOC.replace(
            "    url: \"http://x\"\n",
            "    method: POST\n    url: \"http://x\"\n"
        ),
        "method before url, as a person writes it"
    );
    let out = run(DOC, |t| {
        set(
            t,
            &p(&[k("requests"), Seg::Index(0), k("headers"), k("B")]),
            &Value::Scalar("2".into()),
        )
    });
    assert_eq!(
        out,
        DOC.replace("      A: 1\n", "      A: 1\n      B: 2\n"),
        "a number plain beside a plain number"
    );
}

#[test]
fn missing_mappings_are_created() {
    let out = run(DOC, |t| {
        set(
            t,
            &p(&[k("requests"), Seg::Index(1), k("headers"), k("X")]),
            &Value::Scalar("v1".into()),
        )
    });
    assert_eq!(
        out,
        DOC.replace("  - name: Two\n", "  - name: Two\n    headers:\n      X: v1\n"),
        "headers before the body"
    );
}

#[test]
fn flow_mappings_grow_inline() {
    let out = run(DOC, |t| {
        set(
            t,
            &p(&[k("requests"), Seg::Index(1), k("body"), k("content_type")]),
            &Value::Scalar("text/csv".into()),
        )
    });
    assert_eq!(
        out,
        DOC.replace(
            "{ json: { a: 1 } }",
            "{ json: { a: 1 }, content_type: \"text/csv\" }"
        )
    );
}

#[test]
fn entries_and_items_are_removed_with_their_lines() {
    let out = run(DOC, |t| remove(t, &p(&[k("requests"), Seg::Index(0), k("url")])));
    assert_eq!(out, DOC.replace("    url: \"http://x\"\n", ""));
    let out = run(DOC, |t| {
        remove(t, &p(&[k("requests"), Seg::Index(0), k("headers"), k("A")]))
    });
    assert_eq!(
        out,
        DOC.replace("    headers:\n      A: 1\n", "    headers: {}\n")
    );
    let tree = Tree::parse(DOC).unwrap();
    let (splice, own) = remove_item(&tree, &p(&[k("requests")]), 1).unwrap();
    assert_eq!(
        splice.apply(DOC),
        DOC.replace("  - name: Two\n    body: { json: { a: 1 } }\n", "")
    );
    assert_eq!(own, "name: Two\nbody: { json: { a: 1 } }");
}

#[test]
fn a_null_value_becomes_a_mapping_when_a_key_is_added_under_it() {
    for null in ["~", "null", ""] {
        let text = format!("name: C\nvariables: {null}\nrequests: []\n");
        let out = run(&text, |t| {
            set(t, &p(&[k("variables"), k("a")]), &Value::Scalar("1".into()))
        });
        assert_eq!(out, "name: C\nvariables:\n  a: \"1\"\nrequests: []\n", "{null:?}");
    }
}

#[test]
fn the_last_key_of_the_file_is_not_removed() {
    let tree = Tree::parse("name: C\n").unwrap();
    let refused = remove(&tree, &p(&[k("name")])).unwrap_err();
    assert!(refused.to_string().contains("whole file"), "{refused}");
}

#[test]
fn items_are_inserted_with_a_dash_at_the_items_column() {
    let out = run(DOC, |t| {
        insert_item(t, &p(&[k("requests")]), None, "name: Three\nurl: http://z")
    });
    assert_eq!(out, format!("{DOC}  - name: Three\n    url: http://z\n"));
    let out = run(DOC, |t| {
        insert_item(t, &p(&[k("requests")]), Some(1), "name: Between")
    });
    assert_eq!(
        out,
        DOC.replace("  - name: Two\n", "  - name: Between\n  - name: Two\n")
    );
}

#[test]
fn the_last_item_leaves_an_empty_sequence_that_can_grow_again() {
    let text = "requests:\n  - name: Only\n    url: http://x\n";
    let tree = Tree::parse(text).unwrap();
    let (splice, _) = remove_item(&tree, &p(&[k("requests")]), 0).unwrap();
    let emptied = splice.apply(text);
    assert_eq!(emptied, "requests: []\n");
    let refilled = run(&emptied, |t| {
        insert_item(t, &p(&[k("requests")]), None, "name: New\nurl: http://y")
    });
    assert_eq!(refilled, "requests:\n  - name: New\n    url: http://y\n");
}

#[test]
fn lines_are_commented_out_and_back() {
    let tree = Tree::parse(DOC).unwrap();
    let at = DOC.find("      A: 1").unwrap();
    let off = toggle_comment(&tree, at, true).unwrap().apply(DOC);
    assert_eq!(off, DOC.replace("      A: 1", "      # A: 1"));
    let tree = Tree::parse(&off).unwrap();
    let on = toggle_comment(&tree, at, false).unwrap().apply(&off);
    assert_eq!(on, DOC);
}

#[test]
fn aliases_are_not_edited_through() {
    let text = "variables: &v\n  a: 1\nenvironments:\n  local: *v\n";
    let tree = Tree::parse(text).unwrap();
    let err = set(
        &tree,
        &p(&[k("environments"), k("local"), k("b")]),
        &Value::Scalar("2".into()),
    )
    .unwrap_err();
    assert!(err.to_string().contains("alias"), "{err}");
}

#[test]
fn the_first_entry_of_an_empty_flow_mapping_among_blocks_is_written_as_a_block() {
    let doc = "name: Demo\nenvironments:\n  local:\n    base_url: http://localhost\n  prod: {}\n";
    let out = run(doc, |t| {
        set(
            t,
            &p(&[k("environments"), k("prod"), k("base_url")]),
            &Value::Scalar("https://api.example.com".into()),
        )
    });
    assert_eq!(
        out,
        "name: Demo\nenvironments:\n  local:\n    base_url: http://localhost\n  prod:\n    base_url: https://api.example.com\n"
    );
}

#[test]
fn a_key_never_goes_before_an_items_first_entry_and_hex_stays_quoted() {
    let doc = "requests:\n  - url: http://b/\n    name: Second\n";
    let out = run(doc, |t| {
        set(
            t,
            &p(&[k("requests"), Seg::Index(0), k("method")]),
            &Value::Scalar("POST".into()),
        )
    });
    assert_eq!(
        out, "requests:\n  - url: http://b/\n    name: Second\n    method: POST\n",
        "never into the item's dash line"
    );
    let doc = "variables:\n  page: 42\n";
    let out = run(doc, |t| {
        set(t, &p(&[k("variables"), k("mask")]), &Value::Scalar("0x10".into()))
    });
    assert_eq!(out, "variables:\n  page: 42\n  mask: \"0x10\"\n");
}
