//! Reading Slumber collections: the v4 fixture (profiles, `$ref`, folders, every body type,
//! both auth types, chained responses mapped and functions that are not), the v3 fixture
//! (tags, anchors, merge keys, chains) and broken input.

use super::*;

fn fixture(name: &str) -> Imported {
    let path = format!("{}/tests/fixtures/slumber/{name}", env!("CARGO_MANIFEST_DIR"));
    import(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn find<'a>(imported: &'a Imported, path: &str) -> &'a Request {
    imported
        .requests
        .iter()
        .find(|p| {
            let mut full = p.folder.clone();
            full.push(p.request.name.clone());
            full.join("/") == path
        })
        .map_or_else(|| panic!("no {path}"), |p| &p.request)
}

fn said(imported: &Imported, words: &str) -> bool {
    imported.unmapped.iter().any(|u| u.contains(words))
}

fn pairs(rows: &[(String, Template)]) -> Vec<(&str, &str)> {
    rows.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect()
}

#[test]
fn folders_and_recipes_come_across_in_order_named_by_their_names_or_ids() {
    let imported = fixture("slumber.yml");
    let paths: Vec<String> = imported
        .requests
        .iter()
        .map(|p| format!("{}/{}", p.folder.join("/"), p.request.name))
        .collect();
    assert_eq!(
        paths,
        [
            "/health",
            "Auth/Log in",
            "Auth/Refresh token",
            "Products/List products",
            "Products/Create product",
            "Products/Upload image",
            "Products/Replace catalogue",
            "Products/Rename",
            "Products/Import",
        ]
    );
    let health = find(&imported, "health");
    assert_eq!(health.method, "GET");
    assert_eq!(health.url.as_str(), "{{ host }}/health");
}

#[test]
fn profiles_are_environments_and_the_default_one_gives_the_variables() {
    let imported = fixture("slumber.yml");
    let names: Vec<&str> = imported.environments.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["local", "production"]);
    let local = &imported.environments[0].1;
    assert_eq!(
        local
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect::<Vec<_>>(),
        [
            ("api_version", "v1"),
            ("page_size", "20"),
            ("host", "http://localhost:8787"),
            ("password", "{{ env.SHOP_PASSWORD }}"),
        ],
        "the `$ref`'d data comes first, where `$ref` is"
    );
    assert_eq!(&imported.variables, local);
    let production = &imported.environments[1].1;
    assert!(
        production[3].1.starts_with(r#"{{ "{{" }} prompt("#),
        "{production:?}"
    );
    assert!(said(
        &imported,
        "profile production: `{{ prompt(message='Password', sensitive=true) }}`: prompt() asks"
    ));
}

#[test]
fn query_takes_one_value_or_a_list_of_values_per_name() {
    let imported = fixture("slumber.yml");
    let list = find(&imported, "Products/List products");
    assert_eq!(
        pairs(&list.query),
        [
            ("page_size", "{{ page_size }}"),
            ("in_stock", "true"),
            ("tag", "red"),
            ("tag", "blue")
        ]
    );
}

