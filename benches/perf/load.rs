//! Loading one flat list of 5,000 and of 50,000 requests: the whole load a collection file
//! goes through (YAML, the model, the checks on it such as duplicate names). Linear in the
//! number of requests: the 50,000 run should take about ten times the 5,000 one (issue 14's
//! target is at most twelve). Freeing the collection is timed on its own (`drop`): it is
//! not part of loading, and at 50,000 requests it costs more per request than at 5,000
//! (a million allocations, far outside the cache). The lossless edit tree of the same text (what every edit
//! parses), and every request's switched-off rows found in it, as the TUI does on a task
//! after each change (every request here has one, the worst case). One edit of one request
//! in the middle of the list, as the TUI makes it (the document knows its requests' lines
//! after its first edit; issue 14's target is under 16 ms at 50,000 requests), and the
//! first edit of a file, which finds where every request's lines are.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use apibench::collection::edit::rows::disabled_rows_by_request;
use apibench::collection::edit::{Document, Edit, ScalarField};
use apibench::collection::{RequestPath, parse_collection};
use criterion::{BenchmarkId, Criterion};

const SIZES: [usize; 2] = [5_000, 50_000];

pub fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    // 50,000 requests load in about half a second: ten samples fit.
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for n in SIZES {
        let text = flat(n);
        group.bench_function(BenchmarkId::new("parse", n), |b| {
            // Loading is what is timed; freeing the collection is `drop`, below.
            b.iter_with_large_drop(|| parse_collection(&text, Path::new("flat.yaml")).unwrap());
        });
        let collection = parse_collection(&text, Path::new("flat.yaml")).unwrap();
        group.bench_function(BenchmarkId::new("drop", n), |b| {
            b.iter_batched(|| collection.clone(), drop, criterion::BatchSize::LargeInput);
        });
        group.bench_function(BenchmarkId::new("edit_tree", n), |b| {
            b.iter(|| apibench::collection::edit::tree::Tree::parse(&text).unwrap());
        });
        group.bench_function(BenchmarkId::new("switched_off_rows", n), |b| {
            b.iter(|| disabled_rows_by_request(&text, &collection));
        });
        let mut doc = Document::new("flat.yaml".into(), text.clone());
        let mut model = collection.clone();
        let mut round = 0;
        let mut edit_middle = |doc: &mut Document, model: &mut _| {
            round += 1;
            let edit = Edit::SetField {
                request: RequestPath::parse(&format!("Request {}", n / 2)),
                field: ScalarField::Url,
                value: Some(format!("https://api.example.com/items/{round}")),
            };
            doc.apply_to(model, std::slice::from_ref(&edit)).unwrap();
        };
        // The first edit of a file finds where every request's lines are, once. The model's
        // index of requests by path is built first, as the TUI's first selection builds it.
        let _ = collection.find(&RequestPath::parse("Request 0"));
        group.bench_function(BenchmarkId::new("first_edit", n), |b| {
            b.iter_batched(
                || {
                    // As the TUI opens it: the text is known to load to the model.
                    let mut doc = Document::new("flat.yaml".into(), text.clone());
                    doc.loads_to_model();
                    (doc, collection.clone())
                },
                |(mut doc, mut model)| {
                    let edit = Edit::SetField {
                        request: RequestPath::parse(&format!("Request {}", n / 2)),
                        field: ScalarField::Url,
                        value: Some("https://api.example.com/items/first".into()),
                    };
                    doc.apply_to(&mut model, std::slice::from_ref(&edit)).unwrap();
                    (doc, model)
                },
                criterion::BatchSize::LargeInput,
            );
        });
        // The first edit finds every request's lines; the ones after are what is timed.
        edit_middle(&mut doc, &mut model);
        group.bench_function(BenchmarkId::new("edit_one_request", n), |b| {
            b.iter(|| edit_middle(&mut doc, &mut model));
        });
    }
    group.finish();
}

/// `n` requests in one list, as a long hand-written or imported collection has them (each
/// with a header and a switched-off one).
pub fn flat(n: usize) -> String {
    let mut text = String::from("name: Flat\nrequests:\n");
    for i in 0..n {
        let _ = write!(
            text,
            "  - name: Request {i}\n    url: https://api.example.com/items/{i}\n    headers:\n      Accept: application/json\n      # X-Debug: 1\n"
        );
    }
    text
}
