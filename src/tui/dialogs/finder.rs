//! The finder (`ctrl-p`, and `/` in the tree): fuzzy search over every request of every
//! loaded collection by its name, folder, method and URL, and — as a command palette — over
//! every action by its name and what it does, showing the key it is on. Its state, keys and
//! drawing are here; choosing hands a [`Found`] to `update`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::prompt::{Prompt, PromptKey, PromptKind};
use crate::session::{RequestId, Workspace};
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, pane_block, safe};

/// How many matches the list shows at once.
const SHOWN: usize = 14;

/// What the finder was opened to look through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Requests only (`/` in the tree).
    Requests,
    /// Requests and actions (`ctrl-p`).
    Everything,
}

/// One thing that can be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Request(RequestId),
    Action(Action),
}

#[derive(Debug, Clone)]
struct Entry {
    found: Found,
    /// What the query is matched against.
    haystack: String,
    /// What the list shows: the left column and the dim right one.
    shown: (String, String),
}

/// The finder's state: its query, what it can find, and what matches, best first.
#[derive(Debug, Clone)]
pub struct Finder {
    prompt: Prompt,
    entries: Vec<Entry>,
    /// Indices into `entries`, best match first.
    matches: Vec<usize>,
    selected: usize,
}

/// What a key did to the finder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinderKey {
    Stay,
    Cancel,
    Chosen(Found),
}

impl Finder {
    /// The finder over `workspace`'s requests (and, for `Everything`, the actions).
    pub fn new(workspace: &Workspace, keymap: &Keymap, scope: Scope) -> Self {
        let mut entries = Vec::new();
        for (index, collection) in workspace.collections.iter().enumerate() {
            for (path, request) in collection.requests() {
                let url = request.url.as_str().to_owned();
                entries.push(Entry {
                    haystack: format!("{path} {} {url} {}", request.method, collection.name),
                    shown: (format!("{:<7}{path}", request.method), url),
                    found: Found::Request(RequestId::new(index, path)),
                });
            }
        }
        if scope == Scope::Everything {
            for action in Action::ALL {
                let key = keymap.hint(action);
                entries.push(Entry {
                    haystack: format!("{} {}", action.name(), action.description()),
                    shown: (format!("▸ {}", action.description()), key),
                    found: Found::Action(action),
                });
            }
        }
        let mut finder = Self {
            prompt: Prompt::new(PromptKind::Find, String::new()),
            matches: (0..entries.len()).collect(),
            entries,
            selected: 0,
        };
        finder.rematch();
        finder
    }

    /// The query as typed.
    pub fn query(&self) -> &str {
        &self.prompt.text
    }

    /// What enter would choose now.
    pub fn current(&self) -> Option<&Found> {
        self.matches.get(self.selected).map(|&i| &self.entries[i].found)
    }

    /// Typed or pasted text.
    pub fn insert(&mut self, text: &str) {
        self.prompt.insert(text);
        self.rematch();
    }

