//! Turning a dialog's answer into edits. A refused edit puts the form back with the reason,
//! so nothing typed is lost.

use crate::collection::edit::{Edit, Field, VarScope};
use crate::collection::{Auth, Body, Part, RequestPath};
use crate::tui::edit::dialog::{AuthPart, Form, Purpose, Target};
use crate::tui::edit::files;
use crate::tui::message::Effect;
use crate::tui::state::{App, Overlay, Pane, RequestTab};

/// Applies edits; a refusal is shown in the status bar. True when applied.
pub fn apply_edit(app: &mut App, collection: usize, edits: &[Edit]) -> bool {
    match files::apply(app, collection, edits) {
        Ok(()) => true,
        Err(message) => {
            app.message = Some(message);
            false
        }
    }
}

/// Selects a request in the tree, opening the folders above it.
pub fn select_request(app: &mut App, collection: usize, path: &RequestPath) {
    let workspace = std::sync::Arc::clone(&app.workspace);
    app.tree.reveal(&workspace, collection, path);
    app.editing.cursor = 0;
}

/// The request as it is now.
pub(super) fn request(app: &App, at: &Target) -> Option<crate::collection::Request> {
    app.collection(at.collection)?.find(&at.path).cloned()
}

/// A form was submitted.
pub fn submit(app: &mut App, mut form: Form) -> Vec<Effect> {
    let values = form.values();
    let first = values.first().cloned().unwrap_or_default();
    let second = values.get(1).cloned().unwrap_or_default();
    let outcome = match &form.purpose {
        Purpose::Field { at, field } => set_field(app, at, *field, &first),
        Purpose::Row { at, table, was } => set_row(app, at, *table, was.as_ref(), first.trim(), second),
        Purpose::Part { at, was } => set_part(app, at, was.as_ref(), first.trim(), &second),
        Purpose::BodyFile { at } => {
            let content_type = request(app, at)
                .and_then(|r| r.body)
                .and_then(|b| b.explicit_content_type().map(str::to_owned));
            crate::tui::edit::template(first.trim())
                .and_then(|path| set_body(app, at, Some(Body::File { path, content_type })))
        }
        Purpose::AuthField { at, part } => set_auth_part(app, at, *part, &first),
        Purpose::NewRequest { collection, folder } => {
            let name = first.trim().to_owned();
            let (collection, folder) = (*collection, folder.clone());
            files::apply(
                app,
                collection,
                &[Edit::AddRequest {
                    folder: folder.clone(),
                    name: name.clone(),
                }],
            )
            .map(|()| {
                let mut path = folder;
                path.push(name);
                let path = RequestPath(path);
                select_request(app, collection, &path);
                // A new request wants its URL next.
                app.focus = Pane::Request;
                app.request_tab = RequestTab::Params;
                app.overlay = Overlay::Form(Box::new(Form::new(
                    "URL",
                    vec![crate::tui::edit::dialog::Input::new("url", "", false)],
                    Purpose::Field {
                        at: Target { collection, path },
                        field: Field::Url,
                    },
                )));
            })
        }
        Purpose::NewFolder { collection, parent } => files::apply(
            app,
            *collection,
            &[Edit::AddFolder {
                parent: parent.clone(),
                name: first.trim().to_owned(),
            }],
        ),
        Purpose::RenameFolder { collection, folder } => {
            let (collection, folder) = (*collection, folder.clone());
            let name = first.trim().to_owned();
            files::apply(
                app,
                collection,
                &[Edit::RenameFolder {
                    folder: folder.clone(),
                    name: name.clone(),
                }],
            )
            .map(|()| {
                let mut renamed = folder[..folder.len() - 1].to_vec();
                renamed.push(name);
                files::rekey(app, collection, &folder, &renamed);
            })
        }
        Purpose::Variable {
            collection,
            scope,
            old,
        } => set_variable(app, *collection, scope, old.as_deref(), first.trim(), &second),
        Purpose::NewEnvironment { collection } => files::apply(
            app,
            *collection,
            &[Edit::AddEnvironment {
                name: first.trim().to_owned(),
            }],
        ),
        Purpose::BodyKind { .. }
        | Purpose::AuthKind { .. }
        | Purpose::ApiKeyLocation { .. }
        | Purpose::Method { .. }
        | Purpose::Flag { .. }
        | Purpose::MoveTo { .. }
        | Purpose::Environment => Ok(()),
    };
    match outcome {
        Ok(()) => {
            if matches!(app.overlay, Overlay::Form(_)) {
                return Vec::new(); // the submit opened the next form
            }
            close(app);
        }
        Err(reason) => {
            form.note = Some(reason);
            app.overlay = Overlay::Form(Box::new(form));
        }
    }
    Vec::new()
}

