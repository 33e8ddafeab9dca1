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

/// The credentials a prepared request carries, to mask: the secret-named headers, query
/// parameters and body fields, every value its auth helper rendered (an API key under a
/// header name of the API's own), every value read from the process environment or a
/// `.env` file — where secrets live — and every secret-named variable's value (a
/// `db_password` is masked inside an `X-Signature` or a text body too: masking follows the
/// value, not where it is used). Longest first.
pub fn secrets_of(prepared: &crate::request::Prepared) -> Vec<String> {
    use crate::template::{Origin, Resolution};
    fn from_env(uses: &[Resolution], out: &mut Vec<String>) {
        for r in uses {
            let name = r.expr.rsplit(['.', ' ']).next().unwrap_or(&r.expr);
            if matches!(r.origin, Origin::ProcessEnv | Origin::DotEnv(_)) || secrets::is_secret_param(name) {
                out.push(r.value.clone());
            }
            from_env(&r.nested, out);
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
        from_env(&field.uses, &mut found);
    }
    found.retain(|s| s.trim().chars().count() >= 4);
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
}
