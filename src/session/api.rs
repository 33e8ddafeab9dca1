//! The OpenAPI description a collection names (`openapi: api.yaml`), read for the
//! checklist. A description can run to megabytes and the TUI rebuilds its workspace after
//! every edit, so what was read is kept, keyed by the file's path, length and modification
//! time: an unchanged file is parsed once per process, a changed one again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use crate::collection::{Collection, LoadError, LoadProblem};
use crate::diagnosis::api_description::ApiDescription;

/// A file's length and modification time: when either changes, it is read again.
type Stamp = (u64, Option<SystemTime>);

/// What was read, by path.
type Cache = Mutex<HashMap<PathBuf, (Stamp, Arc<ApiDescription>)>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

/// The description `collection` names, if it names one; one that cannot be read or does
/// not read as OpenAPI is reported in `errors` against the collection's file.
pub fn read(collection: &Collection, errors: &mut Vec<LoadError>) -> Option<Arc<ApiDescription>> {
    let named = collection.openapi.as_deref()?;
    let path = collection.base_dir().join(named);
    read_at(&path, named).map_or_else(
        |message| {
            errors.push(LoadError::whole_file(
                &collection.source,
                LoadProblem::Invalid(format!("openapi: {named}: {message}")),
            ));
            None
        },
        Some,
    )
}

fn read_at(path: &Path, named: &str) -> Result<Arc<ApiDescription>, String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot read it: {e}"))?;
    let stamp = (metadata.len(), metadata.modified().ok());
    let mut cache = cache().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((kept, description)) = cache.get(path)
        && *kept == stamp
    {
        return Ok(Arc::clone(description));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read it: {e}"))?;
    let description = Arc::new(crate::interop::openapi::outline(&text, named).map_err(|e| e.to_string())?);
    cache.insert(path.to_path_buf(), (stamp, Arc::clone(&description)));
    Ok(description)
}
