//! apibench: a terminal workbench for HTTP APIs that tells you why a request failed.

pub mod collection;
pub mod demo;
pub mod format;
pub mod http;
pub mod suggest;
pub mod template;
