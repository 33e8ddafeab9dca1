//! A collection that names its API's OpenAPI description (`openapi:`), over real sockets: a
//! failed request is held against it (a misspelt field, a path it lacks), and a description
//! that is not there is a problem `check` reports.

use crate::support::cli::apibench;
use crate::support::{Scratch, demo};

const DESCRIPTION: &str = r"openapi: 3.1.0
info: { title: Demo users, version: '1' }
servers:
  - url: /v1
paths:
  /users:
    post:
      summary: Create a user
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name, email]
              properties:
                name: { type: string }
                email: { type: string, format: email }
      responses:
        '201': { description: Created }
        '422': { description: Invalid }
";

fn collection(base: &str) -> String {
    format!(
        r"name: Users
openapi: users.openapi.yaml
requests:
  - name: Create a user
    method: POST
    url: {base}/v1/users
    body:
      json: {{ name: Ann, emial: ann@example.com }}
  - name: Old path
    method: POST
    url: {base}/v1/user
    body:
      json: {{ name: Ann, email: ann@example.com }}
"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_request_is_held_against_the_description_the_collection_names() {
    let server = demo::start().await;
    let scratch = Scratch::new();
    scratch.write("users.openapi.yaml", DESCRIPTION);
    let file = scratch.write("users.yaml", collection(&server.base_url()));
    let run = |request: &str| {
        let output = apibench()
            .env("APIBENCH_DATA_DIR", scratch.path().join("data"))
            .args(["run", file.to_str().unwrap(), "-r", request, "--output", "json"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let created = run("Create a user");
    assert!(created.contains("\"C.spec-fields\""), "{created}");
    assert!(
        created.contains(r#"Required field \"email\" was not sent; \"emial\" is not a field it describes — nearest: \"email\""#),
        "{created}"
    );
    let old = run("Old path");
    assert!(
        old.contains(r#"\"users.openapi.yaml\" has no path \"/user\" — nearest: \"/users\""#),
        "{old}"
    );
}

/// `apibench check` on `file`, which must fail: what it said.
fn check_refuses(file: &std::path::Path) -> String {
    let output = apibench()
        .args(["check", file.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_ne!(output.status.code(), Some(0), "{stderr}");
    stderr
}

#[test]
fn a_description_that_is_not_there_is_a_problem_check_reports() {
    let scratch = Scratch::new();
    let file = scratch.write("users.yaml", collection("http://127.0.0.1:9"));
    let stderr = check_refuses(&file);
    assert!(
        stderr.contains("users.yaml: openapi: users.openapi.yaml: cannot read it"),
        "{stderr}"
    );
}

#[test]
fn a_description_that_does_not_read_is_a_problem_check_reports_with_its_place() {
    let scratch = Scratch::new();
    scratch.write("users.openapi.yaml", "openapi: 3.1.0\npaths:\n  /users: [\n");
    let file = scratch.write("users.yaml", collection("http://127.0.0.1:9"));
    let stderr = check_refuses(&file);
    assert!(
        stderr.contains("openapi: users.openapi.yaml: this is not JSON or YAML"),
        "{stderr}"
    );
    assert!(stderr.contains("line"), "the place in the description: {stderr}");
}
