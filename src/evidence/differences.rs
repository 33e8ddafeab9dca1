//! Differential diagnosis: most failures are one difference away from a request that
//! worked. Given a failed request and requests to the same API that succeeded (and those
//! that failed), find what this one does differently — the Authorization scheme, a header
//! or query parameter the others send, a path prefix the others have, the body's content
//! type — and rank each difference by how well it separates success from failure in what
//! was sent (docs/diagnosis.md §Differences from requests that worked).
//!
//! Pure and bounded: features are compared as sets of names, never values, so secrets are
//! never read, and the work is linear in the number of requests compared.

use std::collections::BTreeSet;

use url::Url;

/// Headers every client sends or computes: their presence says nothing about the API.
const ORDINARY_HEADERS: &[&str] = &[
    "host",
    "user-agent",
    "accept-encoding",
    "content-length",
    "connection",
    "transfer-encoding",
    "accept",
    "cookie",
    "content-type",
    "authorization",
    "if-match",
    "if-none-match",
    "if-modified-since",
    "if-unmodified-since",
    "idempotency-key",
    "x-request-id",
    "x-correlation-id",
    "traceparent",
    "tracestate",
    "cache-control",
    "pragma",
    "origin",
    "referer",
];

/// One thing this request does differently from the ones that worked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// What differs, for people: "sends no `X-Api-Version` header".
    pub what: String,
    /// How many of the successes have it the other way.
    pub successes: usize,
    /// How many successes were compared.
    pub of: usize,
    /// How many failures share this request's side of the difference (besides this one).
    pub failures_alike: usize,
    /// How well it separates success from failure: the share of successes on the other side,
    /// lowered by failures that share this side. 0–100.
    pub score: u32,
}

/// A request as sent, as far as the comparison looks: its URL, its headers and whether it
/// has a body.
#[derive(Debug, Clone, Copy)]
pub struct Sent<'a> {
    pub url: &'a str,
    pub headers: &'a [(String, String)],
    /// The body as sent (its top-level JSON members are compared, by name).
    pub body: &'a [u8],
}

impl Sent<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A request reduced to what is compared.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Features {
    scheme: Option<String>,
    headers: BTreeSet<String>,
    query: BTreeSet<String>,
    prefix: Option<String>,
    content_type: Option<String>,
    /// Version-like path segments (`v1`, `v1beta1`, `2024-10-01`), by position.
    versions: Vec<(usize, String)>,
    /// Whether a path segment carries an encoded `/` (`acme%2Fbackend`).
    encoded_slash: bool,
    /// The top-level members of a JSON body.
    members: BTreeSet<String>,
}

impl Features {
    fn of(sent: &Sent<'_>) -> Option<(Self, Url)> {
        let url = Url::parse(sent.url).ok()?;
        let headers = sent
            .headers
            .iter()
            .map(|(n, _)| n.to_ascii_lowercase())
            .filter(|n| !ORDINARY_HEADERS.contains(&n.as_str()))
            .collect();
        let query = url.query_pairs().map(|(k, _)| k.into_owned()).collect();
        let scheme = sent.header("authorization").map(|v| {
            v.trim()
                .split(' ')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        });
        let content_type = (!sent.body.is_empty())
            .then(|| sent.header("content-type"))
            .flatten()
            .map(crate::media_type::essence);
        let prefix = url.path_segments().and_then(|mut s| s.next()).map(str::to_owned);
        let versions = url
            .path_segments()
            .into_iter()
            .flatten()
            .enumerate()
            .filter(|(_, segment)| crate::evidence::api_version::is_version(segment))
            .map(|(at, segment)| (at, segment.to_owned()))
            .collect();
        let encoded_slash = url.path().to_ascii_lowercase().contains("%2f");
        let members = serde_json::from_slice::<serde_json::Value>(sent.body)
            .ok()
            .and_then(|json| json.as_object().map(|o| o.keys().cloned().collect()))
            .unwrap_or_default();
        Some((
            Self {
                scheme,
                headers,
                query,
                prefix,
                content_type,
                versions,
                encoded_slash,
                members,
            },
            url,
        ))
    }
}

