//! Keys → actions. Defaults here; a `keymap.yaml` in the config directory
//! (`$XDG_CONFIG_HOME/apibench/`, or `$APIBENCH_CONFIG_DIR`) rebinds them:
//!
//! ```yaml
//! send: [s, ctrl-r]
//! quit: ctrl-q
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::action::Action;

/// A key with its modifiers, as written in a keymap (`ctrl-s`, `G`, `pagedown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chord {
    pub code: ChordKey,
    pub ctrl: bool,
    pub alt: bool,
}

/// Key codes we bind (a comparable subset of crossterm's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChordKey {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
    Delete,
    F(u8),
}

impl Chord {
    /// The chord a key event is, if it is one we can bind.
    pub fn of(event: &KeyEvent) -> Option<Chord> {
        let code = match event.code {
            KeyCode::Char(c) => ChordKey::Char(c),
            KeyCode::Enter => ChordKey::Enter,
            KeyCode::Esc => ChordKey::Esc,
            KeyCode::Tab => ChordKey::Tab,
            KeyCode::BackTab => ChordKey::BackTab,
            KeyCode::Up => ChordKey::Up,
            KeyCode::Down => ChordKey::Down,
            KeyCode::Left => ChordKey::Left,
            KeyCode::Right => ChordKey::Right,
            KeyCode::PageUp => ChordKey::PageUp,
            KeyCode::PageDown => ChordKey::PageDown,
            KeyCode::Home => ChordKey::Home,
            KeyCode::End => ChordKey::End,
            KeyCode::Backspace => ChordKey::Backspace,
            KeyCode::Delete => ChordKey::Delete,
            KeyCode::F(n) => ChordKey::F(n),
            _ => return None,
        };
        Some(Chord {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        })
    }

    /// Parses `s`, `G`, `ctrl-s`, `alt-enter`, `pagedown`, `f5`, `space`.
    pub fn parse(text: &str) -> Result<Chord, NotAKey> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl-").or_else(|| lower.strip_prefix("c-")) {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt-").or_else(|| lower.strip_prefix("m-")) {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            // The help screen shows arrows; what it shows can be written back.
            (Some('↑'), None) => ChordKey::Up,
            (Some('↓'), None) => ChordKey::Down,
            (Some('←'), None) => ChordKey::Left,
            (Some('→'), None) => ChordKey::Right,
            (Some(c), None) => ChordKey::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => ChordKey::Enter,
                "esc" | "escape" => ChordKey::Esc,
                "tab" => ChordKey::Tab,
                "backtab" | "shift-tab" => ChordKey::BackTab,
                "up" => ChordKey::Up,
                "down" => ChordKey::Down,
                "left" => ChordKey::Left,
                "right" => ChordKey::Right,
                "pageup" | "pgup" => ChordKey::PageUp,
                "pagedown" | "pgdn" => ChordKey::PageDown,
                "home" => ChordKey::Home,
                "end" => ChordKey::End,
                "backspace" => ChordKey::Backspace,
                "delete" | "del" => ChordKey::Delete,
                "space" => ChordKey::Char(' '),
                other => match other.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n) if (1..=12).contains(&n) => ChordKey::F(n),
                    _ => return Err(NotAKey(text.to_owned())),
                },
            },
        };
        Ok(Chord { code, ctrl, alt })
    }
}

/// A key written in the keymap that names no key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a key (try s, G, ctrl-s, enter, pagedown, f5)")]
pub struct NotAKey(pub String);

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            ChordKey::Char(' ') => f.write_str("space"),
            ChordKey::Char(c) => write!(f, "{c}"),
            ChordKey::Enter => f.write_str("enter"),
            ChordKey::Esc => f.write_str("esc"),
            ChordKey::Tab => f.write_str("tab"),
            ChordKey::BackTab => f.write_str("shift-tab"),
            ChordKey::Up => f.write_str("↑"),
            ChordKey::Down => f.write_str("↓"),
            ChordKey::Left => f.write_str("←"),
            ChordKey::Right => f.write_str("→"),
            ChordKey::PageUp => f.write_str("pageup"),
            ChordKey::PageDown => f.write_str("pagedown"),
            ChordKey::Home => f.write_str("home"),
            ChordKey::End => f.write_str("end"),
            ChordKey::Backspace => f.write_str("backspace"),
            ChordKey::Delete => f.write_str("delete"),
            ChordKey::F(n) => write!(f, "f{n}"),
        }
    }
}

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Action, Vec<Chord>>,
}

