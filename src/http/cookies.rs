//! The cookie jar: what `Set-Cookie` stored, sent back the way a browser would (RFC 6265 and
//! its successor draft, RFC 6265bis). Storing and matching — domain and host-only cookies,
//! default paths, `Max-Age` over `Expires`, `Secure` only over https, `HttpOnly` — are
//! `cookie_store`'s; on top of it the jar refuses what browsers refuse:
//! - `SameSite=None` without `Secure` (RFC 6265bis §5.6, step 19);
//! - a `__Secure-` cookie without `Secure`, and a `__Host-` cookie without `Secure`, with a
//!   `Domain` or with a `Path` other than `/` (RFC 6265bis §4.1.3).
//!
//! `SameSite=Lax` and `Strict` cookies are sent: every request apibench makes is one the
//! user asked for, like typing the URL in the address bar, never one a third site started.
//!
//! Session cookies (no `Expires` or `Max-Age`) are kept with the rest when the jar is saved,
//! as a browser restoring its tabs keeps them: a login made yesterday still works today until
//! the server says otherwise.

use std::sync::Mutex;
use std::time::SystemTime;

use cookie_store::CookieStore;
use url::Url;

/// A cookie as the TUI lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "a cookie's attributes are flags in RFC 6265 too"
)]
pub struct CookieRow {
    pub name: String,
    pub value: String,
    /// The domain it is sent to (`example.com`, or the host for a host-only cookie).
    pub domain: String,
    pub host_only: bool,
    pub path: String,
    /// `None` for a session cookie.
    pub expires: Option<SystemTime>,
    pub expired: bool,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: Option<String>,
}

/// A cookie the jar held for a URL, expired: why it was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiredCookie {
    pub name: String,
    pub expired_at: SystemTime,
}

/// A `Set-Cookie` the jar did not take, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub name: String,
    pub why: String,
}

/// One collection's cookies in one environment. Shared between the sends that use it.
#[derive(Debug, Default)]
pub struct CookieJar {
    store: Mutex<CookieStore>,
}

impl CookieJar {
    pub fn new() -> Self {
        Self::default()
    }

    /// A jar saved by [`CookieJar::to_json`]; `None` for text that is not one.
    pub fn from_json(bytes: &[u8]) -> Option<Self> {
        cookie_store::serde::json::load_all(bytes).ok().map(|store| Self {
            store: Mutex::new(store),
        })
    }

