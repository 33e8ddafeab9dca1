//! `{{ }}` templates: parsing with spans, and rendering that records each value's origin.
//! A leaf: it knows nothing of collections; it owns the variable map they fill.
//!
//! ```text
//! "{{ base_url }}/v1/users/{{ user_id }}"
//!        │ parse (once, at load)          → Template { source, Literal | Expr{span} … }
//!        │ render in a Scope              → Rendered { text, uses: [Resolution{origin, nested}] }
//! ```

mod env;
mod expansion;
mod json;
mod parse;
mod render;

pub use env::{DotEnvError, SystemEnv, dotenv_key};
pub use expansion::{ExpansionLimit, MAX_DEPTH, MAX_RENDERED_BYTES, MAX_RESOLUTIONS};
pub use json::{JsonStep, JsonSyntaxError, JsonTemplate, json_value_template};
pub use parse::{BodyPath, Expr, Segment, Selector, SyntaxError, Template, is_variable_name};
pub use render::{
    EnvLookup, NoResponses, Origin, RenderError, Rendered, Resolution, ResponseLookup, ResponseView, Scope,
    Variables,
};
