//! The response body view of big JSON: building it (pretty-printing and indexing lines), then
//! drawing one 160×48 frame with the response pane focused while scrolling through it, for
//! 5 MB and 50 MB bodies shaped like the demo's `/v1/big`, in process on a `TestBackend`; and
//! the same for a 256 MB body read from its file, as a body past the spill size is.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use apibench::collection::{RequestPath, Variables};
use apibench::diagnosis::Checklist;
use apibench::http::{
    Exchange, HELD_OF_SPILLED, Outcome, Response, ResponseHead, SentRequest, SpilledBody, Timing,
};
use apibench::session::Workspace;
use apibench::tui::body_view::BodyView;
use apibench::tui::keymap::Keymap;
use apibench::tui::state::Row;
use apibench::tui::state::{App, Done, Pane, RequestState};
use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES_MB: [usize; 2] = [5, 50];

pub fn bench(c: &mut Criterion) {
    let bodies: Vec<(usize, Bytes)> = SIZES_MB.iter().map(|&mb| (mb, big_json(mb))).collect();

    let mut build = c.benchmark_group("body_view/build");
    build
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(10));
    for (mb, body) in &bodies {
        build.throughput(Throughput::Bytes(body.len() as u64));
        build.bench_with_input(BenchmarkId::from_parameter(format!("{mb}MB")), body, |b, body| {
            b.iter_with_large_drop(|| BodyView::build(body.clone(), Some("application/json")));
        });
    }
    build.finish();

    let mut draw = c.benchmark_group("body_view/draw_frame_while_scrolling");
    for (mb, body) in &bodies {
        let view = Arc::new(BodyView::build(body.clone(), Some("application/json")));
        let app = app_showing(body, &view);
        draw_while_scrolling(
            &mut draw,
            BenchmarkId::from_parameter(format!("{mb}MB")),
            app,
            &view,
        );
    }

    // One 20 MB line (minified JSON shown as text, a log line), wrapped: a frame cuts only
    // what fits on screen from it.
    let line = Bytes::from("x".repeat(20 << 20));
    let view = Arc::new(BodyView::build(line.clone(), Some("text/plain")));
    let mut app = app_showing(&line, &view);
    app.body.wrap = true;
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    draw.bench_function("wrapped_20MB_line", |b| {
        b.iter(|| {
            terminal
                .draw(|f| {
                    apibench::tui::view::draw(f, &app);
                })
                .unwrap();
        });
    });
    draw.finish();

    // A body past the spill size, as the engine leaves it: in a temporary file, its first MiB
    // held. Indexing it is one pass over the file; a frame re-reads a few hundred lines.
    let body = big_json(ON_DISK_MB);
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, &body).unwrap();
    let spilled = SpilledBody::new(file.into_temp_path(), body.len() as u64);
    let start = body.slice(..HELD_OF_SPILLED);
    drop(body);
    let mut on_disk = c.benchmark_group("body_view/on_disk");
    on_disk.sample_size(10).sampling_mode(SamplingMode::Flat);
    on_disk.throughput(Throughput::Bytes(spilled.len));
    on_disk.bench_function(BenchmarkId::new("index", format!("{ON_DISK_MB}MB")), |b| {
        b.iter(|| BodyView::of_response(start.clone(), Some(spilled.clone()), Some("application/json")));
    });
    let view = Arc::new(BodyView::of_response(
        start.clone(),
        Some(spilled.clone()),
        Some("application/json"),
    ));
    let app = app_showing(&start, &view);
    on_disk.throughput(Throughput::Elements(1));
    let id = BenchmarkId::new("draw_frame_while_scrolling", format!("{ON_DISK_MB}MB"));
    draw_while_scrolling(&mut on_disk, id, app, &view);
    on_disk.finish();
}

/// Draws one 160×48 frame per iteration, jumping about the body as paging through it would,
/// not one line at a time.
fn draw_while_scrolling(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    id: BenchmarkId,
    mut app: App,
    view: &BodyView,
) {
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let lines = view.line_count();
    let page = 40;
    let mut frame = 0;
    group.bench_function(id, |b| {
        b.iter(|| {
            app.body.scroll = (frame * page * 97) % lines;
            frame += 1;
            terminal
                .draw(|f| {
                    apibench::tui::view::draw(f, &app);
                })
                .unwrap();
        });
    });
}

/// The size of the body viewed from its file.
const ON_DISK_MB: usize = 256;

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

/// The app on the demo collection with "Network/Big response" selected, its last result a
/// 200 carrying `body`, drawn with `view` and the response pane focused.
fn app_showing(body: &Bytes, view: &Arc<BodyView>) -> App {
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("collections/demo.yaml");
    let mut app = App::new(Workspace::load(&demo), Keymap::default(), Variables::new());
    let path = RequestPath::parse("Network/Big response");
    app.tree.selected = app
        .tree
        .rows
        .iter()
        .position(|r| matches!(r, Row::Request { path: p, .. } if *p == path))
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
            spilled: None,
            body: body.clone(),
        },
        timing: Timing {
            started_at: SystemTime::now(),
            headers_after: None,
            total: Duration::from_millis(10),
        },
    };
    let id = apibench::session::RequestId::new(0, path.clone());
    let sent = apibench::session::Sent {
        id: id.clone(),
        needed_by: None,
        result: Ok(apibench::session::Exchanged {
            prepared: app.session().prepare(&app.workspace, &id).unwrap(),
            outcome: Outcome::Response(Arc::new(exchange)),
            captured: Vec::new(),
            expired_cookies: None,
        }),
    };
    let mut done = Done::new(
        Arc::new(sent),
        Checklist {
            title: "200 OK".into(),
            summary: String::new(),
            checks: Vec::new(),
            tips: Vec::new(),
        },
        1,
    );
    done.body = Some(Arc::clone(view));
    app.requests.insert(id, RequestState::finished(done));
    app.focus = Pane::Response;
    app.size = (160, 48);
    app
}