/// The differences between `this` and the `successes` to the same API, best first; the
/// `failures` (other failed requests to the same API) weigh each one. Empty when nothing
/// differs or there is nothing to compare with.
pub fn differences(this: &Sent<'_>, successes: &[Sent<'_>], failures: &[Sent<'_>]) -> Vec<Difference> {
    let Some((mine, _)) = Features::of(this) else {
        return Vec::new();
    };
    let ok: Vec<Features> = successes
        .iter()
        .filter_map(|s| Features::of(s).map(|(f, _)| f))
        .collect();
    let bad: Vec<Features> = failures
        .iter()
        .filter_map(|s| Features::of(s).map(|(f, _)| f))
        .collect();
    if ok.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut weigh = |what: String, other_side: &dyn Fn(&Features) -> bool| {
        let successes = ok.iter().filter(|f| other_side(f)).count();
        if successes == 0 {
            return;
        }
        let failures_alike = bad.iter().filter(|f| !other_side(f)).count();
        let share = successes * 100 / ok.len();
        // With no other failure to weigh against, this one failure is all the evidence.
        let alike = if bad.is_empty() {
            100
        } else {
            failures_alike * 100 / bad.len()
        };
        // A difference most successes have, and failures share with this one, separates well.
        let score = u32::try_from(share * (100 + alike) / 200).unwrap_or(100);
        found.push(Difference {
            what,
            successes,
            of: ok.len(),
            failures_alike,
            score,
        });
    };
    // Headers the others send that this one does not.
    let mut their_headers: BTreeSet<&String> = BTreeSet::new();
    for f in &ok {
        their_headers.extend(f.headers.iter());
    }
    for header in their_headers {
        if !mine.headers.contains(header) {
            weigh(format!("sends no `{}` header", display_header(header)), &|f| {
                f.headers.contains(header)
            });
        }
    }
    // Query parameters likewise.
    let mut their_query: BTreeSet<&String> = BTreeSet::new();
    for f in &ok {
        their_query.extend(f.query.iter());
    }
    for name in their_query {
        if !mine.query.contains(name) {
            weigh(format!("has no `{name}` query parameter"), &|f| {
                f.query.contains(name)
            });
        }
    }
    // The Authorization scheme.
    let scheme_of = |f: &Features| f.scheme.clone().unwrap_or_else(|| "none".to_owned());
    let my_scheme = scheme_of(&mine);
    let mut schemes: Vec<String> = ok.iter().map(scheme_of).filter(|s| *s != my_scheme).collect();
    schemes.sort();
    schemes.dedup();
    for scheme in schemes {
        let what = if my_scheme == "none" {
            format!(
                "sends no Authorization header (the others use {})",
                title(&scheme)
            )
        } else if scheme == "none" {
            continue;
        } else {
            format!(
                "uses Authorization: {} where the others use {}",
                title(&my_scheme),
                title(&scheme)
            )
        };
        weigh(what, &|f| scheme_of(f) == scheme);
    }
    // The first path segment (an API version or base path).
    if let Some(common) = most_common(ok.iter().filter_map(|f| f.prefix.clone()))
        && mine.prefix.as_deref() != Some(common.as_str())
    {
        let mine_shown = mine.prefix.as_deref().unwrap_or("");
        weigh(
            format!("starts its path with /{mine_shown}/ where the others use /{common}/"),
            &|f| f.prefix.as_deref() == Some(common.as_str()),
        );
    }
    // A version segment at the same place in the path (`/apis/apps/v1beta1/…` where the
    // others have `v1`).
    for (at, version) in &mine.versions {
        let theirs = most_common(
            ok.iter()
                .filter_map(|f| f.versions.iter().find(|(p, _)| p == at).map(|(_, v)| v.clone())),
        );
        if let Some(common) = theirs
            && common != *version
        {
            weigh(
                format!("uses /{version}/ in its path where the others use /{common}/"),
                &|f| f.versions.iter().any(|(p, v)| p == at && *v == common),
            );
        }
    }
    // An encoded `/` inside a path segment (GitLab's `acme%2Fbackend`).
    if !mine.encoded_slash {
        weigh(
            "sends a `/` raw in its path where the others encode it as %2F inside a segment".to_owned(),
            &|f| f.encoded_slash,
        );
    }
    // JSON members the others send at the top of their bodies (a resource wrapper such as
    // `{"user": {…}}`), among requests that send JSON.
    if !mine.members.is_empty() {
        let mut theirs: BTreeSet<&String> = BTreeSet::new();
        for f in ok.iter().filter(|f| !f.members.is_empty()) {
            theirs.extend(f.members.iter());
        }
        for member in theirs {
            if !mine.members.contains(member) {
                weigh(
                    format!("has no `{member}` member at the top of its JSON body"),
                    &|f| f.members.contains(member),
                );
            }
        }
    }
    // The body's content type, among requests that send a body.
    if let Some(mine_ct) = &mine.content_type
        && let Some(common) = most_common(ok.iter().filter_map(|f| f.content_type.clone()))
        && common != *mine_ct
    {
        weigh(
            format!("sends its body as {mine_ct} where the others send {common}"),
            &|f| f.content_type.as_deref() == Some(common.as_str()),
        );
    }
    found.sort_by(|a, b| b.score.cmp(&a.score).then(b.successes.cmp(&a.successes)));
    found
}

