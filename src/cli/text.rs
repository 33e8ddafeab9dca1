//! `run` output for people: each exchange, its checklist and tips. Colour when the terminal
//! supports it; `NO_COLOR` and pipes get plain text (anstream decides).

use std::io::Write;

use anstyle::{AnsiColor, Style};

use crate::diagnosis::{Checklist, Verdict};
use crate::http::Outcome;
use crate::{format, sanitize};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const RED: Style = AnsiColor::Red.on_default();
const GREEN: Style = AnsiColor::Green.on_default();
const YELLOW: Style = AnsiColor::Yellow.on_default();
const CYAN: Style = AnsiColor::Cyan.on_default();

/// Lines of body shown under a response; the full body is in `--output json`.
const BODY_PREVIEW_LINES: usize = 12;
/// Characters of each of those lines.
const PREVIEW_LINE_CHARS: usize = 200;

/// One result, as [`crate::history::ResultView`] has it.
pub fn print_result(
    out: &mut impl Write,
    view: &crate::history::ResultView<'_>,
    needed_by: Option<&str>,
) -> std::io::Result<()> {
    let mark = if view.met() { GREEN.render() } else { RED.render() };
    let reset = anstyle::Reset.render();
    write!(
        out,
        "{mark}●{reset} {BOLD}{}{BOLD:#}",
        sanitize::for_terminal(&view.full_path, false)
    )?;
    if let Some(parent) = needed_by {
        let parent = sanitize::for_terminal(parent, false);
        write!(out, " {DIM}(sent first: `{parent}` uses its response){DIM:#}")?;
    }
    writeln!(out)?;
    // What was expected and what came, first and with or without colour.
    for unmet in view.checked.iter().filter(|c| !c.met) {
        writeln!(
            out,
            "  {RED}✘ {}{RED:#}",
            sanitize::for_terminal(&unmet.to_string(), false)
        )?;
    }
    for attempt in view.attempts {
        let waited = if attempt.waited.is_zero() {
            String::new()
        } else {
            format!(" — waited {}", format::elapsed(attempt.waited))
        };
        writeln!(
            out,
            "  {DIM}↻ {}{waited}{DIM:#}",
            sanitize::for_terminal(&attempt.why, false)
        )?;
    }
    match view.outcome {
        Err(error) => {
            writeln!(
                out,
                "  {} {}",
                view.written_method,
                sanitize::for_terminal(&view.shown_url(view.written_url), false)
            )?;
            writeln!(
                out,
                "  {RED}✘ not sent:{RED:#} {}",
                sanitize::for_terminal(&error.to_string(), false)
            )?;
        }
        Ok(outcome) => {
            if let Some(sent) = outcome.sent() {
                writeln!(
                    out,
                    "  {} {}",
                    sent.method,
                    sanitize::for_terminal(&view.shown_url(&sent.url), false)
                )?;
            }
            print_hops(out, outcome.hops())?;
            match outcome {
                Outcome::Response(exchange) => {
                    let r = &exchange.response;
                    let status_style = match r.status() {
                        200..=299 => GREEN,
                        300..=399 => CYAN,
                        400..=499 => YELLOW,
                        _ => RED,
                    };
                    writeln!(
                        out,
                        "  {status_style}{} {}{status_style:#} {DIM}· {} · {}{DIM:#}",
                        r.status(),
                        sanitize::for_terminal(&r.head.reason, false),
                        format::elapsed(exchange.timing.total),
                        format::bytes(r.body_len()),
                    )?;
                    print_body_preview(out, &r.body)?;
                }
                Outcome::Failure(failure) => {
                    writeln!(
                        out,
                        "  {RED}✘ {}:{RED:#} {}",
                        failure.kind.as_str(),
                        sanitize::for_terminal(&failure.message, false)
                    )?;
                }
            }
        }
    }
    print_checklist(out, view.checklist)?;
    writeln!(out)
}

/// Redirect hops; a long chain shows its first two and its last, since a loop repeats itself.
fn print_hops(out: &mut impl Write, hops: &[crate::http::Hop]) -> std::io::Result<()> {
    let line = |out: &mut dyn Write, hop: &crate::http::Hop| {
        writeln!(
            out,
            "  {DIM}↪ {} {} → {}{DIM:#}",
            hop.response.status,
            sanitize::for_terminal(&hop.response.reason, false),
            sanitize::for_terminal(&crate::secrets::mask_url(&hop.location), false)
        )
    };
    if hops.len() <= 4 {
        for hop in hops {
            line(out, hop)?;
        }
        return Ok(());
    }
    line(out, &hops[0])?;
    line(out, &hops[1])?;
    writeln!(out, "  {DIM}  … {} more redirects{DIM:#}", hops.len() - 3)?;
    line(out, &hops[hops.len() - 1])
}

