//! Which proxy a request goes through, decided here from the environment (`HTTP_PROXY`,
//! `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY` and their lower-case forms) and handed to reqwest
//! explicitly, so the exchange records the proxy that was really used and where its setting
//! came from.

use std::net::IpAddr;

use url::Url;

/// A proxy in use, as recorded in the exchange. Its `Debug` leaves out the unmasked URL.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyUse {
    /// The proxy URL, with any password masked.
    pub url: String,
    /// The environment variable the setting came from.
    pub source: String,
    /// Whether the proxy URL carries user:password.
    pub has_credentials: bool,
    /// The unmasked URL, for the client only; never shown.
    pub(crate) raw: String,
}

impl std::fmt::Debug for ProxyUse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProxyUse")
            .field("url", &self.url)
            .field("source", &self.source)
            .field("has_credentials", &self.has_credentials)
            .finish_non_exhaustive()
    }
}

/// A proxy setting that cannot be used: an error naming its variable, never a silent
/// direct connection. Values with credentials are never shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProxyRefusal {
    #[error("the proxy setting {variable} is {shown}, which is not a valid URL: {reason}")]
    InvalidUrl {
        variable: String,
        /// The value in backquotes, or "a value with credentials (not shown)".
        shown: String,
        reason: String,
    },
    #[error(
        "the proxy setting {variable} is `{masked}`: only http and https proxies are supported, not {scheme}"
    )]
    UnsupportedScheme {
        variable: String,
        masked: String,
        scheme: String,
    },
    #[error("the proxy setting {variable} is `{masked}`, which names no host")]
    NoHost { variable: String, masked: String },
    #[error("the proxy {url} (from {variable}) is not usable: {reason}")]
    Unusable {
        url: String,
        variable: String,
        reason: String,
    },
}

/// The proxy for `target`, looking variables up with `var` (the process environment in
/// production; a map in tests). A setting that cannot be used is an error naming its
/// variable, never a silent direct connection.
pub fn proxy_setting(
    target: &Url,
    var: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<ProxyUse>, ProxyRefusal> {
    let lookup = |names: &[&str]| {
        names.iter().find_map(|n| {
            var(n)
                .filter(|v| !v.trim().is_empty())
                .map(|v| ((*n).to_owned(), v))
        })
    };
    let scheme_vars: &[&str] = match target.scheme() {
        "https" => &["HTTPS_PROXY", "https_proxy"],
        _ => &["HTTP_PROXY", "http_proxy"],
    };
    let Some((source, value)) = lookup(scheme_vars).or_else(|| lookup(&["ALL_PROXY", "all_proxy"])) else {
        return Ok(None);
    };
    if let Some((_, no_proxy)) = lookup(&["NO_PROXY", "no_proxy"])
        && bypasses(target, &no_proxy)
    {
        return Ok(None);
    }
    let value = value.trim().to_owned();
    let with_scheme = if value.contains("://") {
        value
    } else {
        format!("http://{value}")
    };
    let parsed = Url::parse(&with_scheme).map_err(|e| ProxyRefusal::InvalidUrl {
        // An unparsed URL cannot be masked reliably: leave out any value with credentials.
        shown: if with_scheme.contains('@') {
            "a value with credentials (not shown)".to_owned()
        } else {
            format!("`{with_scheme}`")
        },
        variable: source.clone(),
        reason: e.to_string(),
    })?;
    let masked = crate::secrets::mask_url(&with_scheme);
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(ProxyRefusal::UnsupportedScheme {
            variable: source,
            masked,
            scheme: parsed.scheme().to_owned(),
        });
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(ProxyRefusal::NoHost {
            variable: source,
            masked,
        });
    }
    let has_credentials = !parsed.username().is_empty() || parsed.password().is_some();
    Ok(Some(ProxyUse {
        url: masked,
        source,
        has_credentials,
        raw: with_scheme,
    }))
}

