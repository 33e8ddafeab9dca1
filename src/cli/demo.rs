//! `apibench demo`: the embedded demo API, and the TUI on `collections/demo.yaml` pointed at
//! it, so anyone can try every checklist without internet or an account.

use std::path::Path;

use super::error::CliError;
use super::{DemoArgs, exit};
use crate::collection::{Variables, parse_collection};
use crate::demo::{DEFAULT_PORT, DemoServer};
use crate::session::Workspace;
use crate::template::Template;

/// The demo collection, built in so `apibench demo` works from any directory.
const BUILT_IN: &str = include_str!("../../collections/demo.yaml");
const DEMO_PATH: &str = "collections/demo.yaml";

pub async fn demo(args: &DemoArgs) -> Result<u8, CliError> {
    if !args.no_tui {
        super::need_terminal()?;
    }
    let (server, note) = start(args.port).await?;
    if args.no_tui {
        // The base URL first, alone on its line, so scripts can read it.
        super::error::print_stdout(&format!("{}\n", server.base_url()))?;
        eprintln!(
            "Demo API listening on {0}. Try: apibench run {DEMO_PATH} --all --var base_url={0}",
            server.base_url()
        );
        eprintln!("Press Ctrl-C to stop.");
        wait_for_shutdown().await;
        server.stop().await;
        return Ok(exit::OK);
    }
    if args.write_collection && !Path::new(DEMO_PATH).exists() {
        let written =
            std::fs::create_dir_all("collections").and_then(|()| std::fs::write(DEMO_PATH, BUILT_IN));
        if let Err(error) = written {
            server.stop().await;
            return Err(CliError::Terminal(std::io::Error::new(
                error.kind(),
                format!("cannot write {DEMO_PATH}: {error}"),
            )));
        }
    }
    let built_in = !Path::new(DEMO_PATH).is_file();
    let workspace = demo_workspace();
    let mut overrides = Variables::new();
    overrides.insert("base_url".to_owned(), Template::literal(&server.base_url()));
    // Said up front: edits to the built-in copy cannot be saved, and how to get a file.
    let copy = if built_in {
        " · the demo collection is built in (apibench demo --write-collection writes it here to edit)"
    } else {
        ""
    };
    let message = format!("demo API on {}{note}{copy} — ? for keys", server.base_url());
    let options = crate::tui::Options {
        overrides,
        environment: None,
        message: Some(message),
        // Each demo starts as a newcomer would see it: nothing remembered.
        remember_as: None,
    };
    let result = crate::tui::run(workspace, options).await;
    server.stop().await;
    Ok(super::exit_for(result.map_err(CliError::Terminal)?))
}

/// Listens on the requested port; if the default port is taken (another demo running?),
/// falls back to any free port rather than failing.
async fn start(port: u16) -> Result<(DemoServer, String), CliError> {
    match DemoServer::start(port).await {
        Ok(server) => Ok((server, String::new())),
        Err(error) if error.kind() == std::io::ErrorKind::AddrInUse && port == DEFAULT_PORT => {
            match DemoServer::start(0).await {
                Ok(server) => Ok((server, format!(" (port {port} was busy)"))),
                Err(error) => Err(CliError::Listen { port: 0, error }),
            }
        }
        Err(error) => Err(CliError::Listen { port, error }),
    }
}

/// `collections/demo.yaml` from the current directory when present (so edits show), else
/// the copy built into the binary.
fn demo_workspace() -> Workspace {
    let path = Path::new(DEMO_PATH);
    if path.is_file() {
        return Workspace::load(path);
    }
    match parse_collection(BUILT_IN, path) {
        Ok(collection) => Workspace::from_collections(vec![collection]),
        Err(errors) => Workspace::from_errors(errors),
    }
}

/// Ctrl-C, or SIGTERM on Unix (how `kill` and process supervisors ask politely).
async fn wait_for_shutdown() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_demo_collection_loads() {
        let collection = parse_collection(BUILT_IN, Path::new(DEMO_PATH)).unwrap();
        assert_eq!(collection.name, "Demo API");
    }
}
