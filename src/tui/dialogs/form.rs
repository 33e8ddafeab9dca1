//! The form: one or two labelled text fields for an edit — a URL, a header, a variable, a
//! new request's name. Its keys, what its answer means for the collection, and its drawing.
//! A refused answer keeps the form open with the reason, so nothing typed is lost.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui_textarea::{CursorMove, TextArea};

use super::answer::{Answer, Then, template};
use super::completion::{
    Completion, FieldKind, Offered, Vocabulary, complete, inside_a_word, unknown_variables,
};
use super::edits::{AuthPart, auth_answer, field_answer, part_answer, row_answer, set_body, variable_answer};
use crate::collection::edit::{Edit, ScalarField, Table, VarScope};
use crate::collection::{Body, Part, RequestPath};
use crate::session::{RequestId, Workspace};
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, line_at, pane_block, safe, wrap_indented};

/// How many suggestions show under the fields at once.
const MAX_OFFERED: usize = 6;

/// What a form's answer is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    /// A scalar field of a request; an empty answer removes optional fields.
    ScalarField {
        at: RequestId,
        field: ScalarField,
    },
    /// A name/value row, with where it was and what it held when the form opened (so the
    /// edit lands on that row even if the file was reloaded meanwhile); `None` adds one.
    Row {
        at: RequestId,
        table: Table,
        was: Option<(usize, (String, String))>,
    },
    /// A multipart part, likewise; `None` adds one.
    Part {
        at: RequestId,
        was: Option<(usize, Part)>,
    },
    BodyFile {
        at: RequestId,
    },
    AuthField {
        at: RequestId,
        part: AuthPart,
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
}

/// One labelled line of text.
#[derive(Debug, Clone)]
pub struct TextInput {
    pub label: String,
    pub area: TextArea<'static>,
    /// The field holds a credential.
    secret: bool,
}

impl TextInput {
    pub fn new(label: &str, value: &str, secret: bool) -> Self {
        let mut area = TextArea::new(vec![value.replace('\n', " ")]);
        area.move_cursor(CursorMove::End);
        area.set_cursor_line_style(Style::default());
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
    pub inputs: Vec<TextInput>,
    pub focus: usize,
    pub purpose: FormPurpose,
    /// A line under the fields: what an empty value means, why the last answer was refused.
    pub note: Option<String>,
    /// The variables in scope where the form edits (set by `update` as keys arrive).
    pub vocabulary: Vocabulary,
    /// What is offered at the cursor, and which one tab takes.
    pub completion: Completion,
    /// Variables the focused field uses that nothing in scope defines.
    pub unknown: Vec<String>,
}

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    Typing,
    Submit,
    Cancel,
}

impl Form {
    pub fn new(title: impl Into<String>, inputs: Vec<TextInput>, purpose: FormPurpose) -> Self {
        let mut form = Self {
            title: title.into(),
            inputs,
            focus: 0,
            purpose,
            note: None,
            vocabulary: Vocabulary::default(),
            completion: Completion::default(),
            unknown: Vec::new(),
        };
        form.follow_the_name();
        form
    }

    /// The collection the form edits, and the request, when it edits one: where its
    /// variables come from.
    pub fn scope(&self) -> (Option<usize>, Option<&RequestId>) {
        match &self.purpose {
            FormPurpose::ScalarField { at, .. }
            | FormPurpose::Row { at, .. }
            | FormPurpose::Part { at, .. }
            | FormPurpose::BodyFile { at }
            | FormPurpose::AuthField { at, .. } => (Some(at.collection), Some(at)),
            FormPurpose::NewRequest { collection, .. }
            | FormPurpose::NewFolder { collection, .. }
            | FormPurpose::RenameFolder { collection, .. }
            | FormPurpose::Variable { collection, .. }
            | FormPurpose::NewEnvironment { collection } => (Some(*collection), None),
        }
    }

    /// What the focused field holds, for completion.
    fn field_kind(&self) -> FieldKind {
        match (&self.purpose, self.focus) {
            (
                FormPurpose::Row {
                    table: Table::Headers,
                    ..
                },
                0,
            ) => FieldKind::HeaderName,
            (
                FormPurpose::Row {
                    table: Table::Headers,
                    ..
                },
                _,
            ) => FieldKind::HeaderValue {
                header: self.inputs.first().map(TextInput::value).unwrap_or_default(),
            },
            _ => FieldKind::Other,
        }
    }

