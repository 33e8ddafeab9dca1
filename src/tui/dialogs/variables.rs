//! The variables dialog: a collection's own variables, then each environment's, as one list
//! the cursor moves over. `a` adds to the section under the cursor, `e` edits, `d` deletes
//! (an environment heading: the whole environment, after asking). Its keys, what they ask
//! for, and its drawing.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::answer::Answer;
use super::confirm::Confirm;
use super::form::{Form, FormPurpose, TextInput};
use crate::collection::Collection;
use crate::collection::edit::{Edit, VarScope};
use crate::secrets;
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, pair_line, pane_block, safe};

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

/// What a key did in the variables dialog.
#[derive(Debug, Clone)]
pub enum VarsKey {
    /// Moved, or nothing to do.
    Stay,
    Close,
    /// A form for a variable or an environment; the dialog comes back when it closes.
    Open(Box<Form>),
    /// A question before deleting an environment; likewise.
    Ask(Confirm),
    Apply(Answer),
    /// Undo, redo or save, as anywhere else.
    Act(Action),
    /// Refused, with why (the dialog stays).
    Refuse(String),
}

impl VarsView {
    /// Keys of the dialog over `collection`.
    pub fn key(&mut self, key: KeyEvent, keymap: &Keymap, collection: &Collection) -> VarsKey {
        let rows = var_rows(collection);
        match (key.code, keymap.action(&key)) {
            (KeyCode::Esc, _) | (_, Some(Action::Quit | Action::Variables)) => VarsKey::Close,
            (_, Some(Action::Down)) | (KeyCode::Down, _) => {
                self.cursor = (self.cursor + 1).min(rows.len().saturating_sub(1));
                VarsKey::Stay
            }
            (_, Some(Action::Up)) | (KeyCode::Up, _) => {
                self.cursor = self.cursor.saturating_sub(1);
                VarsKey::Stay
            }
            (_, Some(action @ (Action::Edit | Action::Add | Action::Delete | Action::Select))) => {
                self.act(action, &rows, keymap)
            }
            (_, Some(action @ (Action::Undo | Action::Redo | Action::Save))) => VarsKey::Act(action),
            _ => VarsKey::Stay,
        }
    }

    /// Edit, add or delete at the cursor.
    fn act(&self, action: Action, rows: &[VarRow], keymap: &Keymap) -> VarsKey {
        let Some(row) = rows.get(self.cursor) else {
            return VarsKey::Stay;
        };
        let collection = self.collection;
        let variable_form = |title: &str, scope: VarScope, name: &str, value: &str, old: Option<String>| {
            VarsKey::Open(Box::new(Form::new(
                title,
                vec![
                    TextInput::new("name", name, false),
                    TextInput::new("value", value, secrets::is_secret_param(name)),
                ],
                FormPurpose::Variable {
                    collection,
                    scope,
                    old,
                },
            )))
        };
        match (action, row) {
            (Action::Add | Action::Edit | Action::Select, VarRow::NewEnvironment) => {
                VarsKey::Open(Box::new(Form::new(
                    "New environment",
                    vec![TextInput::new("name", "", false)],
                    FormPurpose::NewEnvironment { collection },
                )))
            }
            // One-line fields cannot hold a value written over several lines.
            (Action::Edit | Action::Select, VarRow::Var { value, .. }) if value.contains('\n') => {
                let o = keymap.hint(Action::OpenEditor);
                VarsKey::Refuse(format!("this value spans several lines; {o} edits it in $EDITOR"))
            }
            (Action::Edit | Action::Select, VarRow::Var { scope, name, value }) => {
                variable_form("Variable", scope.clone(), name, value, Some(name.clone()))
            }
            (
                Action::Add | Action::Edit | Action::Select,
                VarRow::Heading(scope) | VarRow::Var { scope, .. },
            ) => variable_form("New variable", scope.clone(), "", "", None),
            (Action::Delete, VarRow::Var { scope, name, .. }) => VarsKey::Apply(Answer::edits(
                collection,
                vec![Edit::SetVariable {
                    scope: scope.clone(),
                    name: name.clone(),
                    value: None,
                }],
            )),
            (Action::Delete, VarRow::Heading(VarScope::Environment(name))) => VarsKey::Ask(Confirm::delete(
                format!("Delete the environment `{name}` and its variables?"),
                collection,
                Edit::RemoveEnvironment { name: name.clone() },
            )),
            _ => VarsKey::Stay,
        }
    }

    /// The dialog over `collection`; `active` is the environment in use.
    pub fn draw(
        &self,
        frame: &mut Frame<'_>,
        theme: Theme,
        keymap: &Keymap,
        collection: &Collection,
        active: Option<&str>,
    ) {
        let rows = var_rows(collection);
        let cursor = self.cursor.min(rows.len().saturating_sub(1));
        let lines: Vec<Line<'_>> = rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let line = match row {
                    VarRow::Heading(VarScope::Collection) => {
                        Line::styled("Variables (every environment)", theme.bold())
                    }
                    VarRow::Heading(VarScope::Environment(name)) => {
                        let is_active = active == Some(name.as_str());
                        Line::styled(
                            format!(
                                "Environment {}{}",
                                safe(name),
                                if is_active { "  (active)" } else { "" }
                            ),
                            theme.bold(),
                        )
                    }
                    VarRow::Heading(VarScope::Request(_)) => Line::raw(""),
                    VarRow::Var { name, value, .. } => {
                        let shown = if secrets::is_secret_param(name) {
                            secrets::mask_written(value)
                        } else {
                            value.clone()
                        };
                        pair_line(&format!("  {name}"), &shown, 24, Style::default())
                    }
                    VarRow::NewEnvironment => Line::styled("+ new environment", theme.dim()),
                };
                if i == cursor {
                    line.style(theme.selected())
                } else {
                    line
                }
            })
            .collect();
        let full = frame.area();
        let area = centered(full, 80, full.height.saturating_sub(4).max(8));
        frame.render_widget(Clear, area);
        let block = pane_block(
            Line::from(format!(" Variables · {} ", safe(&collection.name))),
            true,
            theme,
        );
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [list, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        let room = list.height.max(1);
        let offset = u16::try_from(cursor).unwrap_or(0).saturating_sub(room - 1);
        frame.render_widget(Paragraph::new(lines).scroll((offset, 0)), list);
        let k = |a: Action| keymap.hint(a);
        let keys = format!(
            "{} edit · {} add · {} delete · {} undo · {} save · esc close",
            k(Action::Edit),
            k(Action::Add),
            k(Action::Delete),
            k(Action::Undo),
            k(Action::Save)
        );
        frame.render_widget(Paragraph::new(Line::styled(keys, theme.dim())), hint);
    }
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
