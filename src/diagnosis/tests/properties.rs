//! Property test: diagnosis never panics, whatever the status, headers and bodies.

use proptest::prelude::*;

use super::{Ex, diag};

fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("www-authenticate".to_owned()),
        Just("retry-after".to_owned()),
        Just("ratelimit".to_owned()),
        Just("ratelimit-policy".to_owned()),
        Just("x-ratelimit-reset".to_owned()),
        Just("x-ratelimit-remaining".to_owned()),
        Just("allow".to_owned()),
        Just("content-type".to_owned()),
        Just("via".to_owned()),
        Just("server".to_owned()),
        Just("age".to_owned()),
        Just("date".to_owned()),
        Just("sunset".to_owned()),
        Just("accept-post".to_owned()),
        Just("proxy-authenticate".to_owned()),
        "[a-z-]{1,20}",
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,200}",
        Just(r#"{"errors":[{"pointer":"/a/0/b","detail":"bad"}]}"#.to_owned()),
        Just(r#"{"error":{"code":400,"status":"INVALID_ARGUMENT","details":[{"@type":"x.BadRequest","fieldViolations":[{"field":"a.b[0]"}]}]}}"#.to_owned()),
        Just("<html><title>502</title><center>nginx</center></html>".to_owned()),
        "\\{\"[a-z]{1,5}\":\\[\"[a-z ]{0,20}\"\\]\\}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn diagnose_never_panics(
        status in 100u16..600,
        headers in proptest::collection::vec((header_name(), ".{0,80}"), 0..8),
        response in body(),
        request in body(),
        method in prop_oneof![Just("GET".to_owned()), Just("POST".to_owned()), Just("patch".to_owned()), "[A-Z]{1,8}"],
        auth in proptest::option::of(".{0,60}"),
    ) {
        let mut ex = Ex::new(&method, "https://api.example.com/v1/x?a=1&token=%ZZ").body(&request).status(status).res_body(&response);
        for (n, v) in &headers {
            ex = ex.res(n, v);
        }
        if let Some(a) = auth {
            ex = ex.header("Authorization", &a);
        }
        let list = diag(&ex);
        prop_assert!(!list.title.is_empty());
    }
}
