//! `apibench demo --no-tui`: the demo API as a process, its address printed first for scripts.

use std::io::{BufRead, BufReader, Read, Write};

#[test]
fn demo_no_tui_prints_its_base_url_first() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_apibench"))
        .args(["demo", "--no-tui", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let base = first.trim().to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    // The API answers on that address.
    let port: u16 = base.rsplit(':').next().unwrap().parse().unwrap();
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .write_all(b"GET /v1/users HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Without a terminal the TUI says so and points at `run`, with the usage exit code, instead
/// of panicking into raw mode.
#[test]
fn the_tui_without_a_terminal_says_so_and_exits_2() {
    let collection = crate::support::shipped("demo.yaml");
    for arg in ["demo", collection.to_str().unwrap()] {
        let output = crate::support::cli::apibench()
            .arg(arg)
            .write_stdin("")
            .output()
            .unwrap();
        let stderr = crate::support::cli::check_stderr(&output, 2, "needs a terminal");
        assert!(stderr.contains("apibench run"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
