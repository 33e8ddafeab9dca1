//! `run` on the shipped demo collection against the in-process demo API: one result per
//! request with the status and first failed check each scenario was built for, the JSON
//! contract, masking of credentials, exit codes and terminal-safe output.

use serde_json::Value;

use crate::support::cli::{apibench, apibench_output, first_failed_check, json, run_demo};
use crate::support::{Scratch, demo};

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
    (
        "Demo API/Users/Old API version",
        "404",
        Some("404.route-vs-record"),
    ),
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
    let server = demo::start().await;
    let output = run_demo(&server, &["--all", "--output", "json"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "every scenario behaves as designed: the network ones are expected to fail"
    );
    let doc = json(&output);
    let results = doc["results"].as_array().unwrap();
    let got: Vec<(String, String, Option<String>)> = results
        .iter()
        .map(|r| {
            let outcome = if r["response"].is_null() {
                r["error"]["kind"].as_str().unwrap().to_owned()
            } else {
                r["response"]["status"].to_string()
            };
            (
                r["request"]["path"].as_str().unwrap().to_owned(),
                outcome,
                first_failed_check(r),
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
    assert_eq!(
        refused["expectation_met"], true,
        "the refused connection is what it expects (fails_with: connect)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_are_masked_unless_asked_for() {
    let server = demo::start().await;
    let output = run_demo(&server, &["-r", "Auth/Admin stats", "--output", "json"]);
    let doc = json(&output);
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
    let doc = json(&shown);
    assert_eq!(auth(&doc["results"][1]).as_deref(), Some("Bearer demo-token"));

    // Masking is for what is shown: each run logged in once, first, with the real password,
    // and sent the real token.
    assert_eq!(
        demo::calls_made(&server),
        [
            "POST /v1/login",
            "GET /v1/admin/stats",
            "POST /v1/login",
            "GET /v1/admin/stats"
        ]
    );
    let calls = server.calls();
    let real_login = br#"{"username":"demo","password":"demo"}"#;
    assert_eq!(calls[0].body_bytes, real_login.len() as u64);
    assert_eq!(calls[1].header("authorization"), Some("Bearer demo-token"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_status_is_zero_only_when_every_expectation_is_met() {
    let server = demo::start().await;
    let ok = run_demo(&server, &["-r", "List users", "-r", "Get me"]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let text = String::from_utf8(ok.stdout).unwrap();
    assert!(text.contains("401 Unauthorized"), "{text}");
    assert!(text.contains("2 requests: 2 as expected, 0 not"), "{text}");

    let missed = run_demo(&server, &["-r", "Get me", "--env", "logged-in"]);
    assert_eq!(
        missed.status.code(),
        Some(1),
        "with a token, Get me answers 200 instead of the expected 401"
    );
    let text = String::from_utf8(missed.stdout).unwrap();
    assert!(text.contains("1 request: 0 as expected, 1 not"), "{text}");
    // Why, under the request and again at the end, without colour (NO_COLOR is set).
    assert!(
        text.contains("● Demo API/Get me\n  ✘ status: expected 401, got 200\n"),
        "{text}"
    );
    assert!(
        text.contains("Not as expected:\n  ✘ Demo API/Get me — status: expected 401, got 200\n"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escape_sequences_from_a_server_reach_stdout_only_as_visible_symbols() {
    let server = demo::start().await;
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
    let server = demo::start().await;
    let scratch = Scratch::new();
    let file = scratch.write(
        "big.yaml",
        format!(
            "name: Big\nrequests:\n  - name: Too big\n    url: {}/v1/big?mb=1\n    max_body: 100KB\n",
            server.base_url()
        ),
    );
    let output = apibench_output(&["run", file.to_str().unwrap(), "--all", "--output", "json"]);
    assert_eq!(output.status.code(), Some(1), "a network-level failure");
    let doc = json(&output);
    let result = &doc["results"][0];
    assert_eq!(result["error"]["kind"], "body_too_large", "{result:#}");
    assert!(
        result["error"]["message"]
            .as_str()
            .unwrap()
            .contains("the 100KB limit (max_body)"),
        "{result:#}"
    );
    assert_eq!(
        first_failed_check(result).as_deref(),
        Some("body.limit"),
        "{result:#}"
    );
}

/// A body past the spill size goes to a temporary file; where none can be written, the send
/// fails with a message that says so and where the files go, not a panic.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_body_with_nowhere_to_spill_fails_and_says_where_it_tried() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let file = scratch.write(
        "big.yaml",
        format!(
            "name: Big\nrequests:\n  - name: Large\n    url: {}/v1/big?mb=40\n",
            server.base_url()
        ),
    );
    let output = apibench()
        .args([
            "run",
            file.to_str().unwrap(),
            "--all",
            "--output",
            "json",
            "--no-history",
        ])
        .env("TMPDIR", scratch.path().join("no such dir"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "a failed send");
    let doc = json(&output);
    let message = doc["results"][0]["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("goes to a temporary file, which could not be written")
            && message.contains("TMPDIR"),
        "{message}"
    );
}

/// `run` remembers what it sent, as the TUI does: the fourth rate-limited request is counted
/// with the three before it, once each, and the checklist agrees with the 429.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_counts_earlier_sends_for_the_rate_check_as_the_tui_does() {
    let server = demo::start().await;
    let rate = ["-r", "Rate limited"];
    let mut args: Vec<&str> = rate.iter().copied().cycle().take(8).collect();
    args.extend(["--output", "json"]);
    let doc = json(&run_demo(&server, &args));
    let results = doc["results"].as_array().unwrap();
    let statuses: Vec<String> = results
        .iter()
        .map(|r| r["response"]["status"].to_string())
        .collect();
    assert_eq!(statuses, ["200", "200", "200", "429"]);
    let rate_check = results[3]["diagnosis"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "429.client-rate")
        .expect("the 429 checks the request rate")
        .clone();
    assert_eq!(rate_check["verdict"], "fail", "{rate_check}");
    let evidence = rate_check["evidence"].as_str().unwrap();
    assert!(
        evidence.starts_with("You sent 4 requests to 127.0.0.1 in the 10 s up to "),
        "{evidence}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeat_sends_again_and_fail_fast_stops_at_the_first_miss() {
    let server = demo::start().await;
    let repeated = run_demo(&server, &["-r", "List users", "--repeat", "3", "--delay", "5ms"]);
    let text = String::from_utf8(repeated.stdout).unwrap();
    assert!(text.contains("3 requests: 3 as expected, 0 not"), "{text}");

    let stopped = run_demo(
        &server,
        &[
            "-r",
            "Get me",
            "-r",
            "List users",
            "--env",
            "logged-in",
            "--fail-fast",
        ],
    );
    assert_eq!(stopped.status.code(), Some(1));
    let text = String::from_utf8(stopped.stdout).unwrap();
    assert!(text.contains("1 request: 0 as expected, 1 not"), "{text}");
    assert!(
        !text.contains("● Demo API/List users"),
        "nothing after the miss: {text}"
    );
}

/// Ctrl-C while a request is in flight stops the run: exit status 3, and what was sent
/// before is still reported.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_stops_a_run_with_status_3() {
    let server = demo::start().await;
    let base = format!("base_url={}", server.base_url());
    let demo_file = crate::support::shipped("demo.yaml");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_apibench"))
        .env("APIBENCH_DATA_DIR", crate::support::cli::shared_data_dir())
        .args(["run", demo_file.to_str().unwrap(), "--var", &base])
        .args(["-r", "List users", "-r", "Network/Too slow for the timeout"])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait on the server's log, with a deadline, until the slow request has arrived.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !server.calls().iter().any(|c| c.path.starts_with("/v1/slow")) {
        assert!(
            std::time::Instant::now() < deadline,
            "the slow request never arrived"
        );
        tokio::task::yield_now().await;
    }
    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("● Demo API/List users"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_folder_or_a_pattern_selects_every_request_it_matches() {
    let server = demo::start().await;
    let folder = run_demo(&server, &["-r", "Auth/"]);
    let text = String::from_utf8(folder.stdout).unwrap();
    assert!(text.contains("3 requests:"), "the three requests of Auth: {text}");
    let pattern = run_demo(&server, &["-r", "*create user*"]);
    let text = String::from_utf8(pattern.stdout).unwrap();
    assert_eq!(text.matches("● Demo API/Users/Create user").count(), 5, "{text}");
    let none = run_demo(&server, &["-r", "Nope/"]);
    assert_eq!(none.status.code(), Some(2));
}