/// Closes a dialog, back to the variables dialog if it was opened from there.
pub fn close(app: &mut App) {
    app.overlay = match app.editing.return_to.take() {
        Some(view) => Overlay::Variables(view),
        None => Overlay::None,
    };
}

fn set_field(app: &mut App, at: &Target, field: Field, value: &str) -> Result<(), String> {
    let value = value.trim();
    let required = matches!(field, Field::Name | Field::Url | Field::Method);
    if required && field != Field::Url && value.is_empty() {
        return Err(format!("the {} cannot be empty", field.key()));
    }
    let edit = Edit::SetField {
        request: at.path.clone(),
        field,
        value: (required || !value.is_empty()).then(|| value.to_owned()),
    };
    files::apply(app, at.collection, &[edit])?;
    if field == Field::Name {
        let mut renamed = at.path.0[..at.path.0.len() - 1].to_vec();
        renamed.push(value.to_owned());
        files::rekey(app, at.collection, &at.path.0, &renamed);
        let renamed = RequestPath(renamed);
        select_request(app, at.collection, &renamed);
        warn_of_old_references(app, at, &renamed);
    }
    Ok(())
}

/// Templates that take a value from the renamed request's response still name it the old
/// way; they would fail on the next send, so say so now.
fn warn_of_old_references(app: &mut App, at: &Target, renamed: &RequestPath) {
    let Some(source) = app.collection(at.collection).map(|c| c.source.clone()) else {
        return;
    };
    let old = format!("response.{}.", at.path);
    let uses = app
        .editing
        .docs
        .get(&source)
        .map_or(0, |doc| doc.text.matches(&old).count());
    if uses > 0 {
        app.message = Some(format!(
            "renamed; {uses} template(s) still take `{old}…` — change them to `response.{renamed}.…`"
        ));
    }
}

pub(super) fn set_body(app: &mut App, at: &Target, body: Option<Body>) -> Result<(), String> {
    files::apply(
        app,
        at.collection,
        &[Edit::SetBody {
            request: at.path.clone(),
            body,
        }],
    )
}

/// Why an edit opened on a row cannot land: the file was reloaded and the row is gone.
const ROW_GONE: &str = "that row changed on disk while you were editing it; esc, then edit it again";

/// Where `was` is now: at its old index if it is still there, else wherever it moved.
fn relocate<T: PartialEq>(items: &[T], (index, was): (usize, &T)) -> Option<usize> {
    if items.get(index) == Some(was) {
        return Some(index);
    }
    items.iter().position(|item| item == was)
}

