//! The real binary, end to end: `run` against the in-process demo API, `check`, exit codes.

mod common;

use apibench::demo::DemoServer;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

fn apibench() -> Command {
    let mut cmd = Command::cargo_bin("apibench").unwrap();
    // The demo's "Get me" scenario depends on DEMO_TOKEN being unset.
    cmd.env_remove("DEMO_TOKEN").env("NO_COLOR", "1");
    cmd
}

/// Asserts that a finished command exited with `code` and said `expected` on stderr; returns
/// stderr for further checks.
#[track_caller]
fn check_stderr(output: &Output, code: i32, expected: &str) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "exit code; stderr:\n{stderr}");
    assert!(
        stderr.contains(expected),
        "stderr should contain {expected:?}:\n{stderr}"
    );
    stderr
}

/// `apibench ARGS`, run to the end.
fn apibench_output(args: &[&str]) -> Output {
    apibench().args(args).output().unwrap()
}

/// `run` on the demo collection pointed at `server`, with a closed port for the refused case.
fn run_demo(server: &DemoServer, extra: &[&str]) -> Output {
    let closed = format!("closed_port_url=http://127.0.0.1:{}", common::closed_port());
    let base = format!("base_url={}", server.base_url());
    let demo = common::shipped("demo.yaml");
    let mut args = vec!["run", demo.to_str().unwrap(), "--var", &base, "--var", &closed];
    args.extend_from_slice(extra);
    apibench().args(&args).output().unwrap()
}

