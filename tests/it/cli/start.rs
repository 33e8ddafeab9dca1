//! Getting started from nothing: a bare `apibench` where there are no collections says how
//! to start; `init` writes a starter that loads and checks (and never writes over a file);
//! completions and the manual page print.

use crate::support::Scratch;
use crate::support::cli::apibench;

#[test]
fn from_an_empty_folder_to_a_collection_that_checks() {
    let scratch = Scratch::new();
    let output = apibench().current_dir(scratch.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("there are no collections here"), "{err}");
    assert!(
        err.contains("hint: `apibench init`") && err.contains("apibench demo"),
        "{err}"
    );

    let output = apibench()
        .current_dir(scratch.path())
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("wrote ./collections/api.yaml"), "{out}");
    let check = apibench()
        .current_dir(scratch.path())
        .args(["check", "collections"])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(scratch.path().join("collections/.env.example").exists());
    // The schema the starter's first line points editors to, the one the repository ships.
    let schema = std::fs::read_to_string(scratch.path().join("collections/.collection.schema.json")).unwrap();
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/schemas/collection.schema.json"
    ))
    .unwrap();
    assert_eq!(schema, shipped);
    let printed = apibench().arg("schema").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&printed.stdout), shipped);

    // Run again, it keeps what is there.
    std::fs::write(scratch.path().join("collections/api.yaml"), "name: Mine\n").unwrap();
    let output = apibench()
        .current_dir(scratch.path())
        .arg("init")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("kept ./collections/api.yaml"));
    assert_eq!(
        std::fs::read_to_string(scratch.path().join("collections/api.yaml")).unwrap(),
        "name: Mine\n"
    );
}

#[test]
fn completions_and_the_manual_page_print() {
    for shell in ["bash", "zsh", "fish"] {
        let output = apibench().args(["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(
            script.contains("apibench") && script.contains("COMPLETE"),
            "{shell}: the script asks the binary: {script}"
        );
    }
    let output = apibench().arg("man").output().unwrap();
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(
        page.contains(".TH apibench 1") && page.contains("completions"),
        "{page}"
    );
}

/// Bash completing `apibench run -r pet/F` and `--env S` with the script `completions bash`
/// prints, in a folder whose `collections/` holds an imported collection.
#[test]
fn bash_completes_request_and_environment_names_from_the_collections_here() {
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_err()
    {
        return; // no bash on this machine: nothing to complete in
    }
    let scratch = Scratch::new();
    let spec = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/openapi/petstore-3.1.yaml"
    );
    let output = apibench()
        .current_dir(scratch.path())
        .args(["import", "openapi", spec, "--into", "collections/pets.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let binary = std::path::Path::new(env!("CARGO_BIN_EXE_apibench"));
    let complete = |line: &str| {
        let words = line.split(' ').count() - 1;
        let script = format!(
            "source <({binary} completions bash); COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; \
             read -ra COMP_WORDS <<< \"$COMP_LINE\"; COMP_CWORD={words}; COMP_TYPE=9; \
             _clap_complete_apibench apibench \"${{COMP_WORDS[$COMP_CWORD]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            binary = binary.display()
        );
        let output = std::process::Command::new("bash")
            .arg("-c")
            .arg(script)
            .current_dir(scratch.path())
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert_eq!(
        complete("apibench run -r pet/F"),
        "pet/Finds Pets by status\npet/Finds Pets by tags\npet/Find pet by ID\n"
    );
    assert_eq!(complete("apibench run --env S"), "Staging\n");
}
