//! What an edit should do to the model. The text splice is checked against this: the file
//! after the splice must load to exactly this collection, or the edit is refused.

use super::{Edit, EditError, Missing, ScalarField, Table, VarScope};
use crate::collection::{Collection, Expect, Folder, Item, Pairs, Request, RequestPath, Variables};
use crate::template::Template;

/// The items holding `folder` (the collection's top level for an empty path).
pub fn items_mut<'a>(items: &'a mut Vec<Item>, folder: &[String]) -> Option<&'a mut Vec<Item>> {
    let Some((first, rest)) = folder.split_first() else {
        return Some(items);
    };
    let found = items.iter_mut().find_map(|item| match item {
        Item::Folder(f) if &f.name == first => Some(&mut f.items),
        _ => None,
    })?;
    items_mut(found, rest)
}

pub fn request_mut<'a>(collection: &'a mut Collection, path: &RequestPath) -> Option<&'a mut Request> {
    let (name, folders) = path.0.split_last()?;
    items_mut(&mut collection.items, folders)?
        .iter_mut()
        .find_map(|item| match item {
            Item::Request(r) if &r.name == name => Some(&mut **r),
            _ => None,
        })
}

/// A value typed in, as the template it must be to join the model.
fn template(text: &str) -> Result<Template, EditError> {
    Template::parse(text).map_err(EditError::BadTemplate)
}

fn missing(path: &RequestPath) -> EditError {
    Missing::Request(path.clone()).into()
}

/// Applies `edit` to a copy of the model.
pub fn after_edit(collection: &Collection, edit: &Edit) -> Result<Collection, EditError> {
    let mut c = collection.clone();
    match edit {
        Edit::SetField {
            request,
            field,
            value,
        } => {
            let r = request_mut(&mut c, request).ok_or_else(|| missing(request))?;
            set_field(r, *field, value.as_deref())?;
        }
        Edit::SetRow {
            request,
            table,
            index,
            name,
            value,
        } => {
            let rows = table_mut(&mut c, request, *table)?;
            let row = rows
                .get_mut(*index)
                .ok_or_else(|| EditError::from(Missing::Row(*index)))?;
            *row = (name.clone(), template(value)?);
        }
        // A disabled row is a comment, so to the model it is simply gone.
        Edit::RemoveRow {
            request,
            table,
            index,
        }
        | Edit::DisableRow {
            request,
            table,
            index,
        } => {
            let rows = table_mut(&mut c, request, *table)?;
            if *index >= rows.len() {
                return Err(EditError::from(Missing::Row(*index)));
            }
            rows.remove(*index);
        }
        Edit::AddRow {
            request,
            table,
            name,
            value,
        } => {
            let value = template(value)?;
            table_mut(&mut c, request, *table)?.push((name.clone(), value));
        }
        Edit::EnableRow {
            request,
            table,
            position,
            name,
            value,
            ..
        } => {
            let value = template(value)?;
            let rows = table_mut(&mut c, request, *table)?;
            rows.insert((*position).min(rows.len()), (name.clone(), value));
        }
        // A comment line going away changes nothing that is sent.
        Edit::DropDisabledRow { .. } => {}
        Edit::SetBody { request, body } => {
            request_mut(&mut c, request)
                .ok_or_else(|| missing(request))?
                .body
                .clone_from(body);
        }
        Edit::SetAuth { request, auth } => {
            request_mut(&mut c, request)
                .ok_or_else(|| missing(request))?
                .auth
                .clone_from(auth);
        }
        Edit::SetExpect { request, expect } => {
            request_mut(&mut c, request)
                .ok_or_else(|| missing(request))?
                .expect = expect.as_deref().filter(|e| **e != Expect::default()).cloned();
        }
        Edit::AddRequest { folder, name } => {
            let items =
                items_mut(&mut c.items, folder).ok_or_else(|| EditError::from(Missing::FolderInModel))?;
            items.push(Item::Request(Box::new(Request::new(
                name.clone(),
                Template::default(),
            ))));
        }
        Edit::AddImported { folder, requests } => {
            let items =
                items_mut(&mut c.items, folder).ok_or_else(|| EditError::from(Missing::FolderInModel))?;
            items.extend(
                requests
                    .iter()
                    .map(|r| Item::Request(Box::new(r.request.clone()))),
            );
        }
        Edit::AddFolder { parent, name } => {
            let items =
                items_mut(&mut c.items, parent).ok_or_else(|| EditError::from(Missing::FolderInModel))?;
            items.push(Item::Folder(Folder {
                name: name.clone(),
                description: None,
                tags: Vec::new(),
                items: Vec::new(),
            }));
        }
        Edit::Duplicate { request, name } => {
            let (old, folders) = request.0.split_last().ok_or_else(|| missing(request))?;
            let items = items_mut(&mut c.items, folders).ok_or_else(|| missing(request))?;
            let at = position(items, old).ok_or_else(|| missing(request))?;
            let Item::Request(original) = &items[at] else {
                return Err(missing(request));
            };
            let mut copy = original.clone();
            copy.name.clone_from(name);
            items.insert(at + 1, Item::Request(copy));
        }
        Edit::Delete { request } => {
            let (name, folders) = request.0.split_last().ok_or_else(|| missing(request))?;
            let items = items_mut(&mut c.items, folders).ok_or_else(|| missing(request))?;
            let at = position(items, name).ok_or_else(|| missing(request))?;
            items.remove(at);
        }
        Edit::DeleteFolder { folder } => {
            let (name, parents) = folder
                .split_last()
                .ok_or_else(|| EditError::from(Missing::NoFolder))?;
            let items =
                items_mut(&mut c.items, parents).ok_or_else(|| EditError::from(Missing::FolderInModel))?;
            let at = items
                .iter()
                .position(|i| matches!(i, Item::Folder(f) if &f.name == name))
                .ok_or_else(|| EditError::from(Missing::FolderInModel))?;
            items.remove(at);
        }
        Edit::RenameFolder { folder, name } => {
            let (old, parents) = folder
                .split_last()
                .ok_or_else(|| EditError::from(Missing::NoFolder))?;
            let items =
                items_mut(&mut c.items, parents).ok_or_else(|| EditError::from(Missing::FolderInModel))?;
            let f = items
                .iter_mut()
                .find_map(|i| match i {
                    Item::Folder(f) if &f.name == old => Some(f),
                    _ => None,
                })
                .ok_or_else(|| EditError::from(Missing::FolderInModel))?;
            f.name.clone_from(name);
        }
        Edit::Move { request, to } => {
            let (name, folders) = request.0.split_last().ok_or_else(|| missing(request))?;
            let items = items_mut(&mut c.items, folders).ok_or_else(|| missing(request))?;
            let at = position(items, name).ok_or_else(|| missing(request))?;
            let item = items.remove(at);
            items_mut(&mut c.items, to)
                .ok_or_else(|| EditError::from(Missing::FolderInModel))?
                .push(item);
        }
        Edit::SetVariable { scope, name, value } => {
            let vars = vars_mut(&mut c, scope)?;
            match value {
                Some(v) => {
                    vars.insert(name.clone(), template(v)?);
                }
                None => {
                    vars.shift_remove(name);
                }
            }
        }
        Edit::RenameVariable { scope, from, to } => {
            let vars = vars_mut(&mut c, scope)?;
            if vars.contains_key(to) {
                return Err(EditError::AlreadyThere(format!("a variable `{to}`")));
            }
            let (index, _, value) = vars
                .shift_remove_full(from)
                .ok_or_else(|| EditError::from(Missing::Variable(from.clone())))?;
            vars.shift_insert(index, to.clone(), value);
        }
        Edit::AddEnvironment { name } => {
            if c.environments.contains_key(name) {
                return Err(EditError::AlreadyThere(format!("an environment `{name}`")));
            }
            c.environments.insert(name.clone(), Variables::new());
        }
        Edit::RemoveEnvironment { name } => {
            c.environments.shift_remove(name);
        }
    }
    Ok(c)
}