/// What each demo request produces (a status or an error kind), and the first failed check
/// of its checklist: the cause the scenario was built to show.
const DEMO_EXPECTED: &[(&str, &str, Option<&str>)] = &[
    ("Demo API/List users", "200", None),
    ("Demo API/Get me", "401", Some("401.creds-sent")),
    ("Demo API/Rate limited", "200", None),
    ("Demo API/Auth/Log in", "200", None),
    (
        "Demo API/Auth/Log in with a wrong password",
        "401",
        Some("401.challenge"),
    ),
    ("Demo API/Auth/Admin stats", "403", Some("403.scope")),
    ("Demo API/Users/Create user", "201", None),
    (
        "Demo API/Users/Create user with a bad email",
        "422",
        Some("422.fields"),
    ),
    (
        "Demo API/Users/Create user without a name",
        "422",
        Some("422.fields"),
    ),
    (
        "Demo API/Users/Create user from malformed JSON",
        "400",
        Some("400.body-parses"),
    ),
    (
        "Demo API/Users/Create user as plain text",
        "415",
        Some("415.ct-advertised"),
    ),
    ("Demo API/Users/Delete all users", "405", Some("405.allow")),
    ("Demo API/Users/Old API version", "404", Some("404.path-shape")),
    ("Demo API/Server errors/Crash", "500", Some("500.server-fault")),
    ("Demo API/Server errors/Patch reports", "501", Some("501.patch")),
    ("Demo API/Server errors/Bad gateway", "502", Some("502.who")),
    (
        "Demo API/Server errors/Maintenance",
        "503",
        Some("503.retry-after"),
    ),
    ("Demo API/Server errors/Gateway timeout", "504", Some("504.who")),
    (
        "Demo API/Server errors/Proxy wants credentials",
        "407",
        Some("407.creds-sent"),
    ),
    (
        "Demo API/Network/Too slow for the timeout",
        "timeout",
        Some("timeout.ttfb"),
    ),
    ("Demo API/Network/Big response", "200", None),
    (
        "Demo API/Network/Redirect loop",
        "redirect_loop",
        Some("redirect.loop"),
    ),
    ("Demo API/Network/Escape sequences", "200", None),
    (
        "Demo API/Network/Connection refused",
        "connect",
        Some("refused.target"),
    ),
    ("Demo API/Network/Unknown host", "dns", Some("dns.kind")),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_all_json_gives_one_result_per_demo_request_with_the_designed_status() {
    let server = DemoServer::start(0).await.unwrap();
    let output = run_demo(&server, &["--all", "--output", "json"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "network failures make the run fail"
    );
    let doc: Value = serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    let results = doc["results"].as_array().unwrap();
    let got: Vec<(String, String, Option<String>)> = results
        .iter()
        .map(|r| {
            let outcome = if r["response"].is_null() {
                r["error"]["kind"].as_str().unwrap().to_owned()
            } else {
                r["response"]["status"].to_string()
            };
            let first_fail = r["diagnosis"]["checks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["verdict"] == "fail")
                .map(|c| c["id"].as_str().unwrap().to_owned());
            (
                r["request"]["path"].as_str().unwrap().to_owned(),
                outcome,
                first_fail,
            )
        })
        .collect();
    let expected: Vec<(String, String, Option<String>)> = DEMO_EXPECTED
        .iter()
        .map(|(p, o, c)| ((*p).to_owned(), (*o).to_owned(), c.map(str::to_owned)))
        .collect();
    for (got, expected) in got.iter().zip(&expected) {
        assert_eq!(got, expected);
    }
    assert_eq!(got.len(), expected.len());
    // Every fail quotes evidence.
    for r in results {
        for c in r["diagnosis"]["checks"].as_array().unwrap() {
            assert!(!c["evidence"].as_str().unwrap().is_empty(), "{c}");
        }
    }

    // The contract's shape, on one response and one failure.
    let me = &results[1];
    assert_eq!(me["request"]["name"], "Get me");
    assert_eq!(me["request"]["method"], "GET");
    assert!(
        me["request"]["headers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h[0] == "accept")
    );
    assert_eq!(me["response"]["reason"], "Unauthorized");
    assert_eq!(me["response"]["http_version"], "HTTP/1.1");
    assert!(me["response"]["elapsed_ms"].as_f64().unwrap() > 0.0);
    assert_eq!(
        me["response"]["body_bytes"],
        me["response"]["body"].as_str().unwrap().len()
    );
    assert_eq!(me["diagnosis"]["title"], "401 Unauthorized");
    assert!(me["diagnosis"]["checks"].is_array() && me["diagnosis"]["tips"].is_array());
    assert_eq!(me["expectation_met"], true, "Get me is built to answer 401");
    let refused = &results[23];
    assert!(refused["response"].is_null());
    assert!(refused["error"]["message"].as_str().unwrap().contains("refused"));
    assert_eq!(refused["expectation_met"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_are_masked_unless_asked_for() {
    let server = DemoServer::start(0).await.unwrap();
    let output = run_demo(&server, &["-r", "Auth/Admin stats", "--output", "json"]);
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "Log in is sent first for its token");
    assert_eq!(
        results[0]["request"]["body"],
        r#"{"username":"demo","password":"****"}"#
    );
    let auth = |r: &Value| {
        r["request"]["headers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h[0] == "authorization")
            .map(|h| h[1].as_str().unwrap().to_owned())
    };
    assert_eq!(auth(&results[1]).as_deref(), Some("Bearer ****"));
    assert!(!String::from_utf8_lossy(&output.stdout).contains(r#""password":"demo""#));

    let shown = run_demo(
        &server,
        &["-r", "Auth/Admin stats", "--output", "json", "--show-secrets"],
    );
    let doc: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(auth(&doc["results"][1]).as_deref(), Some("Bearer demo-token"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_status_is_zero_only_when_every_expectation_is_met() {
    let server = DemoServer::start(0).await.unwrap();
    let ok = run_demo(&server, &["-r", "List users", "-r", "Get me"]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let text = String::from_utf8(ok.stdout).unwrap();
    assert!(text.contains("401 Unauthorized"), "{text}");
    assert!(text.contains("2 request(s): 2 as expected, 0 not"), "{text}");

    let missed = run_demo(&server, &["-r", "Get me", "--env", "logged-in"]);
    assert_eq!(
        missed.status.code(),
        Some(1),
        "with a token, Get me answers 200 instead of the expected 401"
    );
    let text = String::from_utf8(missed.stdout).unwrap();
    assert!(text.contains("1 request(s): 0 as expected, 1 not"), "{text}");
}

#[test]
fn run_refuses_what_it_cannot_send_with_exit_2_and_sends_nothing() {
    let demo = common::shipped("demo.yaml");
    let demo = demo.to_str().unwrap();
    for (args, expected) in [
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
        let output = apibench_output(&args);
        check_stderr(&output, 2, expected);
        assert!(output.stdout.is_empty(), "{args:?} printed results");
    }
}

#[test]
fn a_run_whose_only_file_fails_to_load_exits_2_at_the_broken_line() {
    let path = common::fixture("broken/unknown_field.yaml");
    let output = apibench_output(&["run", path.to_str().unwrap(), "--all", "--output", "json"]);
    check_stderr(
        &output,
        2,
        &format!("{}:5:5: requests[0]: unknown field `hedaers`", path.display()),
    );
    assert!(output.stdout.is_empty(), "nothing loaded, so nothing to report");
}

#[test]
fn check_points_at_the_broken_line_and_exits_2() {
    let path = common::fixture("broken/unknown_field.yaml");
    let output = apibench_output(&["check", path.to_str().unwrap()]);
    check_stderr(
        &output,
        2,
        &format!(
            "{}:5:5: requests[0]: unknown field `hedaers`: did you mean `headers`?",
            path.display()
        ),
    );
}

#[test]
fn check_finds_unknown_variables_with_their_position() {
    let path = common::fixture("broken/unknown_variable.yaml");
    let output = apibench_output(&["check", path.to_str().unwrap()]);
    check_stderr(
        &output,
        2,
        &format!(
            "{}:7:35: request `Get user`: url: unknown variable `userid` (did you mean `user_id`?)",
            path.display()
        ),
    );
}

#[test]
fn check_reports_an_unknown_environment_once_per_collection() {
    let demo = common::shipped("demo.yaml");
    let output = apibench_output(&["check", demo.to_str().unwrap(), "--env", "prod"]);
    let stderr = check_stderr(
        &output,
        2,
        &format!(
            "{}: environment `prod` is not defined in collection `Demo API` (it defines local, logged-in)",
            demo.display()
        ),
    );
    assert!(stderr.contains("\n1 problem(s) found"), "{stderr}");
    let ok = apibench_output(&["check", demo.to_str().unwrap(), "--env", "logged-in"]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[test]
fn check_exits_2_on_a_path_that_does_not_exist() {
    let output = apibench_output(&["check", "no/such/dir"]);
    let stderr = check_stderr(&output, 2, "no/such/dir: cannot open");
    assert!(stderr.contains("1 problem(s) found"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn an_override_makes_an_unknown_variable_known_to_check() {
    let path = common::fixture("broken/unknown_variable.yaml");
    let output = apibench_output(&["check", path.to_str().unwrap(), "--var", "userid=7"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("ok: 1 collection(s), 1 request(s)"));
}

#[test]
fn check_passes_on_the_shipped_collections() {
    let output = apibench()
        .args(["check", common::shipped("").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("ok:"));
}

#[test]
fn a_folder_with_one_broken_file_reports_it_and_runs_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let closed = common::closed_port();
    std::fs::write(
        dir.path().join("good.yaml"),
        format!("name: Good\nrequests:\n  - name: Down\n    url: http://127.0.0.1:{closed}/\n"),
    )
    .unwrap();
    std::fs::copy(
        common::fixture("broken/bad_indentation.yaml"),
        dir.path().join("broken.yaml"),
    )
    .unwrap();
    let output = apibench_output(&["run", dir.path().to_str().unwrap(), "--all", "--output", "json"]);
    // A collection that does not load makes the run a usage error.
    check_stderr(&output, 2, "broken.yaml:5:4:");
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["results"][0]["error"]["kind"], "connect");
}

#[test]
fn urls_are_masked_in_text_and_json_for_sent_and_unsent_requests_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keys.yaml");
    let closed = common::closed_port();
    std::fs::write(
        &file,
        format!(
            "name: Keys\nrequests:\n  - name: Down\n    url: http://127.0.0.1:{closed}/?api_key=s3cret\n  \
             - name: Broken\n    url: \"http://127.0.0.1:{closed}/?api_key=s3cret&x={{{{ missing }}}}\"\n"
        ),
    )
    .unwrap();
    let file = file.to_str().unwrap();
    for output in ["text", "json"] {
        let masked = apibench_output(&["run", file, "--all", "--output", output]);
        let stdout = String::from_utf8(masked.stdout).unwrap();
        assert_eq!(masked.status.code(), Some(1), "{stdout}");
        assert!(!stdout.contains("s3cret"), "{output}: {stdout}");
        assert_eq!(stdout.matches("api_key=****").count(), 2, "{output}: {stdout}");
        let shown = apibench_output(&["run", file, "--all", "--output", output, "--show-secrets"]);
        let stdout = String::from_utf8(shown.stdout).unwrap();
        assert!(stdout.contains("api_key=s3cret"), "{output}: {stdout}");
    }
}

#[test]
fn template_errors_are_reported_as_results_without_sending() {
    let output = apibench()
        .args([
            "run",
            common::fixture("broken/unknown_variable.yaml").to_str().unwrap(),
            "--all",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let result = &doc["results"][0];
    assert!(result["response"].is_null());
    assert_eq!(result["error"]["kind"], "template");
    assert_eq!(result["request"]["url"], "{{ base_url }}/v1/users/{{ userid }}");
    assert_eq!(result["diagnosis"]["title"], "Template error");
}

#[test]
fn usage_errors_exit_2() {
    let demo = common::shipped("demo.yaml");
    let demo = demo.to_str().unwrap();
    for (args, expected) in [
        (vec!["run"], "<PATH>"),
        (
            vec!["run", demo, "--all", "--var", "novalue"],
            "`novalue` should look like KEY=VALUE",
        ),
        (
            vec!["check", demo, "--var", "=x"],
            "`=x` has an empty name before `=`",
        ),
        (vec!["run", demo, "--all", "-r", "Get me"], "cannot be used with"),
        (
            vec!["run", demo, "--all", "--output", "yaml"],
            "invalid value 'yaml'",
        ),
        (vec!["run", demo, "--bogus"], "unexpected argument '--bogus'"),
    ] {
        check_stderr(&apibench_output(&args), 2, expected);
    }
}

#[test]
fn demo_no_tui_prints_its_base_url_first() {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("apibench"))
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escape_sequences_from_a_server_reach_stdout_only_as_visible_symbols() {
    let server = DemoServer::start(0).await.unwrap();
    let output = run_demo(&server, &["-r", "Network/Escape sequences"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let raw = stdout
        .chars()
        .find(|c| c.is_control() && *c != '\n' || ('\u{80}'..='\u{9f}').contains(c));
    assert_eq!(raw, None, "a control character reached stdout:\n{stdout}");
    assert!(stdout.contains("␛[31mred text␛[0m"), "{stdout}");
    assert!(stdout.contains("␛]0;pwned window title␇"), "{stdout}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_max_body_is_body_too_large_in_json_with_its_checklist() {
    let server = DemoServer::start(0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.yaml");
    std::fs::write(
        &file,
        format!(
            "name: Big\nrequests:\n  - name: Too big\n    url: {}/v1/big?mb=1\n    max_body: 100KB\n",
            server.base_url()
        ),
    )
    .unwrap();
    let output = apibench_output(&["run", file.to_str().unwrap(), "--all", "--output", "json"]);
    assert_eq!(output.status.code(), Some(1), "a network-level failure");
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let result = &doc["results"][0];
    assert_eq!(result["error"]["kind"], "body_too_large", "{result:#}");
    assert!(
        result["error"]["message"]
            .as_str()
            .unwrap()
            .contains("the 100KB limit (max_body)"),
        "{result:#}"
    );
    let first_fail = result["diagnosis"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["verdict"] == "fail")
        .map(|c| c["id"].as_str().unwrap().to_owned());
    assert_eq!(first_fail.as_deref(), Some("body.limit"), "{result:#}");
}
