//! The real binary, end to end: `run` against the in-process demo API, `check`, `demo`,
//! exit codes and what reaches stdout and stderr.

mod broken_pipe;
mod check;
mod cookies;
mod demo_command;
mod explain;
mod hostile_input;
mod interop;
mod openapi_checks;
mod run_ci;
mod run_demo;
mod run_failures;
mod start;