const DEFAULTS: &[(Action, &[&str])] = &[
    (Action::Send, &["s"]),
    (Action::Resend, &["S"]),
    (Action::Cancel, &["x"]),
    (Action::Retry, &["R"]),
    (Action::SwitchEnvironment, &["E"]),
    (Action::ToggleResolved, &["v"]),
    (Action::Up, &["k", "up"]),
    (Action::Down, &["j", "down"]),
    (Action::PageUp, &["pageup", "ctrl-u"]),
    (Action::PageDown, &["pagedown", "ctrl-d"]),
    (Action::Top, &["g", "home"]),
    (Action::Bottom, &["G", "end"]),
    (Action::Select, &["enter"]),
    (Action::Collapse, &["h", "left"]),
    (Action::Expand, &["l", "right"]),
    (Action::NextPane, &["tab"]),
    (Action::PrevPane, &["backtab"]),
    (Action::Widen, &[">"]),
    (Action::Narrow, &["<"]),
    (Action::ToggleLayout, &["|"]),
    (Action::NextTab, &["]"]),
    (Action::PrevTab, &["["]),
    (Action::Find, &["ctrl-p"]),
    (Action::Search, &["/"]),
    (Action::NextMatch, &["n"]),
    (Action::PrevMatch, &["N"]),
    (Action::Filter, &["f"]),
    (Action::ToggleWrap, &["w"]),
    (Action::TogglePasses, &["p"]),
    (Action::Edit, &["e"]),
    (Action::Add, &["a"]),
    (Action::Delete, &["d", "delete"]),
    (Action::ToggleRow, &["space"]),
    (Action::Rename, &["r"]),
    (Action::Duplicate, &["D"]),
    (Action::Move, &["m"]),
    (Action::NewFolder, &["F"]),
    (Action::ChangeMethod, &["M"]),
    (Action::Variables, &["V"]),
    (Action::Save, &["ctrl-s"]),
    (Action::Undo, &["u", "ctrl-z"]),
    (Action::Redo, &["U", "ctrl-y"]),
    (Action::OpenEditor, &["o"]),
    (Action::Copy, &["y"]),
    (Action::Cookies, &["K"]),
    (Action::PastExchanges, &["H"]),
    (Action::SaveBody, &["W"]),
    (Action::Messages, &["L"]),
    (Action::Help, &["?"]),
    (Action::Quit, &["q", "ctrl-c"]),
];

/// The one way out no keymap can take away: ctrl-c quits whatever `keymap.yaml` says (a
/// file that rebound `q` and `ctrl-c` left no way to leave but killing the terminal).
fn always_quits() -> Chord {
    Chord::parse("ctrl-c").expect("ctrl-c parses")
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULTS
            .iter()
            .map(|(action, keys)| {
                let chords = keys
                    .iter()
                    .map(|k| Chord::parse(k).expect("default keys parse"))
                    .collect();
                (*action, chords)
            })
            .collect();
        Self { bindings }
    }
}

impl Keymap {
    /// The action a key triggers.
    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        let chord = Chord::of(event)?;
        self.bindings
            .iter()
            .find(|(_, chords)| chords.contains(&chord))
            .map(|(action, _)| *action)
    }

    /// The keys bound to an action, for the help screen and the status bar.
    pub fn keys(&self, action: Action) -> &[Chord] {
        self.bindings.get(&action).map_or(&[], Vec::as_slice)
    }

    /// `s` — the first key of an action, for hints.
    pub fn hint(&self, action: Action) -> String {
        self.keys(action)
            .first()
            .map_or_else(|| "(unbound)".to_owned(), ToString::to_string)
    }

    /// Applies a keymap file's text: each named action gets the keys listed, replacing its
    /// defaults. Returns the problems found; the rest still applies.
    pub fn apply(&mut self, text: &str) -> Vec<String> {
        let parsed: Result<BTreeMap<String, KeyList>, _> = serde_yaml::from_str(text);
        let map = match parsed {
            Ok(map) => map,
            Err(e) => return vec![format!("keymap: {e}")],
        };
        let mut problems = Vec::new();
        for (name, keys) in map {
            let Some(action) = Action::from_name(&name) else {
                let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                let close = crate::suggest::closest(&name, names)
                    .first()
                    .map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
                problems.push(format!("keymap: unknown action `{name}`{close}"));
                continue;
            };
            let mut chords = Vec::new();
            for key in keys.0 {
                match Chord::parse(&key) {
                    Ok(c) if c == always_quits() && action != Action::Quit => problems.push(format!(
                        "keymap: {name}: {c} always quits and cannot be bound to another action"
                    )),
                    Ok(c) => chords.push(c),
                    Err(e) => problems.push(format!("keymap: {name}: {e}")),
                }
            }
            if action == Action::Quit && !chords.contains(&always_quits()) {
                chords.push(always_quits());
            }
            // A key moves to its new action rather than triggering two.
            for other in self.bindings.values_mut() {
                other.retain(|c| !chords.contains(c));
            }
            self.bindings.insert(action, chords);
        }
        problems
    }

    /// Defaults plus the user's keymap file, if any; problems are reported, not fatal.
    pub fn load() -> (Keymap, Vec<String>) {
        let mut keymap = Keymap::default();
        let Some(path) = config_dir().map(|d| d.join("keymap.yaml")) else {
            return (keymap, Vec::new());
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let problems = keymap.apply(&text);
                (
                    keymap,
                    problems
                        .into_iter()
                        .map(|p| format!("{}: {p}", path.display()))
                        .collect(),
                )
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (keymap, Vec::new()),
            Err(e) => (keymap, vec![format!("{}: {e}", path.display())]),
        }
    }
}

