//! `run` as a CI runner, against the demo API over real sockets: expectations met and missed
//! with what was expected beside what came, captures feeding later requests, `--jobs` keeping
//! dependencies and file order, `--retry` waiting as the server asks, `--tag`, reports read by
//! a real JUnit consumer, the JSON document valid against the schema shipped in docs/, and
//! credentials masked everywhere — including where the server echoes them back.

use serde_json::Value;

use crate::support::cli::{apibench, apibench_output, json, run_demo};
use crate::support::{Scratch, demo};

/// A collection for the demo at `base`: log in and capture the token, then use it; checks
/// on headers and JSON values, met and missed.
fn ci_collection(base: &str) -> String {
    format!(
        r#"name: CI
variables:
  base: {base}
requests:
  - folder: Auth
    tags: smoke
    requests:
      - name: Log in
        method: POST
        url: "{{{{ base }}}}/v1/login"
        body:
          json: {{ username: demo, password: demo }}
        capture:
          token: $.token
        expect:
          status: 200
          headers:
            Cache-Control: no-store
            Content-Type: {{ matches: '^application/json' }}
          body:
            $.token: {{ type: string }}
            $.expires_in: {{ type: integer, equals: 3600 }}
  - name: Me
    url: "{{{{ base }}}}/v1/me"
    auth:
      bearer: "{{{{ token }}}}"
    expect:
      status: 2xx
      body:
        $.id: 42
        $.scopes: {{ count: 1 }}
      max_duration: 10s
  - name: Users
    url: "{{{{ base }}}}/v1/users"
    tags: [smoke, users]
    expect:
      body:
        $.data[*].id: {{ count: 3 }}
        $.data[0].id: {{ type: string }}
        $.total: 4
      body_contains: Grace Hopper
  - name: Echo
    method: POST
    url: "{{{{ base }}}}/v1/echo"
    headers:
      Authorization: "Bearer {{{{ token }}}}"
    body:
      json: {{ note: hello }}
    expect:
      status: 200
"#
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_unmet_expectation_is_a_line_saying_what_was_expected_and_what_came() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let file = scratch.write("ci.yaml", ci_collection(&server.base_url()));
    let output = apibench_output(&["run", file.to_str().unwrap(), "--all"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{text}");
    // The token captured from Log in reached Me: it answered 200 with the user.
    assert!(text.contains("● CI/Me\n  GET "), "{text}");
    assert!(
        text.contains(concat!(
            "● CI/Users\n",
            "  ✘ $.data[0].id: expected string, got number 1\n",
            "  ✘ $.total: expected 4, got 3\n",
        )),
        "{text}"
    );
    assert!(
        text.contains(
            "Not as expected:\n  ✘ CI/Users — $.data[0].id: expected string, got number 1 (and 1 more)\n"
        ),
        "{text}"
    );
    assert!(text.contains("4 requests: 3 as expected, 1 not"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_json_document_is_versioned_stable_and_valid_against_the_shipped_schema() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let file = scratch.write("ci.yaml", ci_collection(&server.base_url()));
    let schema: Value = serde_json::from_str(include_str!("../../../docs/run-output.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the shipped schema compiles");
    let check = |doc: &Value| {
        let errors: Vec<String> = validator
            .iter_errors(doc)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    };

    let doc = json(&apibench_output(&[
        "run",
        file.to_str().unwrap(),
        "--all",
        "--output",
        "json",
    ]));
    check(&doc);
    assert_eq!(doc["schema"], 1);
    assert_eq!(doc["summary"]["total"], 4);
    assert_eq!(doc["summary"]["unmet"], 1);
    let users = &doc["results"][2];
    assert_eq!(users["path"], "CI/Users");
    let missed: Vec<&Value> = users["expectations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["met"] == false)
        .collect();
    assert_eq!(missed[0]["what"], "$.data[0].id");
    assert_eq!(missed[0]["expected"], "string");
    assert_eq!(missed[0]["actual"], "number 1");

    // The whole demo (network failures, templates, big bodies) fits the schema too.
    check(&json(&run_demo(&server, &["--all", "--output", "json"])));

    // A file that does not load is inside the document, and the others still run.
    scratch.write(
        "broken.yaml",
        "name: Broken\nrequests:\n  - name: X\n    url: [\n",
    );
    let doc = json(&apibench_output(&[
        "run",
        scratch.path().to_str().unwrap(),
        "--all",
        "--output",
        "json",
    ]));
    check(&doc);
    assert_eq!(doc["load_errors"][0]["line"], 4, "{doc:#}");
    assert!(
        doc["load_errors"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("broken.yaml")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_credential_the_server_echoes_back_is_masked_in_every_output() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let file = scratch.write("ci.yaml", ci_collection(&server.base_url()));
    let junit = scratch.path().join("report.xml");
    let tap = scratch.path().join("report.tap");
    let report_json = scratch.path().join("report.json");
    let args = |output: &str| {
        vec![
            "run".to_owned(),
            file.to_str().unwrap().to_owned(),
            "--all".to_owned(),
            "--output".to_owned(),
            output.to_owned(),
            format!("--report=junit={}", junit.display()),
            format!("--report=tap={}", tap.display()),
            format!("--report=json={}", report_json.display()),
        ]
    };
    let text = apibench().args(args("text")).output().unwrap();
    let printed = apibench().args(args("json")).output().unwrap();
    let everything = [
        String::from_utf8(text.stdout).unwrap(),
        String::from_utf8(printed.stdout).unwrap(),
        std::fs::read_to_string(&junit).unwrap(),
        std::fs::read_to_string(&tap).unwrap(),
        std::fs::read_to_string(&report_json).unwrap(),
    ];
    let token = apibench::demo::DEMO_TOKEN;
    for (n, out) in everything.iter().enumerate() {
        assert!(!out.contains(token), "output {n} shows the token:\n{out}");
    }
    // The server did see the real token, and echoed it: the masking is in what is shown.
    let echoed = server
        .calls()
        .into_iter()
        .find(|c| c.path == "/v1/echo")
        .expect("Echo was sent");
    assert_eq!(
        echoed.header("authorization").map(str::to_owned),
        Some(format!("Bearer {token}"))
    );
    let doc: Value = serde_json::from_str(&everything[4]).unwrap();
    let echo_body = doc["results"][3]["response"]["body"].as_str().unwrap();
    assert!(echo_body.contains("Bearer ****"), "{echo_body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn junit_and_tap_reports_are_read_by_real_consumers() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let file = scratch.write("ci.yaml", ci_collection(&server.base_url()));
    let junit = scratch.path().join("junit.xml");
    let tap = scratch.path().join("run.tap");
    let output = apibench_output(&[
        "run",
        file.to_str().unwrap(),
        "--all",
        "--report",
        &format!("junit={}", junit.display()),
        "--report",
        &format!("tap={}", tap.display()),
    ]);
    assert_eq!(output.status.code(), Some(1));

    // junit-parser reads it as CI systems do: one suite, four cases, one failure saying why.
    let suites = junit_parser::from_reader(std::io::BufReader::new(std::fs::File::open(&junit).unwrap()))
        .expect("the report is JUnit XML");
    assert_eq!(suites.suites.len(), 1);
    let suite = &suites.suites[0];
    assert_eq!(suite.name, "CI");
    assert_eq!((suite.tests, suite.failures), (4, 1));
    let users = suite
        .cases
        .iter()
        .find(|c| c.original_name == "Users")
        .expect("a case per request");
    let failure = users.status.failure_as_ref();
    assert_eq!(failure.message, "$.data[0].id: expected string, got number 1");
    assert!(
        failure.text.contains("$.total: expected 4, got 3"),
        "{}",
        failure.text
    );
    let log_in = suite
        .cases
        .iter()
        .find(|c| c.original_name == "Auth/Log in")
        .unwrap();
    assert_eq!(log_in.classname.as_deref(), Some("CI.Auth"));
    assert!(log_in.status.is_success());
    assert!(
        log_in
            .system_out
            .as_deref()
            .unwrap_or_default()
            .contains("200 OK")
    );

    // TAP 14: a plan, a line per request, a YAML block under the miss that parses.
    let tap = std::fs::read_to_string(&tap).unwrap();
    let lines: Vec<&str> = tap.lines().collect();
    assert_eq!(&lines[..3], ["TAP version 14", "1..4", "ok 1 - CI/Auth/Log in"]);
    assert!(tap.contains("\nnot ok 3 - CI/Users\n  ---\n"), "{tap}");
    let block = tap
        .split("not ok 3 - CI/Users\n  ---\n")
        .nth(1)
        .and_then(|rest| rest.split("\n  ...\n").next())
        .unwrap()
        .lines()
        .map(|l| l.strip_prefix("  ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let yaml: serde_yaml::Value = serde_yaml::from_str(&block).expect("the diagnostic block is YAML");
    assert_eq!(
        yaml["message"].as_str(),
        Some("$.data[0].id: expected string, got number 1")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_send_at_once_but_keep_captures_in_order_and_print_in_file_order() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let file = scratch.write("ci.yaml", ci_collection(&server.base_url()));
    let sequential = json(&apibench_output(&[
        "run",
        file.to_str().unwrap(),
        "--all",
        "--output",
        "json",
    ]));
    let parallel = json(&apibench_output(&[
        "run",
        file.to_str().unwrap(),
        "--all",
        "--jobs",
        "4",
        "--repeat",
        "3",
        "--output",
        "json",
    ]));
    let outcome = |doc: &Value| -> Vec<(String, bool)> {
        doc["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["path"].as_str().unwrap().to_owned(),
                    r["expectation_met"] == true,
                )
            })
            .collect()
    };
    let once = outcome(&sequential);
    let thrice: Vec<(String, bool)> = once.iter().cloned().cycle().take(12).collect();
    assert_eq!(
        outcome(&parallel),
        thrice,
        "same results, in file order, every round"
    );
    // Me read the captured token each time: it never got a 401.
    for r in parallel["results"].as_array().unwrap() {
        if r["path"] == "CI/Me" {
            assert_eq!(r["response"]["status"], 200, "{r:#}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_waits_as_the_server_asks_and_never_resends_a_post_it_may_have_done() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let base = server.base_url();
    let file = scratch.write(
        "flaky.yaml",
        format!(
            "name: Flaky\nrequests:\n  - name: Get\n    url: {base}/v1/flaky?fails=1&after=1\n  - name: Post\n    method: POST\n    url: {base}/v1/flaky?fails=1&after=1\n"
        ),
    );
    let output = apibench_output(&["run", file.to_str().unwrap(), "-r", "Get", "--retry", "2"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("↻ 503, waiting as the server asked (Retry-After: 1) — waited "),
        "{text}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("↻ Flaky/Get: 503, waiting as the server asked (Retry-After: 1); retrying in"),
        "{stderr}"
    );

    let post = apibench_output(&["run", file.to_str().unwrap(), "-r", "Post", "--retry", "2"]);
    let text = String::from_utf8(post.stdout).unwrap();
    assert_eq!(post.status.code(), Some(1), "{text}");
    assert!(
        text.contains("not retried, since a POST sent twice may do its work twice"),
        "{text}"
    );
    let posts = server.calls().iter().filter(|c| c.method == "POST").count();
    assert_eq!(posts, 1, "the POST went out once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tag_selects_its_requests_and_their_folders_and_an_unknown_one_names_the_others() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let file = scratch.write("ci.yaml", ci_collection(&server.base_url()));
    let output = apibench_output(&[
        "run",
        file.to_str().unwrap(),
        "--tag",
        "smoke",
        "--output",
        "json",
    ]);
    let doc = json(&output);
    let paths: Vec<&str> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["CI/Auth/Log in", "CI/Users"]);
    let unknown = apibench_output(&["run", file.to_str().unwrap(), "--tag", "smok"]);
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = String::from_utf8(unknown.stderr).unwrap();
    assert!(
        stderr.contains("no request is tagged `smok` (the tags are `smoke`, `users`)"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_pipe_ends_the_run_with_one_line_and_exit_1() {
    let server = demo::start().await;
    let closed = format!(
        "closed_port_url=http://127.0.0.1:{}",
        crate::support::closed_port()
    );
    let base = format!("base_url={}", server.base_url());
    let demo_file = crate::support::shipped("demo.yaml");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_apibench"))
        .env("APIBENCH_DATA_DIR", crate::support::cli::shared_data_dir())
        .args([
            "run",
            demo_file.to_str().unwrap(),
            "--var",
            &base,
            "--var",
            &closed,
            "--all",
        ])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe, as `| head -1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert_eq!(
        stderr.trim_end().lines().last(),
        Some("apibench: stdout was closed; stopped there (a run sends nothing more)"),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(1), "{stderr}");
}

/// The README's CI job, as written there, run without a terminal against the demo: it exits 0,
/// its output is plain text, and its JUnit report has a passing case per demo request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_ci_job_passes_without_a_terminal_with_plain_output() {
    let readme = include_str!("../../../README.md");
    let job = readme
        .split("### In CI")
        .nth(1)
        .and_then(|section| section.split("```sh\n").nth(1))
        .and_then(|block| block.split("```").next())
        .expect("the README has a CI job");
    let run_line = job
        .lines()
        .find(|l| l.starts_with("apibench run "))
        .expect("the job runs apibench run");
    let words = shlex::split(run_line.trim_start_matches("apibench ")).unwrap();
    let server = demo::start().await;
    let scratch = Scratch::new();
    let closed = format!(
        "closed_port_url=http://127.0.0.1:{}",
        crate::support::closed_port()
    );
    let base = format!("base_url={}", server.base_url());
    let output = apibench()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(words.iter().map(|w| {
            // The report goes to a scratch folder, not into the checkout.
            w.strip_prefix("junit=").map_or_else(
                || w.clone(),
                |_| format!("junit={}", scratch.path().join("r.xml").display()),
            )
        }))
        .args(["--var", &base, "--var", &closed])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour without a terminal:\n{text}");
    assert!(text.contains("25 requests: 25 as expected, 0 not"), "{text}");
    let report = std::fs::File::open(scratch.path().join("r.xml")).unwrap();
    let suites = junit_parser::from_reader(std::io::BufReader::new(report)).unwrap();
    assert_eq!((suites.tests, suites.failures), (25, 0));
}

/// `run` keeps every exchange in the history, masked before it is stored: the database's
/// bytes hold none of the credentials a collection sent — a bearer token, a Basic password,
/// an API key in the query, a password in a JSON body — nor the token a login returned and
/// the server echoed back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_history_database_holds_no_secret_even_one_the_server_echoed() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let data = scratch.path().join("data");
    let base = server.base_url();
    let file = scratch.write(
        "secrets.yaml",
        format!(
            r#"name: Secrets
requests:
  - name: Log in
    method: POST
    url: {base}/v1/login
    body:
      json: {{ username: demo, password: demo }}
    capture: {{ token: $.token }}
  - name: Echo everything
    method: POST
    url: "{base}/v1/echo?api_key=qk-0123456789abcdef"
    headers:
      X-Session-Token: "st-fedcba9876543210"
      Authorization: "Bearer {{{{ token }}}}"
    body:
      json: {{ password: "pw-correct-horse-battery", note: hello }}
  - name: Echo basic
    url: {base}/v1/echo
    auth:
      basic: {{ username: ada, password: "basic-secret-42" }}
  - name: Echo the token under another name
    url: "{base}/v1/echo?t={{{{ token }}}}"
    headers:
      X-Auth: "{{{{ token }}}}"
"#
        ),
    );
    let output = apibench()
        .env("APIBENCH_DATA_DIR", &data)
        .args(["run", file.to_str().unwrap(), "--all"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let echo = server
        .calls()
        .into_iter()
        .find(|c| c.path.starts_with("/v1/echo"))
        .unwrap();
    assert_eq!(
        echo.header("x-session-token"),
        Some("st-fedcba9876543210"),
        "the real value was sent"
    );

    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(&data).unwrap() {
        bytes.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    assert!(bytes.len() > 4096, "the history was written");
    let haystack = String::from_utf8_lossy(&bytes);
    for secret in [
        apibench::demo::DEMO_TOKEN,
        "qk-0123456789abcdef",
        "st-fedcba9876543210",
        "pw-correct-horse-battery",
        "basic-secret-42",
        "YWRhOmJhc2ljLXNlY3JldC00Mg", // ada:basic-secret-42 in base64
    ] {
        assert!(!haystack.contains(secret), "{secret} is in the history database");
    }

    // What `history` lists and shows is what run sent, newest first.
    let list = apibench()
        .env("APIBENCH_DATA_DIR", &data)
        .args(["history", "list", "--output", "json"])
        .output()
        .unwrap();
    let doc = json(&list);
    let requests: Vec<&str> = doc["exchanges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["request"].as_str().unwrap())
        .collect();
    assert_eq!(
        requests,
        [
            "Echo the token under another name",
            "Echo basic",
            "Echo everything",
            "Log in"
        ]
    );
    let id = doc["exchanges"][2]["id"].as_i64().unwrap().to_string();
    let shown = json(
        &apibench()
            .env("APIBENCH_DATA_DIR", &data)
            .args(["history", "show", &id, "--output", "json"])
            .output()
            .unwrap(),
    );
    // The same shape as a result of `run --output json`.
    let schema: Value = serde_json::from_str(include_str!("../../../docs/run-output.schema.json")).unwrap();
    let mut result_schema = schema["$defs"]["result"].clone();
    result_schema["$defs"] = schema["$defs"].clone();
    assert!(jsonschema::is_valid(&result_schema, &shown), "{shown:#}");
    assert_eq!(shown["path"], "Secrets/Echo everything");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_diffs_two_exchanges_and_prunes_keeping_the_last_of_each_request() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let data = scratch.path().join("data");
    let file = scratch.write(
        "ids.yaml",
        format!(
            "name: Ids\nrequests:\n  - name: One\n    url: {0}/v1/users/1\n  - name: Two\n    url: {0}/v1/users/2\n",
            server.base_url()
        ),
    );
    let history = |args: &[&str]| {
        let output = apibench()
            .env("APIBENCH_DATA_DIR", &data)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    for _ in 0..3 {
        apibench()
            .env("APIBENCH_DATA_DIR", &data)
            .args(["run", file.to_str().unwrap(), "--all", "--no-history"])
            .output()
            .unwrap();
    }
    assert!(
        history(&["history"]).contains("no exchanges"),
        "--no-history keeps nothing"
    );
    apibench()
        .env("APIBENCH_DATA_DIR", &data)
        .args(["run", file.to_str().unwrap(), "--all", "--repeat", "3"])
        .output()
        .unwrap();
    let shown = history(&["history", "show", "1"]);
    assert!(shown.contains("#1 Ids/One"), "{shown}");
    assert!(shown.contains("/v1/users/1\n  200 OK · "), "{shown}");
    assert!(shown.contains("│ {\"id\":1"), "{shown}");
    let diff = history(&["history", "diff", "1", "2"]);
    assert!(diff.contains("#1 → #2\n  ~ $.id: 1 → 2\n"), "{diff}");
    let pruned = history(&["history", "prune", "--max-size", "0", "--keep", "1"]);
    assert!(pruned.starts_with("removed 4 exchanges"), "{pruned}");
    let left = history(&["history", "list", "-r", "Two"]);
    assert_eq!(left.lines().count(), 1, "{left}");
}

/// A history that cannot be written (its folder is a file) costs the run nothing but a line
/// on stderr: every request is still sent and reported, and the exit status is unchanged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_history_that_cannot_be_written_is_said_and_the_run_goes_on() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    let not_a_folder = scratch.write("data", "a file where the data folder should be");
    let file = scratch.write(
        "one.yaml",
        format!(
            "name: One\nrequests:\n  - name: Get\n    url: {}/v1/users/1\n",
            server.base_url()
        ),
    );
    let output = apibench()
        .env("APIBENCH_DATA_DIR", &not_a_folder)
        .args(["run", file.to_str().unwrap(), "--all"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("apibench: the history was not kept: cannot create"),
        "{stderr}"
    );
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("1 request: 1 as expected")
    );
}
