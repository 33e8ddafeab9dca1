//! Collection files: loading (right and broken, and damaged at random) and format-preserving
//! editing.

mod broken_files;
mod edit;
mod load;
mod load_props;
