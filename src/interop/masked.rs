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
    }
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
