//! The multi-line editor for a JSON or text body, for descriptions and for a request's
//! `expect:` block: its keys, what its text means for the collection, and its drawing. JSON
//! and expectations are checked on every change, so the problem and its line show while
//! typing, and a body that is not JSON or an expectation the loader would refuse is never
//! applied.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui_textarea::TextArea;

use super::answer::{Answer, template};
use super::completion::{
    Completion, FieldKind, Offered, Vocabulary, complete, inside_a_word, unknown_variables,
};
use crate::collection::edit::{Edit, ScalarField};
use crate::collection::{Body, Request};
use crate::session::{RequestId, Workspace};
use crate::template::JsonTemplate;
use crate::tui::theme::Theme;
use crate::tui::widgets::{large_dialog, pane_block};

/// What the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Json,
    Text,
    Description,
    /// The `expect:` block, as YAML; checked as the loader checks it.
    Expect,
}

#[derive(Debug, Clone)]
pub struct TextEditor {
    pub at: RequestId,
    pub kind: TextKind,
    pub area: TextArea<'static>,
    /// The text it opened with, to tell whether anything changed.
    pub original: String,
    /// Why the JSON does not parse, with its line and column.
    pub problem: Option<String>,
    /// The variables in scope (set by `update` as keys arrive), what is offered at the
    /// cursor after `{{`, which one tab takes, and the variables nothing defines.
    pub vocabulary: Vocabulary,
    pub completion: Completion,
    pub unknown: Vec<String>,
    /// The collection file, beside which an expectation's `body_schema` is read.
    pub source: std::path::PathBuf,
}

/// What a key did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorKey {
    Typing,
    /// Done: apply the text (only offered when it is valid).
    Apply,
    /// Apply and save the file.
    ApplyAndSave,
    Discard,
    /// Done was asked for but the JSON is broken: stay.
    Refused,
}

