//! Reading Insomnia exports, the v4 JSON and the v5 YAML of Insomnia 10+: environments,
//! folders (in sort-key order, with their auth, headers and environment), bodies, auth (a
//! folder's for requests without their own), path parameters, template tags kept as text,
//! scripts kept as comments; and what is not an export, refused.

use super::*;

fn exported() -> crate::interop::Imported {
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
        .map(|p| format!("{}/{}", p.folder.join("/"), p.request.name))
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
    let list = &imported.requests[0].request;
    assert_eq!(list.url.as_str(), "{{ base_url }}/v1/products");
    assert_eq!(list.query.len(), 1, "the disabled parameter is left out");
    assert_eq!(list.query[0].1.as_str(), "{{ page_size }}");
    // A template tag has no equivalent: text, and said.
    let Some(Auth::Bearer(token)) = &list.auth else {
        panic!("{:?}", list.auth)
    };
    assert!(token.as_str().starts_with("{% response"), "{}", token.as_str());
    assert!(
        matches!(imported.requests[1].request.auth, Some(Auth::Basic { .. })),
        "the folder's auth"
    );
    assert_eq!(imported.requests[2].request.auth, Some(Auth::None));
    assert!(matches!(
        imported.requests[3].request.auth,
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
    assert!(matches!(
        imported.requests[1].request.body,
        Some(Body::Json { .. })
    ));
    let Some(Body::Form(rows)) = &imported.requests[2].request.body else {
        panic!()
    };
    assert_eq!(rows.len(), 1);
    let Some(Body::Multipart(parts)) = &imported.requests[3].request.body else {
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

fn v5() -> crate::interop::Imported {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/insomnia/shop.insomnia.yaml"
    ))
    .unwrap();
    import(&text).unwrap()
}

fn placed<'a>(imported: &'a crate::interop::Imported, name: &str) -> &'a crate::interop::Placed {
    imported.requests.iter().find(|p| p.request.name == name).unwrap()
}

#[test]
fn a_v5_yaml_export_brings_its_environments_and_its_tree_in_sort_key_order() {
    let imported = v5();
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
        .map(|p| format!("{}/{}", p.folder.join("/"), p.request.name))
        .collect();
    assert_eq!(
        paths,
        [
            "/List products",
            "/Get product",
            "Admin/Create product",
            "Admin/Sign in",
            "Admin/Upload image"
        ]
    );
    assert!(
        imported.unmapped.iter().any(|u| u.contains("1 gRPC, WebSocket")),
        "{:?}",
        imported.unmapped
    );
}

#[test]
fn a_v5_request_has_its_rows_and_its_path_parameters_as_variables() {
    let imported = v5();
    let list = &placed(&imported, "List products").request;
    assert_eq!(list.url.as_str(), "{{ base_url }}/v1/products");
    assert_eq!(list.query.len(), 1, "the disabled parameter is left out");
    assert_eq!(list.query[0].1.as_str(), "{{ page_size }}");
    assert!(matches!(&list.auth, Some(Auth::Bearer(t)) if t.as_str() == "{{ token }}"));
    let get = &placed(&imported, "Get product").request;
    assert_eq!(get.url.as_str(), "{{ base_url }}/v1/products/{{ id }}");
    assert_eq!(get.variables.get("id").map(Template::as_str), Some("42"));
    assert_eq!(get.description.as_deref(), Some("One product by its id."));
}

#[test]
fn a_v5_folder_gives_its_requests_its_auth_headers_and_environment() {
    let imported = v5();
    let create = &placed(&imported, "Create product").request;
    assert!(
        matches!(create.auth, Some(Auth::Basic { .. })),
        "{:?}",
        create.auth
    );
    let headers: Vec<&str> = create.headers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        headers,
        ["X-Team"],
        "the disabled one is left out, the type is the body's"
    );
    assert_eq!(create.variables.get("region").map(Template::as_str), Some("eu"));
    let Some(Body::Text { text, content_type }) = &create.body else {
        panic!("{:?}", create.body)
    };
    assert_eq!(content_type.as_deref(), Some("application/json"));
    assert!(
        text.as_str().contains("\"region\": \"{{ region }}\""),
        "{}",
        text.as_str()
    );
    assert_eq!(placed(&imported, "Sign in").request.auth, Some(Auth::None));
    let Some(Body::Form(rows)) = &placed(&imported, "Sign in").request.body else {
        panic!()
    };
    assert_eq!(rows.len(), 1);
    let upload = &placed(&imported, "Upload image").request;
    assert!(matches!(
        upload.auth,
        Some(Auth::ApiKey {
            location: KeyLocation::Header,
            ..
        })
    ));
    let Some(Body::Multipart(parts)) = &upload.body else {
        panic!()
    };
    assert!(matches!(&parts[1], Part::File { path, .. } if path.as_str() == "./front.png"));
}