    /// Works out what to offer at the cursor, and which variables nothing defines.
    pub fn refresh_completion(&mut self) {
        let kind = self.field_kind();
        let Some(input) = self.inputs.get(self.focus) else {
            return;
        };
        let text = input.value();
        let column = input.area.cursor().1;
        let before: String = text.chars().take(column).collect();
        let after: String = text.chars().skip(column).collect();
        self.completion = if inside_a_word(&after) {
            Completion::default()
        } else {
            complete(&before, &kind, &self.vocabulary)
        };
        self.unknown = unknown_variables(&text, &self.vocabulary);
    }

    /// Puts the picked suggestion in place of the partial word before the cursor.
    fn accept(&mut self) {
        let Some(suggestion) = self.completion.picked().cloned() else {
            return;
        };
        let from = self.completion.from;
        let Some(input) = self.inputs.get_mut(self.focus) else {
            return;
        };
        let text = input.value();
        let column = input.area.cursor().1;
        let head: String = text.chars().take(from).collect();
        let tail: String = text.chars().skip(column).collect();
        let replaced = TextInput::new(
            &input.label,
            &format!("{head}{}{tail}", suggestion.insert),
            input.secret,
        );
        *input = replaced;
        let at = u16::try_from(from + suggestion.insert.chars().count()).unwrap_or(u16::MAX);
        input.area.move_cursor(CursorMove::Jump(0, at));
        self.refresh_completion();
        // A whole value was taken: nothing more to offer until the next key.
        if !suggestion.insert.ends_with('.') && !suggestion.insert.ends_with(' ') {
            self.completion = Completion::default();
        }
    }

    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// The form asking for a request's URL.
    pub fn url(at: RequestId, url: &str) -> Self {
        Self::new(
            "URL",
            vec![TextInput::new("url", url, false)],
            FormPurpose::ScalarField {
                at,
                field: ScalarField::Url,
            },
        )
    }

    /// The form asking for a method of the user's own.
    pub fn method(at: RequestId, method: &str) -> Self {
        Self::new(
            "Method",
            vec![TextInput::new("method", method, false)],
            FormPurpose::ScalarField {
                at,
                field: ScalarField::Method,
            },
        )
        .with_note("any token, e.g. PROPFIND or PURGE")
    }

    /// The form asking for a body file's path.
    pub fn body_file(at: RequestId, path: &str) -> Self {
        Self::new(
            "Body file",
            vec![TextInput::new("path", path, false)],
            FormPurpose::BodyFile { at },
        )
        .with_note("relative to the collection file")
    }

    /// Enter moves to the next field and submits from the last; tab and the arrows move
    /// between fields; everything else edits the focused field.
    pub fn key(&mut self, key: KeyEvent) -> FormKey {
        let count = self.inputs.len().max(1);
        // With suggestions showing, tab takes one, the arrows pick, esc closes the list.
        match self.completion.key(&key, true) {
            Some(Offered::Take) => {
                self.accept();
                return FormKey::Typing;
            }
            Some(Offered::Handled) => return FormKey::Typing,
            None => {}
        }
        let edits = !matches!(
            key.code,
            KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down | KeyCode::Esc
        );
        let answer = self.edit_key(key, count);
        if edits && answer == FormKey::Typing {
            self.refresh_completion();
        } else {
            self.completion = Completion::default();
        }
        answer
    }

    fn edit_key(&mut self, key: KeyEvent, count: usize) -> FormKey {
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
        self.follow_the_name();
        FormKey::Typing
    }

    /// A `value` field beside a `name` field (a header, a query parameter, a variable) is a
    /// credential when the name says so, as the name is typed: `X-Auth-Token`, `db_password`.
    fn follow_the_name(&mut self) {
        let [name, value, ..] = self.inputs.as_mut_slice() else {
            return;
        };
        if name.label != "name" || value.label != "value" {
            return;
        }
        let named = name.value();
        // The name decides, both ways: renamed from `db_password` to `page`, it shows again.
        value.secret = crate::secrets::is_secret_header(&named) || crate::secrets::is_secret_param(&named);
        value.mask();
    }

    pub fn paste(&mut self, text: &str) {
        // Terminals (and tmux) paste line breaks as carriage returns.
        let mut text = text.replace("\r\n", "\n").replace('\r', "\n");
        // A curl command pasted as a new request keeps its words: a line continued with `\`
        // (or cmd's `^`) is one line. Elsewhere a backslash is the text's own.
        if matches!(self.purpose, FormPurpose::NewRequest { .. }) {
            text = text.replace("\\\n", " ").replace(" ^\n", "  ");
        }
        if let Some(input) = self.inputs.get_mut(self.focus) {
            input.area.insert_str(text.replace('\n', " "));
            input.mask();
        }
        self.follow_the_name();
    }

    pub fn values(&self) -> Vec<String> {
        self.inputs.iter().map(TextInput::value).collect()
    }

