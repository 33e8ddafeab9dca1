//! Reading a Postman v2.1 export: folders, variables, every body mode, auth inherited from
//! folders and the collection, disabled rows left out, scripts kept as comments.

use super::*;

fn exported() -> Imported {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/postman/shop.postman_collection.json"
    ))
    .unwrap();
    import(&text).unwrap()
}

fn find<'a>(imported: &'a Imported, name: &str) -> &'a (Vec<String>, Request, Vec<String>) {
    imported.requests.iter().find(|(_, r, _)| r.name == name).unwrap()
}

#[test]
fn folders_variables_and_requests_come_across() {
    let imported = exported();
    assert_eq!(imported.name, "Shop API");
    assert_eq!(
        imported.variables,
        [
            ("base_url".to_owned(), "https://api.shop.example.com".to_owned()),
            ("token".to_owned(), String::new()),
        ]
    );
    let paths: Vec<String> = imported
        .requests
        .iter()
        .map(|(f, r, _)| format!("{}/{}", f.join("/"), r.name))
        .collect();
    assert_eq!(
        paths,
        [
            "Catalog/List products",
            "Catalog/Search (GraphQL)",
            "Admin/Create product",
            "Admin/Import prices",
            "Admin/Sign in",
            "Admin/Feed"
        ]
    );
    let (_, list, comments) = find(&imported, "List products");
    assert_eq!(list.url.as_str(), "{{ base_url }}/v1/products?limit=20");
    let headers: Vec<&str> = list.headers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        headers,
        ["Accept", "X-Request-Id"],
        "the disabled header is left out"
    );
    assert!(list.headers[1].1.as_str().contains(r#"{{ "{{" }}$guid}}"#));
    assert!(
        comments.iter().any(|c| c.contains("postman prerequest script")),
        "{comments:?}"
    );
    assert!(
        comments.iter().any(|c| c.contains("pm.test('ok'")),
        "{comments:?}"
    );
    assert!(
        imported
            .unmapped
            .iter()
            .any(|u| u.contains("{{$guid}} has no equivalent"))
    );
}

#[test]
fn auth_is_the_request_s_own_else_its_folder_s_else_the_collection_s() {
    let imported = exported();
    let auth = |name: &str| find(&imported, name).1.auth.clone();
    assert_eq!(
        auth("List products"),
        Some(Auth::Bearer(Template::parse("{{ token }}").unwrap()))
    );
    assert!(
        matches!(auth("Create product"), Some(Auth::Basic { .. })),
        "inherited from Admin"
    );
    assert_eq!(auth("Sign in"), Some(Auth::None));
    assert!(matches!(
        auth("Feed"),
        Some(Auth::ApiKey { location: KeyLocation::Query, ref name, .. }) if name == "api_key"
    ));
}

#[test]
fn every_body_mode() {
    let imported = exported();
    let body = |name: &str| find(&imported, name).1.body.clone();
    assert!(matches!(
        body("Create product"),
        Some(Body::Json {
            content_type: None,
            ..
        })
    ));
    let Some(Body::Multipart(parts)) = body("Import prices") else {
        panic!()
    };
    assert_eq!(parts.len(), 2, "the disabled field is left out");
    assert!(matches!(&parts[1], Part::File { path, .. } if path.as_str() == "./prices.csv"));
    let Some(Body::Form(rows)) = body("Sign in") else {
        panic!()
    };
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].1.as_str(), "{{ admin_password }}");
    let Some(Body::Json { value, .. }) = body("Search (GraphQL)") else {
        panic!("{:?}", body("Search (GraphQL)"))
    };
    assert_eq!(value.value()["variables"]["first"], 5);
}

#[test]
fn what_is_not_a_postman_collection_is_refused() {
    assert!(matches!(
        import("{\"item\": []}"),
        Err(PostmanError::NotPostman(_))
    ));
    let v1 = r#"{"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json"}}"#;
    assert!(matches!(import(v1), Err(PostmanError::Version(_))));
}

#[test]
fn path_variables_become_the_request_s_own() {
    let text = r#"{"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
      "item": [{"name": "User", "request": {"method": "GET",
        "url": {"raw": "{{base}}/users/:id/posts?all=1", "variable": [{"key": "id", "value": "42"}]}}}]}"#;
    let imported = import(text).unwrap();
    let user = &imported.requests[0].1;
    assert_eq!(user.url.as_str(), "{{ base }}/users/{{ id }}/posts?all=1");
    assert_eq!(user.variables.get("id").map(Template::as_str), Some("42"));
}

#[test]
fn switched_off_rows_are_named_and_a_parts_own_type_is_kept_or_said() {
    let text = r#"{"info": {"name": "T", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
      "item": [{"name": "Upload", "request": {"method": "POST",
        "url": {"raw": "https://a.example/u?page=1", "query": [{"key": "page", "value": "1"}, {"key": "sort", "value": "x", "disabled": true}]},
        "header": [{"key": "X-Debug", "value": "1", "disabled": true}],
        "body": {"mode": "formdata", "formdata": [
          {"key": "meta", "value": "{\"a\":1}", "type": "text", "contentType": "application/json"},
          {"key": "doc", "type": "file", "src": "/tmp/doc.pdf", "contentType": "application/pdf"},
          {"key": "audience", "value": "x", "type": "text", "disabled": true}]}}}]}"#;
    let imported = import(text).unwrap();
    assert!(
        imported.unmapped.contains(
            &"Upload: switched-off rows left out: header X-Debug, query sort, form field audience".to_owned()
        ),
        "{:?}",
        imported.unmapped
    );
    assert!(
        imported
            .unmapped
            .iter()
            .any(|n| n.contains("`meta` is sent as application/json"))
    );
    let Some(Body::Multipart(parts)) = &imported.requests[0].1.body else {
        panic!()
    };
    assert!(matches!(&parts[1], Part::File { content_type: Some(t), .. } if t == "application/pdf"));
}
