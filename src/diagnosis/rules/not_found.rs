//! 404: is the URL what you meant (placeholders, version, slashes), does the route exist at
//! all or only the record is missing, and would credentials have shown it.

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::not_found;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::phrase::Phrase;
use crate::diagnosis::quote;
use crate::diagnosis::sent::placeholders::{describe, stringified_segment};
use crate::evidence::api_version;

pub fn checks(f: &Facts<'_>) -> Vec<Check> {
    [
        unresolved(f),
        path_shape(f),
        route_vs_record(f),
        method(f),
        read_after_write(f),
        hidden_private(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn unresolved(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    if let Some(p) = f.placeholders.first() {
        return Some(Check::fail(
            not_found::UNRESOLVED,
            format!("{} — variable not resolved", describe(p)),
        ));
    }
    // The first of a stringified segment and an empty one (a trailing slash is not empty).
    let count = url.path_segments().map_or(0, Iterator::count);
    let empty = url
        .path_segments()
        .into_iter()
        .flatten()
        .position(str::is_empty)
        .map(|i| i + 1)
        .filter(|n| *n < count);
    match (stringified_segment(url), empty) {
        (Some((n, decoded)), e) if e.is_none_or(|e| n < e) => {
            return Some(Check::fail(
                not_found::UNRESOLVED,
                format!("Path segment {n} is \"{decoded}\" — a missing value was stringified"),
            ));
        }
        (_, Some(n)) => {
            return Some(Check::fail(
                not_found::UNRESOLVED,
                format!(
                    "Path segment {n} is empty (\"//\" in {}) — a variable rendered as nothing, or a base URL ending in /?",
                    quote::text(url.path())
                ),
            ));
        }
        _ => {}
    }
    Some(Check::pass(
        not_found::UNRESOLVED,
        format!(
            "Path {} has no placeholders or stringified values",
            quote::text(url.path())
        ),
    ))
}

/// The path part of a written URL template (`{{ base_url }}/v1/users` → `/v1/users`).
fn template_path(template: &str) -> &str {
    let after_scheme = template.split_once("://").map_or(template, |(_, rest)| rest);
    let after_braces = after_scheme
        .rsplit_once("}}")
        .map_or(after_scheme, |(_, rest)| rest);
    let start = after_braces.find('/').unwrap_or(after_braces.len());
    after_braces[start..].split(['?', '#']).next().unwrap_or_default()
}

fn path_shape(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let path = url.path();
    if path.ends_with("%0A") || path.ends_with("%0D") || path.ends_with("%20") {
        return Some(Check::fail(
            not_found::PATH_SHAPE,
            format!(
                "Path ends with \"{}\" (a trailing newline or space from a variable?)",
                &path[path.len() - 3..]
            ),
        ));
    }
    if let Some(at) = path.find("//") {
        return Some(Check::fail(
            not_found::PATH_SHAPE,
            format!("Path has \"//\" at position {}", at + 1),
        ));
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if let Some([a, b]) = segments
        .windows(2)
        .find(|w| w[0] == w[1] && !w[0].chars().all(|c| c.is_ascii_digit()))
    {
        return Some(Check::fail(
            not_found::PATH_SHAPE,
            format!("Path repeats the segment \"/{a}/{b}/\" (base URL and path both include it?)"),
        ));
    }
    let siblings = f.sibling_urls();
    let mine = api_version::in_path(path);
    let sibling_versions: Vec<String> = siblings
        .iter()
        .filter_map(|u| api_version::in_path(template_path(u)))
        .collect();
    if let Some(mine) = &mine
        && !sibling_versions.is_empty()
    {
        let others = sibling_versions.iter().filter(|v| *v != mine).count();
        if others * 5 >= sibling_versions.len() * 4 {
            let common = most_common(&sibling_versions);
            // Versions differ between endpoints of many APIs: a heuristic, not evidence.
            return Some(Check::possible(
                not_found::PATH_SHAPE,
                format!(
                    "Path starts /{mine}/…; {} in this collection use /{common}/",
                    crate::format::count(others, "other request", "other requests")
                ),
            ));
        }
        return Some(Check::pass(
            not_found::PATH_SHAPE,
            format!("Path uses /{mine}/, like its sibling requests"),
        ));
    }
    Some(Check::pass(
        not_found::PATH_SHAPE,
        format!(
            "Path {} has no doubled slashes, trailing whitespace or repeated segments",
            quote::text(path)
        ),
    ))
}

fn most_common(items: &[String]) -> String {
    let mut best = (0, String::new());
    for item in items {
        let n = items.iter().filter(|i| *i == item).count();
        if n > best.0 {
            best = (n, item.clone());
        }
    }
    best.1
}

/// Framework default pages mean no route; an application message naming an id means the
/// route is right and the record is not there.
fn route_vs_record(f: &Facts<'_>) -> Option<Check> {
    f.head?;
    let text = &f.body_text;
    let lower = &f.body_lower;
    let route_marker = [
        ("cannot ", "Express's default page"),
        ("no route", "a router message"),
        ("routing error", "Rails's routing error"),
        ("whitelabel error page", "Spring's default page"),
        ("<center>nginx</center>", "nginx's default page"),
        (
            "the requested url was not found on this server",
            "Apache's default page",
        ),
        ("no handler found", "a router message"),
        ("not found</h1>", "a default HTML page"),
    ]
    .into_iter()
    .find(|(m, _)| lower.contains(m));
    let headline = f
        .error_body
        .headline
        .clone()
        .unwrap_or_else(|| text.lines().next().unwrap_or_default().to_owned());
    if let Some((marker, what)) = route_marker {
        // The router's own line ("No route matches [GET] \"/users/42\"", "Cannot POST /x"),
        // rather than a page title that only repeats the status.
        let needle = marker.trim_end_matches("</h1>").trim();
        // Markup is removed from a page; a JSON body is read by its string values, which
        // may quote `#<ActionController::RoutingError: No route matches …>`.
        let plain = match serde_json::from_slice::<serde_json::Value>(f.body) {
            Ok(json) => json_strings(&json).join("\n"),
            Err(_) => crate::evidence::text::strip_tags(text, "\n"),
        };
        let said = plain
            .lines()
            .map(str::trim)
            .find_map(|line| {
                // From the start of the phrase that holds the marker, within a long line
                // (a JSON body's `"exception": "#<…RoutingError: No route matches …>"`).
                let at = line.to_ascii_lowercase().find(needle)?;
                let start = line[..at].rfind([':', '"', '>', '.']).map_or(0, |p| p + 1);
                let phrase = line[start..].trim().trim_end_matches(['>', '"']);
                (!phrase.is_empty()).then(|| phrase.to_owned())
            })
            .unwrap_or_else(|| headline.trim().to_owned());
        return Some(Check::fail(
            not_found::ROUTE_VS_RECORD,
            format!(
                "Body \"{}\" is {what} → no route for {} on this path",
                quote::text(&said),
                f.method()
            ),
        ));
    }
    let names_record = [
        "no such",
        "not found",
        "does not exist",
        "doesn't exist",
        "no user",
        "unknown",
    ]
    .iter()
    .any(|m| lower.contains(m))
        && f.url.as_ref().is_some_and(|u| {
            u.path_segments().into_iter().flatten().any(|s| {
                !s.is_empty()
                    && lower.contains(&s.to_ascii_lowercase())
                    && s.chars().any(|c| c.is_ascii_digit())
            })
        });
    if names_record {
        return Some(Check::pass(
            not_found::ROUTE_VS_RECORD,
            format!(
                "App says \"{}\" → the route is right, the id is not",
                quote::text(headline.trim())
            ),
        ));
    }
    Some(Check::unknown(
        not_found::ROUTE_VS_RECORD,
        if headline.trim().is_empty() {
            "The body is empty: no telling whether the route or the record is missing".to_owned()
        } else {
            format!(
                "Body \"{}\" does not say whether the route or the record is missing",
                quote::text(headline.trim())
            )
        },
    ))
}

fn method(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let url = base_url(&sent.url);
    let other = f.history.iter().rev().find(|h| {
        base_url(&h.sent.url) == url
            && h.sent.method != sent.method
            && h.status.is_some_and(|s| (200..300).contains(&s))
    })?;
    Some(Check::fail(
        not_found::METHOD,
        format!(
            "{} {url} returned {} at {}; this request used {}",
            other.sent.method,
            other.status.unwrap_or_default(),
            f.clock.local(other.at),
            sent.method
        ),
    ))
}

fn base_url(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

fn read_after_write(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let path = url.path();
    let since = f.received_at.checked_sub(std::time::Duration::from_secs(10))?;
    let created = f.history.iter().rev().find(|h| {
        h.at >= since
            && matches!(h.status, Some(201 | 202))
            && h.location
                .as_deref()
                .is_some_and(|l| l == path || l.ends_with(path) || url.as_str() == l)
    })?;
    Some(Check::possible(
        not_found::READ_AFTER_WRITE,
        Phrase::from(format!("Created at {} (", f.clock.local(created.at)))
            .relative(created.at)
            .text(format!(
                ") via {}; reads may lag a freshly created record — retry in a few seconds",
                created.sent.method
            )),
    ))
}

fn hidden_private(f: &Facts<'_>) -> Option<Check> {
    if !f.credentials.is_empty() {
        return None;
    }
    let host = f.host();
    let masks = host.ends_with("github.com") || host.ends_with("gitlab.com");
    Some(if masks {
        Check::possible(
            not_found::HIDDEN_PRIVATE,
            format!(
                "No credentials sent; {host} answers 404 for private resources you are not allowed to see"
            ),
        )
    } else {
        Check::unknown(
            not_found::HIDDEN_PRIVATE,
            "No credentials were sent; some APIs answer 404 instead of 401/403 to hide private resources",
        )
    })
}

/// The string values of a JSON document, depth first, at most 200.
fn json_strings(value: &serde_json::Value) -> Vec<&str> {
    fn walk<'v>(value: &'v serde_json::Value, out: &mut Vec<&'v str>) {
        if out.len() >= 200 {
            return;
        }
        match value {
            serde_json::Value::String(s) => out.push(s),
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_paths() {
        assert_eq!(template_path("{{ base_url }}/v1/users?x=1"), "/v1/users");
        assert_eq!(template_path("https://api.example.com/v3/a"), "/v3/a");
        assert_eq!(template_path("{{ base_url }}"), "");
    }
}
