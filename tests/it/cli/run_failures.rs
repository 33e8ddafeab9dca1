//! `run` where something cannot be sent or loaded: exit 2 for what cannot run at all, a
//! result per request that failed to prepare or connect, nothing sent for either, and URLs
//! masked in what is reported.

use crate::support::cli::{apibench_output, check_stderr, json};
use crate::support::{Scratch, closed_port, demo, fixture, shipped};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_refuses_what_it_cannot_send_with_exit_2_and_sends_nothing() {
    let server = demo::start().await;
    server.expect_no_calls();
    let base = format!("base_url={}", server.base_url());
    let demo = shipped("demo.yaml");
    let demo = demo.to_str().unwrap();
    for (mut args, expected) in [
        (
            vec!["run", demo, "-r", "Get mee"],
            "no request named `Get mee`; did you mean `Get me`?",
        ),
        (
            vec!["run", demo, "-r", "Demo API/Nope/Get me"],
            "no request named `Demo API/Nope/Get me`",
        ),
        (vec!["run", demo], "say which requests to send"),
        (
            vec!["run", demo, "--all", "--env", "prod"],
            "environment `prod` is not defined in collection `Demo API` (it defines local, logged-in)",
        ),
        (
            vec!["run", "no/such/file.yaml", "--all"],
            "no/such/file.yaml: cannot open",
        ),
    ] {
        args.extend(["--var", base.as_str()]);
        let output = apibench_output(&args);
        check_stderr(&output, 2, expected);
        assert!(output.stdout.is_empty(), "{args:?} printed results");
    }
}

#[test]
fn a_run_whose_only_file_fails_to_load_exits_2_at_the_broken_line() {
    let path = fixture("broken/unknown_field.yaml");
    let output = apibench_output(&["run", path.to_str().unwrap(), "--all", "--output", "json"]);
    check_stderr(
        &output,
        2,
        &format!("{}:5:5: requests[0]: unknown field `hedaers`", path.display()),
    );
    assert!(output.stdout.is_empty(), "nothing loaded, so nothing to report");
}

#[test]
fn a_folder_with_one_broken_file_reports_it_and_runs_the_rest() {
    let scratch = Scratch::new();
    let closed = closed_port();
    scratch.write(
        "good.yaml",
        format!("name: Good\nrequests:\n  - name: Down\n    url: http://127.0.0.1:{closed}/\n"),
    );
    scratch.copy_fixture("broken/bad_indentation.yaml", "broken.yaml");
    let output = apibench_output(&[
        "run",
        scratch.path().to_str().unwrap(),
        "--all",
        "--output",
        "json",
    ]);
    // A collection that does not load makes the run a usage error.
    check_stderr(&output, 2, "broken.yaml:5:4:");
    assert_eq!(json(&output)["results"][0]["error"]["kind"], "connect");
}

#[test]
fn urls_are_masked_in_text_and_json_for_sent_and_unsent_requests_unless_asked() {
    let scratch = Scratch::new();
    let closed = closed_port();
    let file = scratch.write(
        "keys.yaml",
        format!(
            "name: Keys\nrequests:\n  - name: Down\n    url: http://127.0.0.1:{closed}/?api_key=s3cret\n  \
             - name: Broken\n    url: \"http://127.0.0.1:{closed}/?api_key=s3cret&x={{{{ missing }}}}\"\n"
        ),
    );
    let file = file.to_str().unwrap();
    for format in ["text", "json"] {
        let masked = apibench_output(&["run", file, "--all", "--output", format]);
        let stdout = String::from_utf8(masked.stdout).unwrap();
        assert_eq!(masked.status.code(), Some(1), "{stdout}");
        assert!(!stdout.contains("s3cret"), "{format}: {stdout}");
        assert_eq!(stdout.matches("api_key=****").count(), 2, "{format}: {stdout}");
        let shown = apibench_output(&["run", file, "--all", "--output", format, "--show-secrets"]);
        let stdout = String::from_utf8(shown.stdout).unwrap();
        assert!(stdout.contains("api_key=s3cret"), "{format}: {stdout}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn template_errors_are_reported_as_results_without_sending() {
    let server = demo::start().await;
    server.expect_no_calls();
    let output = apibench_output(&[
        "run",
        fixture("broken/unknown_variable.yaml").to_str().unwrap(),
        "--all",
        "--output",
        "json",
        "--var",
        &format!("base_url={}", server.base_url()),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let doc = json(&output);
    let result = &doc["results"][0];
    assert!(result["response"].is_null());
    assert_eq!(result["error"]["kind"], "template");
    assert_eq!(result["request"]["url"], "{{ base_url }}/v1/users/{{ userid }}");
    assert_eq!(result["diagnosis"]["title"], "Template error");
}
