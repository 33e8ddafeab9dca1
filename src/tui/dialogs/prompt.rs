//! The one-line prompt at the bottom of the screen, for a search or a `JSONPath` filter: its
//! keys (a shell's ctrl-u and ctrl-w included) and its drawing.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::theme::Theme;

/// A one-line text prompt (search, filter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// The text is what the prompt offered (`$.`, the last filter), not yet touched.
    offered: bool,
}

impl Prompt {
    /// A prompt opening on `text`, which the user may extend or replace.
    pub fn new(kind: PromptKind, text: String) -> Self {
        Self {
            kind,
            offered: !text.is_empty(),
            text,
        }
    }

    /// Typed or pasted text. A prompt is one line: line breaks and other control characters
    /// become spaces. A whole `JSONPath` (`$…`) given to an untouched offer replaces it.
    pub fn insert(&mut self, text: &str) {
        if self.offered && text.trim_start().starts_with('$') {
            self.text.clear();
        }
        self.offered = false;
        self.text
            .extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
    }

    /// The text after an edit that is not an insertion (backspace, clearing).
    pub fn text_mut(&mut self) -> &mut String {
        self.offered = false;
        &mut self.text
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    Filter,
    /// The finder's query line (drawn by the finder).
    Find,
    /// Where to save the response body.
    SaveBody,
}

/// What a key did to a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKey {
    Typing,
    Submit,
    Cancel,
}

impl Prompt {
    pub fn key(&mut self, key: KeyEvent) -> PromptKey {
        match key.code {
            KeyCode::Esc => return PromptKey::Cancel,
            KeyCode::Enter => return PromptKey::Submit,
            KeyCode::Backspace => {
                self.text_mut().pop();
            }
            // As in a shell: ctrl-u clears the line, ctrl-w takes back the last word.
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.text_mut().clear();
            }
            KeyCode::Char('w') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                let text = self.text_mut();
                let kept = text.trim_end().rfind(char::is_whitespace).map_or(0, |i| i + 1);
                text.truncate(kept);
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.insert(c.encode_utf8(&mut [0; 4]));
            }
            _ => {}
        }
        PromptKey::Typing
    }

    /// On the screen's last line, over the status bar.
    pub fn draw(&self, frame: &mut Frame<'_>, theme: Theme) {
        let area = frame.area();
        let line = Rect {
            y: area.height.saturating_sub(1),
            height: 1.min(area.height),
            ..area
        };
        let label = match self.kind {
            PromptKind::Search => "search: ",
            PromptKind::Filter => "filter (JSONPath): ",
            PromptKind::Find => "find: ",
            PromptKind::SaveBody => "save the body to: ",
        };
        frame.render_widget(Clear, line);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(label, theme.bold()),
                Span::raw(self.text.clone()),
                Span::styled("█", theme.dim()),
            ])),
            line,
        );
    }
}
