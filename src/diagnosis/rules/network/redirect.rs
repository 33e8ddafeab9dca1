//! Redirects did not settle (`RedirectLoop` failures): a revisited URL, scheme or slash
//! ping-pong, a login page, a cookie the server waits for, and the redirect limit
//! (`redirect.*`).

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::redirect;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::http::Hop;

/// The first hop that repeats an earlier request (same method and URL): (earlier, later),
/// both 0-based.
fn first_loop(hops: &[Hop]) -> Option<(usize, usize)> {
    hops.iter().enumerate().find_map(|(j, hop)| {
        hops[..j]
            .iter()
            .position(|h| h.request.url == hop.request.url && h.request.method == hop.request.method)
            .map(|i| (i, j))
    })
}

pub(super) fn redirect_loop(f: &Facts<'_>) -> Option<Check> {
    let hops = f.hops;
    let Some((first, again)) = first_loop(hops) else {
        return Some(Check::pass(
            redirect::LOOP,
            format!("{} hops without revisiting a URL", hops.len()),
        ));
    };
    let url = &hops[first].request.url;
    let next = &hops[first].location;
    let text = if url == next {
        format!("Loop: {url} redirects to itself")
    } else {
        format!(
            "Loop: {url} → {next} → {url} (hop {} comes back at hop {})",
            first + 1,
            again + 1
        )
    };
    Some(Check::fail(redirect::LOOP, text))
}

pub(super) fn redirect_pingpong(f: &Facts<'_>) -> Option<Check> {
    let urls: Vec<url::Url> = f
        .hops
        .iter()
        .filter_map(|h| url::Url::parse(&h.request.url).ok())
        .collect();
    let alternates = |key: &dyn Fn(&url::Url) -> String| {
        urls.len() >= 3 && urls.windows(2).all(|w| key(&w[0]) != key(&w[1]))
    };
    if alternates(&|u| u.scheme().to_owned()) {
        return Some(Check::fail(
            redirect::SCHEME_PINGPONG,
            "Alternates http ↔ https — the backend probably doesn't trust X-Forwarded-Proto from the TLS-terminating proxy",
        ));
    }
    if alternates(&|u| u.path().ends_with('/').to_string()) {
        let path = urls
            .first()
            .map(|u| u.path().trim_end_matches('/').to_owned())
            .unwrap_or_default();
        return Some(Check::fail(
            redirect::SLASH_PINGPONG,
            format!("Alternates {path} ↔ {path}/ — two layers disagree about the trailing slash"),
        ));
    }
    None
}

pub(super) fn redirect_login(f: &Facts<'_>) -> Option<Check> {
    let location = f.hops.iter().map(|h| h.location.as_str()).find(|l| {
        let l = l.to_ascii_lowercase();
        [
            "/login",
            "/signin",
            "/sign_in",
            "/oauth/authorize",
            "/authorize",
            "/sso",
            "/auth/",
        ]
        .iter()
        .any(|p| l.contains(p))
    })?;
    Some(Check::fail(
        redirect::LOGIN,
        format!(
            "Redirected to a login page ({}) — the request is not authenticated for this API (use a token instead of a session?)",
            quote::url(location)
        ),
    ))
}

pub(super) fn redirect_cookie(f: &Facts<'_>) -> Option<Check> {
    let names: Vec<String> = f
        .hops
        .iter()
        .filter_map(|h| h.response.header("set-cookie"))
        .filter_map(|c| c.split('=').next().map(|n| n.trim().to_owned()))
        .collect();
    (names.len() >= 2 && names.len() == f.hops.len()).then(|| {
        Check::fail(redirect::COOKIE, format!("Each hop sets cookie \"{}\" but apibench keeps no cookie jar, so the server keeps redirecting", names[0]))
    })
}

pub(super) fn redirect_limit(f: &Facts<'_>) -> Option<Check> {
    // The hops are every redirect received: those followed, and the last, which was not.
    let followed = f.hops.len().saturating_sub(1);
    let not_followed = f.hops.last().map_or(String::new(), |h| {
        format!(
            "; redirect {} ({} to {}) was not followed",
            f.hops.len(),
            h.response.status,
            quote::url(&h.location)
        )
    });
    let stopped = format!(
        "Followed {followed} redirects (limit {}){not_followed}",
        crate::http::DEFAULT_MAX_REDIRECTS
    );
    // A chain that comes back to a URL would never end: no limit would have been enough.
    Some(if first_loop(f.hops).is_some() {
        Check::pass(
            redirect::LIMIT,
            format!("{stopped}; the chain loops, so a higher limit would not help"),
        )
    } else {
        Check::unknown(redirect::LIMIT, stopped)
    })
}
