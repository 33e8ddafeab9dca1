//! Carrying out a choice from a list: method, body kind, auth kind, API key placement,
//! flags, the folder to move to.

use crate::collection::edit::{Edit, Field};
use crate::collection::{Auth, Body, KeyLocation, Part, RequestPath};
use crate::template::{JsonTemplate, Template};
use crate::tui::edit::dialog::{Choice, Form, Purpose, Target};
use crate::tui::edit::files;
use crate::tui::edit::submit::{close, request, select_request, set_auth, set_body};
use crate::tui::message::Effect;
use crate::tui::state::{App, Overlay};

/// An entry was chosen from a list.
pub fn choose(app: &mut App, choice: &Choice) -> Vec<Effect> {
    let Some(value) = choice.value().map(str::to_owned) else {
        close(app);
        return Vec::new();
    };
    close(app);
    let result = match &choice.purpose {
        Purpose::Environment => {
            app.environment = (choice.selected > 0).then_some(value);
            app.message = Some(match &app.environment {
                Some(e) => format!("environment: {e}"),
                None => "no environment".to_owned(),
            });
            Ok(())
        }
        Purpose::Method { at } => files::apply(
            app,
            at.collection,
            &[Edit::SetField {
                request: at.path.clone(),
                field: Field::Method,
                value: Some(value),
            }],
        ),
        Purpose::Flag { at, field } => files::apply(
            app,
            at.collection,
            &[Edit::SetField {
                request: at.path.clone(),
                field: *field,
                value: (value != "inherit").then_some(value),
            }],
        ),
        Purpose::BodyKind { at } => change_body_kind(app, at, &value),
        Purpose::AuthKind { at } => change_auth_kind(app, at, &value),
        Purpose::ApiKeyLocation { at } => match request(app, at).and_then(|r| r.auth) {
            Some(Auth::ApiKey { name, value: v, .. }) => set_auth(
                app,
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
            ),
            _ => Ok(()),
        },
        Purpose::MoveTo { at, folders } => {
            let Some(to) = folders.get(choice.selected).cloned() else {
                return Vec::new();
            };
            let name = at.path.0.last().cloned().unwrap_or_default();
            files::apply(
                app,
                at.collection,
                &[Edit::Move {
                    request: at.path.clone(),
                    to: to.clone(),
                }],
            )
            .map(|()| {
                let mut moved = to;
                moved.push(name);
                files::rekey(app, at.collection, &at.path.0, &moved);
                select_request(app, at.collection, &RequestPath(moved));
            })
        }
        _ => Ok(()),
    };
    if let Err(message) = result {
        app.message = Some(message);
    }
    Vec::new()
}

/// A new body kind, carrying over what can be carried: JSON text to a text body and back,
/// form rows to multipart parts.
fn change_body_kind(app: &mut App, at: &Target, kind: &str) -> Result<(), String> {
    let old = request(app, at).and_then(|r| r.body);
    if old.as_ref().map_or("none", Body::kind) == kind {
        return Ok(());
    }
    let content_type = old
        .as_ref()
        .and_then(|b| b.explicit_content_type().map(str::to_owned));
    let body = match kind {
        "none" => None,
        "json" => Some(Body::Json {
            value: JsonTemplate::parse(match &old {
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
        "text" => Some(Body::Text {
            text: match &old {
                Some(Body::Json { value, .. }) => crate::tui::edit::template(
                    &serde_json::to_string_pretty(value.value()).unwrap_or_default(),
                )?,
                _ => Template::default(),
            },
            content_type,
        }),
        "form" => Some(Body::Form(match &old {
            Some(Body::Multipart(parts)) => parts
                .iter()
                .filter_map(|p| match p {
                    Part::Value { name, value } => Some((name.clone(), value.clone())),
                    Part::File { .. } => None,
                })
                .collect(),
            _ => Vec::new(),
        })),
        "multipart" => Some(Body::Multipart(match &old {
            Some(Body::Form(rows)) => rows
                .iter()
                .map(|(name, value)| Part::Value {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
            _ => Vec::new(),
        })),
        "file" => {
            // A file body needs its path first.
            app.overlay = Overlay::Form(Box::new(
                Form::new(
                    "Body file",
                    vec![crate::tui::edit::dialog::Input::new("path", "", false)],
                    Purpose::BodyFile { at: at.clone() },
                )
                .with_note("relative to the collection file"),
            ));
            return Ok(());
        }
        _ => return Ok(()),
    };
    set_body(app, at, body)
}

fn change_auth_kind(app: &mut App, at: &Target, kind: &str) -> Result<(), String> {
    let old = request(app, at).and_then(|r| r.auth);
    if old.as_ref().map_or("inherit", Auth::kind) == kind {
        return Ok(());
    }
    let auth = match kind {
        "inherit" => None,
        "none" => Some(Auth::None),
        "bearer" => Some(Auth::Bearer(crate::tui::edit::template("{{ token }}")?)),
        "basic" => Some(Auth::Basic {
            username: Template::default(),
            password: Template::default(),
        }),
        "api_key" => Some(Auth::ApiKey {
            location: KeyLocation::Header,
            name: "X-API-Key".to_owned(),
            value: crate::tui::edit::template("{{ api_key }}")?,
        }),
        _ => return Ok(()),
    };
    set_auth(app, at, auth)
}
