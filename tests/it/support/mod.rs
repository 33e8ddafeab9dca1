//! Shared test factories, one place for each: fixture and shipped-collection paths, scratch
//! directories with collections written into them, the demo API started and pointed at, the
//! CLI command and its checks, the TUI driven until a condition holds, the pseudo-terminal
//! harness for the real binary, and servers that misbehave at the socket level.

pub mod cli;
pub mod demo;
pub mod files;
pub mod model;
pub mod pty;
pub mod servers;
pub mod tui;

pub use files::{Scratch, fixture, handwritten_copy, shipped};
pub use model::{pairs, t};
pub use servers::closed_port;
