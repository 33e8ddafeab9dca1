//! `run --report KIND=FILE`: the run written for CI systems as well as for people — JUnit
//! XML (read by GitLab, Jenkins, GitHub test reporters), TAP 14, or the JSON document of
//! `--output json`. Every report is built from the same [`Case`]s, whose texts are masked
//! before they get here.

mod junit;
mod tap;

use std::path::PathBuf;
use std::time::Duration;

/// One `--report` argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub kind: Kind,
    pub path: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Junit,
    Tap,
    Json,
}

/// Reads `junit=FILE`, `tap=FILE`, `json=FILE`.
pub fn parse_target(text: &str) -> Result<Target, String> {
    let (kind, path) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` should look like junit=FILE, tap=FILE or json=FILE"))?;
    let kind = match kind.trim().to_ascii_lowercase().as_str() {
        "junit" | "xml" => Kind::Junit,
        "tap" => Kind::Tap,
        "json" => Kind::Json,
        other => {
            return Err(format!(
                "unknown report kind `{other}`; expected junit, tap or json"
            ));
        }
    };
    if path.trim().is_empty() {
        return Err(format!("`{text}` names no file after `=`"));
    }
    Ok(Target {
        kind,
        path: PathBuf::from(path),
    })
}

/// One request of the run, as reports show it.
#[derive(Debug, Clone)]
pub struct Case {
    /// The collection's name: a JUnit suite.
    pub collection: String,
    /// The request's path inside it: `Users/Create user`.
    pub path: String,
    pub duration: Duration,
    pub met: bool,
    /// Each unmet expectation: `status: expected 401, got 200`.
    pub unmet: Vec<String>,
    /// The result as the text output prints it (without colour): exchange and checklist.
    pub detail: String,
}

/// The whole run.
#[derive(Debug)]
pub struct Run<'a> {
    pub cases: &'a [Case],
    pub took: Duration,
    pub interrupted: bool,
}

/// The report of `kind` for `run`, as the file's text. `json` is given, already built, since
/// it is the `--output json` document.
pub fn render(kind: Kind, run: &Run<'_>, json: &serde_json::Value) -> String {
    match kind {
        Kind::Junit => junit::render(run),
        Kind::Tap => tap::render(run),
        Kind::Json => json_text(json) + "\n",
    }
}

/// The JSON document as text, pretty, with C1 and bidi controls escaped (`serde_json` escapes
/// only C0): printed or `cat` to a terminal, a name or a header cannot drive it.
pub fn json_text(json: &serde_json::Value) -> String {
    crate::sanitize::escape_json_controls(&serde_json::to_string_pretty(json).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_targets_name_a_kind_and_a_file() {
        assert_eq!(
            parse_target("junit=out/report.xml"),
            Ok(Target {
                kind: Kind::Junit,
                path: PathBuf::from("out/report.xml")
            })
        );
        assert_eq!(parse_target("TAP=r.tap").map(|t| t.kind), Ok(Kind::Tap));
        assert!(
            parse_target("html=r.html")
                .unwrap_err()
                .contains("unknown report kind `html`")
        );
        assert!(parse_target("junit").is_err());
        assert!(parse_target("json=").is_err());
    }
}
