//! The help screen: every key, built from the keymap itself, in the order of the action enum;
//! and the same scrolling page for the message log (every status message of the session, in
//! full). It scrolls with the motion keys and closes with its own key, esc or `q`; another
//! quit key (ctrl-c) quits; other keys do nothing, so a stray key does not close it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, pane_block, wrap_indented};

/// The help screen or the message log, scrolled `scroll` lines down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Help {
    pub scroll: u16,
    pub page: Page,
}

/// Which page the scrolling screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Page {
    /// Every key.
    #[default]
    Keys,
    /// Every status message of the session, oldest first.
    Messages,
}

/// How the help screen measured when drawn: its lines and how many show at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HelpRows {
    pub total: usize,
    pub visible: usize,
}

/// What a key did to the help screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpKey {
    Stay,
    Close,
    Quit,
}

impl Help {
    pub fn key(&mut self, key: &KeyEvent, keymap: &Keymap, rows: HelpRows) -> HelpKey {
        let action = keymap.action(key);
        let plain_q =
            key.code == KeyCode::Char('q') && key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
        let own = match self.page {
            Page::Keys => Action::Help,
            Page::Messages => Action::Messages,
        };
        if key.code == KeyCode::Esc || plain_q || action == Some(own) {
            return HelpKey::Close;
        }
        if action == Some(Action::Quit) {
            return HelpKey::Quit;
        }
        let page = isize::try_from(rows.visible.max(1)).unwrap_or(isize::MAX);
        let delta = match (key.code, action) {
            (KeyCode::Down, _) | (_, Some(Action::Down)) => 1,
            (KeyCode::Up, _) | (_, Some(Action::Up)) => -1,
            (KeyCode::PageDown, _) | (_, Some(Action::PageDown)) => page,
            (KeyCode::PageUp, _) | (_, Some(Action::PageUp)) => -page,
            (KeyCode::Home, _) | (_, Some(Action::Top)) => isize::MIN / 2,
            (KeyCode::End, _) | (_, Some(Action::Bottom)) => isize::MAX / 2,
            _ => return HelpKey::Stay,
        };
        self.scroll_by(delta, rows);
        HelpKey::Stay
    }

    /// Moves by `delta` lines, no further than its last line at the bottom.
    pub fn scroll_by(&mut self, delta: isize, rows: HelpRows) {
        let room = rows.total.saturating_sub(rows.visible);
        let to = usize::from(self.scroll)
            .min(room)
            .saturating_add_signed(delta)
            .min(room);
        self.scroll = u16::try_from(to).unwrap_or(u16::MAX);
    }

    /// Draws the screen and says how it measured, for scrolling.
    pub fn draw(
        &self,
        frame: &mut Frame<'_>,
        theme: Theme,
        keymap: &Keymap,
        messages: &[String],
    ) -> HelpRows {
        let (lines, area) = match self.page {
            Page::Keys => layout(keymap, theme, frame.area()),
            Page::Messages => message_layout(messages, theme, frame.area()),
        };
        let visible = usize::from(area.height.saturating_sub(2));
        let rows = HelpRows {
            total: lines.len(),
            visible,
        };
        let room = lines.len().saturating_sub(visible);
        let scroll = usize::from(self.scroll).min(room);
        let title = match self.page {
            Page::Keys => " Keys ",
            Page::Messages => " Messages ",
        };
        let mut block = pane_block(Line::from(title), true, theme);
        if room > 0 {
            let k = |a: Action| keymap.hint(a);
            block = block.title_bottom(
                Line::styled(
                    format!(
                        " {}-{} of {} · {}/{} scroll · esc closes ",
                        scroll + 1,
                        scroll + visible,
                        lines.len(),
                        k(Action::Down),
                        k(Action::Up)
                    ),
                    theme.dim(),
                )
                .right_aligned(),
            );
        }
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
            area,
        );
        rows
    }
}

/// The message log on a terminal of `screen`: each message wrapped in full under a dim
/// bullet, the box most of the screen.
fn message_layout<'a>(messages: &[String], theme: Theme, screen: Rect) -> (Vec<Line<'a>>, Rect) {
    let room = Rect {
        height: screen.height.saturating_sub(1),
        ..screen
    };
    let width = room.width.saturating_sub(4).min(120);
    let inner = usize::from(width.saturating_sub(2));
    let mut lines: Vec<Line<'a>> = Vec::new();
    for message in messages {
        let mut rows = wrap_indented(&crate::sanitize::for_terminal(message, false), inner, 2);
        if let Some(first) = rows.first_mut() {
            first.replace_range(..2, "· ");
        }
        lines.extend(rows.into_iter().map(Line::raw));
    }
    if lines.is_empty() {
        lines.push(Line::styled("No messages yet.", theme.dim()));
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    (lines, centered(room, width, height))
}

/// The help screen on a terminal of `screen`: its lines, wrapped to the box, and the box. It
/// leaves the status bar alone and is as wide as its widest line, as the screen allows.
fn layout<'a>(keymap: &Keymap, theme: Theme, screen: Rect) -> (Vec<Line<'a>>, Rect) {
    let entries: Vec<(String, &'static str, &'static str)> = Action::ALL
        .iter()
        .map(|action| {
            let keys: Vec<String> = keymap.keys(*action).iter().map(ToString::to_string).collect();
            (
                format!("{:<16}", keys.join(" ")),
                action.description(),
                action.name(),
            )
        })
        .collect();
    let footer = [
        "Mouse: click to focus or select, wheel to scroll.",
        "Rebind keys in keymap.yaml in the config directory (action names on the right).",
    ];
    // Three columns: keys, what they do, the action's name for keymap.yaml.
    let keys_column = 16;
    let name_column = entries.iter().map(|(_, _, name)| name.width()).max().unwrap_or(0);
    let widest = entries
        .iter()
        .map(|(_, what, _)| keys_column + what.width() + 2 + name_column)
        .chain(footer.iter().map(|l| l.width()))
        .max()
        .unwrap_or(0);
    let room = Rect {
        height: screen.height.saturating_sub(1),
        ..screen
    };
    let width = u16::try_from(widest + 2).unwrap_or(u16::MAX).min(room.width);
    let inner = usize::from(width.saturating_sub(2));
    let mut lines = Vec::new();
    let what_column = inner.saturating_sub(keys_column + 2 + name_column).max(10);
    for (keys, what, name) in entries {
        let mut rows = wrap_indented(what, what_column, 0).into_iter();
        let first = rows.next().unwrap_or_default();
        let pad = what_column.saturating_sub(first.width());
        lines.push(Line::from(vec![
            Span::styled(keys, theme.bold()),
            Span::raw(first),
            Span::raw(" ".repeat(pad + 2)),
            Span::styled(name, theme.dim()),
        ]));
        for row in rows {
            lines.push(Line::raw(format!("{}{row}", " ".repeat(keys_column))));
        }
    }
    lines.push(Line::raw(""));
    for text in footer {
        lines.extend(
            wrap_indented(text, inner, 0)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim())),
        );
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    (lines, centered(room, width, height))
}
