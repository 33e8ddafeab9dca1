//! Colours, or none: with `NO_COLOR` set, only bold, dim and reverse are used.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Self {
        Self {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn bold(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn fail(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn unknown(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn pass(self) -> Style {
        self.fg(Color::Green)
    }

    /// Status codes by class.
    pub fn status(self, status: u16) -> Style {
        match status {
            200..=299 => self.fg(Color::Green),
            300..=399 => self.fg(Color::Cyan),
            400..=499 => self.fg(Color::Yellow),
            _ => self.fg(Color::Red),
        }
        .add_modifier(Modifier::BOLD)
    }

    pub fn method(self, method: &str) -> Style {
        self.fg(match method {
            "GET" => Color::Green,
            "POST" => Color::Yellow,
            "PUT" | "PATCH" => Color::Blue,
            "DELETE" => Color::Red,
            _ => Color::Magenta,
        })
    }

    pub fn json(self, token: crate::tui::highlight::Token) -> Style {
        use crate::tui::highlight::Token;
        match token {
            Token::Key => self.fg(Color::Cyan),
            Token::String => self.fg(Color::Green),
            Token::Number => self.fg(Color::Magenta),
            Token::Literal => self.fg(Color::Yellow),
            Token::Punct | Token::Space => Style::new(),
        }
    }

    pub fn matched(self, current: bool) -> Style {
        if current {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            self.fg(Color::Black)
                .bg(if self.color { Color::Yellow } else { Color::Reset })
                .add_modifier(Modifier::UNDERLINED)
        }
    }
}
