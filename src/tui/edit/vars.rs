//! The variables dialog: a collection's own variables, then each environment's, as one list
//! the cursor moves over. `a` adds to the section under the cursor, `e` edits, `d` deletes
//! (an environment heading: the whole environment, after asking).

use crate::collection::Collection;
use crate::collection::edit::{Edit, VarScope};
use crate::tui::edit::dialog::{Confirm, Form, Purpose, Question};
use crate::tui::edit::submit::apply_edit;
use crate::tui::state::{App, Overlay};

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

/// The rows of the dialog for `collection`.
pub fn var_rows(collection: &Collection) -> Vec<VarRow> {
    let mut rows = Vec::new();
    let mut section = |scope: VarScope, vars: &crate::collection::Variables| {
        rows.push(VarRow::Heading(scope.clone()));
        rows.extend(vars.iter().map(|(name, value)| VarRow::Var {
            scope: scope.clone(),
            name: name.clone(),
            value: value.to_string(),
        }));
    };
    section(VarScope::Collection, &collection.variables);
    for (name, vars) in &collection.environments {
        section(VarScope::Environment(name.clone()), vars);
    }
    rows.push(VarRow::NewEnvironment);
    rows
}

/// Keys of the variables dialog, after navigation: edit, add, delete.
pub fn vars_action(app: &mut App, view: VarsView, action: crate::tui::action::Action) {
    use crate::tui::action::Action;
    use crate::tui::edit::dialog::Input;
    let Some(collection) = app.collection(view.collection) else {
        return;
    };
    let rows = var_rows(collection);
    let Some(row) = rows.get(view.cursor).cloned() else {
        return;
    };
    let collection = view.collection;
    let variable_form = |title: &str, scope: VarScope, name: &str, value: &str, old: Option<String>| {
        Overlay::Form(Box::new(Form::new(
            title,
            vec![
                Input::new("name", name, false),
                Input::new("value", value, crate::secrets::is_secret_param(name)),
            ],
            Purpose::Variable {
                collection,
                scope,
                old,
            },
        )))
    };
    let next = match (action, &row) {
        (Action::Add | Action::Edit | Action::Select, VarRow::NewEnvironment) => {
            Overlay::Form(Box::new(Form::new(
                "New environment",
                vec![Input::new("name", "", false)],
                Purpose::NewEnvironment { collection },
            )))
        }
        (Action::Edit | Action::Select, VarRow::Var { value, .. })
            if !crate::tui::edit::actions::fits_one_line(app, &[value]) =>
        {
            return;
        }
        (Action::Edit | Action::Select, VarRow::Var { scope, name, value }) => {
            variable_form("Variable", scope.clone(), name, value, Some(name.clone()))
        }
        (Action::Add | Action::Edit | Action::Select, VarRow::Heading(scope) | VarRow::Var { scope, .. }) => {
            variable_form("New variable", scope.clone(), "", "", None)
        }
        (Action::Delete, VarRow::Var { scope, name, .. }) => {
            apply_edit(
                app,
                collection,
                &[Edit::SetVariable {
                    scope: scope.clone(),
                    name: name.clone(),
                    value: None,
                }],
            );
            return;
        }
        (Action::Delete, VarRow::Heading(VarScope::Environment(name))) => Overlay::Confirm(Confirm {
            text: format!("Delete the environment `{name}` and its variables?"),
            answers: vec![('y', "delete (undo brings it back)"), ('n', "keep it")],
            question: Question::Apply {
                collection,
                edit: Edit::RemoveEnvironment { name: name.clone() },
            },
        }),
        _ => return,
    };
    app.editing.return_to = Some(view);
    app.overlay = next;
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
        assert!(
            matches!(&rows[3], VarRow::Var { scope: VarScope::Environment(e), name, .. } if e == "dev" && name == "base")
        );
    }
}