    pub fn key(&mut self, key: KeyEvent) -> FinderKey {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Down => self.step(1),
            KeyCode::Up => self.step(-1),
            KeyCode::Char('n' | 'j') if ctrl => self.step(1),
            KeyCode::Char('p' | 'k') if ctrl => self.step(-1),
            _ => match self.prompt.key(key) {
                PromptKey::Cancel => return FinderKey::Cancel,
                PromptKey::Submit => {
                    return self
                        .current()
                        .cloned()
                        .map_or(FinderKey::Cancel, FinderKey::Chosen);
                }
                PromptKey::Typing => self.rematch(),
            },
        }
        FinderKey::Stay
    }

    fn step(&mut self, by: isize) {
        let count = self.matches.len();
        if count > 0 {
            self.selected = (self.selected + count).wrapping_add_signed(by) % count;
        }
    }

    /// Scores every entry against the query; an empty query keeps every entry in order.
    fn rematch(&mut self) {
        self.selected = 0;
        let query = self.prompt.text.trim();
        if query.is_empty() {
            self.matches = (0..self.entries.len()).collect();
            return;
        }
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buffer = Vec::new();
        let mut scored: Vec<(u32, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| {
                pattern
                    .score(Utf32Str::new(&entry.haystack, &mut buffer), &mut matcher)
                    .map(|score| (score, i))
            })
            .collect();
        // Best first; equal scores keep the tree's order.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.matches = scored.into_iter().map(|(_, i)| i).collect();
    }

    /// A box in the upper middle of the screen: the query, then the matches.
    pub fn draw(&self, frame: &mut Frame<'_>, theme: Theme) {
        let screen = frame.area();
        let width = screen.width.saturating_sub(4).min(100);
        let height = u16::try_from(SHOWN + 4).unwrap_or(u16::MAX);
        let area = centered(screen, width, height);
        let block = pane_block(
            Line::from(format!(
                " Find · {} ",
                crate::format::count(self.matches.len(), "match", "matches")
            )),
            true,
            theme,
        );
        let inner = usize::from(area.width.saturating_sub(2));
        let mut lines = vec![
            Line::from(vec![
                Span::styled("find: ", theme.bold()),
                Span::raw(safe(self.query())),
                Span::styled("█", theme.dim()),
            ]),
            Line::raw(""),
        ];
        let first = self.selected.saturating_sub(SHOWN - 1);
        for (row, &index) in self.matches.iter().enumerate().skip(first).take(SHOWN) {
            let (left, right) = &self.entries[index].shown;
            let left = safe(left);
            let right = safe(right);
            let room = inner.saturating_sub(left.chars().count() + 2);
            let right: String = right.chars().take(room).collect();
            let pad = inner.saturating_sub(left.chars().count() + right.chars().count());
            let line = Line::from(vec![
                Span::raw(left),
                Span::raw(" ".repeat(pad)),
                Span::styled(right, theme.dim()),
            ]);
            lines.push(if row == self.selected {
                line.style(theme.selected())
            } else {
                line
            });
        }
        if self.matches.is_empty() {
            lines.push(Line::styled("nothing matches", theme.dim()));
        }
        frame.render_widget(Clear, area);
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder(scope: Scope) -> Finder {
        Finder::new(&crate::tui::tests::demo_workspace(), &Keymap::default(), scope)
    }

    fn typed(finder: &mut Finder, text: &str) {
        for c in text.chars() {
            finder.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn a_few_letters_find_a_request_by_name_folder_method_or_url() {
        let mut f = finder(Scope::Requests);
        typed(&mut f, "crt usr mal");
        assert!(
            matches!(f.current(), Some(Found::Request(id)) if id.path.to_string() == "Users/Create user from malformed JSON"),
            "{:?}",
            f.current()
        );
        let mut f = finder(Scope::Requests);
        typed(&mut f, "v1/limited");
        assert!(matches!(f.current(), Some(Found::Request(id)) if id.path.to_string() == "Rate limited"));
        let mut f = finder(Scope::Requests);
        typed(&mut f, "delete");
        assert!(matches!(f.current(), Some(Found::Request(id)) if id.path.to_string().contains("Delete")));
    }

    #[test]
    fn the_palette_runs_actions_by_name_and_the_tree_search_does_not_list_them() {
        let mut f = finder(Scope::Everything);
        typed(&mut f, "switch environment");
        assert_eq!(f.current(), Some(&Found::Action(Action::SwitchEnvironment)));
        assert_eq!(
            f.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            FinderKey::Chosen(Found::Action(Action::SwitchEnvironment))
        );
        let mut f = finder(Scope::Requests);
        typed(&mut f, "switch environment");
        assert!(!matches!(f.current(), Some(Found::Action(_))));
    }

    #[test]
    fn arrows_move_and_esc_cancels() {
        let mut f = finder(Scope::Requests);
        let first = f.current().cloned();
        f.key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        assert_ne!(f.current().cloned(), first);
        f.key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
        assert_eq!(f.current().cloned(), first);
        assert_eq!(
            f.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
            FinderKey::Cancel
        );
    }
}
