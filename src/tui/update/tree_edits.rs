//! Edits to a collection's shape, from the tree: new requests and folders, rename,
//! duplicate, move to another folder, delete (after asking).

use super::answers::apply_or_say;
use super::files::open_editor;
use super::selection::selected;
use crate::collection::edit::{Edit, ScalarField};
use crate::collection::{Item, RequestPath};
use crate::session::RequestId;
use crate::tui::action::Action;
use crate::tui::dialogs::{
    Answer, Choice, ChoicePurpose, Confirm, Form, FormPurpose, Overlay, TextInput, Then,
};
use crate::tui::state::{App, Row};

/// A form of one `name` field.
fn name_form(app: &mut App, title: &str, name: &str, purpose: FormPurpose) {
    app.overlay = Overlay::Form(Box::new(Form::new(
        title,
        vec![TextInput::new("name", name, false)],
        purpose,
    )));
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

pub fn new_request(app: &mut App) {
    let Some((collection, folder)) = folder_here(app) else {
        app.message = Some("select a collection, folder or request to add a request next to it".to_owned());
        return;
    };
    name_form(
        app,
        "New request",
        "",
        FormPurpose::NewRequest { collection, folder },
    );
}

pub fn new_folder(app: &mut App) {
    let Some((collection, parent)) = folder_here(app) else {
        return;
    };
    name_form(
        app,
        "New folder",
        "",
        FormPurpose::NewFolder { collection, parent },
    );
}

pub fn rename(app: &mut App) {
    match app.tree.selected_row().cloned() {
        Some(Row::Request { .. }) => {
            if let Some((at, request)) = selected(app) {
                name_form(
                    app,
                    "Rename request",
                    &request.name,
                    FormPurpose::ScalarField {
                        at,
                        field: ScalarField::Name,
                    },
                );
            }
        }
        Some(Row::Folder { collection, path, .. }) => {
            let name = path.last().cloned().unwrap_or_default();
            name_form(
                app,
                "Rename folder",
                &name,
                FormPurpose::RenameFolder {
                    collection,
                    folder: path,
                },
            );
        }
        Some(Row::Broken { .. }) => open_editor(app),
        _ => app.message = Some("requests and folders can be renamed".to_owned()),
    }
}

pub fn delete_item(app: &mut App) {
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
                "Delete the folder `{}` and the {} in it?",
                path.join("/"),
                crate::format::count(count, "request", "requests")
            );
            (collection, Edit::DeleteFolder { folder: path }, text)
        }
        _ => {
            app.message = Some("select a request or folder to delete".to_owned());
            return;
        }
    };
    app.overlay = Overlay::Confirm(Confirm::delete(text, collection, edit));
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

pub fn duplicate(app: &mut App) {
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
        collection.find(&RequestPath(path)).is_some()
    };
    let name = std::iter::once(format!("{} copy", request.name))
        .chain((2..10_000).map(|n| format!("{} copy {n}", request.name)))
        .find(|n| !taken(n))
        .unwrap_or_default();
    let mut new_path = folder.to_vec();
    new_path.push(name.clone());
    let answer = Answer::edits(
        at.collection,
        vec![Edit::Duplicate {
            request: at.path.clone(),
            name,
        }],
    )
    .then(Then::Duplicated {
        at: RequestId::new(at.collection, RequestPath(new_path)),
    });
    apply_or_say(app, answer);
}

pub fn move_request(app: &mut App) {
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
        let f = app.keymap.hint(Action::NewFolder);
        app.message = Some(format!("there is no other folder to move it to; {f} adds one"));
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
        ChoicePurpose::MoveTo { at, folders },
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