#[test]
fn headers_come_from_the_recipe_and_what_its_ref_brings() {
    let imported = fixture("slumber.yml");
    let list = find(&imported, "Products/List products");
    assert_eq!(
        pairs(&list.headers),
        [
            ("Accept", "application/json"),
            ("X-Session", "{{ response.Auth/Log in.body.$.session_id }}")
        ]
    );
    let create = find(&imported, "Products/Create product");
    assert_eq!(create.headers.len(), 3, "{:?}", create.headers);
    assert!(create.headers[2].1.as_str().starts_with(r#"{{ "{{" }} command("#));
    assert!(said(
        &imported,
        "Create product: `{{ command(['uuidgen']) | trim() }}`: trim() has no equivalent"
    ));
}

#[test]
fn a_jsonpath_of_a_response_is_a_chained_response_found_by_the_recipe_id() {
    let imported = fixture("slumber.yml");
    let list = find(&imported, "Products/List products");
    assert_eq!(
        list.auth,
        Some(Auth::Bearer(
            Template::parse("{{ response.Auth/Log in.body.$.token }}").unwrap()
        ))
    );
    let Some(Body::Json { value, .. }) = &find(&imported, "Products/Create product").body else {
        panic!()
    };
    assert_eq!(
        value.value()["created_by"],
        "{{ response.Auth/Log in.header.X-User-Id }}"
    );
    let Some(Body::Form(rows)) = &find(&imported, "Auth/Refresh token").body else {
        panic!()
    };
    assert_eq!(
        rows[1].1.as_str(),
        "{{ response.Auth/Log in.body.$.refresh_token }}"
    );
    assert!(
        said(&imported, "trigger='1h' of `login` is not kept"),
        "{:?}",
        imported.unmapped
    );
}

#[test]
fn every_body_type_comes_across() {
    let imported = fixture("slumber.yml");
    let body = |path: &str| find(&imported, path).body.clone();
    let Some(Body::Json { value, content_type }) = body("Auth/Log in") else {
        panic!()
    };
    assert_eq!(content_type, None);
    assert_eq!(
        value.value(),
        &serde_json::json!({"username": "ada", "password": "{{ password }}"})
    );
    let Some(Body::Json { value, .. }) = body("Products/Create product") else {
        panic!()
    };
    assert_eq!(value.value()["price"], 12.5);
    assert_eq!(
        value.value()["page_size"],
        "{{ page_size | json }}",
        "a number in a profile goes in as a number"
    );
    assert_eq!(value.value()["note"], r#"{{ "{{" }} not a template }}"#);
    assert!(value.value()["name"].as_str().unwrap().contains("select("));
    let Some(Body::Multipart(parts)) = body("Products/Upload image") else {
        panic!()
    };
    assert_eq!(
        parts,
        [
            Part::Value {
                name: "title".into(),
                value: Template::literal("Front")
            },
            Part::File {
                name: "image".into(),
                path: Template::literal("./images/front.png"),
                content_type: None
            },
        ]
    );
    assert_eq!(
        body("Products/Replace catalogue"),
        Some(Body::File {
            path: Template::literal("./catalogue.csv"),
            content_type: Some("text/csv".into())
        })
    );
    assert!(find(&imported, "Products/Replace catalogue").headers.is_empty());
    assert_eq!(
        body("Products/Rename"),
        Some(Body::Text {
            text: Template::literal("Alfonso"),
            content_type: Some("text/plain".into())
        })
    );
    let Some(Body::Text { text, .. }) = body("Products/Import") else {
        panic!()
    };
    assert!(text.as_str().contains("concat("), "a streamed body is text too");
    assert!(said(&imported, "file() reads a file into a value"));
}

#[test]
fn bearer_and_basic_authentication_come_across() {
    let imported = fixture("slumber.yml");
    assert_eq!(
        find(&imported, "Products/Create product").auth,
        Some(Auth::Basic {
            username: Template::literal("admin"),
            password: Template::parse("{{ env.ADMIN_PASSWORD }}").unwrap()
        })
    );
    assert!(matches!(
        find(&imported, "Products/List products").auth,
        Some(Auth::Bearer(_))
    ));
    assert_eq!(find(&imported, "health").auth, None);
}

#[test]
fn a_v3_collection_reads_with_its_tags_anchors_and_chains() {
    let imported = fixture("v3.yml");
    assert_eq!(imported.environments.len(), 1);
    assert_eq!(
        imported.variables,
        [
            ("host".to_owned(), "https://httpbin.org".to_owned()),
            ("user_guid".to_owned(), "abc123".to_owned())
        ],
        "merge keys bring the anchored data"
    );
    let login = find(&imported, "login");
    assert_eq!(login.method, "POST");
    assert_eq!(login.url.as_str(), "{{ host }}/anything/login");
    assert_eq!(
        pairs(&login.query),
        [("sudo", "yes_please"), ("tag", "a"), ("tag", "b")]
    );
    let Some(Body::Form(rows)) = &login.body else {
        panic!()
    };
    assert_eq!(rows[1].1.as_str(), r#"{{ "{{" }}chains.password}}"#);
    assert!(said(&imported, "chain `password`: prompt() asks"));

    let get = find(&imported, "Users/Get User");
    assert_eq!(
        get.auth,
        Some(Auth::Bearer(
            Template::parse("{{ response.login.body.$.token }}").unwrap()
        ))
    );
    assert_eq!(
        pairs(&get.headers),
        [
            ("X-Home", "{{ env.HOME_DIR }}"),
            ("X-Where", "{{ response.login.header.Location }}"),
            ("X-Env", "{{ env.SHELL_NAME }}"),
        ],
        "a merge key is shallow: `headers` written here replace the anchor's"
    );
    assert!(said(&imported, "trigger='12h' of `login`"));

    let update = find(&imported, "Users/Update User");
    assert_eq!(pairs(&update.headers), [("Accept", "application/json")]);
    let Some(Auth::Basic { username, password }) = &update.auth else {
        panic!()
    };
    assert_eq!(username.as_str(), r#"{{ "{{" }}chains.whoami}}"#);
    assert_eq!(password.as_str(), "hunter2");
    let Some(Body::Json { value, .. }) = &update.body else {
        panic!()
    };
    assert_eq!(value.value()["username"], "new name");
    assert!(said(&imported, "chain `all_ids`: mode='array'"));
    assert!(matches!(
        &find(&imported, "Users/Upload").body,
        Some(Body::Multipart(parts)) if parts.len() == 1
    ));
}

#[test]
fn a_yaml_syntax_error_is_located() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/slumber/broken.yml"
    ))
    .unwrap();
    let error = import(&text).unwrap_err();
    let SlumberError::Yaml {
        line,
        column,
        message,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!((*line, *column), (4, 4), "{message}");
    assert!(!message.contains(" at line "), "{message}");
    assert!(error.to_string().starts_with("line 4, column 4: "), "{error}");
}

#[test]
fn what_is_not_a_slumber_collection_is_refused_without_panicking() {
    for text in [
        "",
        "- a\n- b\n",
        "name: x\n",
        "requests: 3\n",
        "requests:\n  a:\n    url: [1]\n",
    ] {
        assert!(
            matches!(
                import(text),
                Err(SlumberError::NotSlumber(_) | SlumberError::Yaml { .. })
            ),
            "{text:?}"
        );
    }
}

#[test]
fn an_empty_key_is_an_empty_map_and_a_ref_elsewhere_is_said() {
    let text = "profiles:\nrequests:\n  a:\n    $ref: ./other.yml#/requests/a\n    method: GET\n    url: http://x/\n    headers:\n";
    let imported = import(text).unwrap();
    assert_eq!(imported.requests.len(), 1);
    assert!(said(&imported, "points into another file"));
}

#[test]
fn a_ref_to_itself_does_not_loop_forever() {
    let text = ".a:\n  $ref: \"#/.a\"\n  x: 1\nrequests:\n  r:\n    $ref: \"#/.a\"\n    url: http://x/\n";
    let imported = import(text).unwrap();
    assert!(said(&imported, "refers to itself"), "{:?}", imported.unmapped);
}

#[test]
fn display_names_that_repeat_in_a_folder_are_made_unique_and_chains_follow() {
    let text = "requests:\n  a:\n    name: Same\n    url: http://x/a\n  b:\n    name: Same\n    url: http://x/b\n  c:\n    url: \"{{ response('b') | jsonpath('$.id') }}\"\n";
    let imported = import(text).unwrap();
    assert_eq!(imported.requests[1].request.name, "Same 2");
    assert_eq!(
        imported.requests[2].request.url.as_str(),
        "{{ response.Same 2.body.$.id }}"
    );
}

#[test]
fn a_response_of_an_unknown_recipe_or_the_whole_body_stays_text() {
    let text =
        "requests:\n  c:\n    url: \"{{ response('nope') | jsonpath('$.id') }}/{{ response('c') }}\"\n";
    let imported = import(text).unwrap();
    assert!(said(&imported, "no recipe `nope`"));
    assert!(said(&imported, "the whole body has no equivalent"));
    assert_eq!(imported.requests[0].request.url.exprs().count(), 2);
}

#[test]
fn a_template_nested_twenty_thousand_deep_is_kept_as_text_and_said() {
    let text = format!("requests:\n  r:\n    url: \"{{{{ {}\"\n", "[".repeat(20_000));
    let imported = import(&text).unwrap();
    let url = imported.requests[0].request.url.as_str();
    assert_eq!(Template::parse(url).unwrap().exprs().count(), 1, "{url:.40}");
    assert!(
        said(&imported, "not a template Slumber reads"),
        "{:?}",
        imported.unmapped
    );
}

#[test]
fn a_ref_that_lists_itself_twice_is_a_cycle_said_once() {
    let text = ".a:\n  - $ref: \"#/.a\"\n  - $ref: \"#/.a\"\nrequests:\n  r:\n    url: http://x/\n    body:\n      type: json\n      data:\n        $ref: \"#/.a\"\n";
    let imported = import(text).unwrap();
    let cycles = imported
        .unmapped
        .iter()
        .filter(|u| u.contains("refers to itself"))
        .count();
    assert_eq!(cycles, 1, "{:?}", imported.unmapped);
    assert_eq!(imported.requests.len(), 1);
}

#[test]
fn refs_that_each_point_twice_at_the_next_stop_at_the_expansion_budget() {
    use std::fmt::Write as _;
    let mut text = String::new();
    for i in 0..40 {
        let n = i + 1;
        let _ = write!(text, ".a{i}:\n  - $ref: \"#/.a{n}\"\n  - $ref: \"#/.a{n}\"\n");
    }
    text.push_str(".a40: end\nrequests:\n  r:\n    url: http://x/\n    body:\n      type: json\n      data:\n        $ref: \"#/.a0\"\n");
    let imported = import(&text).unwrap();
    assert!(
        said(&imported, "bring in more than 10000 values"),
        "{:?}",
        imported.unmapped
    );
    let Some(Body::Json { value, .. }) = &imported.requests[0].request.body else {
        panic!()
    };
    assert!(value.strings().len() <= 10_000);
}

#[test]
fn the_same_ref_twice_side_by_side_is_not_a_cycle() {
    let text = ".h:\n  X-A: a\nrequests:\n  r:\n    url: http://x/\n    body:\n      type: json\n      data:\n        - $ref: \"#/.h\"\n        - $ref: \"#/.h\"\n";
    let imported = import(text).unwrap();
    assert!(imported.unmapped.is_empty(), "{:?}", imported.unmapped);
    let Some(Body::Json { value, .. }) = &imported.requests[0].request.body else {
        panic!()
    };
    assert_eq!(value.value(), &serde_json::json!([{"X-A": "a"}, {"X-A": "a"}]));
}

#[test]
fn a_json_body_apibench_cannot_read_is_kept_as_json_text_and_said() {
    let text = "requests:\n  a:\n    url: http://x/a\n  r:\n    url: http://x/\n    body:\n      type: json\n      data:\n        id: \"{{ response('a') | jsonpath('$.a}}{{b') }}\"\n";
    let imported = import(text).unwrap();
    let Some(Body::Text { text, content_type }) = &imported.requests[1].request.body else {
        panic!("{:?}", imported.requests[1].request.body)
    };
    assert_eq!(content_type.as_deref(), Some("application/json"));
    assert!(text.as_str().contains("\"id\""), "{}", text.as_str());
    assert!(
        said(&imported, "the JSON body has 1 string(s)"),
        "{:?}",
        imported.unmapped
    );
}
