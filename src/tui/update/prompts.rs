//! The one-line prompts (search, a `JSONPath` filter) and the environment picker.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::message::Effect;
use crate::tui::state::{App, Overlay, Pane, Prompt, PromptKind, ResponseTab};

pub(super) fn on_prompt_key(app: &mut App, mut prompt: Prompt, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => app.overlay = Overlay::None,
        KeyCode::Enter => {
            app.overlay = Overlay::None;
            return submit_prompt(app, prompt);
        }
        KeyCode::Backspace => {
            prompt.text_mut().pop();
            app.overlay = Overlay::Prompt(prompt);
        }
        // As in a shell: ctrl-u clears the line, ctrl-w takes back the last word.
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            prompt.text_mut().clear();
            app.overlay = Overlay::Prompt(prompt);
        }
        KeyCode::Char('w') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            let text = prompt.text_mut();
            let kept = text.trim_end().rfind(char::is_whitespace).map_or(0, |i| i + 1);
            text.truncate(kept);
            app.overlay = Overlay::Prompt(prompt);
        }
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            prompt.insert(c.encode_utf8(&mut [0; 4]));
            app.overlay = Overlay::Prompt(prompt);
        }
        _ => {}
    }
    Vec::new()
}

fn submit_prompt(app: &mut App, prompt: Prompt) -> Vec<Effect> {
    match prompt.kind {
        PromptKind::Search => {
            app.body.search.clone_from(&prompt.text);
            app.body.matches.clear();
            match shown_body(app) {
                Some(view) if !prompt.text.is_empty() => vec![Effect::Search {
                    view,
                    query: prompt.text,
                }],
                _ => Vec::new(),
            }
        }
        PromptKind::Filter => {
            if prompt.text.trim().is_empty() {
                app.body.filter = None;
                app.body.filtered = None;
                app.body.scroll = 0;
                return Vec::new();
            }
            if let Some(view) = app.selected_done().and_then(|d| d.body.clone()) {
                vec![Effect::Filter {
                    view,
                    expr: prompt.text,
                }]
            } else {
                app.message = Some("no body to filter yet".to_owned());
                Vec::new()
            }
        }
    }
}

/// The body on screen: the filtered view if a filter is active.
pub fn shown_body(app: &App) -> Option<Arc<crate::tui::body_view::BodyView>> {
    app.body
        .filtered
        .clone()
        .or_else(|| app.selected_done().and_then(|d| d.body.clone()))
}

pub(super) fn reveal_match(app: &mut App) {
    if let Some((line, _)) = app.body.matches.get(app.body.current) {
        app.body.scroll = line.saturating_sub(3);
        app.focus = Pane::Response;
        app.response_tab = ResponseTab::Body;
    }
}