    /// What the answer asks of the collection, worked out against the workspace as it is
    /// now; an answer that cannot be right says why.
    pub fn answer(&self, workspace: &Workspace) -> Result<Answer, String> {
        let values = self.values();
        let first = values.first().map_or("", String::as_str);
        let second = values.get(1).map_or("", String::as_str);
        let current = |at: &RequestId| workspace.request(at).cloned();
        match &self.purpose {
            FormPurpose::ScalarField {
                at,
                field: ScalarField::Url,
            } if super::pasted::is_curl(first)
                && let Some(request) = current(at) =>
            {
                super::pasted::replaced_answer(&request, at, first.trim())
            }
            FormPurpose::ScalarField { at, field } => field_answer(at, *field, first),
            FormPurpose::Row { at, table, was } => row_answer(
                current(at).as_ref(),
                at,
                *table,
                was.as_ref(),
                first.trim(),
                second,
            ),
            FormPurpose::Part { at, was } => part_answer(current(at), at, was.as_ref(), first.trim(), second),
            FormPurpose::BodyFile { at } => {
                let content_type = current(at)
                    .and_then(|r| r.body)
                    .and_then(|b| b.explicit_content_type().map(str::to_owned));
                let body = Body::File {
                    path: template(first.trim())?,
                    content_type,
                };
                Ok(set_body(at, Some(body)))
            }
            FormPurpose::AuthField { at, part } => {
                auth_answer(current(at).and_then(|r| r.auth), at, *part, first)
            }
            FormPurpose::NewRequest { collection, folder } if super::pasted::is_curl(first) => {
                super::pasted::imported_answer(workspace, *collection, folder, first.trim())
            }
            FormPurpose::NewRequest { collection, folder } => {
                let name = first.trim().to_owned();
                let mut path = folder.clone();
                path.push(name.clone());
                Ok(Answer::edits(
                    *collection,
                    vec![Edit::AddRequest {
                        folder: folder.clone(),
                        name,
                    }],
                )
                .then(Then::RequestAdded {
                    at: RequestId::new(*collection, RequestPath(path)),
                }))
            }
            FormPurpose::NewFolder { collection, parent } => Ok(Answer::edits(
                *collection,
                vec![Edit::AddFolder {
                    parent: parent.clone(),
                    name: first.trim().to_owned(),
                }],
            )),
            FormPurpose::RenameFolder { collection, folder } => {
                let name = first.trim().to_owned();
                let mut renamed = folder[..folder.len().saturating_sub(1)].to_vec();
                renamed.push(name.clone());
                Ok(Answer::edits(
                    *collection,
                    vec![Edit::RenameFolder {
                        folder: folder.clone(),
                        name,
                    }],
                )
                .then(Then::FolderRenamed {
                    from: folder.clone(),
                    to: renamed,
                }))
            }
            FormPurpose::Variable {
                collection,
                scope,
                old,
            } => variable_answer(
                workspace,
                *collection,
                scope,
                old.as_deref(),
                first.trim(),
                second,
            ),
            FormPurpose::NewEnvironment { collection } => Ok(Answer::edits(
                *collection,
                vec![Edit::AddEnvironment {
                    name: first.trim().to_owned(),
                }],
            )),
        }
    }

