//! Colours, or none. Two built-in palettes, `dark` (for dark terminals, the default) and
//! `light`, and a `theme.yaml` in the config directory that picks one and overrides any of
//! its colours by name. With `NO_COLOR` set, only bold, dim and reverse are used, whatever
//! the theme says (no-color.org).
//!
//! ```yaml
//! base: light
//! colors:
//!   accent: "#005f87"
//!   fail: red
//! ```

use std::path::Path;

use ratatui::style::{Color, Modifier, Style};

/// The colours a theme is made of, by what they mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// The focused pane's border.
    pub accent: Color,
    /// Borders of the other panes.
    pub muted: Color,
    pub fail: Color,
    pub unknown: Color,
    pub pass: Color,
    /// 3xx statuses.
    pub redirect: Color,
    pub key: Color,
    pub string: Color,
    pub number: Color,
    pub literal: Color,
    pub get: Color,
    pub post: Color,
    pub put: Color,
    pub delete: Color,
    pub other_method: Color,
    /// Behind a search match that is not the current one.
    pub matched: Color,
}

impl Palette {
    /// For dark backgrounds: the terminal's own bright colours.
    pub const DARK: Palette = Palette {
        accent: Color::Cyan,
        muted: Color::DarkGray,
        fail: Color::Red,
        unknown: Color::Yellow,
        pass: Color::Green,
        redirect: Color::Cyan,
        key: Color::Cyan,
        string: Color::Green,
        number: Color::Magenta,
        literal: Color::Yellow,
        get: Color::Green,
        post: Color::Yellow,
        put: Color::Blue,
        delete: Color::Red,
        other_method: Color::Magenta,
        matched: Color::Yellow,
    };

    /// For light backgrounds: darker shades that keep their contrast on white.
    pub const LIGHT: Palette = Palette {
        accent: Color::Rgb(0, 95, 135),
        muted: Color::Gray,
        fail: Color::Rgb(175, 0, 0),
        unknown: Color::Rgb(135, 95, 0),
        pass: Color::Rgb(0, 120, 0),
        redirect: Color::Rgb(0, 95, 135),
        key: Color::Rgb(0, 95, 135),
        string: Color::Rgb(0, 120, 0),
        number: Color::Rgb(135, 0, 135),
        literal: Color::Rgb(135, 95, 0),
        get: Color::Rgb(0, 120, 0),
        post: Color::Rgb(135, 95, 0),
        put: Color::Rgb(0, 0, 175),
        delete: Color::Rgb(175, 0, 0),
        other_method: Color::Rgb(135, 0, 135),
        matched: Color::Rgb(255, 215, 95),
    };

    /// The colour named `name` in a theme file, to set.
    fn slot(&mut self, name: &str) -> Option<&mut Color> {
        Some(match name {
            "accent" => &mut self.accent,
            "muted" => &mut self.muted,
            "fail" => &mut self.fail,
            "unknown" => &mut self.unknown,
            "pass" => &mut self.pass,
            "redirect" => &mut self.redirect,
            "key" => &mut self.key,
            "string" => &mut self.string,
            "number" => &mut self.number,
            "literal" => &mut self.literal,
            "get" => &mut self.get,
            "post" => &mut self.post,
            "put" => &mut self.put,
            "delete" => &mut self.delete,
            "other_method" => &mut self.other_method,
            "matched" => &mut self.matched,
            _ => return None,
        })
    }
}

/// The names a theme file's `colors` may set.
const NAMES: &str = "accent, muted, fail, unknown, pass, redirect, key, string, number, literal, \
    get, post, put, delete, other_method, matched";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

/// A theme file as written.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    base: Option<String>,
    #[serde(default)]
    colors: std::collections::BTreeMap<String, String>,
}

impl Theme {
    /// No colour at all: bold, dim and reverse only.
    pub const PLAIN: Theme = Theme {
        color: false,
        palette: Palette::DARK,
    };

