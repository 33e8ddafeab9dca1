//! The edits a form's answer stands for, field by field — a scalar, a row, a multipart part,
//! the auth, a variable — checked against the request as it is now, so an answer typed over
//! a file that changed meanwhile lands where it was meant or is refused with why.

use super::answer::{Answer, Then, template};
use crate::collection::edit::{Edit, ScalarField, Table, VarScope};
use crate::collection::{Auth, Body, Part, Request, RequestPath};
use crate::session::{RequestId, Workspace};

/// Which part of an auth helper a field edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthPart {
    Token,
    Username,
    Password,
    KeyName,
    KeyValue,
}

impl AuthPart {
    /// The field's name, as the collection format spells it.
    pub fn label(self) -> &'static str {
        match self {
            AuthPart::Token => "token",
            AuthPart::Username => "username",
            AuthPart::Password => "password",
            AuthPart::KeyName => "name",
            AuthPart::KeyValue => "value",
        }
    }

    /// Whether the field holds the credential itself.
    pub fn is_secret(self) -> bool {
        matches!(self, AuthPart::Token | AuthPart::Password | AuthPart::KeyValue)
    }
}

/// Why an edit opened on a row cannot land: the file was reloaded and the row is gone.
const ROW_GONE: &str = "that row changed on disk while you were editing it; esc, then edit it again";

pub fn set_body(at: &RequestId, body: Option<Body>) -> Answer {
    Answer::edits(
        at.collection,
        vec![Edit::SetBody {
            request: at.path.clone(),
            body,
        }],
    )
}

pub fn field_answer(at: &RequestId, field: ScalarField, value: &str) -> Result<Answer, String> {
    let value = value.trim();
    let required = matches!(field, ScalarField::Name | ScalarField::Url | ScalarField::Method);
    if required && field != ScalarField::Url && value.is_empty() {
        return Err(format!("the {} cannot be empty", field.key()));
    }
    // A method is an RFC 9110 token (§9.1, §5.6.2).
    let tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if field == ScalarField::Method && !value.chars().all(tchar) {
        return Err("a method is one token: letters, digits and !#$%&'*+-.^_`|~".to_owned());
    }
    let answer = Answer::edits(
        at.collection,
        vec![Edit::SetField {
            request: at.path.clone(),
            field,
            value: (required || !value.is_empty()).then(|| value.to_owned()),
        }],
    );
    if field != ScalarField::Name {
        return Ok(answer);
    }
    let mut renamed = at.path.0[..at.path.0.len().saturating_sub(1)].to_vec();
    renamed.push(value.to_owned());
    Ok(answer.then(Then::RequestRenamed {
        from: at.path.clone(),
        to: RequestPath(renamed),
        moved: false,
    }))
}

/// Where `was` is now: at its old index if it is still there, else wherever it moved.
fn relocate<T: PartialEq>(items: &[T], (index, was): (usize, &T)) -> Option<usize> {
    if items.get(index) == Some(was) {
        return Some(index);
    }
    items.iter().position(|item| item == was)
}

pub fn row_answer(
    request: Option<&Request>,
    at: &RequestId,
    table: Table,
    was: Option<&(usize, (String, String))>,
    name: &str,
    value: &str,
) -> Result<Answer, String> {
    if name.is_empty() {
        return Err("a row needs a name".to_owned());
    }
    let (edit, then) = match was {
        Some((index, row)) => {
            let current: Vec<(String, String)> = request
                .map(|r| {
                    table
                        .rows(r)
                        .iter()
                        .map(|(name, value)| (name.clone(), value.to_string()))
                        .collect()
                })
                .unwrap_or_default();
            let index = relocate(&current, (*index, row)).ok_or_else(|| ROW_GONE.to_owned())?;
            let edit = Edit::SetRow {
                request: at.path.clone(),
                table,
                index,
                name: name.to_owned(),
                value: value.to_owned(),
            };
            (edit, Then::Nothing)
        }
        None => (
            Edit::AddRow {
                request: at.path.clone(),
                table,
                name: name.to_owned(),
                value: value.to_owned(),
            },
            Then::RowAdded {
                at: at.clone(),
                table,
            },
        ),
    };
    Ok(Answer::edits(at.collection, vec![edit]).then(then))
}

