//! The small dialogs an edit goes through: a form of one or two text fields, a list to
//! choose from, and a question. Each carries its [`Purpose`] — what to do with the answer —
//! so the dialog itself knows nothing about collections.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

use crate::collection::edit::{Edit, Field, Table, VarScope};
use crate::collection::{Part, RequestPath};

/// A request in a collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub collection: usize,
    pub path: RequestPath,
}

/// Which part of an auth helper a field edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthPart {
    Token,
    Username,
    Password,
    KeyName,
    KeyValue,
}

impl AuthPart {
    /// The field's name, as the collection format spells it.
    pub fn label(self) -> &'static str {
        match self {
            AuthPart::Token => "token",
            AuthPart::Username => "username",
            AuthPart::Password => "password",
            AuthPart::KeyName => "name",
            AuthPart::KeyValue => "value",
        }
    }

    /// Whether the field holds the credential itself.
    pub fn is_secret(self) -> bool {
        matches!(self, AuthPart::Token | AuthPart::Password | AuthPart::KeyValue)
    }
}

/// What a dialog's answer is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// A scalar field of a request; an empty answer removes optional fields.
    Field {
        at: Target,
        field: Field,
    },
    /// A name/value row, with where it was and what it held when the dialog opened (so an
    /// edit lands on that row even if the file was reloaded meanwhile); `None` adds one.
    Row {
        at: Target,
        table: Table,
        was: Option<(usize, (String, String))>,
    },
    /// A multipart part, likewise; `None` adds one.
    Part {
        at: Target,
        was: Option<(usize, Part)>,
    },
    BodyFile {
        at: Target,
    },
    BodyKind {
        at: Target,
    },
    AuthKind {
        at: Target,
    },
    AuthField {
        at: Target,
        part: AuthPart,
    },
    ApiKeyLocation {
        at: Target,
    },
    Method {
        at: Target,
    },
    /// `follow_redirects` or `insecure_tls`: inherit, true or false.
    Flag {
        at: Target,
        field: Field,
    },
    MoveTo {
        at: Target,
        folders: Vec<Vec<String>>,
    },
    NewRequest {
        collection: usize,
        folder: Vec<String>,
    },
    NewFolder {
        collection: usize,
        parent: Vec<String>,
    },
    RenameFolder {
        collection: usize,
        folder: Vec<String>,
    },
    /// A variable; `old` is its name before the edit (`None` adds one).
    Variable {
        collection: usize,
        scope: VarScope,
        old: Option<String>,
    },
    NewEnvironment {
        collection: usize,
    },
    /// Which environment the session uses (the first option is none).
    Environment,
}

/// One labelled line of text.
#[derive(Debug, Clone)]
pub struct Input {
    pub label: String,
    pub area: TextArea<'static>,
    /// The field holds a credential.
    secret: bool,
}

impl Input {
    pub fn new(label: &str, value: &str, secret: bool) -> Self {
        let mut area = TextArea::new(vec![value.replace('\n', " ")]);
        area.move_cursor(CursorMove::End);
        area.set_cursor_line_style(ratatui::style::Style::default());
        let mut input = Self {
            label: label.to_owned(),
            area,
            secret,
        };
        input.mask();
        input
    }

    pub fn value(&self) -> String {
        self.area.lines().join("")
    }

    /// A secret written literally is typed blind; a `{{ template }}` is not a secret. Checked
    /// as the value changes, so a token typed over a template is hidden as it is typed.
    fn mask(&mut self) {
        if self.secret && !self.value().contains("{{") {
            self.area.set_mask_char('•');
        } else {
            self.area.clear_mask_char();
        }
    }
}

/// A form of text fields.
#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub inputs: Vec<Input>,
    pub focus: usize,
    pub purpose: Purpose,
    /// A line under the fields: what an empty value means, why the last answer was refused.
    pub note: Option<String>,
}

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    Typing,
    Submit,
    Cancel,
}

impl Form {
    pub fn new(title: impl Into<String>, inputs: Vec<Input>, purpose: Purpose) -> Self {
        Self {
            title: title.into(),
            inputs,
            focus: 0,
            purpose,
            note: None,
        }
    }

    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Enter moves to the next field and submits from the last; tab and the arrows move
    /// between fields; everything else edits the focused field.
    pub fn key(&mut self, key: KeyEvent) -> FormKey {
        let count = self.inputs.len().max(1);
        match key.code {
            KeyCode::Esc => return FormKey::Cancel,
            KeyCode::Enter if self.focus + 1 < count => self.focus += 1,
            KeyCode::Enter => return FormKey::Submit,
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % count,
            KeyCode::BackTab | KeyCode::Up => self.focus = (self.focus + count - 1) % count,
            // Newlines have no place in a one-line field.
            KeyCode::Char('m' | 'j') if key.modifiers.contains(KeyModifiers::CONTROL) => {}
            // Readline's keys, which the textarea binds to undo and redo.
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                if let Some(input) = self.inputs.get_mut(self.focus) {
                    input.area.delete_line_by_head();
                    input.mask();
                }
            }
            _ => {
                if let Some(input) = self.inputs.get_mut(self.focus) {
                    input.area.input(key);
                    input.mask();
                }
            }
        }
        FormKey::Typing
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(input) = self.inputs.get_mut(self.focus) {
            input.area.insert_str(text.replace(['\r', '\n'], " "));
            input.mask();
        }
    }

    pub fn values(&self) -> Vec<String> {
        self.inputs.iter().map(Input::value).collect()
    }
}

