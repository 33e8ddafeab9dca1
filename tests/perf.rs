//! Measurements, not tests — they print numbers and assert nothing about speed. Run them on
//! an optimised build:
//!
//! ```sh
//! cargo test --release --test perf -- --ignored --nocapture --test-threads 1
//! ```
//!
//! - `draw_time_of_big_bodies`: building the body view, then the time to draw a 160x48 frame
//!   while scrolling a 5 MB and a 50 MB JSON body (in process, on a `TestBackend`).
//! - `the_real_binary`: the release binary in a pseudo-terminal against the demo API: time
//!   to first frame, idle CPU, time until a 5 MB and a 50 MB body show, key-to-screen latency
//!   while paging through them, and peak memory.
//! - `edit_latency`: one format-preserving edit (splice, verify by reloading) and one save on
//!   collections of 25, 250 and 2,500 requests.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use apibench::collection::{RequestPath, Variables};
use apibench::http::{Exchange, Outcome, Response, ResponseHead, SentRequest, Timing};
use apibench::session::Workspace;
use apibench::tui::app::{App, Done, Flight, Pane};
use apibench::tui::body::BodyView;
use apibench::tui::keymap::Keymap;
use bytes::Bytes;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// JSON shaped like the demo's `/v1/big`: `mb` megabytes of items.
fn big_json(mb: usize) -> Bytes {
    let pad = "x".repeat(880);
    let items: Vec<String> = (0..mb * 1000)
        .map(|i| format!("{{\"id\":{i},\"name\":\"item {i}\",\"tags\":[\"demo\",\"big\"],\"active\":true,\"score\":{}.5,\"payload\":\"{pad}\"}}", i % 100))
        .collect();
    Bytes::from(format!(
        "{{\"count\":{},\"items\":[{}]}}",
        mb * 1000,
        items.join(",")
    ))
}

fn stats(mut samples: Vec<Duration>) -> String {
    samples.sort();
    // Nearest-rank percentile: index = ceil(q × n) − 1.
    let pick = |percent: usize| samples[(samples.len() * percent).div_ceil(100).saturating_sub(1)];
    format!(
        "median {:.2} ms, p95 {:.2} ms, max {:.2} ms over {}",
        pick(50).as_secs_f64() * 1e3,
        pick(95).as_secs_f64() * 1e3,
        pick(100).as_secs_f64() * 1e3,
        samples.len()
    )
}

#[test]
#[ignore = "a measurement: run with --release --ignored --nocapture"]
fn draw_time_of_big_bodies() {
    for mb in [5, 50] {
        let body = big_json(mb);
        let started = Instant::now();
        let view = Arc::new(BodyView::build(body.clone(), Some("application/json")));
        let build = started.elapsed();

        let mut app = App::new(
            Workspace::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("collections/demo.yaml")),
            Keymap::default(),
            Variables::new(),
        );
        let path = RequestPath::parse("Network/Big response");
        app.tree.selected = app
            .tree
            .rows
            .iter()
            .position(|r| matches!(r, apibench::tui::tree::Row::Request { path: p, .. } if *p == path))
            .unwrap();
        let exchange = Exchange {
            request: SentRequest {
                method: "GET".into(),
                url: "http://127.0.0.1/v1/big".into(),
                headers: Vec::new(),
                body: Bytes::new(),
                proxy: None,
            },
            hops: Vec::new(),
            response: Response {
                head: ResponseHead {
                    status: 200,
                    reason: "OK".into(),
                    version: "HTTP/1.1".into(),
                    headers: vec![("content-type".into(), "application/json".into())],
                    remote_addr: None,
                },
                wire_bytes: body.len() as u64,
                body,
            },
            timing: Timing {
                started_at: std::time::SystemTime::now(),
                headers_after: None,
                total: Duration::from_millis(10),
            },
        };
        let state = app.requests.entry(App::key_of(0, &path)).or_default();
        state.flight = Flight::Idle;
        let mut done = Done::new(
            Err(apibench::http::PrepareError::NoSuchRequest {
                collection: String::new(),
                path: String::new(),
                suggestion: None,
            }),
            Some(Outcome::Response(Box::new(exchange))),
            apibench::diagnosis::Checklist {
                title: "200 OK".into(),
                summary: String::new(),
                checks: Vec::new(),
                tips: Vec::new(),
            },
            1,
        );
        done.body = Some(Arc::clone(&view));
        state.last = Some(done);
        app.focus = Pane::Response;
        app.size = (160, 48);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        let page = 40;
        let mut frames = Vec::new();
        for i in 0..300 {
            app.body.scroll = (i * page * 97) % view.line_count();
            let t = Instant::now();
            terminal.draw(|f| apibench::tui::view::draw(f, &app)).unwrap();
            frames.push(t.elapsed());
        }
        println!(
            "{mb} MB JSON: view built in {:.0} ms ({} lines); frame while scrolling: {}",
            build.as_secs_f64() * 1e3,
            view.line_count(),
            stats(frames)
        );
    }
}

/// The emulated screen, fed by a reader thread that signals after every chunk of output.
struct Screen {
    parser: Mutex<vt100::Parser>,
    changed: Condvar,
}

