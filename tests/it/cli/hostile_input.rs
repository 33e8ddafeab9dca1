//! Collections written to hurt: variables that expand without bound, nesting that would make
//! the parser crawl, escape sequences in names. `check` and `run` answer each quickly with a
//! located error or inert text, never hang, abort or let the terminal be rewritten.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use crate::support::Scratch;
use crate::support::cli::{apibench_output, check_stderr, check_success};

/// `check` on `text` written as `name` in a fresh directory: its path and what it gave, and
/// how long it took.
fn check_text(name: &str, text: impl AsRef<[u8]>) -> (PathBuf, Output, Duration) {
    let scratch = Scratch::new();
    let path = scratch.write(name, text);
    let started = Instant::now();
    let output = apibench_output(&["check", path.to_str().unwrap()]);
    (path, output, started.elapsed())
}

/// Asserts `check` exited 2 and said `message` at `path:at`; returns stderr.
#[track_caller]
fn check_says(path: &Path, output: &Output, at_and_message: &str) -> String {
    check_stderr(output, 2, &format!("{}:{at_and_message}", path.display()))
}

/// 30 variables, each twice the one before: under 1 KB of YAML that would render 2 GiB.
fn doubling_collection() -> String {
    let mut text = String::from("name: Bomb\nvariables:\n  v0: \"xx\"\n");
    for i in 1..=30 {
        writeln!(text, "  v{i}: \"{{{{ v{0} }}}}{{{{ v{0} }}}}\"", i - 1).unwrap();
    }
    text.push_str("requests:\n  - name: Boom\n    url: \"http://127.0.0.1:9/{{ v30 }}\"\n");
    assert!(text.len() < 1024, "{} bytes", text.len());
    text
}

#[test]
fn check_stops_variables_that_double_at_each_level_with_the_chain_located() {
    let (path, output, took) = check_text("bomb.yaml", doubling_collection());
    assert!(took < Duration::from_secs(20), "{took:?}");
    let stderr = check_says(
        &path,
        &output,
        "36:30: request `Boom`: url: variables expand too far",
    );
    assert!(stderr.contains("v30 → v29 → v28"), "{stderr}");
}

#[test]
fn check_refuses_ten_thousand_levels_of_brackets_quickly_at_the_level_too_deep() {
    let deep = format!(
        "name: Deep\nx-deep: {}{}\nrequests:\n  - name: a\n    url: http://127.0.0.1:9/{{{{ nope }}}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (path, output, took) = check_text("deep.yaml", deep);
    assert!(took < Duration::from_secs(20), "{took:?}");
    check_says(&path, &output, "2:72: nested more than 64 levels deep");
}

#[test]
fn check_refuses_indented_mappings_nested_past_the_limit() {
    let mut deep = String::from("name: Deep\nx-deep:\n");
    for level in 1..=100 {
        writeln!(deep, "{}k{level}:", " ".repeat(level)).unwrap();
    }
    deep.push_str("requests: []\n");
    let (path, output, _) = check_text("deep.yaml", deep);
    check_says(&path, &output, "66:65: nested more than 64 levels deep");
}

/// Names that try to retitle the window (OSC 0), start a C1 control sequence (CSI as one
/// byte) and reverse the text that follows (U+202E).
const HOSTILE: &str = r"\e]0;pwned\a \u009b31m \u202eevil";

/// Whether `text` holds anything a terminal would act on rather than show.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            matches!(c, '\u{1b}' | '\u{7}' | '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[track_caller]
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        raw_controls(&text).is_empty(),
        "{what} carries {:?}:\n{text}",
        raw_controls(&text)
    );
}

fn hostile_collection(base_url: &str) -> String {
    format!(
        "name: \"Shop {HOSTILE}\"\nrequests:\n  - folder: \"Folder {HOSTILE}\"\n    requests:\n      - name: \"Get {HOSTILE}\"\n        url: {base_url}/v1/escape\n      - name: \"Bad {HOSTILE}\"\n        url: \"{base_url}/{{{{ nope }}}}\"\n"
    )
}

#[test]
fn check_writes_hostile_names_and_load_errors_inert() {
    let (_, output, _) = check_text("hostile.yaml", hostile_collection("http://127.0.0.1:9"));
    let stderr = check_stderr(&output, 2, "unknown variable `nope`");
    assert!(
        stderr.contains("Bad ␛]0;pwned␇ <U+009B>31m <U+202E>evil"),
        "{stderr}"
    );
    assert_inert("check stdout", &output.stdout);
    assert_inert("check stderr", &output.stderr);
    // A load error quoting the hostile text.
    let (_, output, _) = check_text(
        "broken.yaml",
        format!(
            "name: x\nrequests:\n  - name: \"a {HOSTILE}\"\n    url: http://x\n  - name: \"a {HOSTILE}\"\n    url: http://x\n"
        ),
    );
    check_stderr(&output, 2, "duplicate request name");
    assert_inert("check stderr of a load error", &output.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_writes_hostile_names_and_server_text_inert_in_text_and_json() {
    let server = crate::support::demo::start().await;
    let scratch = Scratch::new();
    let path = scratch.write("hostile.yaml", hostile_collection(&server.base_url()));
    let mut json_output = None;
    for format in ["text", "json"] {
        let output = apibench_output(&[
            "run",
            path.to_str().unwrap(),
            "--all",
            "--no-history",
            "--output",
            format,
        ]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_inert(&format!("run --output {format} stdout"), &output.stdout);
        assert_inert(&format!("run --output {format} stderr"), &output.stderr);
        json_output = Some(output);
    }
    let output = json_output.unwrap();
    let document: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("still one JSON document");
    let names: Vec<&str> = document["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["path"].as_str())
        .collect();
    assert!(
        names.iter().any(|n| n.contains("\u{202e}evil")),
        "the JSON keeps the name, escaped: {names:?}"
    );
}

#[test]
fn check_accepts_a_collection_that_starts_with_a_utf8_bom() {
    let (_, output, _) = check_text(
        "bom.yaml",
        "\u{feff}name: Bom\nrequests:\n  - name: Get\n    url: http://127.0.0.1:9/\n",
    );
    check_success(&output);
    // A problem on the first line is still located in characters after the BOM.
    let (path, output, _) = check_text("bom_bad.yaml", "\u{feff}nmae: Bom\nrequests: []\n");
    check_says(&path, &output, "1:1: unknown field `nmae`");
}

#[test]
fn check_applies_yaml_merge_keys() {
    let (_, output, _) = check_text(
        "merge.yaml",
        "name: Merge\nx-common: &common\n  url: http://127.0.0.1:9/\n  method: POST\nrequests:\n  - name: A\n    <<: *common\n  - name: B\n    <<: *common\n    method: PUT\n",
    );
    check_success(&output);
    assert!(String::from_utf8_lossy(&output.stdout).contains("2 requests"));
}
