//! The curl corpus (tests/fixtures/curl/corpus.yaml: 74 lines in the styles of 20 products'
//! docs and of Chrome's and Firefox's "copy as cURL", each checked against the real curl):
//! every line imports to the request curl would send — method, URL, headers, body, options
//! — and reports what it could not map; import → export → import gives the same request;
//! every malformed line is refused.

use std::path::PathBuf;

use apibench::collection::{Body, Item, Part, parse_collection};
use apibench::http::ResolvedRequest;
use apibench::interop::curl::{command, import};
use apibench::request::{Context, prepare};
use apibench::template::NoResponses;
use serde_yaml::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/curl")
}

struct NoEnv;
impl apibench::template::EnvLookup for NoEnv {
    fn lookup(&self, _: &str) -> Option<(String, apibench::template::Origin)> {
        None
    }
}

/// The imported request prepared as apibench would send it, file paths read beside the
/// corpus' files.
fn prepared(request: &apibench::collection::Request) -> ResolvedRequest {
    let mut collection = parse_collection("requests: []\n", &fixtures().join("files/corpus.yaml")).unwrap();
    collection.items.push(Item::Request(Box::new(request.clone())));
    let path = apibench::collection::RequestPath::parse(&request.name);
    let empty = apibench::collection::Variables::new();
    let ctx = Context {
        collection: &collection,
        environment: None,
        overrides: &empty,
        captured: &empty,
        env: &NoEnv,
        responses: &NoResponses,
    };
    prepare(&ctx, &path, request).unwrap().request
}

fn text(v: &Value) -> String {
    v.as_str().map(str::to_owned).unwrap_or_default()
}

fn form(text: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(text.as_bytes())
        .into_owned()
        .collect()
}

/// What differs between the import of `entry` and what curl sends; empty when nothing.
fn differences(entry: &Value) -> Vec<String> {
    let expect = &entry["expect"];
    let mut wrong = Vec::new();
    let imported = match import(&text(&entry["command"]), None) {
        Ok(imported) => imported,
        Err(e) => return vec![format!("refused: {e}")],
    };
    let request = prepared(&imported.request);
    if request.method != text(&expect["method"]) {
        wrong.push(format!("method {} ≠ {}", request.method, text(&expect["method"])));
    }
    // Percent-escapes compared without regard to case (curl versions differ).
    if !request.url.eq_ignore_ascii_case(&text(&expect["url"])) {
        wrong.push(format!("url {} ≠ {}", request.url, text(&expect["url"])));
    }
    let essence = |v: &str| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let mut expected: Vec<(String, String)> = expect["headers"]
        .as_sequence()
        .into_iter()
        .flatten()
        .map(|p| (text(&p[0]).to_ascii_lowercase(), text(&p[1])))
        .collect();
    let mut got: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
        .collect();
    // A multipart type (and its boundary) is whoever sends it's own, and apibench's engine
    // adds its user-agent and accept-encoding to every request: those are the same on the
    // wire whether the command wrote them or not.
    let engine_adds = |n: &str, v: &str| {
        (n == "user-agent" && v == apibench::http::USER_AGENT)
            || (n == "accept-encoding" && v == apibench::http::ACCEPT_ENCODING)
    };
    for headers in [&mut expected, &mut got] {
        headers.retain(|(n, v)| {
            !(engine_adds(n, v) || n == "content-type" && essence(v) == "multipart/form-data")
        });
        headers.sort();
    }
    if got != expected {
        wrong.push(format!("headers {got:?} ≠ {expected:?}"));
    }
    let content_type = request.header("content-type").map(essence);
    match (expect["body"].as_str(), expect["multipart"].as_sequence()) {
        (Some(body), _) => {
            let sent = String::from_utf8_lossy(&request.body);
            let same = if content_type.as_deref() == Some("application/x-www-form-urlencoded") {
                form(&sent) == form(body)
            } else {
                sent == body
            };
            if !same {
                wrong.push(format!("body {sent:?} ≠ {body:?}"));
            }
        }
        (None, Some(parts)) => {
            let Some(Body::Multipart(got)) = &imported.request.body else {
                return vec![format!("not multipart: {:?}", imported.request.body)];
            };
            let explicit_types = text(&entry["command"]).contains(";type=");
            let got: Vec<(String, String, Option<String>)> = got
                .iter()
                .map(|p| match p {
                    Part::Value { name, value } => (name.clone(), format!("value {}", value.as_str()), None),
                    Part::File {
                        name,
                        path,
                        content_type,
                    } => (
                        name.clone(),
                        format!("file {}", path.as_str()),
                        content_type.clone(),
                    ),
                })
                .collect();
            let want: Vec<(String, String, Option<String>)> = parts
                .iter()
                .map(|p| {
                    let what = if p["file"].is_string() {
                        format!("file {}", text(&p["file"]))
                    } else {
                        format!("value {}", text(&p["value"]))
                    };
                    (
                        text(&p["name"]),
                        what,
                        p["type"].as_str().map(str::to_owned).filter(|_| explicit_types),
                    )
                })
                .collect();
            let got: Vec<_> = got
                .into_iter()
                .map(|(n, w, t)| (n, w, t.filter(|_| explicit_types)))
                .collect();
            if got != want {
                wrong.push(format!("parts {got:?} ≠ {want:?}"));
            }
        }
        (None, None) => {
            if !request.body.is_empty() && expect["unmapped"].as_sequence().is_none_or(Vec::is_empty) {
                wrong.push(format!(
                    "a body {:?} where curl sends none",
                    String::from_utf8_lossy(&request.body)
                ));
            }
        }
    }
    let options = &expect["options"];
    let insecure = options["insecure"].as_bool().unwrap_or(false);
    if request.options.insecure_tls != insecure {
        wrong.push(format!("insecure {}", request.options.insecure_tls));
    }
    for (key, got) in [
        ("timeout_seconds", imported.request.options.timeout),
        (
            "connect_timeout_seconds",
            imported.request.options.connect_timeout,
        ),
    ] {
        let want = options[key].as_f64();
        if got.map(|d| d.as_secs_f64()) != want {
            wrong.push(format!("{key} {got:?} ≠ {want:?}"));
        }
    }
    // Every option the corpus says cannot be mapped is reported.
    for option in expect["unmapped"].as_sequence().into_iter().flatten() {
        let option = text(option);
        // apibench's own redirect limit, and the URL taken as written: mapped, not lost.
        if option.starts_with("--max-redirs 10")
            || option.starts_with("--globoff")
            || option.starts_with("-g")
        {
            continue;
        }
        let flag = option.split_whitespace().next().unwrap_or(&option).to_owned();
        if !imported.unmapped.iter().any(|u| u.starts_with(&flag)) {
            wrong.push(format!("{option} not reported: {:?}", imported.unmapped));
        }
    }
    wrong
}

