//! Reading `.http` files as the JetBrains HTTP Client and VS Code REST Client write them,
//! and writing one back.

use super::*;
use crate::collection::Body;

const FILE: &str = r#"@host = https://api.example.com
@token = {{$processEnv API_TOKEN}}

### Log in
# @name login
POST {{host}}/v1/login HTTP/1.1
Content-Type: application/json

{"user": "ada", "password": "{{$dotenv PASSWORD}}"}

### List users, paged
GET {{host}}/v1/users
    ?page=2
    &per_page=50
Authorization: Bearer {{login.response.body.$.token}}
X-Request-Id: {{$guid}}

###
// @no-redirect
DELETE {{host}}/v1/users/7
Authorization: Bearer {{token}}

> {% client.global.set("gone", true); %}

###
PUT https://api.example.com/v1/avatar
Content-Type: image/png

< ./avatar.png
"#;

fn sources(r: &Request) -> Vec<(String, String)> {
    r.headers
        .iter()
        .map(|(n, v)| (n.clone(), v.as_str().to_owned()))
        .collect()
}

#[test]
fn requests_variables_and_templates_are_read_as_apibench_writes_them() {
    let imported = import(FILE).unwrap();
    assert_eq!(
        imported.variables,
        [
            ("host".to_owned(), "https://api.example.com".to_owned()),
            ("token".to_owned(), "{{ env.API_TOKEN }}".to_owned())
        ]
    );
    let names: Vec<&str> = imported.requests.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["login", "List users, paged", "7", "avatar"]);

    let login = &imported.requests[0];
    assert_eq!(login.method, "POST");
    assert_eq!(login.url.as_str(), "{{ host }}/v1/login");
    let Some(Body::Text { text, content_type }) = &login.body else {
        panic!("{:?}", login.body)
    };
    assert_eq!(content_type.as_deref(), Some("application/json"));
    assert_eq!(
        text.as_str(),
        r#"{"user": "ada", "password": "{{ env.PASSWORD }}"}"#
    );

    let users = &imported.requests[1];
    assert_eq!(users.url.as_str(), "{{ host }}/v1/users?page=2&per_page=50");
    let headers = sources(users);
    assert_eq!(headers[0].1, "Bearer {{ response.login.body.$.token }}");
    assert!(
        headers[1].1.contains(r#"{{ "{{" }}$guid}}"#),
        "kept as text: {headers:?}"
    );

    let delete = &imported.requests[2];
    assert_eq!(delete.options.follow_redirects, Some(false));
    assert_eq!(delete.body, None, "the response handler is not a body");

    let avatar = &imported.requests[3];
    assert_eq!(
        avatar.body,
        Some(Body::File {
            path: Template::literal("./avatar.png"),
            content_type: Some("image/png".into())
        })
    );
    let said = imported.unmapped.join("\n");
    assert!(said.contains("{{$guid}} has no equivalent"), "{said}");
    assert!(said.contains("runs in the HTTP client only"), "{said}");
}

#[test]
fn a_url_with_spaces_inside_its_braces_is_one_url() {
    let imported =
        import("GET {{ host }}/a HTTP/1.1\n\n###\nPOST {{$processEnv API_HOST}}/v1/users\n").unwrap();
    assert_eq!(imported.requests[0].url.as_str(), "{{ host }}/a");
    assert_eq!(imported.requests[1].url.as_str(), "{{ env.API_HOST }}/v1/users");
}

#[test]
fn what_is_not_a_request_is_refused_with_its_line() {
    assert_eq!(import("# only a comment\n"), Err(HttpFileError::Empty));
    let error = import("GET https://x/\nnot a header\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "line 2: `not a header` is not a header (`Name: value`)"
    );
    let error = import("@broken\nGET https://x/\n").unwrap_err();
    assert!(error.to_string().starts_with("line 1:"), "{error}");
}

#[test]
fn a_request_goes_out_as_a_block_the_http_client_reads() {
    let mut request = crate::http::ResolvedRequest::get("https://api.example.com/v1/users");
    request.method = "POST".into();
    request.headers = vec![("content-type".into(), "application/json".into())];
    request.body = "{\"a\":1}".into();
    let block = export("Create", &request);
    assert!(
        block.starts_with("### Create\nPOST https://api.example.com/v1/users HTTP/1.1\n"),
        "{block}"
    );
    assert!(
        !block.to_ascii_lowercase().contains("host:") && !block.contains("content-length"),
        "{block}"
    );
    assert!(block.ends_with("\n\n{\"a\":1}\n"), "{block}");
    let back = import(&block).unwrap();
    assert_eq!(back.requests[0].method, "POST");
    assert_eq!(back.requests[0].url.as_str(), "https://api.example.com/v1/users");
}

#[test]
fn a_response_handler_over_several_lines_is_left_out_whole() {
    let text = "### Create order\nPOST https://api.example.com/orders\nContent-Type: application/json\n\n{\"sku\":\"A-1\"}\n\n> {%\n  client.test(\"ok\", function() {});\n  client.global.set(\"order_id\", response.body.id);\n%}\n";
    let imported = import(text).unwrap();
    let Some(Body::Json { value, .. }) = &imported.requests[0].body else {
        panic!("{:?}", imported.requests[0].body)
    };
    assert_eq!(value.value(), &serde_json::json!({"sku": "A-1"}));
    assert!(
        imported
            .unmapped
            .iter()
            .any(|n| n.starts_with("lines 7–10: a response handler")),
        "{:?}",
        imported.unmapped
    );
}

#[test]
fn a_multipart_body_with_a_file_becomes_parts() {
    let text = "POST https://api.example.com/invoices\nContent-Type: multipart/form-data; boundary=WebAppBoundary\n\n--WebAppBoundary\nContent-Disposition: form-data; name=\"note\"\n\nPaid in full\n--WebAppBoundary\nContent-Disposition: form-data; name=\"file\"; filename=\"invoice.pdf\"\nContent-Type: application/pdf\n\n< ./invoice.pdf\n--WebAppBoundary--\n";
    let imported = import(text).unwrap();
    assert_eq!(
        imported.requests[0].body,
        Some(Body::Multipart(vec![
            crate::collection::Part::Value {
                name: "note".into(),
                value: Template::literal("Paid in full")
            },
            crate::collection::Part::File {
                name: "file".into(),
                path: Template::literal("./invoice.pdf"),
                content_type: Some("application/pdf".into())
            },
        ]))
    );
}

#[test]
fn a_form_over_several_lines_is_one_form_and_plain_basic_credentials_are_basic_auth() {
    let text = "POST https://auth.example.com/token\nAuthorization: Basic admin:s3cret\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials\n&client_id=abc\n&scope=read\n";
    let imported = import(text).unwrap();
    let request = &imported.requests[0];
    assert!(
        matches!(&request.body, Some(Body::Form(rows)) if rows.len() == 3),
        "{:?}",
        request.body
    );
    assert_eq!(
        request.auth,
        Some(crate::collection::Auth::Basic {
            username: Template::literal("admin"),
            password: Template::literal("s3cret")
        })
    );
    assert!(request.headers.is_empty(), "{:?}", request.headers);
}
