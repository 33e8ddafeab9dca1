//! Reading OpenAPI 3.1, 3.0 and Swagger 2.0 descriptions: a request per operation in a
//! folder per tag, servers as `base_url` and environments, parameters as variables, bodies
//! from examples or schemas, security schemes as auth, and refusals that say where.

use std::fmt::Write as _;

use super::*;
use crate::collection::{Auth, Body, KeyLocation, Part};

fn fixture(name: &str) -> Imported {
    let path = format!("{}/tests/fixtures/openapi/{name}", env!("CARGO_MANIFEST_DIR"));
    import(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn find<'a>(imported: &'a Imported, name: &str) -> &'a Placed {
    imported
        .requests
        .iter()
        .find(|p| p.request.name == name)
        .unwrap_or_else(|| panic!("no request {name}"))
}

fn json_of(body: Option<&Body>) -> serde_json::Value {
    match body {
        Some(Body::Json { value, .. }) => value.value().clone(),
        other => panic!("not JSON: {other:?}"),
    }
}

fn var<'a>(request: &'a Request, name: &str) -> &'a str {
    request
        .variables
        .get(name)
        .map_or_else(|| panic!("no variable {name}"), Template::as_str)
}

#[test]
fn every_operation_is_a_request_in_its_tag_folder_named_by_its_summary() {
    let imported = fixture("petstore-3.1.yaml");
    let names: Vec<String> = imported
        .requests
        .iter()
        .map(|p| format!("{} {}/{}", p.request.method, p.folder.join("/"), p.request.name))
        .collect();
    assert_eq!(
        names,
        [
            "POST pet/Add a new pet to the store",
            "PUT pet/Update an existing pet",
            "GET pet/Finds Pets by status",
            "GET pet/Finds Pets by tags",
            "GET pet/Find pet by ID",
            "DELETE pet/deletePet",
            "POST pet/Uploads an image",
            "POST store/Place an order for a pet",
            "GET user/Logs user into the system",
            "GET /health",
        ]
    );
    let deprecated = find(&imported, "Finds Pets by tags");
    assert!(
        deprecated
            .request
            .description
            .as_deref()
            .unwrap()
            .starts_with("Deprecated")
    );
}

#[test]
fn servers_give_base_url_and_an_environment_each_with_their_variables_filled() {
    let imported = fixture("petstore-3.1.yaml");
    assert_eq!(
        imported.variables[0],
        ("base_url".into(), "https://petstore3.swagger.io/api/v3".into())
    );
    assert_eq!(
        imported.environments,
        [
            (
                "Production".into(),
                vec![("base_url".into(), "https://petstore3.swagger.io/api/v3".into())]
            ),
            (
                "Staging".into(),
                vec![("base_url".into(), "https://eu.staging.example.com/api/v3".into())]
            ),
        ]
    );
    assert!(
        imported.unmapped.iter().any(|n| n.contains("1 webhook")),
        "{:?}",
        imported.unmapped
    );
}

#[test]
fn path_parameters_are_request_variables_valued_from_their_examples() {
    let imported = fixture("petstore-3.1.yaml");
    let get = &find(&imported, "Find pet by ID").request;
    assert_eq!(get.url.as_str(), "{{ base_url }}/pet/{{ petId }}");
    assert_eq!(
        var(get, "petId"),
        "10",
        "the path item's parameter, its schema's example"
    );
    let upload = &find(&imported, "Uploads an image").request;
    assert_eq!(
        var(upload, "petId"),
        "0",
        "the operation's own parameter, built from its type"
    );
}

