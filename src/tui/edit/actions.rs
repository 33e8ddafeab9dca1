//! What the edit actions do: most open a dialog for the thing under the cursor (the slot in
//! the request pane, the row in the tree); a few apply at once (switch a row off, delete a
//! row, undo). The dialogs' answers are carried out in `submit`.

use super::dialog::{Choice, Confirm, Form, Input, Purpose, Question, Target};
use super::slots::{Slot, auth_value, option_text, rows_of, slots, table_of};
use super::text_editor::{TextEditor, TextKind, text_of};
use super::vars::VarsView;
use super::{files, submit};
use crate::collection::edit::{Edit, Field, Table, VarScope};
use crate::collection::{Auth, Body, Item, KeyLocation, Part, Request};
use crate::secrets;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Pane, Suspend};
use crate::tui::msg::Effect;
use crate::tui::tree::Row;

pub const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
pub const BODY_KINDS: [&str; 6] = ["none", "json", "text", "form", "multipart", "file"];
pub const AUTH_KINDS: [&str; 5] = ["inherit", "none", "bearer", "basic", "api_key"];

/// Carries out an edit action.
pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Save => return files::save_all(app),
        Action::Undo => files::undo(app),
        Action::Redo => files::redo(app),
        Action::OpenEditor => open_editor(app),
        Action::Variables => open_variables(app),
        Action::ChangeMethod => {
            if let Some((at, request)) = selected(app) {
                app.overlay = method_choice(at, &request);
            }
        }
        Action::Edit | Action::Add | Action::Delete | Action::ToggleRow if app.focus == Pane::Request => {
            return on_slot(app, action);
        }
        // The response and the checklist are not editable; acting on the tree from there
        // would surprise.
        Action::Edit | Action::Add | Action::Delete | Action::ToggleRow if app.focus != Pane::Tree => {
            let tab = app.keymap.hint(Action::NextPane);
            app.message = Some(format!(
                "edits happen in the tree and the request pane ({tab} moves there)"
            ));
        }
        Action::Edit | Action::Rename => rename(app),
        Action::Add => new_request(app),
        Action::NewFolder => new_folder(app),
        Action::Delete => delete_item(app),
        Action::Duplicate => duplicate(app),
        Action::Move => move_request(app),
        Action::ToggleRow => {
            app.message =
                Some("in the request pane, space switches a header or query row off and on".to_owned());
        }
        _ => {}
    }
    Vec::new()
}

/// The selected request and where it is.
fn selected(app: &App) -> Option<(Target, Request)> {
    let (collection, path) = app.selected()?;
    let request = app.collection(collection)?.find(path)?.clone();
    Some((
        Target {
            collection,
            path: path.clone(),
        },
        request,
    ))
}

/// The slot under the request pane's cursor.
pub fn current_slot(app: &App, request: &Request) -> Option<Slot> {
    let all = slots(request, app.request_tab, &app.editing.disabled);
    all.get(app.editing.cursor.min(all.len().saturating_sub(1)))
        .cloned()
}

fn on_slot(app: &mut App, action: Action) -> Vec<Effect> {
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
        Action::Delete => return delete_slot(app, &at, &request, slot),
        Action::ToggleRow => toggle_row(app, &at, slot),
        _ => {}
    }
    Vec::new()
}

fn form(app: &mut App, title: impl Into<String>, inputs: Vec<Input>, purpose: Purpose) {
    app.overlay = Overlay::Form(Box::new(Form::new(title, inputs, purpose)));
}

/// One-line fields cannot hold a value written over several lines (a PEM block, a folded
/// description) without flattening it; such values are edited in `$EDITOR`.
pub(super) fn fits_one_line(app: &mut App, values: &[&str]) -> bool {
    if values.iter().any(|v| v.contains('\n')) {
        let o = app.keymap.hint(Action::OpenEditor);
        app.message = Some(format!("this value spans several lines; {o} edits it in $EDITOR"));
        return false;
    }
    true
}

