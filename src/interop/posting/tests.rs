//! Reading a Posting collection directory: the shop fixture (folders from subdirectories,
//! Posting's order, query, headers, both body kinds, both auth kinds, disabled rows, path
//! parameters, options, `.env` files as variables and environments, scripts as comments) and
//! broken input.

use super::text::{Piece, pieces};
use super::*;

fn shop() -> Imported {
    import(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/posting/shop"
    )))
    .unwrap()
}

fn placed<'a>(imported: &'a Imported, path: &str) -> &'a Placed {
    imported
        .requests
        .iter()
        .find(|p| {
            let mut full = p.folder.clone();
            full.push(p.request.name.clone());
            full.join("/") == path
        })
        .unwrap_or_else(|| panic!("no {path}"))
}

fn find<'a>(imported: &'a Imported, path: &str) -> &'a Request {
    &placed(imported, path).request
}

fn said(imported: &Imported, words: &str) -> bool {
    imported.unmapped.iter().any(|u| u.contains(words))
}

fn pairs(rows: &[(String, Template)]) -> Vec<(&str, &str)> {
    rows.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect()
}

#[test]
fn subdirectories_are_folders_in_posting_s_order() {
    let imported = shop();
    let paths: Vec<String> = imported
        .requests
        .iter()
        .map(|p| format!("{}/{}", p.folder.join("/"), p.request.name))
        .collect();
    assert_eq!(
        paths,
        [
            "/health",
            "auth/log in",
            "users/get all users",
            "users/get one user",
            "users/create a user",
            "users/update a user",
            "users/admin/purge",
        ],
        "a folder's requests by method then name, then its subfolders"
    );
    let health = find(&imported, "health");
    assert_eq!(health.method, "GET");
    assert_eq!(health.url.as_str(), "{{ BASE_URL }}/health");
    assert_eq!(health.description.as_deref(), Some("Is the API up?"));
}