impl TextEditor {
    pub fn new(at: RequestId, kind: TextKind, text: &str) -> Self {
        let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let mut area = TextArea::new(lines);
        area.set_tab_length(2);
        area.set_line_number_style(
            ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::DIM),
        );
        let mut editor = Self {
            at,
            kind,
            area,
            original: text.to_owned(),
            problem: None,
            vocabulary: Vocabulary::default(),
            completion: Completion::default(),
            unknown: Vec::new(),
            source: std::path::PathBuf::new(),
        };
        editor.check();
        editor
    }

    /// The editor of a request's `expect:` block in the collection file `source`.
    pub fn expectations(at: RequestId, source: &std::path::Path, text: &str) -> Self {
        let mut editor = Self::new(at, TextKind::Expect, text);
        editor.source = source.to_path_buf();
        editor.check();
        editor
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// Esc finishes (applying a valid change), ctrl-s finishes and saves, ctrl-c discards;
    /// enter keeps the line's indent (one step more after `{` or `[`), ctrl-a selects
    /// everything (backspace then clears it); everything else edits, with the textarea's own
    /// keys (undo ctrl-u, redo ctrl-r, …).
    pub fn key(&mut self, key: KeyEvent) -> EditorKey {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        // With variables offered: tab takes one, ctrl-n/ctrl-p pick (the arrows move the
        // cursor here), esc closes the list.
        match self.completion.key(&key, false) {
            Some(Offered::Take) => {
                self.accept();
                return EditorKey::Typing;
            }
            Some(Offered::Handled) => return EditorKey::Typing,
            None => {}
        }
        let answer = self.edit_key(key, ctrl);
        if answer == EditorKey::Typing {
            self.refresh_completion();
        }
        answer
    }

    /// What to offer after a `{{` before the cursor, and which variables nothing defines.
    fn refresh_completion(&mut self) {
        let (row, col) = (self.area.cursor().0, self.area.cursor().1);
        let line = self.area.lines().get(row).cloned().unwrap_or_default();
        let before: String = line.chars().take(col).collect();
        let after: String = line.chars().skip(col).collect();
        self.completion = if inside_a_word(&after) {
            Completion::default()
        } else {
            complete(&before, &FieldKind::Other, &self.vocabulary)
        };
        self.unknown = unknown_variables(&self.text(), &self.vocabulary);
    }

    /// Puts the picked variable in place of the `{{ …` before the cursor.
    fn accept(&mut self) {
        let Some(suggestion) = self.completion.picked().cloned() else {
            return;
        };
        // A selection would go with the first delete, and then the count would take more.
        self.area.cancel_selection();
        let typed = self.area.cursor().1.saturating_sub(self.completion.from);
        for _ in 0..typed {
            self.area.delete_char();
        }
        self.area.insert_str(&suggestion.insert);
        self.check();
        self.completion = Completion::default();
        self.unknown = unknown_variables(&self.text(), &self.vocabulary);
    }

    fn edit_key(&mut self, key: KeyEvent, ctrl: bool) -> EditorKey {
        let finish = match key.code {
            KeyCode::Char('c') if ctrl => return EditorKey::Discard,
            KeyCode::Esc => EditorKey::Apply,
            KeyCode::Char('s') if ctrl => EditorKey::ApplyAndSave,
            KeyCode::Char('a') if ctrl => {
                self.area.select_all();
                return EditorKey::Typing;
            }
            KeyCode::Enter if key.modifiers.is_empty() => {
                self.newline_with_indent();
                self.check();
                return EditorKey::Typing;
            }
            _ => {
                if self.area.input(key) {
                    self.check();
                }
                return EditorKey::Typing;
            }
        };
        if self.problem.is_some() {
            EditorKey::Refused
        } else {
            finish
        }
    }

    /// A new line indented like the one it breaks, and one step more after an opening
    /// bracket.
    fn newline_with_indent(&mut self) {
        let (row, col) = (self.area.cursor().0, self.area.cursor().1);
        let line = self.area.lines().get(row).cloned().unwrap_or_default();
        let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        let before: String = line.chars().take(col).collect();
        let last = before.trim_end().chars().last();
        // YAML nests under a key that ends its line.
        let opens = matches!(last, Some('{' | '[')) || (self.kind == TextKind::Expect && last == Some(':'));
        self.area.insert_newline();
        let deeper = if opens { "  " } else { "" };
        self.area.insert_str(format!("{indent}{deeper}"));
    }

    pub fn paste(&mut self, text: &str) {
        if self
            .area
            .insert_str(text.replace("\r\n", "\n").replace('\r', "\n"))
        {
            self.check();
        }
    }

    /// What the text asks of the collection. The file may have been reloaded while the
    /// editor was open: a text that changed underneath it is never written over.
    pub fn answer(&self, workspace: &Workspace) -> Result<Answer, String> {
        let request = workspace.request(&self.at);
        if request.and_then(|r| text_of(r, self.kind)).as_deref() != Some(self.original.as_str()) {
            return Err(
                "this text changed on disk while you were editing it; ctrl-c drops your version (copy it first if you need it)"
                    .to_owned(),
            );
        }
        let text = self.text();
        let content_type = request
            .and_then(|r| r.body.as_ref())
            .and_then(|b| b.explicit_content_type().map(str::to_owned));
        let set_body = |body: Body| Edit::SetBody {
            request: self.at.path.clone(),
            body: Some(body),
        };
        let edit = match self.kind {
            TextKind::Json => {
                let value = serde_json::from_str(&quote_bare_templates(&text))
                    .map_err(|e| format!("not JSON: {e}"))?;
                let value = JsonTemplate::parse(value).map_err(|errors| {
                    errors
                        .first()
                        .map(|e| format!("bad template in `{}`: {}", e.text, e.error))
                        .unwrap_or_default()
                })?;
                set_body(Body::Json { value, content_type })
            }
            TextKind::Text => set_body(Body::Text {
                text: template(&text)?,
                content_type,
            }),
            TextKind::Description => Edit::SetField {
                request: self.at.path.clone(),
                field: ScalarField::Description,
                value: (!text.trim().is_empty()).then_some(text),
            },
            TextKind::Expect => Edit::SetExpect {
                request: self.at.path.clone(),
                expect: crate::collection::parse_expect(&text, &self.source)
                    .map_err(|errors| errors.first().map(ToString::to_string).unwrap_or_default())?
                    .map(Box::new),
            },
        };
        Ok(Answer::edits(self.at.collection, vec![edit]))
    }

    pub fn draw(&self, frame: &mut Frame<'_>, theme: Theme) {
        let area = large_dialog(frame.area());
        frame.render_widget(Clear, area);
        let what = match self.kind {
            TextKind::Json => "JSON body",
            TextKind::Text => "text body",
            TextKind::Description => "description",
            TextKind::Expect => "expect (docs/collection-format.md#expect; empty: none)",
        };
        let block = pane_block(Line::from(format!(" {} · {what} ", self.at.path)), true, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [text, status, keys] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1), Constraint::Length(1)]).areas(inner);
        frame.render_widget(&self.area, text);
        let check = match (&self.problem, self.kind) {
            (Some(problem), _) => Span::styled(format!("✘ {problem}"), theme.fail()),
            (None, TextKind::Json) => Span::styled("✔ valid JSON", theme.pass()),
            (None, TextKind::Expect) => Span::styled("✔ apibench run can check these", theme.pass()),
            (None, _) => Span::raw(""),
        };
        // The status line offers variables while a `{{` is open, else flags unknown ones.
        let line = if self.completion.suggestions.is_empty() {
            let mut spans = vec![check];
            if !self.unknown.is_empty() {
                let names: Vec<String> = self.unknown.iter().map(|n| format!("`{n}`")).collect();
                spans.push(Span::styled(
                    format!("   ✘ nothing defines {}", names.join(", ")),
                    theme.fail(),
                ));
            }
            Line::from(spans)
        } else {
            let mut spans = vec![Span::styled("tab takes: ", theme.dim())];
            for (i, s) in self.completion.suggestions.iter().enumerate().take(6) {
                let label = format!(" {} ", crate::tui::widgets::safe(&s.label));
                spans.push(if i == self.completion.pick {
                    Span::styled(label, theme.selected())
                } else {
                    Span::raw(label)
                });
                if !s.detail.is_empty() && i == self.completion.pick {
                    spans.push(Span::styled(
                        format!("({}) ", crate::tui::widgets::safe(&s.detail)),
                        theme.dim(),
                    ));
                }
            }
            Line::from(spans)
        };
        frame.render_widget(Paragraph::new(line), status);
        // Its own line, short enough for 80 columns.
        frame.render_widget(
            Paragraph::new(Line::styled(
                "esc done · ctrl-s save · ctrl-c discard · ctrl-a all · ctrl-u undo",
                theme.dim(),
            )),
            keys,
        );
    }

    /// Validates JSON as typed.
    fn check(&mut self) {
        self.problem = match self.kind {
            // A full parse, not `IgnoredAny`: skipping values gives vaguer errors ("key must
            // be a string" where the problem is a trailing comma).
            TextKind::Json => serde_json::from_str::<serde_json::Value>(&quote_bare_templates(&self.text()))
                .err()
                .map(|e| format!("line {}, column {}: {}", e.line(), e.column(), describe(&e))),
            TextKind::Expect => crate::collection::parse_expect(&self.text(), &self.source)
                .err()
                .and_then(|errors| errors.into_iter().next())
                .map(|e| match (e.line, e.column) {
                    (Some(line), Some(column)) => format!("line {line}, column {column}: {}", e.message()),
                    _ => e.message(),
                }),
            TextKind::Text | TextKind::Description => None,
        };
    }
}

