//! Reading Bruno collections as Bruno writes them (`tests/fixtures/bruno/`): the `.bru`
//! collection `shop` and the `OpenCollection` YAML one `shop-yml` (the same shop), every body
//! mode, auth kind and inheritance, disabled rows, environments and secrets, scripts kept as
//! comments; and input that is not Bruno's: refused with its file and line, never a panic.

use std::path::PathBuf;

use proptest::prelude::*;

use super::*;
use crate::collection::{Auth, Body, KeyLocation, Part, Request};
use crate::template::Template;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bruno")
        .join(name)
}

fn shop() -> Imported {
    import(&fixture("shop")).unwrap()
}

fn find<'a>(imported: &'a Imported, name: &str) -> &'a Placed {
    imported
        .requests
        .iter()
        .find(|p| p.request.name == name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", paths(imported)))
}

fn paths(imported: &Imported) -> Vec<String> {
    imported
        .requests
        .iter()
        .map(|p| format!("{}/{}", p.folder.join("/"), p.request.name))
        .collect()
}

fn headers(request: &Request) -> Vec<(&str, &str)> {
    request
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect()
}

fn tpl(text: &str) -> Template {
    Template::parse(text).unwrap()
}

#[test]
fn folders_come_in_seq_order_before_the_requests_beside_them_which_follow_their_seq() {
    assert_eq!(
        paths(&shop()),
        [
            "Catalog/Search (GraphQL)",
            "Catalog/Import prices",
            "Admin/Create product",
            "Admin/Sign in",
            "Admin/Feed",
            "Admin/Note",
            "Admin/Upload image",
            "Admin/Audit",
            "/List products",
            "/Get product",
        ]
    );
}

#[test]
fn query_rows_stand_for_the_url_s_query_and_disabled_rows_are_left_out() {
    let imported = shop();
    let list = &find(&imported, "List products").request;
    assert_eq!(list.method, "GET");
    assert_eq!(list.url.as_str(), "{{ base_url }}/v1/products");
    let query: Vec<(&str, &str)> = list.query.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    assert_eq!(query, [("limit", "{{ page_size }}"), ("sort", "name")]);
    assert_eq!(
        list.description.as_deref(),
        Some("Lists the catalogue, {{page_size}} a page.")
    );
}

#[test]
fn path_parameters_become_variables_of_the_request() {
    let imported = shop();
    let get = &find(&imported, "Get product").request;
    assert_eq!(get.url.as_str(), "{{ base_url }}/v1/products/{{ id }}");
    assert_eq!(get.variables.get("id").map(Template::as_str), Some("42"));
}

#[test]
fn headers_are_the_collection_s_then_the_folder_s_then_the_request_s_the_nearest_winning() {
    let imported = shop();
    assert_eq!(
        headers(&find(&imported, "List products").request),
        [("Accept", "application/json"), ("X-Request-Source", "apibench")],
        "the disabled ones are left out"
    );
    assert_eq!(
        headers(&find(&imported, "Import prices").request),
        [("Accept", "application/vnd.shop+json"), ("X-Team", "catalog")]
    );
}

