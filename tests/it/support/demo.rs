//! The demo API started in-process and the shipped demo collection pointed at it, as the CLI,
//! session, diagnosis and TUI specs all need it. The server's call log lets a test assert how
//! it was called; expectations set on it are checked when it drops.

use apibench::collection::Variables;
use apibench::demo::DemoServer;
use apibench::session::Workspace;
use apibench::template::Template;

use super::{closed_port, shipped};

/// The demo API on a free port of 127.0.0.1, on the current runtime.
pub async fn start() -> DemoServer {
    DemoServer::start(0)
        .await
        .expect("the demo API starts on a free port")
}

/// What points the demo collection at `server`: its base URL, a closed port for the
/// "Connection refused" scenario, and an empty token whatever the machine's `DEMO_TOKEN` says.
pub fn variables(server: &DemoServer) -> Variables {
    let mut vars = Variables::new();
    vars.insert("base_url".into(), Template::literal(&server.base_url()));
    vars.insert(
        "closed_port_url".into(),
        Template::literal(&format!("http://127.0.0.1:{}", closed_port())),
    );
    vars.insert("token".into(), Template::default());
    vars
}

/// The shipped demo collection with [`variables`] written into its collection variables
/// (so environments can still override them).
pub fn workspace(server: &DemoServer) -> Workspace {
    let mut workspace = Workspace::load(&shipped("demo.yaml"));
    assert!(workspace.errors.is_empty(), "{:?}", workspace.errors);
    workspace.collections[0].variables.extend(variables(server));
    workspace
}

/// The calls `server` received so far as `METHOD /path` (query left out), in arrival order.
pub fn calls_made(server: &DemoServer) -> Vec<String> {
    server
        .calls()
        .iter()
        .map(|c| format!("{} {}", c.method, c.route()))
        .collect()
}