#[test]
fn required_query_parameters_read_variables_and_optional_ones_are_listed() {
    let imported = fixture("petstore-3.1.yaml");
    let placed = find(&imported, "Finds Pets by status");
    let request = &placed.request;
    assert_eq!(request.query.len(), 1);
    assert_eq!(request.query[0].0, "status");
    assert_eq!(request.query[0].1.as_str(), "{{ status }}");
    assert_eq!(var(request, "status"), "available", "the schema's default");
    assert_eq!(placed.comments, ["optional parameters: limit (query)"]);
    let headers: Vec<(&str, &str)> = request
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        headers,
        [("X-Request-ID", "7b0c6a4e"), ("Cookie", "session=abc123")]
    );
    let tags = &find(&imported, "Finds Pets by tags").request;
    let rows: Vec<(&str, &str)> = tags.query.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    assert_eq!(
        rows,
        [("tags", "friendly"), ("tags", "small")],
        "form, exploded: one row per value"
    );
}

#[test]
fn bodies_come_from_examples_first_then_from_the_schema() {
    let imported = fixture("petstore-3.1.yaml");
    let add = &find(&imported, "Add a new pet to the store").request;
    assert_eq!(
        json_of(add.body.as_ref()),
        serde_json::json!({"name": "doggie", "photoUrls": ["https://example.com/d.jpg"], "status": "available"}),
        "the first of `examples`"
    );
    let update = find(&imported, "Update an existing pet");
    let built = json_of(update.request.body.as_ref());
    assert!(
        built.get("id").is_none(),
        "read-only properties are not sent: {built}"
    );
    assert_eq!(built["name"], "doggie", "a property's `examples`");
    assert_eq!(
        built["category"],
        serde_json::json!({"id": 1, "name": "Dogs"}),
        "a schema that contains itself stops where it recurs"
    );
    assert_eq!(built["tags"], serde_json::json!([{"id": 0, "name": "string"}]));
    assert_eq!(
        built["status"], "available",
        "a nullable enum takes its first value"
    );
    assert_eq!(
        update.comments,
        ["the API also takes this body as: application/xml, application/x-www-form-urlencoded"]
    );
    let order = &find(&imported, "Place an order for a pet").request;
    assert_eq!(
        json_of(order.body.as_ref()),
        serde_json::json!({"petId": 198_772, "quantity": 1, "shipDate": "2024-01-01T00:00:00Z", "complete": true}),
        "allOf merged, a minimum taken, a date-time in its format"
    );
}

#[test]
fn a_multipart_file_field_is_left_empty_with_a_comment_saying_how_to_attach_one() {
    let imported = fixture("petstore-3.1.yaml");
    let upload = find(&imported, "Uploads an image");
    let Some(Body::Multipart(parts)) = &upload.request.body else {
        panic!("{:?}", upload.request.body)
    };
    assert_eq!(
        parts,
        &[
            Part::Value {
                name: "additionalMetadata".into(),
                value: Template::literal("front view")
            },
            Part::Value {
                name: "file".into(),
                value: Template::literal("")
            },
        ]
    );
    assert!(
        upload.comments[0].contains("{ name: file, file: PATH }"),
        "{:?}",
        upload.comments
    );
}

#[test]
fn security_schemes_become_auth_and_an_empty_security_list_means_none() {
    let imported = fixture("petstore-3.1.yaml");
    let auth = |name: &str| find(&imported, name).request.auth.clone();
    assert_eq!(
        auth("Add a new pet to the store"),
        Some(Auth::Bearer(Template::parse("{{ access_token }}").unwrap())),
        "OAuth 2 as a bearer token to fetch"
    );
    assert_eq!(
        auth("Find pet by ID"),
        Some(Auth::ApiKey {
            location: KeyLocation::Header,
            name: "api_key".into(),
            value: Template::parse("{{ api_key }}").unwrap()
        }),
        "the first of the alternatives"
    );
    assert_eq!(auth("Logs user into the system"), None, "security: [] opts out");
    assert!(
        imported
            .variables
            .contains(&("access_token".into(), String::new()))
    );
    assert!(imported.variables.contains(&("api_key".into(), String::new())));
    assert!(
        imported
            .unmapped
            .iter()
            .any(|n| n.starts_with("OAuth 2 (`petstore_auth`)")),
        "{:?}",
        imported.unmapped
    );
}

