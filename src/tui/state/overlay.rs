//! What covers the panes: the help screen, a one-line prompt, or an editing dialog.

use crate::tui::edit::{Choice, Confirm, Form, TextEditor, VarsView};

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
}

/// What covers the panes.
#[derive(Debug, Clone)]
pub enum Overlay {
    None,
    Help {
        scroll: u16,
    },
    Prompt(Prompt),
    /// One or two text fields for an edit.
    Form(Box<Form>),
    Choice(Choice),
    Confirm(Confirm),
    /// The multi-line editor for a body or a description.
    TextEditor(Box<TextEditor>),
    Variables(VarsView),
}
