//! Getting started: `apibench init [DIR]` writes a commented starter collection and a
//! `.env.example`; `apibench completions SHELL` prints the shell's completion script;
//! `apibench man` prints the manual page. And what `apibench` says in a folder with no
//! collections: how to start, not "cannot open".

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory as _};

use super::Cli;
use super::error::{CliError, exit};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to start (default: here). `collections/api.yaml` and `.env.example` are
    /// written in it; a file already there is never written over.
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

/// The starter collection: every part of the format a first request needs, commented.
pub const STARTER: &str = r#"# yaml-language-server: $schema=./.collection.schema.json
# A collection of requests for one API. Open it with `apibench`, send with `s`;
# the format is in docs/collection-format.md. Anything after `#` is yours.
name: My API

# Variables: {{ base_url }} in any value below. An environment overrides them (E in the UI,
# --env on the command line).
variables:
  base_url: https://httpbin.org
environments:
  local:
    base_url: http://127.0.0.1:8080
  production: {}

# Sent with every request unless a request says otherwise.
defaults:
  headers:
    Accept: application/json
  timeout: 10s

requests:
  - name: Get something
    url: "{{ base_url }}/get"
    query:
      page: 1
    # What `apibench run` checks; the UI shows it on the Options tab.
    expect:
      status: 200

  - folder: Writing
    requests:
      - name: Create something
        method: POST
        url: "{{ base_url }}/post"
        # A secret comes from the process environment or a .env file beside this one
        # (copy .env.example to .env); it is masked on screen and in every output.
        auth:
          bearer: "{{ env.API_TOKEN }}"
        body:
          json:
            name: Ada
            tags: [first, try]
        # A value from this response, for the requests after it: {{ created_id }}.
        capture:
          created_id: $.json.name
"#;

const ENV_EXAMPLE: &str =
    "# Copy to .env (kept out of git) and fill in: {{ env.API_TOKEN }} reads it.\nAPI_TOKEN=\n";

pub fn init(args: &InitArgs) -> Result<u8, CliError> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let collection = dir.join("collections").join("api.yaml");
    let env = dir.join("collections").join(".env.example");
    // The format's schema beside it: editors with the YAML language server complete and
    // check the file (its first line points here).
    let schema_path = dir.join("collections").join(".collection.schema.json");
    let schema = schema_text();
    let mut out = std::io::stdout().lock();
    for (path, text) in [
        (&collection, STARTER),
        (&env, ENV_EXAMPLE),
        (&schema_path, schema.as_str()),
    ] {
        match write_new(path, text) {
            Ok(()) => {
                let _ = writeln!(out, "wrote {}", path.display());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let _ = writeln!(out, "kept {} (it is there already)", path.display());
            }
            Err(e) => return Err(CliError::Import(format!("cannot write {}: {e}", path.display()))),
        }
    }
    let _ = writeln!(
        out,
        "\nnext: `apibench {}` opens it (s sends the selected request, ? lists every key);\n\
         `apibench import curl '<command>' --into {}` adds a request from a curl line;\n\
         `apibench demo` tries everything against a built-in API first.",
        dir.join("collections").display(),
        collection.display()
    );
    Ok(exit::OK)
}

/// The collection format's JSON Schema, as `apibench schema` prints it.
pub fn schema_text() -> String {
    format!(
        "{}\n",
        serde_json::to_string_pretty(&crate::collection::schema::collection_schema()).unwrap_or_default()
    )
}

/// The shell's registration script: the shell then asks this binary for each completion
/// (`COMPLETE=bash apibench -- …`), so request and environment names come from the
/// collections where it is typed (`complete`).
pub fn completions(args: &CompletionsArgs) -> Result<u8, CliError> {
    let name = args.shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let shell = shells
        .completer(&name)
        .ok_or_else(|| CliError::Import(format!("no completion for the shell {name}")))?;
    // The binary asked is this one, wherever it was run from; `apibench` when that is unknown.
    let completer = std::env::current_exe()
        .ok()
        .map_or_else(|| "apibench".to_owned(), |p| p.to_string_lossy().into_owned());
    shell
        .write_registration(
            "COMPLETE",
            "apibench",
            "apibench",
            &completer,
            &mut std::io::stdout(),
        )
        .map_err(|e| CliError::Import(format!("cannot write the completion script: {e}")))?;
    Ok(exit::OK)
}

pub fn man() -> Result<u8, CliError> {
    let page = clap_mangen::Man::new(Cli::command());
    let mut text = Vec::new();
    page.render(&mut text)
        .map_err(|e| CliError::Import(format!("cannot write the manual page: {e}")))?;
    let _ = std::io::stdout().lock().write_all(&text);
    Ok(exit::OK)
}

/// Whether there is no `collections` folder here: then a bare `apibench` says how to
/// start rather than that it cannot open it.
pub fn nothing_here() -> bool {
    !Path::new("collections").exists()
}

fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}
