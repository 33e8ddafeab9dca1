//! `apibench import KIND SOURCE --into FILE [--folder F]` and `apibench export KIND PATH
//! --request NAME`: requests in from other tools' formats, appended to a collection through
//! the format-preserving writer (the rest of the file keeps every byte; a file that does not
//! exist yet is made), and out, exactly as apibench would send them, credentials masked
//! unless `--reveal-secrets`.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::ValueArgs;
use super::error::{CliError, exit};
use crate::collection::Request;
use crate::collection::edit::{ImportedRequest, VarScope};
use crate::collection::store::{OnConflict, save_text};

mod paths;
mod write;

use paths::{described, dotenv_left_behind, rebase_chains, rebase_files, source_dir};
use write::{add, add_environments, create, new_collection, set_variables};

/// The formats requests come in from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    /// A curl command line (bash or Windows cmd quoting; `-` reads it from stdin).
    Curl,
    /// A HAR archive a browser saved (a file, or `-`): a request per entry, a folder per host.
    Har,
    /// A `.http` / `.rest` file (JetBrains HTTP Client, VS Code REST Client): its requests,
    /// and its `@variables` as the collection's.
    Http,
    /// A Postman collection exported as v2.1 (or v2.0): folders, requests, variables, auth.
    Postman,
    /// An Insomnia export: v4 (JSON) or the YAML of Insomnia 10 and later (v5): folders,
    /// requests, environments, scripts as comments.
    Insomnia,
    /// A Bruno collection: its folder (`.bru` files, or the YAML of `opencollection.yml`).
    Bruno,
    /// A Slumber collection (`slumber.yml`): profiles as environments, recipes as requests.
    Slumber,
    /// A Posting collection: its folder of `*.posting.yaml` files and `.env` files.
    Posting,
    /// An OpenAPI 3.1 or 3.0 or Swagger 2.0 description (JSON or YAML): a request per
    /// operation, a folder per tag, servers as environments.
    Openapi,
}

/// The formats requests go out to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    /// A curl command that sends exactly what apibench sends.
    Curl,
    /// A `.http` block (JetBrains HTTP Client, VS Code REST Client).
    Http,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub kind: ImportKind,
    /// What to import: for curl, the command itself (quoted as one argument), or `-` to read
    /// it from standard input.
    pub source: String,
    /// The collection file to add it to (made if it does not exist).
    #[arg(long, value_name = "FILE")]
    pub into: PathBuf,
    /// The folder to add it to, made if need be (`Auth` or `Admin/Users`).
    #[arg(long, value_name = "FOLDER")]
    pub folder: Option<String>,
    /// The request's name (else the URL's last segment: `customers`).
    #[arg(long)]
    pub name: Option<String>,
    /// har: only the calls the page's scripts made (XHR and fetch).
    #[arg(long)]
    pub only_xhr: bool,
    /// har: without Cookie headers.
    #[arg(long)]
    pub drop_cookies: bool,
    /// har: without the headers browsers add about themselves (sec-ch-ua, sec-fetch-*,
    /// User-Agent, Referer, Origin, …).
    #[arg(long)]
    pub drop_tracking: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    pub kind: ExportKind,
    /// The collection file (or folder).
    pub path: PathBuf,
    /// The request, by path (`Auth/Log in`).
    #[arg(long = "request", short = 'r', value_name = "NAME", add = clap_complete::ArgValueCompleter::new(super::complete::requests))]
    pub request: String,
    #[command(flatten)]
    pub values: ValueArgs,
    /// Print credentials as they are sent instead of `****`.
    #[arg(long)]
    pub reveal_secrets: bool,
}

