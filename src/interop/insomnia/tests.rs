//! Reading an Insomnia v4 export: environments, folders, bodies, auth (a folder's for requests
//! without their own), template tags kept as text.

use super::*;

fn exported() -> Imported {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/insomnia/shop.insomnia.json"
    ))
    .unwrap();
    import(&text).unwrap()
}

#[test]
fn environments_folders_requests_and_auth_come_across() {
    let imported = exported();
    assert_eq!(
        imported.variables,
        [
            ("base_url".to_owned(), "https://api.shop.example.com".to_owned()),
            ("page_size".to_owned(), "20".to_owned())
        ]
    );
    assert_eq!(
        imported.environments,
        [(
            "Staging".to_owned(),
            vec![(
                "base_url".to_owned(),
                "https://staging.shop.example.com".to_owned()
            )]
        )]
    );
    let paths: Vec<String> = imported
        .requests
        .iter()
        .map(|(f, r)| format!("{}/{}", f.join("/"), r.name))
        .collect();
    assert_eq!(
        paths,
        [
            "/List products",
            "Admin/Create product",
            "Admin/Sign in",
            "Admin/Upload image"
        ]
    );
    let (_, list) = &imported.requests[0];
    assert_eq!(list.url.as_str(), "{{ base_url }}/v1/products");
    assert_eq!(list.query.len(), 1, "the disabled parameter is left out");
    assert_eq!(list.query[0].1.as_str(), "{{ page_size }}");
    // A template tag has no equivalent: text, and said.
    let Some(Auth::Bearer(token)) = &list.auth else {
        panic!("{:?}", list.auth)
    };
    assert!(token.as_str().starts_with("{% response"), "{}", token.as_str());
    assert!(
        matches!(imported.requests[1].1.auth, Some(Auth::Basic { .. })),
        "the folder's auth"
    );
    assert_eq!(imported.requests[2].1.auth, Some(Auth::None));
    assert!(matches!(
        imported.requests[3].1.auth,
        Some(Auth::ApiKey {
            location: KeyLocation::Header,
            ..
        })
    ));
    assert!(
        imported.unmapped.iter().any(|u| u.contains("gRPC, WebSocket")),
        "{:?}",
        imported.unmapped
    );
}

#[test]
fn bodies_of_each_kind() {
    let imported = exported();
    assert!(matches!(imported.requests[1].1.body, Some(Body::Json { .. })));
    let Some(Body::Form(rows)) = &imported.requests[2].1.body else {
        panic!()
    };
    assert_eq!(rows.len(), 1);
    let Some(Body::Multipart(parts)) = &imported.requests[3].1.body else {
        panic!()
    };
    assert!(matches!(&parts[1], Part::File { path, .. } if path.as_str() == "./front.png"));
}

#[test]
fn what_is_not_an_insomnia_v4_export_is_refused() {
    assert!(matches!(import("[]"), Err(InsomniaError::NotInsomnia(_))));
    assert!(matches!(
        import(r#"{"__export_format": 3, "resources": []}"#),
        Err(InsomniaError::Format(_))
    ));
}
