//! The first pass of loading: serde reads the text into the raw shape, noting the keys it
//! skips. Shared by reading a file whole and reading it in pieces.

use super::super::raw::RawCollection;

/// Reads a whole document as a raw collection, noting the unknown keys `serde_ignored` skips
/// (as dotted paths).
pub(super) fn read_raw(text: &str) -> Result<(RawCollection, Vec<String>), serde_yaml::Error> {
    let mut ignored: Vec<String> = Vec::new();
    let mut note = |path: serde_ignored::Path<'_>| ignored.push(path.to_string());
    let raw = serde_ignored::deserialize(serde_yaml::Deserializer::from_str(text), &mut note)?;
    Ok((raw, ignored))
}