pub fn import(args: &ImportArgs) -> Result<u8, CliError> {
    let source = match (args.kind, args.source.as_str()) {
        (_, "-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| CliError::Import(format!("cannot read standard input: {e}")))?;
            text
        }
        (ImportKind::Curl, command) => command.to_owned(),
        // A folder the importer reads itself.
        (ImportKind::Bruno | ImportKind::Posting, folder) => {
            if !Path::new(folder).is_dir() {
                return Err(CliError::Import(format!("{folder}: there is no such folder")));
            }
            String::new()
        }
        (_, file) => {
            std::fs::read_to_string(file).map_err(|e| CliError::Import(format!("cannot read {file}: {e}")))?
        }
    };
    let base: Vec<String> = args
        .folder
        .as_deref()
        .map(|f| {
            f.split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let Incoming {
        mut requests,
        variables,
        environments,
        mut notes,
        name,
    } = read(args, &source, &base).map_err(|e| match e {
        // A file's problem names the file (a folder's importer names the file itself).
        CliError::Import(message)
            if args.source != "-"
                && !matches!(
                    args.kind,
                    ImportKind::Curl | ImportKind::Bruno | ImportKind::Posting
                ) =>
        {
            CliError::Import(format!("{}: {message}", args.source))
        }
        other => other,
    })?;
    rebase_chains(&mut requests, &base);
    if let Some(note) = dotenv_left_behind(args, &requests) {
        notes.push(note);
    }
    if let Some(from) = source_dir(args) {
        rebase_files(&mut requests, &from, &args.into);
    }
    if requests.is_empty() {
        return Err(CliError::Import(format!(
            "nothing to import ({})",
            notes.join("; ")
        )));
    }
    let (before, exists) = match std::fs::read_to_string(&args.into) {
        Ok(text) => (text, true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (
            new_collection(&args.into, name.as_deref(), described(args).as_deref()),
            false,
        ),
        Err(e) => {
            return Err(CliError::Import(format!(
                "cannot read {}: {e}",
                args.into.display()
            )));
        }
    };
    // Variables the requests use that neither the source nor the collection defines (the
    // source tool kept them in an environment): empty here, so it loads, and named.
    let mut variables = variables;
    let known = crate::collection::parse_collection(&before, &args.into)
        .map(|c| c.variables)
        .unwrap_or_default();
    let missing =
        crate::interop::body::undefined_variables(requests.iter().map(|(_, r, _)| r), &variables, &known);
    if !missing.is_empty() {
        notes.push(format!(
            "used but not defined (an environment of the tool it came from?): {}; they are empty variables here, to set in an environment",
            missing.join(", ")
        ));
        variables.extend(missing.into_iter().map(|name| (name, String::new())));
    }
    let mut text = before.clone();
    text = set_variables(&text, &args.into, &VarScope::Collection, &variables, &mut notes)?;
    text = add_environments(&text, &args.into, &environments, &mut notes)?;
    let mut added = Vec::new();
    let mut renamed = Vec::new();
    // One edit per folder, in the order folders first appear: the file is written and
    // checked once for each, however many requests go in it.
    let mut folders: Vec<(Vec<String>, Vec<ImportedRequest>)> = Vec::new();
    for (folder, request, comments) in requests {
        let imported = ImportedRequest { request, comments };
        match folders.iter_mut().find(|(f, _)| *f == folder) {
            Some((_, these)) => these.push(imported),
            None => folders.push((folder, vec![imported])),
        }
    }
    for (folder, these) in folders {
        let wanted: Vec<String> = these.iter().map(|r| r.request.name.clone()).collect();
        let (with, names) = add(&text, &args.into, &folder, these)?;
        text = with;
        for (wanted, name) in wanted.into_iter().zip(names) {
            if name != wanted {
                renamed.push(format!("`{wanted}` → `{name}`"));
            }
            added.push((folder.clone(), name));
        }
    }
    if !renamed.is_empty() {
        notes.push(format!(
            "{} request(s) had a name their folder had already (imported before?), and were renamed: {}",
            renamed.len(),
            renamed.join(", ")
        ));
    }
    // A file made here ends as a text file should.
    if !exists && !text.ends_with('\n') {
        text.push('\n');
    }
    let written = if exists {
        save_text(&args.into, &before, &text, OnConflict::Stop).map_err(|e| e.to_string())
    } else {
        create(&args.into, &text).map_err(|e| e.to_string())
    };
    written.map_err(|e| CliError::Import(format!("cannot write {}: {e}", args.into.display())))?;
    // Names come from the imported file: written inert.
    let mut out = Vec::new();
    if let [(folder, name)] = added.as_slice() {
        let place = if folder.is_empty() {
            String::new()
        } else {
            format!(" (folder {})", folder.join("/"))
        };
        let _ = writeln!(out, "imported `{name}` into {}{place}", args.into.display());
    } else {
        let _ = writeln!(
            out,
            "imported {} requests into {}:",
            added.len(),
            args.into.display()
        );
        for (folder, name) in &added {
            if folder.is_empty() {
                let _ = writeln!(out, "  `{name}`");
            } else {
                let _ = writeln!(out, "  `{name}` (folder {})", folder.join("/"));
            }
        }
    }
    for note in &notes {
        let _ = writeln!(out, "  not imported: {note}");
    }
    let said = crate::sanitize::for_terminal(&String::from_utf8_lossy(&out), true);
    std::io::stdout()
        .lock()
        .write_all(said.as_bytes())
        .map_err(CliError::StdoutClosed)?;
    Ok(exit::OK)
}

/// A request, the folder it goes in, and comments kept beside it.
type Placed = (Vec<String>, Request, Vec<String>);

/// Variables a file brings (name, template source).
type Variables = Vec<(String, String)>;

/// What a source brings.
struct Incoming {
    requests: Vec<Placed>,
    variables: Variables,
    environments: Vec<(String, Variables)>,
    /// What could not be imported.
    notes: Vec<String>,
    /// The collection's name where it came from, for a new file.
    name: Option<String>,
}

impl Incoming {
    /// What an importer brought, its folders under `base`.
    fn placed(imported: crate::interop::Imported, base: &[String]) -> Self {
        let requests = imported
            .requests
            .into_iter()
            .map(|placed| {
                let mut path = base.to_vec();
                path.extend(placed.folder);
                (path, placed.request, placed.comments)
            })
            .collect();
        Self {
            requests,
            variables: imported.variables,
            environments: imported.environments,
            notes: imported.unmapped,
            name: imported.name,
        }
    }

    fn new(requests: Vec<Placed>, variables: Variables, notes: Vec<String>) -> Self {
        Self {
            requests,
            variables,
            environments: Vec::new(),
            notes,
            name: None,
        }
    }
}

/// The requests `source` holds, each with the folder it goes in (under `base`), and what
/// could not be imported.
fn read(args: &ImportArgs, source: &str, base: &[String]) -> Result<Incoming, CliError> {
    match args.kind {
        ImportKind::Curl => {
            let imported = crate::interop::curl::import(source, args.name.as_deref())
                .map_err(|e| CliError::Import(e.to_string()))?;
            Ok(Incoming::new(
                vec![(base.to_vec(), imported.request, Vec::new())],
                Vec::new(),
                imported.unmapped,
            ))
        }
        ImportKind::Har => {
            let options = crate::interop::har::HarOptions {
                only_xhr: args.only_xhr,
                drop_cookies: args.drop_cookies,
                drop_tracking: args.drop_tracking,
            };
            let imported =
                crate::interop::har::import(source, options).map_err(|e| CliError::Import(e.to_string()))?;
            let requests = imported
                .hosts
                .into_iter()
                .flat_map(|(host, requests)| {
                    let mut folder = base.to_vec();
                    folder.push(host);
                    requests.into_iter().map(move |r| (folder.clone(), r, Vec::new()))
                })
                .collect();
            Ok(Incoming::new(requests, Vec::new(), imported.skipped))
        }
        ImportKind::Http => {
            let imported =
                crate::interop::http_file::import(source).map_err(|e| CliError::Import(e.to_string()))?;
            let requests = imported
                .requests
                .into_iter()
                .map(|r| (base.to_vec(), r, Vec::new()))
                .collect();
            Ok(Incoming::new(requests, imported.variables, imported.unmapped))
        }
        ImportKind::Insomnia => {
            let imported =
                crate::interop::insomnia::import(source).map_err(|e| CliError::Import(e.to_string()))?;
            Ok(Incoming::placed(imported, base))
        }
        ImportKind::Bruno => {
            let imported = crate::interop::bruno::import(Path::new(&args.source))
                .map_err(|e| CliError::Import(e.to_string()))?;
            Ok(Incoming::placed(imported, base))
        }
        ImportKind::Posting => {
            let imported = crate::interop::posting::import(Path::new(&args.source))
                .map_err(|e| CliError::Import(e.to_string()))?;
            Ok(Incoming::placed(imported, base))
        }
        ImportKind::Slumber => {
            let imported =
                crate::interop::slumber::import(source).map_err(|e| CliError::Import(e.to_string()))?;
            Ok(Incoming::placed(imported, base))
        }
        ImportKind::Postman => {
            let imported =
                crate::interop::postman::import(source).map_err(|e| CliError::Import(e.to_string()))?;
            let requests = imported
                .requests
                .into_iter()
                .map(|(folder, r, comments)| {
                    let mut path = base.to_vec();
                    path.extend(folder);
                    (path, r, comments)
                })
                .collect();
            let name = Some(imported.name.clone()).filter(|n| !n.trim().is_empty());
            Ok(Incoming {
                name,
                ..Incoming::new(requests, imported.variables, imported.unmapped)
            })
        }
        ImportKind::Openapi => {
            let imported =
                crate::interop::openapi::import(source).map_err(|e| CliError::Import(e.to_string()))?;
            Ok(Incoming::placed(imported, base))
        }
    }
}

pub fn export(args: &ExportArgs) -> Result<u8, CliError> {
    let workspace = crate::session::Workspace::load(&args.path);
    if workspace.collections.is_empty() {
        return Err(CliError::NothingLoaded(workspace.errors));
    }
    let id = workspace.find(&args.request).map_err(CliError::Find)?;
    let session = crate::session::Session {
        environment: args.values.environment.clone(),
        overrides: args.values.overrides(),
        ..crate::session::Session::default()
    };
    let prepared = session
        .prepare(&workspace, &id)
        .map_err(|e| CliError::Import(format!("{} cannot be prepared: {e}", args.request)))?;
    let request = if args.reveal_secrets {
        prepared.request
    } else {
        let known = crate::interop::secrets_of(&prepared);
        crate::interop::masked(&prepared.request, &known)
    };
    let text = match args.kind {
        ExportKind::Curl => crate::interop::curl::command(&request),
        ExportKind::Http => crate::interop::http_file::export(id.path.name(), &request),
    };
    let _ = writeln!(std::io::stdout().lock(), "{text}");
    Ok(exit::OK)
}
