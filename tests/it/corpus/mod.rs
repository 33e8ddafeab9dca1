//! The checklist against real-world exchanges: `tests/corpus/` holds exchanges reproduced
//! from the public documentation of the products that produce them, each with the cause a
//! person should read first. Every one is replayed through the real pipeline (load, prepare,
//! the wire headers, redirects) and the checklist's first failure is scored against it.
//!
//! The accuracy must stay at or above `FLOOR`, a ratchet: raise it when the checklist gets
//! better, never lower it. Healthy controls must get no failed check at all.
//!
//! `APIBENCH_CORPUS=DIR cargo test --test it corpus::other_corpus -- --ignored --nocapture`
//! scores another folder of the same format (a held-out set kept out of the repository).
//! `APIBENCH_CORPUS_SHOW=NAME` prints the whole checklist of the entries whose name contains
//! NAME.

mod format;
mod replay;
mod score;

use std::path::{Path, PathBuf};

/// The lowest first-fail accuracy (in percent) the corpus may reach.
const FLOOR: f64 = 95.0;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

#[test]
fn every_entry_is_well_formed_and_replays() {
    let (entries, problems) = score::validate(&corpus());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(entries > 0, "the corpus is empty");
}

#[test]
fn the_first_failure_names_the_cause_often_enough() {
    let score = score::score(&corpus());
    let report = score.report();
    println!("{report}");
    assert!(score.broken.is_empty(), "{report}");
    assert_eq!(
        score.false_fails, 0,
        "a healthy control got a failed check:\n{report}"
    );
    assert!(
        score.accuracy() >= FLOOR,
        "first-fail accuracy {:.1} % is below the floor of {FLOOR} %:\n{report}",
        score.accuracy()
    );
}

#[test]
#[ignore = "checks the form of the folder named by APIBENCH_CORPUS, without scoring it"]
fn other_corpus_is_well_formed() {
    let root = std::env::var_os("APIBENCH_CORPUS").expect("set APIBENCH_CORPUS to a folder of corpus files");
    let (entries, problems) = score::validate(Path::new(&root));
    println!("{entries} exchanges; {} problems", problems.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
#[ignore = "scores the folder named by APIBENCH_CORPUS"]
fn other_corpus() {
    let root = std::env::var_os("APIBENCH_CORPUS").expect("set APIBENCH_CORPUS to a folder of corpus files");
    let score = score::score(Path::new(&root));
    println!("{}", score.report());
}

#[test]
#[ignore = "prints the checklists of the entries named by APIBENCH_CORPUS_SHOW"]
fn show() {
    let wanted = std::env::var("APIBENCH_CORPUS_SHOW").expect("set APIBENCH_CORPUS_SHOW to part of a name");
    let root = std::env::var_os("APIBENCH_CORPUS").map_or_else(corpus, PathBuf::from);
    for path in score::files(&root) {
        let shown = path.strip_prefix(&root).unwrap().display().to_string();
        let Ok(file) = score::read(&path) else { continue };
        for entry in file.exchanges.iter().filter(|e| e.name.contains(&wanted)) {
            match replay::checklist(entry, &path) {
                Ok(list) => println!("{shown} # {}\n{list:#?}\n", entry.name),
                Err(e) => println!("{shown} # {}: {e}", entry.name),
            }
        }
    }
}
