//! Request-side checks (docs/checks.md, `R.*`): what is wrong with the request itself,
//! whatever the server answered. After an error they join the checklist when they fail;
//! status-specific checks that ask the same question take their place.

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::request;
use crate::diagnosis::facts::Facts;
use crate::request::PrepareError;
use crate::template::RenderError;

mod auth;
mod body;
mod redirects;
mod stringified;
mod wire;

use auth::{auth_malformed, auth_variable_empty, key_in_query};
use body::{body_on_bodyless_method, content_type_missing, number_precision};
use redirects::{redirect_body_origin, redirect_downgrade};
use stringified::stringified_missing;
use wire::{
    content_length_override, header_duplicates, header_size, header_whitespace, host_override, http_vs_https,
    method_case, query_encoding, slashes, url_length, user_agent,
};

use super::{content_type, json_body, unresolved};

/// Every request lint, in catalogue order. `None` means "does not apply".
pub fn lints(f: &Facts<'_>) -> Vec<Check> {
    [
        unresolved::none_left(f, request::PLACEHOLDER),
        stringified_missing(f),
        json_body::parses(f, request::JSON_PARSE),
        content_type_missing(f),
        content_type::fits_body(f, request::CT_MISMATCH),
        body_on_bodyless_method(f),
        auth_variable_empty(f),
        auth_malformed(f),
        key_in_query(f),
        slashes(f),
        http_vs_https(f),
        redirect_downgrade(f),
        redirect_body_origin(f),
        header_whitespace(f),
        header_duplicates(f),
        host_override(f),
        content_length_override(f),
        url_length(f),
        header_size(f),
        query_encoding(f),
        user_agent(f),
        number_precision(f),
        method_case(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The checklist for a request that could not be prepared: nothing was sent.
pub fn not_prepared(error: &PrepareError) -> Vec<Check> {
    let check = match error {
        PrepareError::Template {
            field,
            template,
            error,
            defined_in,
        } => {
            let label = "Every template resolves";
            let quoted = template
                .get(error.span())
                .filter(|s| !s.is_empty())
                .unwrap_or(template);
            let environments = match defined_in.as_slice() {
                [] => String::new(),
                names => format!(
                    "; it is defined only in environment {} — choose one",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            match error {
                RenderError::UnknownVariable { .. } | RenderError::Cycle { .. } => Check::fail(
                    request::PLACEHOLDER,
                    format!("{field} `{quoted}`: {error}{environments}"),
                )
                .labelled(label),
                _ => Check::fail(request::PLACEHOLDER, format!("{field}: {error}")).labelled(label),
            }
        }
        PrepareError::NoSuchRequest { .. } => Check::fail(request::PLACEHOLDER, error.to_string())
            .labelled("The request exists in the collection"),
        PrepareError::File { field, path, message } => {
            Check::fail(request::FILE, format!("{field} {}: {message}", path.display()))
        }
        PrepareError::UnknownEnvironment { .. } => Check::fail(request::ENVIRONMENT, error.to_string()),
    };
    vec![check]
}