#[test]
fn every_body_mode_comes_across_and_only_the_selected_mode_is_sent() {
    let imported = shop();
    let body = |name: &str| find(&imported, name).request.body.clone();
    let Some(Body::Text { text, content_type }) = body("Create product") else {
        panic!("{:?}", body("Create product"))
    };
    assert_eq!(content_type.as_deref(), Some("application/json; charset=utf-8"));
    assert!(
        text.as_str().starts_with("{\n  \"name\": \"Socks\""),
        "{}",
        text.as_str()
    );
    assert!(
        text.as_str().contains("\"owner\": \"{{ env.SHOP_OWNER }}\""),
        "{}",
        text.as_str()
    );
    assert!(
        !text.as_str().contains("kept by Bruno"),
        "the text body is another mode's"
    );
    assert!(
        !headers(&find(&imported, "Create product").request)
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-type")),
        "the type is the body's"
    );
    assert_eq!(
        body("Sign in"),
        Some(Body::Form(vec![
            ("user".to_owned(), tpl("admin")),
            ("password".to_owned(), tpl("{{ admin_password }}")),
        ]))
    );
    let Some(Body::Multipart(parts)) = body("Import prices") else {
        panic!("{:?}", body("Import prices"))
    };
    assert_eq!(
        parts,
        [
            Part::Value {
                name: "currency".to_owned(),
                value: tpl("EUR")
            },
            Part::File {
                name: "file".to_owned(),
                path: Template::literal("./prices.csv"),
                content_type: Some("text/csv".to_owned())
            },
            Part::File {
                name: "images".to_owned(),
                path: Template::literal("./a.png"),
                content_type: None
            },
            Part::File {
                name: "images".to_owned(),
                path: Template::literal("./b.png"),
                content_type: None
            },
        ]
    );
    let Some(Body::Text { text, content_type }) = body("Search (GraphQL)") else {
        panic!("{:?}", body("Search (GraphQL)"))
    };
    assert_eq!(content_type.as_deref(), Some("application/json"));
    let sent: serde_json::Value = serde_json::from_str(text.as_str()).unwrap();
    assert_eq!(sent["variables"]["first"], 5);
    assert!(
        sent["query"]
            .as_str()
            .unwrap()
            .contains("region: \"{{ region }}\"")
    );
    assert_eq!(
        body("Feed"),
        Some(Body::Text {
            text: Template::literal("<feed><since>2026-01-01</since></feed>"),
            content_type: Some("application/xml".to_owned())
        })
    );
    assert_eq!(
        body("Note"),
        Some(Body::Text {
            text: Template::literal("Restock on Monday."),
            content_type: Some("text/plain".to_owned())
        })
    );
    assert_eq!(
        body("Upload image"),
        Some(Body::File {
            path: Template::literal("./front.png"),
            content_type: Some("image/png".to_owned())
        }),
        "the selected file, not the disabled one"
    );
    assert_eq!(body("List products"), None);
}

#[test]
fn auth_is_the_request_s_own_else_the_nearest_folder_s_else_the_collection_s() {
    let imported = shop();
    let auth = |name: &str| find(&imported, name).request.auth.clone();
    let bearer = Some(Auth::Bearer(tpl("{{ token }}")));
    assert_eq!(auth("List products"), bearer, "the collection's");
    assert_eq!(auth("Search (GraphQL)"), bearer, "through a folder that inherits");
    assert_eq!(
        auth("Create product"),
        Some(Auth::Basic {
            username: tpl("admin"),
            password: tpl("{{ admin_password }}")
        }),
        "the folder's"
    );
    assert_eq!(auth("Sign in"), Some(Auth::None), "none turns the folder's off");
    assert_eq!(
        auth("Feed"),
        Some(Auth::ApiKey {
            location: KeyLocation::Query,
            name: "api_key".to_owned(),
            value: tpl("{{ feed_key }}")
        })
    );
    assert!(matches!(
        auth("Note"),
        Some(Auth::ApiKey { location: KeyLocation::Header, ref name, .. }) if name == "X-Admin-Key"
    ));
    assert_eq!(auth("Audit"), None);
    assert!(
        imported.unmapped.contains(
            &"Admin/Audit: digest auth is not one apibench has (bearer, basic, api key)".to_owned()
        )
    );
}

#[test]
fn variables_are_the_collection_s_and_each_folder_s_go_to_its_requests() {
    let imported = shop();
    assert_eq!(
        imported.variables,
        [
            ("base_url".to_owned(), "https://api.shop.example.com".to_owned()),
            ("page_size".to_owned(), "20".to_owned()),
        ],
        "the disabled one is left out"
    );
    let search = &find(&imported, "Search (GraphQL)").request;
    assert_eq!(search.variables.get("region").map(Template::as_str), Some("eu"));
    let create = &find(&imported, "Create product").request;
    assert_eq!(
        create.variables.get("sku").map(Template::as_str),
        Some("SOCK-1"),
        "a request-local @sku"
    );
}

