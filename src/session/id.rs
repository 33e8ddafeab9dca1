//! Naming a request of the workspace: which collection, and its path there.

use std::fmt;

use crate::collection::RequestPath;

/// A request of the workspace. Collections keep their position in the workspace for as long
/// as it is open (a reloaded file replaces its collection in place), so the position names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId {
    pub collection: usize,
    pub path: RequestPath,
}

impl RequestId {
    pub fn new(collection: usize, path: RequestPath) -> Self {
        Self { collection, path }
    }

    /// Whether this request is `folder` or inside it (a path prefix) in `collection`.
    pub fn is_within(&self, collection: usize, folder: &[String]) -> bool {
        self.collection == collection && self.path.0.starts_with(folder)
    }
}

/// The path, as templates and the CLI write it (`Admin/Delete user`).
impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)
    }
}
