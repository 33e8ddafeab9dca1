//! The release binary as a person runs it: in a pseudo-terminal of 40×120, read through a
//! VT100 emulator, against the demo API in this process. Time from launch to the first frame,
//! CPU used while idle, time from the send key to a 5 MB and a 50 MB body pretty on screen,
//! time from a page-down key to the new screen, and peak memory once such a body shows.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use apibench::demo::DemoServer;
use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};

use crate::pty::PtySession;

/// How long a body may take to show before the benchmark gives up.
const BODY_DEADLINE: Duration = Duration::from_secs(120);
/// A key and how long its answer may take to show.
const KEY_DEADLINE: Duration = Duration::from_secs(10);
const PAGE_DOWN: &[u8] = b"\x1b[6~";
/// What a second in which the idle TUI used no CPU at all is reported as.
const IDLE_FLOOR: Duration = Duration::from_micros(1);
/// No output for this long means a frame is fully drawn.
const QUIET: Duration = Duration::from_millis(20);
/// Page-downs between two returns to the top, well short of the end of a 5 MB body.
const PAGES_BEFORE_TOP: usize = 100;

/// The demo API on a runtime of its own, and a collection of two big requests pointed at it.
struct Fixture {
    _runtime: tokio::runtime::Runtime,
    _server: DemoServer,
    dir: tempfile::TempDir,
    collection: PathBuf,
}

/// The requests of the collection: the keys that send each from a fresh start, and its name.
const BODIES: [(&str, &[u8]); 2] = [("5MB", b"s"), ("50MB", b"js")];

impl Fixture {
    fn new() -> Self {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let server = runtime.block_on(DemoServer::start(0)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let collection = dir.path().join("bench.yaml");
        std::fs::write(
            &collection,
            format!(
                "name: bench\nrequests:\n  - name: big-5\n    url: {0}/v1/big?mb=5\n  - name: big-50\n    url: {0}/v1/big?mb=50\n",
                server.base_url()
            ),
        )
        .unwrap();
        Self {
            _runtime: runtime,
            _server: server,
            dir,
            collection,
        }
    }

    /// The binary on the collection, its first frame drawn.
    fn launch(&self) -> PtySession {
        let session = PtySession::start(&[self.collection.to_str().unwrap()], self.dir.path(), &[]);
        wait(&session, KEY_DEADLINE, "the first frame", |s| s.contains("big-5"));
        session
    }

    /// The binary with the body of `keys`' request pretty on screen; and how long that took
    /// from the keys.
    fn launch_showing(&self, keys: &[u8]) -> (PtySession, Duration) {
        let mut session = self.launch();
        let sent = Instant::now();
        session.press(keys);
        wait(&session, BODY_DEADLINE, "the body", |s| s.contains("\"count\":"));
        (session, sent.elapsed())
    }
}

/// Waits until the screen's text satisfies `condition`, or panics naming `what`.
fn wait(session: &PtySession, deadline: Duration, what: &str, condition: impl Fn(&str) -> bool) {
    assert!(
        session.screen.wait_until(deadline, |s| condition(&s.contents())),
        "{what} did not show; the screen was:\n{}",
        session.screen.contents()
    );
}

/// Waits for the frame being drawn to finish, so the next key is not pressed mid-frame (its
/// change would then be the rest of this frame, and keys would queue up in the app).
fn settle(session: &PtySession) {
    assert!(
        session.screen.wait_quiet(QUIET, KEY_DEADLINE),
        "the screen never stopped changing"
    );
}

fn quit(mut session: PtySession) {
    session.press(b"q");
    let _ = session.wait_exit();
}

pub fn bench(c: &mut Criterion) {
    let fixture = Fixture::new();
    let mut group = c.benchmark_group("binary");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);

