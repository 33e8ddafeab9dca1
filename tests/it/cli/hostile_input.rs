//! Collections written to hurt: variables that expand without bound, nesting that would make
//! the parser crawl, escape sequences in names. `check` and `run` answer each quickly with a
//! located error or inert text, never hang, abort or let the terminal be rewritten.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use crate::support::Scratch;
use crate::support::cli::{apibench_output, check_stderr};

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
    let scratch = Scratch::new();
    let path = scratch.write("bomb.yaml", doubling_collection());
    let started = Instant::now();
    let output = apibench_output(&["check", path.to_str().unwrap()]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let stderr = check_stderr(
        &output,
        2,
        &format!(
            "{}:36:30: request `Boom`: url: variables expand too far",
            path.display()
        ),
    );
    assert!(stderr.contains("v30 → v29 → v28"), "{stderr}");
}

#[test]
fn check_refuses_ten_thousand_levels_of_brackets_quickly_at_the_level_too_deep() {
    let scratch = Scratch::new();
    let deep = format!(
        "name: Deep\nx-deep: {}{}\nrequests:\n  - name: a\n    url: http://127.0.0.1:9/{{{{ nope }}}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let path = scratch.write("deep.yaml", deep);
    let started = Instant::now();
    let output = apibench_output(&["check", path.to_str().unwrap()]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    check_stderr(
        &output,
        2,
        &format!("{}:2:72: nested more than 64 levels deep", path.display()),
    );
}

#[test]
fn check_refuses_indented_mappings_nested_past_the_limit() {
    let scratch = Scratch::new();
    let mut deep = String::from("name: Deep\nx-deep:\n");
    for level in 1..=100 {
        writeln!(deep, "{}k{level}:", " ".repeat(level)).unwrap();
    }
    deep.push_str("requests: []\n");
    let path = scratch.write("deep.yaml", deep);
    let output = apibench_output(&["check", path.to_str().unwrap()]);
    check_stderr(
        &output,
        2,
        &format!("{}:66:65: nested more than 64 levels deep", path.display()),
    );
}
