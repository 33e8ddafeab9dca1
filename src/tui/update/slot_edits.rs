//! Edits in the request pane, on the slot under the cursor: `e` opens the dialog for it,
//! `a` adds a row to the tab's table, `d` deletes, space switches a row off or on.

use super::answers::apply_or_say;
use super::selection::{current_slot, fits_one_line, selected};
use crate::collection::edit::{Edit, ScalarField, Table, VarScope};
use crate::collection::{Auth, Body, KeyLocation, Part, Request};
use crate::secrets;
use crate::session::RequestId;
use crate::tui::action::Action;
use crate::tui::dialogs::{
    Answer, Choice, ChoicePurpose, Form, FormPurpose, Overlay, TextEditor, TextInput, TextKind, text_of,
};
use crate::tui::message::Effect;
use crate::tui::state::{App, RequestTab, Slot, auth_value, option_text, table_of};

pub(super) fn on_slot(app: &mut App, action: Action) -> Vec<Effect> {
    let Some((at, request)) = selected(app) else {
        return Vec::new();
    };
    if app.show_resolved {
        let v = app.keymap.hint(Action::ToggleResolved);
        app.message = Some(format!(
            "this is the request resolved; {v} shows it as written, to edit"
        ));
        return Vec::new();
    }
    let Some(slot) = current_slot(app, &request) else {
        return Vec::new();
    };
    match action {
        Action::Edit => edit_slot(app, at, &request, slot),
        Action::Add => add_row(app, at, &request),
        Action::Delete => delete_slot(app, &at, &request, slot),
        Action::ToggleRow => toggle_row(app, &at, slot),
        _ => {}
    }
    Vec::new()
}

