//! Servers that misbehave at the socket level, for the failures the demo API cannot produce
//! (it always answers HTTP properly): a port nobody listens on, raw bytes then a hang-up, a
//! body that stalls half-way.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// A port on 127.0.0.1 that nothing listens on: bound, then released.
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind an ephemeral port");
    listener.local_addr().expect("local addr").port()
}

/// A server that reads each connection's request, answers with `response` as raw bytes
/// (nothing at all for `b""`), then hangs up.
pub async fn raw_server(response: &'static [u8]) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            let _ = socket.write_all(response).await;
        }
    });
    addr
}

/// A server that answers with a head and part of the body, then stalls until the client
/// hangs up.
pub async fn stalling_server() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        let _ = socket.read(&mut buf).await;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 100\r\n\r\npart";
        socket.write_all(head.as_bytes()).await.unwrap();
        while socket.read(&mut buf).await.is_ok_and(|n| n > 0) {}
    });
    addr
}
