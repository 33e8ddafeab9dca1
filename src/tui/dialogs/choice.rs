//! The chooser: a list to pick one entry from — the environment, a method, a body or auth
//! kind, where an API key goes, a flag, the folder to move to. Its keys, what the pick means
//! for the collection, and its drawing.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::answer::{Answer, Then, template};
use super::edits::set_auth;
use super::form::Form;
use super::kinds::{AuthKind, BodyKind, Method};
use crate::collection::edit::{Edit, ScalarField};
use crate::collection::{Auth, Body, KeyLocation, Part, Request, RequestPath};
use crate::session::{RequestId, Workspace};
use crate::template::{JsonTemplate, Template};
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, pane_block, safe};

/// What a pick is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoicePurpose {
    /// Which environment the session uses (the first option is none).
    Environment,
    Method {
        at: RequestId,
    },
    BodyKind {
        at: RequestId,
    },
    AuthKind {
        at: RequestId,
    },
    ApiKeyLocation {
        at: RequestId,
    },
    /// `follow_redirects` or `insecure_tls`: inherit, true or false.
    Flag {
        at: RequestId,
        field: ScalarField,
    },
    MoveTo {
        at: RequestId,
        folders: Vec<Vec<String>>,
    },
}

/// A list to choose one entry from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub title: String,
    pub options: Vec<String>,
    pub selected: usize,
    pub purpose: ChoicePurpose,
}

/// What a key did to a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceKey {
    Moving,
    Chosen,
    Cancel,
}

/// What a pick asks for.
#[derive(Debug, Clone)]
pub enum Chosen {
    /// Use this environment, or none.
    Environment(Option<String>),
    Apply(Answer),
    /// The pick needs more first (a file body needs its path).
    Ask(Box<Form>),
    /// The pick is what is there already.
    Nothing,
}

/// The method chooser's last entry: type a method of your own.
pub const OTHER_METHOD: &str = "other…";

/// The first entry of the environment list.
pub const NO_ENVIRONMENT: &str = "(no environment)";

impl Choice {
    /// A choice starting on `current` when it is one of the options.
    pub fn new(
        title: impl Into<String>,
        options: Vec<String>,
        current: &str,
        purpose: ChoicePurpose,
    ) -> Self {
        let selected = options.iter().position(|o| o == current).unwrap_or(0);
        Self {
            title: title.into(),
            options,
            selected,
            purpose,
        }
    }

    /// The environments to choose from, `current` selected.
    pub fn environment(names: Vec<String>, current: Option<&str>) -> Self {
        let options = std::iter::once(NO_ENVIRONMENT.to_owned()).chain(names).collect();
        Self::new(
            "Environment",
            options,
            current.unwrap_or(NO_ENVIRONMENT),
            ChoicePurpose::Environment,
        )
    }

    /// The methods, the request's own added when it is not a common one, and a last entry to
    /// type any other (the format takes any token: `PROPFIND`, `PURGE`).
    pub fn method(at: RequestId, request: &Request) -> Self {
        let mut options: Vec<String> = Method::ALL.map(|m| m.name().to_owned()).to_vec();
        if !options.contains(&request.method) {
            options.push(request.method.clone());
        }
        options.push(OTHER_METHOD.to_owned());
        Self::new("Method", options, &request.method, ChoicePurpose::Method { at })
    }

    pub fn body_kind(at: RequestId, request: &Request) -> Self {
        Self::new(
            "Body",
            BodyKind::ALL.map(|k| k.name().to_owned()).to_vec(),
            BodyKind::of(request.body.as_ref()).name(),
            ChoicePurpose::BodyKind { at },
        )
    }

    pub fn auth_kind(at: RequestId, request: &Request) -> Self {
        Self::new(
            "Auth",
            AuthKind::ALL.map(|k| k.name().to_owned()).to_vec(),
            AuthKind::of(request.auth.as_ref()).name(),
            ChoicePurpose::AuthKind { at },
        )
    }

    pub fn step(&mut self, delta: isize) {
        let n = self.options.len().max(1);
        self.selected = (self.selected + n).wrapping_add_signed(delta) % n;
    }

    /// Whether some option starts with `letter` (then typing it jumps there).
    pub fn has_initial(&self, letter: char) -> bool {
        self.options
            .iter()
            .any(|o| o.chars().next().is_some_and(|c| c.eq_ignore_ascii_case(&letter)))
    }

    /// Typing a letter jumps to the next option starting with it.
    pub fn jump(&mut self, letter: char) {
        let n = self.options.len();
        let starts = |o: &String| o.chars().next().is_some_and(|c| c.eq_ignore_ascii_case(&letter));
        if let Some(i) = (1..=n)
            .map(|k| (self.selected + k) % n)
            .find(|i| starts(&self.options[*i]))
        {
            self.selected = i;
        }
    }

