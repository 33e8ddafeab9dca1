//! `apibench import` and `apibench export` as a user runs them: a curl line into a new file
//! (folders made), into an existing one (every byte of it kept), a broken line refused with
//! nothing written, and a request back out as curl, masked unless asked.

use crate::support::Scratch;
use crate::support::cli::apibench;

fn run(args: &[&str], dir: &std::path::Path) -> (i32, String, String) {
    let output = apibench().current_dir(dir).args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_curl_line_becomes_a_request_in_a_new_file_that_loads_and_checks() {
    let scratch = Scratch::new();
    let command = "curl https://api.stripe.com/v1/customers -u 'sk_test_4eC39HqLyjWDarjtT1zdp7dc:' -d name='Jenny Rosen' -o out.json";
    let (code, out, err) = run(
        &[
            "import",
            "curl",
            command,
            "--into",
            "shop.yaml",
            "--folder",
            "Stripe/Customers",
        ],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("imported `customers` into shop.yaml (folder Stripe/Customers)"),
        "{out}"
    );
    assert!(out.contains("not imported: -o out.json"), "{out}");
    let (code, out, _) = run(&["check", "shop.yaml"], scratch.path());
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(scratch.path().join("shop.yaml")).unwrap();
    assert!(text.contains("      - folder: Customers\n"), "{text}");
    assert!(text.contains("                name: Jenny Rosen\n"), "{text}");
}

#[test]
fn importing_into_an_existing_file_keeps_every_byte_of_it() {
    let scratch = Scratch::new();
    let before = "# Our API, by hand\nname: Mine\nrequests:\n  - name: Health   # keep this comment\n    url: https://x/health\n";
    let file = scratch.write("mine.yaml", before);
    let (code, out, err) = run(
        &[
            "import",
            "curl",
            "curl -X DELETE 'https://x/v1/items/7' -H 'X-Trace: {{ not a var }}'",
            "--into",
            "mine.yaml",
            "--name",
            "Delete item",
        ],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.starts_with(before), "{after}");
    assert!(
        after.contains("  - name: Delete item\n    method: DELETE\n"),
        "{after}"
    );
    // Out again: the header is the literal text it was.
    let (code, out, _) = run(
        &["export", "curl", "mine.yaml", "--request", "Delete item"],
        scratch.path(),
    );
    assert_eq!(code, 0);
    assert!(out.contains("-H 'X-Trace: {{ not a var }}'"), "{out}");
}

#[test]
fn a_broken_line_is_refused_and_nothing_is_written() {
    let scratch = Scratch::new();
    for (command, said) in [
        ("curl 'https://x", "a quote is never closed"),
        ("wget https://x/", "not a curl command"),
        ("curl -H", "`-H` needs a value"),
    ] {
        let (code, _, err) = run(&["import", "curl", command, "--into", "new.yaml"], scratch.path());
        assert_eq!(code, 2, "{command}: {err}");
        assert!(err.contains(said), "{command}: {err}");
        assert!(!scratch.path().join("new.yaml").exists());
    }
}

#[test]
fn export_masks_credentials_unless_revealed() {
    let scratch = Scratch::new();
    scratch.write(
        "c.yaml",
        "requests:\n  - name: Me\n    url: https://api.example.com/me\n    auth: { bearer: tok-0123456789abcdef }\n",
    );
    let (_, masked, _) = run(&["export", "curl", "c.yaml", "--request", "Me"], scratch.path());
    assert!(
        masked.contains("Authorization: Bearer ****") && !masked.contains("tok-0123"),
        "{masked}"
    );
    let (_, shown, _) = run(
        &["export", "curl", "c.yaml", "-r", "Me", "--reveal-secrets"],
        scratch.path(),
    );
    assert!(
        shown.contains("Authorization: Bearer tok-0123456789abcdef"),
        "{shown}"
    );
}

#[test]
fn a_har_archive_becomes_a_folder_per_host_that_checks() {
    let scratch = Scratch::new();
    let har = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/har/shop.har");
    let (code, out, err) = run(
        &[
            "import",
            "har",
            har,
            "--into",
            "shop.yaml",
            "--folder",
            "Browser",
            "--only-xhr",
            "--drop-cookies",
        ],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("imported 3 requests into shop.yaml:"), "{out}");
    assert!(
        out.contains("`cart` (folder Browser/api.shop.example.com)"),
        "{out}"
    );
    assert!(
        out.contains("not imported: 2 entries that are not XHR/fetch"),
        "{out}"
    );
    let (code, out, _) = run(&["check", "shop.yaml"], scratch.path());
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(scratch.path().join("shop.yaml")).unwrap();
    assert!(!text.contains("session=abc123"), "cookies dropped:\n{text}");
    let (code, _, err) = run(
        &["import", "har", "Cargo.toml", "--into", "x.yaml"],
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert_eq!(code, 2);
    assert!(err.contains("this is not a HAR archive"), "{err}");
}

#[test]
fn a_http_file_comes_in_with_its_variables_and_chains_and_goes_out_again() {
    let scratch = Scratch::new();
    scratch.write(
        "api.http",
        "@host = https://api.example.com\n\n### Log in\n# @name login\nPOST {{host}}/v1/login\nContent-Type: application/json\n\n{\"user\":\"ada\"}\n\n###\nGET {{host}}/v1/me\nAuthorization: Bearer {{login.response.body.$.token}}\n",
    );
    let (code, out, err) = run(
        &["import", "http", "api.http", "--into", "api.yaml"],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("imported 2 requests into api.yaml:\n  `login`\n  `me`\n"),
        "{out}"
    );
    let (code, out, _) = run(&["check", "api.yaml"], scratch.path());
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(scratch.path().join("api.yaml")).unwrap();
    assert!(
        text.contains("Authorization: \"Bearer {{ response.login.body.$.token }}\""),
        "{text}"
    );
    assert!(
        text.contains("variables:\n  host: https://api.example.com"),
        "{text}"
    );
    let (code, out, _) = run(
        &["export", "http", "api.yaml", "--request", "login"],
        scratch.path(),
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with("### login\nPOST https://api.example.com/v1/login HTTP/1.1\n"),
        "{out}"
    );
}

#[test]
fn a_postman_export_becomes_folders_with_its_auth_variables_and_scripts_as_comments() {
    let scratch = Scratch::new();
    let export = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/postman/shop.postman_collection.json"
    );
    std::fs::write(scratch.path().join("prices.csv"), "sku,price\n").unwrap();
    let (code, out, err) = run(
        &["import", "postman", export, "--into", "shop.yaml"],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("imported 6 requests into shop.yaml:"), "{out}");
    assert!(out.contains("admin_password, feed_key"), "{out}");
    let (code, out, _) = run(&["check", "shop.yaml"], scratch.path());
    assert_eq!(code, 0, "the imported collection loads and checks: {out}");
    let text = std::fs::read_to_string(scratch.path().join("shop.yaml")).unwrap();
    assert!(
        text.contains(
            "      - name: List products\n        # postman prerequest script (not run by apibench):\n"
        ),
        "{text}"
    );
    assert!(text.ends_with("feed_key: \"\"\n"), "{text}");
}

#[test]
fn an_insomnia_export_becomes_folders_environments_and_requests_that_check() {
    let scratch = Scratch::new();
    let export = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/insomnia/shop.insomnia.json"
    );
    std::fs::write(scratch.path().join("front.png"), b"\x89PNG").unwrap();
    let (code, out, err) = run(
        &["import", "insomnia", export, "--into", "shop.yaml"],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("imported 4 requests into shop.yaml:"), "{out}");
    assert!(out.contains("admin_password, api_key"), "{out}");
    let (code, out, _) = run(&["check", "shop.yaml"], scratch.path());
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(scratch.path().join("shop.yaml")).unwrap();
    assert!(text.contains("Staging"), "{text}");
    // The staging environment overrides the base URL, as in Insomnia.
    let (code, out, _) = run(
        &[
            "export",
            "curl",
            "shop.yaml",
            "-r",
            "Admin/Sign in",
            "--env",
            "Staging",
        ],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("https://staging.shop.example.com/v1/session"),
        "{out}"
    );
}

