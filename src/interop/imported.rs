//! What an import brings, whatever the format it came from: requests placed in folders
//! (with comments kept beside them for what cannot run here), the collection's variables,
//! environments, and what could not be mapped, said once each. The command that writes an
//! import into a collection reads only this, so every format is written the same way.

use crate::collection::Request;

/// Variables as a format brings them: name and template source (`{{ token }}`), in order.
pub type Variables = Vec<(String, String)>;

/// One request and where it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Folder path under the import's folder (`["Users", "Admin"]`); empty for the top.
    pub folder: Vec<String>,
    pub request: Request,
    /// Lines kept as YAML comments at the end of the request (a script, a test).
    pub comments: Vec<String>,
}

impl Placed {
    pub fn new(folder: Vec<String>, request: Request) -> Self {
        Self {
            folder,
            request,
            comments: Vec::new(),
        }
    }
}

/// Everything one source brings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    pub requests: Vec<Placed>,
    /// The collection's own variables.
    pub variables: Variables,
    /// Environments by name, each with its variables.
    pub environments: Vec<(String, Variables)>,
    /// What could not be imported or mapped, one line each (`"Get user": the pre-request
    /// script cannot run here; kept as a comment`).
    pub unmapped: Vec<String>,
    /// The collection's name in the tool it came from (`Shop API`), for a new file.
    pub name: Option<String>,
}