#[test]
fn swagger_2_reads_hosts_schemes_body_and_form_parameters_and_definitions() {
    let imported = fixture("petstore-swagger-2.0.json");
    assert_eq!(
        imported.variables[0],
        ("base_url".into(), "https://petstore.swagger.io/v2".into())
    );
    let environments: Vec<&str> = imported.environments.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        environments,
        ["petstore.swagger.io (https)", "petstore.swagger.io (http)"]
    );
    let add = &find(&imported, "Add a new pet to the store").request;
    assert_eq!(
        json_of(add.body.as_ref()),
        serde_json::json!({"category": {"id": 0, "name": "string"}, "name": "doggie",
            "photoUrls": ["string"], "tags": [{"id": 0, "name": "string"}], "status": "available"})
    );
    let form = &find(&imported, "Updates a pet in the store with form data").request;
    assert!(
        matches!(&form.body, Some(Body::Form(rows)) if rows.len() == 2),
        "{:?}",
        form.body
    );
    assert_eq!(var(form, "petId"), "42", "a shared parameter's x-example");
    let upload = &find(&imported, "uploads an image").request;
    assert!(matches!(&upload.body, Some(Body::Multipart(parts)) if parts.len() == 2));
    let login = &find(&imported, "Logs user into the system").request;
    assert_eq!(var(login, "username"), "theUser");
    assert_eq!(
        find(&imported, "The signed-in user").request.auth,
        Some(Auth::Basic {
            username: Template::parse("{{ username }}").unwrap(),
            password: Template::parse("{{ password }}").unwrap()
        })
    );
}

#[test]
fn openapi_3_0_reads_with_relative_servers_vendor_json_and_cookie_keys() {
    let imported = fixture("orders-3.0.json");
    assert_eq!(
        imported.variables[0],
        ("base_url".into(), "http://localhost/api/v2".into())
    );
    assert!(
        imported.unmapped[0].contains("`/api/v2` is relative"),
        "{:?}",
        imported.unmapped
    );
    let list = &find(&imported, "listOrders").request;
    assert_eq!(list.query[0].0, "page[size]");
    assert_eq!(list.query[0].1.as_str(), "{{ page_size }}");
    assert_eq!(var(list, "page_size"), "20");
    assert_eq!(
        list.auth,
        Some(Auth::Bearer(Template::parse("{{ token }}").unwrap()))
    );
    let create = &find(&imported, "createOrder").request;
    let Some(Body::Json { value, content_type }) = &create.body else {
        panic!("{:?}", create.body)
    };
    assert_eq!(content_type.as_deref(), Some("application/vnd.api+json"));
    let value = value.value().clone();
    assert_eq!(
        value["data"]["attributes"]["note"], "{{ \"{{\" }} not a variable }}",
        "braces in an example stay literal"
    );
    let cancel = &find(&imported, "Cancel refund an order").request;
    assert_eq!(cancel.url.as_str(), "{{ base_url }}/orders/{{ order-id }}/cancel");
    assert_eq!(cancel.headers[0].1.as_str(), "SESSIONID={{ cookie_auth }}");
    assert!(matches!(&cancel.body, Some(Body::Text { content_type: Some(t), .. }) if t == "text/plain"));
}

#[test]
fn openapi_3_0_schema_spellings_are_read_as_3_1s() {
    let mut document = serde_json::json!({
        "openapi": "3.0.3",
        "components": {"schemas": {"N": {"type": "integer", "nullable": true, "minimum": 0, "exclusiveMinimum": true,
            "properties": {"nullable": {"type": "string"}}}}}
    });
    document = normalise::to_31(document, normalise::Version::OpenApi30);
    assert_eq!(
        document["components"]["schemas"]["N"],
        serde_json::json!({"type": ["integer", "null"], "exclusiveMinimum": 0,
            "properties": {"nullable": {"type": "string"}}})
    );
}