#[test]
fn a_name_its_folder_has_already_gets_a_number() {
    let scratch = Scratch::new();
    for _ in 0..2 {
        let (code, _, err) = run(
            &["import", "curl", "curl https://x/v1/users", "--into", "c.yaml"],
            scratch.path(),
        );
        assert_eq!(code, 0, "{err}");
    }
    let (_, out, _) = run(
        &["import", "curl", "curl https://x/v1/users", "--into", "c.yaml"],
        scratch.path(),
    );
    assert!(out.contains("imported `users 3`"), "{out}");
}

#[test]
fn export_masks_an_api_key_under_any_name_and_whatever_came_from_the_environment() {
    let scratch = Scratch::new();
    scratch.write(
        "c.yaml",
        "requests:\n  - name: Shop\n    url: https://api.example.com/items\n    headers:\n      X-Shop: \"{{ env.SHOP_KEY }}\"\n    auth: { api_key: { in: query, name: shop, value: apikey-abcdef123456 } }\n",
    );
    let output = apibench()
        .current_dir(scratch.path())
        .env("SHOP_KEY", "envsecret-987654")
        .args(["export", "curl", "c.yaml", "-r", "Shop"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        !out.contains("apikey-abcdef123456") && !out.contains("envsecret-987654"),
        "{out}"
    );
    assert!(out.contains("shop=****") && out.contains("X-Shop: ****"), "{out}");
}

#[test]
fn export_masks_secret_named_multipart_fields() {
    let scratch = Scratch::new();
    scratch.write(
        "c.yaml",
        "requests:\n  - name: Up\n    method: POST\n    url: https://api.example.com/up\n    body:\n      multipart:\n        - { name: password, value: hunter2-multipart }\n        - { name: note, value: hello }\n",
    );
    let (_, out, _) = run(&["export", "curl", "c.yaml", "-r", "Up"], scratch.path());
    // A multipart body has CRLFs, so it is piped as octal escapes.
    let octal = |text: &str| {
        text.bytes().fold(String::new(), |mut out, b| {
            use std::fmt::Write as _;
            let _ = write!(out, "\\{b:03o}");
            out
        })
    };
    assert!(!out.contains(&octal("hunter2-multipart")), "{out}");
    assert!(
        out.contains(&octal("\r\n****\r\n")) && out.contains(&octal("hello")),
        "{out}"
    );
}

#[test]
fn an_import_into_a_file_that_does_not_load_is_refused_and_leaves_it_as_it_was() {
    let scratch = Scratch::new();
    let broken = "name: Broken\nrequests:\n  - name: A\n    url: [unclosed\n";
    let file = scratch.write("broken.yaml", broken);
    let (code, _, err) = run(
        &[
            "import",
            "curl",
            "curl https://x/v1/users",
            "--into",
            "broken.yaml",
        ],
        scratch.path(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("broken.yaml:"), "located: {err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), broken);
}

#[test]
fn an_openapi_description_becomes_a_request_per_operation_that_checks_and_exports() {
    let scratch = Scratch::new();
    let spec = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/openapi/petstore-3.1.yaml"
    );
    let (code, out, err) = run(
        &["import", "openapi", spec, "--into", "pets.yaml"],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("imported 10 requests into pets.yaml:"), "{out}");
    assert!(out.contains("  `Find pet by ID` (folder pet)"), "{out}");
    assert!(out.contains("not imported: OAuth 2 (`petstore_auth`)"), "{out}");
    let (code, out, _) = run(&["check", "pets.yaml"], scratch.path());
    assert_eq!(code, 0, "the imported collection loads and checks: {out}");
    let (code, out, _) = run(
        &[
            "export",
            "curl",
            "pets.yaml",
            "-r",
            "pet/Find pet by ID",
            "--env",
            "Staging",
            "--var",
            "api_key=k-123",
        ],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("https://eu.staging.example.com/api/v3/pet/10"),
        "{out}"
    );
    assert!(
        out.contains("-H 'api_key: ****'"),
        "the key is sent, masked: {out}"
    );
}

#[test]
fn a_swagger_2_description_imports_into_an_existing_file_keeping_its_bytes() {
    let scratch = Scratch::new();
    let before = "# my requests\nname: Mine\nrequests:\n  - name: ping   # keep me\n    url: https://example.com/ping\n";
    std::fs::write(scratch.path().join("mine.yaml"), before).unwrap();
    let spec = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/openapi/petstore-swagger-2.0.json"
    );
    let (code, out, err) = run(
        &[
            "import",
            "openapi",
            spec,
            "--into",
            "mine.yaml",
            "--folder",
            "Petstore",
        ],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(scratch.path().join("mine.yaml")).unwrap();
    assert!(text.starts_with(before), "{text}");
    assert!(
        text.contains("  - folder: Petstore\n    requests:\n      - folder: pet\n"),
        "{text}"
    );
    let (code, out, _) = run(&["check", "mine.yaml"], scratch.path());
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_broken_openapi_description_is_refused_with_its_place_and_nothing_is_written() {
    let scratch = Scratch::new();
    std::fs::write(
        scratch.path().join("api.yaml"),
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters: 7\n",
    )
    .unwrap();
    let (code, out, err) = run(
        &["import", "openapi", "api.yaml", "--into", "api-requests.yaml"],
        scratch.path(),
    );
    assert_ne!(code, 0, "{out}");
    assert!(err.contains("at paths./a.get.parameters"), "{err}");
    assert!(!scratch.path().join("api-requests.yaml").exists());
}

#[test]
fn a_bruno_collection_folder_becomes_folders_environments_and_requests_that_check() {
    let scratch = Scratch::new();
    // Its files (a CSV, images) are in the collection's folder, and found from the new file.
    let bruno = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bruno/shop");
    let (code, out, err) = run(&["import", "bruno", bruno, "--into", "shop.yaml"], scratch.path());
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("a WebSocket request"), "{out}");
    assert!(
        out.contains("a request read SHOP_OWNER from ")
            && out.contains("copy it into the .env beside the collection"),
        "Bruno's own .env is named, its values are not copied: {out}"
    );
    let (code, out, err) = run(&["check", "shop.yaml"], scratch.path());
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(scratch.path().join("shop.yaml")).unwrap();
    assert!(
        text.contains("  Staging:\n    base_url: https://staging.shop.example.com\n"),
        "environments in block style: {text}"
    );
    assert!(text.contains("    certificate: |-\n"), "{text}");
}

#[test]
fn an_insomnia_v5_yaml_export_imports_and_checks() {
    let scratch = Scratch::new();
    let export = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/insomnia/shop.insomnia.yaml"
    );
    std::fs::write(scratch.path().join("front.png"), b"\x89PNG").unwrap();
    let (code, out, err) = run(
        &["import", "insomnia", export, "--into", "shop.yaml"],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("imported 5 requests into shop.yaml:"), "{out}");
    let (code, out, err) = run(&["check", "shop.yaml"], scratch.path());
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_slumber_collection_becomes_environments_and_requests_with_chains_as_response_templates() {
    let scratch = Scratch::new();
    let slumber = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/slumber/v3.yml");
    let (code, out, err) = run(
        &["import", "slumber", slumber, "--into", "api.yaml"],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run(&["check", "api.yaml"], scratch.path());
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(scratch.path().join("api.yaml")).unwrap();
    assert!(
        text.contains("{{ response."),
        "a chain became a response template: {text}"
    );
    let broken = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/slumber/broken.yml");
    let (code, _, err) = run(&["import", "slumber", broken, "--into", "b.yaml"], scratch.path());
    assert_ne!(code, 0);
    assert!(
        err.contains("broken.yml: line 4, column"),
        "the file and the place: {err}"
    );
    assert!(!scratch.path().join("b.yaml").exists());
}

#[test]
fn a_posting_collection_folder_becomes_folders_and_requests_that_check() {
    let scratch = Scratch::new();
    let posting = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/posting/shop");
    let (code, out, err) = run(
        &["import", "posting", posting, "--into", "shop.yaml"],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("imported 7 requests into shop.yaml:"), "{out}");
    assert!(out.contains("digest auth"), "{out}");
    let (code, out, err) = run(&["check", "shop.yaml"], scratch.path());
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn chained_references_follow_the_requests_under_a_folder() {
    let scratch = Scratch::new();
    let slumber = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/slumber/v3.yml");
    let (code, out, err) = run(
        &[
            "import",
            "slumber",
            slumber,
            "--into",
            "api.yaml",
            "--folder",
            "Vendor/Slumber",
        ],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(scratch.path().join("api.yaml")).unwrap();
    assert!(
        text.contains("{{ response.Vendor/Slumber/login.body.$.token }}"),
        "{text}"
    );
    assert!(!text.contains("{{ response.login."), "{text}");
    let (code, out, err) = run(&["check", "api.yaml"], scratch.path());
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_new_file_takes_the_sources_name_and_its_description_and_files_stay_found() {
    let scratch = Scratch::new();
    let spec = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/openapi/orders-3.0.json"
    );
    std::fs::create_dir_all(scratch.path().join("specs")).unwrap();
    std::fs::copy(spec, scratch.path().join("specs/orders.json")).unwrap();
    let (code, out, err) = run(
        &[
            "import",
            "openapi",
            "specs/orders.json",
            "--into",
            "collections/orders.yaml",
        ],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(scratch.path().join("collections/orders.yaml")).unwrap();
    assert!(
        text.starts_with("name: Orders\nopenapi: ../specs/orders.json\n"),
        "{text}"
    );
    let (code, out, err) = run(&["check", "collections/orders.yaml"], scratch.path());
    assert_eq!(code, 0, "the description it names loads: {out}{err}");
    // Imported again: the names its folder has already are said.
    let (_, out, _) = run(
        &[
            "import",
            "openapi",
            "specs/orders.json",
            "--into",
            "collections/orders.yaml",
        ],
        scratch.path(),
    );
    assert!(
        out.contains("were renamed: `listOrders` → `listOrders 2`"),
        "{out}"
    );
    // A `.http` file's `< ./file` is found from the collection, wherever that is.
    std::fs::write(
        scratch.path().join("specs/upload.http"),
        "POST https://api.example.com/prices\nContent-Type: text/csv\n\n< ./prices.csv\n",
    )
    .unwrap();
    std::fs::write(scratch.path().join("specs/prices.csv"), "sku,price\n").unwrap();
    let (code, out, err) = run(
        &[
            "import",
            "http",
            "specs/upload.http",
            "--into",
            "collections/upload.yaml",
        ],
        scratch.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(scratch.path().join("collections/upload.yaml")).unwrap();
    assert!(text.contains("../specs/prices.csv"), "{text}");
    let (code, out, err) = run(&["check", "collections/upload.yaml"], scratch.path());
    assert_eq!(code, 0, "{out}{err}");
}