#[test]
fn scripts_are_kept_as_comments_beside_their_requests() {
    let imported = v5();
    let create = &placed(&imported, "Create product").comments;
    assert_eq!(
        create,
        &[
            "insomnia folder Admin after-response script (not run by apibench):",
            "  console.log(insomnia.response.code);",
            "insomnia pre-request script (not run by apibench):",
            "  insomnia.environment.set('created_at', Date.now());",
        ]
    );
    assert!(
        imported.unmapped.contains(
            &"Admin: the folder's scripts cannot run here; kept beside each request inside as comments"
                .to_owned()
        )
    );
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/insomnia/shop.insomnia.yaml"
    ))
    .unwrap();
    assert_eq!(import(&text).unwrap().requests.len(), 5);
}

#[test]
fn what_is_not_an_insomnia_v5_collection_is_refused_and_says_where() {
    let Err(InsomniaError::NotInsomnia(why)) = import("type: collection.insomnia.rest/5.0\ncollection: [\n")
    else {
        panic!()
    };
    assert!(why.contains("line"), "{why}");
    assert!(matches!(
        import("name: no type\n"),
        Err(InsomniaError::NotInsomnia(_))
    ));
    assert_eq!(
        import("type: environment.insomnia.rest/5.0\nname: Globals\n"),
        Err(InsomniaError::Format("environment.insomnia.rest/5.0".to_owned()))
    );
    assert!(
        import("type: collection.insomnia.rest/5.0\n")
            .unwrap()
            .requests
            .is_empty()
    );
}

#[test]
fn two_folders_whose_parents_point_at_each_other_end_the_walk_and_are_said() {
    let text = r#"{"__export_format": 4, "resources": [
        {"_id": "fld_a", "_type": "request_group", "parentId": "fld_b", "name": "A"},
        {"_id": "fld_b", "_type": "request_group", "parentId": "fld_a", "name": "B"},
        {"_id": "fld_c", "_type": "request_group", "parentId": "fld_c", "name": "C"},
        {"_id": "req_1", "_type": "request", "parentId": "fld_a", "name": "One", "url": "http://x/1"},
        {"_id": "req_2", "_type": "request", "parentId": "fld_a", "name": "Two", "url": "http://x/2"},
        {"_id": "req_3", "_type": "request", "parentId": "fld_c", "name": "Three", "url": "http://x/3"}
    ]}"#;
    let imported = import(text).unwrap();
    let folders: Vec<String> = imported.requests.iter().map(|p| p.folder.join("/")).collect();
    assert_eq!(folders, ["B/A", "B/A", "C"]);
    let cycles: Vec<&String> = imported
        .unmapped
        .iter()
        .filter(|u| u.contains("parentId leads back to itself"))
        .collect();
    assert_eq!(cycles.len(), 2, "said once per folder: {cycles:?}");
}

#[test]
fn follow_redirects_on_or_off_is_the_request_s_option_and_global_is_left_unset() {
    let imported = exported();
    let option = |name: &str| placed(&imported, name).request.options.follow_redirects;
    assert_eq!(option("List products"), Some(false));
    assert_eq!(option("Sign in"), Some(true));
    assert_eq!(option("Create product"), None);
    let imported = v5();
    let option = |name: &str| placed(&imported, name).request.options.follow_redirects;
    assert_eq!(option("Get product"), Some(false));
    assert_eq!(option("List products"), Some(true));
    assert_eq!(option("Create product"), None, "`global` is the app's setting");
}

#[test]
fn switched_off_rows_are_left_out_and_listed_once_per_request_or_folder() {
    let imported = exported();
    let said = |line: &str| imported.unmapped.iter().filter(|u| *u == line).count();
    assert_eq!(
        said("/List products: switched-off rows left out: header X-Debug, query debug"),
        1,
        "{:?}",
        imported.unmapped
    );
    assert_eq!(
        said("Admin/Sign in: switched-off rows left out: form field remember"),
        1
    );
    let imported = v5();
    let said = |line: &str| imported.unmapped.iter().filter(|u| *u == line).count();
    assert_eq!(
        said("Admin: switched-off rows left out: header X-Old"),
        1,
        "{:?}",
        imported.unmapped
    );
    assert_eq!(said("/List products: switched-off rows left out: query debug"), 1);
}
