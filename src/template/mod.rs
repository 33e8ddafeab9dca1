//! `{{ }}` templates: parsing with spans, and rendering that records each value's origin.
//!
//! ```text
//! "{{ base_url }}/v1/users/{{ user_id }}"
//!        │ parse                          → Template { Literal | Expr{span} … }
//!        │ render in a Scope              → Rendered { text, uses: [Resolution{origin, nested}] }
//! ```

mod env;
mod parse;
mod render;

pub use env::{DotEnvError, SystemEnv};
pub use parse::{BodyPath, Expr, Segment, Selector, SyntaxError, Template};
pub use render::{
    EnvLookup, NoResponses, Origin, RenderError, Rendered, Resolution, ResponseLookup, ResponseView, Scope,
};
