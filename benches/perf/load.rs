//! Loading one flat list of 5,000 and of 50,000 requests: the whole load a collection file
//! goes through (YAML, the model, the checks on it such as duplicate names). Linear in the
//! number of requests: the 50,000 run should take about ten times the 5,000 one (issue 14's
//! target is at most twelve). The lossless edit tree of the same text (what every edit
//! parses), and every request's switched-off rows found in it, as the TUI does on a task
//! after each change (every request here has one, the worst case).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use apibench::collection::edit::rows::disabled_rows_by_request;
use apibench::collection::parse_collection;
use criterion::{BenchmarkId, Criterion};

const SIZES: [usize; 2] = [5_000, 50_000];

pub fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    // 50,000 requests load in about half a second: ten samples fit.
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for n in SIZES {
        let text = flat(n);
        group.bench_function(BenchmarkId::new("parse", n), |b| {
            b.iter(|| parse_collection(&text, Path::new("flat.yaml")).unwrap());
        });
        let collection = parse_collection(&text, Path::new("flat.yaml")).unwrap();
        group.bench_function(BenchmarkId::new("edit_tree", n), |b| {
            b.iter(|| apibench::collection::edit::tree::Tree::parse(&text).unwrap());
        });
        group.bench_function(BenchmarkId::new("switched_off_rows", n), |b| {
            b.iter(|| disabled_rows_by_request(&text, &collection));
        });
    }
    group.finish();
}

/// `n` requests in one list, as a long hand-written or imported collection has them.
fn flat(n: usize) -> String {
    let mut text = String::from("name: Flat\nrequests:\n");
    for i in 0..n {
        let _ = write!(
            text,
            "  - name: Request {i}\n    url: https://api.example.com/items/{i}\n    headers:\n      Accept: application/json\n      # X-Debug: 1\n"
        );
    }
    text
}