/// Where apibench reads its configuration.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("APIBENCH_CONFIG_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "apibench").map(|d| d.config_dir().to_path_buf())
}

/// One key or a list of keys.
#[derive(Debug)]
struct KeyList(Vec<String>);

impl<'de> serde::Deserialize<'de> for KeyList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(String),
            Many(Vec<String>),
        }
        Ok(match OneOrMany::deserialize(d)? {
            OneOrMany::One(k) => KeyList(vec![k]),
            OneOrMany::Many(ks) => KeyList(ks),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_action_has_a_default_key() {
        let keymap = Keymap::default();
        for action in Action::ALL {
            assert!(!keymap.keys(action).is_empty(), "{action:?} is unbound");
        }
    }

    /// A key bound to two actions would only ever do one of them.
    #[test]
    fn no_key_is_bound_to_two_actions() {
        let mut seen: Vec<(&str, Action)> = Vec::new();
        for (action, keys) in DEFAULTS {
            for key in *keys {
                if let Some((_, other)) = seen.iter().find(|(k, _)| k == key) {
                    panic!("`{key}` is bound to both {other:?} and {action:?}");
                }
                seen.push((key, *action));
            }
        }
    }

    #[test]
    fn default_keys_resolve() {
        let keymap = Keymap::default();
        assert_eq!(
            keymap.action(&key(KeyCode::Char('s'), KeyModifiers::NONE)),
            Some(Action::Send)
        );
        assert_eq!(
            keymap.action(&key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            keymap.action(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.action(&key(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(keymap.action(&key(KeyCode::Char('z'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn a_keymap_file_rebinds_and_reports_problems() {
        let mut keymap = Keymap::default();
        let problems = keymap.apply("send: [ctrl-r, F5]\nquit: Q\nsned: x\nhelp: [nonsense-key]\n");
        assert_eq!(
            keymap.action(&key(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::Send)
        );
        assert_eq!(
            keymap.action(&key(KeyCode::F(5), KeyModifiers::NONE)),
            Some(Action::Send)
        );
        assert_eq!(
            keymap.action(&key(KeyCode::Char('s'), KeyModifiers::NONE)),
            None,
            "s is no longer send"
        );
        assert_eq!(
            keymap.action(&key(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
            Some(Action::Quit)
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems.iter().any(|p| p.contains("did you mean `send`?")),
            "{problems:?}"
        );
    }

    #[test]
    fn ctrl_c_always_quits_whatever_the_keymap_says_and_taking_it_is_reported() {
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let mut keymap = Keymap::default();
        let problems = keymap.apply("quit: Q\nsend: [ctrl-c, ctrl-r]\n");
        assert_eq!(keymap.action(&ctrl_c), Some(Action::Quit));
        assert_eq!(
            keymap.action(&key(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.action(&key(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::Send),
            "the rest of the line still applies"
        );
        assert_eq!(
            problems,
            vec!["keymap: send: ctrl-c always quits and cannot be bound to another action".to_owned()]
        );
        // Unbinding quit entirely still leaves ctrl-c.
        let mut keymap = Keymap::default();
        assert!(keymap.apply("quit: []\n").is_empty());
        assert_eq!(keymap.action(&ctrl_c), Some(Action::Quit));
        assert_eq!(keymap.hint(Action::Quit), "ctrl-c");
    }

    #[test]
    fn chords_print_as_they_parse() {
        for text in [
            "s", "G", "ctrl-s", "enter", "pagedown", "f5", "space", "alt-x", "up", "down", "left", "right",
        ] {
            let chord = Chord::parse(text).unwrap();
            assert_eq!(Chord::parse(&chord.to_string()).unwrap(), chord, "{text}");
        }
    }
}
