//! TAP version 14 (testanything.org/tap-version-14-specification.html): a plan, then one
//! `ok` / `not ok` line per request, a YAML diagnostic block under each miss.

use std::fmt::Write as _;

use super::Run;

pub(super) fn render(run: &Run<'_>) -> String {
    let mut out = String::from("TAP version 14\n");
    let _ = writeln!(out, "1..{}", run.cases.len());
    for (n, case) in run.cases.iter().enumerate() {
        let status = if case.met { "ok" } else { "not ok" };
        // `#` starts a directive in a description: escaped as the specification says; a line
        // break or an escape sequence in a name would break the stream, so they are shown.
        let name = crate::sanitize::for_terminal(&format!("{}/{}", case.collection, case.path), false)
            .replace('\\', "\\\\")
            .replace('#', "\\#");
        let _ = writeln!(out, "{status} {} - {name}", n + 1);
        if case.met {
            continue;
        }
        let block = serde_yaml::to_string(&serde_json::json!({
            "message": case.unmet.first().cloned().unwrap_or_default(),
            "unmet": case.unmet,
            "duration_ms": (case.duration.as_secs_f64() * 10_000.0).round() / 10.0,
            "detail": case.detail,
        }))
        .unwrap_or_default();
        out.push_str("  ---\n");
        for line in block.lines() {
            let _ = writeln!(out, "  {line}");
        }
        out.push_str("  ...\n");
    }
    if run.interrupted {
        out.push_str("Bail out! interrupted\n");
    }
    out
}