    group.bench_function("launch_to_first_frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let started = Instant::now();
                let session = fixture.launch();
                total += started.elapsed();
                quit(session);
            }
            total
        });
    });

    // Reported as a time: the CPU time the idle TUI uses per second (1 ms is 0.1 % of a core).
    let idle = fixture.launch();
    let pid = idle.pid();
    group.measurement_time(Duration::from_secs(12));
    group.bench_function("idle_cpu_per_second", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let before = cpu_time(pid);
                std::thread::sleep(Duration::from_secs(1));
                // Criterion cannot record a zero, and an idle TUI often does not run at all in
                // a second: such a second counts as the 1 µs floor.
                total += cpu_time(pid).saturating_sub(before).max(IDLE_FLOOR);
            }
            total
        });
    });
    quit(idle);

    for (size, keys) in BODIES {
        group.measurement_time(Duration::from_secs(if size == "50MB" { 20 } else { 10 }));
        group.bench_function(BenchmarkId::new("send_to_pretty_body_on_screen", size), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let (session, took) = fixture.launch_showing(keys);
                    total += took;
                    quit(session);
                }
                total
            });
        });
    }

    // An iteration is about a millisecond of key-to-screen plus the pause for the frame to
    // finish, which is not counted.
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    for (size, keys) in BODIES {
        let (mut session, _) = fixture.launch_showing(keys);
        session.press(b"\t\t"); // focus the response pane
        settle(&session);
        let mut pages = 0;
        group.bench_function(BenchmarkId::new("page_down_to_new_screen", size), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    if pages == PAGES_BEFORE_TOP {
                        let before = session.screen.contents();
                        session.press(b"g");
                        wait(&session, KEY_DEADLINE, "the top of the body", |s| s != before);
                        settle(&session);
                        pages = 0;
                    }
                    let before = session.screen.contents();
                    let pressed = Instant::now();
                    session.press(PAGE_DOWN);
                    wait(&session, KEY_DEADLINE, "the next page", |s| s != before);
                    total += pressed.elapsed();
                    settle(&session);
                    pages += 1;
                }
                total
            });
        });
        session.press(b"\t\t"); // back to the tree, where q quits
        quit(session);
    }
    group.finish();
}

/// CPU time a process has used, all its threads together, from the kernel's scheduler
/// statistics (nanoseconds, unlike the clock ticks of `/proc/PID/stat`).
fn cpu_time(pid: u32) -> Duration {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task"))
        .into_iter()
        .flatten();
    let nanos = tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    Duration::from_nanos(nanos)
}

/// Peak resident memory (`VmHWM`) of a process, in bytes.
fn peak_memory(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0, |kib| kib * 1024)
}

pub fn bench_peak_memory(c: &mut Criterion<PeakMemory>) {
    let fixture = Fixture::new();
    let mut group = c.benchmark_group("binary/peak_memory_with_body_on_screen");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for (size, keys) in BODIES {
        group.measurement_time(Duration::from_secs(if size == "50MB" { 20 } else { 10 }));
        group.bench_function(BenchmarkId::from_parameter(size), |b| {
            b.iter_custom(|iters| {
                let mut total = 0;
                for _ in 0..iters {
                    let (session, _) = fixture.launch_showing(keys);
                    total += peak_memory(session.pid());
                    quit(session);
                }
                total
            });
        });
    }
    group.finish();
}

/// A criterion measurement in bytes of memory, for [`bench_peak_memory`]: each iteration
/// reports the peak it saw, so the figure is the peak per run.
#[derive(Debug)]
pub struct PeakMemory;

impl Measurement for PeakMemory {
    type Intermediate = ();
    type Value = u64;

    fn start(&self) {}

    fn end(&self, (): ()) -> u64 {
        0
    }

    fn add(&self, v1: &u64, v2: &u64) -> u64 {
        v1 + v2
    }

    fn zero(&self) -> u64 {
        0
    }

    #[allow(clippy::cast_precision_loss, reason = "bytes of memory fit an f64's mantissa")]
    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        &Mebibytes
    }
}

/// Shows bytes as MiB.
struct Mebibytes;

impl ValueFormatter for Mebibytes {
    fn scale_values(&self, _typical: f64, values: &mut [f64]) -> &'static str {
        for value in values {
            *value /= 1024.0 * 1024.0;
        }
        "MiB"
    }

    fn scale_throughputs(
        &self,
        _typical: f64,
        _throughput: &Throughput,
        _values: &mut [f64],
    ) -> &'static str {
        "MiB"
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "B"
    }
}
