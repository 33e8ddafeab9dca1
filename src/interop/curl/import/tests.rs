//! Reading curl commands: each option's mapping, the shapes of the body, what is reported
//! as unmapped, and the errors.

use super::*;

fn req(command: &str) -> Imported {
    import(command, None).unwrap()
}

fn headers(r: &Request) -> Vec<(String, String)> {
    r.headers
        .iter()
        .map(|(n, v)| (n.clone(), v.as_str().to_owned()))
        .collect()
}

#[test]
fn method_url_headers_and_auth() {
    let i = req(
        "curl -X PATCH https://api.example.com/v1/items/7 -H 'Accept: application/json' -H 'X-Empty;' -u ada:s3cret -A 'tool/1.0' -e https://example.com/",
    );
    let r = &i.request;
    assert_eq!(r.method, "PATCH");
    assert_eq!(r.url.as_str(), "https://api.example.com/v1/items/7");
    assert_eq!(r.name, "7", "the tree shows the method beside it");
    assert_eq!(
        headers(r),
        [
            ("Accept".to_owned(), "application/json".to_owned()),
            ("X-Empty".to_owned(), String::new()),
            ("User-Agent".to_owned(), "tool/1.0".to_owned()),
            ("Referer".to_owned(), "https://example.com/".to_owned()),
        ]
    );
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            username: Template::literal("ada"),
            password: Template::literal("s3cret")
        })
    );
    assert!(i.unmapped.is_empty(), "{:?}", i.unmapped);
}

#[test]
fn data_makes_a_post_form_rows_json_or_exact_text() {
    let form =
        req("curl https://x/v1/customers -d name='Jenny Rosen' --data-urlencode email=jenny+1@example.com");
    assert_eq!(form.request.method, "POST");
    let Some(Body::Form(rows)) = &form.request.body else {
        panic!("{:?}", form.request.body)
    };
    let rows: Vec<(&str, &str)> = rows.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    assert_eq!(rows, [("name", "Jenny Rosen"), ("email", "jenny+1@example.com")]);

    let json = req(
        r#"curl https://x/v1/chat --json '{"model":"m","messages":[{"role":"user","content":"{{ hi }}"}]}'"#,
    );
    let Some(Body::Json { value, content_type }) = &json.request.body else {
        panic!()
    };
    assert_eq!(content_type, &None);
    assert_eq!(
        headers(&json.request),
        [("Accept".to_owned(), "application/json".to_owned())]
    );
    let text = serde_json::to_string(value.value()).unwrap();
    assert!(text.contains(r#"{{ \"{{\" }} hi }}"#), "kept literal: {text}");

    // Spacing curl would send as is: text, byte for byte, its type moved into the body.
    let spaced = req("curl https://x/ -H 'Content-Type: application/json' --data-raw '{ \"a\": 1 }'");
    assert_eq!(
        spaced.request.body,
        Some(Body::Text {
            text: Template::literal("{ \"a\": 1 }"),
            content_type: Some("application/json".into())
        })
    );
    assert!(spaced.request.headers.is_empty());
}

#[test]
fn get_moves_the_data_into_the_query() {
    let r = req("curl -G https://x/search?lang=en -d q=rust --data-urlencode 'tag=a b'").request;
    assert_eq!(r.method, "GET");
    assert_eq!(r.url.as_str(), "https://x/search?lang=en&q=rust&tag=a+b");
    assert_eq!(r.body, None);
}

#[test]
fn multipart_parts_values_and_files() {
    let r = req("curl https://x/upload -F title=Hello -F 'doc=@./notes.txt;type=text/plain' --form-string 'raw=@not-a-file'").request;
    assert_eq!(r.method, "POST");
    assert_eq!(
        r.body,
        Some(Body::Multipart(vec![
            Part::Value {
                name: "title".into(),
                value: Template::literal("Hello")
            },
            Part::File {
                name: "doc".into(),
                path: Template::literal("./notes.txt"),
                content_type: Some("text/plain".into())
            },
            Part::Value {
                name: "raw".into(),
                value: Template::literal("@not-a-file")
            },
        ]))
    );
}

#[test]
fn transport_flags_clusters_and_what_cannot_be_mapped() {
    let i = req("curl -sSLk --max-time 2.5 --connect-timeout 3 -o out.json -x http://proxy:3128 https://x/");
    let r = &i.request;
    assert_eq!(r.options.insecure_tls, Some(true));
    assert_eq!(r.options.timeout, Some(Duration::from_millis(2500)));
    assert_eq!(r.options.connect_timeout, Some(Duration::from_secs(3)));
    let said = i.unmapped.join("\n");
    for option in ["-s:", "-S:", "-o out.json", "-x http://proxy:3128"] {
        assert!(said.contains(option), "{option} in {said}");
    }
    assert!(!said.contains("-L") && !said.contains("-k"), "{said}");
}

#[test]
fn the_engine_s_own_headers_are_not_imported_as_written_ones() {
    let r = req(&format!(
        "curl https://x/ -H 'user-agent: {}' -H 'accept-encoding: {}' --compressed",
        crate::http::USER_AGENT,
        crate::http::ACCEPT_ENCODING
    ))
    .request;
    assert!(r.headers.is_empty(), "{:?}", r.headers);
}

#[test]
fn errors_say_what_is_wrong() {
    assert_eq!(import("", None), Err(ImportError::Empty));
    assert_eq!(
        import("wget https://x/", None),
        Err(ImportError::NotCurl("wget".into()))
    );
    assert_eq!(
        import("curl -H", None),
        Err(ImportError::MissingValue("-H".into()))
    );
    assert_eq!(import("curl -s", None), Err(ImportError::NoUrl));
    assert!(matches!(
        import("curl 'https://x", None),
        Err(ImportError::Split(_))
    ));
    assert!(matches!(
        import("curl -m soon https://x", None),
        Err(ImportError::BadValue { .. })
    ));
}

#[test]
fn a_cluster_ends_in_an_option_that_takes_the_rest_or_the_next_word() {
    let i = req("curl -sSLo out.json -vXPOST https://x/");
    assert_eq!(i.request.method, "POST");
    assert!(
        i.unmapped.iter().any(|u| u.starts_with("-o out.json")),
        "{:?}",
        i.unmapped
    );
    assert_eq!(
        import("curl -sW https://x/", None),
        Err(ImportError::UnknownOption("-W".into()))
    );
}

#[test]
fn credentials_for_digest_or_ntlm_are_not_sent_as_basic() {
    let i = req("curl --digest -u ada:s3cret https://x/");
    assert_eq!(i.request.auth, None);
    assert!(
        i.unmapped.iter().any(|u| u.contains("without its credentials")),
        "{:?}",
        i.unmapped
    );
}

#[test]
fn json_pieces_join_as_curl_joins_them() {
    let r = req(r#"curl https://x/ --json '{"a":' --json '1}'"#).request;
    assert!(matches!(r.body, Some(Body::Json { .. })), "{:?}", r.body);
}