fn most_common(items: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(i, _)| *i == item) {
            Some((_, n)) => *n += 1,
            None => counts.push((item, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(i, _)| i)
}

/// `x-api-version` → `X-Api-Version`, for people.
fn display_header(name: &str) -> String {
    name.split('-').map(title).collect::<Vec<_>>().join("-")
}

fn title(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::{Sent, differences};

    /// A request: its URL and headers, owned.
    struct Req(String, Vec<(String, String)>);

    impl Req {
        fn sent(&self) -> Sent<'_> {
            Sent {
                url: &self.0,
                headers: &self.1,
                body: &[],
            }
        }
    }

    fn req(url: &str, headers: &[(&str, &str)]) -> Req {
        Req(
            url.into(),
            headers.iter().map(|(n, v)| ((*n).into(), (*v).into())).collect(),
        )
    }

    fn all(requests: &[Req]) -> Vec<Sent<'_>> {
        requests.iter().map(Req::sent).collect()
    }

    #[test]
    fn a_header_every_success_sends_is_the_first_difference() {
        let ok: Vec<Req> = (0..12)
            .map(|i| {
                req(
                    &format!("https://api.example.com/v1/r{i}"),
                    &[("X-Api-Version", "2"), ("Authorization", "Bearer t")],
                )
            })
            .collect();
        let this = req(
            "https://api.example.com/v1/orders",
            &[("Authorization", "Bearer t")],
        );
        let found = differences(&this.sent(), &all(&ok), &[]);
        assert_eq!(found[0].what, "sends no `X-Api-Version` header");
        assert_eq!((found[0].successes, found[0].of), (12, 12));
    }

    #[test]
    fn a_path_prefix_and_an_auth_scheme_are_differences() {
        let ok = [
            req(
                "https://api.example.com/v1/users",
                &[("Authorization", "Bearer t")],
            ),
            req(
                "https://api.example.com/v1/orders",
                &[("Authorization", "Bearer t")],
            ),
        ];
        let this = req(
            "https://api.example.com/users/42",
            &[("Authorization", "Token t")],
        );
        let found: Vec<String> = differences(&this.sent(), &all(&ok), &[])
            .into_iter()
            .map(|d| d.what)
            .collect();
        assert!(
            found.contains(&"uses Authorization: Token where the others use Bearer".to_owned()),
            "{found:?}"
        );
        assert!(
            found.contains(&"starts its path with /users/ where the others use /v1/".to_owned()),
            "{found:?}"
        );
    }

    #[test]
    fn failures_that_share_the_difference_make_it_rank_higher() {
        let ok = [
            req(
                "https://api.example.com/v1/a",
                &[("X-Tenant", "t"), ("X-Trace", "1")],
            ),
            req(
                "https://api.example.com/v1/b",
                &[("X-Tenant", "t"), ("X-Trace", "1")],
            ),
        ];
        let bad = [req("https://api.example.com/v1/c", &[("X-Trace", "1")])];
        let this = req("https://api.example.com/v1/d", &[]);
        let found = differences(&this.sent(), &all(&ok), &all(&bad));
        assert_eq!(found[0].what, "sends no `X-Tenant` header");
    }

    #[test]
    fn a_version_segment_an_encoded_slash_and_a_body_wrapper_are_differences() {
        let ok = [
            req("https://k8s.example/apis/apps/v1/namespaces/a/deployments", &[]),
            req("https://k8s.example/apis/apps/v1/namespaces/b/deployments", &[]),
        ];
        let this = req(
            "https://k8s.example/apis/apps/v1beta1/namespaces/a/deployments",
            &[],
        );
        let found = differences(&this.sent(), &all(&ok), &[]);
        assert_eq!(
            found[0].what,
            "uses /v1beta1/ in its path where the others use /v1/"
        );

        let ok = [
            req("https://gitlab.com/api/v4/projects/acme%2Fbackend/issues", &[]),
            req(
                "https://gitlab.com/api/v4/projects/acme%2Fweb/merge_requests",
                &[],
            ),
        ];
        let this = req("https://gitlab.com/api/v4/projects/acme/backend/pipelines", &[]);
        let found = differences(&this.sent(), &all(&ok), &[]);
        assert!(found[0].what.contains("%2F"), "{found:?}");

        let wrapped = br#"{"user": {"name": "Ada"}}"#;
        let ok: Vec<Sent<'_>> = (0..2)
            .map(|_| Sent {
                url: "https://api.example.com/users",
                headers: &[],
                body: wrapped,
            })
            .collect();
        let this = Sent {
            url: "https://api.example.com/users",
            headers: &[],
            body: br#"{"name": "Ada"}"#,
        };
        let found = differences(&this, &ok, &[]);
        assert_eq!(found[0].what, "has no `user` member at the top of its JSON body");
    }

    #[test]
    fn nothing_to_compare_with_gives_nothing() {
        let this = req("https://api.example.com/v1/d", &[]);
        assert!(differences(&this.sent(), &[], &[]).is_empty());
    }
}
