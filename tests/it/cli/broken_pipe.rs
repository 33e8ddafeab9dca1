//! `run … | head -1`: once stdout is closed there is no one to tell, so the run stops before
//! its next request and exits non-zero, rather than send every request into the void.

use std::io::{BufRead as _, BufReader};
use std::process::Stdio;
use std::time::Duration;

use crate::support::Scratch;
use crate::support::cli::apibench;
use crate::support::demo::{self, calls_made};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_stops_sending_once_stdout_is_closed_and_exits_non_zero() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let collection = format!(
        "name: Many\nrequests:\n  - name: Post\n    method: POST\n    url: {}/v1/echo\n    body:\n      json: {{ n: 1 }}\n",
        server.base_url()
    );
    let path = scratch.write("many.yaml", collection);
    let mut child = std::process::Command::new(apibench().get_program())
        .envs(
            apibench()
                .get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .args([
            "run",
            path.to_str().unwrap(),
            "--request",
            "Post",
            "--repeat",
            "1000",
            "--no-history",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, as `head -1` does, then close the pipe.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.contains("Many/Post"), "{first:?}");
    drop(stdout);

    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    let output = tokio::task::spawn_blocking(move || rx.recv_timeout(Duration::from_secs(60)))
        .await
        .unwrap()
        .expect("the run ends once stdout is closed")
        .unwrap();
    let sent = calls_made(&server).len();
    assert!(sent < 100, "{sent} of 1000 requests sent after stdout closed");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("stdout was closed"), "{stderr}");
}

/// Commands that only print: a stdout closed before they write is a message and exit 1,
/// never the panic `print!` makes of it.
#[test]
fn printing_commands_report_a_closed_stdout_instead_of_panicking() {
    for args in [&["explain"][..], &["explain", "401.creds-sent"], &["schema"]] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = std::process::Command::new(apibench().get_program())
            .args(args)
            .env("NO_COLOR", "1")
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("stdout was closed"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