#[test]
fn environments_come_across_with_secrets_left_empty_and_said() {
    let imported = shop();
    let env = |name: &str| {
        imported
            .environments
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, vars)| vars.clone())
            .unwrap()
    };
    assert_eq!(
        env("Local"),
        [
            ("base_url".to_owned(), "http://127.0.0.1:8787".to_owned()),
            ("token".to_owned(), "local-token".to_owned()),
        ]
    );
    let staging = env("Staging");
    let names: Vec<&str> = staging.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["base_url", "admin_user", "certificate", "token", "admin_password"]
    );
    assert_eq!(staging[1].1, "{{ env.SHOP_ADMIN }}");
    assert_eq!(
        staging[2].1,
        "-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3DQEBAQUAA4GN\n-----END PUBLIC KEY-----"
    );
    assert_eq!(staging[3].1, "");
    assert!(
        imported
            .unmapped
            .iter()
            .any(|u| u.starts_with("environment Staging: the value of the secret admin_password")),
        "{:?}",
        imported.unmapped
    );
}

#[test]
fn scripts_tests_asserts_and_post_response_vars_are_kept_as_comments_and_listed() {
    let imported = shop();
    let list = &find(&imported, "List products").comments;
    assert_eq!(
        list.first().map(String::as_str),
        Some("bruno collection pre-request script (not run by apibench):")
    );
    assert!(
        list.contains(&"bruno tests (not run by apibench):".to_owned()),
        "{list:?}"
    );
    assert!(
        list.contains(&"    expect(res.getStatus()).to.equal(200);".to_owned()),
        "{list:?}"
    );
    assert!(list.contains(&"  res.status: eq 200".to_owned()), "{list:?}");
    assert!(!list.iter().any(|c| c.contains("isArray")), "the disabled assert");
    let create = &find(&imported, "Create product").comments;
    assert!(
        create.contains(&"bruno folder Admin post-response script (not run by apibench):".to_owned()),
        "{create:?}"
    );
    assert!(
        create.contains(&"  const now = Date.now();".to_owned()),
        "{create:?}"
    );
    let get = &find(&imported, "Get product").comments;
    assert!(
        get.contains(&"  product_name: res.body.name".to_owned()),
        "{get:?}"
    );
    for line in [
        "the collection's pre-request script cannot run here; kept beside each request as comments",
        "Admin: the folder's post-response script cannot run here; kept beside each request inside as comments",
        "List products: its tests, asserts cannot run here; kept beside it as comments",
        "Get product: its post-response vars cannot run here; kept beside it as comments",
    ] {
        assert!(
            imported.unmapped.contains(&line.to_owned()),
            "{line}\n{:?}",
            imported.unmapped
        );
    }
}

#[test]
fn ignored_folders_are_skipped_and_websocket_requests_are_left_out_and_said() {
    let imported = shop();
    assert!(!paths(&imported).iter().any(|p| p.contains("Scratch")));
    assert!(
        imported.unmapped.contains(
            &"Live prices: a WebSocket request (apibench sends HTTP requests); left out".to_owned()
        )
    );
}

