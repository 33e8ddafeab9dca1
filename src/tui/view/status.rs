//! The status bar: the environment, the keys that matter now, and the latest message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::action::Action;
use crate::tui::dialogs::Overlay;
use crate::tui::state::RequestState;
use crate::tui::state::{App, Pane};

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let env = app
        .environment
        .clone()
        .unwrap_or_else(|| "no environment".to_owned());
    let mut spans = vec![
        Span::styled(format!(" {env} "), app.theme.selected()),
        Span::raw(" "),
    ];
    let unsaved = app.editing.unsaved_count();
    if unsaved > 0 {
        spans.push(Span::styled(
            format!("● {unsaved} unsaved ({} saves) ", app.keymap.hint(Action::Save)),
            app.theme.fail(),
        ));
    }
    if !app.editing.conflicts.is_empty() {
        spans.push(Span::styled("⚠ changed on disk ", app.theme.fail()));
    }
    // An armed retry counts down here, drawn from its time, so it ticks with the clock.
    if let Some(at) = app.selected_state().and_then(RequestState::retry_at) {
        spans.push(Span::styled(
            format!(
                "retry armed: sends {} ({} disarms) ",
                app.clock().relative(at),
                app.keymap.hint(Action::Cancel)
            ),
            app.theme.unknown(),
        ));
    }
    if let Some(message) = &app.message {
        spans.push(Span::styled(
            crate::sanitize::for_terminal(message, false),
            app.theme.bold(),
        ));
        spans.push(Span::raw("  "));
    }
    let k = |a: Action| app.keymap.hint(a);
    let sending = app.selected_state().is_some_and(RequestState::is_sending);
    let hints: Vec<(String, &str)> = match &app.overlay {
        Overlay::Prompt(_) => vec![("enter".into(), "apply"), ("esc".into(), "cancel")],
        Overlay::Finder(_) => vec![
            ("enter".into(), "open or run"),
            ("↑/↓".into(), "move"),
            ("esc".into(), "cancel"),
        ],
        Overlay::Choice(_) => {
            vec![("enter".into(), "choose"), ("esc".into(), "cancel")]
        }
        Overlay::Cookies(_) => vec![
            ("d".into(), "delete"),
            ("D".into(), "empty the jar"),
            ("esc".into(), "close"),
        ],
        Overlay::Copy(_) => vec![("key or enter".into(), "copy"), ("esc".into(), "cancel")],
        Overlay::Past(_) => vec![
            ("enter".into(), "show"),
            ("d".into(), "mark / compare"),
            ("esc".into(), "back"),
        ],
        Overlay::Help { .. } => vec![
            (format!("{}/{}", k(Action::Down), k(Action::Up)), "scroll"),
            ("esc".into(), "close"),
        ],
        Overlay::Form(_) => vec![
            ("enter".into(), "apply"),
            ("tab".into(), "next field"),
            ("esc".into(), "cancel"),
        ],
        Overlay::Confirm(_) => vec![("esc".into(), "cancel")],
        Overlay::TextEditor(_) => vec![
            ("esc".into(), "done"),
            ("ctrl-s".into(), "done and save"),
            ("ctrl-c".into(), "discard"),
        ],
        Overlay::Variables(_) => vec![
            (k(Action::Edit), "edit"),
            (k(Action::Add), "add"),
            (k(Action::Delete), "delete"),
            ("esc".into(), "close"),
        ],
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
                    h.extend([(k(Action::TogglePasses), "details"), (k(Action::Retry), "retry")]);
                }
                Pane::Request => {
                    h.extend([(k(Action::Edit), "edit"), (k(Action::Add), "add")]);
                    if area.width >= 100 {
                        h.extend([
                            (k(Action::ToggleRow), "on/off"),
                            (k(Action::ToggleResolved), "resolved"),
                        ]);
                    }
                    h.push((k(Action::NextTab), "tab"));
                }
                Pane::Tree => h.extend([(k(Action::Select), "open"), (k(Action::Add), "new")]),
            }
            h.push((k(Action::NextPane), "pane"));
            // The full list is one key away; a narrow bar keeps the ones that end a session.
            if area.width >= 100 {
                h.push((k(Action::SwitchEnvironment), "env"));
            }
            h.extend([(k(Action::Help), "help"), (k(Action::Quit), "quit")]);
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