    /// Fields, a blank line, the note (wrapped: it says why an answer was refused, whole),
    /// the keys.
    pub fn draw(&self, frame: &mut Frame<'_>, theme: Theme) {
        let width = usize::from(frame.area().width.min(72).saturating_sub(2));
        let mut note = self
            .note
            .as_deref()
            .map_or_else(Vec::new, |note| wrap_indented(&safe(note), width, 0));
        if !self.unknown.is_empty() {
            let names: Vec<String> = self.unknown.iter().map(|n| format!("`{n}`")).collect();
            note.extend(wrap_indented(
                &format!(
                    "✘ nothing defines {} in this collection, its environment or the request",
                    names.join(", ")
                ),
                width,
                0,
            ));
        }
        let offered: Vec<Line<'_>> = self
            .completion
            .suggestions
            .iter()
            .enumerate()
            .skip(self.completion.pick.saturating_sub(MAX_OFFERED - 1))
            .take(MAX_OFFERED)
            .map(|(i, s)| {
                let detail: String = safe(&s.detail)
                    .chars()
                    .take(width.saturating_sub(s.label.len() + 4))
                    .collect();
                let line = Line::from(vec![
                    Span::raw(format!("  {} ", safe(&s.label))),
                    Span::styled(detail, theme.dim()),
                ]);
                if i == self.completion.pick {
                    line.style(theme.selected())
                } else {
                    line
                }
            })
            .collect();
        let rows = self.inputs.len() + offered.len() + 1 + note.len() + 1;
        let area = centered(frame.area(), 72, u16::try_from(rows + 2).unwrap_or(u16::MAX));
        frame.render_widget(Clear, area);
        let block = pane_block(Line::from(format!(" {} ", self.title)), true, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let label_width = self
            .inputs
            .iter()
            .map(|i| i.label.chars().count())
            .max()
            .unwrap_or(0)
            .clamp(4, 16);
        for (i, input) in self.inputs.iter().enumerate() {
            let Some(row) = line_at(inner, i) else {
                break;
            };
            let [label, field] = Layout::horizontal([
                Constraint::Length(u16::try_from(label_width + 1).unwrap_or(17)),
                Constraint::Min(1),
            ])
            .areas(row);
            frame.render_widget(
                Paragraph::new(Span::styled(input.label.clone(), theme.bold())),
                label,
            );
            let mut area = input.area.clone();
            if i != self.focus {
                area.set_cursor_style(Style::default());
            }
            frame.render_widget(&area, field);
        }
        let mut next = self.inputs.len();
        for line in offered {
            if let Some(row) = line_at(inner, next) {
                frame.render_widget(Paragraph::new(line), row);
            }
            next += 1;
        }
        next += 1;
        for line in note {
            if let Some(row) = line_at(inner, next) {
                frame.render_widget(Paragraph::new(Line::styled(line, theme.dim())), row);
            }
            next += 1;
        }
        if let Some(row) = line_at(inner, next) {
            let hint = if !self.completion.suggestions.is_empty() {
                "tab take · ↑/↓ pick · esc close the list"
            } else if self.inputs.len() > 1 {
                "enter next/apply · tab switch field · esc cancel"
            } else {
                "enter apply · esc cancel · {{ offers variables"
            };
            frame.render_widget(Paragraph::new(Line::styled(hint, theme.dim())), row);
        }
    }
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
                TextInput::new("name", "Accept", false),
                TextInput::new("value", "", false),
            ],
            FormPurpose::NewEnvironment { collection: 0 },
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
        assert_eq!(form.values()[0], "Accept x y", "a CRLF is one line break");
        form.paste("\\\nz");
        assert_eq!(
            form.values()[0],
            "Accept x y\\ z",
            "a backslash is the text's own here"
        );
        assert_eq!(form.key(key(KeyCode::Esc)), FormKey::Cancel);
    }

    #[test]
    fn literal_secrets_are_masked_and_templates_are_not() {
        assert_eq!(TextInput::new("token", "abc", true).area.mask_char(), Some('•'));
        assert_eq!(
            TextInput::new("token", "{{ token }}", true).area.mask_char(),
            None
        );
        // Typed over a template, a literal token is hidden as it is typed.
        let mut form = Form::new(
            "Auth",
            vec![TextInput::new("token", "{{ token }}", true)],
            FormPurpose::NewEnvironment { collection: 0 },
        );
        form.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        form.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE));
        assert_eq!(form.inputs[0].area.mask_char(), Some('•'));
        form.paste("{{ other }}");
        assert_eq!(form.inputs[0].area.mask_char(), None);
        assert_eq!(TextInput::new("name", "abc", false).area.mask_char(), None);
    }

    #[test]
    fn a_value_is_typed_blind_once_the_name_beside_it_names_a_credential() {
        let mut form = Form::new(
            "New header",
            vec![
                TextInput::new("name", "", false),
                TextInput::new("value", "", false),
            ],
            FormPurpose::NewEnvironment { collection: 0 },
        );
        for c in "X-Auth-Token".chars() {
            form.key(key(KeyCode::Char(c)));
        }
        form.key(key(KeyCode::Tab));
        form.key(key(KeyCode::Char('s')));
        assert_eq!(form.inputs[1].area.mask_char(), Some('•'));
        form.paste("{{ token }}");
        assert_eq!(
            form.inputs[1].area.mask_char(),
            None,
            "a template is not a secret"
        );
        // Renamed to something ordinary, the value shows again.
        let mut plain = Form::new(
            "New header",
            vec![
                TextInput::new("name", "db_password", false),
                TextInput::new("value", "x", false),
            ],
            FormPurpose::NewEnvironment { collection: 0 },
        );
        plain.key(key(KeyCode::Char('x')));
        assert_eq!(plain.inputs[1].area.mask_char(), Some('•'));
        plain.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        for c in "page".chars() {
            plain.key(key(KeyCode::Char(c)));
        }
        assert_eq!(plain.inputs[1].area.mask_char(), None);
    }
}