fn print_body_preview(out: &mut impl Write, body: &[u8]) -> std::io::Result<()> {
    if body.is_empty() {
        return Ok(());
    }
    let Ok(text) = std::str::from_utf8(body) else {
        return writeln!(
            out,
            "  {DIM}(binary body, {}){DIM:#}",
            format::bytes(body.len() as u64)
        );
    };
    // Pretty-print small JSON so the preview is readable; large bodies are shown as they are.
    let pretty = (body.len() < 256 * 1024)
        .then(|| serde_json::from_str::<serde_json::Value>(text).ok())
        .flatten()
        .and_then(|v| serde_json::to_string_pretty(&v).ok());
    let text = pretty.as_deref().unwrap_or(text);
    let total = text.lines().count();
    for whole in text.lines().take(BODY_PREVIEW_LINES) {
        // A cut line says so (and a credential cut short is still recognised by `…`).
        let mut line: String = whole.chars().take(PREVIEW_LINE_CHARS).collect();
        if line.len() < whole.len() {
            line.push('…');
        }
        writeln!(out, "  {DIM}│{DIM:#} {}", sanitize::for_terminal(&line, false))?;
    }
    if total > BODY_PREVIEW_LINES {
        writeln!(out, "  {DIM}│ … {} more lines{DIM:#}", total - BODY_PREVIEW_LINES)?;
    }
    Ok(())
}

pub fn print_checklist(out: &mut impl Write, checklist: &Checklist) -> std::io::Result<()> {
    writeln!(
        out,
        "  {BOLD}{}{BOLD:#} — {}",
        sanitize::for_terminal(&checklist.title, false),
        sanitize::for_terminal(&checklist.summary, false)
    )?;
    for check in &checklist.checks {
        let (mark, style) = match check.verdict {
            Verdict::Fail => ("✘", RED),
            Verdict::Unknown => ("?", YELLOW),
            // Passes are ruled-out causes: one dim line each; their evidence is in the JSON.
            Verdict::Pass => {
                writeln!(
                    out,
                    "    {DIM}✔ {}{DIM:#}",
                    sanitize::for_terminal(&check.label, false)
                )?;
                continue;
            }
        };
        write!(
            out,
            "    {style}{mark} {}{style:#}",
            sanitize::for_terminal(&check.label, false)
        )?;
        if let Some(cite) = check.cite {
            write!(out, " {DIM}({cite}){DIM:#}")?;
        }
        writeln!(out)?;
        writeln!(out, "      {}", sanitize::for_terminal(&check.evidence, false))?;
    }
    if !checklist.tips.is_empty() {
        writeln!(out, "    {DIM}Tips{DIM:#}")?;
        for tip in &checklist.tips {
            writeln!(out, "    {DIM}·{DIM:#} {}", sanitize::for_terminal(tip, false))?;
        }
    }
    Ok(())
}

/// The closing lines: every request that did not meet its expectation, by path and why, then
/// the totals and the time the run took.
pub fn summary(
    out: &mut impl Write,
    total: usize,
    unmet: &[(String, String)],
    took: std::time::Duration,
    interrupted: bool,
) -> std::io::Result<()> {
    if !unmet.is_empty() {
        writeln!(out, "{BOLD}Not as expected:{BOLD:#}")?;
        for (path, why) in unmet {
            writeln!(
                out,
                "  {RED}✘{RED:#} {} — {}",
                sanitize::for_terminal(path, false),
                sanitize::for_terminal(why, false)
            )?;
        }
    }
    let failed = unmet.len();
    let met = total - failed;
    let style = if failed == 0 { GREEN } else { RED };
    let stopped = if interrupted { " (interrupted)" } else { "" };
    writeln!(
        out,
        "{style}{}: {met} as expected, {failed} not{style:#} {DIM}in {}{stopped}{DIM:#}",
        crate::format::count(total, "request", "requests"),
        crate::format::elapsed(took)
    )
}
