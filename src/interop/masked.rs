//! A request with its credentials masked, for what leaves apibench by copy or export: the
//! secret headers and query parameters, a password in the URL, secret-named fields of a JSON
//! or form body, and any value the session knows to be a credential (a token a login
//! returned, sent under a header name of the API's own).

use crate::http::ResolvedRequest;
use crate::secrets;

/// `request` with every credential replaced by `****`; `known` are credentials found
/// earlier (longest first, as [`crate::secrets::mask_echoes`] wants them).
pub fn masked(request: &ResolvedRequest, known: &[String]) -> ResolvedRequest {
    let content_type = request.header("content-type").map(str::to_owned);
    let body = match std::str::from_utf8(&request.body) {
        Ok(text) => {
            let masked = secrets::mask_body(text, content_type.as_deref());
            secrets::mask_echoes(&masked, known).into_bytes().into()
        }
        Err(_) => secrets::mask_echoed_bytes(&request.body, known).into(),
    };
    ResolvedRequest {
        method: request.method.clone(),
        url: secrets::mask_echoes(&secrets::mask_url(&request.url), known),
        headers: secrets::mask_headers(&request.headers)
            .into_iter()
            .map(|(name, value)| (name, secrets::mask_echoes(&value, known)))
            .collect(),
        body,
        options: request.options,
        credential_headers: request.credential_headers.clone(),
    }
}

/// The credentials a prepared request carries, to mask in an export (a command that will be
/// shared): the secret-named headers, query parameters and body fields, every value its auth
/// helper rendered (an API key under a header name of the API's own), every secret-named
/// variable's value, and every value read from the process environment or a `.env` file —
/// where secrets live. Longest first.
pub fn secrets_of(prepared: &crate::request::Prepared) -> Vec<String> {
    found(prepared, true)
}

/// The credentials a prepared request carries, to mask wherever a result is shown or kept:
/// [`secrets_of`] less the environment's values that are not secret-named — a base URL, a
/// `DEBUG=true` read from `.env` are not credentials, and masking them would turn every
/// `true` of a body into `****`. A secret-named variable (`db_password`) is masked inside an
/// `X-Signature` or a text body too: masking follows the value, not where it is used.
pub fn credentials_of(prepared: &crate::request::Prepared) -> Vec<String> {
    found(prepared, false)
}

/// Whether `value` could stand for anything but itself: JSON's literals and numbers are in
/// every body, so they are never masked, whatever variable held them.
fn is_maskable(value: &str) -> bool {
    let value = value.trim();
    value.chars().count() >= 4 && !matches!(value, "true" | "false" | "null") && value.parse::<f64>().is_err()
}