    pub fn value(&self) -> Option<&str> {
        self.options.get(self.selected).map(String::as_str)
    }

    /// Lists move with the keymap's up and down, so rebinding those works here too; a letter
    /// some option starts with picks by initial (`j` for json).
    pub fn key(&mut self, key: KeyEvent, keymap: &Keymap) -> ChoiceKey {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match (key.code, keymap.action(&key)) {
            (KeyCode::Esc, _) => return ChoiceKey::Cancel,
            (KeyCode::Enter, _) => return ChoiceKey::Chosen,
            // The keymap's moves come before type-ahead: `j` moves down in every chooser,
            // even one with a "json" entry.
            (KeyCode::Down, _) | (_, Some(Action::Down)) => self.step(1),
            (KeyCode::Up, _) | (_, Some(Action::Up)) => self.step(-1),
            (KeyCode::Home, _) | (_, Some(Action::Top)) => self.selected = 0,
            (KeyCode::End, _) | (_, Some(Action::Bottom)) => {
                self.selected = self.options.len().saturating_sub(1);
            }
            (KeyCode::Char(c), _) if plain && c.is_alphanumeric() && self.has_initial(c) => self.jump(c),
            _ => {}
        }
        ChoiceKey::Moving
    }

    /// What the pick asks of the collection (or the session), against the workspace as it is.
    pub fn answer(&self, workspace: &Workspace) -> Result<Chosen, String> {
        let Some(value) = self.value().map(str::to_owned) else {
            return Ok(Chosen::Nothing);
        };
        let current = |at: &RequestId| workspace.request(at).cloned();
        let set_field = |at: &RequestId, field: ScalarField, value: Option<String>| {
            Chosen::Apply(Answer::edits(
                at.collection,
                vec![Edit::SetField {
                    request: at.path.clone(),
                    field,
                    value,
                }],
            ))
        };
        Ok(match &self.purpose {
            ChoicePurpose::Environment => Chosen::Environment((self.selected > 0).then_some(value)),
            ChoicePurpose::Method { at } if value == OTHER_METHOD => {
                let current = current(at).map(|r| r.method).unwrap_or_default();
                Chosen::Ask(Box::new(Form::method(at.clone(), &current)))
            }
            ChoicePurpose::Method { at } => set_field(at, ScalarField::Method, Some(value)),
            ChoicePurpose::Flag { at, field } => set_field(at, *field, (value != "inherit").then_some(value)),
            ChoicePurpose::BodyKind { at } => match BodyKind::from_name(&value) {
                Some(kind) => {
                    body_kind_answer(workspace.request(at).and_then(|r| r.body.as_ref()), at, kind)?
                }
                None => Chosen::Nothing,
            },
            ChoicePurpose::AuthKind { at } => match AuthKind::from_name(&value) {
                Some(kind) => {
                    auth_kind_answer(workspace.request(at).and_then(|r| r.auth.as_ref()), at, kind)?
                }
                None => Chosen::Nothing,
            },
            ChoicePurpose::ApiKeyLocation { at } => match current(at).and_then(|r| r.auth) {
                Some(Auth::ApiKey { name, value: v, .. }) => Chosen::Apply(set_auth(
                    at,
                    Some(Auth::ApiKey {
                        location: if value == KeyLocation::Query.as_str() {
                            KeyLocation::Query
                        } else {
                            KeyLocation::Header
                        },
                        name,
                        value: v,
                    }),
                )),
                _ => Chosen::Nothing,
            },
            ChoicePurpose::MoveTo { at, folders } => {
                let Some(to) = folders.get(self.selected).cloned() else {
                    return Ok(Chosen::Nothing);
                };
                let mut moved = to.clone();
                moved.push(at.path.name().to_owned());
                Chosen::Apply(
                    Answer::edits(
                        at.collection,
                        vec![Edit::Move {
                            request: at.path.clone(),
                            to,
                        }],
                    )
                    .then(Then::RequestRenamed {
                        from: at.path.clone(),
                        to: RequestPath(moved),
                        moved: true,
                    }),
                )
            }
        })
    }

    pub fn draw(&self, frame: &mut Frame<'_>, theme: Theme) {
        let lines: Vec<Line<'_>> = self
            .options
            .iter()
            .enumerate()
            .map(|(i, option)| {
                let line = Line::raw(format!(" {} ", safe(option)));
                if i == self.selected {
                    line.style(theme.selected())
                } else {
                    line
                }
            })
            .collect();
        let width = self
            .options
            .iter()
            .map(|o| o.chars().count())
            .chain([self.title.chars().count()])
            .max()
            .unwrap_or(10)
            + 6;
        let area = centered(
            frame.area(),
            u16::try_from(width).unwrap_or(60).max(24),
            u16::try_from(lines.len() + 2).unwrap_or(u16::MAX),
        );
        frame.render_widget(Clear, area);
        let title = format!(" {} ", safe(&self.title));
        let selected = u16::try_from(self.selected).unwrap_or(0);
        let room = area.height.saturating_sub(2).max(1);
        frame.render_widget(
            Paragraph::new(lines)
                .block(pane_block(Line::from(title), true, theme))
                .scroll((selected.saturating_sub(room - 1), 0)),
            area,
        );
    }
}

