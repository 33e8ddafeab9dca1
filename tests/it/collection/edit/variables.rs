//! Edits to variables and environments: set in place (flow or block), renamed where they
//! stand, an alias never edited through, an existing environment not added twice.

use apibench::collection::edit::{Edit, VarScope};

use super::{edit, handwritten, lines};

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
    let (original, mut doc) = handwritten();
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
fn an_environment_that_exists_is_not_added_again() {
    let (_, mut doc) = handwritten();
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