fn edit_slot(app: &mut App, at: Target, request: &Request, slot: Slot) {
    let current: Vec<String> = match &slot {
        Slot::Url => vec![request.url.clone()],
        Slot::Row { table, index } => rows_of(request, *table)
            .get(*index)
            .map(|(n, v)| vec![n.clone(), v.clone()])
            .unwrap_or_default(),
        Slot::Auth(part) => vec![auth_value(request.auth.as_ref(), *part).1],
        Slot::Var(name) => request.variables.get(name).cloned().into_iter().collect(),
        Slot::Part(index) => match &request.body {
            Some(Body::Multipart(parts)) => match parts.get(*index) {
                Some(Part::Value { value, .. }) => vec![value.clone()],
                _ => Vec::new(),
            },
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    if !fits_one_line(app, &current.iter().map(String::as_str).collect::<Vec<_>>()) {
        return;
    }
    let field = |field: Field| Purpose::Field {
        at: at.clone(),
        field,
    };
    app.overlay = match slot {
        Slot::Url => Overlay::Form(Box::new(Form::new(
            "URL",
            vec![Input::new("url", &request.url, false)],
            field(Field::Url),
        ))),
        Slot::Name => Overlay::Form(Box::new(Form::new(
            "Name",
            vec![Input::new("name", &request.name, false)],
            field(Field::Name),
        ))),
        Slot::Row { table, index } => {
            let rows = rows_of(request, table);
            let Some((name, value)) = rows.get(index) else {
                return;
            };
            let secret = table == Table::Headers && secrets::is_secret_header(name)
                || table == Table::Query && secrets::is_secret_param(name);
            Overlay::Form(Box::new(Form::new(
                table_title(table),
                vec![
                    Input::new("name", name, false),
                    Input::new("value", value, secret),
                ],
                Purpose::Row {
                    at,
                    table,
                    was: Some((index, (name.clone(), value.clone()))),
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
        Slot::BodyKind => Overlay::Choice(Choice::new(
            "Body",
            BODY_KINDS.map(str::to_owned).to_vec(),
            request.body.as_ref().map_or("none", Body::kind),
            Purpose::BodyKind { at },
        )),
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
            Overlay::Form(Box::new(
                Form::new(
                    "Body file",
                    vec![Input::new("path", path, false)],
                    Purpose::BodyFile { at },
                )
                .with_note("relative to the collection file"),
            ))
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
                vec![Input::new("name", name, false), Input::new(label, value, false)],
                Purpose::Part {
                    at,
                    was: parts.get(index).map(|p| (index, p.clone())),
                },
            )))
        }
        Slot::AuthKind => Overlay::Choice(Choice::new(
            "Auth",
            AUTH_KINDS.map(str::to_owned).to_vec(),
            request.auth.as_ref().map_or("inherit", Auth::kind),
            Purpose::AuthKind { at },
        )),
        Slot::Auth(part) => {
            let (label, value, secret) = auth_value(request.auth.as_ref(), part);
            Overlay::Form(Box::new(Form::new(
                "Auth",
                vec![Input::new(label, &value, secret)],
                Purpose::AuthField { at, part },
            )))
        }
        Slot::ApiKeyLocation => {
            let current = match &request.auth {
                Some(Auth::ApiKey {
                    location: KeyLocation::Query,
                    ..
                }) => "query",
                _ => "header",
            };
            Overlay::Choice(Choice::new(
                "API key goes in",
                vec!["header".to_owned(), "query".to_owned()],
                current,
                Purpose::ApiKeyLocation { at },
            ))
        }
        Slot::Method => method_choice(at, request),
        Slot::Description => Overlay::TextEditor(Box::new(TextEditor::new(
            at,
            TextKind::Description,
            &text_of(request, TextKind::Description).unwrap_or_default(),
        ))),
        Slot::Option(f @ (Field::FollowRedirects | Field::InsecureTls)) => {
            let current = match option_text(request, f).as_str() {
                "" => "inherit".to_owned(),
                other => other.to_owned(),
            };
            Overlay::Choice(Choice::new(
                f.key(),
                ["inherit", "true", "false"].map(str::to_owned).to_vec(),
                &current,
                Purpose::Flag { at, field: f },
            ))
        }
        Slot::Option(f) => Overlay::Form(Box::new(
            Form::new(
                f.key(),
                vec![Input::new(f.key(), &option_text(request, f), false)],
                field(f),
            )
            .with_note("empty: inherit from the collection's defaults"),
        )),
        Slot::Var(name) => {
            let value = request.variables.get(&name).cloned().unwrap_or_default();
            Overlay::Form(Box::new(Form::new(
                "Request variable",
                vec![
                    Input::new("name", &name, false),
                    Input::new("value", &value, secrets::is_secret_param(&name)),
                ],
                Purpose::Variable {
                    collection: at.collection,
                    scope: VarScope::Request(at.path),
                    old: Some(name),
                },
            )))
        }
    };
}

fn method_choice(at: Target, request: &Request) -> Overlay {
    let mut options: Vec<String> = METHODS.map(str::to_owned).to_vec();
    if !options.contains(&request.method) {
        options.push(request.method.clone());
    }
    Overlay::Choice(Choice::new(
        "Method",
        options,
        &request.method,
        Purpose::Method { at },
    ))
}

fn table_title(table: Table) -> &'static str {
    match table {
        Table::Query => "Query parameter",
        Table::Headers => "Header",
        Table::Form => "Form field",
    }
}

fn add_row(app: &mut App, at: Target, request: &Request) {
    if let Some(table) = table_of(request, app.request_tab) {
        let purpose = Purpose::Row { at, table, was: None };
        return form(
            app,
            format!("New {}", table_title(table).to_lowercase()),
            vec![Input::new("name", "", false), Input::new("value", "", false)],
            purpose,
        );
    }
    match (app.request_tab, &request.body) {
        (crate::tui::app::RequestTab::Body, Some(Body::Multipart(_))) => form(
            app,
            "New multipart part",
            vec![Input::new("name", "", false), Input::new("value", "", false)],
            Purpose::Part { at, was: None },
        ),
        (crate::tui::app::RequestTab::Options, _) => form(
            app,
            "New request variable",
            vec![Input::new("name", "", false), Input::new("value", "", false)],
            Purpose::Variable {
                collection: at.collection,
                scope: VarScope::Request(at.path),
                old: None,
            },
        ),
        _ => {
            app.message = Some(
                "rows are added on the Params and Headers tabs, to form and multipart bodies, and variables on Options"
                    .to_owned(),
            );
        }
    }
}

fn delete_slot(app: &mut App, at: &Target, request: &Request, slot: Slot) -> Vec<Effect> {
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
                return Vec::new();
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
        Slot::Description | Slot::Option(_) => Edit::SetField {
            request: request_path,
            field: match slot {
                Slot::Option(f) => f,
                _ => Field::Description,
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
            return Vec::new();
        }
    };
    submit::apply_edit(app, at.collection, &[edit]);
    Vec::new()
}

fn toggle_row(app: &mut App, at: &Target, slot: Slot) {
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
    submit::apply_edit(app, at.collection, &[edit]);
}

/// The folder path new things go into: the selected folder, or the selected request's.
fn folder_here(app: &App) -> Option<(usize, Vec<String>)> {
    match app.tree.selected_row()? {
        Row::Collection { index, .. } => Some((*index, Vec::new())),
        Row::Folder { collection, path, .. } => Some((*collection, path.clone())),
        Row::Request { collection, path, .. } => Some((*collection, path.0[..path.0.len() - 1].to_vec())),
        Row::Broken { .. } => None,
    }
}

fn new_request(app: &mut App) {
    let Some((collection, folder)) = folder_here(app) else {
        app.message = Some("select a collection, folder or request to add a request next to it".to_owned());
        return;
    };
    form(
        app,
        "New request",
        vec![Input::new("name", "", false)],
        Purpose::NewRequest { collection, folder },
    );
}

fn new_folder(app: &mut App) {
    let Some((collection, parent)) = folder_here(app) else {
        return;
    };
    form(
        app,
        "New folder",
        vec![Input::new("name", "", false)],
        Purpose::NewFolder { collection, parent },
    );
}

fn rename(app: &mut App) {
    match app.tree.selected_row().cloned() {
        Some(Row::Request { .. }) => {
            if let Some((at, request)) = selected(app) {
                form(
                    app,
                    "Rename request",
                    vec![Input::new("name", &request.name, false)],
                    Purpose::Field {
                        at,
                        field: Field::Name,
                    },
                );
            }
        }
        Some(Row::Folder { collection, path, .. }) => {
            let name = path.last().cloned().unwrap_or_default();
            form(
                app,
                "Rename folder",
                vec![Input::new("name", &name, false)],
                Purpose::RenameFolder {
                    collection,
                    folder: path,
                },
            );
        }
        Some(Row::Broken { .. }) => open_editor(app),
        _ => app.message = Some("requests and folders can be renamed".to_owned()),
    }
}

fn delete_item(app: &mut App) {
    let (collection, edit, text) = match app.tree.selected_row().cloned() {
        Some(Row::Request { collection, path, .. }) => {
            let text = format!("Delete the request `{path}`?");
            (collection, Edit::Delete { request: path }, text)
        }
        Some(Row::Folder { collection, path, .. }) => {
            let count = app
                .collection(collection)
                .map_or(0, |c| count_requests(&c.items, &path));
            let text = format!(
                "Delete the folder `{}` and the {count} request(s) in it?",
                path.join("/")
            );
            (collection, Edit::DeleteFolder { folder: path }, text)
        }
        _ => {
            app.message = Some("select a request or folder to delete".to_owned());
            return;
        }
    };
    app.overlay = Overlay::Confirm(Confirm {
        text,
        answers: vec![('y', "delete (undo brings it back)"), ('n', "keep it")],
        question: Question::Apply { collection, edit },
    });
}

fn count_requests(items: &[Item], folder: &[String]) -> usize {
    fn all(items: &[Item]) -> usize {
        items
            .iter()
            .map(|i| match i {
                Item::Request(_) => 1,
                Item::Folder(f) => all(&f.items),
            })
            .sum()
    }
    let mut items = items;
    for name in folder {
        match items.iter().find_map(|i| match i {
            Item::Folder(f) if &f.name == name => Some(&f.items),
            _ => None,
        }) {
            Some(inner) => items = inner,
            None => return 0,
        }
    }
    all(items)
}

fn duplicate(app: &mut App) {
    let Some((at, request)) = selected(app) else {
        app.message = Some("select a request to duplicate".to_owned());
        return;
    };
    let Some(collection) = app.collection(at.collection) else {
        return;
    };
    let folder = &at.path.0[..at.path.0.len() - 1];
    let taken = |name: &str| {
        let mut path = folder.to_vec();
        path.push(name.to_owned());
        collection.find(&crate::collection::RequestPath(path)).is_some()
    };
    let name = std::iter::once(format!("{} copy", request.name))
        .chain((2..10_000).map(|n| format!("{} copy {n}", request.name)))
        .find(|n| !taken(n))
        .unwrap_or_default();
    let mut new_path = folder.to_vec();
    new_path.push(name.clone());
    if submit::apply_edit(
        app,
        at.collection,
        &[Edit::Duplicate {
            request: at.path.clone(),
            name,
        }],
    ) {
        submit::select_request(app, at.collection, &crate::collection::RequestPath(new_path));
    }
}

fn move_request(app: &mut App) {
    let Some((at, _)) = selected(app) else {
        app.message = Some("select a request to move".to_owned());
        return;
    };
    let Some(collection) = app.collection(at.collection) else {
        return;
    };
    let here = &at.path.0[..at.path.0.len() - 1];
    let mut folders = vec![Vec::new()];
    collect_folders(&collection.items, &mut Vec::new(), &mut folders);
    folders.retain(|f| f != here);
    if folders.is_empty() {
        app.message = Some("there is no other folder to move it to; F adds one".to_owned());
        return;
    }
    let options = folders
        .iter()
        .map(|f| {
            if f.is_empty() {
                "(top level)".to_owned()
            } else {
                f.join("/")
            }
        })
        .collect();
    app.overlay = Overlay::Choice(Choice::new(
        format!("Move `{}` to", at.path),
        options,
        "",
        Purpose::MoveTo { at, folders },
    ));
}

fn collect_folders(items: &[Item], prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    for item in items {
        if let Item::Folder(f) = item {
            prefix.push(f.name.clone());
            out.push(prefix.clone());
            collect_folders(&f.items, prefix, out);
            prefix.pop();
        }
    }
}

fn open_variables(app: &mut App) {
    let collection = match app.tree.selected_row() {
        Some(Row::Collection { index, .. }) => *index,
        Some(Row::Folder { collection, .. } | Row::Request { collection, .. }) => *collection,
        _ => {
            app.message = Some("select a collection to edit its variables".to_owned());
            return;
        }
    };
    app.overlay = Overlay::Variables(VarsView {
        collection,
        cursor: 0,
    });
}

/// Suspends the TUI to edit the file in `$VISUAL`/`$EDITOR` at the selected request, or at
/// the error of a file that failed to load.
fn open_editor(app: &mut App) {
    let (path, line) = match app.tree.selected_row() {
        Some(Row::Broken { error }) => (error.path.clone(), error.line.unwrap_or(1)),
        Some(Row::Request { collection, path, .. }) => {
            let Some(source) = app.collection(*collection).map(|c| c.source.clone()) else {
                return;
            };
            let line = app
                .editing
                .docs
                .get(&source)
                .and_then(|d| d.line_of(path))
                .unwrap_or(1);
            (source, line)
        }
        Some(
            Row::Collection {
                index: collection, ..
            }
            | Row::Folder { collection, .. },
        ) => {
            let Some(source) = app.collection(*collection).map(|c| c.source.clone()) else {
                return;
            };
            (source, 1)
        }
        None => return,
    };
    if app.editing.is_dirty(&path) {
        let save = app.keymap.hint(Action::Save);
        app.message = Some(format!(
            "{} has unsaved edits here; save them first ({save}) so the editor sees them",
            path.display()
        ));
        return;
    }
    if !path.is_file() {
        app.message = Some(format!("{} is not a file on disk", path.display()));
        return;
    }
    app.suspend = Some(Suspend::Editor { path, line });
}