    /// Every cookie, session and expired ones included (the checklist reads expired ones).
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let _ = cookie_store::serde::json::save_incl_expired_and_nonpersistent(&self.lock(), &mut out);
        out
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CookieStore> {
        self.store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The `Cookie` header value for a request to `url`, if any cookie matches: longer paths
    /// first (RFC 6265 §5.4, step 2), then by name, as the jar keeps no creation times.
    pub fn header_for(&self, url: &Url) -> Option<String> {
        let store = self.lock();
        let mut cookies = store.matches(url);
        cookies.sort_by(|a, b| {
            let path = |c: &cookie_store::Cookie<'_>| String::from(&c.path).len();
            path(b).cmp(&path(a)).then_with(|| a.name().cmp(b.name()))
        });
        let pairs: Vec<String> = cookies
            .iter()
            .map(|c| format!("{}={}", c.name(), c.value()))
            .collect();
        (!pairs.is_empty()).then(|| pairs.join("; "))
    }

    /// Stores the `Set-Cookie` headers of a response from `url`; returns those refused.
    pub fn receive(&self, url: &Url, headers: &[(String, String)]) -> Vec<Refused> {
        let mut refused = Vec::new();
        let mut store = self.lock();
        for (_, value) in headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
        {
            let name = value
                .split(['=', ';'])
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned();
            let Ok(parsed) = cookie_store::RawCookie::parse(value.as_str()) else {
                refused.push(Refused {
                    name,
                    why: "it is not a cookie (RFC 6265 §4.1.1)".to_owned(),
                });
                continue;
            };
            if let Some(why) = browser_refuses(&parsed, url, &store) {
                refused.push(Refused { name, why });
                continue;
            }
            if let Err(error) = store.insert_raw(&parsed, url) {
                refused.push(Refused {
                    name,
                    why: error.to_string(),
                });
            }
        }
        refused
    }

    /// The cookies that matched `url` but had expired by `now`: sent no more.
    pub fn expired_for(&self, url: &Url, now: SystemTime) -> Vec<ExpiredCookie> {
        let store = self.lock();
        let ended = |c: &cookie_store::Cookie<'_>| expires(c).filter(|at| *at <= now);
        let matching: Vec<&cookie_store::Cookie<'_>> = store.iter_any().filter(|c| c.matches(url)).collect();
        // One whose name is also sent live (renewed under another path) did not go missing.
        let live: Vec<&str> = matching
            .iter()
            .filter(|c| ended(c).is_none())
            .map(|c| c.name())
            .collect();
        matching
            .iter()
            .filter(|c| !live.contains(&c.name()))
            .filter_map(|c| {
                Some(ExpiredCookie {
                    name: c.name().to_owned(),
                    expired_at: ended(c)?,
                })
            })
            .collect()
    }

    /// Every cookie, for the cookie list: by domain, then path, then name.
    pub fn rows(&self, now: SystemTime) -> Vec<CookieRow> {
        let store = self.lock();
        let mut rows: Vec<CookieRow> = store
            .iter_any()
            .map(|c| {
                let expires = expires(c);
                let (domain, host_only) = match &c.domain {
                    cookie_store::CookieDomain::HostOnly(host) => (host.clone(), true),
                    cookie_store::CookieDomain::Suffix(suffix) => (suffix.clone(), false),
                    _ => (String::new(), false),
                };
                CookieRow {
                    name: c.name().to_owned(),
                    value: c.value().to_owned(),
                    domain,
                    host_only,
                    path: String::from(&c.path),
                    expires,
                    expired: expires.is_some_and(|at| at <= now),
                    secure: c.secure().unwrap_or(false),
                    http_only: c.http_only().unwrap_or(false),
                    same_site: c.same_site().map(|s| s.to_string()),
                }
            })
            .collect();
        rows.sort_by(|a, b| (&a.domain, &a.path, &a.name).cmp(&(&b.domain, &b.path, &b.name)));
        rows
    }

    /// Adds the cookies of `other` this jar has none of (by domain, path and name).
    pub fn take_missing(&self, other: &CookieJar) {
        let theirs: Vec<cookie_store::Cookie<'static>> = other.lock().iter_any().cloned().collect();
        let mut store = self.lock();
        for cookie in theirs {
            let path = String::from(&cookie.path);
            let domain = match &cookie.domain {
                cookie_store::CookieDomain::HostOnly(d) | cookie_store::CookieDomain::Suffix(d) => d.clone(),
                _ => continue,
            };
            if store.get_any(&domain, &path, cookie.name()).is_none() {
                let scheme = if cookie.secure().unwrap_or(false) {
                    "https"
                } else {
                    "http"
                };
                if let Ok(url) = Url::parse(&format!("{scheme}://{domain}{path}")) {
                    let _ = store.insert(cookie, &url);
                }
            }
        }
    }

    /// Removes one cookie; whether it was there.
    pub fn remove(&self, domain: &str, path: &str, name: &str) -> bool {
        self.lock().remove(domain, path, name).is_some()
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    pub fn is_empty(&self) -> bool {
        self.lock().iter_any().next().is_none()
    }
}

/// When `cookie` expires; `None` for a session cookie.
fn expires(cookie: &cookie_store::Cookie<'_>) -> Option<SystemTime> {
    match cookie.expires {
        cookie_store::CookieExpiration::AtUtc(at) => Some(SystemTime::from(at)),
        cookie_store::CookieExpiration::SessionEnd => None,
    }
}

/// What a browser refuses that `cookie_store` takes.
fn browser_refuses(cookie: &cookie_store::RawCookie<'_>, url: &Url, store: &CookieStore) -> Option<String> {
    let secure = cookie.secure().unwrap_or(false);
    let name = cookie.name();
    let over_https = url.scheme() == "https";
    if !over_https && (secure || name.starts_with("__Secure-") || name.starts_with("__Host-")) {
        return Some("a Secure cookie can only be set over https (RFC 6265bis §5.7)".to_owned());
    }
    // Over http, a cookie may not replace (or shadow) a Secure one of the same name that
    // would be sent to this URL over https (RFC 6265bis §5.7, step 16).
    if !over_https {
        let mut https = url.clone();
        let _ = https.set_scheme("https");
        if store
            .matches(&https)
            .iter()
            .any(|c| c.name() == name && c.secure().unwrap_or(false))
        {
            return Some(
                "it would replace a Secure cookie, from a page that is not https (RFC 6265bis §5.7)"
                    .to_owned(),
            );
        }
    }
    // A Domain of one label (`com`, `localhost` aside) would send it to a whole top-level
    // domain; without the public suffix list, longer suffixes (`co.uk`) are not caught.
    if let Some(domain) = cookie.domain().map(|d| d.trim_start_matches('.'))
        && !domain.contains('.')
        && !domain.eq_ignore_ascii_case("localhost")
        && !url.host_str().is_some_and(|h| h.eq_ignore_ascii_case(domain))
    {
        return Some(format!(
            "Domain={domain} is a whole top-level domain (RFC 6265 §5.3, step 5)"
        ));
    }
    if cookie.same_site().is_some_and(|s| s.is_none()) && !secure {
        return Some("SameSite=None needs Secure (RFC 6265bis §5.6)".to_owned());
    }
    if name.starts_with("__Secure-") && !secure {
        return Some("a __Secure- cookie needs Secure (RFC 6265bis §4.1.3.1)".to_owned());
    }
    if name.starts_with("__Host-") && (!secure || cookie.domain().is_some() || cookie.path() != Some("/")) {
        return Some("a __Host- cookie needs Secure, Path=/ and no Domain (RFC 6265bis §4.1.3.2)".to_owned());
    }
    None
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    fn set(jar: &CookieJar, from: &str, cookies: &[&str]) -> Vec<Refused> {
        let headers: Vec<(String, String)> = cookies
            .iter()
            .map(|c| ("Set-Cookie".to_owned(), (*c).to_owned()))
            .collect();
        jar.receive(&url(from), &headers)
    }

    #[test]
    fn cookies_go_back_to_their_domain_and_path_only() {
        let jar = CookieJar::new();
        set(
            &jar,
            "https://api.example.com/v1/login",
            &[
                "sid=abc; Path=/; HttpOnly",
                "wide=1; Domain=example.com; Path=/",
                "scoped=2; Path=/v1/admin",
            ],
        );
        assert_eq!(
            jar.header_for(&url("https://api.example.com/v1/me")).as_deref(),
            Some("sid=abc; wide=1")
        );
        assert_eq!(
            jar.header_for(&url("https://api.example.com/v1/admin/stats"))
                .as_deref(),
            Some("scoped=2; sid=abc; wide=1"),
            "the longest path first"
        );
        // Host-only: not to a sibling host; Domain=: to every subdomain.
        assert_eq!(
            jar.header_for(&url("https://www.example.com/")).as_deref(),
            Some("wide=1")
        );
        assert_eq!(jar.header_for(&url("https://example.org/")), None);
    }

    #[test]
    fn secure_cookies_only_go_over_https_and_expired_ones_not_at_all() {
        let jar = CookieJar::new();
        set(
            &jar,
            "https://shop.example/",
            &[
                "s=1; Secure; Path=/",
                "gone=1; Max-Age=0; Path=/",
                "old=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT",
            ],
        );
        assert_eq!(
            jar.header_for(&url("https://shop.example/cart")).as_deref(),
            Some("s=1")
        );
        assert_eq!(jar.header_for(&url("http://shop.example/cart")), None);
    }

    #[test]
    fn what_browsers_refuse_is_refused_and_said() {
        let jar = CookieJar::new();
        let refused = set(
            &jar,
            "https://shop.example/",
            &[
                "a=1; SameSite=None",
                "__Secure-b=1",
                "__Host-c=1; Secure; Path=/; Domain=shop.example",
                "__Host-d=1; Secure; Path=/",
                "e=1; SameSite=None; Secure",
                "f=1; Domain=other.example",
            ],
        );
        let names: Vec<&str> = refused.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["a", "__Secure-b", "__Host-c", "f"], "{refused:?}");
        assert!(refused[0].why.contains("SameSite=None needs Secure"));
        assert_eq!(
            jar.header_for(&url("https://shop.example/")).as_deref(),
            Some("__Host-d=1; e=1")
        );
    }

    #[test]
    fn a_kept_jar_joins_one_made_before_it_was_read_without_overriding_it() {
        let made = CookieJar::new();
        set(&made, "https://api.example.com/", &["sid=new; Path=/"]);
        let kept = CookieJar::new();
        set(
            &kept,
            "https://api.example.com/",
            &["sid=old; Path=/", "pref=dark; Path=/"],
        );
        made.take_missing(&kept);
        assert_eq!(
            made.header_for(&url("https://api.example.com/")).as_deref(),
            Some("pref=dark; sid=new")
        );
    }

    #[test]
    fn plain_http_can_neither_set_nor_replace_a_secure_cookie_nor_claim_a_tld() {
        let jar = CookieJar::new();
        set(&jar, "https://shop.example/", &["sid=good; Secure; Path=/"]);
        let refused = set(
            &jar,
            "http://shop.example/",
            &[
                "sid=evil; Path=/",
                "s2=1; Secure",
                "__Host-x=1; Secure; Path=/",
                "t=1; Domain=example",
            ],
        );
        let names: Vec<&str> = refused.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["sid", "s2", "__Host-x", "t"], "{refused:?}");
        assert_eq!(
            jar.header_for(&url("https://shop.example/")).as_deref(),
            Some("sid=good")
        );
    }

