//! The copy menu: what of the selected request and its response can go to the clipboard —
//! the body as received, the value at the body filter, the response headers (all, or one),
//! the request as resolved and as a `curl` command (credentials masked, or with them when
//! asked for by name). Its state, keys and drawing.
//!
//! The request is the one apibench sent, when it was sent; otherwise it is prepared on a
//! task when the menu opens, and its entries say "resolving…" until it is.

use std::fmt::Write as _;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::http::{Exchange, ResolvedRequest};
use crate::session::RequestId;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, pane_block, safe};

/// The clipboard gets at most this much: terminals and tmux refuse longer OSC 52 sequences.
pub const COPY_LIMIT: usize = 1024 * 1024;

/// One thing to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its key in the menu (`b`, `c`…); headers have none and are picked with enter.
    pub key: Option<char>,
    pub label: String,
    /// What gets copied; `None` while the request is being resolved.
    pub text: Option<String>,
    /// Needs the request (filled in when it is resolved).
    needs_request: Option<RequestForm>,
}

/// The request in one of its copied forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RequestForm {
    Message { secrets: bool },
    Curl { secrets: bool },
}

#[derive(Debug, Clone)]
pub struct CopyMenu {
    pub request: RequestId,
    pub entries: Vec<Entry>,
    pub selected: usize,
    /// Waiting for the request to be prepared (it was not sent).
    pub waiting: bool,
    /// Credentials the session knows (a login's token sent under another name): masked too.
    known_secrets: Vec<String>,
}

/// What a key asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyKey {
    Stay,
    Close,
    /// Copy `text`; `what` names it for the status bar.
    Copy {
        text: String,
        what: String,
    },
}

impl CopyMenu {
    /// The menu for `request`: its response (if any), the body filter's result (if one is
    /// active), and the request as sent (or `None`, to be resolved).
    pub fn new(
        request: RequestId,
        response: Option<&Exchange>,
        filtered: Option<(&str, &str)>,
        sent: Option<&ResolvedRequest>,
        known_secrets: Vec<String>,
    ) -> Self {
        let mut entries = Vec::new();
        if let Some(exchange) = response {
            let body = &exchange.response.body;
            entries.push(Entry {
                key: Some('b'),
                label: format!(
                    "the response body ({})",
                    crate::format::bytes(exchange.response.body_len())
                ),
                text: Some(String::from_utf8_lossy(&body[..body.len().min(COPY_LIMIT)]).into_owned()),
                needs_request: None,
            });
        }
        if let Some((expr, text)) = filtered {
            entries.push(Entry {
                key: Some('v'),
                label: format!("the value at {expr}"),
                text: Some(text.to_owned()),
                needs_request: None,
            });
        }
        for (key, label, form) in [
            (
                'r',
                "the request as resolved (secrets masked)",
                RequestForm::Message { secrets: false },
            ),
            (
                'c',
                "the request as curl (secrets masked)",
                RequestForm::Curl { secrets: false },
            ),
            (
                'R',
                "the request as resolved, with its secrets",
                RequestForm::Message { secrets: true },
            ),
            (
                'C',
                "the request as curl, with its secrets",
                RequestForm::Curl { secrets: true },
            ),
        ] {
            entries.push(Entry {
                key: Some(key),
                label: label.to_owned(),
                text: None,
                needs_request: Some(form),
            });
        }
        if let Some(exchange) = response {
            let headers = &exchange.response.head.headers;
            entries.push(Entry {
                key: Some('h'),
                label: format!("the response headers ({})", headers.len()),
                text: Some(headers.iter().fold(String::new(), |mut out, (n, v)| {
                    let _ = writeln!(out, "{n}: {v}");
                    out
                })),
                needs_request: None,
            });
            for (name, value) in headers {
                entries.push(Entry {
                    key: None,
                    label: format!("{name}: {value}"),
                    text: Some(value.clone()),
                    needs_request: None,
                });
            }
        }
        let mut menu = Self {
            request,
            entries,
            selected: 0,
            waiting: false,
            known_secrets,
        };
        if let Some(sent) = sent {
            menu.resolved(Ok(sent));
        }
        menu
    }

    /// For a past exchange: the request entries are the request as it would be sent now,
    /// and say so.
    pub fn as_it_would_be_sent_now(&mut self) {
        for entry in self.entries.iter_mut().filter(|e| e.needs_request.is_some()) {
            entry.label.push_str(", as it would be sent now");
        }
    }

    /// The request, resolved (or why it could not be): the request entries get their text.
    pub fn resolved(&mut self, request: Result<&ResolvedRequest, &str>) {
        self.waiting = false;
        let masked = request
            .as_ref()
            .ok()
            .map(|r| crate::interop::masked(r, &self.known_secrets));
        for entry in &mut self.entries {
            let Some(form) = entry.needs_request else { continue };
            entry.text = Some(match (&request, &masked, form) {
                (Err(why), _, _) => format!("# the request could not be resolved: {why}"),
                (Ok(r), _, RequestForm::Message { secrets: true }) => crate::interop::http_message(r),
                (Ok(r), _, RequestForm::Curl { secrets: true }) => crate::interop::curl::command(r),
                (_, Some(m), RequestForm::Message { secrets: false }) => crate::interop::http_message(m),
                (_, Some(m), RequestForm::Curl { secrets: false }) => crate::interop::curl::command(m),
                (Ok(_), None, _) => continue,
            });
        }
    }

    pub fn key(&mut self, key: &KeyEvent) -> CopyKey {
        let pick = |entry: &Entry| match &entry.text {
            Some(text) => CopyKey::Copy {
                text: text.clone(),
                what: entry.label.clone(),
            },
            None => CopyKey::Stay,
        };
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => CopyKey::Close,
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(self.entries.len().saturating_sub(1));
                CopyKey::Stay
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.selected = self.selected.saturating_sub(1);
                CopyKey::Stay
            }
            KeyCode::Enter => self.entries.get(self.selected).map_or(CopyKey::Stay, pick),
            // `yy` copies the body, as in vi.
            KeyCode::Char('y') => self
                .entries
                .iter()
                .find(|e| e.key == Some('b'))
                .map_or(CopyKey::Stay, pick),
            KeyCode::Char(c) => self
                .entries
                .iter()
                .find(|e| e.key == Some(c))
                .map_or(CopyKey::Stay, pick),
            _ => CopyKey::Stay,
        }
    }

    pub fn draw(&self, frame: &mut Frame<'_>, theme: Theme) {
        let full = frame.area();
        let height = u16::try_from(self.entries.len() + 2).unwrap_or(u16::MAX);
        let area = centered(full, full.width.saturating_sub(8).clamp(20, 72), height);
        frame.render_widget(Clear, area);
        let block = pane_block(Line::from(format!(" copy · {} ", self.request.path)), true, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let lines: Vec<Line<'_>> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, entry)| {
                let key = entry.key.map_or_else(|| "   ".to_owned(), |k| format!(" {k} "));
                let mut label = safe(&entry.label);
                if entry.text.is_none() {
                    label.push_str(" — resolving…");
                }
                let style = if i == self.selected {
                    theme.selected()
                } else if entry.text.is_none() {
                    theme.dim()
                } else {
                    ratatui::style::Style::default()
                };
                Line::from(vec![Span::styled(key, theme.bold()), Span::styled(label, style)])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
