//! Where a request or folder of the model is in the file: its YAML path, found through the
//! source map, for splices to aim at.

use super::error::{EditError, Missing};
use crate::collection::source_map::{YamlPath, request_locations};
use crate::collection::{Collection, Item, RequestPath};

/// The YAML path of a request in the file.
pub fn request_location(collection: &Collection, request: &RequestPath) -> Result<YamlPath, EditError> {
    request_locations(&collection.items)
        .into_iter()
        .find(|(p, _)| p == request)
        .map(|(_, y)| y)
        .ok_or_else(|| EditError::from(Missing::Request(request.clone())))
}

/// The YAML path of the `requests` sequence of a folder (the top level for an empty path),
/// and of the folder item itself.
pub fn folder_location(
    collection: &Collection,
    folder: &[String],
) -> Result<(YamlPath, Option<YamlPath>), EditError> {
    let mut items = &collection.items;
    let mut seq = YamlPath::default().key("requests");
    let mut item_path = None;
    for name in folder {
        let (index, found) = items
            .iter()
            .enumerate()
            .find_map(|(i, item)| match item {
                Item::Folder(f) if &f.name == name => Some((i, f)),
                _ => None,
            })
            .ok_or_else(|| EditError::from(Missing::Folder(folder.join("/"))))?;
        let here = seq.index(index);
        seq = here.key("requests");
        item_path = Some(here);
        items = &found.items;
    }
    Ok((seq, item_path))
}
