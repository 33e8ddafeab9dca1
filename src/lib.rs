//! apibench: a terminal workbench for HTTP APIs that tells you why a request failed.

pub mod cli;
pub mod collection;
pub mod demo;
pub mod diagnosis;
pub mod format;
pub mod http;
pub mod sanitize;
pub mod secrets;
pub mod session;
pub mod suggest;
pub mod template;
