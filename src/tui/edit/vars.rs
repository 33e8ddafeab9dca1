//! The variables dialog: a collection's own variables, then each environment's, as one list
//! the cursor moves over. `a` adds to the section under the cursor, `e` edits, `d` deletes
//! (an environment heading: the whole environment, after asking).

use crate::collection::Collection;
use crate::collection::edit::VarScope;

/// The dialog's state; its rows are computed from the collection each time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VarsView {
    pub collection: usize,
    pub cursor: usize,
}

/// One line of the dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VarRow {
    Heading(VarScope),
    Var {
        scope: VarScope,
        name: String,
        value: String,
    },
    /// The last line: "+ new environment".
    NewEnvironment,
}

impl VarRow {
    /// The scope a new variable goes to from this row.
    pub fn scope(&self) -> Option<&VarScope> {
        match self {
            VarRow::Heading(scope) | VarRow::Var { scope, .. } => Some(scope),
            VarRow::NewEnvironment => None,
        }
    }
}

/// The rows of the dialog for `collection`.
pub fn var_rows(collection: &Collection) -> Vec<VarRow> {
    let mut rows = Vec::new();
    let mut section = |scope: VarScope, vars: &crate::collection::Variables| {
        rows.push(VarRow::Heading(scope.clone()));
        rows.extend(vars.iter().map(|(name, value)| VarRow::Var {
            scope: scope.clone(),
            name: name.clone(),
            value: value.clone(),
        }));
    };
    section(VarScope::Collection, &collection.variables);
    for (name, vars) in &collection.environments {
        section(VarScope::Environment(name.clone()), vars);
    }
    rows.push(VarRow::NewEnvironment);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::parse_collection;

    #[test]
    fn rows_are_the_collection_variables_then_each_environment() {
        let c = parse_collection(
            "variables: { a: 1 }\nenvironments:\n  dev: { base: x }\n  prod: {}\nrequests: []\n",
            std::path::Path::new("c.yaml"),
        )
        .unwrap();
        let rows = var_rows(&c);
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[0], VarRow::Heading(VarScope::Collection));
        assert!(matches!(&rows[1], VarRow::Var { name, .. } if name == "a"));
        assert_eq!(rows[2], VarRow::Heading(VarScope::Environment("dev".into())));
        assert_eq!(rows[4], VarRow::Heading(VarScope::Environment("prod".into())));
        assert_eq!(rows[5], VarRow::NewEnvironment);
        assert_eq!(rows[3].scope(), Some(&VarScope::Environment("dev".into())));
    }
}
