//! The troubleshooting pane: what went wrong first, with evidence; what could not be told;
//! the causes ruled out (collapsed); tips last.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::diagnosis::{Check, Checklist, Verdict};
use crate::tui::action::Action;
use crate::tui::state::RequestState;
use crate::tui::state::{App, Pane};
use crate::tui::widgets::{fitted, pane_block, safe, wrap_indented};

/// Draws the checklist; returns how far it scrolls (the first line of its last screenful).
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) -> usize {
    let focused = app.focus == Pane::Checklist;
    let state = app.selected_state();
    let Some(done) = state.and_then(RequestState::last) else {
        let text = if state.is_some_and(RequestState::is_sending) {
            "The checklist appears when the response arrives."
        } else {
            "Send a request to see why it worked — or why it did not."
        };
        let block = pane_block(Line::from(" Checklist "), focused, app.theme);
        frame.render_widget(
            Paragraph::new(Line::styled(text, app.theme.dim()))
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return 0;
    };
    let list = &done.checklist_at(&app.clock());
    let problems = list.problems();
    // While a send runs or after one is cancelled, this is the send before it.
    let previous = matches!(
        state,
        Some(RequestState::Cancelled { .. } | RequestState::Sending { .. })
    );
    let title = Line::from(vec![
        Span::styled(
            if previous {
                " previous:"
            } else if done.past_at().is_some() {
                " past:"
            } else {
                ""
            },
            app.theme.dim(),
        ),
        Span::styled(format!(" {} ", safe(&list.title)), app.theme.bold()),
        Span::styled(
            match problems {
                0 => "— no problems ".to_owned(),
                1 => "— 1 problem ".to_owned(),
                n => format!("— {n} problems "),
            },
            if problems == 0 {
                app.theme.pass()
            } else {
                app.theme.fail()
            },
        ),
    ]);
    let block = pane_block(fitted(title, area.width), focused, app.theme);
    let width = usize::from(area.width.saturating_sub(2));
    // Every line is wrapped here, with its hanging indent, so one line is one screen row and
    // the furthest scroll is exact.
    let lines = lines(list, &done.counted_down, app, width);
    let room = lines
        .len()
        .saturating_sub(usize::from(area.height.saturating_sub(2)));
    let scroll = app.scroll.get(&Pane::Checklist).copied().unwrap_or(0).min(room);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
    room
}

fn lines<'a>(list: &Checklist, counted_down: &[&str], app: &App, width: usize) -> Vec<Line<'a>> {
    let styled = |text: &str, indent: usize, style| {
        wrap_indented(text, width, indent)
            .into_iter()
            .map(move |l| Line::styled(l, style))
    };
    let mut out: Vec<Line<'a>> = styled(&safe(&list.summary), 0, app.theme.dim()).collect();
    out.push(Line::raw(""));
    // A countdown that ran out stays in view: its "you may retry now" is the news.
    let collapsed = |c: &Check| c.verdict == Verdict::Pass && !counted_down.contains(&c.id());
    let passes = list.checks.iter().filter(|c| collapsed(c)).count();
    // With nothing wrong, what was checked is the whole story: show it.
    let show_passes = app.show_passes || list.checks.iter().all(|c| c.verdict == Verdict::Pass);
    for check in &list.checks {
        let (mark, style) = match check.verdict {
            Verdict::Fail => ("✘", app.theme.fail()),
            Verdict::Unknown => ("?", app.theme.unknown()),
            Verdict::Pass if show_passes || !collapsed(check) => ("✔", app.theme.pass()),
            Verdict::Pass => continue,
        };
        // The mark hangs left of the label, and wrapped label lines stay under the label.
        let label = hanging(mark, &safe(&check.label), width);
        out.extend(label.into_iter().map(|l| Line::styled(l, style)));
        out.extend(styled(&safe(&check.evidence), 2, Style::default()));
        // Ids and citations are for looking a check up: shown with the details.
        if app.show_passes {
            let id = match check.cite {
                Some(cite) => format!("{cite} · {}", check.id()),
                None => check.id().to_owned(),
            };
            out.extend(styled(&id, 2, app.theme.dim()));
        }
    }
    if passes > 0 && !show_passes {
        let ruled_out = format!(
            "{} ruled out — {} shows them",
            crate::format::count(passes, "other cause", "other causes"),
            app.keymap.hint(Action::TogglePasses)
        );
        out.extend(
            hanging("✔", &ruled_out, width)
                .into_iter()
                .map(|l| Line::styled(l, app.theme.pass())),
        );
    }
    if let Some(next) = list.wait_over_at() {
        let clock = app.clock();
        if next > clock.now {
            out.push(Line::raw(""));
            out.extend(styled(
                &format!(
                    "{} retries when the wait is over ({})",
                    app.keymap.hint(Action::Retry),
                    clock.relative(next)
                ),
                0,
                app.theme.unknown(),
            ));
        }
    }
    if !list.tips.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("Tips", app.theme.bold()));
        for tip in &list.tips {
            out.extend(hanging("·", &safe(tip), width).into_iter().map(Line::raw));
        }
    }
    out
}

/// `text` wrapped under a one-column `mark` that hangs to its left: `✘ label` and the
/// label's further lines two columns in.
fn hanging(mark: &str, text: &str, width: usize) -> Vec<String> {
    let mut lines = wrap_indented(text, width, 2);
    if let Some(first) = lines.first_mut() {
        first.replace_range(..2, &format!("{mark} "));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::catalogue::too_many_requests;

    fn text(lines: &[Line<'_>]) -> String {
        lines
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn passes_collapse_except_a_countdown_that_ran_out() {
        let app = crate::tui::tests::app();
        let list = Checklist {
            title: "429 Too Many Requests".into(),
            summary: String::new(),
            checks: vec![
                Check::fail(too_many_requests::CLIENT_RATE, "7 in 10 s"),
                Check::pass(too_many_requests::RETRY_AFTER, "you may retry now")
                    .labelled("The wait has passed"),
                Check::pass(too_many_requests::IDENTITY, "Bearer sent").labelled("You are identified"),
            ],
            tips: Vec::new(),
        };
        let shown = text(&lines(&list, &["429.retry-after"], &app, 80));
        assert!(shown.contains("✔ The wait has passed"), "{shown}");
        assert!(!shown.contains("You are identified"), "{shown}");
        assert!(shown.contains("✔ 1 other cause ruled out"), "{shown}");

        let without = text(&lines(&list, &[], &app, 80));
        assert!(!without.contains("The wait has passed"), "{without}");
        assert!(without.contains("✔ 2 other causes ruled out"), "{without}");
    }
}