#[test]
fn an_opencollection_yaml_collection_reads_as_the_bru_one_does() {
    let imported = import(&fixture("shop-yml")).unwrap();
    assert_eq!(
        paths(&imported),
        [
            "Admin/Create product",
            "Admin/Sign in",
            "Admin/Import prices",
            "Admin/Upload image",
            "/List products",
            "/Get product",
            "/Search (GraphQL)",
        ]
    );
    assert_eq!(
        imported.variables,
        [
            ("base_url".to_owned(), "https://api.shop.example.com".to_owned()),
            ("page_size".to_owned(), "20".to_owned()),
        ]
    );
    let request = |name: &str| find(&imported, name).request.clone();
    let list = request("List products");
    assert_eq!(list.url.as_str(), "{{ base_url }}/v1/products");
    assert_eq!(list.query, [("limit".to_owned(), tpl("{{ page_size }}"))]);
    assert_eq!(headers(&list), [("Accept", "application/json")]);
    assert_eq!(list.auth, Some(Auth::Bearer(tpl("{{ token }}"))));
    assert_eq!(list.description.as_deref(), Some("Lists the catalogue."));
    let get = request("Get product");
    assert_eq!(get.url.as_str(), "{{ base_url }}/v1/products/{{ id }}");
    assert_eq!(get.variables.get("id").map(Template::as_str), Some("42"));
    assert_eq!(
        get.auth,
        Some(Auth::None),
        "no auth written is none, which turns the collection's off"
    );
    let create = request("Create product");
    assert!(matches!(
        create.auth,
        Some(Auth::ApiKey {
            location: KeyLocation::Header,
            ..
        })
    ));
    assert_eq!(
        headers(&create),
        [("Accept", "application/json"), ("X-Team", "admin")]
    );
    assert!(
        matches!(create.body, Some(Body::Text { ref content_type, .. }) if content_type.as_deref() == Some("application/json"))
    );
    assert_eq!(create.variables.get("sku").map(Template::as_str), Some("SOCK-1"));
    let Some(Body::Form(rows)) = request("Sign in").body else {
        panic!()
    };
    assert_eq!(
        rows,
        [
            ("user".to_owned(), tpl("admin")),
            ("password".to_owned(), tpl("{{ env.SHOP_ADMIN_PASSWORD }}")),
        ]
    );
    assert!(matches!(request("Sign in").auth, Some(Auth::Basic { .. })));
    let Some(Body::Multipart(parts)) = request("Import prices").body else {
        panic!()
    };
    assert!(
        matches!(&parts[1], Part::File { path, content_type: Some(t), .. } if path.as_str() == "./prices.csv" && t == "text/csv")
    );
    let upload = request("Upload image");
    assert!(matches!(upload.body, Some(Body::File { ref path, .. }) if path.as_str() == "./front.png"));
    assert!(matches!(
        upload.auth,
        Some(Auth::ApiKey {
            location: KeyLocation::Query,
            ..
        })
    ));
    let Some(Body::Text { text, .. }) = request("Search (GraphQL)").body else {
        panic!()
    };
    assert!(
        text.as_str()
            .ends_with("\"variables\":{\n  \"first\": {{ page_size }}\n}}"),
        "{}",
        text.as_str()
    );
    let comments = &find(&imported, "List products").comments;
    assert!(comments.contains(&"bruno collection pre-request script (not run by apibench):".to_owned()));
    assert!(comments.contains(&"bruno tests (not run by apibench):".to_owned()));
    assert!(
        comments.contains(&"  res.status: eq 200".to_owned()),
        "{comments:?}"
    );
    assert!(
        find(&imported, "Get product")
            .comments
            .contains(&"  product_name: res.body.name".to_owned())
    );
    assert_eq!(
        imported.environments,
        [(
            "Staging".to_owned(),
            vec![
                (
                    "base_url".to_owned(),
                    "https://staging.shop.example.com".to_owned()
                ),
                ("retries".to_owned(), "3".to_owned()),
                ("token".to_owned(), String::new()),
            ]
        )]
    );
    assert!(imported.unmapped.contains(
        &"Admin/Price stream: a WebSocket request (apibench sends HTTP requests); left out".to_owned()
    ));
}

#[test]
fn a_malformed_bru_file_stops_the_import_with_its_path_and_line() {
    let error = import(&fixture("broken")).unwrap_err();
    let BrunoError::Syntax { path, line, message } = &error else {
        panic!("{error:?}")
    };
    assert!(path.ends_with("Half written.bru"), "{}", path.display());
    assert_eq!(*line, 13);
    assert_eq!(
        message,
        "expected `name: value`, or the `}` that closes the `headers` block of line 12, found a line starting `Accept`"
    );
    assert!(
        error
            .to_string()
            .contains("Half written.bru:13: expected `name: value`"),
        "{error}"
    );
}