fn position(items: &[Item], name: &str) -> Option<usize> {
    items
        .iter()
        .position(|i| matches!(i, Item::Request(r) if r.name == name))
}

fn vars_mut<'a>(c: &'a mut Collection, scope: &VarScope) -> Result<&'a mut Variables, EditError> {
    match scope {
        VarScope::Collection => Ok(&mut c.variables),
        VarScope::Environment(name) => c
            .environments
            .get_mut(name)
            .ok_or_else(|| EditError::from(Missing::Environment(name.clone()))),
        VarScope::Request(path) => Ok(&mut request_mut(c, path).ok_or_else(|| missing(path))?.variables),
    }
}

fn table_mut<'a>(
    c: &'a mut Collection,
    request: &RequestPath,
    table: Table,
) -> Result<&'a mut Pairs, EditError> {
    let r = request_mut(c, request).ok_or_else(|| missing(request))?;
    match table {
        Table::Query => Ok(&mut r.query),
        Table::Headers => Ok(&mut r.headers),
        Table::Form => match &mut r.body {
            Some(crate::collection::Body::Form(pairs)) => Ok(pairs),
            _ => Err(Missing::FormBody.into()),
        },
    }
}

fn set_field(r: &mut Request, field: ScalarField, value: Option<&str>) -> Result<(), EditError> {
    let invalid = |expected: &'static str| EditError::Invalid {
        value: value.unwrap_or_default().to_owned(),
        expected,
    };
    match field {
        ScalarField::Name => value.unwrap_or_default().clone_into(&mut r.name),
        ScalarField::Method => value.unwrap_or("GET").clone_into(&mut r.method),
        ScalarField::Url => r.url = template(value.unwrap_or_default())?,
        ScalarField::Description => r.description = value.map(str::to_owned),
        ScalarField::Timeout => {
            r.options.timeout = value
                .map(|v| crate::format::parse_duration(v).map_err(|_| invalid("a duration like 30s")))
                .transpose()?;
        }
        ScalarField::ConnectTimeout => {
            r.options.connect_timeout = value
                .map(|v| crate::format::parse_duration(v).map_err(|_| invalid("a duration like 10s")))
                .transpose()?;
        }
        ScalarField::FollowRedirects => r.options.follow_redirects = value.map(|v| v == "true"),
        ScalarField::InsecureTls => r.options.insecure_tls = value.map(|v| v == "true"),
        ScalarField::MaxBody => {
            r.options.max_body = value
                .map(|v| crate::format::parse_size(v).map_err(|_| invalid("a size like 10MB")))
                .transpose()?;
        }
    }
    Ok(())
}