#[test]
fn yaml_syntax_errors_say_where() {
    let error = import("openapi: 3.1.0\npaths:\n  /a: [\n").unwrap_err();
    assert!(
        matches!(&error, OpenApiError::Syntax(m) if m.contains("line")),
        "{error}"
    );
    let error = import("{\"openapi\": \"3.1.0\",\n \"paths\": {,}}").unwrap_err();
    assert!(
        matches!(&error, OpenApiError::Syntax(m) if m.contains("line 2")),
        "{error}"
    );
}

#[test]
fn other_documents_and_versions_are_refused_by_name() {
    let error = import("name: Shop\nrequests: []\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "this is not an OpenAPI description: it has neither `openapi:` nor `swagger:`"
    );
    let error = import("openapi: 4.0.0\ninfo: {title: t, version: '1'}\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "this is not an OpenAPI description: openapi: 4.0.0"
    );
    let error = import("swagger: '1.2'\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "this is not an OpenAPI description: swagger: 1.2"
    );
    assert!(matches!(import("- a\n- b\n"), Err(OpenApiError::NotOpenApi(_))));
}

#[test]
fn a_document_the_model_refuses_names_the_place() {
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {}\n      tags: notalist\n";
    let error = import(text).unwrap_err();
    let OpenApiError::Invalid { at, .. } = &error else {
        panic!("{error}")
    };
    assert_eq!(at, "paths./a.get.tags", "{error}");
}

#[test]
fn an_operation_without_summary_or_id_is_named_by_its_path_and_a_description_without_servers_says_so() {
    let text =
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /users/{id}/keys:\n    delete: {}\n";
    let imported = import(text).unwrap();
    assert_eq!(imported.requests[0].request.name, "users {id} keys");
    assert_eq!(
        imported.variables,
        [("base_url".into(), "http://localhost".into())]
    );
    assert!(imported.unmapped[0].starts_with("servers: the description names none"));
}

#[test]
fn the_outline_keeps_servers_with_their_variables_and_required_fields_the_client_sends() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/openapi/petstore-3.1.yaml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let described = outline(&text, "pets.yaml").unwrap();
    let hosts: Vec<String> = described
        .servers
        .iter()
        .map(|s| format!("{}{}", s.host.as_deref().unwrap_or("*"), s.base_path))
        .collect();
    assert_eq!(
        hosts,
        [
            "petstore3.swagger.io/api/v3",
            "{region}.staging.example.com/api/v3"
        ]
    );
    let add = described
        .operations
        .iter()
        .find(|op| op.method == "POST" && op.path == "/pet")
        .unwrap();
    let body = add.body.as_ref().unwrap();
    let required: Vec<&str> = body
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(required, ["name", "photoUrls"]);
    let category = body.fields.iter().find(|f| f.name == "category").unwrap();
    let parent = category
        .children
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .find(|f| f.name == "parent")
        .unwrap();
    assert!(
        parent.children.is_none(),
        "a schema that contains itself stops where it recurs"
    );
}

#[test]
fn a_read_only_required_field_is_not_required_of_the_client() {
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              required: [id, name]\n              properties:\n                id: {type: integer, readOnly: true}\n                name: {type: string}\n      responses: {}\n";
    let described = outline(text, "api.yaml").unwrap();
    let fields = &described.operations[0].body.as_ref().unwrap().fields;
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(required, ["name"]);
}

/// How many fields, at every depth.
fn count(fields: &crate::diagnosis::api_description::Fields) -> usize {
    fields
        .fields
        .iter()
        .map(|f| 1 + f.children.as_ref().map_or(0, count))
        .sum()
}

