//! curl in and out: a request as the `curl` command that sends exactly it ([`command`]), and
//! a curl command line — from an API's docs, or copied from a browser's devtools for bash or
//! for Windows' cmd — read back into a request ([`import`]).

mod export;
mod import;
mod options;
mod words;

pub use export::command;
pub use import::{ImportError, Imported, import};