    #[test]
    fn a_saved_jar_comes_back_with_session_and_expired_cookies() {
        let jar = CookieJar::new();
        let later = SystemTime::now() + Duration::from_secs(3600);
        let expires = httpdate::fmt_http_date(later);
        set(
            &jar,
            "https://api.example.com/",
            &[
                "sid=session-cookie; Path=/",
                &format!("remember=1; Path=/; Expires={expires}"),
            ],
        );
        let again = CookieJar::from_json(&jar.to_json()).unwrap();
        assert_eq!(
            again.header_for(&url("https://api.example.com/x")).as_deref(),
            Some("remember=1; sid=session-cookie")
        );
        let rows = again.rows(SystemTime::now());
        assert_eq!(rows.len(), 2);
        assert!(
            rows.iter()
                .any(|r| r.name == "sid" && r.expires.is_none() && r.host_only)
        );
        // An hour and a bit later, `remember` expired: not sent, and said to have expired.
        let then = later + Duration::from_secs(60);
        let gone = again.expired_for(&url("https://api.example.com/x"), then);
        assert_eq!(gone.len(), 1);
        assert_eq!(gone[0].name, "remember");
        assert!(again.remove("api.example.com", "/", "sid"));
        again.clear();
        assert!(again.is_empty());
        assert!(CookieJar::from_json(b"not a jar").is_none());
    }
}