#[test]
fn a_schema_that_fans_out_into_itself_is_read_within_a_budget() {
    // Twelve properties that each are the schema again: without a budget, 12^7 fields.
    let properties: String = (0..12).fold(String::new(), |mut text, i| {
        let _ = writeln!(text, "        p{i}: {{$ref: '#/components/schemas/Node'}}");
        text
    });
    let text = format!(
        "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths:\n  /n:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Node'}}\n      responses: {{}}\ncomponents:\n  schemas:\n    Node:\n      type: object\n      properties:\n{properties}"
    );
    let described = outline(&text, "api.yaml").unwrap();
    let body = described.operations[0].body.as_ref().unwrap();
    assert!(count(body) <= 5_000, "{}", count(body));
    // The request's example body ends too: each property would be the schema again.
    let imported = import(&text).unwrap();
    assert_eq!(
        json_of(imported.requests[0].request.body.as_ref()),
        serde_json::json!({})
    );
}

#[test]
fn array_and_object_query_parameters_are_spelt_as_their_style_says() {
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /c:\n    get:\n      parameters:\n        - {name: ids, in: query, required: true, explode: false, example: [1, 2]}\n        - {name: tags, in: query, required: true, style: pipeDelimited, example: [a, b]}\n        - {name: created, in: query, required: true, style: deepObject, example: {gte: 1, lt: 9}}\n      responses: {}\n";
    let imported = import(text).unwrap();
    let rows: Vec<(&str, &str)> = imported.requests[0]
        .request
        .query
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("ids", "1,2"),
            ("tags", "a|b"),
            ("created[gte]", "1"),
            ("created[lt]", "9")
        ]
    );
}

#[test]
fn an_operation_served_elsewhere_goes_there_and_cookies_share_one_header() {
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://api.example.com'}]\npaths:\n  /assets:\n    post:\n      servers: [{url: 'https://uploads.example.com/'}]\n      parameters:\n        - {name: locale, in: cookie, required: true, example: en-GB}\n      security: [{session: []}]\n      responses: {}\ncomponents:\n  securitySchemes:\n    session: {type: apiKey, in: cookie, name: user_session}\n";
    let imported = import(text).unwrap();
    let request = &imported.requests[0].request;
    assert_eq!(request.url.as_str(), "https://uploads.example.com/assets");
    let cookies: Vec<&str> = request
        .headers
        .iter()
        .filter(|(n, _)| n == "Cookie")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(cookies, ["locale=en-GB; user_session={{ session }}"]);
}

#[test]
fn examples_are_data_the_normalising_leaves_alone() {
    let mut document = serde_json::json!({
        "openapi": "3.0.3",
        "components": {"schemas": {"N": {"type": "object", "example": {"name": "x", "nullable": true, "type": "file"}}}}
    });
    document = normalise::to_31(document, normalise::Version::OpenApi30);
    assert_eq!(
        document["components"]["schemas"]["N"]["example"],
        serde_json::json!({"name": "x", "nullable": true, "type": "file"})
    );
}

#[test]
fn what_a_schema_says_of_unlisted_fields_is_kept_through_all_of_and_one_of() {
    use crate::diagnosis::api_description::Others;
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    post:\n      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Closed'}}}}\n      responses: {}\n  /b:\n    post:\n      requestBody: {content: {application/json: {schema: {oneOf: [{$ref: '#/components/schemas/Closed'}, {type: object, properties: {y: {type: string}}}]}}}}\n      responses: {}\n  /c:\n    post:\n      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}\n      responses: {}\ncomponents:\n  schemas:\n    Closed: {type: object, additionalProperties: false, properties: {x: {type: string}}}\n    Pet: {type: object, discriminator: {propertyName: kind}, additionalProperties: false, properties: {kind: {type: string}}}\n";
    let described = outline(text, "api.yaml").unwrap();
    let others: Vec<Others> = described
        .operations
        .iter()
        .map(|op| op.body.as_ref().unwrap().others)
        .collect();
    assert_eq!(others, [Others::Refused, Others::Unlisted, Others::Taken]);
}