fn set_row(
    app: &mut App,
    at: &Target,
    table: crate::collection::edit::Table,
    was: Option<&(usize, (String, String))>,
    name: &str,
    value: String,
) -> Result<(), String> {
    if name.is_empty() {
        return Err("a row needs a name".to_owned());
    }
    let edit = match was {
        Some((index, row)) => {
            let current = request(app, at)
                .map(|r| {
                    crate::tui::state::rows_of(&r, table)
                        .iter()
                        .map(|(name, value)| (name.clone(), value.to_string()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            Edit::SetRow {
                request: at.path.clone(),
                table,
                index: relocate(&current, (*index, row)).ok_or_else(|| ROW_GONE.to_owned())?,
                name: name.to_owned(),
                value,
            }
        }
        None => Edit::AddRow {
            request: at.path.clone(),
            table,
            name: name.to_owned(),
            value,
        },
    };
    let added = was.is_none();
    files::apply(app, at.collection, &[edit])?;
    if added {
        cursor_to_last_row(app, at, table);
    }
    Ok(())
}

/// Puts the request pane's cursor on the row just added (the last live row of `table`), so
/// the next key acts on it.
fn cursor_to_last_row(app: &mut App, at: &Target, table: crate::collection::edit::Table) {
    if app
        .selected()
        .is_none_or(|(c, p)| c != at.collection || *p != at.path)
    {
        return;
    }
    files::refresh_disabled(app); // the slots place switched-off rows from the new text
    let Some(request) = request(app, at) else {
        return;
    };
    let Some(index) = crate::tui::state::rows_of(&request, table).len().checked_sub(1) else {
        return;
    };
    if let Some(slot) = crate::tui::state::selected_slots(app, &request)
        .iter()
        .position(|s| *s == crate::tui::state::Slot::Row { table, index })
    {
        app.editing.cursor = slot;
    }
}

fn set_part(
    app: &mut App,
    at: &Target,
    was: Option<&(usize, Part)>,
    name: &str,
    value: &str,
) -> Result<(), String> {
    if name.is_empty() {
        return Err("a part needs a name".to_owned());
    }
    let Some(Body::Multipart(mut parts)) = request(app, at).and_then(|r| r.body) else {
        return Err("the body is no longer multipart".to_owned());
    };
    let index = match was {
        Some((index, part)) => Some(relocate(&parts, (*index, part)).ok_or_else(|| ROW_GONE.to_owned())?),
        None => None,
    };
    let part = match index.and_then(|i| parts.get(i)) {
        Some(Part::File { content_type, .. }) => Part::File {
            name: name.to_owned(),
            path: crate::tui::edit::template(value)?,
            content_type: content_type.clone(),
        },
        _ => Part::Value {
            name: name.to_owned(),
            value: crate::tui::edit::template(value)?,
        },
    };
    match index {
        Some(i) if i < parts.len() => parts[i] = part,
        _ => parts.push(part),
    }
    set_body(app, at, Some(Body::Multipart(parts)))
}

fn set_auth_part(app: &mut App, at: &Target, part: AuthPart, text: &str) -> Result<(), String> {
    let value = || crate::tui::edit::template(text);
    let auth = match (request(app, at).and_then(|r| r.auth), part) {
        (Some(Auth::Bearer(_)), AuthPart::Token) => Auth::Bearer(value()?),
        (Some(Auth::Basic { password, .. }), AuthPart::Username) => Auth::Basic {
            username: value()?,
            password,
        },
        (Some(Auth::Basic { username, .. }), AuthPart::Password) => Auth::Basic {
            username,
            password: value()?,
        },
        (
            Some(Auth::ApiKey {
                location, value: v, ..
            }),
            AuthPart::KeyName,
        ) => Auth::ApiKey {
            location,
            name: text.to_owned(),
            value: v,
        },
        (Some(Auth::ApiKey { location, name, .. }), AuthPart::KeyValue) => Auth::ApiKey {
            location,
            name,
            value: value()?,
        },
        _ => return Err("the auth kind changed; choose the field again".to_owned()),
    };
    set_auth(app, at, Some(auth))
}

pub(super) fn set_auth(app: &mut App, at: &Target, auth: Option<Auth>) -> Result<(), String> {
    files::apply(
        app,
        at.collection,
        &[Edit::SetAuth {
            request: at.path.clone(),
            auth,
        }],
    )
}

fn set_variable(
    app: &mut App,
    collection: usize,
    scope: &VarScope,
    old: Option<&str>,
    name: &str,
    value: &str,
) -> Result<(), String> {
    if name.is_empty() {
        return Err("a variable needs a name".to_owned());
    }
    let taken = app.collection(collection).is_some_and(|c| match scope {
        VarScope::Collection => c.variables.contains_key(name),
        VarScope::Environment(env) => c.environments.get(env).is_some_and(|v| v.contains_key(name)),
        VarScope::Request(path) => c.find(path).is_some_and(|r| r.variables.contains_key(name)),
    });
    if taken && old != Some(name) {
        return Err(format!(
            "there is already a variable `{name}` here; edit that one instead"
        ));
    }
    let mut edits = Vec::new();
    if let Some(old) = old.filter(|o| *o != name) {
        edits.push(Edit::RenameVariable {
            scope: scope.clone(),
            from: old.to_owned(),
            to: name.to_owned(),
        });
    }
    edits.push(Edit::SetVariable {
        scope: scope.clone(),
        name: name.to_owned(),
        value: Some(value.to_owned()),
    });
    files::apply(app, collection, &edits)
}