fn found(prepared: &crate::request::Prepared, every_env_value: bool) -> Vec<String> {
    use crate::template::Resolution;
    fn from_env(uses: &[Resolution], every_env_value: bool, out: &mut Vec<String>) {
        for r in uses {
            if crate::request::is_credential(r, every_env_value) {
                out.push(r.value.clone());
            }
            from_env(&r.nested, every_env_value, out);
        }
    }
    let request = &prepared.request;
    let mut found = secrets::carried(
        &request.url,
        &request.headers,
        &String::from_utf8_lossy(&request.body),
        request.header("content-type"),
    );
    // An API key goes under a name of the API's own: whatever that name, its value.
    if let Some(crate::collection::Auth::ApiKey { location, name, .. }) = &prepared.written.auth {
        match location {
            crate::collection::KeyLocation::Header => found.extend(request.header(name).map(str::to_owned)),
            crate::collection::KeyLocation::Query => {
                found.extend(url::Url::parse(&request.url).ok().and_then(|u| {
                    u.query_pairs()
                        .find(|(n, _)| n == name.as_str())
                        .map(|(_, v)| v.into_owned())
                }));
            }
        }
    }
    // Secret-named multipart fields (`password`, `token`): a form's secret-named fields are
    // masked by name in their encoding, a multipart body's are found here.
    if let Some(crate::collection::Body::Multipart(parts)) = &prepared.written.request.body {
        for part in parts {
            if let crate::collection::Part::Value { name, value } = part
                && secrets::is_secret_param(name)
            {
                let source = value.to_string();
                let rendered = prepared
                    .written
                    .fields
                    .iter()
                    .find(|f| f.field == crate::request::Field::Body && f.template == source)
                    .map_or_else(|| value.as_str().to_owned(), |f| f.rendered.clone());
                found.push(rendered);
            }
        }
    }
    for field in &prepared.written.fields {
        if matches!(field.field, crate::request::Field::Auth(_)) {
            found.push(field.rendered.clone());
        }
        from_env(&field.uses, every_env_value, &mut found);
    }
    found.retain(|s| is_maskable(s));
    found.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_credential_is_masked_and_the_rest_kept() {
        let mut request =
            ResolvedRequest::get("https://ada:pw-123456@api.example.com/v1?api_key=k-0123456789&page=2");
        request.method = "POST".into();
        request.headers = vec![
            ("Authorization".into(), "Bearer tok-abcdefghijkl".into()),
            ("X-Custom-Auth".into(), "from-login-0123456789".into()),
            ("content-type".into(), "application/json".into()),
        ];
        request.body = r#"{"user":"ada","password":"hunter2-long"}"#.into();
        let masked = masked(&request, &["from-login-0123456789".to_owned()]);
        let all = format!("{masked:?}");
        for secret in [
            "pw-123456",
            "k-0123456789",
            "tok-abcdefghijkl",
            "from-login-0123456789",
            "hunter2-long",
        ] {
            assert!(!all.contains(secret), "{secret} in {all}");
        }
        assert!(masked.url.contains("page=2"), "{}", masked.url);
        assert_eq!(&masked.body[..], br#"{"user":"ada","password":"****"}"#);
        assert_eq!(masked.method, "POST");
    }

    /// `.env` values the way a collection uses them: a base URL and a flag.
    struct DotEnv;
    impl crate::template::EnvLookup for DotEnv {
        fn lookup(&self, name: &str) -> Option<(String, crate::template::Origin)> {
            let value = match name {
                "BASE_URL" => "https://api.example.com",
                "DEBUG" => "true",
                "API_TOKEN" => "tok-0123456789",
                _ => return None,
            };
            Some((value.to_owned(), crate::template::Origin::DotEnv(".env".into())))
        }
    }

    #[test]
    fn what_is_shown_masks_credentials_but_not_every_environment_value() {
        let yaml = "variables:\n  db_password: pw-0123456789\nrequests:\n  - name: r\n    method: POST\n    url: \"{{ env.BASE_URL }}/v1\"\n    headers:\n      X-Debug: \"{{ env.DEBUG }}\"\n      X-Signature: \"sig {{ db_password }}\"\n      X-Token: \"{{ env.API_TOKEN }}\"\n";
        let (_, prepared) = crate::request::prepared_from_yaml(yaml, "r", None, &DotEnv);
        let shown = credentials_of(&prepared);
        assert!(shown.contains(&"pw-0123456789".to_owned()), "{shown:?}");
        assert!(
            shown.contains(&"tok-0123456789".to_owned()),
            "a token-named header: {shown:?}"
        );
        assert!(
            !shown.iter().any(|s| s == "true" || s.contains("api.example.com")),
            "{shown:?}"
        );
        // A redirect to another origin drops the headers that carry them, whatever their name.
        let dropped = &prepared.request.credential_headers;
        assert!(
            dropped.iter().any(|h| h == "X-Signature") && dropped.iter().any(|h| h == "X-Token"),
            "{dropped:?}"
        );
        // An export is shared: every environment value is masked there, but never a literal.
        let exported = secrets_of(&prepared);
        assert!(
            exported.iter().any(|s| s.contains("api.example.com")),
            "{exported:?}"
        );
        assert!(!exported.contains(&"true".to_owned()), "{exported:?}");
    }
}
