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
    LoadError, LoadProblem, Loaded, collection_files, load_file, load_path, parse_collection, parse_expect,
};
pub use model::*;
