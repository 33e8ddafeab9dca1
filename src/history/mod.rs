//! What apibench remembers: every exchange it finishes, in the serialized form scripts read
//! ([`record`]), kept in an embedded SQLite database.

pub mod record;

pub use record::{Attempt, ResultView};