/// The text the editor shows for a request: the body pretty-printed, or the description.
pub fn text_of(request: &Request, kind: TextKind) -> Option<String> {
    match (kind, &request.body) {
        (TextKind::Json, Some(Body::Json { value, .. })) => serde_json::to_string_pretty(value.value())
            .ok()
            .map(|pretty| bare_templates(&pretty)),
        (TextKind::Text, Some(Body::Text { text, .. })) => Some(text.to_string()),
        (TextKind::Description, _) => Some(request.description.clone().unwrap_or_default()),
        // Without the last line break: the cursor opens on the last line, not after it.
        (TextKind::Expect, _) => Some(
            request
                .expect
                .as_ref()
                .map(|e| e.to_yaml().trim_end().to_owned())
                .unwrap_or_default(),
        ),
        _ => None,
    }
}

/// The JSON text with each bare `{{ expr }}` where a value goes written as the string
/// `"{{ expr | json }}"`: a template that renders as a JSON value (`{"id": {{ user_id }}}`).
fn quote_bare_templates(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut in_string = false;
    while let Some(c) = rest.chars().next() {
        if in_string {
            if let Some(escaped) = rest.strip_prefix('\\') {
                out.push('\\');
                if let Some(next) = escaped.chars().next() {
                    out.push(next);
                    rest = &escaped[next.len_utf8()..];
                } else {
                    rest = escaped;
                }
                continue;
            }
            in_string = c != '"';
        } else if c == '"' {
            in_string = true;
        } else if let Some(open) = rest.strip_prefix("{{")
            && let Some(end) = open.find("}}")
        {
            let marked = format!("{{{{ {} | json }}}}", open[..end].trim());
            out.push_str(&serde_json::Value::String(marked).to_string());
            rest = &open[end + 2..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Pretty JSON with each `"{{ expr | json }}"` string shown bare, as it is typed.
fn bare_templates(pretty: &str) -> String {
    let mut out = String::with_capacity(pretty.len());
    let mut rest = pretty;
    while let Some(start) = rest.find('"') {
        out.push_str(&rest[..start]);
        let token = &rest[start..];
        // The string token: up to the first quote not escaped.
        let mut end = None;
        let mut escaped = false;
        for (i, c) in token.char_indices().skip(1) {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            out.push_str(token);
            return out;
        };
        let literal = &token[..=end];
        match serde_json::from_str::<String>(literal)
            .ok()
            .and_then(|s| crate::template::json_value_template(&s).map(|e| format!("{{{{ {e} }}}}")))
        {
            Some(bare) => out.push_str(&bare),
            None => out.push_str(literal),
        }
        rest = &token[end + 1..];
    }
    out.push_str(rest);
    out
}

/// `serde_json`'s message without its own " at line L column C" suffix (we show those first).
fn describe(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::RequestPath;

    fn editor(kind: TextKind, text: &str) -> TextEditor {
        TextEditor::new(RequestId::new(0, RequestPath::parse("A")), kind, text)
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn json_is_checked_as_you_type_with_its_line_and_column() {
        let mut e = editor(TextKind::Json, "{\n  \"a\": 1\n}");
        assert_eq!(e.problem, None);
        e.area.move_cursor(ratatui_textarea::CursorMove::Jump(1, 8));
        e.key(key(KeyCode::Char(',')));
        assert_eq!(
            e.problem.as_deref(),
            Some("line 3, column 1: trailing comma"),
            "{}",
            e.text()
        );
        assert_eq!(e.key(key(KeyCode::Esc)), EditorKey::Refused);
        e.key(key(KeyCode::Backspace));
        assert_eq!(e.problem, None);
        assert_eq!(e.key(key(KeyCode::Esc)), EditorKey::Apply);
    }

    #[test]
    fn enter_keeps_the_indent_and_goes_one_deeper_after_a_bracket() {
        let mut e = editor(TextKind::Json, "{\n  \"a\": [\n  ]\n}");
        e.area.move_cursor(ratatui_textarea::CursorMove::Jump(1, 8));
        e.key(key(KeyCode::Enter));
        e.paste("1,");
        e.key(key(KeyCode::Enter));
        e.paste("2");
        assert_eq!(e.text(), "{\n  \"a\": [\n    1,\n    2\n  ]\n}");
        assert_eq!(e.problem, None);
    }

    #[test]
    fn a_bare_template_is_a_json_value_and_shows_bare_again() {
        let mut e = editor(TextKind::Json, "{\"id\": {{ user_id }}, \"name\": \"{{ n }}\"}");
        assert_eq!(e.problem, None, "a bare template where a value goes is fine");
        let quoted = quote_bare_templates(&e.text());
        let value: serde_json::Value = serde_json::from_str(&quoted).unwrap();
        assert_eq!(value["id"], "{{ user_id | json }}");
        assert_eq!(value["name"], "{{ n }}", "a template in a string stays a string");
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(
            bare_templates(&pretty),
            "{\n  \"id\": {{ user_id }},\n  \"name\": \"{{ n }}\"\n}"
        );
        e.paste("{");
        assert!(e.problem.is_some(), "broken JSON is still caught");
    }

    #[test]
    fn typing_a_template_in_a_body_offers_the_variables_and_flags_an_unknown_one() {
        let mut e = editor(TextKind::Json, "");
        e.vocabulary = Vocabulary {
            variables: vec![("user_id".into(), "42".into()), ("token".into(), "****".into())],
        };
        for c in "{\"id\": {{ us".chars() {
            e.key(key(KeyCode::Char(c)));
        }
        assert_eq!(e.completion.suggestions[0].label, "user_id");
        e.key(key(KeyCode::Tab));
        assert_eq!(e.text(), "{\"id\": {{ user_id }}");
        assert!(e.completion.suggestions.is_empty());
        for c in ", \"x\": \"{{ nope }}\"}".chars() {
            e.key(key(KeyCode::Char(c)));
        }
        assert_eq!(e.unknown, ["nope"]);
        assert_eq!(e.problem, None, "{}", e.text());
    }

    #[test]
    fn ctrl_a_selects_everything_and_backspace_clears_it() {
        let mut e = editor(TextKind::Text, "one\ntwo");
        e.key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL));
        e.key(key(KeyCode::Backspace));
        assert_eq!(e.text(), "");
    }

    #[test]
    fn text_is_never_refused_and_ctrl_c_discards() {
        let mut e = editor(TextKind::Text, "hello");
        e.area.move_cursor(ratatui_textarea::CursorMove::End);
        e.paste(" {not json\r\n");
        assert!(e.changed());
        assert_eq!(e.text(), "hello {not json\n");
        assert_eq!(
            e.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            EditorKey::ApplyAndSave
        );
        assert_eq!(
            e.key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            EditorKey::Discard
        );
    }
}