#[test]
fn malformed_yaml_and_json_are_refused_with_their_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("opencollection.yml"), "info:\n  name: x\n").unwrap();
    std::fs::write(dir.path().join("bad.yml"), "info:\n  name: [unclosed\n").unwrap();
    let error = import(dir.path()).unwrap_err();
    assert!(
        matches!(&error, BrunoError::Invalid { path, .. } if path.ends_with("bad.yml")),
        "{error:?}"
    );
    assert!(error.to_string().contains("line"), "{error}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bruno.json"), "{ \"name\": ").unwrap();
    let error = import(dir.path()).unwrap_err();
    assert!(
        matches!(&error, BrunoError::Invalid { path, .. } if path.ends_with("bruno.json")),
        "{error:?}"
    );
}

#[test]
fn a_folder_that_is_no_bruno_collection_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        import(dir.path()),
        Err(BrunoError::NotBruno(dir.path().to_owned()))
    );
    assert!(matches!(
        import(&dir.path().join("missing")),
        Err(BrunoError::NotBruno(_))
    ));
}

#[cfg(unix)]
#[test]
fn a_link_to_a_folder_is_not_followed_and_is_said() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bruno.json"),
        r#"{"version": "1", "name": "x", "type": "collection"}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("Ping.bru"),
        "meta {\n  name: Ping\n  type: http\n}\n\nget {\n  url: http://x/ping\n}\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("loop")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("loop2")).unwrap();
    std::os::unix::fs::symlink("Ping.bru", dir.path().join("Pong.bru")).unwrap();
    let imported = import(dir.path()).unwrap();
    assert_eq!(paths(&imported), ["/Ping", "/Ping"], "a link to a file is read");
    let links: Vec<&String> = imported
        .unmapped
        .iter()
        .filter(|u| u.contains("a link to a folder; not followed"))
        .collect();
    assert_eq!(links.len(), 2, "{:?}", imported.unmapped);
    assert!(links[0].starts_with("loop:"), "{links:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn no_request_file_makes_the_mapping_panic(body in "(json|text|xml|graphql|multipartForm|formUrlEncoded|file|none|other)",
                                               auth in "(bearer|basic|apikey|inherit|none|oauth2)",
                                               value in "[ -~]{0,30}") {
        let text = format!(
            "get {{\n  url: {value}\n  body: {body}\n  auth: {auth}\n}}\n\nbody:multipart-form {{\n  f: @file({value}) @contentType({value})\n}}\n\nbody:file {{\n  file: @file({value})\n}}\n\nparams:path {{\n  {value}: 1\n}}\n"
        );
        if let Ok(blocks) = lang::parse(&text) {
            let request = bru::request(&blocks);
            let mut unmapped = Vec::new();
            let _ = map::request(&request, "x", &[], "x", &mut unmapped);
        }
    }
}

#[test]
fn switched_off_rows_are_left_out_and_listed_once_per_request_folder_or_collection() {
    let imported = shop();
    let said = |line: &str| imported.unmapped.iter().filter(|u| *u == line).count();
    assert_eq!(
        said("List products: switched-off rows left out: header X-Trace, query debug"),
        1,
        "{:?}",
        imported.unmapped
    );
    assert_eq!(said("collection: switched-off rows left out: header X-Debug"), 1);
    assert_eq!(
        said("Admin/Sign in: switched-off rows left out: form field remember"),
        1
    );
    assert_eq!(
        said("Catalog/Import prices: switched-off rows left out: form field dry_run"),
        1
    );
    let imported = import(&fixture("shop-yml")).unwrap();
    assert!(
        imported
            .unmapped
            .iter()
            .any(|u| u.starts_with("List products: switched-off rows left out: ")),
        "{:?}",
        imported.unmapped
    );
}