pub fn part_answer(
    request: Option<Request>,
    at: &RequestId,
    was: Option<&(usize, Part)>,
    name: &str,
    value: &str,
) -> Result<Answer, String> {
    if name.is_empty() {
        return Err("a part needs a name".to_owned());
    }
    let Some(Body::Multipart(mut parts)) = request.and_then(|r| r.body) else {
        return Err("the body is no longer multipart".to_owned());
    };
    let index = match was {
        Some((index, part)) => Some(relocate(&parts, (*index, part)).ok_or_else(|| ROW_GONE.to_owned())?),
        None => None,
    };
    let part = match index.and_then(|i| parts.get(i)) {
        Some(Part::File { content_type, .. }) => Part::File {
            name: name.to_owned(),
            path: template(value)?,
            content_type: content_type.clone(),
        },
        _ => Part::Value {
            name: name.to_owned(),
            value: template(value)?,
        },
    };
    match index {
        Some(i) if i < parts.len() => parts[i] = part,
        _ => parts.push(part),
    }
    Ok(set_body(at, Some(Body::Multipart(parts))))
}

pub fn auth_answer(auth: Option<Auth>, at: &RequestId, part: AuthPart, text: &str) -> Result<Answer, String> {
    let value = || template(text);
    let auth = match (auth, part) {
        (Some(Auth::Bearer(_)), AuthPart::Token) => Auth::Bearer(value()?),
        (Some(Auth::Basic { password, .. }), AuthPart::Username) => Auth::Basic {
            username: value()?,
            password,
        },
        (Some(Auth::Basic { username, .. }), AuthPart::Password) => Auth::Basic {
            username,
            password: value()?,
        },
        (
            Some(Auth::ApiKey {
                location, value: v, ..
            }),
            AuthPart::KeyName,
        ) => Auth::ApiKey {
            location,
            name: text.to_owned(),
            value: v,
        },
        (Some(Auth::ApiKey { location, name, .. }), AuthPart::KeyValue) => Auth::ApiKey {
            location,
            name,
            value: value()?,
        },
        _ => return Err("the auth kind changed; choose the field again".to_owned()),
    };
    Ok(set_auth(at, Some(auth)))
}

/// The answer setting a request's auth.
pub fn set_auth(at: &RequestId, auth: Option<Auth>) -> Answer {
    Answer::edits(
        at.collection,
        vec![Edit::SetAuth {
            request: at.path.clone(),
            auth,
        }],
    )
}

pub fn variable_answer(
    workspace: &Workspace,
    collection: usize,
    scope: &VarScope,
    old: Option<&str>,
    name: &str,
    value: &str,
) -> Result<Answer, String> {
    if name.is_empty() {
        return Err("a variable needs a name".to_owned());
    }
    let taken = workspace
        .collections
        .get(collection)
        .is_some_and(|c| match scope {
            VarScope::Collection => c.variables.contains_key(name),
            VarScope::Environment(env) => c.environments.get(env).is_some_and(|v| v.contains_key(name)),
            VarScope::Request(path) => c.find(path).is_some_and(|r| r.variables.contains_key(name)),
        });
    if taken && old != Some(name) {
        return Err(format!(
            "there is already a variable `{name}` here; edit that one instead"
        ));
    }
    let mut edits = Vec::new();
    if let Some(old) = old.filter(|o| *o != name) {
        edits.push(Edit::RenameVariable {
            scope: scope.clone(),
            from: old.to_owned(),
            to: name.to_owned(),
        });
    }
    edits.push(Edit::SetVariable {
        scope: scope.clone(),
        name: name.to_owned(),
        value: Some(value.to_owned()),
    });
    Ok(Answer::edits(collection, edits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_renamed_request_follows_its_new_name_and_an_empty_name_is_refused() {
        let at = RequestId::new(0, RequestPath::parse("Auth/Log in"));
        let answer = field_answer(&at, ScalarField::Name, " Sign in ").unwrap();
        assert_eq!(
            answer.then,
            Then::RequestRenamed {
                from: at.path.clone(),
                to: RequestPath::parse("Auth/Sign in"),
                moved: false
            }
        );
        assert_eq!(
            field_answer(&at, ScalarField::Name, " ").unwrap_err(),
            "the name cannot be empty"
        );
    }
}
