//! `check` and the command line itself: broken files and unknown variables pointed at by
//! path:line:column with exit 2, the shipped collections passing, and usage errors.

use crate::support::cli::{apibench, apibench_output, check_stderr, check_success};
use crate::support::{fixture, shipped};

#[test]
fn check_points_at_the_broken_line_and_exits_2() {
    let path = fixture("broken/unknown_field.yaml");
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
    let path = fixture("broken/unknown_variable.yaml");
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
    let demo = shipped("demo.yaml");
    let output = apibench_output(&["check", demo.to_str().unwrap(), "--env", "prod"]);
    let stderr = check_stderr(
        &output,
        2,
        &format!(
            "{}: environment `prod` is not defined in collection `Demo API` (it defines local, logged-in)",
            demo.display()
        ),
    );
    assert!(stderr.contains("\n1 problem found"), "{stderr}");
    check_success(&apibench_output(&[
        "check",
        demo.to_str().unwrap(),
        "--env",
        "logged-in",
    ]));
}

#[test]
fn check_exits_2_on_a_path_that_does_not_exist() {
    let output = apibench_output(&["check", "no/such/dir"]);
    let stderr = check_stderr(&output, 2, "no/such/dir: cannot open");
    assert!(stderr.contains("1 problem found"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn an_override_makes_an_unknown_variable_known_to_check() {
    let path = fixture("broken/unknown_variable.yaml");
    let output = apibench_output(&["check", path.to_str().unwrap(), "--var", "userid=7"]);
    check_success(&output);
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("ok: 1 collection, 1 request"));
}

#[test]
fn check_passes_on_the_shipped_collections() {
    let output = apibench()
        .args(["check", shipped("").to_str().unwrap()])
        .output()
        .unwrap();
    check_success(&output);
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("ok:"));
}

#[test]
fn usage_errors_exit_2() {
    let demo = shipped("demo.yaml");
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

/// Every environment is checked: a variable missing from one environment is a problem for
/// that environment, a request that resolves only with an environment is a note, and both
/// say where the variable is defined.
#[test]
fn check_tries_every_environment_and_says_which_a_request_needs() {
    let scratch = crate::support::Scratch::new();
    let yaml = "name: Regions\nenvironments:\n  staging: { base_url: https://staging.example.com }\n  prod: { base_url: https://api.example.com, region: eu }\nrequests:\n  - name: One\n    url: \"{{ base_url }}/v1/{{ region }}\"\n";
    let path = scratch.write("regions.yaml", yaml);
    let output = apibench_output(&["check", path.to_str().unwrap()]);
    let stderr = check_stderr(
        &output,
        2,
        &format!(
            "{}:7:29: request `One` in environment `staging`: url: unknown variable `region`; it is defined only in environment `prod` — choose it with --env",
            path.display()
        ),
    );
    assert!(
        stderr.contains("note: request `One` runs only with --env: url: unknown variable `base_url`; it is defined only in environments `staging`, `prod`"),
        "{stderr}"
    );
    assert!(stderr.contains("\n1 problem found"), "{stderr}");
    // With the region everywhere, only the note is left, and check succeeds.
    let fixed = scratch.write(
        "regions.yaml",
        yaml.replace(
            "https://staging.example.com }",
            "https://staging.example.com, region: us }",
        ),
    );
    let output = apibench_output(&["check", fixed.to_str().unwrap()]);
    check_success(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("; 1 request run only with --env"), "{stdout}");
}
