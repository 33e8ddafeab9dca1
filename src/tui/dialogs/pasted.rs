//! A curl command pasted where a new request's name is asked for: the request it describes,
//! added whole (named from its URL's last segment, unique in its folder) and selected, with what
//! could not be imported said. The same reading as `apibench import curl`.

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
            request: Box::new(request),
            comments: Vec::new(),
        }],
    )
    .then(Then::Imported {
        at: RequestId::new(collection, RequestPath(path)),
        unmapped: imported.unmapped,
    }))
}
