//! What an edit is: one semantic change to a collection ("set the URL of `Get me`"), named
//! by the request, row or variable it applies to.

use crate::collection::{Auth, Body, Expect, Request, RequestPath};
use crate::template::Template;

/// A scalar field of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarField {
    Name,
    Method,
    Url,
    Description,
    Timeout,
    ConnectTimeout,
    FollowRedirects,
    InsecureTls,
    MaxBody,
}

impl ScalarField {
    pub fn key(self) -> &'static str {
        match self {
            ScalarField::Name => "name",
            ScalarField::Method => "method",
            ScalarField::Url => "url",
            ScalarField::Description => "description",
            ScalarField::Timeout => "timeout",
            ScalarField::ConnectTimeout => "connect_timeout",
            ScalarField::FollowRedirects => "follow_redirects",
            ScalarField::InsecureTls => "insecure_tls",
            ScalarField::MaxBody => "max_body",
        }
    }

    /// Booleans are written bare, not as strings.
    pub(super) fn is_bool(self) -> bool {
        matches!(self, ScalarField::FollowRedirects | ScalarField::InsecureTls)
    }
}

/// A table of name/value rows in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Query,
    Headers,
    /// The rows of a form body.
    Form,
}

impl Table {
    /// The rows of this table in `request` (none for `Form` when the body is not a form).
    pub fn rows(self, request: &Request) -> &[(String, Template)] {
        match (self, &request.body) {
            (Table::Query, _) => &request.query,
            (Table::Headers, _) => &request.headers,
            (Table::Form, Some(Body::Form(rows))) => rows,
            (Table::Form, _) => &[],
        }
    }

    /// The table as a person names it: "query parameter", "header", "form field".
    pub fn noun(self) -> &'static str {
        match self {
            Table::Query => "query parameter",
            Table::Headers => "header",
            Table::Form => "form field",
        }
    }

    /// Whether a row of this table named `name` holds a credential.
    pub fn is_secret(self, name: &str) -> bool {
        match self {
            Table::Headers => crate::secrets::is_secret_header(name),
            Table::Query | Table::Form => crate::secrets::is_secret_param(name),
        }
    }
}

/// Where variables live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VarScope {
    Collection,
    Environment(String),
    Request(RequestPath),
}

/// A request an import adds, and the lines kept as YAML comments under its name (scripts
/// the source tool ran, which apibench cannot).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRequest {
    pub request: Request,
    pub comments: Vec<String>,
}

/// One change to a collection.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// `None` removes the field.
    SetField {
        request: RequestPath,
        field: ScalarField,
        value: Option<String>,
    },
    SetRow {
        request: RequestPath,
        table: Table,
        index: usize,
        name: String,
        value: String,
    },
    AddRow {
        request: RequestPath,
        table: Table,
        name: String,
        value: String,
    },
    RemoveRow {
        request: RequestPath,
        table: Table,
        index: usize,
    },
    /// Comments the row out: it stays in the file but is not sent.
    DisableRow {
        request: RequestPath,
        table: Table,
        index: usize,
    },
    /// Puts a commented-out row back; `line_start` and `position` come from
    /// [`super::rows::disabled_rows`].
    EnableRow {
        request: RequestPath,
        table: Table,
        line_start: usize,
        position: usize,
        name: String,
        value: String,
    },
    /// Deletes a commented-out row's line.
    DropDisabledRow {
        request: RequestPath,
        table: Table,
        line_start: usize,
    },
    SetBody {
        request: RequestPath,
        body: Option<Body>,
    },
    SetAuth {
        request: RequestPath,
        auth: Option<Auth>,
    },
    /// Writes the request's `expect:` block (as [`Expect::to_yaml`] says it), or removes it.
    SetExpect {
        request: RequestPath,
        /// Boxed: expectations are large beside the other edits.
        expect: Option<Box<Expect>>,
    },
    AddRequest {
        folder: Vec<String>,
        name: String,
    },
    /// Adds whole requests that came from elsewhere (an import), in order, at the end of
    /// `folder`: one edit for any number of them, so an import of thousands writes and
    /// checks the file once per folder.
    AddImported {
        folder: Vec<String>,
        requests: Vec<ImportedRequest>,
    },
    AddFolder {
        parent: Vec<String>,
        name: String,
    },
    Duplicate {
        request: RequestPath,
        name: String,
    },
    Delete {
        request: RequestPath,
    },
    DeleteFolder {
        folder: Vec<String>,
    },
    RenameFolder {
        folder: Vec<String>,
        name: String,
    },
    Move {
        request: RequestPath,
        to: Vec<String>,
    },
    SetVariable {
        scope: VarScope,
        name: String,
        value: Option<String>,
    },
    /// Renames a variable where it stands, keeping its value, position and comments.
    RenameVariable {
        scope: VarScope,
        from: String,
        to: String,
    },
    AddEnvironment {
        name: String,
    },
    RemoveEnvironment {
        name: String,
    },
}

