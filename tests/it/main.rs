//! The integration tests, as one binary: every area's specs are modules of it, so a
//! `cargo test` links one test executable instead of one per file. Each module drives the
//! public API, the real binary or a pseudo-terminal; `support` holds the factories they
//! share (fixtures, scratch collections, the demo API, the CLI, the TUI driver, the pty).
//!
//! Run one area with `cargo test --test it cli::` (or `collection::edit::`, `tui::pty::`, …).

mod support;

mod architecture;
mod cli;
mod collection;
mod corpus;
mod diagnosis;
mod engine;
mod hostile;
mod interop;
mod prepare;
mod session;
mod tui;
