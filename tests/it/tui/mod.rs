//! The terminal UI end to end: in process against the demo API and the file watcher, and the
//! real binary in a pseudo-terminal.

mod app;
mod edit;
mod leftovers;
mod pty;
mod signals;
