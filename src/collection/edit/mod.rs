//! Editing collection files without losing a byte.
//!
//! An edit is a semantic change ("set the URL of `Get me`"). It is carried out as text
//! splices on the file as written (see [`splice`]), located with the lossless yaml-edit tree,
//! so comments, key order, quoting, anchors and blank lines elsewhere stay exactly as they
//! were. Then the new text is loaded again and must equal the old model with the edit
//! applied ([`expected::after_edit`]); if it does not — an alias shared the value, a shape we do
//! not handle — the edit is refused with a reason and the text is left alone. There is no
//! fallback that re-serialises the file.

mod apply;
mod body;
mod by_kind;
mod change;
mod document;
mod error;
pub mod expected;
mod item;
mod locate;
pub mod rows;
pub mod scalar;
pub mod splice;
pub mod tree;
pub mod window;

pub use self::apply::apply;
pub use self::change::{Edit, ImportedRequest, ScalarField, Table, VarScope};
pub use self::document::{Applied, Document};
pub use self::error::{EditError, Layout, Missing};
pub use self::item::request_yaml;
pub use self::locate::{folder_location, request_location};
