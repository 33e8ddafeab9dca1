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
use crate::collection::edit::{Edit, ImportedRequest, VarScope, apply};
use crate::collection::store::{OnConflict, save_text};

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
    let mut out = std::io::stdout().lock();
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

/// A collection folder (Bruno, Posting) whose own `.env` holds values the requests read
/// as `{{ env.X }}`: apibench reads them from the process or the `.env` beside the
/// collection, so say which to copy there (names only: the values may be secrets).
fn dotenv_left_behind(args: &ImportArgs, requests: &[Placed]) -> Option<String> {
    if !matches!(args.kind, ImportKind::Bruno | ImportKind::Posting) {
        return None;
    }
    let dotenv = Path::new(&args.source).join(".env");
    if !dotenv.is_file() {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    for (_, request, _) in requests {
        for template in request.templates() {
            for (expr, _) in template.exprs() {
                if let crate::template::Expr::Env(name) = expr
                    && !names.contains(name)
                {
                    names.push(name.clone());
                }
            }
        }
    }
    (!names.is_empty()).then(|| {
        format!(
            "{} read {} from {}: copy {} into the .env beside the collection (or the environment), which apibench reads",
            if names.len() == 1 { "a request" } else { "requests" },
            names.join(", "),
            dotenv.display(),
            if names.len() == 1 { "it" } else { "them" }
        )
    })
}

/// Chained references between imported requests (`{{ response.Auth/Log in.… }}`, written
/// from the import's root) pointed at where they land under `--folder` (`Vendor/Auth/Log
/// in`); references to anything else are left alone.
fn rebase_chains(requests: &mut [Placed], base: &[String]) {
    if base.is_empty() {
        return;
    }
    // Each imported request's path inside the import, longest first so `Log in 2` is
    // not taken for `Log in`.
    let mut paths: Vec<String> = requests
        .iter()
        .map(|(folder, request, _)| {
            let mut path = folder[base.len().min(folder.len())..].to_vec();
            path.push(request.name.clone());
            path.join("/")
        })
        .collect();
    paths.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let prefix = base.join("/");
    let rewrite = |source: &str| {
        let mut out = source.to_owned();
        for path in &paths {
            let from = format!("response.{path}.");
            if out.contains(&from) && !out.contains(&format!("response.{prefix}/{path}.")) {
                out = out.replace(&from, &format!("response.{prefix}/{path}."));
            }
        }
        out
    };
    for (_, request, _) in requests.iter_mut() {
        crate::interop::body::rewrite_templates(request, &rewrite);
    }
}

/// `text` with the imported environments added (one the collection has already gets the
/// variables it lacks).
fn add_environments(
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
fn set_variables(
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

fn scope_name(scope: &VarScope) -> String {
    match scope {
        VarScope::Environment(env) => format!("the environment {env}"),
        _ => "the collection".to_owned(),
    }
}

/// `text` with `requests` added at the end of `folder`, each missing folder on the way
/// made; and the names they were given (unique in their folder: a name it has already, or
/// an earlier one of these has, gets a number).
fn add(
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

/// A new collection file's text: its name the source's (else the file's), and the API
/// description it came from, for the checklist.
fn new_collection(path: &Path, name: Option<&str>, openapi: Option<&str>) -> String {
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

/// For an OpenAPI import, the description's path as the new collection names it
/// (relative to the collection's folder where it can be).
fn described(args: &ImportArgs) -> Option<String> {
    if args.kind != ImportKind::Openapi || args.source == "-" {
        return None;
    }
    let spec = std::path::absolute(&args.source).ok()?;
    let folder = std::path::absolute(folder_of(&args.into)).ok()?;
    let relative = pathdiff::diff_paths(&spec, &folder).unwrap_or(spec);
    Some(relative.to_string_lossy().replace('\\', "/"))
}

/// The folder the source's relative file paths are relative to: the current folder for
/// a curl command line (or standard input), a `.http` or Slumber file's own folder, a Bruno
/// or Posting collection's folder. `None` where the tool resolves them against a folder of
/// its own settings (Postman's and Insomnia's working directory): left as written.
fn source_dir(args: &ImportArgs) -> Option<PathBuf> {
    let source = Path::new(&args.source);
    let dir = match args.kind {
        ImportKind::Curl => Path::new("."),
        _ if args.source == "-" => Path::new("."),
        ImportKind::Bruno | ImportKind::Posting => source,
        ImportKind::Http | ImportKind::Slumber => folder_of(source),
        ImportKind::Har | ImportKind::Postman | ImportKind::Insomnia | ImportKind::Openapi => return None,
    };
    Some(std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()))
}

/// The folder a file is in: `.` for a bare file name.
fn folder_of(file: &Path) -> &Path {
    file.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Files the source names relative to itself (a body's file, a multipart file part)
/// made relative to the collection, which is where apibench reads them from.
fn rebase_files(requests: &mut [Placed], from: &Path, into: &Path) {
    use crate::collection::{Body, Part};
    let Ok(to) = std::path::absolute(folder_of(into)) else {
        return;
    };
    if to == from {
        return;
    }
    let rebase = |path: &mut crate::template::Template| {
        let written = path.as_str();
        if written.contains("{{") || Path::new(written).is_absolute() || written.is_empty() {
            return;
        }
        let target: PathBuf = from
            .join(written)
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        let relative = pathdiff::diff_paths(&target, &to).unwrap_or(target);
        *path = crate::template::Template::literal(&relative.to_string_lossy().replace('\\', "/"));
    };
    for (_, request, _) in requests.iter_mut() {
        match &mut request.body {
            Some(Body::File { path, .. }) => rebase(path),
            Some(Body::Multipart(parts)) => {
                for part in parts {
                    if let Part::File { path, .. } = part {
                        rebase(path);
                    }
                }
            }
            _ => {}
        }
    }
}

fn has_folder(items: &[crate::collection::Item], path: &[String]) -> bool {
    let Some((first, rest)) = path.split_first() else {
        return true;
    };
    items.iter().any(|item| match item {
        crate::collection::Item::Folder(f) if &f.name == first => has_folder(&f.items, rest),
        _ => false,
    })
}

/// Writes a file that must not exist yet.
fn create(path: &Path, text: &str) -> std::io::Result<()> {
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
