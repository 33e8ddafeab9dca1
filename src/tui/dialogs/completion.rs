//! Completion while typing in a form: after `{{ ` the variables in scope (with their values
//! as written, secrets masked); in a header's name the common header names; in its value the
//! usual values for that header (media types for `Content-Type` and `Accept`, schemes for
//! `Authorization`). And the other way round: a `{{ name }}` nothing defines is named as it is
//! typed, not when the request is sent. Pure functions of the text before the cursor.

/// The names a template can use where the form edits, and what each holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    /// `(name, value as written, masked when the name is a secret's)`, in scope order.
    pub variables: Vec<(String, String)>,
}

/// What the focused field holds, for what to offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    HeaderName,
    HeaderValue { header: String },
    Other,
}

/// One thing to insert, and how the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Replaces the text from `Completion::from` to the cursor.
    pub insert: String,
    pub label: String,
    /// Dim, after the label: a variable's value, a header's use.
    pub detail: String,
}

/// What to offer at the cursor, and which one tab takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    /// Where the partial word starts (a char index into the field's text).
    pub from: usize,
    pub suggestions: Vec<Suggestion>,
    pub pick: usize,
}

/// What a key did to the offered list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offered {
    /// Tab: put the picked suggestion in place.
    Take,
    /// Moved the pick, or closed the list (esc).
    Handled,
}

