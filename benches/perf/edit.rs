//! Editing big collections: one format-preserving edit (splice the text, verify by reloading),
//! one atomic save, and finding every request's switched-off rows, on collections of 25, 250
//! and 2,500 requests written in a hand's usual style (folders, comments, flow mappings).
//! Then a URL edited in the app as a user does it (`e`, clear, type, enter) and the frame
//! after it, on one list of 5,000 and of 50,000 requests: what the UI thread does for one
//! edit (issue 14's target: under 16 ms at 50,000); and one keystroke in the finder over
//! those requests, with its frame.

use std::path::Path;
use std::time::Duration;

use apibench::collection::Variables;
use apibench::collection::edit::rows::disabled_rows_by_request;
use apibench::collection::edit::{Document, Edit, ScalarField};
use apibench::collection::store::{OnConflict, save};
use apibench::collection::{RequestPath, parse_collection};
use apibench::session::Workspace;
use apibench::tui::keymap::Keymap;
use apibench::tui::message::Msg;
use apibench::tui::state::{App, Now, Pane, Row};
use apibench::tui::update::update;
use criterion::{BatchSize, BenchmarkId, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

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

    let mut group = c.benchmark_group("edit");
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    for n in [5_000, 50_000] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("flat.yaml");
        std::fs::write(&path, crate::load::flat(n)).unwrap();
        let mut app = App::new(Workspace::load(&path), Keymap::default(), Variables::new());
        let middle = RequestPath::parse(&format!("Request {}", n / 2));
        app.tree.selected = app
            .tree
            .rows
            .iter()
            .position(|r| matches!(r, Row::Request { path, .. } if *path == middle))
            .unwrap();
        app.focus = Pane::Request;
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        let mut round = 0;
        let mut edit_url = |app: &mut App| {
            round += 1;
            let key = |code, modifiers| Msg::Key(KeyEvent::new(code, modifiers));
            let mut keys = vec![
                key(KeyCode::Char('e'), KeyModifiers::NONE),
                key(KeyCode::Char('u'), KeyModifiers::CONTROL),
            ];
            keys.extend(
                format!("https://api.example.com/v2/{round}")
                    .chars()
                    .map(|c| key(KeyCode::Char(c), KeyModifiers::NONE)),
            );
            keys.push(key(KeyCode::Enter, KeyModifiers::NONE));
            for msg in keys {
                update(app, msg, Now::read());
            }
            terminal
                .draw(|f| {
                    apibench::tui::view::draw(f, app);
                })
                .unwrap();
        };
        // The first edit reads the file and finds its requests' lines.
        edit_url(&mut app);
        assert_eq!(
            app.collection(0).unwrap().find(&middle).unwrap().url,
            "https://api.example.com/v2/1",
            "{:?}",
            app.message
        );
        group.bench_function(BenchmarkId::new("url_in_the_app", n), |b| {
            b.iter(|| edit_url(&mut app));
        });

        // The finder over every request: one key typed into its query, and the frame.
        let key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
        update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL)),
            Now::read(),
        );
        for c in "items/4".chars() {
            update(&mut app, key(KeyCode::Char(c)), Now::read());
        }
        group.bench_function(BenchmarkId::new("finder_keystroke", n), |b| {
            let mut typed = false;
            b.iter(|| {
                // Typing a character and taking it back: both are keystrokes.
                let code = if typed {
                    KeyCode::Backspace
                } else {
                    KeyCode::Char('2')
                };
                typed = !typed;
                update(&mut app, key(code), Now::read());
                terminal
                    .draw(|f| {
                        apibench::tui::view::draw(f, &app);
                    })
                    .unwrap();
            });
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
