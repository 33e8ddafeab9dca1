//! apibench's performance figures as criterion benchmarks, out of `cargo test` (they time
//! things and assert nothing about speed). One bench target, so `cargo bench` links once:
//! - `body_view`: building the view of a 5 MB and a 50 MB JSON body, and drawing a frame of it
//!   while scrolling;
//! - `edit`: one format-preserving edit, one save, and finding switched-off rows, on
//!   collections of 25, 250 and 2,500 requests;
//! - `binary`: the release binary in a pseudo-terminal against the demo API (launch, idle CPU,
//!   send to body on screen, page-down latency) and its peak memory;
//! - `history`: a history of 100,000 exchanges: what start-up reads, one request's list,
//!   storing one more, and the binary's launch with it;
//! - `load`: one list of 5,000 and of 50,000 requests loaded, and its switched-off rows found.
//!
//! `cargo bench` runs them all; `cargo bench --bench perf -- edit/` one group. See
//! `benches/README.md`.

mod binary;
mod body_view;
mod edit;
mod history;
mod load;
#[path = "../../tests/it/support/pty.rs"]
#[allow(
    dead_code,
    reason = "the tests use more of the pty harness than the benchmarks do"
)]
mod pty;

use criterion::{Criterion, criterion_group, criterion_main};

criterion_group!(
    name = timed;
    config = Criterion::default();
    targets = body_view::bench, edit::bench, binary::bench, history::bench, load::bench
);
criterion_group!(
    name = memory;
    config = Criterion::default().with_measurement(binary::PeakMemory);
    targets = binary::bench_peak_memory
);
criterion_main!(timed, memory);
