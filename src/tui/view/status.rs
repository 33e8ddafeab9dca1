//! The status bar: the environment, the keys that matter now, and the latest message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::action::Action;
use crate::tui::app::{App, Flight, Overlay, Pane};

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let env = app
        .environment
        .clone()
        .unwrap_or_else(|| "no environment".to_owned());
    let mut spans = vec![
        Span::styled(format!(" {env} "), app.theme.selected()),
        Span::raw(" "),
    ];
    if let Some(message) = &app.message {
        spans.push(Span::styled(
            crate::sanitize::for_terminal(message, false),
            app.theme.bold(),
        ));
        spans.push(Span::raw("  "));
    }
    let k = |a: Action| app.keymap.hint(a);
    let sending = matches!(
        app.selected_state().map(|s| &s.flight),
        Some(Flight::Sending { .. })
    );
    let hints: Vec<(String, &str)> = match &app.overlay {
        Overlay::Prompt(_) => vec![("enter".into(), "apply"), ("esc".into(), "cancel")],
        Overlay::Environments { .. } => vec![("enter".into(), "choose"), ("esc".into(), "cancel")],
        Overlay::Help { .. } => vec![("any key".into(), "close")],
        Overlay::None if sending => vec![
            (k(Action::Cancel), "cancel"),
            (k(Action::Help), "help"),
            (k(Action::Quit), "quit"),
        ],
        Overlay::None => {
            let mut h = vec![(k(Action::Send), "send")];
            match app.focus {
                Pane::Response => h.extend([
                    (k(Action::Search), "search"),
                    (k(Action::Filter), "filter"),
                    (k(Action::NextTab), "tab"),
                ]),
                Pane::Checklist => {
                    h.extend([(k(Action::TogglePasses), "passes"), (k(Action::Retry), "retry")]);
                }
                Pane::Request => h.extend([
                    (k(Action::ToggleResolved), "resolved"),
                    (k(Action::NextTab), "tab"),
                ]),
                Pane::Tree => h.push((k(Action::Select), "open")),
            }
            h.extend([
                (k(Action::NextPane), "pane"),
                (k(Action::SwitchEnvironment), "env"),
                (k(Action::Help), "help"),
                (k(Action::Quit), "quit"),
            ]);
            h
        }
    };
    for (i, (key, what)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", app.theme.dim()));
        }
        spans.push(Span::styled(key.clone(), app.theme.bold()));
        spans.push(Span::raw(format!(" {what}")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
