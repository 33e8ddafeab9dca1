//! The real `apibench` binary as a command: built with a clean environment, run to the end,
//! its exit code and stderr checked, and its JSON results read.

use std::process::Output;

use apibench::demo::DemoServer;
use assert_cmd::Command;
use serde_json::Value;

use super::{closed_port, shipped};

/// `apibench` with `DEMO_TOKEN` unset (the demo's "Get me" scenario depends on it), no
/// colour, and its history kept under the build's scratch folder, never in the home folder.
pub fn apibench() -> Command {
    let mut cmd = Command::cargo_bin("apibench").unwrap();
    cmd.env_remove("DEMO_TOKEN")
        .env("NO_COLOR", "1")
        .env("APIBENCH_DATA_DIR", shared_data_dir());
    cmd
}

/// The history the tests that do not look at it share.
pub fn shared_data_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("shared-history")
}

/// `apibench ARGS`, run to the end.
pub fn apibench_output(args: &[&str]) -> Output {
    apibench().args(args).output().unwrap()
}

/// `run` on the demo collection pointed at `server`, with a closed port for the refused case.
pub fn run_demo(server: &DemoServer, extra: &[&str]) -> Output {
    let closed = format!("closed_port_url=http://127.0.0.1:{}", closed_port());
    let base = format!("base_url={}", server.base_url());
    let demo = shipped("demo.yaml");
    let mut args = vec!["run", demo.to_str().unwrap(), "--var", &base, "--var", &closed];
    args.extend_from_slice(extra);
    apibench_output(&args)
}

/// Asserts that a finished command exited with `code` and said `expected` on stderr; returns
/// stderr for further checks.
#[track_caller]
pub fn check_stderr(output: &Output, code: i32, expected: &str) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "exit code; stderr:\n{stderr}");
    assert!(
        stderr.contains(expected),
        "stderr should contain {expected:?}:\n{stderr}"
    );
    stderr
}

/// Asserts a zero exit, showing stderr if not.
#[track_caller]
pub fn check_success(output: &Output) {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Stdout as the one JSON document `--output json` prints.
#[track_caller]
pub fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON document")
}

/// The id of the first failed check in one result of `--output json`.
pub fn first_failed_check(result: &Value) -> Option<String> {
    result["diagnosis"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["verdict"] == "fail")
        .map(|c| c["id"].as_str().unwrap().to_owned())
}