/// A new body kind, carrying over what can be carried: JSON text to a text body and back,
/// form rows to multipart parts.
fn body_kind_answer(old: Option<&Body>, at: &RequestId, kind: BodyKind) -> Result<Chosen, String> {
    if BodyKind::of(old) == kind {
        return Ok(Chosen::Nothing);
    }
    let content_type = old.and_then(|b| b.explicit_content_type().map(str::to_owned));
    let body = match kind {
        BodyKind::None => None,
        BodyKind::Json => Some(Body::Json {
            value: JsonTemplate::parse(match old {
                Some(Body::Text { text, .. }) => {
                    serde_json::from_str(text.as_str()).unwrap_or_else(|_| serde_json::json!({}))
                }
                Some(Body::Form(rows)) => rows
                    .iter()
                    .map(|(k, v)| (k.clone(), serde_json::Value::String(v.to_string())))
                    .collect::<serde_json::Map<_, _>>()
                    .into(),
                _ => serde_json::json!({}),
            })
            .unwrap_or_default(),
            content_type: None,
        }),
        BodyKind::Text => Some(Body::Text {
            text: match old {
                Some(Body::Json { value, .. }) => {
                    template(&serde_json::to_string_pretty(value.value()).unwrap_or_default())?
                }
                _ => Template::default(),
            },
            content_type,
        }),
        BodyKind::Form => Some(Body::Form(match old {
            Some(Body::Multipart(parts)) => parts
                .iter()
                .filter_map(|p| match p {
                    Part::Value { name, value } => Some((name.clone(), value.clone())),
                    Part::File { .. } => None,
                })
                .collect(),
            _ => Vec::new(),
        })),
        BodyKind::Multipart => Some(Body::Multipart(match old {
            Some(Body::Form(rows)) => rows
                .iter()
                .map(|(name, value)| Part::Value {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
            _ => Vec::new(),
        })),
        // A file body needs its path first.
        BodyKind::File => return Ok(Chosen::Ask(Box::new(Form::body_file(at.clone(), "")))),
    };
    Ok(Chosen::Apply(Answer::edits(
        at.collection,
        vec![Edit::SetBody {
            request: at.path.clone(),
            body,
        }],
    )))
}

fn auth_kind_answer(old: Option<&Auth>, at: &RequestId, kind: AuthKind) -> Result<Chosen, String> {
    if AuthKind::of(old) == kind {
        return Ok(Chosen::Nothing);
    }
    let auth = match kind {
        AuthKind::Inherit => None,
        AuthKind::None => Some(Auth::None),
        AuthKind::Bearer => Some(Auth::Bearer(template("{{ token }}")?)),
        AuthKind::Basic => Some(Auth::Basic {
            username: Template::default(),
            password: Template::default(),
        }),
        AuthKind::ApiKey => Some(Auth::ApiKey {
            location: KeyLocation::Header,
            name: "X-API-Key".to_owned(),
            value: template("{{ api_key }}")?,
        }),
    };
    Ok(Chosen::Apply(set_auth(at, auth)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_starts_on_the_current_value_and_jumps_by_letter() {
        let options = ["GET", "POST", "PUT", "PATCH"].map(str::to_owned).to_vec();
        let mut choice = Choice::new("Method", options, "PUT", ChoicePurpose::Environment);
        assert_eq!(choice.value(), Some("PUT"));
        choice.jump('p');
        assert_eq!(choice.value(), Some("PATCH"));
        choice.jump('p');
        assert_eq!(choice.value(), Some("POST"));
        choice.step(-1);
        assert_eq!(choice.value(), Some("GET"));
    }

    #[test]
    fn j_and_k_move_even_where_an_entry_starts_with_them() {
        let keymap = Keymap::default();
        let press = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let options = ["none", "json", "text", "form", "multipart", "file"]
            .map(str::to_owned)
            .to_vec();
        let mut choice = Choice::new("Body", options, "none", ChoicePurpose::Environment);
        choice.key(press('j'), &keymap);
        choice.key(press('j'), &keymap);
        assert_eq!(choice.value(), Some("text"), "j moves down one entry at a time");
        choice.key(press('k'), &keymap);
        assert_eq!(choice.value(), Some("json"));
        choice.key(press('m'), &keymap);
        assert_eq!(choice.value(), Some("multipart"), "other letters still jump");
    }
}