/// The process environment as [`proxy_setting`] reads it.
pub fn from_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// `NO_PROXY`: `*`, host names (matching the host and its subdomains, with or without a
/// leading dot), and IP addresses.
fn bypasses(target: &Url, no_proxy: &str) -> bool {
    let Some(host) = target.host_str() else {
        return false;
    };
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    no_proxy
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .any(|entry| {
            if entry == "*" {
                return true;
            }
            let entry = entry.to_ascii_lowercase();
            let entry = entry.split(':').next().unwrap_or_default();
            if let (Ok(a), Ok(b)) = (entry.parse::<IpAddr>(), host.parse::<IpAddr>()) {
                return a == b;
            }
            let bare = entry.trim_start_matches('.');
            host == bare || host.ends_with(&format!(".{bare}"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    /// The proxy for `target`, asserting the setting is usable.
    fn usable(target: &Url, vars: &dyn Fn(&str) -> Option<String>) -> Option<ProxyUse> {
        proxy_setting(target, vars).expect("a usable setting")
    }

    #[test]
    fn the_scheme_variable_wins_over_all_proxy() {
        let vars = env(&[("HTTPS_PROXY", "http://corp:3128"), ("ALL_PROXY", "http://all:1")]);
        let p = usable(&url("https://api.example.com/"), &vars).unwrap();
        assert_eq!(
            (p.url.as_str(), p.source.as_str()),
            ("http://corp:3128", "HTTPS_PROXY")
        );
        let p = usable(&url("http://api.example.com/"), &vars).unwrap();
        assert_eq!(p.source, "ALL_PROXY");
    }

    #[test]
    fn no_proxy_bypasses_hosts_subdomains_and_ips() {
        let vars = env(&[
            ("http_proxy", "proxy:8080"),
            ("no_proxy", "localhost,.internal.corp, 10.0.0.5"),
        ]);
        assert!(usable(&url("http://localhost:8787/"), &vars).is_none());
        assert!(usable(&url("http://svc.internal.corp/"), &vars).is_none());
        assert!(usable(&url("http://10.0.0.5/"), &vars).is_none());
        let p = usable(&url("http://example.com/"), &vars).unwrap();
        assert_eq!(
            (p.url.as_str(), p.source.as_str()),
            ("http://proxy:8080", "http_proxy")
        );
    }

    #[test]
    fn credentials_are_noted_and_masked() {
        let vars = env(&[("HTTP_PROXY", "http://me:s3cret@proxy:3128")]);
        let p = usable(&url("http://example.com/"), &vars).unwrap();
        assert!(p.has_credentials);
        assert_eq!(p.url, "http://me:****@proxy:3128/");
        assert!(p.raw.contains("s3cret"));
    }

    #[test]
    fn an_unusable_setting_is_an_error_naming_its_variable_without_its_password() {
        let target = url("http://example.com/");
        let unparsable = env(&[("http_proxy", "http://me:s3cret@[::1")]);
        let error = proxy_setting(&target, &unparsable).unwrap_err().to_string();
        assert!(error.starts_with("the proxy setting http_proxy is a value with credentials (not shown), which is not a valid URL: "), "{error}");
        let bad_port = env(&[("HTTP_PROXY", "proxy:http")]);
        let error = proxy_setting(&target, &bad_port).unwrap_err().to_string();
        assert!(
            error.contains("`http://proxy:http`, which is not a valid URL: invalid port"),
            "{error}"
        );
        let socks = env(&[("ALL_PROXY", "socks5://me:s3cret@proxy:1080")]);
        assert_eq!(
            proxy_setting(&target, &socks).unwrap_err().to_string(),
            "the proxy setting ALL_PROXY is `socks5://me:****@proxy:1080`: only http and https proxies are supported, not socks5"
        );
    }

    #[test]
    fn nothing_set_means_direct() {
        assert!(usable(&url("http://example.com/"), &env(&[])).is_none());
    }
}
