//! Error-body tests, one file per family of formats (mirroring the parser's modules), with the
//! shared helpers here.

mod frameworks;
mod generic;
mod google;
mod microsoft;
mod problem;
mod robustness;
mod text;
mod vendors;

use std::time::Duration;

use super::summary::TEXT_MAX;
use super::*;
use crate::evidence::field_path::PathSeg;

fn parse(content_type: &str, body: &str) -> ErrorSummary {
    parse_error_body(Some(content_type), body.as_bytes())
}

fn json(body: &str) -> ErrorSummary {
    parse("application/json", body)
}

fn key(k: &str) -> PathSeg {
    PathSeg::Key(k.to_owned())
}

fn issue(location: Location, path: Vec<PathSeg>, raw: &str, message: &str, code: Option<&str>) -> FieldIssue {
    FieldIssue {
        location,
        path,
        raw_path: raw.to_owned(),
        message: Some(message.to_owned()),
        code: code.map(str::to_owned),
    }
}
