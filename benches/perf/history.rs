//! The history at scale: a database of 100,000 exchanges (100 requests in each of 20
//! collection files, each exchange a 4 KB JSON response with its checklist, as `run` stores them), and
//! what the TUI asks of it — everything it reads at start-up, one request's past exchanges
//! (`H`), storing one more exchange (on a blocking task, off the UI thread) — plus the release
//! binary's launch to first frame, and to the history's statuses in the tree, with that
//! database in its data directory. The database's size per exchange is printed once.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use apibench::history::{Filter, KeptResponse, NewExchange, Origin, Store};
use criterion::{Criterion, SamplingMode};
use serde_json::{Value, json};

use crate::pty::PtySession;

const EXCHANGES: usize = 100_000;
const FILES: usize = 20;
const REQUESTS_PER_FILE: usize = 100;

/// The collection file the benchmarks open: one of the 20.
fn file_name(index: usize) -> String {
    format!("collection-{index:02}.yaml")
}

/// A 4 KB JSON body, like a page of a listing.
fn body(seed: usize) -> String {
    let items: Vec<Value> = (0..24)
        .map(|i| json!({"id": seed * 100 + i, "name": format!("user {i}"), "email": format!("u{i}@example.com"), "active": i % 3 != 0}))
        .collect();
    json!({"items": items, "page": seed % 50, "total": 1200}).to_string()
}

/// An exchange as `run` stores it: masked request, response, the checklist's checks.
fn exchange(dir: &Path, n: usize) -> NewExchange {
    let file = n % FILES;
    let request = format!("Request {}", (n / FILES) % REQUESTS_PER_FILE);
    let status = if n.is_multiple_of(7) { 404 } else { 200 };
    let checks: Vec<Value> = (0..8)
        .map(|i| json!({"id": "C.generator", "label": format!("Check {i}"), "verdict": if i == 0 && status == 404 { "fail" } else { "pass" }, "evidence": "The body is the API's own (application/json)", "severity": null, "cite": null}))
        .collect();
    let body = body(n);
    NewExchange {
        at: UNIX_EPOCH + Duration::from_secs(1_790_000_000) + Duration::from_millis(n as u64 * 500),
        file: dir.join(file_name(file)),
        collection: format!("Collection {file}"),
        request: request.clone(),
        environment: Some("staging".into()),
        origin: Origin::Run,
        met: Some(status == 200),
        record: json!({
            "path": format!("Collection {file}/{request}"),
            "request": {"method": "GET", "url": format!("https://api.example.com/v1/users?page={}", n % 50),
                "headers": [["authorization", "Bearer ****"], ["user-agent", "apibench/0.1.0"], ["accept", "*/*"]],
                "body": null, "body_base64": null, "body_truncated": false},
            "response": {"status": status, "reason": "OK", "http_version": "HTTP/1.1", "elapsed_ms": 12.5,
                "headers": [["content-type", "application/json"], ["content-length", body.len().to_string()], ["date", "Sat, 05 Dec 2026 10:00:00 GMT"]],
                "body": body, "body_base64": null, "body_truncated": false, "body_bytes": 4096},
            "error": null, "expectation_met": status == 200, "expectations": [], "retries": [], "needed_by": null,
            "diagnosis": {"title": "200 OK", "summary": "The request succeeded.", "checks": checks, "tips": []},
        }),
        response: Some(KeptResponse {
            at: SystemTime::now(),
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
        }),
    }
}

/// A data directory holding the 100,000 exchanges, and a collection file (the one whose
/// requests the database holds most of) for the binary to open.
struct Fixture {
    dir: tempfile::TempDir,
    database: PathBuf,
    collection: PathBuf,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("data/history.sqlite3");
        let mut store = Store::open(&database).unwrap();
        let filled = Instant::now();
        for start in (0..EXCHANGES).step_by(5_000) {
            let batch: Vec<NewExchange> = (start..start + 5_000).map(|n| exchange(dir.path(), n)).collect();
            store.record_all(&batch).unwrap();
        }
        let bytes: u64 = std::fs::read_dir(database.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum();
        eprintln!(
            "history: {EXCHANGES} exchanges stored in {:.1} s; the data directory holds {} MB, {} bytes an exchange",
            filled.elapsed().as_secs_f64(),
            bytes / 1_000_000,
            bytes / EXCHANGES as u64
        );
        // The collection the binary opens: file 0, its requests named as the history has them.
        let collection = dir.path().join(file_name(0));
        let mut yaml = String::from("name: Collection 0\nrequests:\n");
        for request in 0..REQUESTS_PER_FILE {
            let _ = write!(
                yaml,
                "  - name: Request {request}\n    url: https://api.example.com/v1/users\n"
            );
        }
        std::fs::write(&collection, yaml).unwrap();
        Self {
            dir,
            database,
            collection,
        }
    }

    fn file(&self) -> PathBuf {
        apibench::history::file_key(&self.collection)
    }
}

pub fn bench(c: &mut Criterion) {
    let fixture = Fixture::new();
    let mut group = c.benchmark_group("history");
    group.sample_size(20);

    // What the TUI reads when it starts, on a blocking task: open, every request's last
    // status, the kept responses of one environment, the cookie jars.
    group.bench_function("start_up_reads_100k", |b| {
        let file = fixture.file();
        b.iter(|| {
            let store = Store::open(&fixture.database).unwrap();
            let statuses = store.latest_per_request(&file).unwrap();
            let kept = store.kept_responses(&file, Some("staging")).unwrap();
            let jars = store.cookie_jars(&file).unwrap();
            (statuses.len(), kept.len(), jars.len())
        });
    });

    let store = Store::open(&fixture.database).unwrap();
    group.bench_function("list_one_request_of_100k", |b| {
        let filter = Filter {
            request: Some("Request 3".into()),
            file: Some(fixture.file()),
            limit: Some(200),
            ..Filter::default()
        };
        b.iter(|| store.list(&filter).unwrap().len());
    });
    drop(store);

    let mut store = Store::open(&fixture.database).unwrap();
    let mut n = EXCHANGES;
    group.bench_function("store_one_exchange", |b| {
        b.iter(|| {
            n += 1;
            store.record(&exchange(fixture.dir.path(), n)).unwrap()
        });
    });
    drop(store);

    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    let data = fixture.database.parent().unwrap().to_str().unwrap().to_owned();
    let launch = |until: &dyn Fn(&str) -> bool| {
        let started = Instant::now();
        let mut session = PtySession::start(
            &[fixture.collection.to_str().unwrap()],
            fixture.dir.path(),
            &[("APIBENCH_DATA_DIR", &data)],
        );
        assert!(
            session
                .screen
                .wait_until(Duration::from_secs(10), |s| until(&s.contents()))
        );
        let took = started.elapsed();
        session.press(b"q");
        let _ = session.wait_exit();
        took
    };
    group.bench_function("launch_to_first_frame_with_100k", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| launch(&|s| s.contains("Request 0"))).sum());
    });
    // The first request's last status (200 or 404) from the history, beside it in the tree.
    group.bench_function("launch_to_statuses_from_100k", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    launch(&|s| {
                        s.lines()
                            .any(|l| l.contains("Request 0 ") && (l.contains("200") || l.contains("404")))
                    })
                })
                .sum()
        });
    });
    group.finish();
}