#[test]
fn dollar_variables_are_templates_and_a_double_dollar_is_a_dollar() {
    let imported = shop();
    assert_eq!(
        find(&imported, "auth/log in").url.as_str(),
        "{{ BASE_URL }}{{ API_PATH }}/login"
    );
    let Some(Body::Text { text, content_type }) = &find(&imported, "users/create a user").body else {
        panic!()
    };
    assert_eq!(content_type.as_deref(), Some("application/json"));
    assert!(text.as_str().contains(r#""price": "$5""#), "{text}");
    assert!(text.as_str().contains(r#""team": "{{ TEAM }}""#), "{text}");
    let Some(Body::Text { text, .. }) = &find(&imported, "users/admin/purge").body else {
        panic!()
    };
    assert_eq!(text.as_str(), "cost: $5");
    assert!(said(&imported, "a `$` in `cost: $5` starts no variable"));
}

#[test]
fn query_and_headers_leave_disabled_rows_out() {
    let imported = shop();
    let all = find(&imported, "users/get all users");
    assert_eq!(
        pairs(&all.query),
        [("page_size", "{{ PAGE_SIZE }}"), ("sort", "name")]
    );
    assert_eq!(pairs(&all.headers), [("Accept", "application/json")]);
    assert_eq!(
        pairs(&find(&imported, "health").headers),
        [("Accept", "application/json")]
    );
}

#[test]
fn a_form_and_a_text_body_come_across() {
    let imported = shop();
    let Some(Body::Form(rows)) = &find(&imported, "auth/log in").body else {
        panic!()
    };
    assert_eq!(pairs(rows), [("username", "ada"), ("password", "{{ PASSWORD }}")]);
    let update = find(&imported, "users/update a user");
    assert_eq!(
        update.body,
        Some(Body::Text {
            text: Template::literal("{\n  \"email\": \"ada@example.com\"\n}"),
            content_type: Some("application/json".into())
        }),
        "JSON as written, byte for byte"
    );
    assert!(update.headers.is_empty(), "the Content-Type is the body's");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("compact.posting.yaml"),
        "method: POST\nurl: https://x/\nbody:\n  content: '{\"a\":1}'\n  content_type: application/json\n",
    )
    .unwrap();
    let compact = import(dir.path()).unwrap();
    assert!(
        matches!(&compact.requests[0].request.body, Some(Body::Json { value, .. }) if value.value()["a"] == 1),
        "compact JSON is kept as JSON"
    );
}

#[test]
fn bearer_and_basic_auth_come_across_and_digest_is_said() {
    let imported = shop();
    assert_eq!(
        find(&imported, "users/get all users").auth,
        Some(Auth::Bearer(Template::parse("{{ TOKEN }}").unwrap()))
    );
    assert_eq!(
        find(&imported, "users/create a user").auth,
        Some(Auth::Basic {
            username: Template::literal("admin"),
            password: Template::parse("{{ ADMIN_PASSWORD }}").unwrap()
        })
    );
    assert_eq!(find(&imported, "users/admin/purge").auth, None);
    assert!(said(
        &imported,
        "users/admin/purge: digest auth is not one apibench has"
    ));
    assert_eq!(find(&imported, "health").auth, None);
}

#[test]
fn path_parameters_are_the_request_s_variables_and_options_come_across() {
    let imported = shop();
    let one = find(&imported, "users/get one user");
    assert_eq!(
        one.url.as_str(),
        "{{ BASE_URL }}{{ API_PATH }}/users/{{ id }}/posts:latest"
    );
    assert_eq!(
        one.variables.get("id").map(Template::as_str),
        Some("{{ USER_ID }}")
    );
    assert_eq!(one.options.follow_redirects, Some(false));
    assert_eq!(one.options.insecure_tls, Some(true));
    assert!(said(
        &imported,
        "the proxy http://proxy.internal:3128 is not kept"
    ));
    assert!(said(&imported, "`attach_cookies: false` is not kept"));
    assert_eq!(
        find(&imported, "health").options.timeout,
        Some(Duration::from_millis(2500))
    );
}

#[test]
fn env_files_are_the_variables_and_the_environments() {
    let imported = shop();
    let vars: Vec<(&str, &str)> = imported
        .variables
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        vars,
        [
            ("BASE_URL", "https://api.shop.example.com"),
            ("API_PATH", "/v1"),
            ("TOKEN", ""),
            ("PAGE_SIZE", "20"),
            ("FIRST_PAGE", "page=1&size={{ PAGE_SIZE }}"),
            ("DOWNLOADS", "{{ env.HOME }}/Downloads"),
            ("GREETING", "Hello ${USER}"),
        ],
        "`.env` then `posting.env`; `${{X}}` is interpolated only outside single quotes"
    );
    let names: Vec<&str> = imported.environments.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["dev", "prod"]);
    assert_eq!(
        imported.environments[0].1,
        [
            ("ENV_NAME".to_owned(), "dev".to_owned()),
            (
                "BASE_URL".to_owned(),
                "https://{{ ENV_NAME }}.shop.example.com".to_owned()
            ),
            ("API_KEY".to_owned(), "{{ env.DEV_API_KEY }}".to_owned()),
        ]
    );
}

#[test]
fn scripts_are_kept_as_comments_and_said() {
    let imported = shop();
    assert_eq!(
        placed(&imported, "users/create a user").comments,
        [
            "posting setup script (not run by apibench): scripts/auth.py",
            "posting on_request script (not run by apibench): scripts/auth.py:sign",
        ]
    );
    assert_eq!(
        placed(&imported, "auth/log in").comments,
        ["posting on_response script (not run by apibench): scripts/auth.py:save_token"]
    );
    assert!(said(
        &imported,
        "users/create a user: its scripts cannot run here"
    ));
    assert!(placed(&imported, "health").comments.is_empty());
}

#[test]
fn a_yaml_syntax_error_names_the_file_its_line_and_column() {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/posting/broken"
    ));
    let error = import(dir).unwrap_err();
    let PostingError::Yaml {
        path, line, column, ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(path, &dir.join("bad.posting.yaml"));
    assert_eq!((*line, *column), (5, 9), "{error}");
    assert!(error.to_string().contains("bad.posting.yaml:5:9: "), "{error}");
}

