//! Missing values turned into text (`R.stringified-missing`): `undefined`, `null`, `None`…
//! in a path segment, a query value or a JSON string of the body.

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::request;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::sent::body::find_in_json;
use crate::diagnosis::sent::placeholders::{STRINGIFIED, stringified_segment};

pub(super) fn stringified_missing(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    if let Some((n, decoded)) = stringified_segment(url) {
        return Some(Check::fail(
            request::STRINGIFIED_MISSING,
            format!("URL path segment {n} is \"{decoded}\" — a missing value was stringified"),
        ));
    }
    for (name, value) in &f.sent_query {
        if STRINGIFIED.contains(&value.as_str()) {
            return Some(Check::fail(
                request::STRINGIFIED_MISSING,
                format!("Query param \"{name}\" = \"{value}\" — a missing value was turned into text"),
            ));
        }
    }
    if let Some(json) = &f.sent_json
        && let Some((path, value)) = find_in_json(json, &|path, v| {
            v.as_str()
                .filter(|s| STRINGIFIED.contains(s))
                .map(|s| (path.to_owned(), s.to_owned()))
        })
    {
        return Some(Check::fail(
            request::STRINGIFIED_MISSING,
            format!("Body field {path} = \"{value}\" — a missing value was turned into text"),
        ));
    }
    None
}
