//! Collections: the model, and loading YAML files into it with located errors.

pub mod edit;
mod expect;
mod load;
mod model;
mod raw;
pub mod schema;
pub mod source_map;
pub mod store;
pub mod watch;

pub use load::{
    LoadError, LoadProblem, Loaded, MAX_NESTING, collection_files, load_file, load_path, parse_collection,
    parse_expect, too_deep, too_deep_within,
};
pub use model::*;