/// A list to choose one entry from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub title: String,
    pub options: Vec<String>,
    pub selected: usize,
    pub purpose: Purpose,
}

impl Choice {
    /// A choice starting on `current` when it is one of the options.
    pub fn new(title: impl Into<String>, options: Vec<String>, current: &str, purpose: Purpose) -> Self {
        let selected = options.iter().position(|o| o == current).unwrap_or(0);
        Self {
            title: title.into(),
            options,
            selected,
            purpose,
        }
    }

    pub fn step(&mut self, delta: isize) {
        let n = self.options.len().max(1);
        self.selected = (self.selected + n).wrapping_add_signed(delta) % n;
    }

    /// Whether some option starts with `letter` (then typing it jumps there).
    pub fn has_initial(&self, letter: char) -> bool {
        self.options
            .iter()
            .any(|o| o.chars().next().is_some_and(|c| c.eq_ignore_ascii_case(&letter)))
    }

    /// Typing a letter jumps to the next option starting with it.
    pub fn jump(&mut self, letter: char) {
        let n = self.options.len();
        let starts = |o: &String| o.chars().next().is_some_and(|c| c.eq_ignore_ascii_case(&letter));
        if let Some(i) = (1..=n)
            .map(|k| (self.selected + k) % n)
            .find(|i| starts(&self.options[*i]))
        {
            self.selected = i;
        }
    }

    pub fn value(&self) -> Option<&str> {
        self.options.get(self.selected).map(String::as_str)
    }
}

/// What a question is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Apply an edit that destroys something (delete a request, a folder, an environment).
    Apply { collection: usize, edit: Edit },
    /// Quit with unsaved edits: save, discard or stay.
    Quit,
    /// A file changed on disk while it had unsaved edits here: reload theirs, overwrite with
    /// ours, or decide later.
    Conflict { path: std::path::PathBuf },
}

/// A question with one-key answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub text: String,
    /// `(key, what it does)`; esc always means "neither".
    pub answers: Vec<(char, &'static str)>,
    pub question: Question,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn form() -> Form {
        Form::new(
            "Header",
            vec![
                Input::new("name", "Accept", false),
                Input::new("value", "", false),
            ],
            Purpose::NewEnvironment { collection: 0 },
        )
    }

    #[test]
    fn enter_moves_through_the_fields_then_submits() {
        let mut form = form();
        for c in "-Language".chars() {
            form.key(key(KeyCode::Char(c)));
        }
        assert_eq!(form.key(key(KeyCode::Enter)), FormKey::Typing);
        for c in "en".chars() {
            form.key(key(KeyCode::Char(c)));
        }
        assert_eq!(form.key(key(KeyCode::Enter)), FormKey::Submit);
        assert_eq!(form.values(), ["Accept-Language", "en"]);
    }

    #[test]
    fn a_pasted_newline_stays_on_one_line_and_esc_cancels() {
        let mut form = form();
        form.paste("\nx\r\ny");
        assert_eq!(form.values()[0], "Accept x  y");
        assert_eq!(form.key(key(KeyCode::Esc)), FormKey::Cancel);
    }

    #[test]
    fn literal_secrets_are_masked_and_templates_are_not() {
        assert_eq!(Input::new("token", "abc", true).area.mask_char(), Some('•'));
        assert_eq!(Input::new("token", "{{ token }}", true).area.mask_char(), None);
        // Typed over a template, a literal token is hidden as it is typed.
        let mut form = Form::new(
            "Auth",
            vec![Input::new("token", "{{ token }}", true)],
            Purpose::Environment,
        );
        form.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        form.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE));
        assert_eq!(form.inputs[0].area.mask_char(), Some('•'));
        form.paste("{{ other }}");
        assert_eq!(form.inputs[0].area.mask_char(), None);
        assert_eq!(Input::new("name", "abc", false).area.mask_char(), None);
    }

    #[test]
    fn a_choice_starts_on_the_current_value_and_jumps_by_letter() {
        let options = ["GET", "POST", "PUT", "PATCH"].map(str::to_owned).to_vec();
        let mut choice = Choice::new(
            "Method",
            options,
            "PUT",
            Purpose::NewEnvironment { collection: 0 },
        );
        assert_eq!(choice.value(), Some("PUT"));
        choice.jump('p');
        assert_eq!(choice.value(), Some("PATCH"));
        choice.jump('p');
        assert_eq!(choice.value(), Some("POST"));
        choice.step(-1);
        assert_eq!(choice.value(), Some("GET"));
    }
}