impl Screen {
    fn wait_until(&self, deadline: Duration, condition: impl Fn(&vt100::Screen) -> bool) -> bool {
        let end = Instant::now() + deadline;
        let mut parser = self.parser.lock().unwrap();
        while !condition(parser.screen()) {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            parser = self.changed.wait_timeout(parser, left).unwrap().0;
        }
        true
    }

    fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }
}

fn proc_field(pid: u32, file: &str, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).ok()?;
    text.lines()
        .find(|l| l.starts_with(key))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// utime + stime of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    fields.get(11).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0)
        + fields.get(12).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0)
}

#[test]
#[ignore = "a measurement: run with --release --ignored --nocapture"]
fn the_real_binary() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(apibench::demo::DemoServer::start(0)).unwrap();
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

    let pty = portable_pty::native_pty_system();
    let pair = pty
        .openpty(portable_pty::PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = portable_pty::CommandBuilder::new(assert_cmd::cargo::cargo_bin("apibench"));
    cmd.arg(&collection);
    cmd.env("TERM", "xterm-256color");
    cmd.env("APIBENCH_CONFIG_DIR", dir.path());
    let spawned = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    let pid = child.process_id().unwrap();
    drop(pair.slave);
    let screen = Arc::new(Screen {
        parser: Mutex::new(vt100::Parser::new(
            NonZeroU16::new(40).unwrap(),
            NonZeroU16::new(120).unwrap(),
            0,
        )),
        changed: Condvar::new(),
    });
    let mut reader = pair.master.try_clone_reader().unwrap();
    let feed = Arc::clone(&screen);
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            feed.parser.lock().unwrap().process(&buf[..n]);
            feed.changed.notify_all();
        }
    });
    let mut keys = pair.master.take_writer().unwrap();

    assert!(screen.wait_until(Duration::from_secs(10), |s| s.contents().contains("big-5")));
    println!(
        "launch to first frame: {:.0} ms",
        spawned.elapsed().as_secs_f64() * 1e3
    );

    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(5));
    let ticks = cpu_ticks(pid) - before;
    // Clock ticks are 1/100 s on Linux: ticks over 5 s ÷ 5 is the percentage of one core.
    println!(
        "idle CPU over 5 s: {ticks} clock ticks ({}.{} % of a core)",
        ticks / 5,
        (ticks % 5) * 2
    );

    for (key, name) in [("s", "5 MB"), ("js", "50 MB")] {
        let sent = Instant::now();
        keys.write_all(key.as_bytes()).unwrap();
        // The previous body leaves the screen first (the new request is selected and sending).
        assert!(screen.wait_until(Duration::from_secs(10), |s| !s.contents().contains("\"count\":")));
        assert!(
            screen.wait_until(Duration::from_secs(120), |s| s.contents().contains("\"count\":")),
            "{}",
            screen.contents()
        );
        println!(
            "{name}: send to pretty body on screen: {:.0} ms",
            sent.elapsed().as_secs_f64() * 1e3
        );
        keys.write_all(b"\t\t").unwrap(); // focus the response pane
        let mut latencies = Vec::new();
        for _ in 0..30 {
            let before = screen.contents();
            let t = Instant::now();
            keys.write_all(b"\x1b[6~").unwrap(); // PageDown
            if screen.wait_until(Duration::from_secs(5), |s| s.contents() != before) {
                latencies.push(t.elapsed());
            }
        }
        println!("{name}: PageDown to new screen: {}", stats(latencies));
        keys.write_all(b"\t\t").unwrap(); // back to the tree
        println!(
            "{name}: peak memory (VmHWM) so far: {} MiB",
            proc_field(pid, "status", "VmHWM:").unwrap_or(0) / 1024
        );
    }
    keys.write_all(b"q").unwrap();
    let _ = child.wait();
}

/// A collection of `n` requests in folders of 25, written by hand's usual style.
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

#[test]
#[ignore = "a measurement: run with --release --ignored --nocapture"]
fn edit_latency() {
    use apibench::collection::edit::{Document, Edit, Field};
    for n in [25, 250, 2500] {
        let text = big_collection(n);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        std::fs::write(&path, &text).unwrap();
        let mut doc = Document::new(path.clone(), text.clone());
        let mut edits = Vec::new();
        let mut saves = Vec::new();
        for round in 0..20 {
            let request = RequestPath::parse(&format!("Folder {}/Request {}", (n / 25) / 2, round % 25));
            let started = Instant::now();
            doc.apply(&Edit::SetField {
                request,
                field: Field::Url,
                value: Some(format!("http://example.com/{round}")),
            })
            .unwrap();
            edits.push(started.elapsed());
            let started = Instant::now();
            apibench::collection::store::save(&mut doc, apibench::collection::store::OnConflict::Stop)
                .unwrap();
            saves.push(started.elapsed());
        }
        let collection = apibench::collection::parse_collection(&doc.text, &path).unwrap();
        let started = Instant::now();
        let rows = apibench::collection::edit::rows::disabled_rows_by_request(&doc.text, &collection);
        let scan = started.elapsed();
        assert_eq!(rows.len(), n);
        println!(
            "{n} requests ({} KB): edit {}; save {}; switched-off rows of every request {:.2} ms",
            text.len() / 1024,
            stats(edits),
            stats(saves),
            scan.as_secs_f64() * 1e3
        );
    }
}