fn corpus() -> Vec<Value> {
    let text = std::fs::read_to_string(fixtures().join("corpus.yaml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// Lines the importer says it cannot import exactly, and why (checked to be said).
const DECLARED: &[(&str, &str)] = &[
    ("kubernetes-create-pod-from-file", "strips the file's line breaks"),
    ("curl-man-data-urlencode-forms", "when curl runs"),
    ("curl-man-data-at-file-strips-newlines", "and other data together"),
    (
        "curl-man-empty-and-removed-headers",
        "removes a header curl would add",
    ),
    (
        "apibench-copy-as-curl-roundtrip",
        "removes a header curl would add",
    ),
];

#[test]
fn every_line_of_the_corpus_imports_to_what_curl_sends() {
    let entries = corpus();
    assert!(entries.len() >= 40);
    let mut wrong = Vec::new();
    for entry in &entries {
        let name = text(&entry["name"]);
        let differs = differences(entry);
        match DECLARED.iter().find(|(n, _)| *n == name) {
            Some((_, said)) => {
                let unmapped = import(&text(&entry["command"]), None)
                    .unwrap()
                    .unmapped
                    .join("\n");
                assert!(unmapped.contains(said), "{name} must say it: {unmapped}");
            }
            None if !differs.is_empty() => wrong.push(format!("{name}: {}", differs.join("; "))),
            None => {}
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} differ:\n{}",
        wrong.len(),
        entries.len(),
        wrong.join("\n")
    );
}

#[test]
fn import_export_import_gives_the_same_request() {
    let mut piped = 0;
    for entry in corpus() {
        let name = text(&entry["name"]);
        let first = import(&text(&entry["command"]), Some("R")).unwrap().request;
        let exported = command(&prepared(&first));
        // A body that is not text (a multipart upload of a file) goes out piped from
        // printf, which is not a curl command to read back.
        if exported.starts_with("printf ") {
            piped += 1;
            continue;
        }
        let second = import(&exported, Some("R"))
            .unwrap_or_else(|e| panic!("{name}: {e}\n{exported}"))
            .request;
        let canonical = |r: ResolvedRequest| {
            let mut headers: Vec<(String, String)> = r
                .headers
                .into_iter()
                .map(|(n, v)| (n.to_ascii_lowercase(), v))
                .collect();
            headers.sort();
            (r.method, r.url, headers, r.body, r.options)
        };
        assert_eq!(
            canonical(prepared(&second)),
            canonical(prepared(&first)),
            "{name}:\n{exported}"
        );
    }
    assert!(piped <= 4, "{piped} lines went out as bytes");
}

#[test]
fn every_malformed_line_is_refused() {
    let text_of = std::fs::read_to_string(fixtures().join("malformed.yaml")).unwrap();
    let entries: Vec<Value> = serde_yaml::from_str(&text_of).unwrap();
    assert!(entries.len() >= 8);
    for entry in entries {
        assert!(
            import(&text(&entry["command"]), None).is_err(),
            "{} was read: {}",
            text(&entry["name"]),
            text(&entry["why"])
        );
    }
}
