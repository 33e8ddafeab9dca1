//! An OpenAPI description's servers as what a collection has for them: `base_url` from
//! the first (its `{variables}` filled with their defaults; one relative to where the
//! description is served made absolute on localhost, and said), and an environment per
//! server when there are several, named by its description or its host.

use oas3::spec::Spec;

use crate::interop::Imported;
use crate::template::Template;

/// A server's URL with its variables at their defaults, without a trailing slash.
pub(super) fn url_of(server: &oas3::spec::Server) -> String {
    let mut url = server.url.clone();
    for (name, variable) in &server.variables {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    url.trim_end_matches('/').to_owned()
}

/// `base_url` from the first server; an environment per server when there are several.
pub(super) fn read(spec: &Spec, imported: &mut Imported) {
    let urls: Vec<(Option<String>, String)> = spec
        .servers
        .iter()
        .map(|server| {
            let url = url_of(server);
            let name = server
                .description
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty() && d.chars().count() <= 40 && !d.contains('\n'))
                .map(str::to_owned);
            (name, url)
        })
        .collect();
    // Unnamed servers are named by their host, and by their scheme too where two share one
    // (Swagger 2.0's `schemes: [https, http]`).
    let hosts: Vec<String> = urls.iter().map(|(_, url)| host_of(url)).collect();
    let urls: Vec<(String, String)> = urls
        .into_iter()
        .zip(&hosts)
        .map(|((name, url), host)| {
            let name = name.unwrap_or_else(|| match url.split_once("://") {
                Some((scheme, _)) if hosts.iter().filter(|h| *h == host).count() > 1 => {
                    format!("{host} ({scheme})")
                }
                _ => host.clone(),
            });
            (name, url)
        })
        .collect();
    let Some((_, first)) = urls.first() else {
        imported
            .variables
            .push(("base_url".to_owned(), "http://localhost".to_owned()));
        imported
            .unmapped
            .push("servers: the description names none; base_url is http://localhost, to change".to_owned());
        return;
    };
    let absolute = |url: &str| {
        if url.starts_with('/') || url.is_empty() {
            format!("http://localhost{url}")
        } else {
            url.to_owned()
        }
    };
    if first.starts_with('/') || first.is_empty() {
        imported.unmapped.push(format!(
            "servers: `{}` is relative to where the description is served; base_url is http://localhost{first}, to change",
            if first.is_empty() { "/" } else { first }
        ));
    }
    imported.variables.push((
        "base_url".to_owned(),
        Template::literal(&absolute(first)).as_str().to_owned(),
    ));
    if urls.len() > 1 {
        for (name, url) in &urls {
            let name = crate::interop::body::unique_name(name, |n| {
                imported.environments.iter().any(|(e, _)| e == n)
            });
            let value = Template::literal(&absolute(url)).as_str().to_owned();
            imported
                .environments
                .push((name, vec![("base_url".to_owned(), value)]));
        }
    }
}

fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| url.to_owned())
}
