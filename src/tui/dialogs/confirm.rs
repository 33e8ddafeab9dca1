//! The question: one-key answers to something that needs a decision — deleting, quitting
//! with unsaved edits, a file changed on disk under edits. Its keys, what each answer asks
//! for, and its drawing.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::answer::{Answer, Then};
use crate::collection::edit::Edit;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, pane_block, safe};

/// What a question is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Apply an edit that destroys something (delete a request, a folder, an environment).
    Apply { collection: usize, edit: Edit },
    /// Quit with unsaved edits: save, discard or stay.
    Quit,
    /// A file changed on disk while it had unsaved edits here: reload theirs, overwrite with
    /// ours, or decide later.
    Conflict { path: PathBuf },
    /// An earlier session left unsaved edits beside a file: restore, discard, or look.
    Recovered { path: PathBuf, copy: PathBuf },
}

/// A question with one-key answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub text: String,
    /// `(key, what it does)`; esc always means "neither".
    pub answers: Vec<(char, &'static str)>,
    pub question: Question,
}

/// What a key did to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmKey {
    /// Not an answer: the question stays.
    Waiting,
    /// Answered with this key, or with esc (`None`: neither).
    Answered(Option<char>),
}

/// What an answer asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    Apply(Answer),
    SaveAndQuit,
    DiscardAndQuit,
    TakeTheirs(PathBuf),
    /// Make the unsaved edits again on the file as it is on disk.
    ReapplyMine(PathBuf),
    Overwrite(PathBuf),
    /// Take the copy's text as unsaved edits of `path`, and delete the copy.
    Restore {
        path: PathBuf,
        copy: PathBuf,
    },
    /// Delete the copy.
    DiscardCopy(PathBuf),
    /// Open the copy in `$EDITOR`, to compare.
    OpenCopy(PathBuf),
    /// Esc, or an answer that changes nothing.
    Neither,
}

impl Confirm {
    /// Asks before applying an edit that deletes something.
    pub fn delete(text: String, collection: usize, edit: Edit) -> Self {
        Self {
            text,
            answers: vec![('y', "delete (undo brings it back)"), ('n', "keep it")],
            question: Question::Apply { collection, edit },
        }
    }

    /// Asks what to do with unsaved edits before quitting.
    pub fn quit(files: &[PathBuf]) -> Self {
        let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
        Self {
            text: format!("Unsaved edits in {}.", names.join(", ")),
            answers: vec![
                ('s', "save and quit"),
                ('d', "discard the edits and quit"),
                ('c', "cancel: keep editing"),
            ],
            question: Question::Quit,
        }
    }

    /// Asks whose version of a file to keep.
    pub fn conflict(path: &Path) -> Self {
        Self {
            text: conflict_text(path),
            answers: vec![
                ('r', "reload: take the file on disk, drop my edits"),
                ('a', "apply my edits again on top of the file on disk"),
                ('o', "overwrite: save my version over it"),
                ('k', "keep editing; decide when saving"),
            ],
            question: Question::Conflict {
                path: path.to_path_buf(),
            },
        }
    }

    /// Asks what to do with the unsaved edits an earlier session left beside `path`.
    pub fn recovered(path: &Path, copy: &Path) -> Self {
        Self {
            text: format!(
                "An earlier session was stopped with unsaved edits to {}; they are in {}.",
                path.display(),
                copy.display()
            ),
            answers: vec![
                ('r', "restore them here as unsaved edits (undo takes them back)"),
                ('o', "open the copy in $EDITOR to compare"),
                ('d', "discard them: delete the copy"),
                ('k', "keep the copy; decide later"),
            ],
            question: Question::Recovered {
                path: path.to_path_buf(),
                copy: copy.to_path_buf(),
            },
        }
    }

    /// Only a plain key answers (ctrl-d must not mean "discard"); esc means neither.
    pub fn key(&self, key: KeyEvent) -> ConfirmKey {
        match key.code {
            KeyCode::Esc => ConfirmKey::Answered(None),
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    && self.answers.iter().any(|(k, _)| *k == c.to_ascii_lowercase()) =>
            {
                ConfirmKey::Answered(Some(c.to_ascii_lowercase()))
            }
            _ => ConfirmKey::Waiting,
        }
    }

    /// What answering with `key` asks for.
    pub fn answer(self, key: Option<char>) -> Confirmed {
        match (self.question, key) {
            (Question::Apply { collection, edit }, Some('y')) => {
                let gone = match &edit {
                    Edit::Delete { request } => Some(request.0.clone()),
                    Edit::DeleteFolder { folder } => Some(folder.clone()),
                    _ => None,
                };
                let answer = Answer::edits(collection, vec![edit]);
                Confirmed::Apply(match gone {
                    Some(prefix) => answer.then(Then::Deleted { prefix }),
                    None => answer,
                })
            }
            (Question::Quit, Some('s')) => Confirmed::SaveAndQuit,
            (Question::Quit, Some('d')) => Confirmed::DiscardAndQuit,
            (Question::Conflict { path }, Some('r')) => Confirmed::TakeTheirs(path),
            (Question::Conflict { path }, Some('o')) => Confirmed::Overwrite(path),
            (Question::Conflict { path }, Some('a')) => Confirmed::ReapplyMine(path),
            (Question::Recovered { path, copy }, Some('r')) => Confirmed::Restore { path, copy },
            (Question::Recovered { copy, .. }, Some('o')) => Confirmed::OpenCopy(copy),
            (Question::Recovered { copy, .. }, Some('d')) => Confirmed::DiscardCopy(copy),
            _ => Confirmed::Neither,
        }
    }

    pub fn draw(&self, frame: &mut Frame<'_>, theme: Theme) {
        let mut lines = vec![Line::raw(safe(&self.text)), Line::raw("")];
        for (key, what) in &self.answers {
            lines.push(Line::from(vec![
                Span::styled(format!("  {key}  "), theme.bold()),
                Span::raw(*what),
            ]));
        }
        let area = centered(
            frame.area(),
            76,
            u16::try_from(lines.len() + 3).unwrap_or(u16::MAX),
        );
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: false }).block(pane_block(
                Line::from(" Confirm "),
                true,
                theme,
            )),
            area,
        );
    }
}

/// What the conflict question says (also the status line when another dialog is open).
pub fn conflict_text(path: &Path) -> String {
    format!(
        "{} changed on disk, and you have unsaved edits to it here.",
        path.display()
    )
}
