//! Redirects did not settle (`RedirectLoop` failures): a revisited URL, scheme or slash
//! ping-pong, a login page, a cookie the server waits for, and the redirect limit
//! (`redirect.*`).

use super::super::evidence;
use crate::diagnosis::Check;
use crate::diagnosis::facts::Facts;

pub(super) fn redirect_loop(f: &Facts<'_>) -> Option<Check> {
    let hops = f.hops;
    for (j, hop) in hops.iter().enumerate() {
        if let Some(i) = hops[..j]
            .iter()
            .position(|h| h.request.url == hop.request.url && h.request.method == hop.request.method)
        {
            let a = &hops[i].request.url;
            let b = &hops[i].location;
            let text = if a == b {
                format!("Loop: {a} redirects to itself (hops {}–{})", i + 1, j + 1)
            } else {
                format!("Loop: {a} → {b} → {a} (hops {}–{})", i + 1, j + 1)
            };
            return Some(Check::fail("redirect.loop", "Redirects lead somewhere new", text));
        }
    }
    Some(Check::pass(
        "redirect.loop",
        "Redirects lead somewhere new",
        format!("{} hops without revisiting a URL", hops.len()),
    ))
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
            "redirect.scheme-pingpong",
            "Redirects settle on one scheme",
            "Alternates http ↔ https — the backend probably doesn't trust X-Forwarded-Proto from the TLS-terminating proxy",
        ));
    }
    if alternates(&|u| u.path().ends_with('/').to_string()) {
        let path = urls
            .first()
            .map(|u| u.path().trim_end_matches('/').to_owned())
            .unwrap_or_default();
        return Some(Check::fail(
            "redirect.slash-pingpong",
            "Redirects settle on one path",
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
        "redirect.login",
        "The request is not sent to a login page",
        format!(
            "Redirected to a login page ({}) — the request is not authenticated for this API (use a token instead of a session?)",
            evidence::quote(location)
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
        Check::fail(
            "redirect.cookie",
            "The server does not wait for a cookie",
            format!("Each hop sets cookie \"{}\" but apibench keeps no cookie jar, so the server keeps redirecting", names[0]),
        )
    })
}

pub(super) fn redirect_limit(f: &Facts<'_>) -> Option<Check> {
    Some(Check::unknown(
        "redirect.limit",
        "The redirect limit was not what stopped a valid chain",
        format!(
            "Stopped after {} redirects (limit {})",
            f.hops.len().saturating_sub(1),
            crate::http::DEFAULT_MAX_REDIRECTS
        ),
    ))
}
