//! The secrets audit: a collection holding a secret of every kind (auth, header, query,
//! body, `.env`, a secret-named variable used under an ordinary header, a URL password)
//! sent to the demo's `/v1/echo`, which echoes everything back. Every artefact apibench
//! writes is then searched for the raw bytes of every secret: text and JSON output, the
//! JUnit, TAP and JSON reports, the history database and what `history show` prints, and
//! the curl and `.http` exports. None may hold one.

use std::path::Path;

use apibench::tui::message::Msg;

use crate::support::cli::apibench;
use crate::support::demo;

/// Every secret, as written or as it arrives in the environment.
const SECRETS: [&str; 8] = [
    "dotenv-S3CR3T-1111",
    "var-S3CR3T-2222",
    "header-S3CR3T-3333",
    "query-S3CR3T-4444",
    "body-S3CR3T-5555",
    "basic-S3CR3T-6666",
    "apikey-S3CR3T-7777",
    "url-S3CR3T-8888",
];

fn collection(base: &str, authority: &str) -> String {
    format!(
        r#"name: Audit
variables:
  base_url: {base}
  db_password: var-S3CR3T-2222
requests:
  - name: Everything
    method: POST
    url: "{{{{ base_url }}}}/v1/echo"
    query:
      api_key: query-S3CR3T-4444
    headers:
      X-Auth-Token: header-S3CR3T-3333
      X-Signature: "sig {{{{ db_password }}}}"
    auth:
      bearer: "{{{{ env.AUDIT_TOKEN }}}}"
    body:
      json:
        password: body-S3CR3T-5555
        note: "signed with {{{{ db_password }}}}"
  - name: Basic
    url: "{{{{ base_url }}}}/v1/echo"
    auth:
      basic: {{ username: ada, password: basic-S3CR3T-6666 }}
  - name: Key
    url: "{{{{ base_url }}}}/v1/echo"
    auth:
      api_key: {{ in: header, name: X-Client, value: apikey-S3CR3T-7777 }}
  - name: URL password
    url: "http://ada:url-S3CR3T-8888@{authority}/v1/echo"
"#
    )
}

/// The Basic credential as it goes out: base64 of `ada:basic-S3CR3T-6666`.
const BASIC_ENCODED: &str = "YWRhOmJhc2ljLVMzQ1IzVC02NjY2";

/// Every secret (and the encoded Basic credential) found in `bytes`, by artefact.
fn leaks(artefact: &str, bytes: &[u8]) -> Vec<String> {
    SECRETS
        .iter()
        .chain(&[BASIC_ENCODED])
        .filter(|s| bytes.windows(s.len()).any(|w| w == s.as_bytes()))
        .map(|s| format!("{artefact} holds {s}"))
        .collect()
}