#[test]
fn a_wrong_type_and_a_broken_env_file_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.posting.yaml"), "url: x\nheaders: 3\n").unwrap();
    let error = import(dir.path()).unwrap_err();
    assert!(matches!(&error, PostingError::Yaml { line: 2, .. }), "{error:?}");
    std::fs::remove_file(dir.path().join("a.posting.yaml")).unwrap();
    std::fs::write(dir.path().join("dev.env"), "GOOD=1\nBAD=\"never closed\n").unwrap();
    let error = import(dir.path()).unwrap_err();
    assert!(
        matches!(&error, PostingError::DotEnv { path, line: 2, .. } if path.ends_with("dev.env")),
        "{error:?}"
    );
}

#[test]
fn what_is_not_a_collection_directory_is_refused_and_an_empty_one_is_said() {
    assert!(matches!(
        import(Path::new("/surely/not/here")),
        Err(PostingError::Read { .. })
    ));
    let dir = tempfile::tempdir().unwrap();
    let imported = import(dir.path()).unwrap();
    assert!(imported.requests.is_empty());
    assert!(said(&imported, "no *.posting.yaml file"));
}

#[test]
fn a_url_without_a_scheme_is_sent_over_http_and_a_nameless_request_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".posting.yaml"), "url: localhost:8000/items\n").unwrap();
    let imported = import(dir.path()).unwrap();
    let request = &imported.requests[0].request;
    assert_eq!(request.url.as_str(), "http://localhost:8000/items");
    assert_eq!(request.name, "items");
}

#[test]
fn text_splits_as_python_string_template_reads_it() {
    assert_eq!(
        pieces("a$b ${c}d $$e $1"),
        [
            Piece::Text("a".into()),
            Piece::Var("b".into()),
            Piece::Text(" ".into()),
            Piece::Var("c".into()),
            Piece::Text("d $e ".into()),
            Piece::Stray,
            Piece::Text("$1".into()),
        ]
    );
}

#[test]
fn a_secret_in_an_env_file_is_left_empty_and_named_in_one_line() {
    let imported = shop();
    let (_, prod) = &imported.environments[1];
    assert_eq!(
        prod,
        &[
            ("BASE_URL".to_owned(), "https://shop.example.com".to_owned()),
            ("TOKEN".to_owned(), String::new()),
            ("DB_PASSWORD".to_owned(), String::new()),
        ]
    );
    let lines: Vec<&String> = imported
        .unmapped
        .iter()
        .filter(|u| u.contains("prod.env"))
        .collect();
    assert_eq!(
        lines,
        [
            "TOKEN, DB_PASSWORD: secrets in prod.env; not copied into the collection — set them in an environment or apibench's .env"
        ]
    );
    assert!(
        !imported
            .unmapped
            .iter()
            .any(|u| u.contains("s3cret") || u.contains("hunter2"))
    );
    // An empty one, or one that only refers to another variable, holds no secret: kept, unsaid.
    assert!(!said(&imported, "TOKEN: a secret in .env"));
    assert!(!said(&imported, "API_KEY"));
}

#[test]
fn a_broken_env_line_is_quoted_by_its_key_never_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    std::fs::write(
        dir.path().join(".env"),
        format!("GOOD=1\nAuthorization Bearer {token}\n"),
    )
    .unwrap();
    let error = import(dir.path()).unwrap_err().to_string();
    assert!(error.contains("`Authorization`"), "{error}");
    assert!(
        !error.contains("Bearer") && !error.contains(&token[..12]),
        "{error}"
    );
    std::fs::write(dir.path().join(".env"), format!("{token} x\n")).unwrap();
    let error = import(dir.path()).unwrap_err().to_string();
    assert!(!error.contains(&token[..12]), "{error}");
}

#[test]
fn switched_off_rows_are_left_out_and_listed_once_per_request() {
    let imported = shop();
    let said = |line: &str| imported.unmapped.iter().filter(|u| *u == line).count();
    assert_eq!(
        said("health: switched-off rows left out: header X-Debug"),
        1,
        "{:?}",
        imported.unmapped
    );
    assert_eq!(
        said("users/get all users: switched-off rows left out: query debug"),
        1
    );
    assert_eq!(
        said("auth/log in: switched-off rows left out: form field remember"),
        1
    );
}
