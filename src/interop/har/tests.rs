//! Reading a HAR archive as Chrome saves it: grouping by host, what is never imported, the
//! options, bodies, and archives that are not HAR.

use super::*;
use crate::collection::Body;

fn archive() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/har/shop.har"
    ))
    .unwrap()
}

fn headers(r: &Request) -> Vec<(String, String)> {
    r.headers
        .iter()
        .map(|(n, v)| (n.clone(), v.as_str().to_owned()))
        .collect()
}

#[test]
fn each_entry_is_a_request_grouped_by_host_with_its_headers_and_body() {
    let imported = import(&archive(), HarOptions::default()).unwrap();
    let hosts: Vec<(&str, Vec<&str>)> = imported
        .hosts
        .iter()
        .map(|(h, rs)| (h.as_str(), rs.iter().map(|r| r.name.as_str()).collect()))
        .collect();
    // Names are made unique where they land, in the collection.
    assert_eq!(
        hosts,
        [
            ("shop.example.com", vec!["shop.example.com"]),
            ("api.shop.example.com", vec!["cart", "items", "items"]),
        ]
    );
    assert_eq!(
        imported.skipped,
        ["1 entries that are not http(s) (data:, blob:, ws:)"]
    );
    let cart = &imported.hosts[1].1[0];
    assert_eq!(
        cart.url.as_str(),
        "https://api.shop.example.com/v1/cart?currency=EUR"
    );
    // No pseudo-header, no accept-encoding (the client writes its own); a template-looking
    // value stays literal.
    let names: Vec<String> = headers(cart).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "accept",
            "authorization",
            "cookie",
            "sec-ch-ua",
            "sec-fetch-mode",
            "referer"
        ]
    );
    assert_eq!(
        cart.headers[1].1.as_str(),
        "Bearer {{ \"{{\" }} not-a-variable }}"
    );

    let json = &imported.hosts[1].1[1];
    assert!(
        matches!(
            &json.body,
            Some(Body::Json {
                content_type: None,
                ..
            })
        ),
        "{:?}",
        json.body
    );
    assert!(
        json.headers.is_empty(),
        "content-type moved into the body, content-length dropped"
    );
    let form = &imported.hosts[1].1[2];
    let Some(Body::Form(rows)) = &form.body else {
        panic!("{:?}", form.body)
    };
    assert_eq!(rows.len(), 2);
}

#[test]
fn only_xhr_without_cookies_or_tracking_headers() {
    let options = HarOptions {
        only_xhr: true,
        drop_cookies: true,
        drop_tracking: true,
    };
    let imported = import(&archive(), options).unwrap();
    assert_eq!(imported.hosts.len(), 1, "the page itself is not XHR");
    let cart = &imported.hosts[0].1[0];
    let names: Vec<String> = headers(cart).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["accept", "authorization"]);
    assert!(
        imported.skipped[0].starts_with("2 entries that are not XHR/fetch"),
        "{:?}",
        imported.skipped
    );
}

#[test]
fn what_is_not_a_har_archive_is_refused_with_where() {
    let error = import(
        "{\"log\": {\"entries\": [ {\"request\": 1} ]}}",
        HarOptions::default(),
    )
    .unwrap_err();
    assert!(error.to_string().contains("line 1 column"), "{error}");
    assert!(matches!(
        import("not json", HarOptions::default()),
        Err(HarError::NotHar(_))
    ));
    let newer = "{\"log\": {\"version\": \"2.0\", \"entries\": []}}";
    assert_eq!(
        import(newer, HarOptions::default()),
        Err(HarError::Version("2.0".into()))
    );
}
