//! The embedded demo API: one endpoint per failure the checklist explains, on 127.0.0.1 only,
//! so anyone can see every checklist without internet or an account. Tests start it on
//! port 0, talk to it over real sockets, and read its call log to assert how they called it.

mod calls;
mod limiter;
mod reply;
mod routes;
mod session;
mod users;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::task::JoinHandle;

pub use calls::{CAPACITY as CALL_LOG_CAPACITY, Call};
pub use routes::router;

/// The port `apibench demo` uses unless told otherwise; `collections/demo.yaml` points here.
pub const DEFAULT_PORT: u16 = 8787;

/// The token `POST /v1/login` hands out and the protected endpoints accept.
pub const DEMO_TOKEN: &str = "demo-token";

/// A running demo server. Dropping it stops the server, and then checks the expectations
/// set with [`DemoServer::expect`], panicking (unless already panicking) if one is unmet.
///
/// Stopping aborts the server task outright: the demo has no requests worth finishing (a
/// slow one is slow on purpose), so there is no graceful shutdown to wait for.
#[derive(Debug)]
pub struct DemoServer {
    addr: SocketAddr,
    task: Option<JoinHandle<()>>,
    log: Arc<calls::CallLog>,
    expected: Mutex<Vec<calls::Expectation>>,
}

impl DemoServer {
    /// Binds 127.0.0.1:`port` (0 for any free port) and starts serving on the current runtime.
    pub async fn start(port: u16) -> std::io::Result<DemoServer> {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let log = Arc::new(calls::CallLog::default());
        let app = router().layer(axum::middleware::map_request_with_state(
            Arc::clone(&log),
            calls::record,
        ));
        let task = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                eprintln!("demo API stopped: {error}");
            }
        });
        Ok(DemoServer {
            addr,
            task: Some(task),
            log,
            expected: Mutex::new(Vec::new()),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, the value for the demo collection's `base_url`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests received so far, in arrival order (the latest [`CALL_LOG_CAPACITY`]).
    pub fn calls(&self) -> Vec<Call> {
        self.log.calls()
    }

    /// Expects `method path` to have been called exactly `times` times by the time the server
    /// is dropped (or [`DemoServer::verify`] is called). A `path` without `?` matches any
    /// query; `*` matches any method or path.
    pub fn expect(&self, method: &str, path: &str, times: usize) -> &Self {
        self.expected
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(calls::Expectation::new(method, path, times));
        self
    }

    /// Expects no request at all to reach the server.
    pub fn expect_no_calls(&self) -> &Self {
        self.expect("*", "*", 0)
    }

    /// Checks the expectations now: `Err` says which are unmet and lists the calls received.
    pub fn verify(&self) -> Result<(), String> {
        let expected = self.expected.lock().unwrap_or_else(PoisonError::into_inner);
        calls::verify(&expected, &self.log.calls(), self.log.dropped())
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
        if std::thread::panicking() {
            return;
        }
        if let Err(report) = self.verify() {
            panic!("{report}");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::panic::AssertUnwindSafe;

    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    use super::*;

    /// Sends raw HTTP/1.1 bytes and reads the answer to the end.
    async fn raw(server: &DemoServer, request: &str) -> String {
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        answer
    }

    #[tokio::test]
    async fn every_request_is_logged_in_arrival_order_unknown_routes_too() {
        let server = DemoServer::start(0).await.unwrap();
        let login = "POST /v1/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
                     Content-Length: 2\r\n\r\n{}";
        assert!(raw(&server, login).await.starts_with("HTTP/1.1 401"));
        let chunked = "PUT /v1/echo?x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
                       Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        assert!(raw(&server, chunked).await.contains("\"body\":\"abc\""));
        let missing = "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        assert!(raw(&server, missing).await.starts_with("HTTP/1.1 404"));
        let calls = server.calls();
        let seen: Vec<(&str, &str, u64)> = calls
            .iter()
            .map(|c| (c.method.as_str(), c.path.as_str(), c.body_bytes))
            .collect();
        assert_eq!(
            seen,
            [
                ("POST", "/v1/login", 2),
                ("PUT", "/v1/echo?x=1", 3),
                ("GET", "/nope", 0)
            ]
        );
        assert_eq!(calls[0].header("host"), Some("x"));
        server.expect("POST", "/v1/login", 1).expect("*", "/v1/echo", 1);
        assert_eq!(server.verify(), Ok(()));
    }

    #[tokio::test]
    async fn an_unmet_expectation_fails_when_the_server_is_dropped() {
        let server = DemoServer::start(0).await.unwrap();
        server.expect("GET", "/v1/me", 1);
        let dropped = std::panic::catch_unwind(AssertUnwindSafe(move || drop(server)));
        let report = dropped.unwrap_err().downcast::<String>().unwrap();
        assert!(report.contains("expected GET /v1/me 1 time, got 0"), "{report}");
        assert!(report.ends_with("calls received, in order: none"), "{report}");
    }
}
