//! `apibench explain`: a check's page on stdout, the closest ids on stderr for an unknown one,
//! every check with `--list`; the exit codes of each.

use crate::support::cli::apibench;

fn explain(args: &[&str]) -> std::process::Output {
    apibench().arg("explain").args(args).output().unwrap()
}

#[test]
fn a_known_id_prints_its_page() {
    let out = explain(&["401.creds-sent"]);
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.starts_with("401.creds-sent — Credentials were sent\n401 Unauthorized (401.*)\n"),
        "{page}"
    );
    assert!(page.contains("\nStandard: RFC 9110 §15.5.2"), "{page}");
    assert!(out.stderr.is_empty());
}

#[test]
fn an_unknown_id_is_a_usage_error_naming_the_closest_ids() {
    let out = explain(&["429.retry-aftr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let error = String::from_utf8_lossy(&out.stderr);
    assert!(error.contains("no check has the id `429.retry-aftr`"), "{error}");
    assert!(error.contains("Did you mean 429.retry-after"), "{error}");
}

#[test]
fn the_list_names_every_check_and_is_the_default() {
    let listed = explain(&["--list"]);
    assert_eq!(listed.status.code(), Some(0));
    let list = String::from_utf8_lossy(&listed.stdout);
    assert!(list.contains("  429.retry-after  "), "{list}");
    assert!(list.contains("  other.chain  "), "{list}");
    assert_eq!(explain(&[]).stdout, listed.stdout);
}
