//! The embedded demo API: one endpoint per failure the checklist explains, on 127.0.0.1 only,
//! so anyone can see every checklist without internet or an account. Tests start it on
//! port 0 and talk to it over real sockets.

mod limiter;
mod routes;
mod users;

use std::net::{Ipv4Addr, SocketAddr};

use tokio::task::JoinHandle;

pub use routes::router;

/// The port `apibench demo` uses unless told otherwise; `collections/demo.yaml` points here.
pub const DEFAULT_PORT: u16 = 8787;

/// The token `POST /v1/login` hands out and the protected endpoints accept.
pub const DEMO_TOKEN: &str = "demo-token";

/// A running demo server. Dropping it stops the server.
///
/// Stopping aborts the server task outright: the demo has no requests worth finishing (a
/// slow one is slow on purpose), so there is no graceful shutdown to wait for.
#[derive(Debug)]
pub struct DemoServer {
    addr: SocketAddr,
    task: Option<JoinHandle<()>>,
}

impl DemoServer {
    /// Binds 127.0.0.1:`port` (0 for any free port) and starts serving on the current runtime.
    pub async fn start(port: u16) -> std::io::Result<DemoServer> {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let app = router();
        let task = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                eprintln!("demo API stopped: {error}");
            }
        });
        Ok(DemoServer {
            addr,
            task: Some(task),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, the value for the demo collection's `base_url`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections and waits for the server task to end, so the listening
    /// socket is closed on return. Requests still in flight (a slow one, say) are not waited for.
    pub async fn stop(mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