/// Matches the edits that change only one request's contents, binding that request's path
/// (by reference or mutably, as the edit is borrowed): one list for both borrows.
macro_rules! one_requests_contents {
    ($edit:expr, $request:ident => $found:expr) => {
        match $edit {
            Edit::SetField {
                request: $request, ..
            }
            | Edit::SetRow {
                request: $request, ..
            }
            | Edit::AddRow {
                request: $request, ..
            }
            | Edit::RemoveRow {
                request: $request, ..
            }
            | Edit::DisableRow {
                request: $request, ..
            }
            | Edit::EnableRow {
                request: $request, ..
            }
            | Edit::DropDisabledRow {
                request: $request, ..
            }
            | Edit::SetBody {
                request: $request, ..
            }
            | Edit::SetAuth {
                request: $request, ..
            }
            | Edit::SetExpect {
                request: $request, ..
            }
            | Edit::SetVariable {
                scope: VarScope::Request($request),
                ..
            }
            | Edit::RenameVariable {
                scope: VarScope::Request($request),
                ..
            } => $found,
            _ => None,
        }
    };
}

impl Edit {
    /// The request this edit changes the contents of (a field, rows, body, auth,
    /// expectations or its own variables) and nothing else, if it is such an edit.
    pub fn request_changed(&self) -> Option<&RequestPath> {
        one_requests_contents!(self, request => Some(request))
    }

    /// [`Self::request_changed`], to point the edit at another request.
    pub fn request_changed_mut(&mut self) -> Option<&mut RequestPath> {
        one_requests_contents!(self, request => Some(request))
    }

    /// What the edit does, in a few words, for "undone: …": never a value (it may be a
    /// secret), only what was changed where.
    pub fn describe(&self) -> String {
        let scope = |scope: &VarScope| match scope {
            VarScope::Collection => "the collection's variable".to_owned(),
            VarScope::Environment(env) => format!("{env}'s variable"),
            VarScope::Request(path) => format!("{path}'s variable"),
        };
        match self {
            Edit::SetField { request, field, .. } => format!("{} of {request}", field.key()),
            Edit::SetRow {
                request, table, name, ..
            } => format!("{} {name} of {request}", table.noun()),
            Edit::AddRow {
                request, table, name, ..
            } => format!("adding {} {name} to {request}", table.noun()),
            Edit::RemoveRow { request, table, .. } => format!("removing a {} of {request}", table.noun()),
            Edit::DisableRow { request, table, .. } => {
                format!("switching off a {} of {request}", table.noun())
            }
            Edit::EnableRow {
                request, table, name, ..
            } => {
                format!("switching {} {name} of {request} back on", table.noun())
            }
            Edit::DropDisabledRow { request, table, .. } => {
                format!("deleting a switched-off {} of {request}", table.noun())
            }
            Edit::SetBody { request, .. } => format!("the body of {request}"),
            Edit::SetAuth { request, .. } => format!("the auth of {request}"),
            Edit::SetExpect { request, .. } => format!("the expectations of {request}"),
            Edit::AddRequest { name, .. } => format!("adding the request {name}"),
            Edit::AddImported { requests, .. } => match requests.as_slice() {
                [one] => format!("adding the imported request {}", one.request.name),
                many => format!("adding {} imported requests", many.len()),
            },
            Edit::AddFolder { name, .. } => format!("adding the folder {name}"),
            Edit::Duplicate { request, name } => format!("duplicating {request} as {name}"),
            Edit::Delete { request } => format!("deleting {request}"),
            Edit::DeleteFolder { folder } => format!("deleting the folder {}", folder.join("/")),
            Edit::RenameFolder { folder, name } => {
                format!("renaming the folder {} to {name}", folder.join("/"))
            }
            Edit::Move { request, to } => format!(
                "moving {request} to {}",
                if to.is_empty() {
                    "the top".to_owned()
                } else {
                    to.join("/")
                }
            ),
            Edit::SetVariable { scope: s, name, .. } => format!("{} {name}", scope(s)),
            Edit::RenameVariable { scope: s, from, to } => format!("renaming {} {from} to {to}", scope(s)),
            Edit::AddEnvironment { name } => format!("adding the environment {name}"),
            Edit::RemoveEnvironment { name } => format!("removing the environment {name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Table;

    #[test]
    fn a_row_is_secret_by_its_table_and_name() {
        assert!(Table::Headers.is_secret("Authorization"));
        assert!(
            Table::Form.is_secret("password"),
            "form rows are judged like query rows"
        );
        assert!(Table::Query.is_secret("api_key"));
        assert!(!Table::Query.is_secret("page"));
        // `auth` is a credential in a query string, not as a header name.
        assert!(Table::Query.is_secret("auth") && !Table::Headers.is_secret("auth"));
    }
}
