//! The response body passed the size limit (`BodyTooLarge` failures, `body.limit`).

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::body;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::http::Failure;

pub(super) fn body_limit(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let declared = f
        .header("content-length")
        .and_then(|v| v.trim().parse::<usize>().ok());
    let size = declared.map_or_else(
        || "the body".to_owned(),
        |n| format!("Content-Length says {}", quote::size(n)),
    );
    Some(Check::fail(
        body::LIMIT,
        format!(
            "{} — {}; raise max_body for this request or ask for less",
            failure.message, size
        ),
    ))
}