impl Completion {
    /// The keys of an open list: tab takes, ctrl-n/ctrl-p (and the arrows, where they do
    /// not move a cursor between lines) pick, esc closes it. `None`: not a key for the list.
    pub fn key(&mut self, key: &crossterm::event::KeyEvent, arrows: bool) -> Option<Offered> {
        use crossterm::event::{KeyCode, KeyModifiers};
        let shown = self.suggestions.len();
        if shown == 0 {
            return None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let step = match key.code {
            KeyCode::Tab => return Some(Offered::Take),
            KeyCode::Esc => {
                *self = Completion::default();
                return Some(Offered::Handled);
            }
            KeyCode::Char('n') if ctrl => 1,
            KeyCode::Down if arrows => 1,
            KeyCode::Char('p') if ctrl => shown - 1,
            KeyCode::Up if arrows => shown - 1,
            _ => return None,
        };
        self.pick = (self.pick + step) % shown;
        Some(Offered::Handled)
    }

    /// The suggestion tab would take.
    pub fn picked(&self) -> Option<&Suggestion> {
        self.suggestions.get(self.pick)
    }
}

/// Headers people set by hand, with what they are for.
const HEADERS: &[(&str, &str)] = &[
    ("Accept", "the media types you want back"),
    ("Accept-Encoding", "compressions you take"),
    ("Accept-Language", "languages you prefer"),
    ("Authorization", "credentials: Bearer, Basic, …"),
    ("Cache-Control", "caching directives"),
    ("Content-Type", "the body's media type"),
    ("Cookie", "cookies to send"),
    ("If-Match", "only if the ETag still matches"),
    ("If-None-Match", "only if the ETag changed"),
    ("Idempotency-Key", "a retry-safe key for a POST"),
    ("Origin", "the page's origin (CORS)"),
    ("Prefer", "preferences such as return=minimal"),
    ("Range", "part of the body"),
    ("User-Agent", "the client's name"),
    ("X-API-Key", "an API key"),
    ("X-Request-Id", "an id to trace the request"),
];

const MEDIA_TYPES: &[&str] = &[
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "text/plain",
    "application/xml",
    "application/x-ndjson",
    "application/merge-patch+json",
    "application/json-patch+json",
    "application/problem+json",
    "application/octet-stream",
    "text/csv",
    "*/*",
];

const SCHEMES: &[&str] = &["Bearer ", "Basic ", "Token ", "Digest ", "ApiKey "];

/// What to offer for a field whose text before the cursor is `before`: names that start
/// with what was typed first, then those that contain it.
pub fn complete(before: &str, kind: &FieldKind, vocabulary: &Vocabulary) -> Completion {
    let mut completion = offered(before, kind, vocabulary);
    let typed: String = before.chars().skip(completion.from).collect();
    let typed = typed.trim_start_matches("{{").trim().to_ascii_lowercase();
    completion
        .suggestions
        .sort_by_key(|s| !s.label.to_ascii_lowercase().starts_with(&typed));
    completion
}

fn offered(before: &str, kind: &FieldKind, vocabulary: &Vocabulary) -> Completion {
    // Inside an open `{{`: the variables in scope.
    if let Some(open) = before.rfind("{{")
        && !before[open..].contains("}}")
    {
        let typed = before[open + 2..].trim_start();
        let from = before[..open].chars().count();
        let suggestions = vocabulary
            .variables
            .iter()
            .filter(|(name, _)| matches_prefix(name, typed))
            .map(|(name, value)| Suggestion {
                insert: format!("{{{{ {name} }}}}"),
                label: name.clone(),
                detail: value.clone(),
            })
            .chain(
                ["env.", "response."]
                    .into_iter()
                    .filter(|p| matches_prefix(p, typed))
                    .map(|p| Suggestion {
                        insert: format!("{{{{ {p}"),
                        label: p.to_owned(),
                        detail: if p == "env." {
                            "a process environment variable".to_owned()
                        } else {
                            "a value from another request's response".to_owned()
                        },
                    }),
            )
            .collect();
        return Completion {
            from,
            suggestions,
            pick: 0,
        };
    }
    let word_start = |text: &str| text.rfind([',', ' ']).map_or(0, |i| i + 1);
    match kind {
        // A name typed in full is done: tab goes on to the value.
        FieldKind::HeaderName if HEADERS.iter().any(|(name, _)| name.eq_ignore_ascii_case(before)) => {
            Completion::default()
        }
        FieldKind::HeaderName => Completion {
            from: 0,
            pick: 0,
            suggestions: HEADERS
                .iter()
                .filter(|(name, _)| {
                    !before.is_empty() && matches_prefix(name, before) && !name.eq_ignore_ascii_case(before)
                })
                .map(|(name, what)| Suggestion {
                    insert: (*name).to_owned(),
                    label: (*name).to_owned(),
                    detail: (*what).to_owned(),
                })
                .collect(),
        },
        FieldKind::HeaderValue { header } => {
            let header = header.to_ascii_lowercase();
            // `from` is a byte offset into `before` here; the completion counts characters.
            let (from, values): (usize, &[&str]) = match header.as_str() {
                "content-type" | "accept" => (word_start(before), MEDIA_TYPES),
                "authorization" if !before.contains(' ') => (0, SCHEMES),
                _ => (0, &[]),
            };
            let typed = &before[from..];
            Completion {
                from: before[..from].chars().count(),
                pick: 0,
                suggestions: values
                    .iter()
                    .filter(|v| matches_prefix(v, typed) && !v.trim().eq_ignore_ascii_case(typed.trim()))
                    .map(|v| Suggestion {
                        insert: (*v).to_owned(),
                        label: v.trim_end().to_owned(),
                        detail: String::new(),
                    })
                    .collect(),
            }
        }
        FieldKind::Other => Completion::default(),
    }
}

/// Whether the cursor sits inside a word or an open template (`{{ base|_url }}`): then
/// nothing is offered, so tab does not write a second template into the first.
pub fn inside_a_word(after: &str) -> bool {
    after
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
        || after.trim_start().starts_with("}}")
}

/// The variables `text` uses that nothing in scope defines (`env.` and `response.` are
/// always known: they are looked up when sent).
pub fn unknown_variables(text: &str, vocabulary: &Vocabulary) -> Vec<String> {
    let Ok(template) = crate::template::Template::parse(text) else {
        return Vec::new();
    };
    template
        .parts()
        .iter()
        .filter_map(|part| match part {
            crate::template::Segment::Expr {
                expr: crate::template::Expr::Var(name),
                ..
            } if !vocabulary.variables.iter().any(|(known, _)| known == name) => Some(name.clone()),
            _ => None,
        })
        .collect()
}

/// Case-insensitive prefix, or the typed text anywhere in a longer name.
fn matches_prefix(candidate: &str, typed: &str) -> bool {
    let (candidate, typed) = (candidate.to_ascii_lowercase(), typed.trim().to_ascii_lowercase());
    typed.is_empty() || candidate.starts_with(&typed) || (typed.len() >= 2 && candidate.contains(&typed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary {
            variables: vec![
                ("base_url".into(), "https://api.example.com".into()),
                ("token".into(), "****".into()),
                ("user_id".into(), "42".into()),
            ],
        }
    }

    #[test]
    fn an_open_template_offers_the_variables_in_scope_with_their_values() {
        let c = complete("{{ base_url }}/users/{{ us", &FieldKind::Other, &vocabulary());
        assert_eq!(c.from, "{{ base_url }}/users/".chars().count());
        assert_eq!(c.suggestions[0].insert, "{{ user_id }}");
        assert_eq!(c.suggestions[0].detail, "42");
        let c = complete("Bearer {{ ", &FieldKind::Other, &vocabulary());
        let names: Vec<&str> = c.suggestions.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(names, ["base_url", "token", "user_id", "env.", "response."]);
        assert_eq!(c.suggestions[1].detail, "****", "secrets stay masked");
        assert!(
            complete("{{ a }} done", &FieldKind::Other, &vocabulary())
                .suggestions
                .is_empty()
        );
    }

    #[test]
    fn header_names_and_their_usual_values_are_offered() {
        let c = complete("cont", &FieldKind::HeaderName, &vocabulary());
        assert_eq!(c.suggestions[0].insert, "Content-Type");
        let value = FieldKind::HeaderValue {
            header: "Content-Type".into(),
        };
        let c = complete("application/j", &value, &vocabulary());
        assert_eq!(c.suggestions[0].insert, "application/json");
        let c = complete(
            "",
            &FieldKind::HeaderValue {
                header: "authorization".into(),
            },
            &vocabulary(),
        );
        assert_eq!(c.suggestions[0].insert, "Bearer ");
        let c = complete(
            "text/plain, app",
            &FieldKind::HeaderValue {
                header: "Accept".into(),
            },
            &vocabulary(),
        );
        assert_eq!(c.from, "text/plain, ".chars().count());
    }

    #[test]
    fn a_name_typed_in_full_or_a_cursor_inside_a_word_offers_nothing() {
        assert!(
            complete("accept", &FieldKind::HeaderName, &vocabulary())
                .suggestions
                .is_empty()
        );
        assert!(inside_a_word("_url }}"));
        assert!(inside_a_word(" }}"));
        assert!(!inside_a_word(""));
        assert!(!inside_a_word(" /v1"));
    }

    #[test]
    fn an_open_list_takes_tab_picks_with_ctrl_n_and_the_arrows_only_where_asked() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
        let mut c = complete("{{ ", &FieldKind::Other, &vocabulary());
        assert_eq!(
            c.key(&key(KeyCode::Down), false),
            None,
            "the arrows move the text cursor"
        );
        assert_eq!(c.key(&key(KeyCode::Down), true), Some(Offered::Handled));
        assert_eq!(c.picked().map(|s| s.label.as_str()), Some("token"));
        let ctrl_p = KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL);
        c.key(&ctrl_p, false);
        c.key(&ctrl_p, false);
        assert_eq!(
            c.picked().map(|s| s.label.as_str()),
            Some("response."),
            "wraps round"
        );
        assert_eq!(c.key(&key(KeyCode::Tab), false), Some(Offered::Take));
        assert_eq!(c.key(&key(KeyCode::Esc), false), Some(Offered::Handled));
        assert!(c.suggestions.is_empty());
        assert_eq!(
            c.key(&key(KeyCode::Tab), false),
            None,
            "a closed list leaves tab alone"
        );
    }

    #[test]
    fn a_variable_nothing_defines_is_named() {
        assert_eq!(
            unknown_variables("{{ base_url }}/{{ usr_id }}/{{ env.HOME }}", &vocabulary()),
            ["usr_id"]
        );
    }
}
