//! Editing big collections: one format-preserving edit (splice the text, verify by reloading),
//! one atomic save, and finding every request's switched-off rows, on collections of 25, 250
//! and 2,500 requests written in a hand's usual style (folders, comments, flow mappings).

use std::path::Path;
use std::time::Duration;

use apibench::collection::edit::rows::disabled_rows_by_request;
use apibench::collection::edit::{Document, Edit, ScalarField};
use apibench::collection::store::{OnConflict, save};
use apibench::collection::{RequestPath, parse_collection};
use criterion::{BatchSize, BenchmarkId, Criterion};

const SIZES: [usize; 3] = [25, 250, 2500];

pub fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    // The 2,500-request scan takes about 0.2 s a run: 50 samples fit in 10 s.
    group.sample_size(50).measurement_time(Duration::from_secs(10));
    for n in SIZES {
        let text = big_collection(n);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        std::fs::write(&path, &text).unwrap();

        let mut round = 0;
        group.bench_function(BenchmarkId::new("apply", n), |b| {
            b.iter_batched(
                || {
                    round += 1;
                    (Document::new(path.clone(), text.clone()), url_edit(n, round))
                },
                |(mut doc, edit)| {
                    let collection = doc.apply(&edit).unwrap();
                    (doc, collection)
                },
                BatchSize::PerIteration,
            );
        });

        let mut round = 0;
        group.bench_function(BenchmarkId::new("save", n), |b| {
            b.iter_batched(
                || {
                    // Each save starts from the original on disk, as the document expects.
                    std::fs::write(&path, &text).unwrap();
                    round += 1;
                    let mut doc = Document::new(path.clone(), text.clone());
                    doc.apply(&url_edit(n, round)).unwrap();
                    doc
                },
                |mut doc| {
                    save(&mut doc, OnConflict::Stop).unwrap();
                    doc
                },
                BatchSize::PerIteration,
            );
        });

        let collection = parse_collection(&text, Path::new("big.yaml")).unwrap();
        assert_eq!(disabled_rows_by_request(&text, &collection).len(), n);
        group.bench_function(BenchmarkId::new("switched_off_rows_of_every_request", n), |b| {
            b.iter(|| disabled_rows_by_request(&text, &collection));
        });
    }
    group.finish();
}

/// A new URL for one of the 25 requests of the middle folder, different each round.
fn url_edit(n: usize, round: usize) -> Edit {
    Edit::SetField {
        request: RequestPath::parse(&format!("Folder {}/Request {}", (n / 25) / 2, round % 25)),
        field: ScalarField::Url,
        value: Some(format!("http://example.com/{round}")),
    }
}

/// A collection of `n` requests in folders of 25, written in a hand's usual style.
fn big_collection(n: usize) -> String {
    use std::fmt::Write as _;
    let mut text =
        String::from("# generated\nname: Big\nvariables:\n  base_url: http://127.0.0.1:8787\nrequests:\n");
    for folder in 0..n.div_ceil(25) {
        let _ = writeln!(text, "  - folder: Folder {folder}   # a comment\n    requests:");
        for i in 0..25.min(n - folder * 25) {
            let _ = writeln!(
                text,
                "      - name: Request {i}\n        url: \"{{{{ base_url }}}}/v1/things/{i}\"\n        headers:\n          Accept: application/json\n          # X-Debug: 1\n        query: {{ page: 1 }}\n"
            );
        }
    }
    text
}
