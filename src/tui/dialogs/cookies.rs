//! The cookie list: the jar of the selected request's collection in the current
//! environment — each cookie's name, value (masked: a session cookie is a credential),
//! where it goes, when it expires and its flags — with `d` to delete one and `D` to empty
//! the jar. Its state, keys and drawing.

use std::time::SystemTime;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::diagnosis::Clock;
use crate::http::cookies::CookieRow;
use crate::tui::theme::Theme;
use crate::tui::widgets::{large_dialog, pane_block, safe};

#[derive(Debug, Clone)]
pub struct CookieList {
    pub collection: usize,
    /// The collection's name and the environment, for the title.
    pub title: String,
    pub rows: Vec<CookieRow>,
    pub selected: usize,
    /// The collection does not keep cookies: the list says how to turn them on.
    pub off: bool,
}

/// What a key asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CookiesKey {
    Stay,
    Close,
    /// Delete this cookie (domain, path, name).
    Remove(String, String, String),
    /// Empty the jar.
    Clear,
}

impl CookieList {
    pub fn key(&mut self, key: &KeyEvent) -> CookiesKey {
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => CookiesKey::Close,
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
                CookiesKey::Stay
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.selected = self.selected.saturating_sub(1);
                CookiesKey::Stay
            }
            KeyCode::Char('d') | KeyCode::Delete => {
                self.rows.get(self.selected).map_or(CookiesKey::Stay, |c| {
                    CookiesKey::Remove(c.domain.clone(), c.path.clone(), c.name.clone())
                })
            }
            KeyCode::Char('D') => CookiesKey::Clear,
            _ => CookiesKey::Stay,
        }
    }

    /// The jar's cookies again, after a change.
    pub fn refresh(&mut self, rows: Vec<CookieRow>) {
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    pub fn draw(&self, frame: &mut Frame<'_>, theme: Theme, clock: &Clock) {
        let area = large_dialog(frame.area());
        frame.render_widget(Clear, area);
        let block = pane_block(Line::from(format!(" cookies · {} ", self.title)), true, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let lines: Vec<Line<'_>> = if self.off {
            vec![
                Line::raw("this collection keeps no cookies: Set-Cookie is not sent back."),
                Line::styled(
                    "add `cookies: true` at the top of its file to keep a jar per environment",
                    theme.dim(),
                ),
            ]
        } else if self.rows.is_empty() {
            vec![Line::styled(
                "the jar is empty: no response has set a cookie in this environment yet",
                theme.dim(),
            )]
        } else {
            self.rows
                .iter()
                .enumerate()
                .map(|(i, row)| {
                    let text = safe(&row_text(row, clock));
                    let style = if i == self.selected {
                        theme.selected()
                    } else if row.expired {
                        theme.dim()
                    } else {
                        ratatui::style::Style::default()
                    };
                    Line::styled(text, style)
                })
                .collect()
        };
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// `sid = abcd…wxyz (32 chars) · api.example.com/ · session · Secure HttpOnly SameSite=Lax`.
fn row_text(row: &CookieRow, clock: &Clock) -> String {
    let domain = if row.host_only {
        row.domain.clone()
    } else {
        format!(".{}", row.domain)
    };
    let expires = match row.expires {
        None => "until the server ends the session".to_owned(),
        Some(at) if row.expired => format!("expired {}", clock.when(at)),
        Some(at) => format!("expires {}", clock.when(at)),
    };
    let mut flags = Vec::new();
    if row.secure {
        flags.push("Secure".to_owned());
    }
    if row.http_only {
        flags.push("HttpOnly".to_owned());
    }
    if let Some(same_site) = &row.same_site {
        flags.push(format!("SameSite={same_site}"));
    }
    format!(
        "{} = {} · {domain}{} · {expires}{}",
        row.name,
        crate::secrets::redact(&row.value),
        row.path,
        if flags.is_empty() {
            String::new()
        } else {
            format!(" · {}", flags.join(" "))
        }
    )
}

/// The jar's rows as of `now`, for [`CookieList`].
pub fn rows_of(jar: Option<&crate::http::cookies::CookieJar>, now: SystemTime) -> Vec<CookieRow> {
    jar.map(|j| j.rows(now)).unwrap_or_default()
}
