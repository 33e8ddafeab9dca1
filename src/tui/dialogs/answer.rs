//! What a dialog's answer asks for: edits to one collection, and what follows once they
//! apply. Dialogs work it out from the workspace as it is; `update` carries it out, so a
//! dialog never touches the app.

use crate::collection::RequestPath;
use crate::collection::edit::{Edit, Table};
use crate::session::RequestId;
use crate::template::Template;

/// Edits to apply as one undo step, and what to do after.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub collection: usize,
    pub edits: Vec<Edit>,
    pub then: Then,
}

/// What follows edits that applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    Nothing,
    /// A request has a new path (renamed or moved): its state follows it and it is selected.
    /// Renamed, templates that still take its response by the old name are pointed out.
    RequestRenamed {
        from: RequestPath,
        to: RequestPath,
        moved: bool,
    },
    /// A folder has a new name: the state of the requests in it follows.
    FolderRenamed {
        from: Vec<String>,
        to: Vec<String>,
    },
    /// A request or folder is gone: its state is forgotten.
    Deleted {
        prefix: Vec<String>,
    },
    /// A row was added: the request pane's cursor goes to it.
    RowAdded {
        at: RequestId,
        table: Table,
    },
    /// A request was added: it is selected and its URL asked for.
    RequestAdded {
        at: RequestId,
    },
    /// A copy of a request was made: it is selected.
    Duplicated {
        at: RequestId,
    },
    /// A request came in from a curl command: it is selected, and what could not be
    /// imported is said.
    Imported {
        at: RequestId,
        unmapped: Vec<String>,
    },
}

/// Text typed into a dialog, as the template it must be to join the collection.
pub fn template(text: &str) -> Result<Template, String> {
    Template::parse(text).map_err(|e| format!("bad template: {e}"))
}

impl Answer {
    /// Edits with nothing to follow.
    pub fn edits(collection: usize, edits: Vec<Edit>) -> Self {
        Self {
            collection,
            edits,
            then: Then::Nothing,
        }
    }

    #[must_use]
    pub fn then(mut self, then: Then) -> Self {
        self.then = then;
        self
    }
}