fn run(dir: &Path, data: &Path, args: &[&str]) -> std::process::Output {
    apibench()
        .current_dir(dir)
        .env("APIBENCH_DATA_DIR", data)
        .args(args)
        .output()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn no_artefact_holds_a_secret() {
    let server = demo::start().await;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("audit.yaml");
    std::fs::write(&file, collection(&server.base_url(), &server.addr().to_string())).unwrap();
    std::fs::write(dir.path().join(".env"), "AUDIT_TOKEN=dotenv-S3CR3T-1111\n").unwrap();
    let file = file.to_str().unwrap();
    let mut found = Vec::new();

    let text = run(dir.path(), &data, &["run", file, "--all"]);
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("Everything"),
        "the run printed its results: {}",
        String::from_utf8_lossy(&text.stderr)
    );
    found.extend(leaks("run text stdout", &text.stdout));
    found.extend(leaks("run text stderr", &text.stderr));

    let reports = ["junit", "tap", "json"].map(|kind| dir.path().join(format!("report.{kind}")));
    let report_args: Vec<String> = ["junit", "tap", "json"]
        .iter()
        .zip(&reports)
        .map(|(kind, path)| format!("{kind}={}", path.display()))
        .collect();
    let mut args = vec!["run", file, "--all", "--output", "json"];
    for r in &report_args {
        args.extend(["--report", r.as_str()]);
    }
    let json = run(dir.path(), &data, &args);
    let parsed: serde_json::Value =
        serde_json::from_slice(&json.stdout).expect("run --output json prints JSON");
    let echoed = parsed.to_string();
    assert!(echoed.contains("/v1/echo"), "the echo answered: {echoed}");
    found.extend(leaks("run JSON stdout", &json.stdout));
    for report in &reports {
        let bytes = std::fs::read(report).unwrap_or_else(|e| panic!("{}: {e}", report.display()));
        found.extend(leaks(&report.display().to_string(), &bytes));
    }

    let history = run(dir.path(), &data, &["history", "list"]);
    found.extend(leaks("history list", &history.stdout));
    let shown = run(dir.path(), &data, &["history", "show", "1"]);
    found.extend(leaks("history show", &shown.stdout));
    found.extend(leaks("history show stderr", &shown.stderr));
    for entry in walk(&data) {
        found.extend(leaks(
            &entry.display().to_string(),
            &std::fs::read(&entry).unwrap(),
        ));
    }

    for kind in ["curl", "http"] {
        for request in ["Everything", "Basic", "Key", "URL password"] {
            let export = run(dir.path(), &data, &["export", kind, file, "--request", request]);
            assert!(
                export.status.success(),
                "{kind} {request}: {}",
                String::from_utf8_lossy(&export.stderr)
            );
            found.extend(leaks(&format!("export {kind} {request}"), &export.stdout));
        }
    }
    assert!(
        walk(&data)
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "sqlite3")),
        "the history was kept: {:?}",
        walk(&data)
    );
    assert!(found.is_empty(), "secrets leaked:\n{}", found.join("\n"));

    // The control: asked to, the same run shows every secret the echo sent back, so the
    // search above would have found them.
    let shown = run(
        dir.path(),
        &data,
        &[
            "run",
            file,
            "--all",
            "--output",
            "json",
            "--show-secrets",
            "--no-history",
        ],
    );
    let missing: Vec<&str> = SECRETS
        .iter()
        .filter(|s| !s.starts_with("basic"))
        .chain(&[BASIC_ENCODED])
        .filter(|s| leaks("", &shown.stdout).iter().all(|l| !l.ends_with(*s)))
        .copied()
        .collect();
    assert!(missing.is_empty(), "--show-secrets should show {missing:?}");
}

/// Every file under `dir`, recursively.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The screen: every request tab, as written and resolved, and every response tab, after each
/// request was sent and its echo came back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_screen_shows_a_secret() {
    use apibench::tui::action::Action;
    use apibench::tui::state::{RequestTab, ResponseTab};

    let server = demo::start().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("audit.yaml");
    std::fs::write(&file, collection(&server.base_url(), &server.addr().to_string())).unwrap();
    std::fs::write(dir.path().join(".env"), "AUDIT_TOKEN=dotenv-S3CR3T-1111\n").unwrap();
    let workspace = apibench::session::Workspace::load(&file);
    let mut app = apibench::tui::state::App::new(
        workspace,
        apibench::tui::keymap::Keymap::default(),
        apibench::collection::Variables::new(),
    );
    let mut driver = crate::support::tui::Driver::new(200, 60);
    let mut found = Vec::new();
    let (mut seen_masked, mut seen_echo) = (false, false);
    for request in ["Everything", "Basic", "Key", "URL password"] {
        crate::support::tui::select(&mut app, request);
        app.show_resolved = true;
        driver.send(Msg::Action(Action::Send));
        let sent = driver
            .run_until(&mut app, std::time::Duration::from_secs(20), |app| {
                app.selected_done().is_some_and(|d| d.body.is_some()) && app.preview.is_some()
            })
            .await;
        assert!(sent, "{request}: sent, its body built and its preview ready");
        for (tab, resolved) in RequestTab::ALL.into_iter().flat_map(|t| [(t, false), (t, true)]) {
            app.request_tab = tab;
            app.show_resolved = resolved;
            for response in ResponseTab::ALL {
                app.response_tab = response;
                driver
                    .terminal
                    .draw(|f| {
                        apibench::tui::view::draw(f, &app);
                    })
                    .unwrap();
                let screen = driver.screen();
                // The control: the tabs hold what the secrets went into, masked in place.
                seen_masked |= screen.contains("X-Auth-Token") && screen.contains("****");
                seen_echo |= screen.contains("/v1/echo") && screen.contains("\"headers\"");
                let shown = if resolved { "resolved" } else { "as written" };
                found.extend(leaks(
                    &format!("{request} {tab:?} {shown} / {response:?}"),
                    screen.as_bytes(),
                ));
            }
        }
    }
    found.dedup();
    assert!(found.is_empty(), "secrets on screen:\n{}", found.join("\n"));
    assert!(seen_masked, "a secret header was drawn, masked");
    assert!(seen_echo, "the echoed request was drawn");
}
