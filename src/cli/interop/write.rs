//! Writing an import into a collection file through the format-preserving editor: the
//! folders it needs, its variables and environments, its requests (one edit per folder), and
//! a new file's first lines.

use std::io::Write as _;
use std::path::Path;

use super::super::error::CliError;
use super::Variables;
use crate::collection::edit::{Edit, ImportedRequest, VarScope, apply};

/// `text` with the imported environments added (one the collection has already gets the
/// variables it lacks).
pub(super) fn add_environments(
    text: &str,
    file: &Path,
    environments: &[(String, Variables)],
    notes: &mut Vec<String>,
) -> Result<String, CliError> {
    let mut text = text.to_owned();
    for (name, variables) in environments {
        let collection = crate::collection::parse_collection(&text, file).map_err(CliError::NothingLoaded)?;
        if !collection.environments.contains_key(name) {
            let edit = Edit::AddEnvironment { name: name.clone() };
            text = apply(&text, file, &edit)
                .map_err(|e| CliError::Import(format!("cannot add the environment {name}: {e}")))?
                .0;
        }
        text = set_variables(
            &text,
            file,
            &VarScope::Environment(name.clone()),
            variables,
            notes,
        )?;
    }
    Ok(text)
}

/// `text` with the imported variables set in `scope`; one the scope has already (with
/// another value) is kept as it is, and said.
pub(super) fn set_variables(
    text: &str,
    file: &Path,
    scope: &VarScope,
    variables: &[(String, String)],
    notes: &mut Vec<String>,
) -> Result<String, CliError> {
    let mut text = text.to_owned();
    for (name, value) in variables {
        let collection = crate::collection::parse_collection(&text, file).map_err(CliError::NothingLoaded)?;
        let existing = match scope {
            VarScope::Environment(env) => collection.environments.get(env).and_then(|vars| vars.get(name)),
            _ => collection.variables.get(name),
        };
        match existing {
            Some(existing) if existing.as_str() == value => continue,
            Some(_) => {
                notes.push(format!(
                    "{name}: {} has it already; it is kept",
                    scope_name(scope)
                ));
                continue;
            }
            None => {}
        }
        let edit = Edit::SetVariable {
            scope: scope.clone(),
            name: name.clone(),
            value: Some(value.clone()),
        };
        text = apply(&text, file, &edit)
            .map_err(|e| CliError::Import(format!("cannot set the variable {name}: {e}")))?
            .0;
    }
    Ok(text)
}

pub(super) fn scope_name(scope: &VarScope) -> String {
    match scope {
        VarScope::Environment(env) => format!("the environment {env}"),
        _ => "the collection".to_owned(),
    }
}

/// `text` with `requests` added at the end of `folder`, each missing folder on the way
/// made; and the names they were given (unique in their folder: a name it has already, or
/// an earlier one of these has, gets a number).
pub(super) fn add(
    text: &str,
    file: &Path,
    folder: &[String],
    mut requests: Vec<ImportedRequest>,
) -> Result<(String, Vec<String>), CliError> {
    let edit_error = |e: crate::collection::edit::EditError| {
        CliError::Import(format!("cannot add it to {}: {e}", file.display()))
    };
    let mut text = text.to_owned();
    for depth in 0..folder.len() {
        let collection = crate::collection::parse_collection(&text, file).map_err(CliError::NothingLoaded)?;
        if !has_folder(&collection.items, &folder[..=depth]) {
            let edit = Edit::AddFolder {
                parent: folder[..depth].to_vec(),
                name: folder[depth].clone(),
            };
            text = apply(&text, file, &edit).map_err(edit_error)?.0;
        }
    }
    let collection = crate::collection::parse_collection(&text, file).map_err(CliError::NothingLoaded)?;
    let mut names: Vec<String> = Vec::new();
    for imported in &mut requests {
        let request = &mut imported.request;
        request.name = crate::interop::body::unique_name(&request.name, |name| {
            let mut path = folder.to_vec();
            path.push(name.to_owned());
            names.iter().any(|n| n == name)
                || collection.find(&crate::collection::RequestPath(path)).is_some()
        });
        names.push(request.name.clone());
    }
    let edit = Edit::AddImported {
        folder: folder.to_vec(),
        requests,
    };
    Ok((apply(&text, file, &edit).map_err(edit_error)?.0, names))
}

/// A new collection file's text: its name the source's (else the file's), and the API
/// description it came from, for the checklist.
pub(super) fn new_collection(path: &Path, name: Option<&str>, openapi: Option<&str>) -> String {
    let name = name.map_or_else(
        || {
            path.file_stem()
                .map_or_else(|| "Imported".to_owned(), |s| s.to_string_lossy().into_owned())
        },
        str::to_owned,
    );
    let openapi = openapi.map_or_else(String::new, |p| {
        format!(
            "openapi: {}\n",
            crate::collection::edit::scalar::plain_or_double(p)
        )
    });
    format!(
        "name: {}\n{openapi}requests: []\n",
        crate::collection::edit::scalar::plain_or_double(&name)
    )
}

pub(super) fn has_folder(items: &[crate::collection::Item], path: &[String]) -> bool {
    let Some((first, rest)) = path.split_first() else {
        return true;
    };
    items.iter().any(|item| match item {
        crate::collection::Item::Folder(f) if &f.name == first => has_folder(&f.items, rest),
        _ => false,
    })
}

/// Writes a file that must not exist yet.
pub(super) fn create(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}