    /// The dark palette, in colour unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Self {
        Self {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            palette: Palette::DARK,
        }
    }

    /// The theme `theme.yaml` in `dir` describes, over `from_env`; problems are reported,
    /// not fatal (what could be read still applies).
    pub fn load(dir: Option<&Path>) -> (Theme, Vec<String>) {
        let mut theme = Theme::from_env();
        let Some(path) = dir.map(|d| d.join("theme.yaml")) else {
            return (theme, Vec::new());
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let problems = theme.apply(&text);
                let shown = path.display();
                (
                    theme,
                    problems.into_iter().map(|p| format!("{shown}: {p}")).collect(),
                )
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (theme, Vec::new()),
            Err(e) => (theme, vec![format!("{}: {e}", path.display())]),
        }
    }

    /// Applies a theme file's text: its base palette, then each colour it sets.
    pub fn apply(&mut self, text: &str) -> Vec<String> {
        let file: ThemeFile = match serde_yaml::from_str(text) {
            Ok(file) => file,
            Err(e) => return vec![format!("theme: {e}")],
        };
        let mut problems = Vec::new();
        match file.base.as_deref() {
            None | Some("dark") => self.palette = Palette::DARK,
            Some("light") => self.palette = Palette::LIGHT,
            Some(other) => problems.push(format!("theme: unknown base `{other}` (dark or light)")),
        }
        for (name, value) in file.colors {
            let Some(slot) = self.palette.slot(&name) else {
                problems.push(format!("theme: unknown colour `{name}` (one of {NAMES})"));
                continue;
            };
            match value.parse::<Color>() {
                Ok(color) => *slot = color,
                Err(_) => problems.push(format!(
                    "theme: {name}: `{value}` is not a colour (a name like red or lightblue, or #rrggbb)"
                )),
            }
        }
        problems
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
            self.fg(self.palette.accent).add_modifier(Modifier::BOLD)
        } else {
            self.fg(self.palette.muted)
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
        self.fg(self.palette.fail).add_modifier(Modifier::BOLD)
    }

    pub fn unknown(self) -> Style {
        self.fg(self.palette.unknown)
    }

    pub fn pass(self) -> Style {
        self.fg(self.palette.pass)
    }

    /// Status codes by class.
    pub fn status(self, status: u16) -> Style {
        let p = self.palette;
        match status {
            200..=299 => self.fg(p.pass),
            300..=399 => self.fg(p.redirect),
            400..=499 => self.fg(p.unknown),
            _ => self.fg(p.fail),
        }
        .add_modifier(Modifier::BOLD)
    }

    pub fn method(self, method: &str) -> Style {
        let p = self.palette;
        self.fg(match method {
            "GET" => p.get,
            "POST" => p.post,
            "PUT" | "PATCH" => p.put,
            "DELETE" => p.delete,
            _ => p.other_method,
        })
    }

    pub fn json(self, token: crate::tui::highlight::Token) -> Style {
        use crate::tui::highlight::Token;
        let p = self.palette;
        match token {
            Token::Key => self.fg(p.key),
            Token::String => self.fg(p.string),
            Token::Number => self.fg(p.number),
            Token::Literal => self.fg(p.literal),
            Token::Punct | Token::Space => Style::new(),
        }
    }

    pub fn matched(self, current: bool) -> Style {
        if current {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            self.fg(Color::Black)
                .bg(if self.color {
                    self.palette.matched
                } else {
                    Color::Reset
                })
                .add_modifier(Modifier::UNDERLINED)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_file_picks_a_base_and_overrides_colours_by_name() {
        let mut theme = Theme {
            color: true,
            palette: Palette::DARK,
        };
        let problems = theme.apply("base: light\ncolors:\n  accent: \"#112233\"\n  fail: lightred\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(theme.palette.accent, Color::Rgb(0x11, 0x22, 0x33));
        assert_eq!(theme.palette.fail, Color::LightRed);
        assert_eq!(theme.palette.pass, Palette::LIGHT.pass, "the rest is the base's");
        assert_eq!(theme.border(true).fg, Some(Color::Rgb(0x11, 0x22, 0x33)));
    }

    #[test]
    fn a_theme_files_mistakes_are_named_and_the_rest_applies() {
        let mut theme = Theme::PLAIN;
        let problems = theme.apply("base: sepia\ncolors:\n  acent: red\n  pass: not-a-colour\n  key: blue\n");
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[1].contains("unknown colour `acent`"), "{problems:?}");
        assert_eq!(theme.palette.key, Color::Blue);
    }

    #[test]
    fn no_color_means_no_colour_whatever_the_theme() {
        let mut theme = Theme::PLAIN;
        theme.apply("base: light\n");
        assert_eq!(theme.fail().fg, None);
        assert_eq!(theme.method("GET").fg, None);
    }
}
