//! The troubleshooting pane: what went wrong first, with evidence; what could not be told;
//! the causes ruled out (collapsed); tips last.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::diagnosis::{Check, Checklist, Verdict};
use crate::tui::action::Action;
use crate::tui::state::RequestState;
use crate::tui::state::{App, Pane};
use crate::tui::widgets::{pane_block, safe, wrap_indented};

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
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
        return;
    };
    let list = &done.checklist_at(&app.clock());
    let problems = list.problems();
    let title = Line::from(vec![
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
    let block = pane_block(title, focused, app.theme);
    let scroll = u16::try_from(app.scroll.get(&Pane::Checklist).copied().unwrap_or(0)).unwrap_or(u16::MAX);
    let width = usize::from(area.width.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(lines(list, &done.counted_down, app, width))
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

fn lines<'a>(list: &Checklist, counted_down: &[&str], app: &App, width: usize) -> Vec<Line<'a>> {
    let mut out = vec![Line::styled(safe(&list.summary), app.theme.dim()), Line::raw("")];
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
        out.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(check.label.clone(), style),
        ]));
        for line in wrap_indented(&safe(&check.evidence), width, 2) {
            out.push(Line::raw(line));
        }
        let id = match check.cite {
            Some(cite) => format!("{cite} · {}", check.id()),
            None => check.id().to_owned(),
        };
        out.push(Line::styled(format!("  {id}"), app.theme.dim()));
    }
    if passes > 0 && !show_passes {
        out.push(Line::styled(
            format!(
                "✔ {passes} other cause(s) ruled out — {} shows them",
                app.keymap.hint(Action::TogglePasses)
            ),
            app.theme.pass(),
        ));
    }
    if let Some(next) = list.wait_over_at() {
        let clock = app.clock();
        if next > clock.now {
            out.push(Line::raw(""));
            out.push(Line::styled(
                format!(
                    "{} retries when the wait is over ({})",
                    app.keymap.hint(Action::Retry),
                    clock.relative(next)
                ),
                app.theme.unknown(),
            ));
        }
    }
    if !list.tips.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("Tips", app.theme.bold()));
        out.extend(list.tips.iter().map(|t| Line::raw(format!("· {}", safe(t)))));
    }
    out
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
        assert!(shown.contains("✔ 1 other cause(s) ruled out"), "{shown}");

        let without = text(&lines(&list, &[], &app, 80));
        assert!(!without.contains("The wait has passed"), "{without}");
        assert!(without.contains("✔ 2 other cause(s) ruled out"), "{without}");
    }
}
