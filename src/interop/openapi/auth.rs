//! An operation's security requirements as the request's auth: HTTP bearer and basic, API
//! keys in a header or the query (in a cookie: a `Cookie` header), OAuth 2 and OpenID
//! Connect as a bearer token the user fetches (no flow runs here; the import says where
//! the token comes from). The first requirement whose schemes map wins; `{}` among them
//! means no auth is one of the options. Every credential reads a variable, added empty.

use oas3::spec::{ObjectOrReference, SecurityScheme, Spec};

use super::variable_name;
use crate::collection::{Auth, KeyLocation, Request};
use crate::interop::Variables;
use crate::template::Template;

/// The auth of the first requirement whose schemes map; the variables it reads are added
/// to `auth_variables` (empty, to set).
pub(super) fn of(
    spec: &Spec,
    requirements: &[oas3::spec::SecurityRequirement],
    at: &str,
    request: &mut Request,
    auth_variables: &mut Variables,
    unmapped: &mut Vec<String>,
) -> Option<Auth> {
    let mut needs = |name: &str| {
        if !auth_variables.iter().any(|(n, _)| n == name) {
            auth_variables.push((name.to_owned(), String::new()));
        }
        Template::parse(format!("{{{{ {name} }}}}")).unwrap_or_else(|_| Template::literal(""))
    };
    let schemes = spec.components.as_ref().map(|c| &c.security_schemes);
    for requirement in requirements {
        let Some((scheme_name, _scopes)) = requirement.0.iter().next() else {
            return None; // `{}`: no auth is one of the options
        };
        // Schemes required together (an API key and an app id): one is the auth, the
        // others are said.
        let together: Vec<&str> = requirement.0.keys().skip(1).map(String::as_str).collect();
        if !together.is_empty() {
            let note = format!(
                "{at}: `{scheme_name}` is the auth; {} required with it {} not added",
                together.join(", "),
                if together.len() == 1 { "is" } else { "are" }
            );
            unmapped.push(note);
        }
        let Some(scheme) = schemes.and_then(|s| s.get(scheme_name)) else {
            unmapped.push(format!(
                "{at}: the security scheme `{scheme_name}` is not in the description"
            ));
            continue;
        };
        let scheme = match scheme {
            ObjectOrReference::Object(s) => s.clone(),
            ObjectOrReference::Ref { ref_path, .. } => {
                unmapped.push(format!(
                    "{at}: the security scheme {ref_path} is a reference; not followed"
                ));
                continue;
            }
        };
        let variable = variable_name(&snake_case(scheme_name));
        match scheme {
            SecurityScheme::Http { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
                return Some(Auth::Bearer(needs("token")));
            }
            SecurityScheme::Http { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => {
                return Some(Auth::Basic {
                    username: needs("username"),
                    password: needs("password"),
                });
            }
            SecurityScheme::ApiKey { name, location, .. } => match location.as_str() {
                "header" | "query" => {
                    return Some(Auth::ApiKey {
                        location: if location == "header" {
                            KeyLocation::Header
                        } else {
                            KeyLocation::Query
                        },
                        name,
                        value: needs(&variable),
                    });
                }
                _ => {
                    let value = needs(&variable);
                    let cookie = Template::parse(format!("{name}={}", value.as_str()))
                        .unwrap_or_else(|_| Template::literal(""));
                    super::add_cookie(request, cookie);
                    return None;
                }
            },
            SecurityScheme::OAuth2 { flows, .. } => {
                let token_url = flows
                    .client_credentials
                    .as_ref()
                    .map(|f| f.token_url.to_string())
                    .or_else(|| flows.password.as_ref().map(|f| f.token_url.to_string()))
                    .or_else(|| flows.authorization_code.as_ref().map(|f| f.token_url.to_string()));
                let note = format!(
                    "OAuth 2 (`{scheme_name}`): no flow runs here; get a token{} and set access_token",
                    token_url.map(|u| format!(" from {u}")).unwrap_or_default()
                );
                if !unmapped.contains(&note) {
                    unmapped.push(note);
                }
                return Some(Auth::Bearer(needs("access_token")));
            }
            SecurityScheme::OpenIdConnect {
                open_id_connect_url, ..
            } => {
                let note = format!(
                    "OpenID Connect (`{scheme_name}`): no flow runs here; get a token from the provider at {open_id_connect_url} and set access_token"
                );
                if !unmapped.contains(&note) {
                    unmapped.push(note);
                }
                return Some(Auth::Bearer(needs("access_token")));
            }
            SecurityScheme::Http { scheme, .. } => {
                unmapped.push(format!("{at}: HTTP `{scheme}` authentication has no equivalent"));
            }
            SecurityScheme::MutualTls { .. } => unmapped.push(format!(
                "{at}: the security scheme `{scheme_name}` has no equivalent"
            )),
        }
    }
    None
}

/// `api_key_auth` from `ApiKeyAuth`, `cookie_auth` from `cookieAuth`.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && previous_lower {
            out.push('_');
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c.to_ascii_lowercase());
    }
    out
}
