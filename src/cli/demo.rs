//! `apibench demo`: the embedded demo API, for trying every checklist without an account.

use super::{DemoArgs, exit};
use crate::demo::DemoServer;

pub async fn demo(args: &DemoArgs) -> u8 {
    let server = match DemoServer::start(args.port).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("apibench: cannot listen on 127.0.0.1:{}: {error}", args.port);
            if error.kind() == std::io::ErrorKind::AddrInUse {
                eprintln!(
                    "hint: another demo may be running; pick another port with --port, or 0 for any free one"
                );
            }
            return exit::FAILED;
        }
    };
    // The base URL first, alone on its line, so scripts can read it.
    println!("{}", server.base_url());
    if !args.no_tui {
        eprintln!("(the terminal UI is not built yet; serving the API only)");
    }
    eprintln!(
        "Demo API listening on {0}. Try: apibench run collections/demo.yaml --all --var base_url={0}",
        server.base_url()
    );
    eprintln!("Press Ctrl-C to stop.");
    wait_for_shutdown().await;
    server.stop().await;
    exit::OK
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