fn edit_slot(app: &mut App, at: RequestId, request: &Request, slot: Slot) {
    let current: Vec<String> = match &slot {
        Slot::Url => vec![request.url.to_string()],
        Slot::Row { table, index } => table
            .rows(request)
            .get(*index)
            .map(|(n, v)| vec![n.clone(), v.to_string()])
            .unwrap_or_default(),
        Slot::Auth(part) => vec![auth_value(request.auth.as_ref(), *part)],
        Slot::Var(name) => request
            .variables
            .get(name)
            .map(ToString::to_string)
            .into_iter()
            .collect(),
        Slot::Part(index) => match &request.body {
            Some(Body::Multipart(parts)) => match parts.get(*index) {
                Some(Part::Value { value, .. }) => vec![value.to_string()],
                _ => Vec::new(),
            },
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    if !fits_one_line(app, &current.iter().map(String::as_str).collect::<Vec<_>>()) {
        return;
    }
    let field = |field: ScalarField| FormPurpose::ScalarField {
        at: at.clone(),
        field,
    };
    app.overlay = match slot {
        Slot::Url => Overlay::Form(Box::new(Form::new(
            "URL",
            vec![TextInput::new("url", request.url.as_str(), false)],
            field(ScalarField::Url),
        ))),
        Slot::Name => Overlay::Form(Box::new(Form::new(
            "Name",
            vec![TextInput::new("name", &request.name, false)],
            field(ScalarField::Name),
        ))),
        Slot::Row { table, index } => {
            let rows = table.rows(request);
            let Some((name, value)) = rows.get(index) else {
                return;
            };
            Overlay::Form(Box::new(Form::new(
                table_title(table),
                vec![
                    TextInput::new("name", name, false),
                    TextInput::new("value", value.as_str(), table.is_secret(name)),
                ],
                FormPurpose::Row {
                    at,
                    table,
                    was: Some((index, (name.clone(), value.to_string()))),
                },
            )))
        }
        Slot::Off { .. } => {
            let (space, d) = (
                app.keymap.hint(Action::ToggleRow),
                app.keymap.hint(Action::Delete),
            );
            app.message = Some(format!(
                "this row is switched off: {space} switches it on, {d} deletes it"
            ));
            return;
        }
        Slot::BodyKind => Overlay::Choice(Choice::body_kind(at, request)),
        Slot::BodyText => {
            let kind = match &request.body {
                Some(Body::Json { .. }) => TextKind::Json,
                Some(Body::Text { .. }) => TextKind::Text,
                _ => return,
            };
            let Some(text) = text_of(request, kind) else {
                return;
            };
            Overlay::TextEditor(Box::new(TextEditor::new(at, kind, &text)))
        }
        Slot::BodyFile => {
            let path = match &request.body {
                Some(Body::File { path, .. }) => path.as_str(),
                _ => "",
            };
            Overlay::Form(Box::new(Form::body_file(at, path)))
        }
        Slot::Part(index) => {
            let Some(Body::Multipart(parts)) = &request.body else {
                return;
            };
            let (name, label, value) = match parts.get(index) {
                Some(Part::Value { name, value }) => (name, "value", value),
                Some(Part::File { name, path, .. }) => (name, "file", path),
                None => return,
            };
            Overlay::Form(Box::new(Form::new(
                "Multipart part",
                vec![
                    TextInput::new("name", name, false),
                    TextInput::new(label, value.as_str(), false),
                ],
                FormPurpose::Part {
                    at,
                    was: parts.get(index).map(|p| (index, p.clone())),
                },
            )))
        }
        Slot::AuthKind => Overlay::Choice(Choice::auth_kind(at, request)),
        Slot::Auth(part) => {
            let value = auth_value(request.auth.as_ref(), part);
            Overlay::Form(Box::new(Form::new(
                "Auth",
                vec![TextInput::new(part.label(), &value, part.is_secret())],
                FormPurpose::AuthField { at, part },
            )))
        }
        Slot::ApiKeyLocation => {
            let current = match &request.auth {
                Some(Auth::ApiKey { location, .. }) => *location,
                _ => KeyLocation::Header,
            };
            Overlay::Choice(Choice::new(
                "API key goes in",
                [KeyLocation::Header, KeyLocation::Query]
                    .map(|l| l.as_str().to_owned())
                    .to_vec(),
                current.as_str(),
                ChoicePurpose::ApiKeyLocation { at },
            ))
        }
        Slot::Method => Overlay::Choice(Choice::method(at, request)),
        Slot::Description => Overlay::TextEditor(Box::new(TextEditor::new(
            at,
            TextKind::Description,
            &text_of(request, TextKind::Description).unwrap_or_default(),
        ))),
        Slot::Expect => {
            let Some(source) = app.collection(at.collection).map(|c| c.source.clone()) else {
                return;
            };
            let text = text_of(request, TextKind::Expect).unwrap_or_default();
            Overlay::TextEditor(Box::new(TextEditor::expectations(at, &source, &text)))
        }
        Slot::Option(f @ (ScalarField::FollowRedirects | ScalarField::InsecureTls)) => {
            let current = match option_text(&request.options, f).as_str() {
                "" => "inherit".to_owned(),
                other => other.to_owned(),
            };
            Overlay::Choice(Choice::new(
                f.key(),
                ["inherit", "true", "false"].map(str::to_owned).to_vec(),
                &current,
                ChoicePurpose::Flag { at, field: f },
            ))
        }
        Slot::Option(f) => Overlay::Form(Box::new(
            Form::new(
                f.key(),
                vec![TextInput::new(f.key(), &option_text(&request.options, f), false)],
                field(f),
            )
            .with_note("empty: inherit from the collection's defaults"),
        )),
        Slot::Var(name) => {
            let value = request.variables.get(&name).cloned().unwrap_or_default();
            Overlay::Form(Box::new(Form::new(
                "Request variable",
                vec![
                    TextInput::new("name", &name, false),
                    TextInput::new("value", value.as_str(), secrets::is_secret_param(&name)),
                ],
                FormPurpose::Variable {
                    collection: at.collection,
                    scope: VarScope::Request(at.path),
                    old: Some(name),
                },
            )))
        }
    };
}

fn table_title(table: Table) -> &'static str {
    match table {
        Table::Query => "Query parameter",
        Table::Headers => "Header",
        Table::Form => "Form field",
    }
}

fn add_row(app: &mut App, at: RequestId, request: &Request) {
    let form = |title: &str, purpose: FormPurpose| {
        Overlay::Form(Box::new(Form::new(
            title,
            vec![
                TextInput::new("name", "", false),
                TextInput::new("value", "", false),
            ],
            purpose,
        )))
    };
    if let Some(table) = table_of(request, app.request_tab) {
        let title = format!("New {}", table_title(table).to_lowercase());
        app.overlay = form(&title, FormPurpose::Row { at, table, was: None });
        return;
    }
    match (app.request_tab, &request.body) {
        (RequestTab::Body, Some(Body::Multipart(_))) => {
            app.overlay = form("New multipart part", FormPurpose::Part { at, was: None });
        }
        (RequestTab::Options, _) => {
            app.overlay = form(
                "New request variable",
                FormPurpose::Variable {
                    collection: at.collection,
                    scope: VarScope::Request(at.path),
                    old: None,
                },
            );
        }
        _ => {
            app.message = Some(
                "rows are added on the Params and Headers tabs, to form and multipart bodies, and variables on Options"
                    .to_owned(),
            );
        }
    }
}

fn delete_slot(app: &mut App, at: &RequestId, request: &Request, slot: Slot) {
    let request_path = at.path.clone();
    let edit = match slot {
        Slot::Row { table, index } => Edit::RemoveRow {
            request: request_path,
            table,
            index,
        },
        Slot::Off { table, row } => Edit::DropDisabledRow {
            request: request_path,
            table,
            line_start: row.line_start,
        },
        Slot::Part(index) => {
            let Some(Body::Multipart(mut parts)) = request.body.clone() else {
                return;
            };
            parts.remove(index);
            Edit::SetBody {
                request: request_path,
                body: Some(Body::Multipart(parts)),
            }
        }
        Slot::BodyKind | Slot::BodyText | Slot::BodyFile => Edit::SetBody {
            request: request_path,
            body: None,
        },
        Slot::AuthKind | Slot::Auth(_) | Slot::ApiKeyLocation => Edit::SetAuth {
            request: request_path,
            auth: None,
        },
        Slot::Expect => Edit::SetExpect {
            request: request_path,
            expect: None,
        },
        Slot::Description | Slot::Option(_) => Edit::SetField {
            request: request_path,
            field: match slot {
                Slot::Option(f) => f,
                _ => ScalarField::Description,
            },
            value: None,
        },
        Slot::Var(name) => Edit::SetVariable {
            scope: VarScope::Request(request_path),
            name,
            value: None,
        },
        Slot::Url | Slot::Name | Slot::Method => {
            let e = app.keymap.hint(Action::Edit);
            app.message = Some(format!(
                "a request always has a name, a method and a URL; {e} edits them"
            ));
            return;
        }
    };
    apply_or_say(app, Answer::edits(at.collection, vec![edit]));
}

fn toggle_row(app: &mut App, at: &RequestId, slot: Slot) {
    let edit = match slot {
        Slot::Row { table, index } => Edit::DisableRow {
            request: at.path.clone(),
            table,
            index,
        },
        Slot::Off { table, row } => Edit::EnableRow {
            request: at.path.clone(),
            table,
            line_start: row.line_start,
            position: row.position,
            name: row.name,
            value: row.value,
        },
        _ => {
            app.message = Some("only header, query and form rows can be switched off".to_owned());
            return;
        }
    };
    apply_or_say(app, Answer::edits(at.collection, vec![edit]));
}
