//! A curl command pasted where a new request's name is asked for: the request it describes,
//! added whole (named from its URL's last segment, unique in its folder) and selected, with what
//! could not be imported said. Pasted where a request's URL is asked for, it becomes that
//! request: method, URL, query, headers, body and auth replaced, its name and the rest kept.
//! The same reading as `apibench import curl`.

use super::answer::{Answer, Then};
use crate::collection::RequestPath;
use crate::collection::edit::Edit;
use crate::session::{RequestId, Workspace};

/// Whether a new request's name is a curl command to import instead.
pub(super) fn is_curl(typed: &str) -> bool {
    let typed = typed.trim_start();
    typed.starts_with("curl ") || typed.starts_with("curl\t")
}

/// A new request from a pasted curl command: named from its URL's last segment (made unique in
/// its folder), added whole, then selected; what could not be imported is said.
pub(super) fn imported_answer(
    workspace: &Workspace,
    collection: usize,
    folder: &[String],
    command: &str,
) -> Result<Answer, String> {
    let imported = crate::interop::curl::import(command, None)
        .map_err(|e| format!("that curl command cannot be read: {e}"))?;
    let mut request = imported.request;
    let taken = |name: &str| {
        let mut path = folder.to_vec();
        path.push(name.to_owned());
        workspace
            .collections
            .get(collection)
            .is_some_and(|c| c.find(&RequestPath(path)).is_some())
    };
    request.name = crate::interop::body::unique_name(&request.name, taken);
    let mut path = folder.to_vec();
    path.push(request.name.clone());
    Ok(Answer::edits(
        collection,
        vec![Edit::AddImported {
            folder: folder.to_vec(),
            requests: vec![crate::collection::edit::ImportedRequest {
                request,
                comments: Vec::new(),
            }],
        }],
    )
    .then(Then::Imported {
        at: RequestId::new(collection, RequestPath(path)),
        unmapped: imported.unmapped,
    }))
}

/// The edits that make the request at `at` (now `current`) the one a pasted curl command
/// describes: its method, URL, query, headers, body, auth and the transport options the
/// command sets; its name, description, expectations and captures stay.
pub(super) fn replaced_answer(
    current: &crate::collection::Request,
    at: &RequestId,
    command: &str,
) -> Result<Answer, String> {
    use crate::collection::edit::{ScalarField, Table};
    let imported = crate::interop::curl::import(command, None)
        .map_err(|e| format!("that curl command cannot be read: {e}"))?;
    let new = imported.request;
    let request = || at.path.clone();
    let mut edits = vec![
        Edit::SetField {
            request: request(),
            field: ScalarField::Method,
            value: Some(new.method.clone()),
        },
        Edit::SetField {
            request: request(),
            field: ScalarField::Url,
            value: Some(new.url.as_str().to_owned()),
        },
    ];
    for (table, old, rows) in [
        (Table::Query, &current.query, &new.query),
        (Table::Headers, &current.headers, &new.headers),
    ] {
        // From the last, so each index still names its row.
        edits.extend((0..old.len()).rev().map(|index| Edit::RemoveRow {
            request: request(),
            table,
            index,
        }));
        edits.extend(rows.iter().map(|(name, value)| Edit::AddRow {
            request: request(),
            table,
            name: name.clone(),
            value: value.as_str().to_owned(),
        }));
    }
    edits.push(Edit::SetBody {
        request: request(),
        body: new.body.clone(),
    });
    edits.push(Edit::SetAuth {
        request: request(),
        auth: new.auth.clone(),
    });
    for (field, value) in [
        (ScalarField::FollowRedirects, new.options.follow_redirects),
        (ScalarField::InsecureTls, new.options.insecure_tls),
    ] {
        if let Some(value) = value {
            edits.push(Edit::SetField {
                request: request(),
                field,
                value: Some(value.to_string()),
            });
        }
    }
    Ok(Answer::edits(at.collection, edits).then(Then::Imported {
        at: at.clone(),
        unmapped: imported.unmapped,
    }))
}
