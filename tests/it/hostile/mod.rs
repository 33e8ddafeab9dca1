//! A hostile server, on 127.0.0.1 only: what it can make apibench do with the credentials,
//! bodies and terminal it reaches. Each test asserts that nothing leaks and nothing hangs.
//!
//! `recording` is a server that keeps every request it receives (head and body, raw), so
//! a test can check what reached a second origin; two ports are two origins.

mod redirects;
mod resources;
mod secrets_audit;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// Every request a [`recording`] server received, raw, in order.
pub type Received = Arc<Mutex<Vec<String>>>;

/// A server that answers every request with `respond(request text)` as raw bytes and keeps
/// what it received.
pub async fn recording(respond: impl Fn(&str) -> String + Send + Sync + 'static) -> (SocketAddr, Received) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let received: Received = Arc::default();
    let kept = Arc::clone(&received);
    let respond = Arc::new(respond);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let kept = Arc::clone(&kept);
            let respond = Arc::clone(&respond);
            tokio::spawn(async move {
                while let Some(request) = read_request(&mut socket).await {
                    let answer = respond(&request);
                    kept.lock().unwrap().push(request);
                    if socket.write_all(answer.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (addr, received)
}

/// One request off a keep-alive connection: the head, then `Content-Length` bytes of body.
async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<String> {
    let mut bytes = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = socket.read(&mut buf).await.ok().filter(|n| *n > 0)?;
        bytes.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&bytes[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while bytes.len() < head_end + length {
        let n = socket.read(&mut buf).await.ok().filter(|n| *n > 0)?;
        bytes.extend_from_slice(&buf[..n]);
    }
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// A raw HTTP/1.1 response with `status`, extra header lines and a body.
pub fn reply(status: &str, headers: &[&str], body: &str) -> String {
    let mut text = format!("HTTP/1.1 {status}\r\ncontent-length: {}\r\n", body.len());
    for header in headers {
        text.push_str(header);
        text.push_str("\r\n");
    }
    text.push_str("\r\n");
    text.push_str(body);
    text
}
