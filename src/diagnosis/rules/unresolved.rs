//! No unresolved placeholders: asked alike by the request lint `R.placeholder`, by
//! `C.placeholder` on any error and by `400.placeholders` — one check under the id the caller
//! names.

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::CheckSpec;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::sent::placeholders::describe;

/// Fails naming the first placeholder left in what was sent; passes when there is none.
pub fn none_left(f: &Facts<'_>, spec: &'static CheckSpec) -> Option<Check> {
    f.sent?;
    Some(match f.placeholders.first() {
        Some(p) => Check::fail(spec, describe(p)),
        None => Check::pass(
            spec,
            "URL, headers and body hold no {{…}}, {id} or :id placeholders",
        ),
    })
}
